"""Sending the outbox to a Learning Record Store (xAPI 1.0.3): HTTP client, background sender (the
settings: :mod:`game.storage.lrs_settings`, read at every start; this module only when an LRS is set).

Off unless an endpoint is configured. The password never appears in a ``repr``, a log line or a
status message. The sender runs on its own thread with its own SQLite connection (WAL lets it read
and write while the game records), so the frame loop never waits for the network.
"""

from __future__ import annotations

import base64
import json
import logging
import math
import threading
import time
import urllib.parse
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from game.core.messages import N_, Message, msg
from game.storage.lrs_http import Answer, LrsBadAnswer, LrsMoved, LrsUnreachable, decode_json, exchange
from game.storage.lrs_settings import (  # noqa: F401 (re-exported: the settings' home before)
    CONFIG_FILENAME,
    ENV_ENDPOINT,
    ENV_PASSWORD,
    ENV_USER,
    LrsSettings,
    config_path,
)
from game.storage.store import Store, StoreError

_log = logging.getLogger(__name__)

XAPI_VERSION = "1.0.3"
BATCH_SIZE = 50
POST_ANSWER_LIMIT = 2**20  # the answer to a batch: 50 ids are 2 KB, a megabyte is already absurd
PAGE_LIMIT = 8 * 2**20  # one page of statements: LRSs send about a hundred, a few KB each

STATUS_UP_TO_DATE = N_("Relevés : à jour")
STATUS_PENDING = N_("Relevés : {n} en attente d'envoi")
STATUS_UNREACHABLE = N_("LRS injoignable, nouvel essai dans {seconds} s")
STATUS_REFUSED_AUTH = N_("LRS : identifiants refusés, nouvel essai dans {seconds} s")
STATUS_PARKED = N_("Relevés : {n} refusé(s) par le LRS (voir le journal)")
STATUS_NOT_CONFIRMED = N_("LRS : envoi non confirmé ({reason}), nouvel essai dans {seconds} s")
STATUS_MOVED = N_("LRS : redirigé vers {address}, à configurer si c'est sa nouvelle adresse ; "
                  "nouvel essai dans {seconds} s")

# why an answer to a POST does not confirm its batch (besides lrs_http's: empty, web page, not JSON…)
NOT_IDS = N_("pas de liste d'identifiants de relevés")
OTHER_COUNT = N_("nombre d'identifiants différent du nombre de relevés envoyés")
OTHER_IDS = N_("identifiants différents de ceux des relevés envoyés")
NOT_FROM_AN_LRS = N_("réponse 204 sans l'en-tête X-Experience-API-Version d'un LRS")
UNEXPECTED_STATUS = N_("code HTTP inattendu")
UNREADABLE = N_("réponse illisible")
# … and a GET's
NOT_A_PAGE = N_("réponse sans liste de relevés")
SAME_PAGE = N_("le LRS renvoie sans fin la même page")


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
    except (ValueError, RecursionError):
        data = None
    if isinstance(data, dict):
        parts = [str(data[k]) for k in ("message", "detail", "error") if data.get(k)]
        warnings = data.get("warnings")
        if isinstance(warnings, list):
            parts += [str(w) for w in warnings]
        text = " ; ".join(parts) or text
    return " ".join(text.split())[:500]


class LrsClient:
    """A minimal xAPI client over urllib: Basic auth, version header, JSON, answers checked and bounded.

    ``timeout`` bounds each socket operation, ``deadline`` (6 × ``timeout`` unless given) a whole
    request: a server that answers one byte at a time cannot hold the sender's thread.
    """

    def __init__(self, settings: LrsSettings, timeout: float = 10.0, deadline: float | None = None) -> None:
        if not settings.endpoint:
            raise ValueError("LrsClient needs an endpoint")
        self.endpoint = settings.endpoint
        self.timeout = timeout
        self.deadline = 6 * timeout if deadline is None else deadline
        self._headers = {"X-Experience-API-Version": XAPI_VERSION, "Accept": "application/json"}
        if settings.username or settings.password:
            token = base64.b64encode(f"{settings.username}:{settings.password}".encode()).decode("ascii")
            self._headers["Authorization"] = "Basic " + token

    def __repr__(self) -> str:
        return f"LrsClient(endpoint={self.endpoint!r})"

    def _request(self, method: str, url: str, body: Any, limit: int) -> Answer:
        data = None if body is None else json.dumps(body, ensure_ascii=False).encode("utf-8")
        headers = dict(self._headers)
        if data is not None:
            headers["Content-Type"] = "application/json; charset=utf-8"
        return exchange(method, url, data, headers, timeout=self.timeout, deadline=self.deadline, limit=limit)

    def post(self, statements: Sequence[Mapping[str, Any]]) -> PostResult:
        """POST a batch to ``statements``; a 2xx only when the LRS confirms each statement.

        Raises :class:`LrsUnreachable` when there is no usable answer: :class:`LrsBadAnswer` (a
        2xx that does not confirm the batch, an endless, binary or too slow answer…) or
        :class:`LrsMoved` (a redirect not followed). Refusals (4xx, 5xx) come back as results.

        xAPI 1.0.3 (Communication, 2.1.2 POST Statements): « Returns: 200 OK, Array of Statement
        id(s) (UUID) in the same order as the corresponding stored Statements ». So a 200 counts
        only with exactly the ids sent; their order is not checked (each statement is confirmed
        either way). 204 No Content is the answer to PUT, but 2.1.2's requirements also name it for
        POST: « An LRS MUST NOT make any modifications to its state based on receiving a Statement
        with an id that it already has a Statement for. Whether it responds with 409 Conflict or
        204 No Content… » — what this sender's re-sends after a lost answer meet. A 204 has no body
        to check, so it counts only from an LRS: one that sends the X-Experience-API-Version
        header, which « The LRS MUST include … in every response » (3.3 Versioning); a captive
        portal or a connectivity check's 204 does not. Any other 2xx is not the spec's answer.
        """
        batch = list(statements)
        answer = self._request("POST", self.endpoint + "statements", batch, POST_ANSWER_LIMIT)
        if answer.status == 200:
            return PostResult(200, _confirmed(batch, decode_json(answer), answer.detail))
        if answer.status == 204:
            if not answer.xapi_version:
                raise LrsBadAnswer(NOT_FROM_AN_LRS, answer.detail)
            return PostResult(204, [str(s.get("id", "")) for s in batch])
        if 200 <= answer.status < 300:
            raise LrsBadAnswer(UNEXPECTED_STATUS, answer.detail)
        return PostResult(answer.status, reason=_reason(answer.body))

    def get(self, params: Mapping[str, Any]) -> dict[str, Any]:
        """GET ``statements`` with query parameters (dicts such as ``agent`` are sent as JSON): a
        StatementResult whose ``statements`` is a list of objects, or :class:`LrsUnreachable`."""
        query = {k: json.dumps(v) if isinstance(v, dict) else str(v).lower() if isinstance(v, bool) else str(v)
                 for k, v in params.items()}
        answer = self._request("GET", self.endpoint + "statements?" + urllib.parse.urlencode(query), None,
                               PAGE_LIMIT)
        if answer.status != 200:
            raise LrsUnreachable(f"HTTP {answer.status}: {_reason(answer.body)}")
        page = decode_json(answer)
        if not (isinstance(page, dict) and isinstance(page.get("statements"), list)
                and all(isinstance(s, dict) for s in page["statements"])
                and isinstance(page.get("more") or "", str)):
            raise LrsBadAnswer(NOT_A_PAGE, answer.detail)
        return page

    def statements(self, params: Mapping[str, Any]) -> Iterator[dict[str, Any]]:
        """Every statement matching ``params``, page after page.

        The ``more`` link of xapi-statements is broken when the query has an ``agent`` filter
        (``agent=[object Object]``), so the next page is asked with the original query plus the
        ``cursor`` taken from ``more`` — which also works on conforming LRSs that use a cursor.
        A cursor seen before ends the reading with :class:`LrsBadAnswer` (it would never end).
        """
        query, seen = dict(params), set()
        while True:
            page = self.get(query)
            yield from page["statements"]
            more = page.get("more") or ""
            try:
                cursor = urllib.parse.parse_qs(urllib.parse.urlsplit(more).query).get("cursor")
            except ValueError:  # « http://[ » and the like
                raise LrsBadAnswer(NOT_A_PAGE, "more") from None
            if not more or not cursor:
                return
            if cursor[0] in seen:
                raise LrsBadAnswer(SAME_PAGE, f"cursor={cursor[0][:50]}")
            seen.add(cursor[0])
            query = {**params, "cursor": cursor[0]}


def _confirmed(batch: list[dict[str, Any]], ids: Any, detail: str) -> list[str]:
    """The ids of a 200 when they are those of the batch (see :meth:`LrsClient.post`)."""
    if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
        raise LrsBadAnswer(NOT_IDS, detail)
    if len(ids) != len(batch):
        raise LrsBadAnswer(OTHER_COUNT, f"{len(ids)} pour {len(batch)}")
    # a statement sent without an id gets one from the LRS: any id answers for it
    sent = Counter(str(s["id"]).lower() for s in batch if s.get("id"))
    if sent - Counter(i.lower() for i in ids):
        raise LrsBadAnswer(OTHER_IDS, detail)
    return ids


class _Retry(Exception):
    """The whole batch must wait (network, 5xx, 401/403, an answer that does not confirm it, a move).

    ``str()`` is for the log; ``why`` (a French reason) or ``address`` (where the LRS has moved) is
    for the status line.
    """

    def __init__(self, reason: str, auth: bool = False, why: str = "", address: str = "") -> None:
        super().__init__(reason)
        self.auth, self.why, self.address = auth, why, address


@dataclass(frozen=True, slots=True)
class _Snapshot:
    pending: int = 0
    parked: int = 0
    retry_at: float = 0.0
    auth: bool = False
    why: str = ""
    address: str = ""


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
        retry_at, auth, why, address = 0.0, False, "", ""
        if batch:
            try:
                self._deliver(store, batch)
                self.failures, delay = 0, 0.0
            except _Retry as exc:
                self.failures += 1
                delay = self.backoff(self.failures)
                # counted from the failure, not from the start of a request that may have taken a minute
                retry_at, auth, why, address = self.clock() + delay, exc.auth, exc.why, exc.address
                store.mark_retry([s["id"] for s in batch], str(exc), retry_at)
                _log.warning("LRS %s : envoi impossible (%s), nouvel essai dans %.0f s",
                             self.client.endpoint, exc, delay)
        counts = store.outbox_counts()
        self._snapshot = _Snapshot(counts.pending, counts.parked, retry_at, auth, why, address)
        return delay

    def _deliver(self, store: Store, batch: list[dict[str, Any]]) -> None:
        try:
            result = self.client.post(batch)
        except LrsMoved as exc:
            raise _Retry(f"{exc} : configurez l'adresse {exc.address} si c'est celle du LRS",
                         address=exc.address) from exc
        except LrsBadAnswer as exc:
            raise _Retry(exc.log_text, why=exc.reason) from exc
        except LrsUnreachable as exc:
            raise _Retry(str(exc)) from exc
        except Exception as exc:  # a surprise in reading an answer must not skip the backoff (nor log each action)
            raise _Retry(f"{UNREADABLE} ({type(exc).__name__}: {exc})"[:300], why=UNREADABLE) from exc
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

    def drain(self, store: Store, tries: int = 3, sleep: Callable[[float], None] = time.sleep) -> str | None:
        """Send everything queued now (``records send``: a person asked, earlier retry times do not
        hold it back), batch by batch as the thread does; after a failure wait the same backoff and
        try again, ``tries`` failures in a row at most. Returns the last failure, or None once the
        queue is empty."""
        failures = 0
        while batch := store.pending(self.batch_size):
            try:
                self._deliver(store, batch)
                failures = 0
            except _Retry as exc:
                failures += 1
                delay = self.backoff(failures)
                store.mark_retry([s["id"] for s in batch], str(exc), self.clock() + delay)
                _log.warning("LRS %s : envoi impossible (%s)", self.client.endpoint, exc)
                if failures >= tries:
                    return str(exc)
                sleep(delay)
        return None

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
        """A short French line: up to date, N waiting, or why the last try failed and when the next is."""
        snap = self._snapshot
        wait = snap.retry_at - self.clock()
        if wait > 0:
            seconds = math.ceil(wait)
            if snap.address:
                return msg(STATUS_MOVED, address=snap.address, seconds=seconds)
            if snap.why:
                return msg(STATUS_NOT_CONFIRMED, reason=snap.why, seconds=seconds)
            return msg(STATUS_REFUSED_AUTH if snap.auth else STATUS_UNREACHABLE, seconds=seconds)
        if snap.pending:
            return msg(STATUS_PENDING, n=snap.pending)
        if snap.parked:
            return msg(STATUS_PARKED, n=snap.parked)
        return msg(STATUS_UP_TO_DATE)
