"""Scraping a page with BeautifulSoup: the html.parser, lxml and lxml-xml tree builders."""
from bs4 import BeautifulSoup

PAGE = """<html><head><title>Shop &amp; co</title></head><body>
<div id="main"><h1 class="t">Products</h1>
<table><tr><th>Name</th><th>Price</th></tr>
<tr class="p"><td>Apple</td><td>1.20</td></tr>
<tr class="p"><td>Pear</td><td>0.80</td></tr>
<tr class="p sale"><td>Fig</td><td>2.50</td></tr></table>
<p>See <a href="/a">A</a> and <a href="/b" rel="nofollow">B</a><br>unclosed <b>bold
</div></body></html>"""

for builder in ("html.parser", "lxml"):
    soup = BeautifulSoup(PAGE, builder)
    print(f"== {builder}")
    print("title:", soup.title.string)
    rows = [[td.get_text() for td in tr.find_all("td")] for tr in soup.select("tr.p")]
    print("rows:", rows)
    print("sale:", soup.select_one("tr.sale td").text)
    print("links:", [(a["href"], a.get("rel")) for a in soup.find_all("a")])
    print("total:", round(sum(float(r[1]) for r in rows), 2))
    soup.h1.string = "Catalogue"
    print(soup.find(id="main").h1)
    print(soup.find("p").decode_contents().strip())

xml = BeautifulSoup("<feed><entry n='1'>x</entry><entry n='2'>y</entry></feed>", "xml")
print("== xml", [(e["n"], e.text) for e in xml.find_all("entry")])
print(xml.prettify())
