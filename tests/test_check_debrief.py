"""`explorateurs check` on debrief passages and on a consequence that acts: every condition refers
to something that exists (a column the publish step can publish, a step, a licence, a question, a
fact), congratulations only above the pass mark, `republish` names a publish step — each refused
with a French message at file:line:col."""

from __future__ import annotations

import pytest

from game.cli import main

from .test_check_cli import scenario_from

BILAN = "  - id: bilan\n    kind: debrief\n    title: Bilan\n"


def passage(when: str, text: str = "Un passage.") -> tuple[tuple[str, str], ...]:
    return ((BILAN, BILAN + f"    passages:\n      - when: {when}\n        text: \"{text}\"\n"),)


def test_a_condition_on_an_unknown_column_is_refused_with_file_line_col(tmp_path, capsys):
    folder = scenario_from(tmp_path, "publication", passage("{published_columns_include: [DECLARANT_EMAIL]}"))
    assert main(["check", str(folder)]) == 1
    out = capsys.readouterr().out
    assert ("publication/scenario.yaml:106:44: La colonne « DECLARANT_EMAIL » n'existe ni dans le schéma ni dans le "
            "fichier que publie l'étape « publier ». Vouliez-vous dire « DECLARANT_COURRIEL » ?") in out


def test_a_condition_on_a_column_the_step_publishes_passes(tmp_path, capsys):
    folder = scenario_from(tmp_path, "publication", passage("{published_columns_include: [DECLARANT_COURRIEL]}"))
    assert main(["check", str(folder)]) == 0, capsys.readouterr().out


@pytest.mark.parametrize(("when", "text", "expected"), [
    ("{reached: [fuites]}", "Un passage.",
     "106:26: Aucune étape ne porte l'identifiant « fuites ». Vouliez-vous dire « fuite » ?"),
    ("{licence: [lo-2]}", "Un passage.",
     "106:26: Licence inconnue : « lo-2 » (le formulaire ne la propose pas). Vouliez-vous dire « lo-2.0 » ?"),
    ("{missed: [naissances-2017]}", "Un passage.",
     "106:25: Aucune question, carte, question de réutilisateur ou ligne à remplir ne porte l'identifiant « naissances-2017 »."),
    ("{score: pass}", "Erreurs : {nettoyage.errors_corrigees}.",
     "107:15: « {nettoyage.errors_corrigees} » : une étape clean n'a pas de fait « errors_corrigees »"),
    ("{reached: [fuite]}", "Bravo, c'est réglé.",
     "107:15: Ce passage félicite (« Bravo ») mais peut s'afficher sous le seuil de réussite : ajoutez « score: pass » à sa condition."),
    ("{score: reussi}", "Un passage.", "106:23: Valeur « reussi » non permise. Valeurs possibles : pass, below_pass."),
])
def test_a_passage_that_refers_to_nothing_is_refused(when, text, expected, tmp_path, capsys):
    folder = scenario_from(tmp_path, "publication", passage(when, text))
    assert main(["check", str(folder)]) == 1
    assert f"publication/scenario.yaml:{expected}" in capsys.readouterr().out


def test_republish_must_name_a_publish_step(tmp_path, capsys):
    choice = ("      - {who: mentore, text: Des adresses de parents sont en ligne.}\n    next: questions\n",
              "      - {who: mentore, text: Des adresses de parents sont en ligne.}\n    next: questions\n"
              "    choices:\n      - text: Je republie sans la colonne.\n        then: {republish: %s}\n")
    bad = scenario_from(tmp_path / "a", "publication", ((choice[0], choice[1] % "nettoyage"),))
    assert main(["check", str(bad)]) == 1
    assert ("scenario.yaml:72:27: « nettoyage » n'est pas une étape de publication (kind: publish) du scénario"
            in capsys.readouterr().out)
    good = scenario_from(tmp_path / "b", "publication", ((choice[0], choice[1] % "publier"),))
    assert main(["check", str(good)]) == 0, capsys.readouterr().out  # back to the form: not a loop
