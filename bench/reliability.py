"""Reliability bench (issue 12, « Rien de perdu, rien de figé »): random keys and brutal kills.

For each shipped scenario and each mode, the real game is launched N times in a real window (under
Xvfb: the bench re-runs itself through ``xvfb-run`` when there is no ``$DISPLAY``), enters the
scenario from the title screen like a person, then plays random keys (Tab, Maj+Tab, arrows, Entrée,
Espace, Échap, letters, digits, Retour arrière, Page suivante, mouse clicks and wheel at random
places, short pauses). Modes:

``keys``        the script runs to its end and the game quits by itself;
``kill``        SIGKILL at a random frame of the script;
``export-kill`` an LRS is configured (a tiny fake LRS on 127.0.0.1 that accepts everything), a
                second process runs ``records export`` on the same save again and again during play,
                then SIGKILL at a random frame (at the earliest once an export has finished). With
                ``--no-lrs``, the same without an LRS: the control that tells whether the LRS sender's
                own connection to the save is what the exports upset.

The game writes an opt-in trace (hidden option ``--trace``, see ``game/storage/trace.py``): one line
per frame drawn, one line per action committed to the save, with its statement ids and a digest of
the resume state it saved. That line is written right after the commit returned, i.e. when the game
has told the learner the action is saved: it is what this bench calls **acknowledged**. After the
process ended, the save is reopened (plain SQLite, as the next start would) and compared:

- *statements lost*: acknowledged statement ids missing from the save;
- *actions lost*: acknowledged actions whose statements are missing, or that came after the resume
  state the save holds (the attempt went back to an older acknowledged state, or vanished);
- *crashes*: the game ended by itself with a non-zero code, or a traceback / ERROR in its stderr or
  its log (an exception caught by the error screen counts);
- *hangs*: no frame for ``--hang`` seconds while the process lives (it is then killed);
- *longest frame gap*: the longest time between two frames drawn (scripted runs draw frames as fast
  as they can, so a long gap is time the window could not answer).

Printed, never asserted; exit code 0. Runs with a loss, crash, hang or refused export are named (and
kept under ``--keep``).

    .venv/bin/python bench/reliability.py [--mode kill|keys|export-kill|all] [--runs 6] [--steps 500]
        [--seed 12] [--scenario ID] [--quick] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from game.storage.library import load_all  # noqa: E402
from game.storage.paths import DB_FILENAME  # noqa: E402
from game.storage.scenarios import builtin_scenarios_dir  # noqa: E402
from game.storage.trace import state_digest  # noqa: E402
from scripts.demo import SETTLE, library_index  # noqa: E402

MODES = ("kill", "keys", "export-kill")
MEMORY_CAP = 3_000_000_000  # bytes of address space for each process the bench starts
SIZE = (1280, 720)

# (weight, step or a function of the random generator that makes one)
_LETTERS, _DIGITS = "abcdefghijklmnopqrstuvwxyz", "0123456789"
KEYS: list[tuple[int, object]] = [
    (18, "key:RETURN"), (14, "key:TAB"), (5, "key:shift+TAB"), (8, "key:SPACE"), (8, "key:DOWN"), (5, "key:UP"),
    (4, "key:LEFT"), (4, "key:RIGHT"), (2, "key:ESCAPE"), (2, "key:BACKSPACE"), (1, "key:PAGE DOWN"),
    (1, "key:HOME"), (1, "key:END"),
    (6, lambda r: f"key:{r.choice(_LETTERS)}"), (4, lambda r: f"key:{r.choice(_DIGITS)}"),
    (3, lambda r: f"click:{r.randrange(SIZE[0])},{r.randrange(SIZE[1])}"),
    (1, lambda r: f"wheel:{r.choice((-3, -1, 1, 3))}"),
    (3, lambda r: f"wait:{r.randint(1, 20)}"),
]


def random_steps(rng: random.Random, n: int) -> list[str]:
    weights = [w for w, _ in KEYS]
    out = []
    for _, step in rng.choices(KEYS, weights, k=n):
        out.append(step(rng) if callable(step) else str(step))
    return out


def enter_scenario(index: int) -> list[str]:
    """Title → new profile → the ``index``-th scenario of the library (see ``scripts.demo``)."""
    return [SETTLE, "key:RETURN", SETTLE, "text:Camille", "key:RETURN", SETTLE] + ["key:DOWN"] * index \
        + ["key:RETURN", SETTLE]


def frames_of(script: list[str]) -> int:
    """Frames the loop spends on a script: one per step, plus each wait."""
    return sum(1 + (int(s[5:]) if s.startswith("wait:") else 0) for s in script)


# --- a fake LRS that stores nothing and says yes ------------------------------------------------
class FakeLrs:
    def __init__(self) -> None:
        self.received = 0
        bench = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's names)
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                try:
                    ids = [s.get("id") for s in json.loads(body)]
                except (ValueError, AttributeError, TypeError):
                    ids = []
                bench.received += len(ids)
                self._answer(200, json.dumps(ids).encode())

            def do_GET(self) -> None:  # noqa: N802
                self._answer(200, b'{"version": ["1.0.3"], "statements": []}')

            def _answer(self, status: int, body: bytes) -> None:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.endpoint = f"http://127.0.0.1:{self.server.server_address[1]}/xAPI/"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


# --- reading the trace while the game runs ----------------------------------------------------------
@dataclass
class TraceView:
    path: Path
    frames: int = 0
    last_frame: float | None = None
    play_from: int = 0  # frames up to this one are the way in (title, profile, library)
    longest_gap: float = 0.0
    gap_at: int = 0  # the frame that ended the longest gap
    longest_in_play: float = 0.0  # the same, once the scenario is opened
    actions: list[tuple[str, str, list[str]]] = field(default_factory=list)  # (registration, state digest, ids)
    _offset: int = 0
    _tail: bytes = b""

    def poll(self) -> None:
        try:
            with self.path.open("rb") as f:
                f.seek(self._offset)
                chunk = f.read()
        except FileNotFoundError:
            return
        self._offset += len(chunk)
        *lines, self._tail = (self._tail + chunk).split(b"\n")
        for raw in lines:
            kind, _, rest = raw.decode("utf-8").partition(" ")
            if kind == "f":
                t = float(rest)
                self.frames += 1
                if self.last_frame is not None:
                    gap = t - self.last_frame
                    if gap > self.longest_gap:
                        self.longest_gap, self.gap_at = gap, self.frames
                    if self.frames > self.play_from:
                        self.longest_in_play = max(self.longest_in_play, gap)
                self.last_frame = t
            elif kind == "r":
                registration, digest, *ids = rest.split(" ")
                self.actions.append((registration, digest, ids))


def saved(db: Path) -> tuple[set[str], dict[str, str]]:
    """What the save holds once reopened: statement ids, and each attempt's resume state digest."""
    if not db.exists():  # never created: nothing saved, nothing to compare
        return set(), {}
    con = sqlite3.connect(db)  # read-write, as the next start: replays the WAL if there is one
    try:
        ids = {r[0] for r in con.execute("SELECT id FROM statements")}
        states = {r[0]: state_digest(json.loads(r[1])) for r in con.execute("SELECT registration, state FROM attempts")}
    except sqlite3.Error:
        return set(), {}
    finally:
        con.close()
    return ids, states


def lost_actions(actions: list[tuple[str, str, list[str]]], ids: set[str], states: dict[str, str]) -> tuple[int, int]:
    """(actions lost, statements lost) among the acknowledged ``actions`` once the save holds ``ids``/``states``."""
    lost: set[int] = set()
    for i, (_reg, _digest, sids) in enumerate(actions):
        if any(s not in ids for s in sids):
            lost.add(i)
    by_attempt: dict[str, list[int]] = {}
    for i, (reg, _digest, _sids) in enumerate(actions):
        by_attempt.setdefault(reg, []).append(i)
    for reg, indices in by_attempt.items():
        stored = states.get(reg)
        digests = [actions[i][1] for i in indices]
        if stored is None:
            kept = -1  # the attempt itself is gone
        elif stored in digests:
            kept = len(digests) - 1 - digests[::-1].index(stored)
        else:
            kept = len(digests) - 1  # a newer state, committed just before the kill: nothing older lost
        lost.update(indices[kept + 1:])
    statements = sum(1 for _r, _d, sids in actions for s in sids if s not in ids)
    return len(lost), statements


# --- one run ----------------------------------------------------------------------------------------------
@dataclass
class Run:
    actions: int = 0
    statements: int = 0
    lost_actions: int = 0
    lost_statements: int = 0
    crashed: bool = False
    hung: bool = False
    killed: bool = False
    longest_gap: float = 0.0
    gap_at: str = ""  # where the longest gap ended: « run, frame »
    longest_in_play: float = 0.0
    exports: int = 0
    exports_failed: int = 0
    lrs_received: int = 0  # statements the fake LRS was sent during the run
    note: str = ""


def load() -> str:
    """The load average (1, 5, 15 min): frame gaps grow on a busy machine."""
    return " / ".join(f"{x:.1f}" for x in os.getloadavg())


def _cap() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


class Exporter:
    """``records export`` on the same save, again and again, one process at a time, until stopped."""

    def __init__(self, data: Path, env: dict[str, str]) -> None:
        self.done = self.failed = 0
        self.errors: list[str] = []
        self._stop = threading.Event()
        cmd = [sys.executable, "-m", "game", "records", "export", "--data-dir", str(data), "-o", str(data.parent / "export.jsonl")]
        self._thread = threading.Thread(target=self._loop, args=(cmd, env), daemon=True)
        self._thread.start()

    def _loop(self, cmd: list[str], env: dict[str, str]) -> None:
        while not self._stop.is_set():
            try:
                r = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, preexec_fn=_cap, timeout=120)
            except subprocess.TimeoutExpired:
                self.failed += 1
                self.errors.append("plus de 120 s")
                continue
            if r.returncode == 0:
                self.done += 1
            elif "rien à exporter" not in r.stderr:  # the save does not exist yet: not a failure
                self.failed += 1
                self.errors.append(r.stderr.strip()[-500:])
            self._stop.wait(0.05)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(150)


def run_once(folder: Path, script: list[str], play_from: int, mode: str, kill_frame: int | None, hang_s: float,
             env: dict[str, str], lrs: FakeLrs | None) -> Run:
    data, trace_path, script_path = folder / "donnees", folder / "trace.txt", folder / "partie.txt"
    script_path.write_text("\n".join(script) + "\n", encoding="utf-8")
    cmd = [sys.executable, "-m", "game", "--data-dir", str(data), "--script", f"@{script_path}", "--trace", str(trace_path)]
    if lrs is not None:
        cmd += ["--lrs-endpoint", lrs.endpoint]
    result = Run()
    sent_before = lrs.received if lrs is not None else 0
    trace = TraceView(trace_path, play_from=play_from)
    with (folder / "stderr.txt").open("wb") as err:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=err, preexec_fn=_cap)
        exporter = Exporter(data, env) if mode == "export-kill" else None
        started = time.monotonic()
        try:
            while proc.poll() is None:
                time.sleep(0.02)
                trace.poll()
                now = time.monotonic()
                if kill_frame is not None and trace.frames >= kill_frame and (exporter is None or exporter.done):
                    proc.send_signal(signal.SIGKILL)
                    result.killed = True
                    break
                quiet = now - (trace.last_frame if trace.last_frame is not None else started)
                if quiet > (hang_s if trace.last_frame is not None else max(hang_s, 60.0)):
                    proc.send_signal(signal.SIGKILL)
                    result.hung = True
                    result.note = f"aucune image depuis {quiet:.0f} s (image {trace.frames})"
                    break
            proc.wait(30)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait(30)
            if exporter is not None:
                exporter.stop()
                result.exports, result.exports_failed = exporter.done, exporter.failed
                if exporter.errors:
                    result.note += " export refusé : " + exporter.errors[0]
    trace.poll()
    result.lrs_received = (lrs.received if lrs is not None else 0) - sent_before
    result.longest_gap, result.gap_at = trace.longest_gap, f"{folder.name}, image {trace.gap_at}"
    result.longest_in_play = trace.longest_in_play
    result.actions = len(trace.actions)
    result.statements = sum(len(ids) for _r, _d, ids in trace.actions)
    ids, states = saved(data / DB_FILENAME)
    result.lost_actions, result.lost_statements = lost_actions(trace.actions, ids, states)
    stderr = (folder / "stderr.txt").read_text(encoding="utf-8", errors="replace")
    log_path = data / "explorateurs.log"  # game.app._logging
    log = log_path.read_text(encoding="utf-8", errors="replace") if log_path.exists() else ""
    ended_badly = not (result.killed or result.hung) and proc.returncode != 0
    if ended_badly or "Traceback" in stderr or "Traceback" in log or " ERROR " in log:
        result.crashed = True
        result.note += f" code {proc.returncode}; " + (stderr + log).strip()[-300:].replace("\n", " | ")
    return result


# --- the table -----------------------------------------------------------------------------------------
@dataclass
class Total:
    runs: int = 0
    killed: int = 0
    actions: int = 0
    statements: int = 0
    lost_actions: int = 0
    lost_statements: int = 0
    crashes: int = 0
    hangs: int = 0
    longest_gap: float = 0.0
    gap_at: str = ""
    longest_in_play: float = 0.0
    exports: int = 0
    exports_failed: int = 0
    lrs_received: int = 0

    def add(self, r: Run) -> None:
        self.runs += 1
        self.killed += r.killed
        self.actions += r.actions
        self.statements += r.statements
        self.lost_actions += r.lost_actions
        self.lost_statements += r.lost_statements
        self.crashes += r.crashed
        self.hangs += r.hung
        if r.longest_gap >= self.longest_gap:
            self.longest_gap, self.gap_at = r.longest_gap, r.gap_at
        self.longest_in_play = max(self.longest_in_play, r.longest_in_play)
        self.exports += r.exports
        self.exports_failed += r.exports_failed
        self.lrs_received += r.lrs_received


HEADER = ("scenario", "mode", "runs", "killed", "actions ack", "statements ack", "actions lost", "statements lost",
          "crashes", "hangs", "longest frame gap (ms)", "in play (ms)", "exports")


def table(rows: list[tuple[str, str, Total]]) -> str:
    cells = [HEADER] + [(sc, mode, str(t.runs), str(t.killed), str(t.actions), str(t.statements), str(t.lost_actions),
                         str(t.lost_statements), str(t.crashes), str(t.hangs), f"{t.longest_gap * 1000:.0f}",
                         f"{t.longest_in_play * 1000:.0f}",
                         f"{t.exports} ({t.exports_failed} failed)" if mode.startswith("export-kill") else "-")
                        for sc, mode, t in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(HEADER))]
    lines = ["  ".join(c.rjust(w) if i >= 2 else c.ljust(w) for i, (c, w) in enumerate(zip(row, widths, strict=True))) for row in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mode", choices=(*MODES, "all"), default="all")
    ap.add_argument("--runs", type=int, help="runs per scenario and mode (default 6, --quick 1)")
    ap.add_argument("--steps", type=int, help="random steps per run (default 500, --quick 40)")
    ap.add_argument("--seed", type=int, default=12)
    ap.add_argument("--scenario", action="append", help="only this scenario (folder name); repeatable")
    ap.add_argument("--quick", action="store_true", help="a smoke run of about a minute: 1 short run per scenario and mode")
    ap.add_argument("--hang", type=float, default=30.0, help="seconds without a frame that count as a hang (default 30)")
    ap.add_argument("--no-lrs", action="store_true", help="export-kill without an LRS configured (a control)")
    ap.add_argument("--keep", type=Path, help="keep the folder (script, trace, save, log) of every run with a loss, crash, "
                    "hang or refused export")
    args = ap.parse_args()
    runs = args.runs or (1 if args.quick else 6)
    steps = args.steps or (40 if args.quick else 500)
    if not os.environ.get("DISPLAY") and shutil.which("xvfb-run") and not os.environ.get("RELIABILITY_NO_XVFB"):
        os.environ["RELIABILITY_NO_XVFB"] = "1"  # once
        xvfb = ["xvfb-run", "-a", "-s", f"-screen 0 {SIZE[0]}x{SIZE[1]}x24"]
        os.execvp(xvfb[0], [*xvfb, sys.executable, str(Path(__file__).resolve()), *sys.argv[1:]])
    driver = "x11" if os.environ.get("DISPLAY") else "dummy"

    shipped = [x.scenario for x in load_all([builtin_scenarios_dir()]) if x.scenario is not None and x.valid]
    ids = sorted(s.id for s in shipped)
    wanted = args.scenario or ids
    unknown = [s for s in wanted if s not in ids]
    if unknown:
        sys.exit(f"scénario inconnu : {', '.join(unknown)} (livrés : {', '.join(ids)})")
    modes = MODES if args.mode == "all" else (args.mode,)
    with tempfile.TemporaryDirectory(prefix="fiabilite-") as tmp:
        env = {k: v for k, v in os.environ.items() if not k.startswith("EXPLORATEURS_")}
        env.update(SDL_VIDEODRIVER=driver, SDL_AUDIODRIVER="dummy", PYGAME_HIDE_SUPPORT_PROMPT="1",
                   XDG_CONFIG_HOME=str(Path(tmp) / "config"))  # no lrs.json of this machine's user
        print(f"banc de fiabilité : {runs} partie(s) × {steps} pas aléatoires, graine {args.seed}, "
              f"pilote vidéo {driver}, modes {', '.join(modes)} ; charge de la machine {load()}", flush=True)
        rows: list[tuple[str, str, Total]] = []
        grand = Total()
        lrs = FakeLrs() if "export-kill" in modes and not args.no_lrs else None
        began = time.monotonic()
        try:
            for scenario_id in wanted:
                index = library_index(scenario_id, shipped)
                for mode in modes:
                    total = Total()
                    for i in range(runs):
                        rng = random.Random(f"{args.seed}-{scenario_id}-{mode}-{i}")
                        head = enter_scenario(index)
                        script = head + random_steps(rng, steps)
                        kill = rng.randint(frames_of(head), frames_of(script)) if mode != "keys" else None
                        folder = Path(tmp) / f"{scenario_id}-{mode}-{i}"
                        folder.mkdir()
                        r = run_once(folder, script, frames_of(head[:-2]), mode, kill, args.hang, env,
                                     lrs if mode == "export-kill" else None)
                        total.add(r)
                        grand.add(r)
                        if r.lost_actions or r.lost_statements or r.crashed or r.hung or r.exports_failed:
                            where = ""
                            if args.keep:
                                dest = args.keep / folder.name
                                shutil.rmtree(dest, ignore_errors=True)
                                shutil.copytree(folder, dest)
                                where = f" (gardé dans {dest})"
                            print(f"  {folder.name}: {r.lost_actions} action(s) perdue(s), {r.lost_statements} relevé(s) "
                                  f"perdu(s), plantage {'oui' if r.crashed else 'non'}, gel {'oui' if r.hung else 'non'}"
                                  f"{where}{' —' + r.note if r.note else ''}", flush=True)
                        shutil.rmtree(folder, ignore_errors=True)
                    rows.append((scenario_id, mode + ("/no-lrs" if lrs is None and mode == "export-kill" else ""), total))
                    print(f"  {scenario_id} / {mode} : {total.runs} partie(s), {total.actions} actions, "
                          f"{total.lost_actions} perdue(s), {total.lrs_received} relevé(s) reçu(s) par le LRS, plus long écart entre deux images "
                          f"{total.longest_gap * 1000:.0f} ms ({total.gap_at}), en jeu {total.longest_in_play * 1000:.0f} ms"
                          f" — {time.monotonic() - began:.0f} s", flush=True)
        finally:
            if lrs is not None:
                lrs.close()
    print()
    print(table([*rows, ("TOTAL", "", grand)]))
    print(f"\n{time.monotonic() - began:.0f} s, charge de la machine {load()}. « ack » : actions et relevés que le jeu a écrits dans sa trace "
          "après leur validation en base ; « lost » : absents une fois la sauvegarde rouverte.")


if __name__ == "__main__":
    main()
