"""A tiny static-site generator whose templates live in its package."""
from jinja2 import Environment, PackageLoader, select_autoescape


def render_site(pages):
    env = Environment(loader=PackageLoader("site_gen"), autoescape=select_autoescape(),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["shout"] = lambda s: s.upper() + "!"
    out = {}
    for page in pages:
        out[page["slug"]] = env.get_template("page.html").render(page=page, pages=pages)
    return out
