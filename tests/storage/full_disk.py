"""A real save file that runs out of room, then gets it back: with SQLite's ``max_page_count`` at
the file's size and its pages filled, every write that needs room fails with SQLITE_FULL, exactly
as on a full disk."""

from __future__ import annotations

from game.storage.store import Store, StoreError

FILLER = "remplissage"


def fill(store: Store) -> None:
    """Cap the file at its size, then fill the room left in its pages with statements of a filler
    attempt (smaller and smaller): the next statement recorded fails, as on a full disk."""
    db = store._db
    db.execute(f"PRAGMA max_page_count={db.execute('PRAGMA page_count').fetchone()[0]}").fetchone()
    learner = store.learners()[0].id
    store.start_attempt(learner, FILLER, "1", FILLER, {}, [])
    size, n = 2048, 0
    while size >= 4:
        try:
            store.record(FILLER, {}, [{"id": f"ffffffff-0000-4000-8000-{n:012d}", "x": "x" * size}])
            n += 1
        except StoreError:  # the disk is full for this size: try a smaller piece
            size //= 2


def make_room(store: Store) -> None:
    """Room again on the disk (the filler goes away)."""
    db = store._db
    db.execute("PRAGMA max_page_count=1073741823").fetchone()
    db.execute("DELETE FROM outbox WHERE id IN (SELECT id FROM statements WHERE registration = ?)", (FILLER,))
    db.execute("DELETE FROM statements WHERE registration = ?", (FILLER,))
    db.execute("DELETE FROM attempts WHERE registration = ?", (FILLER,))
