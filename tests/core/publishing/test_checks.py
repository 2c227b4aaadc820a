"""Checks before publishing: each one failing with why and what to do, and passing."""

import pytest

from game.core.publishing import Resource, publish_checks

from .helpers import TODAY, complete

IDS = ("title", "description", "schema", "personal-data", "open-format", "licence", "temporal-coverage")


def checks(meta=None, *, schema_errors=0, personal=(), **kw):
    return {c.id: c for c in publish_checks(meta or complete(), schema_errors=schema_errors, personal=personal,
                                            today=TODAY, **kw)}


def test_complete_metadata_passes_every_check():
    result = checks()
    assert tuple(result) == IDS
    assert all(c.ok for c in result.values())


@pytest.mark.parametrize("cid, meta", [
    ("title", complete(title="  ")),
    ("title", complete(title="x" * 351)),
    ("description", complete(description="")),
    ("open-format", complete(resources=(Resource("d", "Données", "xlsx"),))),
    ("open-format", complete(resources=(Resource("d", "Données", "csv", included=False),))),
    ("licence", complete(licence="")),
    ("temporal-coverage", complete(temporal_start="01/01/2017")),
    ("temporal-coverage", complete(temporal_start="2018-01-01", temporal_end="2017-12-31")),
    ("temporal-coverage", complete(temporal_start="2030-01-01", temporal_end="")),
])
def test_a_broken_field_fails_its_blocking_check_only(cid, meta):
    result = checks(meta)
    assert [c.id for c in result.values() if not c.ok] == [cid]
    failed = result[cid]
    assert failed.blocking
    assert failed.hint.format_source().startswith("Pour corriger : ")


def test_schema_errors_are_flagged_but_do_not_block():
    # a learner who gave up the cleaning must still be able to publish (and be scored on it)
    check = checks(schema_errors=3)["schema"]
    assert not check.ok and not check.blocking and "3 erreurs" in check.message.format_source()


def test_errors_the_clean_step_accepted_do_not_block():
    assert checks(schema_errors=35, accepted_errors=35)["schema"].ok
    check = checks(schema_errors=36, accepted_errors=35)["schema"]
    assert not check.ok and "35 acceptées" in check.message.format_source()


def test_personal_columns_are_flagged_but_do_not_block():
    check = checks(personal=["nom_prenom", "adresse"])["personal-data"]
    assert not check.ok and not check.blocking
    text = check.message.format_source()
    assert "nom_prenom, adresse" in text and "L312-1-2" in text
    assert check.hint.format_source().startswith("Pour corriger : ")


@pytest.mark.parametrize("licence", ["cc-by-4.0", "cc-by-sa-4.0", "cc-by-nc-4.0", "tous-droits-reserves",
                                     "licence-maison"])
def test_a_licence_the_decree_does_not_allow_is_flagged_but_does_not_block(licence):
    result = checks(complete(licence=licence))
    assert [c.id for c in result.values() if not c.ok] == ["licence"]
    check = result["licence"]
    assert not check.blocking and "2017-638" in check.message.format_source()
    assert check.hint.format_source() == "Pour corriger : choisissez la Licence Ouverte ou l'ODbL."


def test_a_licence_that_needs_homologation_is_named_in_the_message():
    check = checks(complete(licence="cc-by-4.0"))["licence"]
    assert "Creative Commons Attribution 4.0" in check.message.format_source()


def test_the_odbl_is_allowed():
    assert checks(complete(licence="odbl"))["licence"].ok


def test_passing_checks_have_nothing_to_fix():
    assert {c.hint.format_source() for c in checks().values()} == {"Rien à corriger."}


@pytest.mark.parametrize(("errors", "said"), [(1, "(une erreur)"), (3, "(3 erreurs)")])
def test_a_file_that_no_longer_follows_its_schema_says_how_many_errors_in_good_french(errors, said):
    check = checks(schema_errors=errors)["schema"]
    assert not check.ok and said in check.message.format_source()
    assert "(1 erreurs)" not in check.message.format_source()
