"""`explorateurs check`: each lint rule fails on a broken scenario (file:line:col, French message,
hint) and passes on a sound one; warnings fail `check` but leave the scenario playable."""

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from game.cli import main
from game.storage.scenarios import load_scenario

FIX = Path(__file__).resolve().parent / "fixtures" / "scenarios"

Edits = tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Case:
    fixture: str
    broken: Edits  # turns the fixture into the failing one
    expected: str  # "line:col: message hint" as `check` prints it
    fixed: Edits = ()  # applied after `broken`, gives the passing one (empty: the fixture as it is)
    passing: str = ""  # another fixture for the passing case


WARN = "avertissement : "
CASES = {
    "unreachable-step": Case(
        "mini", (("    title: Quiz\n", "    title: Quiz\n    next: bilan\n"),),
        "57:9: " + WARN + "Aucun chemin ne mène à l'étape « tri » : elle ne sera jamais jouée. "
        "Ajoutez un renvoi vers elle (next d'une étape ou d'un choix), ou retirez-la.",
        fixed=(("        sources: [loi]\n      - text: Mauvais", "        sources: [loi]\n        next: tri\n      - text: Mauvais"),)),
    "loop": Case(
        "mini", (("    title: Tri\n", "    title: Tri\n    next: quiz\n"),),
        "59:11: Ce renvoi vers « quiz » fait tourner le scénario en rond : le jeu garde les réponses données, "
        "l'apprenant·e referait le même chemin sans fin. Renvoyez vers une étape plus loin dans le parcours ; "
        "pour revoir une notion, écrivez une nouvelle étape.",
        fixed=(("    title: Tri\n    next: quiz\n", "    title: Tri\n    next: bilan\n"),)),
    "unassessed-competency": Case(
        "mini", (("competencies: [A1, B4]\n", "competencies: [A1, B4, C1]\n"),),
        "10:24: " + WARN + "Le scénario annonce la compétence C1, mais aucune activité notée ne l'évalue. "
        "Ajoutez-la aux competencies d'une question, d'une carte, d'un dialogue à choix notés ou d'une question "
        "de réutilisateur, ou retirez-la de la liste.",
        fixed=(("        answer: false\n", "        answer: false\n        competencies: [C1]\n"),)),
    "unsourced-fact": Case(
        "mini", (("explanation: C'est faux.", "explanation: C'est faux, l'article L312-1-1 du CRPA le dit."),),
        "55:22: " + WARN + "Ce texte cite « article L312-1-1 » sans indiquer de source. "
        "Ajoutez sources: [identifiant] à cet élément, avec une source déclarée dans la liste sources du scénario.",
        fixed=(("du CRPA le dit.\n", "du CRPA le dit.\n        sources: [loi]\n"),)),
    "timer": Case(
        "mini", (("    title: Bilan\n", "    title: Bilan\n    time_limit: 30\n"),),
        "77:5: Clé inconnue : « time_limit ». Le jeu n'a aucune minuterie : aucune étape n'est limitée dans le temps. "
        "C'est voulu : chacun lit et répond à son rythme (accessibilité, critère WCAG 2.2.1 « Réglage du délai »). "
        "Retirez cette clé."),
    "image": Case(
        "mini", (("        reason: Données personnelles.\n", "        reason: Données personnelles.\n        image: etat-civil.png\n"),),
        "74:9: Clé inconnue : « image ». Les scénarios n'affichent pas d'images : tout passe par le texte. "
        "Décrivez en mots ce que l'image montrerait : un texte est lu par les lecteurs d'écran et traduit avec "
        "le scénario, une image sans texte de remplacement ne le serait pas."),
    "unknown-character": Case(
        "mini", (("      - who: mentor\n        text: Première", "      - who: mentr\n        text: Première"),),
        "24:14: Personnage inconnu : « mentr ». Déclarez-le dans la liste characters. Vouliez-vous dire « mentor » ?"),
    "unknown-source": Case(
        "mini", (("        sources: [loi]\n      - text: Mauvais", "        sources: [lois]\n      - text: Mauvais"),),
        "32:19: Source inconnue : « lois ». Déclarez-la dans la liste sources du scénario. Vouliez-vous dire « loi » ?"),
    "unknown-competency": Case(
        "mini", (("    title: Bonjour\n    competencies: [A1]", "    title: Bonjour\n    competencies: [A11]"),),
        "22:20: Compétence inconnue du référentiel : « A11 ». Vouliez-vous dire « A1 » ?"),
    "unknown-step": Case(
        "mini", (("        next: quiz\n", "        next: quizz\n"),),
        "36:15: Le renvoi vers l'étape « quizz » ne mène nulle part : aucune étape ne porte cet identifiant. "
        "Vouliez-vous dire « quiz » ?"),
    "unknown-source-step": Case(
        "publication", (("    from: publier\n", "    from: publie\n"),),
        "79:11: « from » doit nommer une étape clean ou publish du scénario : « publie » n'en est pas une. "
        "Vouliez-vous dire « publier » ?"),
    "unknown-dataset": Case(
        "publication", (("dataset: naissances.csv", "dataset: naissance.csv"),),
        "20:14: Fichier de données introuvable : data/naissance.csv. Vouliez-vous dire « naissances.csv » ?"),
    "unknown-schema": Case(
        "publication", (("schema: scdl/prenoms", "schema: scdl/prenom"),),
        "21:13: Schéma introuvable : « scdl/prenom ». Vouliez-vous dire « scdl/prenoms » ?"),
    "unknown-operation": Case(
        "publication", (("      - op: change-case\n", "      - op: change-cases\n"),),
        "23:9: Opération inconnue : « change-cases ». Vouliez-vous dire « change-case » ?"),
    "clean-reference": Case(
        "nettoyage-insoluble", (("trim-space]", "trim-spaces]"),),
        "18:7: La recette de référence n'atteint pas l'objectif : il reste 5 erreur(s), par exemple "
        "« constraint-error » ligne 2, colonne COLL_INSEE.",
        passing="publication"),
    "publish-reference": Case(
        "publication", (("      licence: lo-2.0\n      frequency", "      licence: odbl\n      frequency"),),
        "47:7: La licence de référence « odbl » n'obtient pas tous les points (licences acceptées : lo-2.0, odbl)."),
    "reuse-reference": Case(
        "publication", (("measure: NOMBRE_OCCURRENCES", "measure: COMMUNE_NOM"),),
        "86:11: Sur le fichier publié par le parcours de référence, la question « naissances-2016 » n'a pas de réponse : "),
}


def scenario_from(tmp_path: Path, fixture: str, edits: Edits) -> Path:
    folder = tmp_path / fixture
    shutil.copytree(FIX / fixture, folder)
    path = folder / "scenario.yaml"
    text = path.read_text("utf-8")
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path.write_text(text, "utf-8")
    return folder


@pytest.mark.parametrize("rule", sorted(CASES))
def test_each_rule_reports_its_failing_fixture_with_file_line_col(rule, tmp_path, capsys):
    case = CASES[rule]
    folder = scenario_from(tmp_path, case.fixture, case.broken)
    assert main(["check", str(folder)]) == 1
    assert f"{case.fixture}/scenario.yaml:{case.expected}" in capsys.readouterr().out


@pytest.mark.parametrize("rule", sorted(CASES))
def test_each_rule_passes_its_passing_fixture(rule, tmp_path, capsys):
    case = CASES[rule]
    folder = (scenario_from(tmp_path, case.passing, ()) if case.passing
              else scenario_from(tmp_path, case.fixture, case.broken + case.fixed if case.fixed else ()))
    assert main(["check", str(folder)]) == 0, capsys.readouterr().out
    assert capsys.readouterr().out.startswith("OK ")


def test_a_scenario_with_warnings_only_stays_playable(tmp_path):
    case = CASES["unreachable-step"]
    item = load_scenario(scenario_from(tmp_path, case.fixture, case.broken))
    assert item.valid and item.scenario is not None  # the game lists and plays it
    assert not item.clean and [p.code for p in item.warnings] == ["unreachable-step"]
    assert item.problems == ()


def test_a_loop_makes_the_scenario_unplayable(tmp_path):
    case = CASES["loop"]
    item = load_scenario(scenario_from(tmp_path, case.fixture, case.broken))
    assert not item.valid and item.scenario is None
    assert [p.code for p in item.problems] == ["loop"]
    assert [p.code for p in item.warnings] == ["unreachable-step"]  # the debrief after the loop


def test_json_format_lists_every_problem_for_tools(tmp_path, capsys):
    folder = scenario_from(tmp_path, "mini", CASES["unsourced-fact"].broken + CASES["unreachable-step"].broken)
    assert main(["check", "--format", "json", str(folder)]) == 1
    items = json.loads(capsys.readouterr().out)
    assert [(i["line"], i["column"], i["severity"], i["code"]) for i in items] == [
        (56, 22, "avertissement", "unsourced-fact"), (57, 9, "avertissement", "unreachable-step")]
    first = items[0]
    assert first["file"].endswith("mini/scenario.yaml")
    assert first["message"] == "Ce texte cite « article L312-1-1 » sans indiquer de source."
    assert first["hint"].startswith("Ajoutez sources: [identifiant]")


def test_json_format_on_errors_names_the_rule_and_the_suggestion(capsys):
    assert main(["check", "--format", "json", str(FIX / "renvoi-casse")]) == 1
    items = json.loads(capsys.readouterr().out)
    assert [(i["line"], i["column"], i["severity"], i["code"], i["hint"]) for i in items] == [
        (18, 14, "erreur", "unknown-reference", "Vouliez-vous dire « mentor » ?"),
        (22, 15, "erreur", "broken-link", "Vouliez-vous dire « quiz » ?")]


def test_json_format_of_a_clean_scenario_is_an_empty_list(capsys):
    assert main(["check", "--format", "json", str(FIX / "mini")]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_json_format_when_nothing_is_found(tmp_path, capsys):
    assert main(["check", "--format", "json", str(tmp_path)]) == 2
    captured = capsys.readouterr()
    assert json.loads(captured.out) == [] and "Aucun scénario trouvé." in captured.err


def test_the_summary_counts_scenarios_playable_with_warnings(tmp_path, capsys):
    scenario_from(tmp_path, "mini", CASES["unreachable-step"].broken)
    scenario_from(tmp_path, "publication", ())
    assert main(["check", str(tmp_path)]) == 1
    captured = capsys.readouterr()
    assert "OK      " in captured.out and "publication/scenario.yaml" in captured.out
    assert "1 scénario(s) jouable(s) mais avec des avertissements, sur 2." in captured.err
