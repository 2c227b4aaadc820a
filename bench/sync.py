"""Sync of queued statements to the local LRS (xapi-statements on 127.0.0.1): statements per second.

5,000 statements (real builders, one learner) are recorded in a fresh store, so they sit in the
outbox; the game's ``Sender`` then drains it batch after batch (the thread's own step, without its
waits). Baseline in the same run: the same number of other statements posted straight with
``LrsClient`` in batches of the same size (the HTTP and the LRS alone, no SQLite outbox).
Printed, never asserted.

    .venv/bin/python bench/sync.py [--statements N] [--batch N]
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from game.core import statements as xs  # noqa: E402
from game.storage.lrs import LrsClient, LrsSettings, Sender  # noqa: E402
from game.storage.store import Store  # noqa: E402


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def make(n: int, registration: str) -> list[dict]:
    return [xs.card_placed(xs.DEFAULT_XAPI, "Camille", registration, "premiers-pas", "tri", f"carte-{i}",
                           f"Carte {i}", "ouvrir", i % 3 == 0, ["B2"], group="BENCH-1") for i in range(n)]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--statements", type=int, default=5000)
    ap.add_argument("--batch", type=int, default=50)
    args = ap.parse_args()
    port = free_port()
    env = {**os.environ, "LRS_PORT": str(port), "LRS_WAIT_S": "120"}
    subprocess.run(["bash", str(ROOT / "scripts" / "lrs.sh"), "start"], env=env, check=True, capture_output=True)
    try:
        client = LrsClient(LrsSettings(f"http://127.0.0.1:{port}/xAPI/", "bench", "bench"))
        raw = make(args.statements, str(uuid.uuid4()))
        began = time.perf_counter()
        for i in range(0, len(raw), args.batch):
            assert client.post(raw[i:i + args.batch]).ok
        baseline = time.perf_counter() - began

        with tempfile.TemporaryDirectory() as tmp:
            store = Store(Path(tmp) / "progression.sqlite3")
            learner = store.add_learner("Camille", "BENCH-1")
            reg = str(uuid.uuid4())
            queued = make(args.statements, reg)
            store.start_attempt(learner.id, "premiers-pas", "1", reg, {}, queued[:1])
            for i in range(1, len(queued), 10):  # as a learner would: a few statements per action
                store.record(reg, {}, queued[i:i + 10])
            sender = Sender(store.path, client, batch_size=args.batch)
            began = time.perf_counter()
            while store.outbox_counts().pending:
                sender.step(store)
            synced = time.perf_counter() - began
            counts = store.outbox_counts()
            store.close()
        back = sum(1 for _ in client.statements({"registration": reg}))
    finally:
        subprocess.run(["bash", str(ROOT / "scripts" / "lrs.sh"), "stop"], env=env, capture_output=True)
    n = args.statements
    print(f"outbox → LRS : {n} relevés en {synced:.2f} s = {n / synced:,.0f} relevés/s "
          f"(lots de {args.batch} ; envoyés {counts.sent}, en attente {counts.pending}, relus dans le LRS {back})")
    print(f"référence (POST direct, mêmes lots) : {n / baseline:,.0f} relevés/s ; "
          f"ratio file d'envoi / direct = {baseline / synced:.2f}")


if __name__ == "__main__":
    main()
