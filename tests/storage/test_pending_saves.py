"""A save that cannot be written (disk full): the store says why in French, the actions wait in
memory in their order, and they are all written once the disk has room again."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.i18n import activate, render
from game.storage.pending_saves import PendingSaves
from game.storage.store import Store, StoreError

from .full_disk import fill, make_room

REG = "0b6c5f3e-8a47-4f43-9d0c-2f4e8e1c7a10"


def stmt(n: int) -> dict:
    return {"id": f"00000000-0000-4000-8000-{n:012d}", "n": n, "text": "réponse " * 100}


@pytest.fixture
def store(tmp_path: Path):
    with Store(tmp_path / "save.sqlite3") as s:
        learner = s.add_learner("Camille")
        s.start_attempt(learner.id, "s", "1", REG, {"done": -1}, [])
        yield s


def test_a_full_disk_is_said_in_french(store: Store) -> None:
    fill(store)
    with pytest.raises(StoreError) as info:
        store.record(REG, {"done": 0}, [stmt(0)])
    activate("fr")
    shown = render(info.value.message)
    assert info.value.reason == "le disque est plein"
    assert "(le disque est plein)" in shown and "disk is full" not in shown


def test_a_read_only_save_is_said_in_french(store: Store) -> None:
    store._db.execute("PRAGMA query_only=ON")
    with pytest.raises(StoreError) as info:
        store.set_setting("language", "fr")
    assert info.value.reason == "le fichier de sauvegarde ou son dossier est en lecture seule"


def test_refused_actions_wait_in_order_and_are_all_written_once_there_is_room(store: Store) -> None:
    now = [0.0]
    saves = PendingSaves(store, retry_every=5.0, clock=lambda: now[0])
    told: list[int] = []

    def action(n: int):
        return lambda s: s.record(REG, {"done": n}, [stmt(n)])

    fill(store)
    for n in range(3):  # three answers while the disk is full: none is lost, none raises
        assert saves.submit(action(n), REG, [stmt(n)], done=lambda n=n: told.append(n)) is False
    assert len(saves) == 3 and saves.problem is not None and saves.problem.reason == "le disque est plein"
    assert [s["n"] for s in saves.waiting(REG)] == [0, 1, 2]
    assert store.statements(REG) == [] and told == []

    make_room(store)
    now[0] = 4.9
    assert saves.tick() is False and len(saves) == 3  # not before the pause is over
    now[0] = 5.0
    assert saves.tick() is True
    assert saves.problem is None and len(saves) == 0 and told == [0, 1, 2]
    assert [s["n"] for s in store.statements(REG)] == [0, 1, 2]
    assert store.current_attempt(store.learners()[0].id, "s").state == {"done": 2}


def test_the_next_action_retries_those_waiting_before_itself(store: Store) -> None:
    saves = PendingSaves(store, clock=lambda: 0.0)
    fill(store)
    assert not saves.submit(lambda s: s.record(REG, {"done": 0}, [stmt(0)]), REG, [stmt(0)])
    make_room(store)
    assert saves.submit(lambda s: s.record(REG, {"done": 1}, [stmt(1)]), REG, [stmt(1)])
    assert [s["n"] for s in store.statements(REG)] == [0, 1]
    assert store.current_attempt(store.learners()[0].id, "s").state == {"done": 1}
