from mako.lookup import TemplateLookup
from mako.template import Template

lookup = TemplateLookup()
lookup.put_string("base.mako", """<html><body>
<%block name="header"><h1>${title | h}</h1></%block>
${next.body()}
</body></html>""")
lookup.put_string("report.mako", """<%inherit file="base.mako"/>
<%def name="row(name, qty)"><tr><td>${name}</td><td>${"%4d" % qty}</td></tr></%def>
<table>
% for name, qty in sorted(items.items()):
${row(name, qty)}
% endfor
</table>
<p>Total: ${sum(items.values())}</p>
""")
print(lookup.get_template("report.mako").render(title="Stock <report>",
                                                items={"pears": 3, "apples": 12, "figs": 7}))
t = Template("${x * 2} ${', '.join(names)}\n% if flag:\nyes\n% else:\nno\n% endif\n")
print(t.render(x=21, names=["a", "b"], flag=True))
print(t.code.count("def render_body"))
