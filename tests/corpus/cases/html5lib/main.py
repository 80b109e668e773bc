"""html5lib: spec-compliant parsing of broken HTML, tree walking, sanitising serialisation."""
import html5lib
from html5lib import treebuilders, treewalkers
from html5lib.serializer import HTMLSerializer

BROKEN = "<p>Unclosed <b>bold <i>italic</p><table><td>cell<tr><td>two</table><!-- c --><script>x<1</script>"

doc = html5lib.parse(BROKEN, namespaceHTMLElements=False)
print([el.tag if isinstance(el.tag, str) else "<comment>" for el in doc.iter()])
print(html5lib.serialize(doc, tree="etree", quote_attr_values="always", omit_optional_tags=False))

dom = html5lib.HTMLParser(tree=treebuilders.getTreeBuilder("dom")).parse(BROKEN)
walker = treewalkers.getTreeWalker("dom")
tokens = [t["type"] for t in walker(dom)]
print(len(tokens), tokens[:12])
print(HTMLSerializer(omit_optional_tags=True).render(walker(dom)))
frag = html5lib.parseFragment("<li>one<li>two", container="ul", namespaceHTMLElements=False)
print([li.text for li in frag])
