"""A Flask application exercised through its test client: routes, templates, JSON, sessions, errors."""
from flask import Flask, abort, jsonify, render_template_string, request, session, url_for

app = Flask(__name__)
app.config.update(SECRET_KEY="corpus", TESTING=True)
ITEMS = {1: "apple", 2: "pear"}
PAGE = "<h1>{{ title }}</h1><ul>{% for k, v in items|dictsort %}<li><a href='{{ url_for('item', item_id=k) }}'>{{ v }}</a></li>{% endfor %}</ul>"


@app.route("/")
def index():
    return render_template_string(PAGE, title="Items <all>", items=ITEMS)


@app.route("/items/<int:item_id>")
def item(item_id):
    if item_id not in ITEMS:
        abort(404)
    session["seen"] = session.get("seen", 0) + 1
    return jsonify(id=item_id, name=ITEMS[item_id], seen=session["seen"])


@app.post("/items")
def create():
    data = request.get_json()
    ITEMS[max(ITEMS) + 1] = data["name"]
    return jsonify(created=max(ITEMS)), 201


@app.errorhandler(404)
def missing(e):
    return jsonify(error="not found", path=request.path), 404


with app.test_client() as client:
    for method, url, body in [("GET", "/", None), ("GET", "/items/1", None), ("GET", "/items/1", None),
                              ("POST", "/items", {"name": "fig"}), ("GET", "/items/3", None),
                              ("GET", "/items/9", None), ("DELETE", "/items", None)]:
        r = client.open(url, method=method, json=body)
        print(method, url, r.status_code, r.content_type, r.get_data(as_text=True).strip())
with app.test_request_context():
    print(url_for("item", item_id=2, _external=True))
print(sorted(r.rule for r in app.url_map.iter_rules()))
