"""Learning records as JSON Lines: export from one desk, import on the trainer's, duplicates ignored."""

from __future__ import annotations

import io
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from game.core import statements as xs
from game.core.messages import Message
from game.storage.records import RecordsError, read_jsonl, write_jsonl
from game.storage.store import SCHEMA_VERSION, ImportResult, Store, StoreError

REG = "0b6c5f3e-8a47-4f43-9d0c-2f4e8e1c7a10"


def built(n: int, learner: str = "Camille") -> dict[str, Any]:
    """A valid statement from the core builder, with a fixed id and timestamp."""
    return xs.scenario_initialized(xs.DEFAULT_XAPI, learner, REG, "prenoms", "Prénoms à Rennes", ["C1"],
                                   statement_id=f"00000000-0000-4000-8000-{n:012d}",
                                   timestamp=f"2025-03-01T09:00:{n % 60:02d}.000Z")


def desk(path: Path, learner: str, numbers: list[int]) -> Store:
    store = Store(path)
    who = store.add_learner(learner)
    store.start_attempt(who.id, "prenoms", "1", REG, {}, [built(numbers[0], learner)])
    store.record(REG, {"step": 1}, [built(n, learner) for n in numbers[1:]])
    return store


@pytest.fixture
def camille(tmp_path: Path) -> Iterator[Store]:
    with desk(tmp_path / "camille.sqlite3", "Camille", [1, 2, 3]) as s:
        yield s


@pytest.fixture
def trainer(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "formateur.sqlite3") as s:
        yield s


def reasons(result: ImportResult) -> list[tuple[int, str]]:
    return [(line, reason.format_source()) for line, reason in result.invalid]


# ---------------------------------------------------------------- round trip

def test_export_import_round_trip_adds_everything(camille: Store, trainer: Store, tmp_path: Path) -> None:
    out = tmp_path / "camille.jsonl"
    assert write_jsonl(camille.export_statements(), out) == 3
    lines = out.read_bytes().split(b"\n")
    assert lines[-1] == b"" and len(lines) == 4 and not out.read_bytes().startswith(b"\xef\xbb\xbf")
    assert json.loads(lines[0]) == built(1)
    assert "Prénoms".encode() in lines[0] and b" " not in lines[0].split(b'"name"')[0]  # compact, not escaped

    result = trainer.import_statements(read_jsonl(out), source=str(out))
    assert result == ImportResult(added=3, duplicates=0, invalid=[])
    assert trainer.imported() == [built(1), built(2), built(3)] == trainer.imported(source=str(out))
    assert trainer.imported(source="ailleurs") == []
    assert trainer.statements() == []  # played statements stay separate: no learner or attempt here


def test_reimporting_the_same_file_adds_nothing(camille: Store, trainer: Store, tmp_path: Path) -> None:
    out = tmp_path / "camille.jsonl"
    write_jsonl(camille.export_statements(), out)
    trainer.import_statements(read_jsonl(out), source="a")
    assert trainer.import_statements(read_jsonl(out), source="b") == ImportResult(0, 3, [])
    assert len(trainer.imported()) == 3 and trainer.imported(source="b") == []


def test_statements_played_here_are_duplicates_too(camille: Store) -> None:
    result = camille.import_statements([built(2), built(9)], source="x")
    assert (result.added, result.duplicates) == (1, 1)
    assert camille.imported() == [built(9)]


def test_the_same_id_twice_in_one_batch_is_added_once(trainer: Store) -> None:
    assert trainer.import_statements([built(1), built(1)], source="x") == ImportResult(1, 1, [])


def test_export_is_oldest_first_and_imported_ones_only_on_request(camille: Store, tmp_path: Path) -> None:
    with desk(tmp_path / "dominique.sqlite3", "Dominique", [7, 8]) as other:
        camille.import_statements(other.export_statements(), source="dominique")
    camille.record(REG, {"step": 2}, [built(4)])
    assert [s["id"][-1] for s in camille.export_statements()] == ["1", "2", "3", "4"]
    assert [s["id"][-1] for s in camille.export_statements(include_imported=True)] == ["1", "2", "3", "4", "7", "8"]


def test_migration_adds_the_imported_table_to_an_old_save(tmp_path: Path) -> None:
    db = tmp_path / "v1.sqlite3"
    with Store(db):
        pass
    raw = sqlite3.connect(db)
    raw.execute("ALTER TABLE learners DROP COLUMN group_code")  # v4
    raw.execute("DROP TABLE outbox")  # v3, on top of v2
    raw.execute("DROP TABLE imported_statements")
    raw.execute("PRAGMA user_version=1")
    raw.close()
    with Store(db) as store:
        assert store._db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert store.import_statements([built(1)], source="x").added == 1


# ---------------------------------------------------------------- refusals

def test_bad_lines_are_refused_with_their_number_and_the_others_added(trainer: Store, tmp_path: Path) -> None:
    no_actor = {k: v for k, v in built(3).items() if k != "actor"}
    no_id = {k: v for k, v in built(5).items() if k != "id"}
    bad_uuid = {**built(6), "id": "pas-un-uuid"}
    lines = [json.dumps(built(1)), '{"id": "00000000-0000-4000-8000-000000000002", "verb":', json.dumps(no_actor),
             json.dumps(built(4)), json.dumps(no_id), json.dumps(bad_uuid), "[1, 2]",
             '{"id": NaN}', json.dumps(built(9))]
    path = tmp_path / "poste.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    result = trainer.import_statements(read_jsonl(path), source="poste")
    assert (result.added, result.duplicates) == (3, 0)
    assert [s["id"][-1] for s in trainer.imported()] == ["1", "4", "9"]
    got = reasons(result)
    assert [line for line, _ in got] == [2, 3, 5, 6, 7, 8]
    assert got[0][1].startswith("JSON illisible, colonne ") and "Expecting" not in got[0][1]
    assert got[1][1].startswith("relevé xAPI invalide : ") and "actor.account.name" in got[1][1]
    assert got[2][1] == "relevé sans identifiant (« id »)"
    assert "id: not a UUID: 'pas-un-uuid'" in got[3][1]
    assert got[4][1] == "ce n'est pas un relevé (un objet JSON est attendu)"
    assert got[5][1] == "JSON illisible (« NaN » n'est pas une valeur JSON)"
    assert all(isinstance(reason, Message) for _, reason in result.invalid)  # translated when shown


def test_a_refused_batch_still_commits_the_good_ones_in_one_transaction(trainer: Store) -> None:
    result = trainer.import_statements([built(1), {"id": ""}, "pas un objet", built(2)], source="x")  # type: ignore[list-item]
    assert result.added == 2 and [line for line, _ in result.invalid] == [2, 3]


def test_a_failing_write_imports_nothing(trainer: Store) -> None:
    trainer._db.execute("CREATE TEMP TRIGGER boom BEFORE INSERT ON imported_statements"
                        " WHEN NEW.id LIKE '%000000000002' BEGIN SELECT RAISE(ABORT, 'disque plein'); END")
    with pytest.raises(StoreError, match="n'a pas pu être enregistrée"):
        trainer.import_statements([built(1), built(2), built(3)], source="x")
    assert trainer.imported() == []


# ---------------------------------------------------------------- reading tolerance

def test_bom_crlf_and_blank_lines_are_tolerated(tmp_path: Path) -> None:
    path = tmp_path / "windows.jsonl"
    body = "\r\n".join([json.dumps(built(1), ensure_ascii=False), "", "   ", json.dumps(built(2)), ""]) + "\r\n"
    path.write_bytes(b"\xef\xbb\xbf" + body.encode("utf-8"))
    assert list(read_jsonl(path)) == [(1, built(1)), (4, built(2))]


def test_a_line_that_is_not_utf8_is_refused_alone(tmp_path: Path) -> None:
    path = tmp_path / "latin1.jsonl"
    path.write_bytes(json.dumps(built(1)).encode() + b"\n" + '{"x": "é"}'.encode("latin-1") + b"\n")
    got = list(read_jsonl(path))
    assert got[0] == (1, built(1))
    assert got[1][0] == 2 and isinstance(got[1][1], Message) and "UTF-8" in got[1][1].format_source()


def test_a_missing_file_is_a_french_error(tmp_path: Path) -> None:
    with pytest.raises(RecordsError, match="Impossible de lire le fichier"):
        list(read_jsonl(tmp_path / "absent.jsonl"))


def test_write_to_a_text_stream_and_to_an_unwritable_place(tmp_path: Path) -> None:
    stream = io.StringIO()
    assert write_jsonl([built(1), {"id": "x", "nom": "Zoé"}], stream) == 2
    assert stream.getvalue().splitlines()[1] == '{"id":"x","nom":"Zoé"}'
    with pytest.raises(RecordsError, match="Impossible d'écrire le fichier"):
        write_jsonl([built(1)], tmp_path / "pas-un-dossier" / "x.jsonl")
    assert list(tmp_path.iterdir()) == []


# ---------------------------------------------------------------- hostile files: bounded, and the rest still read

def test_a_line_over_1_mb_is_refused_alone_without_being_kept_in_memory(tmp_path: Path) -> None:
    import tracemalloc

    from game.storage.records import MAX_LINE

    path = tmp_path / "enorme.jsonl"
    with path.open("wb") as out:
        out.write(json.dumps(built(1)).encode() + b"\n")
        out.write(b'{"id": "' + b"x" * (MAX_LINE + 10) + b'"}\n')  # just over the limit
        out.write(b"[" * (20 * MAX_LINE))  # 20 MB on one line, no newline…
        out.write(b"\n" + json.dumps(built(4)).encode() + b"\n")  # …and the next line still counts
    tracemalloc.start()
    try:
        got = list(read_jsonl(path))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
        path.unlink()
    assert [(line, item if isinstance(item, dict) else item.format_source()) for line, item in got] == [
        (1, built(1)),
        (2, "ligne trop longue (plus de 1 Mo) : ce n'est pas un relevé, elle est ignorée"),
        (3, "ligne trop longue (plus de 1 Mo) : ce n'est pas un relevé, elle est ignorée"),
        (4, built(4))]
    assert peak < 4 * MAX_LINE, peak  # a line at most (and a chunk), never the 20 MB


def test_a_deeply_nested_line_is_refused_alone(tmp_path: Path) -> None:
    deep_object = {"id": "00000000-0000-4000-8000-000000000002"}
    for _ in range(150):  # parses, but no statement nests like this: refused before validation
        deep_object = {"extensions": deep_object}
    path = tmp_path / "imbrique.jsonl"
    path.write_text("\n".join([json.dumps(built(1)), "[" * 100_000 + "]" * 100_000, json.dumps(deep_object),
                               json.dumps(built(4))]) + "\n", encoding="utf-8")
    got = list(read_jsonl(path))
    assert [line for line, _ in got] == [1, 2, 3, 4] and got[0][1] == built(1) and got[3][1] == built(4)
    for _line, item in got[1:3]:
        assert isinstance(item, Message) and item.format_source().startswith("JSON trop imbriqué (plus de 100 niveaux)")


def test_a_folder_is_refused_in_french(tmp_path: Path) -> None:
    # FIFOs and devices (/dev/zero) too: see tests/test_records_cli.py, in a capped subprocess
    with pytest.raises(RecordsError) as info:
        next(read_jsonl(tmp_path))
    assert info.value.message.format_source() == (
        f"« {tmp_path} » n'est pas un fichier ordinaire (c'est un dossier) : il n'est pas lu. Indiquez un fichier "
        ".jsonl écrit par « records export ».")


def test_an_import_is_written_in_bounded_batches_as_it_is_read(trainer: Store) -> None:
    pulled = [0]
    seen_at_writes: list[int] = []

    def statements() -> Iterator[dict[str, Any]]:
        for n in range(1, 1201):
            pulled[0] += 1
            yield built(n)

    write = trainer._write

    def spy():  # type: ignore[no-untyped-def]
        seen_at_writes.append(pulled[0])
        return write()

    trainer._write = spy  # type: ignore[method-assign]
    result = trainer.import_statements(statements(), source="x", batch_size=500)
    assert (result.added, result.duplicates, result.refused) == (1200, 0, 0)
    assert seen_at_writes == [500, 1000, 1200]  # never more than one batch held in memory
    assert len(trainer.imported()) == 1200


def test_refusals_can_be_streamed_instead_of_kept(trainer: Store) -> None:
    told: list[tuple[int, str]] = []
    result = trainer.import_statements([built(1), {"id": ""}, built(2)], source="x",
                                       refused=lambda line, why: told.append((line, why.format_source())))
    assert (result.added, result.refused, result.invalid) == (2, 1, [])
    assert told == [(2, "relevé sans identifiant (« id »)")]
