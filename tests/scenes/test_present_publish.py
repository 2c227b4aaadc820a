"""The publishing form's view model, built without a window: the lines a learner reads beside the
fields as they type (score, title, description, licence, dates, contact, columns), and the
result once published."""

from datetime import date
from pathlib import Path

import pytest

from game.core.operations import operation_from_json
from game.core.publishing import QUALITY_DESCRIPTION_LENGTH
from game.core.publishing.form import FormEntry, metadata_from_form
from game.core.scenario import CleanStep, PublishStep
from game.i18n import activate
from game.play.clean import CleanWork
from game.play.publish import MAIN_RESOURCE, PublishWork
from game.scenes.views.publish import blocking_text, present, present_published
from game.scenes.views.text import Line
from game.storage.datasets import ScenarioDatasets
from game.storage.scenarios import load_scenario

FIX = Path(__file__).resolve().parents[1] / "fixtures" / "scenarios" / "publication"
TODAY = date(2026, 11, 20)


@pytest.fixture(autouse=True)
def french():
    activate("fr")


def cleaned():
    """The fixture scenario, its clean step done with the reference recipe."""
    scenario = load_scenario(FIX).scenario
    clean_step = next(s for s in scenario.steps if isinstance(s, CleanStep))
    clean = CleanWork(clean_step, *ScenarioDatasets({"publication": FIX}).open(scenario, clean_step))
    for entry in clean_step.reference:
        clean.apply(operation_from_json(entry))
    return scenario, clean


@pytest.fixture
def work():
    scenario, clean = cleaned()
    return PublishWork(next(s for s in scenario.steps if isinstance(s, PublishStep)), clean)


def view(work, dropped=(), **typed):
    entry = FormEntry(included=frozenset({MAIN_RESOURCE}), **typed)
    meta = metadata_from_form(work.draft, entry)
    return present(work, meta, dropped, (entry.temporal_start, entry.temporal_end), TODAY)


def test_an_empty_form_asks_for_a_title_and_a_licence_and_flags_the_personal_column(work):
    v = view(work)
    assert v.title == Line("Le titre est obligatoire.", "error")
    assert v.licence == Line("Choisissez la licence avec les flèches gauche et droite.", "muted")
    assert v.description == Line("0 caractère ; data.gouv.fr compte la description comme assez détaillée au-delà de 100.",
                                 "muted")
    assert v.columns.tone == "error" and "DECLARANT_COURRIEL" in v.columns.text
    assert v.score.text.startswith("Score de qualité : ") and " critères sur 9 (" in v.score.text
    assert "Manquant — Une licence est choisie." in v.criteria.text
    assert "À corriger — Le jeu de données n'a pas de titre" in v.checks.text


def test_the_description_counts_as_detailed_beyond_the_core_threshold(work):
    at = view(work, description="x" * QUALITY_DESCRIPTION_LENGTH).description
    beyond = view(work, description="x" * (QUALITY_DESCRIPTION_LENGTH + 1)).description
    assert at.tone == "muted" and beyond.tone == "success"
    assert beyond.text.startswith(f"{QUALITY_DESCRIPTION_LENGTH + 1} caractères ;")


def test_a_title_that_misses_an_element_says_which(work):
    assert view(work, title="Prénoms en 2016").title == Line(
        "Un bon titre est précis : le vôtre ne dit pas encore où.", "error")
    assert view(work, title="Prénoms à Rennes en 2016").title == Line("Titre précis : il nomme où, quoi.", "success")


def test_a_licence_not_allowed_for_public_data_is_shown_in_error(work):
    assert view(work, licence="cc-by-nc-4.0").licence.text.startswith("Licence non permise — ")
    assert view(work, licence="cc-by-nc-4.0").licence.tone == "error"
    assert view(work, licence="lo-2.0").licence.text.startswith("Licence possible — ")


def test_dates_are_read_the_french_way_and_must_be_in_order(work):
    assert view(work, temporal_start="1er janvier 2015", temporal_end="31/12/2016").dates == Line("", "muted")
    assert view(work, temporal_start="31/02/2016").dates.tone == "error"
    assert view(work, temporal_start="2017", temporal_end="2016").dates == Line(
        "La fin de la période est avant son début.", "error")


def test_a_contact_address_left_half_typed_is_flagged(work):
    assert view(work, contact_email="etat-civil@ville").contact.text.startswith("Adresse incomplète")
    assert view(work, contact_email="état-civil@ville.fr").contact.tone == "muted"
    assert view(work).contact.tone == "muted"


def test_leaving_the_personal_column_out_counts_the_columns_published(work):
    work.set_dropped(["DECLARANT_COURRIEL"])
    v = view(work, dropped=("DECLARANT_COURRIEL",))
    assert v.columns == Line(f"{len(work.source.header) - 1} colonnes publiées, erreurs de schéma : 0.", "muted")


def test_zone_and_granularity_together_count_for_the_score(work):
    assert view(work, spatial_zone="Rennes").spatial.text.startswith("Renseignez la zone et la granularité")
    assert view(work, spatial_zone="Rennes", granularity="fr:commune").spatial.text == ""


def test_publishing_is_refused_with_every_blocking_check(work):
    text = blocking_text(work.preview(work.draft, TODAY))
    assert text.startswith("Publication impossible pour l'instant :\n• Le jeu de données n'a pas de titre")


def test_the_result_shows_the_licence_its_consequence_and_the_personal_data_published(work):
    result = {"title": "Prénoms", "licence": "cc-by-nc-4.0", "quality": 0.5, "personal_columns": ["DECLARANT_COURRIEL"]}
    v = present_published(work, work.step, result, {"licence": 0.0, "personal-data": 1.0}, TODAY)
    assert v.headline == "Jeu de données publié sur votre portail : « Prénoms »."
    assert v.licence_feedback == "Une licence non commerciale n'est pas permise pour des données publiques."
    scores = [(line.text.replace("\xa0", " "), line.tone) for line in v.scores]  # babel's non-breaking space
    assert scores == [("Choix de la licence : 0 %", "text"), ("Données personnelles retirées : 100 %", "success")]
    assert v.personal == "Attention : des données personnelles ont été publiées (DECLARANT_COURRIEL)."
    assert "Manquant — Une licence est choisie." in v.missing
