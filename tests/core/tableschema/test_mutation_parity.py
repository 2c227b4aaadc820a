"""Seeded mutated files over every shipped schema: the game finds the (row, field, code) set frictionless finds.

360 files (40 per schema: the eight shipped ones and a synthetic one with time, datetime, exclusive
bounds, a primary key, uri and email) are generated in ``tmp_path`` by
tests/core/tableschema/mutations.py: wrong types, enums, empty required cells, ragged rows, header
variants (spaces around a label, case, missing, repeated, extra, reordered, blank, trailing
delimiter), BOM and double BOM, ``;`` and tab, CRLF/LF/CR, Windows-1252, quoted line breaks, exotic
numbers, dates, times, URIs and e-mails, blank rows, duplicates.

frictionless takes about 0.2 s a file (its metadata checks), so its answers are recorded as digests
(tests/fixtures/parity/frictionless-answers.json, written by ``bench/parity.py --record``) and
frictionless itself runs here on the first files of each schema, to prove the record is still its
answer. Where a digest differs, frictionless runs on that file so the failure shows both sets.
Documented cases (frictionless aborts on a repeated label, or raises) are left out: see
schemas/README.md.
"""

from __future__ import annotations

import json

import pytest

from .mutations import ROOT, compare, file_digest, fingerprint, generate, ours

pytest.importorskip("frictionless")

RECORD = json.loads((ROOT / "tests" / "fixtures" / "parity" / "frictionless-answers.json").read_text("utf-8"))
LIVE_PER_SCHEMA = 3


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("mutated")
    generated = generate(folder, RECORD["per_schema"], RECORD["seed"])
    return {path.name: (name, path, applied) for name, path, applied in generated}


def test_the_generated_files_are_the_recorded_ones(files):
    assert len(files) == len(RECORD["files"]) == 360
    changed = [r["file"] for r in RECORD["files"] if file_digest(files[r["file"]][1]) != r["digest"]]
    assert changed == [], "the generator changed: re-record with bench/parity.py --per-schema 40 --seed suite --record …"


def test_the_record_is_still_what_frictionless_answers(files):
    checked = 0
    for r in RECORD["files"]:
        if int(r["file"].rsplit("-", 1)[1].removesuffix(".csv")) >= LIVE_PER_SCHEMA:
            continue
        name, path, _ = files[r["file"]]
        _, theirs, why = compare(path, name)
        assert (fingerprint(theirs), why is not None) == (r["frictionless"], r["documented"]), r["file"]
        checked += 1
    assert checked == 9 * LIVE_PER_SCHEMA


def test_same_errors_as_frictionless_on_every_mutated_file(files):
    differ = []
    for r in RECORD["files"]:
        if r["documented"]:
            continue
        name, path, applied = files[r["file"]]
        if fingerprint(ours(path, name)) != r["frictionless"]:
            mine, theirs, _ = compare(path, name)
            differ.append((r["file"], applied, sorted(mine - theirs, key=str), sorted(theirs - mine, key=str)))
    assert differ == []
    documented = sum(r["documented"] for r in RECORD["files"])
    assert documented < len(RECORD["files"]) // 5  # the exceptions stay exceptions


