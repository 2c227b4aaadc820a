"""The opt-in trace the reliability bench reads (``--trace``): frames drawn, actions acknowledged."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from game.storage.recorder import StoreRecorder
from game.storage.store import Store, StoreError
from game.storage.trace import Trace, state_digest

ROOT = Path(__file__).resolve().parents[2]
REG = "0b6c5f3e-8a47-4f43-9d0c-2f4e8e1c7a10"


class _Scenario:
    id, version = "premiers-pas", "1"


def stmt(n: int) -> dict[str, Any]:
    return {"id": f"00000000-0000-4000-8000-{n:012d}", "actor": {"name": "Camille"}}


def lines(path: Path) -> list[list[str]]:
    return [line.split(" ") for line in path.read_text(encoding="utf-8").splitlines()]


def test_an_action_is_traced_once_committed_with_its_statements_and_the_state_read_back(tmp_path):
    trace = Trace(tmp_path / "trace.txt")
    state = {"step_id": "quiz-loi", "answers": {"q1": [0, 2]}, "note": "Données « ouvertes »", "score": 0.5}
    with Store(tmp_path / "save.sqlite3") as store:
        learner = store.add_learner("Camille")
        rec = StoreRecorder(store, learner.id, _Scenario(), started=False, committed=trace.committed)  # type: ignore[arg-type]
        rec.record(REG, state, [stmt(1), stmt(2)])
        rec.record(REG, {**state, "step_id": "tri"}, [])
        saved = store.current_attempt(learner.id, "premiers-pas")
    trace.frame()
    trace.close()
    first, second, frame = lines(tmp_path / "trace.txt")
    assert first == ["r", REG, state_digest(state), stmt(1)["id"], stmt(2)["id"]]
    assert second[:2] == ["r", REG] and len(second) == 3  # an action without statements is traced too
    assert saved is not None and second[2] == state_digest(saved.state)  # the state read back has the same digest
    assert frame[0] == "f" and float(frame[1]) > 0


def test_an_action_the_save_refused_is_not_traced(tmp_path):
    trace = Trace(tmp_path / "trace.txt")
    with Store(tmp_path / "save.sqlite3") as store:
        rec = StoreRecorder(store, 1, _Scenario(), started=True, committed=trace.committed)  # type: ignore[arg-type]
        with pytest.raises(StoreError):
            rec.record(REG, {}, [stmt(1)])  # no such attempt
    trace.close()
    assert (tmp_path / "trace.txt").read_text(encoding="utf-8") == ""


def test_a_traced_line_is_in_the_file_even_when_the_game_is_killed_right_after(tmp_path):
    path = tmp_path / "trace.txt"
    code = ("import os, signal, sys; from game.storage.trace import Trace; t = Trace(sys.argv[1]);"
            "t.committed('reg', {}, ['id-1']); t.frame(); os.kill(os.getpid(), signal.SIGKILL)")
    r = subprocess.run([sys.executable, "-c", code, str(path)], cwd=ROOT, timeout=30)
    assert r.returncode == -signal.SIGKILL
    assert [x[0] for x in lines(path)] == ["r", "f"]


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="/dev/full")
def test_a_trace_that_cannot_be_written_never_stops_the_game():
    trace = Trace("/dev/full")  # every write fails: no space left
    trace.frame()
    trace.committed(REG, {}, ["id"])
    trace.close()
