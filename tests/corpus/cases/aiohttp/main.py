"""aiohttp server and client on 127.0.0.1 in one event loop: routes, JSON, websockets, middleware."""
import asyncio

from aiohttp import ClientSession, WSMsgType, web
from multidict import CIMultiDict
from yarl import URL


@web.middleware
async def tag(request, handler):
    resp = await handler(request)
    resp.headers["X-Corpus"] = "1"
    return resp


async def hello(request):
    return web.json_response({"hello": request.match_info["name"], "q": request.query.get("q")})


async def echo(request):
    data = await request.json()
    return web.json_response({"reversed": data["text"][::-1]}, status=201)


async def ws(request):
    sock = web.WebSocketResponse()
    await sock.prepare(request)
    async for msg in sock:
        if msg.type == WSMsgType.TEXT:
            await sock.send_str(msg.data.upper())
            if msg.data == "bye":
                await sock.close()
    return sock


async def main():
    app = web.Application(middlewares=[tag])
    app.add_routes([web.get("/hello/{name}", hello), web.post("/echo", echo), web.get("/ws", ws)])
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]
    base = URL.build(scheme="http", host="127.0.0.1", port=port)
    async with ClientSession() as s:
        async with s.get(base / "hello" / "world", params={"q": "x y"}) as r:
            print(r.status, r.headers["X-Corpus"], await r.json())
        async with s.post(base / "echo", json={"text": "stressed"}) as r:
            print(r.status, await r.json())
        async with s.get(base / "missing") as r:
            print(r.status, r.reason)
        async with s.ws_connect(base / "ws") as sock:
            for word in ("ping", "bye"):
                await sock.send_str(word)
                print("ws:", (await sock.receive()).data)
    await runner.cleanup()
    h = CIMultiDict(a="1")
    h.add("A", "2")
    print(h.getall("a"), URL("http://h.invalid/a/b?x=1").with_query(y="2").human_repr())


asyncio.run(main())
