"""ETag and Cache-Control on the API's JSON reads, as plain ASGI middleware.

The ETag is a hash of the response body, so it changes exactly when the answer does, whatever changed
the store; ``Cache-Control: no-cache`` lets a client keep the answer but ask again each time, and a
request whose ``If-None-Match`` names the current ETag gets ``304 Not Modified`` with no body. The
route still runs: this saves the transfer, not the read. Only successful ``GET``s answered with
``application/json`` are tagged (pages, errors and writes are not)."""

from __future__ import annotations

import hashlib

from starlette.types import ASGIApp, Message, Receive, Scope, Send

CACHE_CONTROL = b"no-cache"


def etag(body: bytes) -> bytes:
    return b'"' + hashlib.blake2b(body, digest_size=16).hexdigest().encode() + b'"'


def _matches(header: bytes, tag: bytes) -> bool:
    given = [t.strip().removeprefix(b"W/") for t in header.split(b",")]
    return b"*" in given or tag in given


class ETags:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET":
            await self.app(scope, receive, send)
            return
        start: Message | None = None
        chunks: list[bytes] = []

        async def buffer(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                headers = dict(message.get("headers", []))
                json = headers.get(b"content-type", b"").startswith(b"application/json")
                if message["status"] != 200 or not json:
                    start = None
                    await send(message)
                    return
                start = message
                return
            if start is None:
                await send(message)
                return
            chunks.append(message.get("body", b""))
            if not message.get("more_body", False):
                await _finish(scope, start, b"".join(chunks), send)

        await self.app(scope, receive, buffer)


async def _finish(scope: Scope, start: Message, body: bytes, send: Send) -> None:
    tag = etag(body)
    request = dict(scope.get("headers", []))
    headers = [(k, v) for k, v in start.get("headers", []) if k not in (b"etag", b"cache-control")]
    headers += [(b"etag", tag), (b"cache-control", CACHE_CONTROL)]
    if _matches(request.get(b"if-none-match", b""), tag):
        kept = [(k, v) for k, v in headers if k not in (b"content-length", b"content-type")]
        await send({"type": "http.response.start", "status": 304, "headers": kept})
        await send({"type": "http.response.body", "body": b""})
        return
    await send({**start, "headers": headers})
    await send({"type": "http.response.body", "body": body})
