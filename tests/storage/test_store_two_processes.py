"""Two processes on one save: the game (with the LRS sender's second connection) and a command
run meanwhile (``records export``, ``report``, a second window). Nothing the game acknowledged may
be lost, whether the game is then killed or quits normally.

SQLite's locks are POSIX advisory locks: closing *any* descriptor of the database file drops all
of the process's locks on it. If the game ever opens the file by another handle while it holds a
connection, the other process believes it is alone, checkpoints and deletes the ``-wal`` under the
running game, and what the game records afterwards goes into a deleted file.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from game.storage.store import Store

ROOT = Path(__file__).resolve().parents[2]
REG = "0b6c5f3e-8a47-4f43-9d0c-2f4e8e1c7a10"
ACTIONS = 40

#: the game: its own connection, then the sender's (a second Store on the same path, as
#: ``lrs.Sender`` opens it), then N actions once the other process has come and gone
GAME = """
import sys
from game.storage.store import Store
path, registration, actions, ending = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
store = Store(path)
sender = Store(path, synchronous="NORMAL")
learner = store.add_learner("Camille")
store.start_attempt(learner.id, "s", "1", registration, {"done": -1}, [])
sender.outbox_counts()
print("ready", flush=True)
sys.stdin.readline()  # the other process has opened and closed the save
for i in range(actions):
    store.record(registration, {"done": i}, [{"id": "00000000-0000-4000-8000-%012d" % i, "n": i}])
    sender.pending()
    print("ok", i, flush=True)
if ending == "quit":  # as game.app.run ends: the sender stops, the game's Store is left to the interpreter
    sender.close()
    print("closed", flush=True)
else:
    print("waiting", flush=True)
    sys.stdin.readline()
"""


def _other_process(kind: str, data: Path, tmp_path: Path, env: dict[str, str]) -> None:
    """What a trainer runs on the desk while the game is open."""
    if kind == "records export":
        args = ["records", "export", "--data-dir", str(data), "-o", str(tmp_path / "export.jsonl")]
    else:  # a second window, or any tool that opens the save with the game's own Store
        args = None
    if args is None:
        code = "import sys\nfrom game.storage.store import Store\nStore(sys.argv[1]).close()"
        cmd = [sys.executable, "-c", code, str(data / "explorateurs.sqlite3")]
    else:
        cmd = [sys.executable, "-m", "game", *args]
    done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=30)
    assert done.returncode == 0, done.stderr


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX locks and SIGKILL")
@pytest.mark.parametrize("ending", ["kill", "quit"])
@pytest.mark.parametrize("other", ["records export", "second store"])
def test_a_command_run_during_play_loses_no_acknowledged_action(tmp_path: Path, other: str, ending: str) -> None:
    data = tmp_path / "donnees"
    data.mkdir()
    db = data / "explorateurs.sqlite3"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "EXPLORATEURS_DATA_DIR": str(data)}
    game = subprocess.Popen([sys.executable, "-c", GAME, str(db), REG, str(ACTIONS), ending], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True, cwd=ROOT, env=env)
    assert game.stdin is not None and game.stdout is not None
    try:
        assert game.stdout.readline() == "ready\n"
        _other_process(other, data, tmp_path, env)
        game.stdin.write("go\n")
        game.stdin.flush()
        acked = 0
        while (line := game.stdout.readline()) not in ("closed\n", "waiting\n", ""):
            acked += line.startswith("ok ")
    finally:
        if ending == "kill" or game.poll() is None:
            os.kill(game.pid, signal.SIGKILL)
        game.wait(timeout=20)
    assert acked == ACTIONS

    with Store(db) as store:
        stored = [s["n"] for s in store.statements(REG)]
        attempt = store.current_attempt(store.learners()[0].id, "s")
    lost = ACTIONS - len(stored)
    assert lost == 0, f"{lost} of {ACTIONS} acknowledged actions lost"
    assert stored == list(range(ACTIONS))
    assert attempt is not None and attempt.state == {"done": ACTIONS - 1}


def test_a_report_read_while_the_game_checkpoints_gets_every_statement(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """``report`` on a desk whose game is open: the game may checkpoint its -wal at any moment (it
    does every ~4 MB). Copying the save then its -wal byte by byte would miss what moved between the
    two copies; SQLite's own locks give one consistent view."""
    from game.storage import report_sources

    db = tmp_path / "explorateurs.sqlite3"
    game = Store(db)
    try:
        learner = game.add_learner("Camille")
        game.start_attempt(learner.id, "s", "1", REG, {}, [])
        for i in range(ACTIONS):
            game.record(REG, {"done": i}, [{"id": f"00000000-0000-4000-8000-{i:012d}", "n": i}])
        copy = report_sources.shutil.copyfile

        def copy_then_checkpoint(src: object, dst: object) -> object:
            done = copy(src, dst)  # type: ignore[arg-type]
            if Path(str(src)) == db:  # the game checkpoints between the two copies
                game._db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            return done

        monkeypatch.setattr(report_sources.shutil, "copyfile", copy_then_checkpoint)
        beside = sorted(p.name for p in tmp_path.iterdir())
        found = report_sources.gather(stores=[db])
        assert sorted(p.name for p in tmp_path.iterdir()) == beside  # nothing created nor deleted beside the save
        game.record(REG, {"done": ACTIONS}, [{"id": f"00000000-0000-4000-8000-{ACTIONS:012d}", "n": ACTIONS}])
    finally:
        game.close()
    assert found.problems == []
    assert [s["n"] for s in found.statements] == list(range(ACTIONS))
    with Store(db) as store:
        assert len(store.statements(REG)) == ACTIONS + 1
