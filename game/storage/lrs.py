"""Sending the outbox to a Learning Record Store (xAPI 1.0.3): settings, HTTP client, background sender.

Off unless an endpoint is configured. The password never appears in a ``repr``, a log line or a
status message. The sender runs on its own thread with its own SQLite connection (WAL lets it read
and write while the game records), so the frame loop never waits for the network.
"""

from __future__ import annotations

import base64
import json
import logging
import math
import os
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import platformdirs

from game.core.messages import N_, Message, msg
from game.storage.oserrors import french_reason
from game.storage.paths import APP_NAME
from game.storage.store import Store, StoreError

_log = logging.getLogger(__name__)

ENV_ENDPOINT, ENV_USER, ENV_PASSWORD = "EXPLORATEURS_LRS_ENDPOINT", "EXPLORATEURS_LRS_USER", "EXPLORATEURS_LRS_PASSWORD"
CONFIG_FILENAME = "lrs.json"
XAPI_VERSION = "1.0.3"
BATCH_SIZE = 50

STATUS_UP_TO_DATE = N_("Relevés : à jour")
STATUS_PENDING = N_("Relevés : {n} en attente d'envoi")
STATUS_UNREACHABLE = N_("LRS injoignable, nouvel essai dans {seconds} s")
STATUS_REFUSED_AUTH = N_("LRS : identifiants refusés, nouvel essai dans {seconds} s")
STATUS_PARKED = N_("Relevés : {n} refusé(s) par le LRS (voir le journal)")


def config_path() -> Path:
    """``lrs.json`` in the platform's user config folder (``~/.config/explorateurs-des-donnees``)."""
    return platformdirs.user_config_path(APP_NAME, appauthor=False) / CONFIG_FILENAME


@dataclass(frozen=True, slots=True)
class LrsSettings:
    """Where to send statements. ``endpoint`` None means off (local only)."""

    endpoint: str | None = None
    username: str = ""
    password: str = field(default="", repr=False)

    @property
    def enabled(self) -> bool:
        return bool(self.endpoint)

    def __repr__(self) -> str:
        hidden = "'***'" if self.password else "''"
        return f"LrsSettings(endpoint={self.endpoint!r}, username={self.username!r}, password={hidden})"

    __str__ = __repr__

    @classmethod
    def load(cls, args: Any = None, env: Mapping[str, str] | None = None, file: Path | None = None) -> LrsSettings:
        """Each value from, in order: the CLI flags (``args.lrs_endpoint``…), the environment, ``lrs.json``.

        A missing or unreadable file counts as empty (a warning is logged, never its content).
        """
        env = os.environ if env is None else env
        path = config_path() if file is None else file
        stored: dict[str, Any] = {}
        if path.is_file():
            try:
                loaded = json.loads(path.read_text(encoding="utf-8"))
                stored = loaded if isinstance(loaded, dict) else {}
                if not isinstance(loaded, dict):
                    _log.warning("réglages LRS ignorés : %s n'est pas un objet JSON", path)
            except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
                _log.warning("réglages LRS ignorés : %s illisible (%s)", path, type(exc).__name__)

        def pick(flag: str, var: str, *keys: str) -> str:
            for value in (getattr(args, flag, None), env.get(var), *(stored.get(k) for k in keys)):
                if isinstance(value, str) and value.strip():
                    return value.strip()
            return ""

        endpoint = pick("lrs_endpoint", ENV_ENDPOINT, "endpoint")
        if endpoint and not endpoint.endswith("/"):
            endpoint += "/"
        user, password = pick("lrs_user", ENV_USER, "username", "user"), pick("lrs_password", ENV_PASSWORD, "password")
        parts = urllib.parse.urlsplit(endpoint) if endpoint else None
        if parts is not None and (parts.username or parts.password):
            # « https://nom:secret@lrs… »: the credentials leave the address, which is shown and logged
            host = parts.hostname or ""
            netloc = (f"[{host}]" if ":" in host else host) + (f":{parts.port}" if parts.port else "")
            endpoint = urllib.parse.urlunsplit(parts._replace(netloc=netloc))
            user = user or urllib.parse.unquote(parts.username or "")
            password = password or urllib.parse.unquote(parts.password or "")
        return cls(endpoint or None, user, password)


class LrsUnreachable(Exception):
    """No HTTP answer (refused connection, timeout, DNS…): try again later. ``reason`` says why in
    French when the system gave a cause (« le serveur refuse la connexion »)."""

    def __init__(self, text: str, reason: Message | None = None) -> None:
        super().__init__(text)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class PostResult:
    status: int
    ids: list[str] = field(default_factory=list)
    reason: str = ""  # the LRS's own explanation when it refused

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300


def _reason(body: bytes) -> str:
    """The LRS's message from an error body (``message``, ``warnings``…), short and on one line."""
    text = body.decode("utf-8", "replace")
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        data = None
    if isinstance(data, dict):
        parts = [str(data[k]) for k in ("message", "detail", "error") if data.get(k)]
        warnings = data.get("warnings")
        if isinstance(warnings, list):
            parts += [str(w) for w in warnings]
        text = " ; ".join(parts) or text
    return " ".join(text.split())[:500]


class LrsClient:
    """A minimal xAPI client over urllib: Basic auth, version header, JSON, timeout."""

    def __init__(self, settings: LrsSettings, timeout: float = 10.0) -> None:
        if not settings.endpoint:
            raise ValueError("LrsClient needs an endpoint")
        self.endpoint = settings.endpoint
        self.timeout = timeout
        self._headers = {"X-Experience-API-Version": XAPI_VERSION, "Accept": "application/json"}
        if settings.username or settings.password:
            token = base64.b64encode(f"{settings.username}:{settings.password}".encode()).decode("ascii")
            self._headers["Authorization"] = "Basic " + token

    def __repr__(self) -> str:
        return f"LrsClient(endpoint={self.endpoint!r})"

    def _request(self, method: str, url: str, body: Any = None) -> tuple[int, bytes]:
        import urllib.error  # http.client and email: 20 ms the title screen does not need
        import urllib.request

        data = None if body is None else json.dumps(body, ensure_ascii=False).encode("utf-8")
        headers = dict(self._headers)
        if data is not None:
            headers["Content-Type"] = "application/json; charset=utf-8"
        req = urllib.request.Request(url, data=data, headers=headers, method=method)
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as resp:  # noqa: S310 (http(s) from settings)
                return int(resp.status), resp.read()
        except urllib.error.HTTPError as exc:
            with exc:
                return int(exc.code), exc.read()
        except (urllib.error.URLError, OSError, TimeoutError) as exc:
            reason = getattr(exc, "reason", exc)
            cause = reason if isinstance(reason, BaseException) else exc
            raise LrsUnreachable(f"{type(exc).__name__}: {reason}", french_reason(cause)) from exc

    def post(self, statements: Sequence[Mapping[str, Any]]) -> PostResult:
        """POST a batch to ``statements``. Raises :class:`LrsUnreachable` when there is no answer."""
        status, body = self._request("POST", self.endpoint + "statements", list(statements))
        if 200 <= status < 300:
            try:
                ids = json.loads(body) if body else []
            except json.JSONDecodeError:
                ids = []
            return PostResult(status, [str(i) for i in ids] if isinstance(ids, list) else [])
        return PostResult(status, reason=_reason(body))

    def get(self, params: Mapping[str, Any]) -> dict[str, Any]:
        """GET ``statements`` with query parameters (dicts such as ``agent`` are sent as JSON)."""
        query = {k: json.dumps(v) if isinstance(v, dict) else str(v).lower() if isinstance(v, bool) else str(v)
                 for k, v in params.items()}
        status, body = self._request("GET", self.endpoint + "statements?" + urllib.parse.urlencode(query))
        if status != 200:
            raise LrsUnreachable(f"HTTP {status}: {_reason(body)}")
        result: dict[str, Any] = json.loads(body)
        return result

    def statements(self, params: Mapping[str, Any]) -> Iterator[dict[str, Any]]:
        """Every statement matching ``params``, page after page.

        The ``more`` link of xapi-statements is broken when the query has an ``agent`` filter
        (``agent=[object Object]``), so the next page is asked with the original query plus the
        ``cursor`` taken from ``more`` — which also works on conforming LRSs that use a cursor.
        """
        query = dict(params)
        while True:
            page = self.get(query)
            yield from page.get("statements", [])
            more = page.get("more") or ""
            cursor = urllib.parse.parse_qs(urllib.parse.urlsplit(more).query).get("cursor")
            if not more or not cursor:
                return
            query = {**params, "cursor": cursor[0]}


class _Retry(Exception):
    """The whole batch must wait (network, 5xx, 401/403, other surprises)."""

    def __init__(self, reason: str, auth: bool = False) -> None:
        super().__init__(reason)
        self.auth = auth


@dataclass(frozen=True, slots=True)
class _Snapshot:
    pending: int = 0
    parked: int = 0
    retry_at: float = 0.0
    auth: bool = False


class Sender:
    """Drains the outbox to the LRS on a background thread, in batches, with exponential backoff.

    Idempotent: statements carry their own ids, so a batch re-sent after a lost answer is stored
    once. A statement the LRS refuses (400 invalid, 409 conflicting) is parked with the LRS's reason
    and never sent again; the rest of its batch is still delivered (the batch is split to find it).
    """

    def __init__(self, store_path: str | Path, client: LrsClient, *, batch_size: int = BATCH_SIZE,
                 base_delay: float = 5.0, max_delay: float = 300.0, idle_delay: float = 3.0,
                 clock: Callable[[], float] = time.time) -> None:
        self.store_path, self.client = Path(store_path), client
        self.batch_size, self.base_delay, self.max_delay, self.idle_delay = batch_size, base_delay, max_delay, idle_delay
        self.clock = clock
        self.failures = 0
        self.looks = 0  # how many times the thread has looked at the outbox (its first look ends its start-up)
        self._snapshot = _Snapshot()
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None

    # one step (the thread repeats it; tests call it directly) -------------------------
    def backoff(self, failures: int) -> float:
        """Seconds to wait after ``failures`` consecutive failures: base, 2×base, 4×base… capped."""
        return float(min(self.max_delay, self.base_delay * 2 ** max(0, failures - 1)))

    def step(self, store: Store) -> float:
        """Send at most one batch; return how long to wait before the next step (0: more to send)."""
        now = self.clock()
        snap = self._snapshot
        if now < snap.retry_at:
            return snap.retry_at - now
        batch = store.pending(self.batch_size, now)
        delay = self.idle_delay
        retry_at, auth = 0.0, False
        if batch:
            try:
                self._deliver(store, batch)
                self.failures, delay = 0, 0.0
            except _Retry as exc:
                self.failures += 1
                delay = self.backoff(self.failures)
                retry_at, auth = now + delay, exc.auth
                store.mark_retry([s["id"] for s in batch], str(exc), retry_at)
                _log.warning("LRS %s : envoi impossible (%s), nouvel essai dans %.0f s",
                             self.client.endpoint, exc, delay)
        counts = store.outbox_counts()
        self._snapshot = _Snapshot(counts.pending, counts.parked, retry_at, auth)
        return delay

    def _deliver(self, store: Store, batch: list[dict[str, Any]]) -> None:
        try:
            result = self.client.post(batch)
        except LrsUnreachable as exc:
            raise _Retry(str(exc)) from exc
        if result.ok:
            store.mark_sent([s["id"] for s in batch])
        elif result.status in (400, 409, 413):  # one (or more) statement is refused: find it
            if len(batch) == 1:
                reason = f"HTTP {result.status} : {result.reason}"
                store.park(batch[0]["id"], reason)
                _log.error("LRS : relevé %s refusé et mis de côté (%s)", batch[0]["id"], reason)
            else:
                middle = len(batch) // 2
                self._deliver(store, batch[:middle])
                self._deliver(store, batch[middle:])
        elif result.status in (401, 403):
            raise _Retry(f"HTTP {result.status} : {result.reason}", auth=True)
        else:  # 5xx, 404 (wrong endpoint), anything else: the server's problem, not the statements'
            raise _Retry(f"HTTP {result.status} : {result.reason}")

    # the thread ------------------------------------------------------------------------
    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="lrs-sender", daemon=True)
            self._thread.start()

    def notify(self) -> None:
        """Something was recorded: send now rather than at the next poll."""
        self._wake.set()

    def stop(self, timeout: float = 5.0) -> None:
        """Ask the thread to finish (after its current request) and wait for it."""
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def _run(self) -> None:
        try:
            store = Store(self.store_path, synchronous="NORMAL")
        except StoreError as exc:
            _log.error("LRS : sauvegarde illisible, envoi arrêté (%s)", exc)
            return
        with store:
            while not self._stop.is_set():
                try:
                    delay = self.step(store)
                    self.looks += 1
                except StoreError as exc:  # locked for too long…: try again a bit later
                    _log.warning("LRS : file d'envoi indisponible (%s)", exc)
                    delay = self.idle_delay
                except Exception:
                    _log.exception("LRS : erreur inattendue dans l'envoi")
                    delay = self.max_delay
                if delay > 0:
                    self._wake.wait(delay)
                    self._wake.clear()

    # what the UI shows -----------------------------------------------------------------
    def status(self) -> Message:
        """A short French line: up to date, N waiting, or unreachable and when the next try is."""
        snap = self._snapshot
        wait = snap.retry_at - self.clock()
        if wait > 0:
            return msg(STATUS_REFUSED_AUTH if snap.auth else STATUS_UNREACHABLE, seconds=math.ceil(wait))
        if snap.pending:
            return msg(STATUS_PENDING, n=snap.pending)
        if snap.parked:
            return msg(STATUS_PARKED, n=snap.parked)
        return msg(STATUS_UP_TO_DATE)
