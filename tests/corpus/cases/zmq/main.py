"""pyzmq (Cython, libzmq): PAIR, PUB/SUB and REQ/REP over inproc and 127.0.0.1 TCP, with a poller."""
import threading

import zmq

ctx = zmq.Context()
a, b = ctx.socket(zmq.PAIR), ctx.socket(zmq.PAIR)
a.bind("inproc://pair")
b.connect("inproc://pair")
a.send_multipart([b"hello", b"world"])
print("pair:", b.recv_multipart())
b.send_json({"n": 1, "s": "x"})
print("json:", a.recv_json())

rep = ctx.socket(zmq.REP)
port = rep.bind_to_random_port("tcp://127.0.0.1")


def serve():
    for _ in range(3):
        msg = rep.recv_string()
        rep.send_string(msg.upper())


t = threading.Thread(target=serve)
t.start()
req = ctx.socket(zmq.REQ)
req.connect(f"tcp://127.0.0.1:{port}")
for word in ("one", "two", "three"):
    req.send_string(word)
    print("rep:", req.recv_string())
t.join()

pub, sub = ctx.socket(zmq.PUB), ctx.socket(zmq.SUB)
pub.bind("inproc://pub")
sub.connect("inproc://pub")
sub.setsockopt(zmq.SUBSCRIBE, b"news")
poller = zmq.Poller()
poller.register(sub, zmq.POLLIN)
got = []
for i in range(200):
    pub.send(b"news %d" % i)
    pub.send(b"sport %d" % i)
    if dict(poller.poll(10)).get(sub):
        got.append(sub.recv())
        break
print("sub got news only:", bool(got) and got[0].startswith(b"news"))
print("versions:", zmq.zmq_version_info() >= (4, 0), zmq.pyzmq_version_info() >= (20,))
for s in (a, b, rep, req, pub, sub):
    s.close(linger=0)
ctx.term()
