"""requests over HTTPS to a server on 127.0.0.1: certificate verification
against certifi's CA store (Debian: the system's store) and against a given
CA file. No network: the server runs in this process with a self-signed
certificate (a test-only key in the working directory)."""
import http.server
import os
import ssl
import threading

import certifi
import requests

CERT = os.path.abspath("test-only-cert.pem")
KEY = os.path.abspath("test-only-key.pem")


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = f"hello over {self.request.version()} to {self.path}\n".encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
context.minimum_version = ssl.TLSVersion.TLSv1_3
context.load_cert_chain(CERT, KEY)
server.socket = context.wrap_socket(server.socket, server_side=True)
threading.Thread(target=server.serve_forever, daemon=True).start()
url = f"https://127.0.0.1:{server.server_address[1]}/path?q=1"

with open(certifi.where(), encoding="ascii") as f:
    store = f.read()
print("CA store certificates:", store.count("BEGIN CERTIFICATE"), "(more than 100:", store.count("BEGIN CERTIFICATE") > 100, ")")
ctx = ssl.create_default_context(cafile=certifi.where())
print("loaded into a context:", ctx.cert_store_stats()["x509_ca"] == store.count("BEGIN CERTIFICATE"))

try:
    requests.get(url, timeout=10)
    print("default verification: accepted (wrong: the certificate is self-signed)")
except requests.exceptions.SSLError as e:
    print("default verification: refused,", "CERTIFICATE_VERIFY_FAILED" in str(e))

r = requests.get(url, timeout=10, verify=CERT)
print("verify=CERT:", r.status_code, r.headers["Content-Type"], r.text.strip())
with requests.Session() as s:
    print("session:", [s.get(url + str(i), timeout=10, verify=CERT).text.strip()[-10:] for i in range(3)])
server.shutdown()
