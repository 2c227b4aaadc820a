"""The debrief says what the learner did (issue 14, items 4 and 5): a shipped scenario played
through PlaySession.do, action by action, then its debrief as the screen presents it.

- the hackathon path that publishes the e-mail columns is told they were published, never
  « sans les adresses nominatives »; the path without them is told so;
- « je republie sans les colonnes » takes the learner back to the form, filled as before; the
  new publication replaces the portal's file (no address left) and both are recorded;
- the Subventions figures follow what the learner did.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from game.core.actions import (
    Answer,
    ApplyOperation,
    CannotAnswer,
    Choose,
    NextLine,
    Proceed,
    Publish,
    Reply,
    Sort,
)
from game.core.assessment import assess, pass_mark
from game.core.operations import operation_from_json
from game.core.reuse.numbers import plain_number
from game.core.scenario import (
    GRADE_SCORE,
    CleanStep,
    DebriefStep,
    DialogueStep,
    PublishStep,
    QuizStep,
    ReuseStep,
    SortStep,
)
from game.i18n import activate
from game.play.debrief import facts_of
from game.play.handlers.publish import form
from game.play.publish import reference_metadata
from game.play.session import PlaySession
from game.scenes.debrief import present
from game.storage.datasets import ScenarioDatasets
from game.storage.portal import Portal
from game.storage.publisher import PortalPublisher
from game.storage.scenarios import builtin_scenarios_dir, load_framework, load_scenario

from .test_publish import Clock
from .test_session import MemoryRecorder

REG = "5d1c8f0e-3b7a-4c21-9e0a-2f6d4b8a1c33"


@pytest.fixture(autouse=True)
def french():
    activate("fr")


def start(sid: str, tmp_path: Path) -> tuple[PlaySession, MemoryRecorder, Portal]:
    folder = builtin_scenarios_dir() / sid
    scenario = load_scenario(folder).scenario
    assert scenario is not None
    rec, portal = MemoryRecorder(), Portal(tmp_path / "portail")
    s = PlaySession(scenario, "Camille", REG, rec, clock=Clock(), datasets=ScenarioDatasets({sid: folder}),
                    publisher=PortalPublisher(portal, folder / "data"))
    s.begin()
    return s, rec, portal


def play(s: PlaySession, *, choices: dict[str, int] | None = None, dropped: dict[str, tuple[str, ...]] | None = None,
         recipes: dict[str, list[dict]] | None = None, wrong: tuple[str, ...] = (), stop: str = "") -> None:
    """Play on from the current step as a careful learner would — the best choice, the right answer,
    the reference recipe and metadata — but for what the arguments change; stops on ``stop`` or the debrief."""
    choices, dropped, recipes = choices or {}, dropped or {}, recipes or {}
    while True:
        step = s.step
        if step.id == stop or isinstance(step, DebriefStep):
            return
        if isinstance(step, DialogueStep):
            while s.state.line < len(step.lines) - 1:
                s.do(NextLine(step.id))
            if step.choices and s.state.choice(step.id) is None:
                best = max(range(len(step.choices)), key=lambda i: GRADE_SCORE.get(step.choices[i].grade or "", 0))
                s.do(Choose(step.id, choices.get(step.id, best)))
        elif isinstance(step, QuizStep):
            for q in step.questions:
                right = set(q.correct_indexes)
                pick = {next(i for i in range(len(q.choices)) if i not in right)} if q.id in wrong else right
                s.do(Answer(step.id, q.id, frozenset(pick)))
        elif isinstance(step, SortStep):
            for card in step.cards:
                s.do(Sort(step.id, card.id, card.bin))
        elif isinstance(step, CleanStep):
            for op in recipes.get(step.id, step.reference):
                s.do(ApplyOperation(step.id, operation_from_json(op)))
        elif isinstance(step, PublishStep):
            desk = s.publish_work()
            cols = dropped.get(step.id, tuple(step.reference.get("drop_columns", ())))
            s.do(form(Publish, step.id, reference_metadata(desk), cols))
        elif isinstance(step, ReuseStep):
            for ch in step.challenges:
                v = s.reuse_work().verdict(ch)
                if v.expected is None or v.expected.unanswerable:
                    s.do(CannotAnswer(step.id, ch.id))
                elif ch.id in wrong:
                    s.do(Reply(step.id, ch.id, "-1" if v.expected.kind == "number" else "Personne"))
                elif v.expected.kind == "number":
                    s.do(Reply(step.id, ch.id, plain_number(v.expected.number or 0.0)))
                else:
                    s.do(Reply(step.id, ch.id, "; ".join(v.expected.items)))
        s.do(Proceed(step.id, True))


def debrief(s: PlaySession, rec: MemoryRecorder):
    fw = load_framework()[0]
    a = assess(rec.statements, s.scenario, fw)
    step = s.step
    assert isinstance(step, DebriefStep)
    return present(a, fw, step.intro, s.scenario, step=step, facts=facts_of(s.scenario, s.state, a, pass_mark(fw)))


def said(view) -> str:
    return "\n".join(str(getattr(view, f.name)) for f in dataclasses.fields(view))


def portal_csv(portal: Portal, dataset: str) -> str:
    found = list(portal.root.rglob(f"{dataset}*/*.csv")) or [p for p in portal.root.rglob("*.csv") if dataset in str(p)]
    assert found, list(portal.root.rglob("*"))
    return "\n".join(p.read_text(encoding="utf-8") for p in found)


# -- the hackathon ------------------------------------------------------------------------------

def test_the_hackathon_path_that_publishes_the_e_mails_is_told_it_did(tmp_path):
    s, rec, _portal = start("hackathon", tmp_path)
    # publishes every column, then, told the addresses are online, leaves the file as it is
    play(s, dropped={"publication-dae": ()}, choices={"donnees-personnelles": 1})
    assert "donnees-personnelles" in s.state.visited
    text = said(debrief(s, rec))
    assert "sans les adresses nominatives" not in text
    assert "contient encore des adresses nominatives, dans site_email, expt_email" in text
    assert "Données personnelles en ligne : site_email, expt_email." in text


def test_the_hackathon_path_without_the_e_mails_says_so(tmp_path):
    s, rec, _portal = start("hackathon", tmp_path)
    play(s)  # the reference metadata leave out site_email and expt_email
    assert "donnees-personnelles" not in s.state.visited
    view = debrief(s, rec)
    text = said(view)
    assert "sans les adresses nominatives : les colonnes site_email et expt_email ne sont jamais allées sur le portail" in text
    assert "Colonnes retirées avant publication : site_email, expt_email." in text
    assert "Aucune donnée personnelle dans le fichier publié." in text
    assert "adresses nominatives, dans" not in text and "Données personnelles en ligne" not in text
    assert view.passed is True and view.verdict.startswith("Bravo")
    assert "Source : Etalab — Licence Ouverte / Open Licence, version 2.0" in text  # under the licence passage


def test_republishing_without_the_columns_replaces_the_portals_file_and_records_both(tmp_path):
    s, rec, portal = start("hackathon", tmp_path)
    play(s, dropped={"publication-dae": ()}, stop="donnees-personnelles")
    assert "@" in portal_csv(portal, "defibrillateurs-exemple-hackathon")  # 8 addresses went online
    first = s.state.publishing_of("publication-dae")["draft"]
    play(s, stop="publication-dae")  # « Je republie tout de suite le fichier sans les colonnes… »
    assert s.state.choice("donnees-personnelles") == 0
    assert s.step.id == "publication-dae" and not s.step_done()  # back on the form, to publish again
    desk = s.publish_work()
    assert desk.draft.to_json() == first and desk.dropped == ()  # filled in as it was published
    s.do(form(Publish, "publication-dae", desk.draft, ("site_email", "expt_email")))
    csv = portal_csv(portal, "defibrillateurs-exemple-hackathon")
    assert "@" not in csv and "site_email" not in csv and "expt_email" not in csv  # the old file is replaced
    shared = [st for st in rec.statements if st["verb"]["id"].endswith("/verbs/shared")]
    assert [st["result"]["extensions"][next(k for k in st["result"]["extensions"] if k.endswith("personal-columns"))]
            for st in shared] == [["site_email", "expt_email"], []]  # both publications recorded
    saved = s.state.publishing_of("publication-dae")
    assert saved["history"][0]["personal_columns"] == ["site_email", "expt_email"]
    assert saved["published"]["personal_columns"] == []
    assert s.do(Proceed("publication-dae")) == "questions-equipes"  # the consequence does not fire again
    play(s)
    text = said(debrief(s, rec))
    assert "puis republié le fichier sans les colonnes site_email et expt_email" in text
    assert "Une publication précédente a mis en ligne site_email, expt_email avant d'être remplacée" in text
    assert "ne sont jamais allées sur le portail" not in text


# -- subventions --------------------------------------------------------------------------------

def test_the_subventions_figures_follow_what_the_learner_did(tmp_path):
    careful, rec, _portal = start("subventions", tmp_path / "a")
    play(careful)
    done = said(debrief(careful, rec))
    hasty, rec2, _portal2 = start("subventions", tmp_path / "b")
    poitiers = careful.scenario.step("nettoyage").reference
    play(hasty, recipes={"nettoyage": poitiers[:1]})  # one operation, then gives up
    partial = said(debrief(hasty, rec2))
    facts = careful.state.cleaning_of("nettoyage")["result"]
    assert facts["errors_left"] == 25 and facts["errors_expected"] == 25
    assert f"vous avez corrigé {facts['errors_met'] - 25} erreurs et laissé les 25" in done
    left = hasty.state.cleaning_of("nettoyage")["result"]
    assert left["errors_left"] > 25
    assert f"{left['errors_left'] - left['errors_expected']} erreur(s) que le fichier ou le registre permettait de corriger" in partial
    assert "vous avez corrigé" not in partial.split("En Haute-Garonne")[0]
    assert "quarante erreurs corrigées" not in done + partial


def test_a_republication_that_keeps_the_personal_data_goes_on_and_the_debrief_says_so(tmp_path):
    """The consequence already played does not fire again (no endless loop), and nothing claims the
    addresses were removed."""
    import shutil

    from .test_do import FIX

    folder = tmp_path / "publication"
    shutil.copytree(FIX / "publication", folder)
    path = folder / "scenario.yaml"
    text = path.read_text("utf-8")
    old = "      - {who: mentore, text: Des adresses de parents sont en ligne.}\n    next: questions\n"
    assert text.count(old) == 1
    text = text.replace(old, "      - {who: mentore, text: Des adresses de parents sont en ligne.}\n"
                             "    choices:\n      - text: Je republie sans la colonne.\n        then: {republish: publier}\n")
    text = text.replace("  - id: bilan\n    kind: debrief\n    title: Bilan\n",
                        "  - id: bilan\n    kind: debrief\n    title: Bilan\n    passages:\n"
                        "      - when: {republished: true, personal_data: withheld}\n        text: Les adresses sont retirées.\n"
                        "      - when: {republished: true, personal_data: published}\n"
                        "        text: \"Toujours en ligne : {publier.personal_published}.\"\n")
    path.write_text(text, "utf-8")
    scenario = load_scenario(folder).scenario
    assert scenario is not None
    rec = MemoryRecorder()
    s = PlaySession(scenario, "Camille", REG, rec, clock=Clock(), datasets=ScenarioDatasets({"publication": folder}),
                    publisher=PortalPublisher(Portal(tmp_path / "portail"), folder / "data"))
    s.begin()
    play(s, dropped={"publier": ()}, stop="fuite")
    play(s, stop="publier")
    assert s.step.id == "publier" and not s.step_done()
    s.do(form(Publish, "publier", s.publish_work().draft, ()))  # the column is still ticked
    assert s.do(Proceed("publier")) == "questions"  # not « fuite » again
    play(s, wrong=("naissances-2016", "prenoms-filles"))
    view = debrief(s, rec)
    assert "Toujours en ligne : DECLARANT_COURRIEL." in view.passages
    assert "Les adresses sont retirées." not in view.passages
    assert "Publié 2 fois : la dernière publication a remplacé les précédentes sur le portail." in said(view)


def test_below_the_pass_mark_the_words_do_not_congratulate(tmp_path):
    from game.core.debrief import Facts

    scenario = load_scenario(builtin_scenarios_dir() / "premiers-pas").scenario
    fw = load_framework()[0]
    step = scenario.steps[-1]
    from game.core.assessment import Assessment

    low, high = (Assessment(x, 10, (), (), (), ()) for x in (0.4, 0.9))
    below = present(low, fw, step.intro, scenario, step=step, facts=Facts(score=0.4, passed=False))
    above = present(high, fw, step.intro, scenario, step=step, facts=Facts(score=0.9, passed=True))
    assert "Bravo" not in said(below) and below.passages[0].startswith("Prochaine étape : relisez ce qui est à revoir")
    assert above.intro.startswith("Bravo") and above.passages == ()


def test_a_republish_choice_on_the_main_path_acts_once(tmp_path):
    """A dialogue after the publication whose choice sends the learner back: once republished, the
    publication leads to the dialogue again, which now leads on instead of sending back forever."""
    import shutil

    from .test_do import FIX

    folder = tmp_path / "publication"
    shutil.copytree(FIX / "publication", folder)
    path = folder / "scenario.yaml"
    text = path.read_text("utf-8")
    for old, new in (("    consequences: {personal-data: fuite, licence: licence}\n    next: questions\n",
                      "    consequences: {licence: licence}\n    next: fuite\n"),
                     ("      - {who: mentore, text: Des adresses de parents sont en ligne.}\n    next: questions\n",
                      "      - {who: mentore, text: Des adresses de parents sont en ligne.}\n    next: questions\n"
                      "    choices:\n      - text: Je republie.\n        then: {republish: publier}\n")):
        assert text.count(old) == 1
        text = text.replace(old, new)
    path.write_text(text, "utf-8")
    scenario = load_scenario(folder).scenario
    assert scenario is not None
    s = PlaySession(scenario, "Camille", REG, MemoryRecorder(), clock=Clock(),
                    datasets=ScenarioDatasets({"publication": folder}),
                    publisher=PortalPublisher(Portal(tmp_path / "portail"), folder / "data"))
    s.begin()
    play(s, stop="fuite")
    play(s, stop="publier")  # sent back once
    s.do(form(Publish, "publier", s.publish_work().draft, s.publish_work().dropped))
    assert s.do(Proceed("publier")) == "fuite"
    assert s.do(Proceed("fuite")) == "questions"  # not « publier » again
