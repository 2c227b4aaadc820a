"""LRS settings (precedence, secrets kept out of logs) and the sender's backoff, without a server."""

from __future__ import annotations

import argparse
import json
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from game import cli
from game.storage import lrs as lrs_module
from game.storage.lrs import LrsClient, LrsSettings, LrsUnreachable, PostResult, Sender
from game.storage.store import OutboxCounts, Store

SECRET = "s3cr3t-Pa55"


def args(**kw: Any) -> argparse.Namespace:
    return argparse.Namespace(**{"lrs_endpoint": None, "lrs_user": None, "lrs_password": None, **kw})


@pytest.fixture
def config(tmp_path: Path) -> Path:
    path = tmp_path / "lrs.json"
    path.write_text(json.dumps({"endpoint": "https://file.example/xapi", "username": "file-user",
                                "password": "file-pass"}), encoding="utf-8")
    return path


def test_off_without_an_endpoint(tmp_path: Path) -> None:
    s = LrsSettings.load(args(), env={}, file=tmp_path / "absent.json")
    assert not s.enabled and s.endpoint is None


def test_cli_beats_environment_beats_file_value_by_value(config: Path) -> None:
    env = {"EXPLORATEURS_LRS_ENDPOINT": "https://env.example/xapi/", "EXPLORATEURS_LRS_USER": "env-user"}
    assert LrsSettings.load(args(), env={}, file=config) == LrsSettings("https://file.example/xapi/", "file-user",
                                                                         "file-pass")
    assert LrsSettings.load(args(), env=env, file=config) == LrsSettings("https://env.example/xapi/", "env-user",
                                                                          "file-pass")
    cli_args = args(lrs_endpoint="http://cli.example/xAPI", lrs_password=SECRET)
    assert LrsSettings.load(cli_args, env=env, file=config) == LrsSettings("http://cli.example/xAPI/", "env-user", SECRET)


def test_the_default_file_is_in_the_user_config_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    assert lrs_module.config_path() == tmp_path / "explorateurs-des-donnees" / "lrs.json"


def test_a_broken_file_is_ignored_and_its_content_not_logged(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "lrs.json"
    path.write_text('{"endpoint": "https://x.example/", "password": "' + SECRET, encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        assert not LrsSettings.load(args(), env={}, file=path).enabled
    assert "lrs.json" in caplog.text and SECRET not in caplog.text


def test_the_cli_accepts_the_lrs_flags_for_play() -> None:
    parsed = cli.parse_args(["play", "--lrs-endpoint", "http://h/xAPI/", "--lrs-user", "u",
                            "--lrs-password", SECRET])
    assert LrsSettings.load(parsed, env={}, file=Path("/nonexistent")) == LrsSettings("http://h/xAPI/", "u", SECRET)


def test_the_password_never_shows(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    s = LrsSettings("http://127.0.0.1:9/xAPI/", "desk-1", SECRET)
    client = LrsClient(s, timeout=0.5)
    assert SECRET not in repr(s) and SECRET not in str(s) and "***" in repr(s) and SECRET not in repr(client)
    with Store(tmp_path / "save.sqlite3") as store:
        learner = store.add_learner("Alice")
        store.start_attempt(learner.id, "s", "1", "r", {}, [{"id": "00000000-0000-4000-8000-000000000001"}])
        sender = Sender(store.path, client)
        with caplog.at_level(logging.DEBUG):
            sender.step(store)  # port 9: connection refused, logged
        assert store.outbox_counts() == OutboxCounts(pending=1)
        assert "127.0.0.1:9" in caplog.text
        assert SECRET not in caplog.text and client._headers["Authorization"][6:] not in caplog.text
        assert SECRET not in sender.status().format_source()
        assert all(SECRET not in (e or "") for _i, e in store._db.execute("SELECT id, last_error FROM outbox"))


class ScriptedClient(LrsClient):
    """Answers from a list: an exception to raise or a status code."""

    def __init__(self, answers: list[Any]) -> None:
        super().__init__(LrsSettings("http://lrs.invalid/xAPI/"))
        self.answers, self.calls = answers, 0

    def post(self, statements: Any) -> PostResult:
        self.calls += 1
        answer = self.answers.pop(0) if self.answers else 200
        if isinstance(answer, Exception):
            raise answer
        return PostResult(answer, [s["id"] for s in statements] if answer == 200 else [], reason="boom")


class Clock:
    t = 5_000.0

    def __call__(self) -> float:
        return self.t


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "save.sqlite3") as s:
        learner = s.add_learner("Alice")
        s.start_attempt(learner.id, "s", "1", "r", {}, [{"id": f"00000000-0000-4000-8000-00000000000{n}"}
                                                        for n in range(3)])
        yield s


def test_backoff_doubles_up_to_five_minutes_and_waits_without_posting(store: Store) -> None:
    clock = Clock()
    client = ScriptedClient([LrsUnreachable("refused")] * 20)
    sender = Sender(store.path, client, clock=clock)
    delays = []
    for _ in range(9):
        delays.append(sender.step(store))
        assert sender.step(store) == delays[-1] and client.calls == len(delays)  # too early: no request
        clock.t += delays[-1] - 1
        assert sender.status().format_source() == "LRS injoignable, nouvel essai dans 1 s"
        clock.t += 1
    assert delays == [5, 10, 20, 40, 80, 160, 300, 300, 300]
    assert store.outbox_counts() == OutboxCounts(pending=3)
    client.answers = []
    assert sender.step(store) == 0 and store.outbox_counts() == OutboxCounts(sent=3)
    assert sender.failures == 0


def test_status_counts_down_to_the_next_try(store: Store) -> None:
    clock = Clock()
    sender = Sender(store.path, ScriptedClient([LrsUnreachable("down")] * 4), clock=clock)
    for _ in range(3):
        clock.t += sender.step(store)
    assert sender.step(store) == 40.0  # 4th failure
    assert sender.status().format_source() == "LRS injoignable, nouvel essai dans 40 s"
    clock.t += 0.5
    assert sender.status().format_source() == "LRS injoignable, nouvel essai dans 40 s"  # rounded up


@pytest.mark.parametrize(("status", "message"), [(503, "LRS injoignable, nouvel essai dans 5 s"),
                                                 (500, "LRS injoignable, nouvel essai dans 5 s"),
                                                 (401, "LRS : identifiants refusés, nouvel essai dans 5 s")])
def test_server_errors_and_refused_credentials_are_retried_not_parked(store: Store, status: int, message: str) -> None:
    sender = Sender(store.path, ScriptedClient([status]), clock=Clock())
    assert sender.step(store) == 5.0
    assert store.outbox_counts() == OutboxCounts(pending=3)
    assert sender.status().format_source() == message


def test_pending_then_up_to_date_status(store: Store) -> None:
    sender = Sender(store.path, ScriptedClient([200]), clock=Clock(), batch_size=2)
    sender.step(store)
    assert sender.status().format_source() == "Relevés : 1 en attente d'envoi"
    sender.step(store)
    assert sender.status().format_source() == "Relevés : à jour"


def test_services_run_a_sender_only_when_an_endpoint_is_set(tmp_path: Path) -> None:
    from game.services import Services

    with Store(tmp_path / "save.sqlite3") as store:
        off = Services(store, [], language="fr")
        assert off.sender is None and off.sync_status() is None
        off.close()
        on = Services(store, [], language="fr", lrs=LrsSettings("http://127.0.0.1:9/xAPI/", "u", SECRET))
        assert on.sender is not None and on.sender._thread is not None and on.sender._thread.is_alive()
        assert on.sync_status() is not None
        thread = on.sender._thread
        on.close()
        assert on.sender is None and not thread.is_alive()


def test_credentials_written_in_the_address_leave_it(tmp_path: Path) -> None:
    s = LrsSettings.load(argparse.Namespace(lrs_endpoint="https://formation:s%C3%A9cret@lrs.example.org:8443/xapi"),
                         env={}, file=tmp_path / "absent.json")
    assert s.endpoint == "https://lrs.example.org:8443/xapi/"
    assert (s.username, s.password) == ("formation", "sécret")
    assert "cret" not in repr(s) and "cret" not in repr(LrsClient(s))
