"""XML and HTML with lxml: parse, XPath, ElementPath, XSLT, schema-less validation, HTML cleanup."""
from io import BytesIO

from lxml import etree, html

CATALOG = b"""<?xml version="1.0"?>
<catalog xmlns:p="urn:price">
  <book id="b1" lang="en"><title>Dune</title><author>Herbert</author><p:price>9.99</p:price></book>
  <book id="b2" lang="fr"><title>L'Etranger</title><author>Camus</author><p:price>7.50</p:price></book>
  <book id="b3" lang="en"><title>Emma</title><author>Austen</author><p:price>5.25</p:price></book>
</catalog>"""

root = etree.parse(BytesIO(CATALOG)).getroot()
ns = {"p": "urn:price"}
print("titles:", root.xpath("//book[@lang='en']/title/text()"))
print("total:", sum(float(p) for p in root.xpath("//p:price/text()", namespaces=ns)))
print("findall:", [b.get("id") for b in root.findall(".//book")])
print("iterfind:", [t.text for t in root.iterfind("book/title")])
print("find ns:", root.find("book/{urn:price}price").text)
print("count:", root.xpath("count(//book)"))

xslt = etree.XSLT(etree.XML(b"""<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:p="urn:price">
  <xsl:output method="text"/>
  <xsl:template match="/">
    <xsl:for-each select="//book"><xsl:sort select="p:price" data-type="number"/>
      <xsl:value-of select="title"/>=<xsl:value-of select="p:price"/>;</xsl:for-each>
  </xsl:template>
</xsl:stylesheet>"""))
print("xslt:", str(xslt(root.getroottree())))

new = etree.Element("summary", count=str(len(root)))
for book in root:
    etree.SubElement(new, "item").text = book.findtext("title").upper()
print(etree.tostring(new, pretty_print=True).decode())
print(etree.tostring(etree.fromstring("<a><b>x</b><!-- c --></a>"), method="c14n").decode())

doc = html.fromstring("<html><body><div class='x'><p>One<p>Two <a href='/rel'>link</a></div>"
                      "<ul><li>a<li>b</ul></body></html>")
doc.make_links_absolute("http://example.invalid/base/")
print("links:", [l for _, _, l, _ in doc.iterlinks()])
print("css-ish:", [p.text_content() for p in doc.xpath("//div[@class='x']/p")])
print(html.tostring(doc, pretty_print=True).decode())
try:
    etree.fromstring(b"<broken><tag></broken>")
except etree.XMLSyntaxError as exc:
    print("syntax error:", exc.msg)
