"""What the LRS answers is checked before a batch counts as delivered: redirects, pages that are not
an LRS's, wrong ids, endless, binary or dribbling bodies — against a scripted server on 127.0.0.1.

A batch is marked sent only when the LRS confirms each of its statements; anything else keeps it
waiting, with the reason in the library's status line, one log line and the usual backoff.
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from game.storage.lrs import LrsClient, LrsSettings, LrsUnreachable, PostResult, Sender
from game.storage.report_sources import Gathered, gather
from game.storage.store import OutboxCounts, Store
from tests.lrs.fake_lrs import XAPI_HEADER, FakeLrs, conforming, dribble, endless, raw, redirect, serving

SECRET = "s3cr3t-Pa55"
IDS = [f"00000000-0000-4000-8000-00000000000{n}" for n in range(3)]
HTML = "<!DOCTYPE html><html><head><title>Wi-Fi de la mairie</title></head><body>Connectez-vous</body></html>"
BINARY = bytes(range(256)) * 8


class Clock:
    t = 5_000.0

    def __call__(self) -> float:
        return self.t


@pytest.fixture
def fake() -> Iterator[FakeLrs]:
    yield from serving()


@pytest.fixture
def other() -> Iterator[FakeLrs]:
    """A second server on another loopback address: another host for the game."""
    yield from serving("127.0.0.2")


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "save.sqlite3") as s:
        learner = s.add_learner("Alice")
        s.start_attempt(learner.id, "s", "1", "r", {}, [{"id": i} for i in IDS])
        yield s


def sender_for(endpoint: str, store: Store, user: str = "desk-1", password: str = SECRET,
               timeout: float = 2.0) -> Sender:
    return Sender(store.path, LrsClient(LrsSettings(endpoint, user, password), timeout=timeout), clock=Clock())


def in_thread(fn: Callable[[], Any]) -> Any:
    """Run ``fn`` on a thread and fail (rather than hang the suite) if it is still running after 20 s."""
    out: list[Any] = []

    def run() -> None:
        try:
            out.append(fn())
        except Exception as exc:  # noqa: BLE001 (raised again on the test's thread)
            out.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(20)
    assert not thread.is_alive(), "toujours en attente du serveur après 20 s"
    if isinstance(out[0], Exception):
        raise out[0]
    return out[0]


def step_on_a_thread(sender: Sender, store: Store) -> float:
    """One step on its own thread and its own connection, as the game's sender does."""

    def step() -> float:
        with Store(store.path) as own:
            return sender.step(own)

    return float(in_thread(step))


def waiting(reason: str, seconds: int = 5) -> str:
    return f"LRS : envoi non confirmé ({reason}), nouvel essai dans {seconds} s"


def lrs_problem(found: Gathered) -> str:
    assert len(found.problems) == 1
    return found.problems[0][1].format_source()


def down(endpoint: str, reason: str) -> str:
    return f"Le LRS {endpoint} n'a pas pu être interrogé ({reason}) : ses relevés manquent au rapport."


# item 2: redirects ----------------------------------------------------------------------
@pytest.mark.parametrize("code", [301, 302, 303])
def test_a_post_sent_elsewhere_by_301_302_303_stays_queued_and_the_new_address_is_named(
        fake: FakeLrs, store: Store, code: int, caplog: pytest.LogCaptureFixture) -> None:
    fake.answers["/xAPI/statements"] = redirect(code, f"{fake.base}/v2/xAPI/statements")  # a GET there: 200
    sender = sender_for(fake.endpoint, store)
    with caplog.at_level(logging.WARNING):
        assert sender.step(store) == 5.0
    assert store.outbox_counts() == OutboxCounts(pending=3)
    assert [r.method for r in fake.requests] == ["POST"]  # never turned into a GET
    assert sender.status().format_source() == (f"LRS : redirigé vers {fake.base}/v2/xAPI/, à configurer si c'est sa "
                                                f"nouvelle adresse ; nouvel essai dans 5 s")
    assert f"{fake.base}/v2/xAPI/" in caplog.text and SECRET not in caplog.text


@pytest.mark.parametrize("code", [307, 308])
def test_a_post_moved_by_307_308_on_the_same_host_is_sent_there_with_its_body_and_credentials(
        fake: FakeLrs, store: Store, code: int) -> None:
    fake.answers["/xAPI/statements"] = redirect(code, "/v2/xAPI/statements")
    sender = sender_for(fake.endpoint, store)
    assert sender.step(store) == 0.0
    assert store.outbox_counts() == OutboxCounts(sent=3)
    first, second = fake.requests
    assert (second.method, second.path, second.body) == ("POST", "/v2/xAPI/statements", first.body)
    assert second.headers["authorization"] == first.headers["authorization"]
    assert sender.status().format_source() == "Relevés : à jour"


def test_a_post_moved_by_307_to_another_host_is_not_sent_there_with_the_password(
        fake: FakeLrs, other: FakeLrs, store: Store, caplog: pytest.LogCaptureFixture) -> None:
    fake.answers["/xAPI/statements"] = redirect(307, f"{other.base}/xAPI/statements")
    sender = sender_for(fake.endpoint, store)
    with caplog.at_level(logging.WARNING):
        assert sender.step(store) == 5.0
    assert other.requests == []
    assert store.outbox_counts() == OutboxCounts(pending=3)
    assert sender.status().format_source() == (f"LRS : redirigé vers {other.endpoint}, à configurer si c'est sa "
                                                f"nouvelle adresse ; nouvel essai dans 5 s")
    assert SECRET not in caplog.text


def test_without_credentials_a_307_to_another_host_is_followed(fake: FakeLrs, other: FakeLrs, store: Store) -> None:
    fake.answers["/xAPI/statements"] = redirect(307, f"{other.base}/xAPI/statements")
    sender = sender_for(fake.endpoint, store, user="", password="")
    assert sender.step(store) == 0.0
    assert store.outbox_counts() == OutboxCounts(sent=3)
    assert [(r.method, r.ids) for r in other.requests] == [("POST", IDS)]


def test_reading_the_lrs_never_carries_the_password_to_another_host(fake: FakeLrs, other: FakeLrs) -> None:
    fake.answers["/xAPI/statements"] = redirect(302, f"{other.base}/xAPI/statements?activity=x")
    found = gather(lrs=LrsSettings(fake.endpoint, "formateur", SECRET), group="ABC")
    assert all("authorization" not in r.headers for r in other.requests)
    assert lrs_problem(found).startswith(f"Le LRS {fake.endpoint} renvoie vers {other.endpoint} : si c'est sa "
                                         f"nouvelle adresse, indiquez-la")


def test_reading_the_lrs_follows_a_move_on_the_same_host(fake: FakeLrs) -> None:
    fake.answers["/xAPI/statements"] = redirect(301, "/v2/xAPI/statements")
    found = gather(lrs=LrsSettings(fake.endpoint, "formateur", SECRET), group="ABC")
    assert found.problems == []
    assert [r.path.split("?")[0] for r in fake.requests] == ["/xAPI/statements", "/v2/xAPI/statements"]
    assert fake.requests[1].headers["authorization"] == fake.requests[0].headers["authorization"]


# item 3: a 2xx is not enough ------------------------------------------------------------
NOT_CONFIRMED = {
    "portail captif": (raw(200, HTML.encode(), "text/html; charset=utf-8"),
                       "page web au lieu d'une réponse xAPI, portail de connexion ?"),
    "portail sans type": (raw(200, HTML.encode(), ""), "page web au lieu d'une réponse xAPI, portail de connexion ?"),
    "vide": (raw(200, b""), "réponse vide"),
    "autres identifiants": (conforming(lambda ids: [str(uuid.uuid4()) for _ in ids]),
                            "identifiants différents de ceux des relevés envoyés"),
    "une partie": (conforming(lambda ids: ids[:2]), "nombre d'identifiants différent du nombre de relevés envoyés"),
    "en double": (conforming(lambda ids: [ids[0]] * len(ids)), "identifiants différents de ceux des relevés envoyés"),
    "objet": (conforming(lambda ids: {"ids": ids}), "pas de liste d'identifiants de relevés"),
    "nombres": (conforming(lambda ids: list(range(len(ids)))), "pas de liste d'identifiants de relevés"),
    "JSON coupé": (raw(200, b'["00000000-0000-4000-'), "réponse qui n'est pas du JSON"),
    "JSON sans fond": (raw(200, b"[" * 300_000), "réponse qui n'est pas du JSON"),
    "binaire": (raw(200, BINARY, "application/octet-stream"), "réponse binaire illisible"),
    "204 d'un autre serveur": (raw(204, b""), "réponse 204 sans l'en-tête X-Experience-API-Version d'un LRS"),
    # the right ids, but not the spec's answer (an LRS answers 200): a proxy that queues, a test server…
    "202": (raw(202, ('["' + '","'.join(IDS) + '"]').encode(), headers=XAPI_HEADER), "code HTTP inattendu"),
}


@pytest.mark.parametrize("case", list(NOT_CONFIRMED))
def test_an_answer_that_does_not_confirm_the_batch_keeps_it_queued_with_the_reason(
        fake: FakeLrs, store: Store, case: str, caplog: pytest.LogCaptureFixture) -> None:
    answer, reason = NOT_CONFIRMED[case]
    fake.answers["/xAPI/statements"] = answer
    sender = sender_for(fake.endpoint, store)
    with caplog.at_level(logging.DEBUG, logger="game"):
        assert sender.step(store) == 5.0
    assert store.outbox_counts() == OutboxCounts(pending=3)
    assert sender.status().format_source() == waiting(str(reason))
    logged = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(logged) == 1 and logged[0].exc_info is None  # one line, no traceback
    assert str(reason) in logged[0].getMessage()


def test_a_malformed_answer_waits_for_the_backoff_however_often_the_learner_acts(fake: FakeLrs, store: Store) -> None:
    fake.answers["/xAPI/statements"] = raw(200, BINARY, "application/octet-stream")
    sender = sender_for(fake.endpoint, store)
    delays = [sender.step(store) for _ in range(4)]  # each recorded action wakes the sender (notify)
    assert len(fake.requests) == 1 and delays == [5.0, 5.0, 5.0, 5.0]
    sender.clock.t += 5  # type: ignore[attr-defined]
    assert sender.step(store) == 10.0 and len(fake.requests) == 2


def test_a_surprise_in_the_client_is_a_retry_too(store: Store, caplog: pytest.LogCaptureFixture) -> None:
    class Broken(LrsClient):
        def post(self, statements: Any) -> PostResult:
            raise UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte")

    sender = Sender(store.path, Broken(LrsSettings("http://127.0.0.1:9/xAPI/")), clock=Clock())
    with caplog.at_level(logging.WARNING):
        assert [sender.step(store) for _ in range(3)] == [5.0, 5.0, 5.0]
    assert store.outbox_counts() == OutboxCounts(pending=3)
    assert sender.status().format_source() == waiting("réponse illisible")
    assert len(caplog.records) == 1 and caplog.records[0].exc_info is None


def test_the_backoff_counts_from_the_end_of_a_slow_failure(store: Store) -> None:
    clock = Clock()

    class Slow(LrsClient):
        calls = 0

        def post(self, statements: Any) -> PostResult:
            self.calls += 1
            clock.t += 60  # a server that dribbled until the deadline
            raise LrsUnreachable("réponse trop lente")

    client = Slow(LrsSettings("http://127.0.0.1:9/xAPI/"))
    sender = Sender(store.path, client, clock=clock)
    assert sender.step(store) == 5.0
    assert sender.status().format_source() == "LRS injoignable, nouvel essai dans 5 s"
    assert sender.step(store) == 5.0 and client.calls == 1  # a learner's action right after: still waiting


def test_the_spec_s_answers_deliver(fake: FakeLrs, store: Store) -> None:
    """200 with the ids (in any order, any case), and 204 from an LRS that already had them."""
    fake.answers["/xAPI/statements"] = conforming(lambda ids: [i.upper() for i in reversed(ids)])
    sender = sender_for(fake.endpoint, store, user="", password="")
    assert sender.step(store) == 0.0 and store.outbox_counts() == OutboxCounts(sent=3)


def test_a_204_from_an_lrs_delivers(fake: FakeLrs, store: Store) -> None:
    fake.answers["/xAPI/statements"] = raw(204, b"", headers=XAPI_HEADER)
    sender = sender_for(fake.endpoint, store)
    assert sender.step(store) == 0.0 and store.outbox_counts() == OutboxCounts(sent=3)


# item 4: bounded answers -------------------------------------------------------------------
def test_an_endless_answer_is_cut_short_and_the_batch_stays_queued(fake: FakeLrs, store: Store) -> None:
    fake.answers["/xAPI/statements"] = endless()
    sender = sender_for(fake.endpoint, store)
    assert step_on_a_thread(sender, store) == 5.0
    assert store.outbox_counts() == OutboxCounts(pending=3)
    assert sender.status().format_source() == waiting("réponse trop longue")
    assert fake.bytes_sent < 32 * 2**20  # the game hung up (the server would have gone on to 64 MB)


@pytest.mark.parametrize("where", ["body", "headers"])
def test_a_server_that_dribbles_cannot_hold_the_sender(fake: FakeLrs, store: Store, where: str) -> None:
    fake.answers["/xAPI/statements"] = dribble(in_headers=where == "headers")
    sender = sender_for(fake.endpoint, store, timeout=0.3)  # each byte comes well within the socket timeout
    assert step_on_a_thread(sender, store) == 5.0
    assert store.outbox_counts() == OutboxCounts(pending=3)
    assert sender.status().format_source() == waiting("réponse trop lente")


READ_PROBLEMS = {
    "liste": (raw(200, b"[]"), "réponse sans liste de relevés"),
    "relevés non listés": (raw(200, b'{"statements": "tous"}'), "réponse sans liste de relevés"),
    "relevés non objets": (raw(200, b'{"statements": [1, 2]}'), "réponse sans liste de relevés"),
    "suite mal formée": (raw(200, b'{"statements": [], "more": 5}'), "réponse sans liste de relevés"),
    "page web": (raw(200, HTML.encode(), "text/html"), "page web au lieu d'une réponse xAPI, portail de connexion ?"),
    "binaire": (raw(200, BINARY, "application/octet-stream"), "réponse binaire illisible"),
    "vide": (raw(200, b""), "réponse vide"),
    "JSON coupé": (raw(200, b'{"statements": ['), "réponse qui n'est pas du JSON"),
    "sans fin": (endless(b"x" * 65536), "réponse trop longue"),
    "toujours la même page": (raw(200, b'{"statements": [{"id": "a"}], "more": "/xAPI/statements?cursor=c1"}'),
                              "le LRS renvoie sans fin la même page"),
}


@pytest.mark.parametrize("case", list(READ_PROBLEMS))
def test_reading_a_malformed_lrs_gives_a_french_reason_not_a_traceback(fake: FakeLrs, case: str) -> None:
    answer, reason = READ_PROBLEMS[case]
    fake.answers["/xAPI/statements"] = answer
    settings = LrsSettings(fake.endpoint, "formateur", SECRET)
    found = in_thread(lambda: gather(lrs=settings, group="ABC"))
    assert lrs_problem(found) == down(fake.endpoint, reason)
    assert fake.bytes_sent < 32 * 2**20


def test_reading_is_bounded_in_time_with_the_client_s_timeout(fake: FakeLrs) -> None:
    fake.answers["/xAPI/statements"] = dribble()
    client = LrsClient(LrsSettings(fake.endpoint), timeout=0.3)
    with pytest.raises(LrsUnreachable) as caught:  # what the report turns into a French problem
        in_thread(lambda: list(client.statements({})))
    assert str(caught.value) == "réponse trop lente"


@pytest.mark.parametrize(("source", "target", "kept"), [
    ("http://lrs.example/xAPI/statements", "http://lrs.example/v2/xAPI/statements", True),
    ("http://lrs.example/xAPI/statements", "https://lrs.example/xAPI/statements", True),  # the usual upgrade
    ("http://lrs.example:8080/xAPI/statements", "https://LRS.example:8443/xAPI/statements", True),
    ("https://lrs.example/xAPI/statements", "https://lrs.example:443/xAPI/statements", True),
    ("https://lrs.example/xAPI/statements", "http://lrs.example/xAPI/statements", False),  # back to clear text
    ("http://lrs.example/xAPI/statements", "http://lrs.example:8080/xAPI/statements", False),  # another service
    ("http://lrs.example/xAPI/statements", "https://lrs.example.evil/xAPI/statements", False),
    ("http://lrs.example/xAPI/statements", "https://autre:mdp@lrs.example/xAPI/statements", False),
])
def test_credentials_go_only_to_the_same_host_or_its_https(source: str, target: str, kept: bool) -> None:
    from game.storage.lrs_http import keeps_credentials

    assert keeps_credentials(source, target) is kept
