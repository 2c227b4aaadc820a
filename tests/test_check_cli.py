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
        fixed=(("    title: Quiz\n    next: bilan\n", "    title: Quiz\n    next: tri\n"),)),
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
        fixed=(("        answer: false\n", "        answer: false\n        competencies: [A1, C1]\n"),
               ("        explanation: Parce que.\n", "        explanation: Parce que.\n        competencies: [A1, C1]\n"))),
    "insufficient-evidence": Case(
        "mini", (("competencies: [A1, B4]\n", "competencies: [A1, B4, C1]\n"),
                 ("        answer: false\n", "        answer: false\n        competencies: [A1, C1]\n")),
        "10:24: " + WARN + "Un parcours sans faute ne rencontre qu'un seul élément noté pour la compétence C1, or le "
        "référentiel en demande au moins 2 : le bilan affichera toujours « pas assez d'éléments » pour elle. "
        "Ajoutez au moins un élément noté pour C1 (question, carte, choix noté…) sur le chemin d'un parcours sans faute.",
        fixed=(("        explanation: Parce que.\n", "        explanation: Parce que.\n        competencies: [A1, C1]\n"),)),
    "insufficient-evidence-off-path": Case(
        "mini", (("competencies: [A1, B4]\n", "competencies: [A1, B4, C1]\n"),
                 ("        feedback: Non.\n        next: quiz\n", "        feedback: Non.\n        next: rattrapage\n"),
                 ("    title: Tri\n", "    title: Tri\n    next: bilan\n"),
                 ("  - id: bilan\n", "  - id: rattrapage\n    kind: quiz\n    title: Rattrapage\n    competencies: [C1]\n"
                  "    next: quiz\n    questions:\n      - {id: r1, type: vrai-faux, prompt: Vrai ?, answer: true, explanation: Oui.}\n"
                  "      - {id: r2, type: vrai-faux, prompt: Faux ?, answer: false, explanation: Non.}\n  - id: bilan\n")),
        "10:24: " + WARN + "Un parcours sans faute ne rencontre aucun élément noté pour la compétence C1 (seules des "
        "étapes hors de ce parcours l'évaluent), or le référentiel en demande au moins 2 : le bilan affichera toujours "
        "« pas assez d'éléments » pour elle. Ajoutez au moins 2 éléments notés pour C1 (questions, cartes, choix notés…) "
        "sur le chemin d'un parcours sans faute.",
        fixed=(("competencies: [A1, B4, C1]\n", "competencies: [A1, B4]\n"), ("    competencies: [C1]\n    next: quiz", "    competencies: [A1]\n    next: quiz"))),
    "unsourced-fact": Case(
        "mini", (("explanation: C'est faux.", "explanation: C'est faux, l'article L312-1-1 du CRPA le dit."),),
        "55:22: " + WARN + "Ce texte cite « article L312-1-1 du CRPA le dit » sans indiquer de source. "
        "Ajoutez sources: [identifiant] à cet élément, avec une source déclarée dans la liste sources du scénario.",
        fixed=(("du CRPA le dit.\n", "du CRPA le dit.\n        sources: [loi]\n"),)),
    "timer": Case(
        "mini", (("    title: Bilan\n", "    title: Bilan\n    time_limit: 30\n"),),
        "77:5: Clé inconnue : « time_limit ». Le jeu n'a aucune minuterie : aucune étape n'est limitée dans le temps. "
        "C'est voulu : chacun lit et répond à son rythme (accessibilité, critère WCAG 2.2.1 « Réglage du délai »). "
        "Retirez cette clé."),
    "timer-close-to-title": Case(  # « timer » looks like « title », « minuteur » like « intro »: still a timer
        "mini", (("    title: Quiz\n", "    title: Quiz\n    timer: 60\n    minuteur: 60\n"),),
        "40:5: Clé inconnue : « timer ». Le jeu n'a aucune minuterie : aucune étape n'est limitée dans le temps. "
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
    "unknown-character-far": Case(
        "mini", (("      - who: mentor\n        text: Première", "      - who: narratrice\n        text: Première"),),
        "24:14: Personnage inconnu : « narratrice ». Déclarez-le dans la liste characters. Identifiants possibles : mentor."),
    "unknown-source": Case(
        "mini", (("        sources: [loi]\n      - text: Mauvais", "        sources: [lois]\n      - text: Mauvais"),),
        "32:19: Source inconnue : « lois ». Déclarez-la dans la liste sources du scénario. Vouliez-vous dire « loi » ?"),
    "unknown-competency": Case(
        "mini", (("    title: Bonjour\n    competencies: [A1]", "    title: Bonjour\n    competencies: [A11]"),),
        "22:20: Compétence inconnue du référentiel : « A11 ». Vouliez-vous dire « A1 » ?"),
    "unknown-competency-far": Case(  # nothing close: the ids the framework has
        "mini", (("    title: Bonjour\n    competencies: [A1]", "    title: Bonjour\n    competencies: [E5]"),),
        "22:20: Compétence inconnue du référentiel : « E5 ». Identifiants possibles : A1, A2, B1, B2, B3, B4, C1, C2, "
        "C3, D1, D2."),
    "unknown-step-far": Case(
        "mini", (("        next: quiz\n", "        next: conclusion\n"),),
        "36:15: Le renvoi vers l'étape « conclusion » ne mène nulle part : aucune étape ne porte cet identifiant. "
        "Identifiants possibles : intro, quiz, tri, bilan."),
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
    "publish-reference-check": Case(  # one sentence, then the failed check's own; « une erreur », not « 1 erreurs »
        "publication", (("      drop_columns: [DECLARANT_COURRIEL]", "      drop_columns: [DECLARANT_COURRIEL, ANNEE]"),),
        "47:7: Avec les métadonnées de référence, une vérification échoue. Le fichier publié ne respecte plus son "
        "schéma (une erreur) : les réutilisateurs"),
    "reuse-reference": Case(
        "publication", (("measure: NOMBRE_OCCURRENCES", "measure: COMMUNE_NOM"),),
        "86:11: Sur le fichier publié par le parcours de référence, la question « naissances-2016 » n'a pas de réponse. "
        "Aucune valeur de la colonne « COMMUNE_NOM » n'est un nombre"),
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
        (56, 22, "warning", "unsourced-fact"), (57, 9, "warning", "unreachable-step")]
    first = items[0]
    assert first["file"].endswith("mini/scenario.yaml")
    assert first["message"] == "Ce texte cite « article L312-1-1 du CRPA le dit » sans indiquer de source."
    assert first["hint"].startswith("Ajoutez sources: [identifiant]")


def test_json_format_on_errors_names_the_rule_and_the_suggestion(capsys):
    assert main(["check", "--format", "json", str(FIX / "renvoi-casse")]) == 1
    items = json.loads(capsys.readouterr().out)
    assert [(i["line"], i["column"], i["severity"], i["code"], i["hint"]) for i in items] == [
        (18, 14, "error", "unknown-reference", "Vouliez-vous dire « mentor » ?"),
        (22, 15, "error", "broken-link", "Vouliez-vous dire « quiz » ?")]


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
    assert "1 scénario jouable mais avec des avertissements, sur 2." in captured.err


def test_a_path_that_does_not_exist_is_named_and_exits_2(tmp_path, capsys):
    missing = tmp_path / "nulle-part"
    assert main(["check", str(missing)]) == 2
    err = capsys.readouterr().err
    assert f"Chemin introuvable : {missing}" in err
    assert "Aucun scénario trouvé." not in err
    assert main(["check", str(missing), str(FIX / "mini")]) == 2  # the others are still checked
    captured = capsys.readouterr()
    assert "OK      " in captured.out and f"Chemin introuvable : {missing}" in captured.err


def test_json_severities_are_the_same_machine_values_in_every_language(tmp_path, capsys):
    warned = scenario_from(tmp_path, "mini", CASES["unreachable-step"].broken)
    for lang in ("fr", "en"):
        assert main(["--lang", lang, "check", "--format", "json", str(warned), str(FIX / "renvoi-casse")]) == 1
        assert {i["severity"] for i in json.loads(capsys.readouterr().out)} == {"error", "warning"}
    assert main(["check", str(warned)]) == 1
    assert ": avertissement : Aucun chemin" in capsys.readouterr().out  # the text output keeps the words


def test_a_message_without_a_full_stop_gets_one_before_its_hint():
    from game.cli.checks import _text_line
    from game.core.messages import msg
    from game.core.problems import WARNING, Problem
    from game.i18n import Translator

    p = Problem((), msg("Texte « {t} »", t="Le bilan"), msg("Ajoutez la traduction."), file="s.yaml", line=3, col=5,
                severity=WARNING)
    assert _text_line(p, Translator("fr")) == "s.yaml:3:5: avertissement : Texte « Le bilan ». Ajoutez la traduction."
    q = Problem((), msg("Vraiment ?"), msg("Oui."))
    assert _text_line(q, Translator("fr")) == "Vraiment ? Oui."


#: every message of the modules that report scenario problems ends a sentence, so that the hint
#: after it (in check and on the preview screen) starts a new one; the values put inside messages
#: (a language, a type) are the only exceptions
CHECKING_MODULES = ["game/core/build.py", "game/core/lint.py", "game/core/texts.py", "game/core/problems.py",
                    "game/core/framework.py", "game/storage/scenarios.py", "game/storage/yamlfile.py",
                    "game/storage/yamlerrors.py", "game/storage/datasets.py", "game/storage/translations.py",
                    "game/storage/library.py", "game/authoring/reference.py", "game/play/publish.py"]
FRAGMENTS = {"français", "anglais", "allemand", "espagnol", "italien", "breton", "occitan", "un texte",
             "un nombre entier", "un nombre", "true ou false", "une liste", "un dictionnaire (clé: valeur)"}


def test_every_problem_message_ends_a_sentence():
    import ast
    import re

    root = Path(__file__).resolve().parents[1]
    unfinished = []
    for name in CHECKING_MODULES:
        for node in ast.walk(ast.parse((root / name).read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "N_":
                text = node.args[0].value
                # « … {rule} »: a sentence put after a full stop is a sentence of its own
                if text not in FRAGMENTS and not re.search(r"([.?!…]|[.?!…] \{\w+\})$", text):
                    unfinished.append(f"{name}: {text[-50:]}")
    assert unfinished == []


@pytest.mark.parametrize("key", ["timer", "minuteur", "chrono", "temps", "time_limit", "delai", "délai", "countdown",
                                 "compte-a-rebours", "duree_max", "durée_max", "timeLimit"])
def test_a_timer_like_key_always_gets_the_no_timer_explanation(key, tmp_path):
    folder = scenario_from(tmp_path, "mini", (("    title: Quiz\n", f"    title: Quiz\n    {key}: 60\n"),))
    [problem] = load_scenario(folder).problems
    assert (problem.code, problem.where.rsplit(":", 2)[-2:]) == ("timer", ["40", "5"])
    assert problem.hint.format_source().startswith("C'est voulu : chacun lit et répond à son rythme")
