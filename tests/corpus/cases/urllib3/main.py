"""urllib3 against an HTTP server on 127.0.0.1 in this process: pooling, retries, gzip, chunks."""
import gzip
import http.server
import json
import threading

import urllib3


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def _send(self, code, body, headers=()):
        self.send_response(code)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        if self.path.startswith("/gzip"):
            self._send(200, gzip.compress(b"compressed hello" * 3, mtime=0), [("Content-Encoding", "gzip")])
        elif self.path == "/redirect":
            self._send(302, b"", [("Location", "/json?from=redirect")])
        elif self.path == "/error":
            self._send(503, b"busy")
        else:
            self._send(200, json.dumps({"path": self.path, "ua": self.headers["User-Agent"]}).encode(),
                       [("Content-Type", "application/json")])

    def do_POST(self):
        data = self.rfile.read(int(self.headers["Content-Length"]))
        self._send(201, data[::-1])


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
threading.Thread(target=server.serve_forever, daemon=True).start()
base = f"http://127.0.0.1:{server.server_address[1]}"
http = urllib3.PoolManager(headers={"User-Agent": "corpus"})
r = http.request("GET", base + "/json?x=1")
print(r.status, json.loads(r.data))
r = http.request("GET", base + "/gzip")
print(r.status, r.headers["Content-Encoding"], r.data)
r = http.request("GET", base + "/redirect")
print(r.status, json.loads(r.data)["path"], len(r.retries.history))
r = http.request("POST", base + "/echo", body=b"abcdef", headers={"Content-Type": "text/plain"})
print(r.status, r.data)
r = http.request("GET", base + "/error", retries=urllib3.Retry(total=2, status_forcelist=[503], backoff_factor=0,
                                                              raise_on_status=False))
print(r.status, r.data, len(r.retries.history))
print(urllib3.util.parse_url("https://user@h.invalid:8443/p?q=1#f"))
print(http.connection_from_url(base).num_connections)
server.shutdown()
