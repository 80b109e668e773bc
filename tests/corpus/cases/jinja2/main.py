from jinja2 import Template

from site_gen import render_site

PAGES = [
    {"slug": "index", "title": "Home", "body": "Welcome <script>alert(1)</script> & hello",
     "tags": ["home", "intro"]},
    {"slug": "about", "title": "About", "body": "About this site", "tags": ["b", "a", "c"]},
]
for slug, html in render_site(PAGES).items():
    print(f"== {slug}.html")
    print(html)
print(Template("{{ x | join(', ') }} {{ '%05.1f' | format(y) }}").render(x=[1, 2, 3], y=3.14159))
