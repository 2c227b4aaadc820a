"""Workshop groups in the LRS: the report's LRS source finds a group's statements by its activity, and
the game wakes its sender as soon as an action is recorded."""

from __future__ import annotations

import time
import uuid
from pathlib import Path

from game.core import statements as xs
from game.storage.lrs import LrsClient, LrsSettings, Sender
from game.storage.recorder import StoreRecorder
from game.storage.report_sources import gather
from game.storage.store import Store
from tests.lrs.conftest import LrsServer

CFG = xs.DEFAULT_XAPI


def cards(who: str, group: str | None, n: int = 3) -> list[dict]:
    reg, opts = str(uuid.uuid4()), ({"group": group} if group else {})
    return [xs.card_placed(CFG, who, reg, "premiers-pas", "tri", f"c{i}", f"Carte {i}", "ouvrir", True, ["B2"], **opts)
            for i in range(n)]


def test_the_lrs_source_reads_only_the_workshop_asked_for(lrs: LrsServer) -> None:
    code_a, code_b = f"A-{uuid.uuid4().hex[:6].upper()}", f"B-{uuid.uuid4().hex[:6].upper()}"
    client = LrsClient(LrsSettings(lrs.endpoint, "ci", "ci"))
    mine, other, alone = cards("Camille", code_a), cards("Sam", code_b), cards("Lou", None)
    assert client.post(mine + other + alone).ok
    found = gather(lrs=LrsSettings(lrs.endpoint, "ci", "ci"), group=code_a)
    assert found.problems == []
    assert sorted(s["id"] for s in found.statements) == sorted(s["id"] for s in mine)


def test_an_unreachable_lrs_is_a_french_problem_not_a_crash(tmp_path: Path) -> None:
    found = gather(lrs=LrsSettings("http://127.0.0.1:9/xAPI/", "ci", "ci"), group="ABC",
                   jsonl=[tmp_path / "absent.jsonl"])
    texts = [m.format_source() for _where, m in found.problems]
    assert any("n'a pas pu être interrogé" in t for t in texts) and found.statements == []
    assert len(texts) == 2  # the missing export file is named too


def test_a_recorded_action_wakes_the_sender_at_once(lrs: LrsServer, tmp_path: Path) -> None:
    with Store(tmp_path / "save.sqlite3", synchronous="NORMAL") as store:
        sender = Sender(store.path, LrsClient(LrsSettings(lrs.endpoint, "ci", "ci")), idle_delay=600)
        sender.start()
        try:
            deadline = time.monotonic() + 20
            while sender.looks == 0 and time.monotonic() < deadline:
                time.sleep(0.01)
            assert sender.looks == 1  # it has looked once, found nothing, and now sleeps for 10 minutes
            learner = store.add_learner("Camille")

            class _Sc:
                id, version = "premiers-pas", "1"

            rec = StoreRecorder(store, learner.id, _Sc(), started=False, recorded=sender.notify)  # type: ignore[arg-type]
            stmts = cards("Camille", None)
            rec.record(stmts[0]["context"]["registration"], {}, stmts)
            deadline = time.monotonic() + 20
            while store.outbox_counts().pending and time.monotonic() < deadline:
                time.sleep(0.05)
        finally:
            sender.stop()
        assert store.outbox_counts().sent == 3
