"""A total time limit per HTTP fetch, headers included.

httpx's timeouts bound each network wait, not a whole request: a server that sends its headers one byte
a second never lets a 5-second read timeout expire, and held ``ingest URL`` for 113 s. httpx has no
total timeout of its own, so this wraps httpcore's network streams: inside ``deadline(seconds)``, every
connect, read and write waits at most until the deadline, and one that starts after it fails at once
with httpcore's ``ReadTimeout`` (which httpx reports as ``httpx.ReadTimeout``). The deadline is a
context variable, so one client serves fetches with deadlines of their own.

The wrapped backend goes into the client's transport pool (``deadline_transport``). That pool is a
private attribute of ``httpx.HTTPTransport``, which takes no network backend of its own; a proxy from
the environment gets httpx's own transport and only the per-read timeouts.
"""

from __future__ import annotations

import contextvars
import ssl
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import httpcore
import httpx

_DEADLINE: contextvars.ContextVar[float | None] = contextvars.ContextVar(
    "dealgraph_http_deadline", default=None
)


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Every network wait inside the block ends by ``seconds`` from now."""
    token = _DEADLINE.set(time.monotonic() + seconds)
    try:
        yield
    finally:
        _DEADLINE.reset(token)


def _remaining(timeout: float | None) -> float | None:
    end = _DEADLINE.get()
    if end is None:
        return timeout
    left = end - time.monotonic()
    if left <= 0:
        raise httpcore.ReadTimeout("the request's total time limit has passed")
    return left if timeout is None else min(timeout, left)


class _Stream(httpcore.NetworkStream):
    def __init__(self, stream: httpcore.NetworkStream) -> None:
        self.stream = stream

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self.stream.read(max_bytes, _remaining(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self.stream.write(buffer, _remaining(timeout))

    def close(self) -> None:
        self.stream.close()

    def start_tls(
        self, ssl_context: ssl.SSLContext, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.NetworkStream:
        return _Stream(self.stream.start_tls(ssl_context, server_hostname, _remaining(timeout)))

    def get_extra_info(self, info: str) -> Any:
        return self.stream.get_extra_info(info)


class _Backend(httpcore.NetworkBackend):
    def __init__(self) -> None:
        self.backend = httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        stream = self.backend.connect_tcp(host, port, _remaining(timeout), local_address, socket_options)
        return _Stream(stream)

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore.NetworkStream:
        return _Stream(self.backend.connect_unix_socket(path, _remaining(timeout), socket_options))

    def sleep(self, seconds: float) -> None:
        self.backend.sleep(seconds)


def deadline_transport() -> httpx.HTTPTransport:
    """An ``httpx.HTTPTransport`` whose connections keep to ``deadline``."""
    transport = httpx.HTTPTransport()
    transport._pool = httpcore.ConnectionPool(  # see the module's docstring
        ssl_context=httpx.create_ssl_context(), network_backend=_Backend()
    )
    return transport
