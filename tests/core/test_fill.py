"""Fill steps in the core: a typed row checked by the Table Schema validator (French messages)
and compared with its reference row; the scenario builder and ``check`` refuse what cannot work."""

from __future__ import annotations

import shutil
from pathlib import Path

from game.core import fill
from game.core.scenario import FillRow, FillStep
from game.core.tableschema import parse_schema
from game.i18n import render

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = parse_schema({"fields": [
    {"name": "NOM", "type": "string", "constraints": {"required": True}},
    {"name": "DATE_PUBL", "type": "date", "constraints": {"required": True}},
    {"name": "FREQ", "type": "string", "constraints": {"required": True, "enum": ["Annuelle", "Ponctuelle"]}},
]})
ROW = FillRow("r1", "Budget", (("DATE_PUBL", "2025-04-14"), ("FREQ", "Annuelle")),
              accept=(("FREQ", ("Ponctuelle",)),))
STEP = FillStep("s", "Répertoire", schema="x.json", fields=("DATE_PUBL", "FREQ"), given=(("NOM", "Valbourg"),),
                graded=("DATE_PUBL", "FREQ"), rows=(ROW,))


def test_a_date_written_the_french_way_gets_the_validators_french_message_at_its_column():
    errors = fill.row_errors(STEP, SCHEMA, {"DATE_PUBL": "14/04/2025", "FREQ": "Annuelle"})
    assert [e.field for e in errors] == ["DATE_PUBL"]
    assert "AAAA-MM-JJ" in render(errors[0].message)


def test_the_given_columns_are_filled_for_the_learner_and_cannot_be_overwritten():
    assert fill.row_errors(STEP, SCHEMA, {"DATE_PUBL": "2025-04-14", "FREQ": "Annuelle", "NOM": ""}) == ()


def test_a_value_outside_the_list_is_an_error_and_an_empty_field_too():
    errors = fill.row_errors(STEP, SCHEMA, {"DATE_PUBL": "", "FREQ": "annuel"})
    assert {e.field for e in errors} == {"DATE_PUBL", "FREQ"}


def test_a_row_is_scored_by_the_share_of_graded_columns_right_case_and_spaces_aside():
    assert fill.judge_row(STEP, ROW, {"DATE_PUBL": "2025-04-14", "FREQ": " annuelle "}).score == 1.0
    assert fill.judge_row(STEP, ROW, {"DATE_PUBL": "2025-04-14", "FREQ": "Ponctuelle"}).score == 1.0  # accepted
    verdict = fill.judge_row(STEP, ROW, {"DATE_PUBL": "2025-04-02", "FREQ": "Annuelle"})
    assert verdict.score == 0.5 and verdict.wrong == ("DATE_PUBL",)


def _copy(tmp_path: Path) -> Path:
    folder = tmp_path / "demande-cada"
    shutil.copytree(ROOT / "scenarios" / "demande-cada", folder)
    return folder


def _check(folder: Path) -> list:
    from game.authoring.check import load_scenario

    loaded = load_scenario(folder / "scenario.yaml")
    return list(loaded.problems) + list(loaded.warnings)


def test_check_refuses_a_reference_row_that_breaks_the_schema_at_its_line(tmp_path):
    folder = _copy(tmp_path)
    path = folder / "scenario.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('DATE_PUBL: "2025-04-14"', 'DATE_PUBL: "14/04/2025"'), encoding="utf-8")
    line = next(i for i, x in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if "14/04/2025" in x)
    problems = [p for p in _check(folder) if p.code == "fill-reference"]
    assert problems and problems[0].line == line
    assert "AAAA-MM-JJ" in render(problems[0].message)


def test_check_names_a_column_the_schema_does_not_have_with_a_suggestion(tmp_path):
    folder = _copy(tmp_path)
    path = folder / "scenario.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("fields: [ID, TITRE,", "fields: [ID, TITLE,"),
                    encoding="utf-8")
    problems = _check(folder)
    assert any("TITLE" in render(p.message) and p.hint is not None and "TITRE" in render(p.hint) for p in problems)


def test_a_graded_column_the_learner_does_not_fill_is_refused(tmp_path):
    folder = _copy(tmp_path)
    path = folder / "scenario.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("graded: [COUV_SPAT_MAILLE,", "graded: [COLL_NOM,"),
                    encoding="utf-8")
    assert any("COLL_NOM" in render(p.message) for p in _check(folder))
