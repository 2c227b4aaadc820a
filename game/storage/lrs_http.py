"""HTTP for the LRS client, bounded in size and in time, with redirects followed only when harmless.

urllib still does the work (proxies from ``http_proxy``…, TLS), with three changes:

- a body is read up to a limit, never whole: an endless answer is cut short;
- a request has an overall deadline besides the socket timeout: a server that sends one byte a
  second (each within the timeout) is cut off when the deadline passes, headers included;
- redirects are decided here, not by urllib (which turns a POST into a GET on 301/302/303 and
  passes the ``Authorization`` header to any host): only a redirect that keeps the method is
  followed, and with credentials only to the same host (or its https upgrade).

``urllib.request``, ``http.client`` and ``socket`` are imported at the first request: the title screen does
not need them (20 ms).
"""

from __future__ import annotations

import functools
import json
import threading
import urllib.parse
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from game.core.messages import N_, Message
from game.storage.oserrors import french_reason

if TYPE_CHECKING:
    import socket

MAX_REDIRECTS = 5
REDIRECTS = (301, 302, 303, 307, 308)

# why an answer is not used: short French phrases, shown in parentheses after « envoi non confirmé »
TOO_LONG = N_("réponse trop longue")
TOO_SLOW = N_("réponse trop lente")
BAD_HTTP = N_("réponse HTTP mal formée")
TOO_MANY_REDIRECTS = N_("trop de redirections")
EMPTY = N_("réponse vide")
HTML_PAGE = N_("page web au lieu d'une réponse xAPI, portail de connexion ?")
BINARY = N_("réponse binaire illisible")
NOT_JSON = N_("réponse qui n'est pas du JSON")


class LrsUnreachable(Exception):
    """No usable answer: no HTTP answer at all (refused connection, timeout, DNS…), or one of the
    subclasses below. Always worth trying again later. ``why`` is the system's cause in French when
    there is one (« le serveur refuse la connexion »)."""

    def __init__(self, text: str = "", why: Message | None = None) -> None:
        super().__init__(text)
        self.why = why


class LrsBadAnswer(LrsUnreachable):
    """An answer that cannot be used. ``str()`` is ``reason``, a French phrase marked with ``N_``
    (translated where it is shown); ``detail`` (status, content type…) is for the log only."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(reason)
        self.reason, self.detail = reason, detail

    @property
    def log_text(self) -> str:
        return f"{self.reason} ({self.detail})" if self.detail else self.reason


class LrsMoved(LrsUnreachable):
    """A redirect not followed: a POST sent elsewhere by 301/302/303 (it would become a GET), or a
    move to another host while credentials are set. ``address`` is what to configure instead."""

    def __init__(self, status: int, location: str) -> None:
        super().__init__(f"HTTP {status} vers {location}")
        self.status, self.location = status, location

    @property
    def address(self) -> str:
        """The endpoint to configure: the location without ``statements``, query or credentials."""
        parts = urllib.parse.urlsplit(self.location)
        host = parts.hostname or ""
        netloc = (f"[{host}]" if ":" in host else host) + (f":{parts.port}" if _port_or_none(parts) else "")
        path = parts.path[: -len("statements")] if parts.path.endswith("/statements") else parts.path
        return urllib.parse.urlunsplit((parts.scheme, netloc, path, "", ""))[:300]


@dataclass(frozen=True, slots=True)
class Answer:
    status: int
    body: bytes
    content_type: str = ""
    xapi_version: str = ""  # the X-Experience-API-Version header an LRS puts in every answer

    @property
    def detail(self) -> str:
        return f"HTTP {self.status}" + (f", {self.content_type}" if self.content_type else "")


def exchange(method: str, url: str, data: bytes | None, headers: dict[str, str], *, timeout: float,
             deadline: float, limit: int) -> Answer:
    """One request (and the redirects it may follow), its answer read up to ``limit`` bytes.

    ``timeout`` bounds each socket operation, ``deadline`` the whole exchange (seconds). A 2xx or
    3xx body longer than ``limit`` is refused; an error body is cut to ``limit`` (only its reason
    is used). Raises :class:`LrsUnreachable` (or a subclass); never anything else for an answer.
    """
    watch = _Watch(deadline)
    try:
        for _hop in range(MAX_REDIRECTS + 1):
            answer, location = _once(method, url, data, headers, timeout, limit, watch)
            if location is None:
                return answer
            url = _next_hop(method, url, answer.status, location, "Authorization" in headers)
        raise LrsBadAnswer(TOO_MANY_REDIRECTS, url)
    finally:
        watch.cancel()


def keeps_credentials(source: str, target: str) -> bool:
    """May Basic credentials sent to ``source`` go on to ``target``? Same scheme, host and port, or
    the https upgrade of the same host (any port): never another host, never back to plain http."""
    a, b = urllib.parse.urlsplit(source), urllib.parse.urlsplit(target)
    if not a.hostname or a.hostname != b.hostname or b.username or b.password:
        return False
    if (a.scheme, _port(a)) == (b.scheme, _port(b)):
        return True
    return (a.scheme, b.scheme) == ("http", "https")


def decode_json(answer: Answer) -> Any:
    """The JSON of a 2xx answer, or :class:`LrsBadAnswer` saying in French what came instead."""
    body = answer.body
    if not body.strip():
        raise LrsBadAnswer(EMPTY, answer.detail)
    if "html" in answer.content_type.lower() or body.lstrip()[:1] == b"<":
        raise LrsBadAnswer(HTML_PAGE, answer.detail)
    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise LrsBadAnswer(BINARY, answer.detail) from None
    try:
        return json.loads(text)
    except (ValueError, RecursionError):  # RecursionError: « [[[[… » nested beyond the parser's depth
        raise LrsBadAnswer(NOT_JSON, answer.detail) from None


# one hop ----------------------------------------------------------------------------------
def _once(method: str, url: str, data: bytes | None, headers: dict[str, str], timeout: float, limit: int,
          watch: _Watch) -> tuple[Answer, str | None]:
    import http.client
    import urllib.error
    import urllib.request

    req = urllib.request.Request(url, data=data, headers=headers, method=method)
    try:
        try:
            resp = _opener(watch).open(req, timeout=timeout)
        except urllib.error.HTTPError as exc:  # any status but 2xx, 3xx included (no redirect handler)
            resp = exc
        with resp:
            status, info = int(resp.status), resp.headers
            answer = Answer(status, b"", str(info.get("Content-Type") or ""),
                            str(info.get("X-Experience-API-Version") or ""))
            location = info.get("Location") if status in REDIRECTS else None
            if location:
                return answer, str(location)  # its body is not read
            length = info.get("Content-Length") or ""
            ok = 200 <= status < 400
            if ok and length.strip().isdigit() and int(length) > limit:
                raise LrsBadAnswer(TOO_LONG, f"{answer.detail}, {length} octets annoncés")
            body = _read(resp, limit, refuse_more=ok)
    except (OSError, http.client.HTTPException, ValueError) as exc:  # URLError and TimeoutError are OSErrors
        if watch.expired:
            raise LrsBadAnswer(TOO_SLOW, f"plus de {watch.seconds:.0f} s") from None
        if isinstance(exc, OSError):
            reason = getattr(exc, "reason", exc)
            cause = reason if isinstance(reason, BaseException) else exc
            raise LrsUnreachable(f"{type(exc).__name__}: {reason}", french_reason(cause)) from exc
        raise LrsBadAnswer(BAD_HTTP, f"{type(exc).__name__}: {exc}"[:200]) from None
    if watch.expired:  # the watchdog closed the socket: what was read is cut short
        raise LrsBadAnswer(TOO_SLOW, f"plus de {watch.seconds:.0f} s")
    return Answer(status, body, answer.content_type, answer.xapi_version), None


def _read(resp: Any, limit: int, refuse_more: bool) -> bytes:
    """At most ``limit`` bytes, one socket read at a time (``read(n)`` would wait for all ``n``)."""
    parts: list[bytes] = []
    size = 0
    while size <= limit:
        chunk = resp.read1(min(1 << 16, limit + 1 - size))
        if not chunk:
            return b"".join(parts)
        parts.append(chunk)
        size += len(chunk)
    if refuse_more:
        raise LrsBadAnswer(TOO_LONG, f"plus de {limit} octets")
    return b"".join(parts)[:limit]


def _next_hop(method: str, url: str, status: int, location: str, credentials: bool) -> str:
    """Where to send the same request again, or :class:`LrsMoved` when it must not be followed."""
    location = "".join(c for c in location if c.isprintable()).strip()
    target = urllib.parse.urljoin(url, location)
    parts = urllib.parse.urlsplit(target)
    try:
        parts.port  # noqa: B018 (raises on a port that is not a number)
    except ValueError:
        raise LrsMoved(status, target) from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise LrsMoved(status, target)
    if status in (301, 302, 303) and method not in ("GET", "HEAD"):
        raise LrsMoved(status, target)  # clients answer these by a GET without the body: nothing would be sent
    if credentials and not keeps_credentials(url, target):
        raise LrsMoved(status, target)  # following without the credentials would only get a 401
    return target


def _port(parts: urllib.parse.SplitResult) -> int:
    return _port_or_none(parts) or (443 if parts.scheme == "https" else 80)


def _port_or_none(parts: urllib.parse.SplitResult) -> int | None:
    try:
        return parts.port
    except ValueError:
        return None


# the deadline ---------------------------------------------------------------------------------
class _Watch:
    """Shuts the sockets of an exchange when its deadline passes: a blocked read returns at once."""

    def __init__(self, seconds: float) -> None:
        self.seconds, self.expired = seconds, False
        self._socks: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True
        self._timer.start()

    def track(self, sock: socket.socket) -> None:
        with self._lock:
            self._socks.append(sock)
            expired = self.expired
        if expired:
            _shut(sock)

    def cancel(self) -> None:
        self._timer.cancel()

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            socks = list(self._socks)
        for sock in socks:
            _shut(sock)


def _shut(sock: socket.socket) -> None:
    import socket

    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass  # already closed


def _opener(watch: _Watch) -> Any:
    """urllib without its redirect handler (a 3xx comes back as an HTTPError), sockets watched."""
    import urllib.request

    tracked, tracked_tls = _connections()

    class _Http(urllib.request.HTTPHandler):
        def http_open(self, req: Any) -> Any:
            return self.do_open(tracked, req, watch=watch)

    class _Https(urllib.request.HTTPSHandler):
        def https_open(self, req: Any) -> Any:
            return self.do_open(tracked_tls, req, context=self._context, watch=watch)

    opener = urllib.request.OpenerDirector()
    for handler in (urllib.request.ProxyHandler(), urllib.request.UnknownHandler(), _Http(), _Https(),
                    urllib.request.HTTPDefaultErrorHandler(), urllib.request.HTTPErrorProcessor()):
        opener.add_handler(handler)
    return opener


@functools.cache
def _connections() -> tuple[type, type]:
    import http.client

    def tracked(base: type[http.client.HTTPConnection]) -> type:
        class Tracked(base):  # type: ignore[valid-type,misc]  # a base chosen at run time
            def __init__(self, *args: Any, watch: _Watch, **kwargs: Any) -> None:
                super().__init__(*args, **kwargs)
                self._watch = watch

            def connect(self) -> None:
                super().connect()
                self._watch.track(self.sock)

        return Tracked

    return tracked(http.client.HTTPConnection), tracked(http.client.HTTPSConnection)
