"""``explorateurs records send``: a trainer drains a desk's queue to the LRS without opening the game."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.cli import main
from game.storage.lrs import LrsClient
from game.storage.lrs_settings import LrsSettings
from game.storage.store import Store

from ..test_records_cli import play_a_little
from .conftest import LrsServer, free_port


@pytest.fixture
def desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    data = tmp_path / "poste"
    data.mkdir()
    monkeypatch.setenv("EXPLORATEURS_DATA_DIR", str(data))
    monkeypatch.setenv("EXPLORATEURS_LRS_USER", "ci")
    monkeypatch.setenv("EXPLORATEURS_LRS_PASSWORD", "ci-secret")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))  # no lrs.json of the machine
    play_a_little(data, "Camille")
    return data


def test_send_delivers_the_queue_once_and_says_how_many(desk: Path, lrs: LrsServer, capsys) -> None:
    with Store(desk) as store:
        ids = {s["id"] for s in store.statements()}
        assert store.outbox_counts().pending == len(ids) > 0
    assert main(["records", "send", "--lrs-endpoint", lrs.endpoint]) == 0
    assert f"{len(ids)} relevés envoyés à {lrs.endpoint}" in capsys.readouterr().out
    with Store(desk) as store:
        assert store.outbox_counts().pending == 0
        reg = store.statements()[0]["context"]["registration"]
    stored = LrsClient(LrsSettings(lrs.endpoint, "ci", "ci-secret")).statements({"registration": reg})
    assert {s["id"] for s in stored} == ids
    assert main(["--data-dir", str(desk), "records", "send", "--lrs-endpoint", lrs.endpoint]) == 0  # before or after
    assert "0 relevé envoyé" in capsys.readouterr().out


def test_a_dead_lrs_keeps_everything_queued_and_says_so_in_french(desk: Path, capsys) -> None:
    with Store(desk) as store:
        waiting = store.outbox_counts().pending
    dead = f"http://127.0.0.1:{free_port()}/xAPI/"
    assert main(["records", "send", "--tries", "1", "--lrs-endpoint", dead]) == 1
    err = capsys.readouterr().err
    assert "Envoi interrompu" in err and f"{waiting} relevés restent en attente" in err
    assert "Traceback" not in err
    with Store(desk) as store:
        assert store.outbox_counts().pending == waiting


def test_without_an_lrs_the_command_says_how_to_set_one(desk: Path, capsys, monkeypatch) -> None:
    monkeypatch.delenv("EXPLORATEURS_LRS_ENDPOINT", raising=False)
    assert main(["records", "send"]) == 2
    assert "Aucun LRS configuré" in capsys.readouterr().err
