"""A scripted stand-in for an LRS: an ``http.server`` on a loopback address, in a thread.

Each test chooses the answer (a function of the request): a conforming LRS, a redirect, a captive
portal's page, an endless or binary body, a server that dribbles one byte at a time… The requests
are recorded (method, path, headers, body) so a test can tell what reached which server, and every
body the server writes is counted so a test can check the game stopped reading.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

XAPI_HEADER = {"X-Experience-API-Version": "1.0.3"}


@dataclass(frozen=True)
class Seen:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes

    @property
    def ids(self) -> list[str]:
        """The ids of the statements posted."""
        return [s.get("id", "") for s in json.loads(self.body)] if self.body else []


Answer = Callable[["_Handler", Seen], None]


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (the base class's name)
        pass

    def _serve(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        seen = Seen(self.command, self.path, {k.lower(): v for k, v in self.headers.items()}, self.rfile.read(length))
        fake = self.server.fake
        fake.requests.append(seen)
        try:
            fake.answer_for(seen)(self, seen)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the game hung up: what it should do facing an endless answer

    do_GET = do_POST = do_PUT = _serve

    # writing helpers -------------------------------------------------------------------
    def head(self, status: int, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()

    def body(self, data: bytes) -> None:
        self.wfile.write(data)
        self.wfile.flush()
        self.server.fake.bytes_sent += len(data)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    fake: FakeLrs


@dataclass
class FakeLrs:
    """``answers`` maps a path prefix to an answer; the longest prefix that matches wins."""

    host: str = "127.0.0.1"
    answers: dict[str, Answer] = field(default_factory=dict)
    requests: list[Seen] = field(default_factory=list)
    bytes_sent: int = 0

    def __post_init__(self) -> None:
        self._server = _Server((self.host, 0), _Handler)
        self._server.fake = self
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.02,), name="fake-lrs",
                                        daemon=True)
        self._thread.start()

    @property
    def base(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def endpoint(self) -> str:
        return self.base + "/xAPI/"

    def answer_for(self, seen: Seen) -> Answer:
        matches = [p for p in self.answers if seen.path.startswith(p)]
        return self.answers[max(matches, key=len)] if matches else conforming()

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()


# answers --------------------------------------------------------------------------------
def conforming(transform: Callable[[list[str]], Any] = lambda ids: ids) -> Answer:
    """A POST gets its ids back (``transform`` can change them); a GET gets an empty page."""

    def answer(h: _Handler, seen: Seen) -> None:
        payload = transform(seen.ids) if seen.method == "POST" else {"statements": [], "more": ""}
        data = json.dumps(payload).encode()
        h.head(200, {**XAPI_HEADER, "Content-Type": "application/json", "Content-Length": str(len(data))})
        h.body(data)

    return answer


def raw(status: int, data: bytes, content_type: str = "application/json", headers: dict[str, str] | None = None) -> Answer:
    def answer(h: _Handler, seen: Seen) -> None:
        h.head(status, {"Content-Type": content_type, "Content-Length": str(len(data)), **(headers or {})})
        h.body(data)

    return answer


def redirect(status: int, location: str) -> Answer:
    return raw(status, b"", "text/plain", {"Location": location})


def endless(chunk: bytes = b"[" * 65536, give_up_after: int = 64 * 2**20) -> Answer:
    """A 200 whose body never ends (until the game hangs up, or ``give_up_after`` bytes: the old code's cap)."""

    def answer(h: _Handler, seen: Seen) -> None:
        h.head(200, {**XAPI_HEADER, "Content-Type": "application/json"})  # no length: the body ends at close
        while h.server.fake.bytes_sent < give_up_after:
            h.body(chunk)

    return answer


def dribble(every: float = 0.05, give_up_after: float = 25.0, in_headers: bool = False) -> Answer:
    """One byte every ``every`` seconds: of a valid-looking body after the headers, or of a header itself."""

    def answer(h: _Handler, seen: Seen) -> None:
        if in_headers:
            h.wfile.write(b"HTTP/1.0 200 OK\r\nX-Slow: ")
        else:
            h.head(200, {**XAPI_HEADER, "Content-Type": "application/json"})
        stop = time.monotonic() + give_up_after
        while time.monotonic() < stop:
            h.body(b" " if not in_headers else b"a")
            time.sleep(every)

    return answer


def serving(host: str = "127.0.0.1") -> Iterator[FakeLrs]:
    fake = FakeLrs(host)
    try:
        yield fake
    finally:
        fake.close()
