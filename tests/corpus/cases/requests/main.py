"""requests without a network: a Session with a transport adapter that answers locally."""
import json

import requests
from requests.adapters import BaseAdapter
from requests.models import Response


class EchoAdapter(BaseAdapter):
    """Answers every request with a JSON echo of what was sent."""

    def send(self, request, **kwargs):
        resp = Response()
        body = request.body.decode() if isinstance(request.body, bytes) else request.body
        payload = {"method": request.method, "url": request.url, "body": body,
                   "content_type": request.headers.get("Content-Type"),
                   "auth": request.headers.get("Authorization")}
        status = 404 if "missing" in request.url else 200
        resp.status_code, resp.reason = status, "OK" if status == 200 else "Not Found"
        resp._content = json.dumps(payload, sort_keys=True).encode()
        resp.headers["Content-Type"] = "application/json; charset=utf-8"
        resp.encoding, resp.url, resp.request = "utf-8", request.url, request
        return resp

    def close(self):
        pass


s = requests.Session()
s.mount("https://api.invalid/", EchoAdapter())
s.headers.update({"User-Agent": "corpus/1.0"})
r = s.get("https://api.invalid/items", params={"q": "naïve café", "page": 2})
print(r.status_code, r.json())
r = s.post("https://api.invalid/items", json={"name": "widget", "n": 3}, auth=("user", "pass"))
print(r.json())
r = s.post("https://api.invalid/form", data={"a": "1", "b": ["x", "y"]})
print(r.json()["body"], r.json()["content_type"])
r = s.get("https://api.invalid/missing")
try:
    r.raise_for_status()
except requests.HTTPError as exc:
    print("HTTPError:", exc)
p = requests.Request("PUT", "http://example.invalid/a b", files={"f": ("x.txt", b"data")},
                     data={"k": "v"}).prepare()
print(p.method, p.url, p.headers["Content-Type"].split(";")[0], len(p.body) > 0)
print(requests.utils.requote_uri("http://h/ü?x=a b"), requests.utils.parse_header_links('<http://a>; rel="next"'))
try:
    requests.get("http://127.0.0.1:9/", timeout=2)
except requests.ConnectionError:
    print("ConnectionError on a closed local port")
