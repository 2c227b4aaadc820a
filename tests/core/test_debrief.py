"""Debrief passages: a condition is true only of what the attempt did; a passage quoting a fact the
attempt lacks is not shown (pure core, no files)."""

from game.core.debrief import Cleaned, Facts, Published, fact_values, fill, holds, summary
from game.core.scenario import (
    CleanStep,
    Condition,
    DebriefStep,
    Passage,
    PublishStep,
    Scenario,
)


def scenario() -> Scenario:
    steps = (CleanStep("nettoyage", "Nettoyer"), PublishStep("publication", "Publier", personal_columns=("courriel",)),
             DebriefStep("bilan", "Bilan", passages=(Passage("x"),)))
    return Scenario("s", "1", "S", "", "fr", 5, "débutant", (), steps)


def published(columns, personal=(), times=1, earlier=()) -> Facts:
    return Facts(score=0.9, passed=True, published={"publication": Published(
        "publication", "Titre", "lo-2.0", columns, (), personal, times, earlier)})


def test_columns_conditions_follow_the_published_columns():
    sc = scenario()
    with_mail = published(("nom", "courriel"), personal=("courriel",))
    without = published(("nom",))
    assert holds(Condition(published_columns_include=("courriel",)), with_mail, sc)
    assert not holds(Condition(published_columns_include=("courriel",)), without, sc)
    assert holds(Condition(published_columns_exclude=("courriel",)), without, sc)
    assert not holds(Condition(published_columns_exclude=("courriel",)), with_mail, sc)
    assert holds(Condition(personal_data="published"), with_mail, sc)
    assert holds(Condition(personal_data="withheld"), without, sc)


def test_nothing_is_said_of_a_publication_that_did_not_happen_or_whose_columns_are_unknown():
    sc = scenario()
    assert not holds(Condition(published_columns_exclude=("courriel",)), Facts(score=1.0, passed=True), sc)
    assert not holds(Condition(personal_data="withheld"), Facts(score=1.0, passed=True), sc)
    assert not holds(Condition(published_columns_exclude=("courriel",)), published(None), sc)


def test_score_band_licence_and_republication():
    sc = scenario()
    f = published(("nom",), times=2, earlier=("courriel",))
    assert holds(Condition(score="pass"), f, sc) and not holds(Condition(score="below_pass"), f, sc)
    assert not holds(Condition(score="pass"), Facts(), sc)  # no graded answer: no band
    assert holds(Condition(licence=("lo-2.0", "odbl")), f, sc) and not holds(Condition(licence_not=("lo-2.0",)), f, sc)
    assert holds(Condition(republished=True), f, sc) and not holds(Condition(republished=False), f, sc)
    lines = [m.format_source() for m, _tone in summary(sc, f)]
    assert "Publié 2 fois : la dernière publication a remplacé les précédentes sur le portail." in lines
    assert any(x.startswith("Une publication précédente a mis en ligne courriel") for x in lines)


def test_a_passage_quoting_a_fact_the_attempt_lacks_is_not_shown():
    sc = scenario()
    f = Facts(score=0.5, passed=False, cleaned={"nettoyage": Cleaned("nettoyage", 10, 3, 2)})
    values = fact_values(f)
    assert fill("{nettoyage.errors_fixed} corrigées, {nettoyage.errors_fixable} à corriger", values) == \
        "7 corrigées, 1 à corriger"
    assert fill("Colonnes retirées : {publication.columns_dropped}", values) is None
    assert holds(Condition(fixable_left=True), f, sc) and not holds(Condition(fixable_left=False), f, sc)


def test_errors_that_vanished_without_the_information_are_not_fixed_nor_praised():
    """25 errors only the producer can fix; 3 of them made to vanish (a SIRET made up): 40 fixed, not
    43, « only expected errors left » does not hold, and the summary says what vanished."""
    sc = scenario()
    f = Facts(score=0.9, passed=True, cleaned={"nettoyage": Cleaned("nettoyage", 65, 22, 22, 3)})
    assert fact_values(f)["nettoyage.errors_fixed"] == "40"
    assert fact_values(f)["nettoyage.errors_erased"] == "3"
    assert not holds(Condition(fixable_left=False), f, sc) and not holds(Condition(fixable_left=True), f, sc)
    lines = [m.format_source() for m, _tone in summary(sc, f)]
    assert any(x.startswith("3 erreur(s) de ") and "inventée ou effacée" in x for x in lines), lines
    honest = Facts(score=0.9, passed=True, cleaned={"nettoyage": Cleaned("nettoyage", 65, 25, 25)})
    assert holds(Condition(fixable_left=False), honest, sc)
