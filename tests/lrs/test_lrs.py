"""Statements recorded by the store, sent by the Sender, read back from a real LRS (xapi-statements)."""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from game.storage.lrs import LrsClient, LrsSettings, LrsUnreachable, PostResult, Sender
from game.storage.store import OutboxCounts, Store
from tests.lrs.conftest import LrsServer

HOME = "https://explorateurs.example.org"
VERBS = {v: f"http://adlnet.gov/expapi/verbs/{v}" for v in ("initialized", "answered", "completed")}


def actor(name: str) -> dict[str, Any]:
    return {"objectType": "Agent", "account": {"homePage": HOME, "name": name}}


def statement(who: str, verb: str, activity: str, registration: str, **extra: Any) -> dict[str, Any]:
    return {"id": str(uuid.uuid4()), "actor": actor(who),
            "verb": {"id": VERBS.get(verb, verb), "display": {"fr-FR": verb}},
            "object": {"objectType": "Activity", "id": f"{HOME}/activites/{activity}"},
            "context": {"registration": registration}, "timestamp": "2026-11-27T10:00:00.000Z", **extra}


class CountingClient(LrsClient):
    """The real client, counting POSTs; ``lose_answers`` drops the answer after the LRS stored the batch."""

    def __init__(self, settings: LrsSettings, lose_answers: int = 0) -> None:
        super().__init__(settings, timeout=5.0)
        self.posts: list[int] = []
        self.lose_answers = lose_answers

    def post(self, statements: Any) -> PostResult:
        self.posts.append(len(statements))
        result = super().post(statements)
        if self.lose_answers:
            self.lose_answers -= 1
            raise LrsUnreachable("TimeoutError: the answer was lost")
        return result


class FakeClock:
    def __init__(self) -> None:
        self.t = 1_000_000.0

    def __call__(self) -> float:
        return self.t


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "save.sqlite3", synchronous="NORMAL") as s:
        yield s


def new_attempt(store: Store, who: str, statements: list[dict[str, Any]]) -> str:
    registration = statements[0]["context"]["registration"]
    learner = next((x for x in store.learners() if x.pseudonym == who), None) or store.add_learner(who)
    store.start_attempt(learner.id, "prenoms", "1", registration, {"step": 0}, statements[:1])
    if statements[1:]:
        store.record(registration, {"step": 1}, statements[1:])
    return registration


def drain(sender: Sender, store: Store, clock: FakeClock | None = None, steps: int = 50) -> None:
    for _ in range(steps):
        wait = sender.step(store)
        if store.outbox_counts().pending == 0:
            return
        if clock is not None:
            clock.t += wait
    raise AssertionError(f"outbox not drained: {store.outbox_counts()}")


def read(client: LrsClient, **params: Any) -> list[dict[str, Any]]:
    return list(client.statements(params))


def settings(server: LrsServer) -> LrsSettings:
    return LrsSettings(server.endpoint, "ci", "ci-secret")


def test_recorded_statements_are_read_back_with_every_filter(lrs: LrsServer, store: Store) -> None:
    since = time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime(time.time() - 2))
    alice, bob = f"alice-{uuid.uuid4().hex[:8]}", f"bob-{uuid.uuid4().hex[:8]}"
    reg_a, reg_b = str(uuid.uuid4()), str(uuid.uuid4())
    quiz = f"quiz-{uuid.uuid4().hex[:8]}"
    new_attempt(store, alice, [statement(alice, "initialized", "prenoms", reg_a),
                               statement(alice, "answered", quiz, reg_a),
                               statement(alice, "completed", "prenoms", reg_a)])
    new_attempt(store, bob, [statement(bob, "answered", quiz, reg_b)])
    client = CountingClient(settings(lrs))
    drain(Sender(store.path, client), store)
    assert store.outbox_counts() == OutboxCounts(sent=4)
    assert client.posts == [4]  # one batch

    mine = read(client, agent=actor(alice), limit=2)  # 2 pages: the "more" link needs the cursor workaround
    assert {s["id"] for s in mine} == {s["id"] for s in store.statements(registration=reg_a)}
    answered = read(client, agent=actor(alice), verb=VERBS["answered"])
    assert [s["object"]["id"] for s in answered] == [f"{HOME}/activites/{quiz}"]
    assert {s["actor"]["account"]["name"] for s in read(client, activity=f"{HOME}/activites/{quiz}")} == {alice, bob}
    assert [s["actor"]["account"]["name"] for s in read(client, registration=reg_b)] == [bob]
    assert len(read(client, registration=reg_a, since=since)) == 3
    later = time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime(time.time() + 60))
    assert read(client, registration=reg_a, since=later) == []


def test_a_resend_after_a_lost_answer_stores_nothing_twice(lrs: LrsServer, store: Store) -> None:
    reg = str(uuid.uuid4())
    new_attempt(store, "Alice", [statement("alice", "answered", f"q{n}", reg) for n in range(3)])
    client = CountingClient(settings(lrs), lose_answers=1)
    clock = FakeClock()
    drain(Sender(store.path, client, clock=clock), store, clock)
    assert client.posts == [3, 3]  # stored, answer lost, sent again
    assert client.post(store.statements()).ok  # and once more by hand: still 200
    assert sorted(s["id"] for s in read(client, registration=reg)) == sorted(s["id"] for s in store.statements())


def test_a_big_outbox_goes_in_batches_of_50(lrs: LrsServer, store: Store) -> None:
    reg = str(uuid.uuid4())
    new_attempt(store, "Alice", [statement("alice", "answered", f"q{n}", reg) for n in range(120)])
    client = CountingClient(settings(lrs))
    drain(Sender(store.path, client), store)
    assert client.posts == [50, 50, 20]
    assert len(read(client, registration=reg, limit=100)) == 120


def test_nothing_is_lost_while_the_lrs_is_down(own_lrs: LrsServer, store: Store) -> None:
    reg = str(uuid.uuid4())
    new_attempt(store, "Alice", [statement("alice", "initialized", "prenoms", reg)])
    clock = FakeClock()
    client = CountingClient(settings(own_lrs))
    sender = Sender(store.path, client, clock=clock)
    drain(sender, store, clock)
    own_lrs.stop()
    store.record(reg, {"step": 2}, [statement("alice", "answered", f"q{n}", reg) for n in range(4)])
    assert sender.step(store) == 5.0  # refused connection: wait, keep everything
    assert store.outbox_counts() == OutboxCounts(pending=4, sent=1)
    assert sender.status().format_source() == "LRS injoignable, nouvel essai dans 5 s"
    clock.t += 5
    assert sender.step(store) == 10.0
    own_lrs.start()  # an in-memory LRS: it comes back empty
    clock.t += 10
    drain(sender, store, clock)
    assert store.outbox_counts() == OutboxCounts(sent=5)
    assert sender.status().format_source() == "Relevés : à jour"
    back = read(client, registration=reg)
    assert sorted(s["id"] for s in back) == sorted(s["id"] for s in store.statements()[1:])


def test_an_invalid_statement_is_parked_with_the_lrs_reason_and_the_others_sent(
        lrs: LrsServer, store: Store, caplog: pytest.LogCaptureFixture) -> None:
    reg = str(uuid.uuid4())
    good = [statement("alice", "answered", f"q{n}", reg) for n in range(5)]
    bad = statement("alice", "completed", "prenoms", reg)
    bad["verb"]["id"] = "completed"  # not an IRI: HTTP 400
    new_attempt(store, "Alice", good[:2] + [bad] + good[2:])
    client = CountingClient(settings(lrs))
    clock = FakeClock()
    sender = Sender(store.path, client, clock=clock)
    with caplog.at_level(logging.ERROR, logger="game.storage.lrs"):
        drain(sender, store, clock)
    assert store.outbox_counts() == OutboxCounts(sent=5, parked=1)
    [(parked_id, reason)] = store.parked()
    assert parked_id == bad["id"] and reason.startswith("HTTP 400") and "verb.id" in reason
    assert bad["id"] in caplog.text and "verb.id" in caplog.text
    posts = len(client.posts)
    for _ in range(3):  # not retried in a loop
        clock.t += 600
        sender.step(store)
    assert len(client.posts) == posts
    assert sorted(s["id"] for s in read(client, registration=reg)) == sorted(s["id"] for s in good)
    assert sender.status().format_source() == "Relevés : 1 refusé(s) par le LRS (voir le journal)"


def test_a_conflicting_statement_409_is_parked_not_retried(lrs: LrsServer, store: Store) -> None:
    reg = str(uuid.uuid4())
    first = statement("alice", "answered", "q1", reg)
    client = CountingClient(settings(lrs))
    assert client.post([first]).ok
    clash = {**first, "verb": {"id": VERBS["completed"]}}  # same id, other content
    new_attempt(store, "Alice", [clash])
    sender = Sender(store.path, client)
    sender.step(store)
    assert store.outbox_counts() == OutboxCounts(parked=1)
    assert store.parked()[0][1].startswith("HTTP 409")


def test_the_sender_thread_delivers_in_the_background(lrs: LrsServer, store: Store) -> None:
    reg = str(uuid.uuid4())
    sender = Sender(store.path, LrsClient(settings(lrs)), idle_delay=0.1)
    sender.start()
    try:
        new_attempt(store, "Alice", [statement("alice", "answered", f"q{n}", reg) for n in range(3)])
        sender.notify()
        deadline = time.monotonic() + 10
        while store.outbox_counts().pending and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        sender.stop()
    assert store.outbox_counts() == OutboxCounts(sent=3)
    assert sender.status().format_source() == "Relevés : à jour"
