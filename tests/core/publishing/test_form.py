"""The publishing form's rules, without a screen: typed text becomes metadata, dates are read the
French way, a half-typed contact address and reversed dates are caught, and the portal's badge."""

from game.core.publishing import Metadata, Resource
from game.core.publishing.emails import is_address_value, is_complete_address
from game.core.publishing.form import (
    FIELD_LIMITS,
    FormEntry,
    contact_incomplete,
    coverage_problem,
    day_text,
    metadata_from_form,
    parse_day,
    split_keywords,
)
from game.core.publishing.quality import badge

DRAFT = Metadata(publisher="Ville de Rennes", resources=(
    Resource("donnees", "Données au format CSV", "csv", "", "main", "", True, True),
    Resource("notice", "Notice", "pdf", "", "documentation", "", True, False)))


def test_the_form_is_read_into_metadata_trimmed_with_iso_dates_and_keywords():
    meta = metadata_from_form(DRAFT, FormEntry(
        title="  Prénoms à Rennes ", description=" Chaque ligne… ", licence="lo-2.0", temporal_start="1er janvier 2015",
        temporal_end="2016", keywords="prénoms ; état civil,, naissances", contact_email=" etat-civil@rennes.fr ",
        included=frozenset({"donnees", "notice"}), resource_descriptions={"notice": " Ce que dit chaque colonne. "}))
    assert (meta.title, meta.description, meta.licence) == ("Prénoms à Rennes", "Chaque ligne…", "lo-2.0")
    assert (meta.temporal_start, meta.temporal_end) == ("2015-01-01", "2016-12-31")
    assert meta.keywords == ("prénoms", "état civil", "naissances")
    assert meta.contact_email == "etat-civil@rennes.fr" and meta.publisher == "Ville de Rennes"
    notice = meta.resources[1]
    assert notice.included and notice.description == "Ce que dit chaque colonne."


def test_a_date_the_form_cannot_read_is_kept_as_typed_for_the_checks_to_refuse():
    meta = metadata_from_form(DRAFT, FormEntry(temporal_start=" 31/02/2016 "))
    assert meta.temporal_start == "31/02/2016"
    assert coverage_problem(["31/02/2016", ""], meta) == "unreadable"


def test_a_resource_left_unticked_is_not_published():
    meta = metadata_from_form(DRAFT, FormEntry(included=frozenset({"donnees"})))
    assert [r.included for r in meta.resources] == [True, False]


def test_an_end_before_the_start_is_caught_while_typing():
    meta = metadata_from_form(DRAFT, FormEntry(temporal_start="2017", temporal_end="2016"))
    assert coverage_problem(["2017", "2016"], meta) == "reversed"
    ok = metadata_from_form(DRAFT, FormEntry(temporal_start="2015", temporal_end="2016"))
    assert coverage_problem(["2015", "2016"], ok) is None


def test_a_year_alone_is_its_first_or_last_day_and_iso_dates_show_the_french_way():
    assert parse_day("2016") == "2016-01-01" and parse_day("2016", end=True) == "2016-12-31"
    assert parse_day("  ") == "" and parse_day("demain") is None
    assert day_text("2016-12-31") == "31/12/2016" and day_text("") == "" and day_text("31/02/2016") == "31/02/2016"


def test_keywords_split_on_commas_and_semicolons():
    assert split_keywords(" a, b ;c;; ") == ("a", "b", "c")


def test_the_contact_must_be_written_in_full_accents_allowed():
    assert contact_incomplete(Metadata(contact_email="etat-civil@rennes"))
    assert not contact_incomplete(Metadata(contact_email="état-civil@rennes.fr"))
    assert not contact_incomplete(Metadata(contact_email=""))


def test_the_detector_counts_fewer_shapes_as_addresses_than_the_form_accepts():
    assert is_complete_address("état-civil@rennes.fr") and not is_address_value("état-civil@rennes.fr")
    assert is_address_value("jean.dupont@rennes.fr") and is_complete_address("JEAN.DUPONT@RENNES.FR")
    assert not is_complete_address("jean dupont@rennes.fr") and not is_address_value("jean dupont@rennes.fr")


def test_the_title_field_takes_what_data_gouv_fr_accepts():
    assert FIELD_LIMITS["title"] == 350 and FIELD_LIMITS["short_description"] == 200


def test_the_portal_badge_follows_the_quality_score():
    assert [badge(s) for s in (1.0, 0.99, 0.98, 0.7, 0.69, 0.4, 0.39, 0.0, -1.0)] == [
        "excellent", "excellent", "good", "good", "to-improve", "to-improve", "poor", "poor", "poor"]
