"""Our validator and frictionless 5 find the same (row, field, code) on every SCDL fixture.

What is compared: every code frictionless knows. Validata's ``missing-required-header`` is
frictionless's ``missing-label`` (with ``Detector(schema_sync=True)`` frictionless reports a
missing column only when it is required). Left out on our side: the header *warnings*
(``missing-header-warn``, ``extra-header-warn``, ``disordered-header-warn``, which frictionless
tolerates silently in that mode) and the custom checks (frictionless does not run
``custom_checks``). Both sides read each file the same way: the encoding and delimiter our reader
detects are passed to frictionless explicitly.
"""

from __future__ import annotations

import json
import warnings

import pytest

from game.core.tableschema import FRICTIONLESS_CODES, validate
from game.storage.csvfile import read_csv

from .helpers import ROOT, SCDL, scdl

frictionless = pytest.importorskip("frictionless")

FIXTURES = [
    ("prenoms", "prenoms/prenoms-nouveaux-nes_exemple-valide.csv"),
    ("prenoms", "prenoms/prenoms-nouveaux-nes_exemple-invalide.csv"),
    ("prenoms", "prenoms/DIGNE-PRENOMS-2017.csv"),
    ("subventions", "subventions/exemple_valide.csv"),
    ("subventions", "subventions/exemple_invalide_erreurs_cellules.csv"),
    ("subventions", "subventions/exemple_invalide_erreurs_colonnes.csv"),
    ("subventions", "subventions/reels-2018/DEP_Nievre_CD58_SUBVENTIONS_2016_LISTE.csv"),
    ("subventions", "subventions/reels-2018/SCDL_DEP_Haute-Garonne_datalocale-subvention.csv"),
    ("dae", "dae/exemple_valide.csv"),
    ("dae", "dae/exemple_invalide.csv"),
    ("dae", "dae/exemple_invalide_structure.csv"),
    ("dae", "dae/exemple_invalide_complet.csv"),
    ("irve-statique", "irve-statique/exemple-valide-statique.csv"),
]

RENAMED = {"missing-required-header": "missing-label"}


def ours(relative: str, schema_name: str) -> set[tuple]:
    table = read_csv(SCDL / relative, keep_initial_spaces=False).table  # as Validata reads "comma + space"
    report = validate(table, scdl(schema_name))
    return {(e.row, e.field or "", RENAMED.get(e.code, e.code)) for e in report.errors
            if RENAMED.get(e.code, e.code) in FRICTIONLESS_CODES}


def theirs(relative: str, schema_name: str) -> set[tuple]:
    from frictionless import Detector, Dialect, Resource, Schema, formats

    dialect = read_csv(SCDL / relative).dialect  # frictionless reads the file the way our loader detected it
    detected = {"encoding": dialect.encoding, "delimiter": dialect.delimiter, "skip_initial_space": dialect.skip_initial_space}
    descriptor = json.loads((ROOT / "schemas" / "scdl" / schema_name / "schema.json").read_text("utf-8"))
    control = formats.CsvControl(delimiter=detected["delimiter"], skip_initial_space=detected["skip_initial_space"])
    resource = Resource(relative, basepath=str(SCDL), encoding=detected["encoding"],
                        dialect=Dialect(controls=[control]), schema=Schema.from_descriptor(descriptor),
                        detector=Detector(schema_sync=True))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        report = frictionless.validate(resource, limit_errors=1_000_000)
    errors = report.tasks[0].errors
    assert not [e for e in errors if e.type in ("resource-error", "source-error", "scheme-error", "encoding-error")]
    return {(getattr(e, "row_number", None), getattr(e, "field_name", None) or "", e.type) for e in errors}


@pytest.mark.parametrize(("schema_name", "relative"), FIXTURES, ids=[f for _, f in FIXTURES])
def test_same_errors_as_frictionless(schema_name, relative):
    mine, reference = ours(relative, schema_name), theirs(relative, schema_name)
    assert sorted(mine - reference, key=str) == [] and sorted(reference - mine, key=str) == []
