"""The game's sender facing a hostile LRS: peak memory and time of one send, and what it concluded.

A scripted server on 127.0.0.1 answers the POST of a batch of 50 statements:
- ``conforme``: 200 with the batch's ids (the baseline, measured in the same run);
- ``sans fin``: a 200 whose body never ends (as fast as loopback goes);
- ``goutte à goutte``: a 200 whose body comes one byte a second (each within the socket timeout).
Each send runs in a child process whose address space is capped (``--cap-mb``), with the client's
default settings (10 s socket timeout). Printed, never asserted. ``--root`` measures another
checkout (e.g. the code before a fix: ``git archive COMMIT game | tar -x -C /tmp/old``).

    .venv/bin/python bench/lrs_answers.py [--cap-mb 2000] [--root DIR] [--give-up 120]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHILD = r"""
import json, resource, sys, tempfile, time
from pathlib import Path
root, endpoint, cap = sys.argv[1], sys.argv[2], int(sys.argv[3])
sys.path.insert(0, root)
from game.storage.lrs import LrsClient, LrsSettings, Sender
from game.storage.store import Store
resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
with tempfile.TemporaryDirectory() as tmp:
    store = Store(Path(tmp) / "save.sqlite3")
    learner = store.add_learner("Camille")
    store.start_attempt(learner.id, "s", "1", "r", {}, [{"id": f"00000000-0000-4000-8000-{n:012d}"} for n in range(50)])
    sender = Sender(store.path, LrsClient(LrsSettings(endpoint, "bench", "bench")))
    began = time.perf_counter()
    try:
        sender.step(store)
        outcome = sender.status().format_source()
    except MemoryError:
        outcome = "MemoryError"
    except Exception as exc:
        outcome = type(exc).__name__
    elapsed = time.perf_counter() - began
    sent = store.outbox_counts().sent
    store.close()
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"elapsed": elapsed, "peak_mb": peak, "outcome": outcome, "sent": sent}))
"""


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"
    mode = "conforme"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        try:
            if self.mode == "conforme":
                data = json.dumps([s["id"] for s in json.loads(body)]).encode()
                self._head({"Content-Length": str(len(data))})
                self.wfile.write(data)
            elif self.mode == "sans fin":
                self._head({})
                chunk = b"[" * (1 << 20)
                while True:
                    self.wfile.write(chunk)
            else:
                self._head({})
                while True:
                    self.wfile.write(b" ")
                    self.wfile.flush()
                    time.sleep(1)
        except OSError:
            pass  # the game hung up (or died)

    def _head(self, headers: dict[str, str]) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("X-Experience-API-Version", "1.0.3")
        for k, v in headers.items():
            self.send_header(k, v)
        self.end_headers()


def serve(mode: str) -> ThreadingHTTPServer:
    handler = type("H", (Handler,), {"mode": mode})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    return server


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cap-mb", type=int, default=2000)
    ap.add_argument("--root", default=str(ROOT))
    ap.add_argument("--give-up", type=float, default=120.0, help="seconds before the child is killed")
    args = ap.parse_args()
    results = {}
    for mode in ("conforme", "sans fin", "goutte à goutte"):
        server = serve(mode)
        endpoint = f"http://127.0.0.1:{server.server_address[1]}/xAPI/"
        began = time.perf_counter()
        try:
            done = subprocess.run([sys.executable, "-c", CHILD, args.root, endpoint, str(args.cap_mb * 2**20)],
                                  capture_output=True, text=True, timeout=args.give_up)
            lines = done.stdout.strip().splitlines()
            results[mode] = json.loads(lines[-1]) if lines else {"outcome": done.stderr.strip()[-200:]}
        except subprocess.TimeoutExpired:
            results[mode] = {"outcome": f"toujours en attente après {args.give_up:.0f} s (tué)"}
        results[mode].setdefault("elapsed", time.perf_counter() - began)
        server.shutdown()
        server.server_close()
    base = results["conforme"]
    print(f"code : {args.root} ; plafond d'adresses du processus : {args.cap_mb} Mo")
    for mode, r in results.items():
        peak = r.get("peak_mb")
        ratio = f" ({peak / base['peak_mb']:.1f} × conforme)" if peak and base.get("peak_mb") else ""
        print(f"{mode:16} : {r['elapsed']:6.1f} s, pic mémoire "
              f"{f'{peak:,.0f} Mo' if peak else '?'}{ratio}, relevés comptés envoyés {r.get('sent', '?')} "
              f"— {r['outcome']}")


if __name__ == "__main__":
    main()
