"""The save file: round trips, one atomic transaction per action, survival of a hard kill."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from game.storage import paths
from game.storage.store import MIGRATIONS, SCHEMA_VERSION, Attempt, Learner, OutboxCounts, Store, StoreError

ROOT = Path(__file__).resolve().parents[2]
REG = "0b6c5f3e-8a47-4f43-9d0c-2f4e8e1c7a10"
REG2 = "7d1f0a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b"


def stmt(n: int, **extra: Any) -> dict[str, Any]:
    return {"id": f"00000000-0000-4000-8000-{n:012d}", "n": n, **extra}


class Clock:
    def __init__(self) -> None:
        self.t = 0

    def __call__(self) -> str:
        self.t += 1
        return f"2025-03-01T09:{self.t // 60:02d}:{self.t % 60:02d}.000Z"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "save.sqlite3", clock=Clock()) as s:
        yield s


# ---------------------------------------------------------------- learners

def test_add_learner_trims_and_lists(store: Store) -> None:
    alice = store.add_learner("  Alice  ")
    elodie = store.add_learner("Élodie 🐱")
    assert isinstance(alice, Learner) and alice.pseudonym == "Alice" and alice.created_at
    assert store.learners() == [alice, elodie]


@pytest.mark.parametrize(("first", "second"),
                         [("alice", "ALICE"), ("Élodie", "éLODIE"), ("Zoé", "Zoe\u0301")])
def test_duplicate_pseudonym_is_refused_whatever_the_case(store: Store, first: str, second: str) -> None:
    store.add_learner(first)
    with pytest.raises(StoreError, match="déjà pris") as info:
        store.add_learner(second)
    assert info.value.message.msgid.startswith("Le pseudonyme « {name} »")  # translatable source
    assert len(store.learners()) == 1


@pytest.mark.parametrize(("pseudonym", "french"),
                         [("", "vide"), ("   ", "vide"), ("x" * 65, "au plus 64 caractères")])
def test_bad_pseudonyms_are_refused_in_french(store: Store, pseudonym: str, french: str) -> None:
    with pytest.raises(StoreError, match=french):
        store.add_learner(pseudonym)
    assert store.learners() == []


def test_a_64_character_pseudonym_is_fine(store: Store) -> None:
    assert store.add_learner("é" * 64).pseudonym == "é" * 64


# ---------------------------------------------------------------- attempts and statements

def test_attempt_round_trip(store: Store) -> None:
    learner = store.add_learner("Alice")
    started = store.start_attempt(learner.id, "prenoms", "1.2", REG, {"step": 0}, [stmt(1)])
    assert isinstance(started, Attempt) and started.finished_at is None and started.score is None
    assert store.current_attempt(learner.id, "prenoms") == started
    assert store.latest_finished(learner.id, "prenoms") is None

    store.record(REG, {"step": 1, "answers": ["oui", "é"]}, [stmt(2), stmt(3)])
    current = store.current_attempt(learner.id, "prenoms")
    assert current is not None and current.state == {"step": 1, "answers": ["oui", "é"]}

    store.record(REG, {"step": 2}, [stmt(4)], finished_score=0.75)
    assert store.current_attempt(learner.id, "prenoms") is None
    done = store.latest_finished(learner.id, "prenoms")
    assert done is not None and done.score == 0.75 and done.finished_at and done.state == {"step": 2}
    assert [s["n"] for s in store.statements(REG)] == [1, 2, 3, 4]


def test_current_attempt_is_the_latest_unfinished(store: Store) -> None:
    learner = store.add_learner("Alice")
    store.start_attempt(learner.id, "s", "1", REG, {"a": 1}, [])
    store.start_attempt(learner.id, "s", "1", REG2, {"a": 2}, [])
    current = store.current_attempt(learner.id, "s")
    assert current is not None and current.registration == REG2
    assert store.current_attempt(learner.id, "other") is None


def test_statements_filter_and_keep_insertion_order(store: Store) -> None:
    alice, bob = store.add_learner("Alice"), store.add_learner("Bob")
    store.start_attempt(alice.id, "s", "1", REG, {}, [stmt(9)])
    store.start_attempt(bob.id, "s", "1", REG2, {}, [stmt(1)])
    store.record(REG, {}, [stmt(5), stmt(2)])
    assert [s["n"] for s in store.statements()] == [9, 1, 5, 2]
    assert [s["n"] for s in store.statements(registration=REG)] == [9, 5, 2]
    assert [s["n"] for s in store.statements(learner_id=bob.id)] == [1]
    assert store.statements(registration=REG, learner_id=bob.id) == []


def test_a_resent_statement_is_stored_once(store: Store) -> None:
    learner = store.add_learner("Alice")
    store.start_attempt(learner.id, "s", "1", REG, {}, [stmt(1)])
    store.record(REG, {"again": True}, [stmt(1), stmt(2)])
    assert [s["n"] for s in store.statements()] == [1, 2]


def test_record_on_an_unknown_attempt_is_refused(store: Store) -> None:
    with pytest.raises(StoreError, match="introuvable"):
        store.record(REG, {}, [stmt(1)])


def test_data_survive_reopening(tmp_path: Path) -> None:
    with Store(tmp_path) as first:  # a folder: the file inside is explorateurs.sqlite3
        learner = first.add_learner("Alice")
        first.start_attempt(learner.id, "s", "1", REG, {"x": 1}, [stmt(1)])
        first.set_setting("text_scale", 1.5)
    assert (tmp_path / paths.DB_FILENAME).exists()
    with Store(tmp_path / paths.DB_FILENAME) as again:
        assert [learn.pseudonym for learn in again.learners()] == ["Alice"]
        assert again.statements() == [stmt(1)] and again.get_setting("text_scale") == 1.5
        assert again._db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_settings_round_trip_json(store: Store) -> None:
    assert store.get_setting("missing", {"default": True}) == {"default": True}
    store.set_setting("lang", "fr")
    store.set_setting("lang", "en")
    store.set_setting("lrs", {"endpoint": "http://127.0.0.1:8080/xAPI", "batch": 32, "on": None})
    assert store.get_setting("lang") == "en"
    assert store.get_setting("lrs") == {"endpoint": "http://127.0.0.1:8080/xAPI", "batch": 32, "on": None}


# ---------------------------------------------------------------- atomicity

def _prepared(store: Store) -> int:
    learner = store.add_learner("Alice")
    store.start_attempt(learner.id, "s", "1", REG, {"step": 0}, [stmt(1)])
    return learner.id


def test_record_is_atomic_when_the_insert_fails_midway(store: Store) -> None:
    learner_id = _prepared(store)
    # The state update runs first, then the statements; the second statement makes SQLite abort.
    store._db.execute(
        "CREATE TEMP TRIGGER fail_midway BEFORE INSERT ON statements WHEN NEW.body LIKE '%\"boom\"%'"
        " BEGIN SELECT RAISE(ABORT, 'disk on fire'); END"
    )
    with pytest.raises(StoreError, match="n'a pas pu être enregistrée"):
        store.record(REG, {"step": 1}, [stmt(2), stmt(3, boom="boom"), stmt(4)], finished_score=1.0)
    current = store.current_attempt(learner_id, "s")
    assert current is not None and current.state == {"step": 0} and current.finished_at is None
    assert [s["n"] for s in store.statements()] == [1]
    store._db.execute("DROP TRIGGER fail_midway")
    store.record(REG, {"step": 1}, [stmt(2)])  # the store is still usable
    assert [s["n"] for s in store.statements()] == [1, 2]


@pytest.mark.parametrize("bad", [{"id": "00000000-0000-4000-8000-000000000009", "when": object()},
                                 {"id": "00000000-0000-4000-8000-000000000009", "x": float("nan")},
                                 {"no": "id"}])
def test_record_with_an_unstorable_statement_changes_nothing(store: Store, bad: dict[str, Any]) -> None:
    learner_id = _prepared(store)
    with pytest.raises((TypeError, ValueError)):
        store.record(REG, {"step": 1}, [stmt(2), bad])
    current = store.current_attempt(learner_id, "s")
    assert current is not None and current.state == {"step": 0}
    assert [s["n"] for s in store.statements()] == [1]


# ---------------------------------------------------------------- durability

def test_wal_is_on(tmp_path: Path) -> None:
    with Store(tmp_path / "save.sqlite3") as store:
        assert store.journal_mode == "wal"
        assert store._db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    raw = sqlite3.connect(tmp_path / "save.sqlite3")
    try:
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"  # persistent in the file
    finally:
        raw.close()


CHILD = """
import sys
from game.storage.store import Store
store = Store(sys.argv[1])
learner = store.add_learner("kill")
store.start_attempt(learner.id, "s", "1", sys.argv[2], {"done": -1}, [])
print("ready", flush=True)
i = 0
while True:
    store.record(sys.argv[2], {"done": i}, [{"id": "00000000-0000-4000-8000-%012d" % i, "n": i}])
    print("ok", i, flush=True)
    i += 1
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
@pytest.mark.parametrize("acks_before_kill", [1, 40, 300])
def test_every_acknowledged_action_survives_sigkill(tmp_path: Path, acks_before_kill: int) -> None:
    db = tmp_path / "save.sqlite3"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(db), REG], stdout=subprocess.PIPE,
                             text=True, cwd=ROOT, env=env)
    assert child.stdout is not None
    lines = [child.stdout.readline()]
    assert lines[0] == "ready\n"
    while sum(line.startswith("ok") for line in lines) < acks_before_kill:
        lines.append(child.stdout.readline())
        assert lines[-1], "the child stopped before being killed"
    os.kill(child.pid, signal.SIGKILL)
    lines += child.stdout.read().splitlines()  # acknowledgements already in the pipe count too
    assert child.wait(timeout=10) == -signal.SIGKILL
    acked = max(int(line.split()[1]) for line in lines if line.startswith("ok"))

    with Store(db) as store:
        stored = [s["n"] for s in store.statements(REG)]
        attempt = store.current_attempt(store.learners()[0].id, "s")
    assert stored == list(range(len(stored)))  # no hole, no duplicate
    assert acked < len(stored) <= acked + 2, (acked, len(stored), lines[-3:])  # every acknowledged action, at most one in flight
    assert attempt is not None and attempt.state == {"done": stored[-1]}  # state and statements agree


# ---------------------------------------------------------------- unreadable files

@pytest.mark.parametrize("content", [b"ceci n'est pas une base de donnees\n" * 200,
                                     b"SQLite format 3\x00" + os.urandom(8000)])
def test_a_garbage_file_is_refused_in_french_and_left_untouched(tmp_path: Path, content: bytes) -> None:
    db = tmp_path / "explorateurs.sqlite3"
    db.write_bytes(content)
    with pytest.raises(StoreError) as info:
        Store(db)
    assert "illisible" in str(info.value) and "n'a pas été modifié" in str(info.value)
    assert str(db) in info.value.message.kwargs["path"]
    assert db.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["explorateurs.sqlite3"]


def test_a_save_from_a_newer_game_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "save.sqlite3"
    with Store(db):
        pass
    raw = sqlite3.connect(db)
    raw.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    raw.close()
    with pytest.raises(StoreError, match="plus récente"):
        Store(db)


# ---------------------------------------------------------------- paths

def test_data_dir_prefers_argument_then_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(paths.DATA_DIR_ENV, str(tmp_path / "from-env"))
    assert paths.data_dir(tmp_path / "explicit") == tmp_path / "explicit"
    assert (tmp_path / "explicit").is_dir()
    assert paths.data_dir() == tmp_path / "from-env" and (tmp_path / "from-env").is_dir()
    assert paths.database_path() == tmp_path / "from-env" / "explorateurs.sqlite3"


def test_data_dir_falls_back_to_platformdirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(paths.DATA_DIR_ENV, raising=False)
    monkeypatch.setattr(paths.platformdirs, "user_data_path",
                        lambda name, appauthor=None: tmp_path / "xdg" / name)
    assert paths.data_dir() == tmp_path / "xdg" / "explorateurs-des-donnees"
    assert (tmp_path / "xdg" / "explorateurs-des-donnees").is_dir()


def test_open_default_uses_the_data_dir(data_dir: Path) -> None:
    with Store.open_default() as store:
        assert store.path == data_dir / "explorateurs.sqlite3"


# ---------------------------------------------------------------- outbox (statements for the LRS)

def test_recorded_statements_are_queued_in_the_same_transaction(store: Store) -> None:
    learner = store.add_learner("Alice")
    store.start_attempt(learner.id, "s", "1", REG, {}, [stmt(1)])
    store.record(REG, {}, [stmt(2), stmt(3)])
    store.record(REG, {"again": True}, [stmt(3)])  # a retried action queues nothing twice
    assert [s["n"] for s in store.pending()] == [1, 2, 3]
    assert store.outbox_counts() == OutboxCounts(pending=3)


def test_a_failed_record_queues_nothing(store: Store) -> None:
    learner = store.add_learner("Alice")
    store.start_attempt(learner.id, "s", "1", REG, {}, [stmt(1)])
    store._db.execute("CREATE TRIGGER boom BEFORE INSERT ON outbox WHEN NEW.id LIKE '%3' "
                      "BEGIN SELECT RAISE(ABORT, 'boom'); END")
    with pytest.raises(StoreError):
        store.record(REG, {"step": 9}, [stmt(2), stmt(3)])
    assert [s["n"] for s in store.statements()] == [1]  # statement rows rolled back with the outbox
    assert [s["n"] for s in store.pending()] == [1]


def test_outbox_sent_retry_and_parked(store: Store) -> None:
    learner = store.add_learner("Alice")
    store.start_attempt(learner.id, "s", "1", REG, {}, [stmt(1), stmt(2), stmt(3), stmt(4)])
    ids = [stmt(n)["id"] for n in (1, 2, 3, 4)]
    store.mark_sent(ids[:1])
    store.mark_retry(ids[1:3], "URLError: refused", next_try_at=100.0)
    store.park(ids[3], "HTTP 400 : Problem in 'statements.0.verb.id'")
    assert [s["n"] for s in store.pending(now=99.0)] == []
    assert [s["n"] for s in store.pending(limit=1, now=100.0)] == [2]
    assert store.outbox_counts() == OutboxCounts(pending=2, sent=1, parked=1)
    assert store.parked() == [(ids[3], "HTTP 400 : Problem in 'statements.0.verb.id'")]
    store.mark_retry(ids[:1], "late", 500.0)  # a sent statement stays sent
    assert store.outbox_counts().sent == 1


def test_migration_v3_queues_the_statements_of_an_older_save(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    raw = sqlite3.connect(path, isolation_level=None)
    for migration in MIGRATIONS[:2]:
        migration(raw)
    raw.execute("INSERT INTO learners VALUES (1, 'Alice', '2025-01-01T00:00:00Z')")
    raw.execute(f"INSERT INTO attempts VALUES ('{REG}', 1, 's', '1', 'x', NULL, '{{}}', NULL)")
    for n in (2, 1):
        raw.execute("INSERT INTO statements VALUES (?, ?, 1, '2025-01-01T00:00:00Z', ?)",
                    (stmt(n)["id"], REG, json.dumps(stmt(n))))
    raw.execute("INSERT INTO imported_statements VALUES ('other', '{}', 'x', 'desk2')")
    raw.execute("PRAGMA user_version=2")
    raw.close()
    with Store(path) as store:
        assert [s["n"] for s in store.pending()] == [2, 1]  # in recording order; imported ones not queued
        assert store.outbox_counts() == OutboxCounts(pending=2)


def test_migration_v4_keeps_older_profiles_without_a_group(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    raw = sqlite3.connect(path, isolation_level=None)
    for migration in MIGRATIONS[:3]:
        migration(raw)
    raw.execute("INSERT INTO learners VALUES (1, 'Alice', '2025-01-01T00:00:00Z')")
    raw.execute("PRAGMA user_version=3")
    raw.close()
    with Store(path) as store:
        assert store.learners() == [Learner(1, "Alice", "2025-01-01T00:00:00Z", None)]
        bob = store.add_learner("Bob", "RENNES-2026")
        store.set_group(1, "RENNES-2026")
        assert [(x.pseudonym, x.group) for x in store.learners()] == [("Alice", "RENNES-2026"), ("Bob", "RENNES-2026")]
        store.set_group(bob.id, None)
        assert store.learners()[1].group is None


def test_a_save_that_cannot_be_opened_says_why_in_french(tmp_path: Path) -> None:
    (tmp_path / "fichier").write_text("pas un dossier", encoding="utf-8")
    target = tmp_path / "fichier" / "sous" / "explorateurs.sqlite3"
    with pytest.raises(StoreError) as raised:
        Store(target)
    text = raised.value.message.format_source()
    assert "(une partie du chemin n'est pas un dossier)" in text and "Not a directory" not in text
