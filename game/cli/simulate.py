"""``explorateurs simulate SCENARIO ACTIONS.jsonl [--mode entrainement|evaluation] [--format json|text]``:
what would the game say about this path?

SCENARIO is a scenario folder, a ``scenario.yaml`` or the id of a shipped scenario (or of one in the
user's scenarios folder). ACTIONS.jsonl holds one learner action per line, in the JSON form of
:mod:`game.core.actions` (read by :mod:`game.storage.action_scripts`). The actions are played
through the real play layer (``PlaySession.do``) on a save kept in memory (SQLite ``:memory:``) and
a portal in a temporary folder deleted at the end: nothing touches the learners' data. The output
gives the statements as the LRS would receive them (the save's outbox), the evidence and level of
each competency (``core.assessment.assess``) and the debrief as its screen shows it (the debrief's
own ``present``), in the language of ``--lang``.

``--reference`` plays the scenario's reference path instead (:mod:`game.authoring.reference_path`);
``--write-reference FILE`` writes that path as JSON Lines, for trainers to start from a path that
works. A line that cannot be read or played stops the simulation with a French message at
``ACTIONS.jsonl:line:col`` and exit code 2.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from game.core.messages import N_
from game.i18n import Translator

if TYPE_CHECKING:
    from game.core.actions import Action
    from game.core.assessment import Assessment
    from game.core.framework import Framework
    from game.play.session import PlaySession
    from game.storage.scenarios import LoadedScenario
    from game.storage.store import Store

#: ``--mode``: the French value first, the English one accepted (both give the French value)
MODES = {"entrainement": "entrainement", "evaluation": "evaluation", "practice": "entrainement",
         "assessment": "evaluation"}
DEFAULT_MODE = "entrainement"
#: characters that end a line for line-based readers (JavaScript, some log tools), escaped in JSON
_LINE_SEPARATORS = {"\u2028": "\\u2028", "\u2029": "\\u2029", "\u0085": "\\u0085"}
LEARNER = "simulation"


def options(sub: Any) -> None:
    p = sub.add_parser("simulate", help="jouer une liste d'actions sans fenêtre et dire ce que le jeu en retient "
                       "(relevés, niveaux, bilan)")
    p.add_argument("scenario", metavar="SCÉNARIO", type=Path, help="dossier du scénario, scenario.yaml ou identifiant "
                   "d'un scénario fourni")
    p.add_argument("actions", metavar="ACTIONS.jsonl", type=Path, nargs="?",
                   help="une action par ligne, au format JSON des actions (voir le guide des scénarios)")
    p.add_argument("--reference", action="store_true", help="jouer le parcours de référence du scénario au lieu "
                   "d'un fichier d'actions")
    p.add_argument("--write-reference", type=Path, metavar="FICHIER", help="écrire le parcours de référence dans ce "
                   "fichier .jsonl (un point de départ à modifier) au lieu de le simuler")
    p.add_argument("--mode", choices=list(MODES), default=DEFAULT_MODE, help="entrainement (par défaut) ou evaluation "
                   "(practice et assessment sont acceptés)")
    p.add_argument("--format", choices=("text", "json"), default="text", help="text (par défaut) ou json")


# -- the simulation -------------------------------------------------------------------------------

def _pass_mark() -> float:
    """The framework's pass mark (as the game's sessions get it)."""
    from game.core.assessment import pass_mark
    from game.storage.scenarios import load_framework

    framework, _problems = load_framework()
    return pass_mark(framework) if framework is not None else 0.75


def session_options(mode: str) -> dict[str, Any]:
    """The keyword arguments the play session gets for ``mode`` (« entrainement » or « evaluation »):
    its internal value (game.core.modes)."""
    from game.core.modes import parse_mode

    value = parse_mode(MODES.get(mode, mode))
    return {"mode": value} if isinstance(value, str) else {}


@dataclass
class Simulation:
    """A play session on a throwaway save (SQLite in memory) and portal (a temporary folder)."""

    item: LoadedScenario
    language: str  # "fr" | "en"
    mode: str = DEFAULT_MODE
    played: list[Action] = field(default_factory=list)

    def __post_init__(self) -> None:
        from game.i18n import active
        from game.play.session import PlaySession
        from game.storage.datasets import ScenarioDatasets
        from game.storage.recorder import StoreRecorder
        from game.storage.store import Store

        sc = self.item.scenario
        assert sc is not None
        folder = self.item.path.parent
        active().use_scenario(self.item.translations, sc.language)
        self._tmp = tempfile.TemporaryDirectory(prefix="explorateurs-simulation-")
        self.store: Store = Store(":memory:")
        learner = self.store.add_learner(LEARNER)
        self.registration = str(uuid.uuid4())
        self.session: PlaySession = PlaySession(
            sc, learner.pseudonym, self.registration, StoreRecorder(self.store, learner.id, sc, started=False),
            language="en-GB" if self.language == "en" else "fr-FR", clock=time.time,
            datasets=ScenarioDatasets({sc.id: folder}),
            publisher=_Portal(Path(self._tmp.name) / "portail", folder / "data"),
            pass_mark=_pass_mark(), **session_options(self.mode))
        self.session.begin()

    def close(self) -> None:
        self.store.close()
        self._tmp.cleanup()

    def __enter__(self) -> Simulation:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def do(self, action: Action) -> None:
        self.session.do(action)
        self.played.append(action)

    def play_reference(self) -> None:
        from game.authoring.reference_path import play_reference

        self.played += play_reference(self.session)

    def statements(self) -> list[dict[str, Any]]:
        """The statements as the LRS would receive them: the save's outbox, oldest first."""
        return self.store.pending(limit=1_000_000)

    def framework(self) -> Framework:
        from game.storage.scenarios import load_framework

        sc = self.item.scenario
        assert sc is not None
        fw, problems = load_framework(sc.framework)
        if fw is None:
            raise SimulationError(problems[0].message)
        return fw

    def assessment(self, fw: Framework) -> Assessment:
        from game.core.assessment import assess

        sc = self.item.scenario
        assert sc is not None
        return assess(self.store.statements(registration=self.registration), sc, fw)

    def result(self) -> dict[str, Any]:
        """What the game would say: statements, evidence and levels, the debrief as shown."""
        from game.core.assessment import pass_mark
        from game.core.scenario import DebriefStep
        from game.play.debrief import facts_of
        from game.scenes.debrief import present

        sc, session = self.item.scenario, self.session
        assert sc is not None
        fw = self.framework()
        a = self.assessment(fw)
        step = session.step
        reached = isinstance(step, DebriefStep)
        shown = step if isinstance(step, DebriefStep) else next((s for s in sc.steps if isinstance(s, DebriefStep)), None)
        intro = shown.intro if shown is not None else ""
        # what happened and the passages whose condition holds, as the debrief screen shows them
        facts = facts_of(sc, session.state, a, pass_mark(fw)) if reached else None
        view = present(a, fw, intro, sc, step=shown, facts=facts)
        return {
            "scenario": sc.id, "language": self.language, "mode": self.mode, "actions": len(self.played),
            "step": session.state.step_id, "completed": session.state.completed, "score": a.score,
            "statements": self.statements(),
            "competencies": [{"competency": lv.competency, "level": lv.level, "score": lv.score,
                              "evidence": [{"step": e.step_id, "kind": e.kind, "item": e.item_id, "score": e.score}
                                           for e in lv.evidence]} for lv in a.competencies],
            "debrief": {"reached": reached, "intro": view.intro, "verdict": view.verdict, "passed": view.passed,
                        "score": view.score, "passages": list(view.passages),
                        "summary": [text for text, _tone in view.summary], "went_well": list(view.went_well),
                        "to_review": [{"what": w, "answer": an, "explanation": ex, "sources": list(src)}
                                      for w, an, ex, src in view.to_review],
                        "levels": [{"competency": c, "level": lv, "descriptor": d} for c, lv, d in view.levels],
                        "resources": list(view.resources)},
        }


class _Portal:
    """The play session's publisher on the temporary portal, its modules loaded on the first
    publication (a path refused before any is not slowed down by them)."""

    def __init__(self, root: Path, data: Path) -> None:
        self.root, self.data = root, data
        self._publisher: Any = None

    def publish(self, *args: Any, **kwargs: Any) -> str:
        if self._publisher is None:
            from game.storage.portal import Portal
            from game.storage.publisher import PortalPublisher

            self._publisher = PortalPublisher(Portal(self.root), self.data)
        where: str = self._publisher.publish(*args, **kwargs)
        return where


class SimulationError(Exception):
    def __init__(self, message: Any) -> None:
        super().__init__(str(message))
        self.message = message


# -- refusals, in French ---------------------------------------------------------------------------

#: why the play session refused an action (its reasons are for developers), in the trainer's words
_REFUSED = {
    "no next line": N_("il n'y a plus de réplique à lire dans ce dialogue"),
    "no previous line": N_("le dialogue est déjà à sa première réplique"),
    "lines not read": N_("les répliques du dialogue ne sont pas encore toutes lues (des « next-line » manquent)"),
    "no such choice": N_("ce dialogue n'a pas de choix de ce numéro"),
    "already chosen": N_("un choix a déjà été fait dans ce dialogue"),
    "already answered": N_("cette question a déjà reçu une réponse"),
    "no such question": N_("cette étape n'a pas de question de cet identifiant"),
    "already placed": N_("cette carte est déjà classée"),
    "no such card": N_("cette étape n'a pas de carte de cet identifiant"),
    "no such bin": N_("cette étape n'a pas de case de cet identifiant"),
    "step not finished": N_("l'étape n'est pas terminée (ajoutez « \"force\": true » pour abandonner un nettoyage)"),
    "blocking checks": N_("une vérification bloquante échoue : la publication est refusée"),
    "no such challenge": N_("cette étape n'a pas de question de réutilisation de cet identifiant"),
    "empty answer": N_("la réponse est vide"),
    "answerable": N_("les données publiées permettent de répondre à cette question"),
    "unanswerable": N_("les données publiées ne permettent pas de répondre à cette question"),
}


def _refusal(tr: Translator, session: PlaySession, action: Action, reason: str) -> str:
    if action.step != session.state.step_id:
        return tr.gettext("Cette action est pour l'étape « {step} », mais le parcours est à l'étape « {current} ».") \
            .format(step=action.step, current=session.state.step_id)
    why = _REFUSED.get(reason)
    if why is None:
        return tr.gettext("L'action « {action} » n'est pas possible à ce moment de l'étape « {step} » ({kind}).") \
            .format(action=action.name, step=session.state.step_id, kind=session.step.kind)
    return tr.gettext("L'action « {action} » n'est pas possible à ce moment de l'étape « {step} » : {why}.") \
        .format(action=action.name, step=session.state.step_id, why=tr.gettext(why))


def _detail(e: Exception, tr: Translator) -> str:
    """What went wrong, in French when the error carries a message."""
    message = getattr(e, "message", None)
    return tr.render(message) if message is not None and hasattr(message, "format_source") else f"{type(e).__name__}: {e}"


def _script_error(e: Any, shown: str, tr: Translator) -> str:
    where = f"{shown}:{e.line}:{e.col}" if e.line else shown
    return f"{where}: " + tr.render(e.message) + (" " + tr.render(e.hint) if e.hint is not None else "")


def check_script(path: Path, shown: str, tr: Translator) -> str | None:
    """Read the whole file once without playing it (streamed: nothing is kept): the first line that
    is not an action as ``file:line:col: message``, before the scenario is even loaded."""
    from game.storage.action_scripts import ScriptError, read_actions

    try:
        for _found in read_actions(path):
            pass
    except ScriptError as e:
        return _script_error(e, shown, tr)
    return None


def _play_script(sim: Simulation, path: Path, shown: str, tr: Translator) -> str | None:
    """Play the file's actions; the first problem as ``file:line:col: message`` (None: all played)."""
    from game.core.operations import OperationError
    from game.core.reuse import QueryError
    from game.play.session import ActionRefused
    from game.storage.action_scripts import ScriptError, column_of, read_actions

    try:
        for number, text, action in read_actions(path):
            try:
                sim.do(action)
            except ActionRefused as e:
                invalid = getattr(e, "error", None)  # a fill step's row the validator refuses: where and why
                if invalid is not None:
                    return f"{shown}:{number}:{column_of(text, ('values', invalid.field or ''))}: " + tr.gettext(
                        "La ligne ne respecte pas le schéma, colonne « {column} » : {detail}").format(
                        column=invalid.field or "", detail=tr.render(invalid.message))
                col = column_of(text, ("step",)) if action.step != sim.session.state.step_id else 1
                return f"{shown}:{number}:{col}: {_refusal(tr, sim.session, action, str(e))}"
            except (OperationError, QueryError) as e:
                key = "operation" if isinstance(e, OperationError) else "query"
                return f"{shown}:{number}:{column_of(text, (key,))}: {tr.render(e.message)}"
            except Exception as e:  # noqa: BLE001 - a trainer gets a French line, never a traceback
                return f"{shown}:{number}:1: " + tr.gettext(
                    "Le jeu n'a pas pu jouer cette action ({detail}).").format(detail=_detail(e, tr))
    except ScriptError as e:
        return _script_error(e, shown, tr)
    return None


# -- output ---------------------------------------------------------------------------------------

def to_json(result: dict[str, Any]) -> str:
    """The result as JSON, the line separators U+2028, U+2029 and U+0085 escaped: a reader that
    splits lines on them still gets one document."""
    text = json.dumps(result, ensure_ascii=False, indent=2)
    for char, escaped in _LINE_SEPARATORS.items():
        text = text.replace(char, escaped)  # only inside strings: json.dumps writes none elsewhere
    return text


def _text(result: dict[str, Any], tr: Translator, out: TextIO) -> None:
    d = result["debrief"]
    print(tr.gettext("Scénario : {scenario} · mode : {mode} · langue : {lang} · {n} action(s) jouée(s)").format(
        scenario=result["scenario"], mode=result["mode"], lang=result["language"], n=result["actions"]), file=out)
    if not d["reached"]:
        print(tr.gettext("Le parcours s'arrête à l'étape « {step} », avant le bilan : voici ce qu'il dirait à ce point.")
              .format(step=result["step"]), file=out)
    print("", file=out)
    print(tr.gettext("Relevés xAPI ({n}) :").format(n=len(result["statements"])), file=out)
    for s in result["statements"]:
        verb = s.get("verb", {}).get("id", "").rsplit("/", 1)[-1]
        score = s.get("result", {}).get("score", {}).get("scaled")
        print(f"  {verb:<12} {s.get('object', {}).get('id', '')}" + (f"  {score:.2f}" if score is not None else ""),
              file=out)
    print("", file=out)
    print(tr.gettext("Compétences (éléments de preuve) :"), file=out)
    for c in result["competencies"]:
        items = ", ".join(f"{e['step']}/{e['item']} {e['score']:.2f}" for e in c["evidence"])
        print(f"  {c['competency']} : {c['level']} ({len(c['evidence'])}){' — ' + items if items else ''}", file=out)
    print("", file=out)
    # the debrief screen's own words (game.scenes.debrief)
    print(tr.gettext("Bilan"), file=out)
    for line in (d["intro"], d["verdict"], d["score"], *d["passages"]):
        if line:
            print(line, file=out)
    if d["summary"]:
        print(tr.gettext("Ce que vous avez fait"), file=out)
        for line in d["summary"]:
            print("  • " + line, file=out)
    print(tr.gettext("Ce qui s'est bien passé"), file=out)
    for t in d["went_well"] or [tr.gettext("Rien encore : chaque erreur est une occasion d'apprendre.")]:
        print("• " + t, file=out)
    print(tr.gettext("À revoir"), file=out)
    if not d["to_review"]:
        print(tr.gettext("Rien à revoir : toutes vos réponses notées sont justes."), file=out)
    for r in d["to_review"]:
        print("• " + r["what"], file=out)
        for line in (r["answer"], r["explanation"], *r["sources"]):
            if line:
                print("  " + line, file=out)
    print(tr.gettext("Vos compétences"), file=out)
    for lv in d["levels"]:
        print(tr.gettext("{competency} : {level}").format(competency=lv["competency"], level=lv["level"]), file=out)
        if lv["descriptor"]:
            print("  " + lv["descriptor"], file=out)
    if d["resources"]:
        print(tr.gettext("Pour aller plus loin"), file=out)
        for r in d["resources"]:
            print("  " + r, file=out)


# -- the command ----------------------------------------------------------------------------------

def run(args: argparse.Namespace, tr: Translator, out: TextIO | None = None, err: TextIO | None = None) -> int:
    from game.cli.checks import _resolve, _text_line
    from game.storage.scenarios import load_guarded

    out, err = out or sys.stdout, err or sys.stderr
    wanted = sum((args.actions is not None, bool(args.reference), args.write_reference is not None))
    if wanted != 1:
        print(tr.gettext("Donnez un fichier d'actions, ou --reference, ou --write-reference FICHIER (un seul des trois)."),
              file=err)
        return 2
    if args.actions is not None:  # a line that is no action is refused before anything else is read
        problem = check_script(args.actions, str(args.actions), tr)
        if problem is not None:
            print(problem, file=err)
            return 2
    path = _resolve(args.scenario)
    if path is None:
        print(tr.gettext("Chemin introuvable : {path}").format(path=args.scenario), file=err)
        return 2
    item = load_guarded(path)  # as the game's library loads it (``explorateurs check`` replays the references)
    if item.scenario is None or not item.valid:
        for p in item.problems:
            print(_text_line(p, tr), file=err)
        print(tr.gettext("Le scénario ne peut pas être joué : corrigez d'abord ce que « explorateurs check » signale."),
              file=err)
        return 2
    mode = MODES[args.mode]
    with Simulation(item, tr.language, mode) as sim:
        if args.actions is not None:
            problem = _play_script(sim, args.actions, str(args.actions), tr)
            if problem is not None:
                print(problem, file=err)
                return 2
        else:
            try:
                sim.play_reference()
            except Exception as e:  # noqa: BLE001 - a trainer gets a French line, never a traceback
                print(tr.gettext("Le parcours de référence s'arrête à l'étape « {step} » ({detail}) : lancez "
                                 "« explorateurs check » sur ce scénario.").format(
                    step=sim.session.state.step_id, detail=_detail(e, tr)), file=err)
                return 2
        if args.write_reference is not None:
            return _write_reference(sim.played, args.write_reference, tr, out, err)
        try:
            result = sim.result()
        except SimulationError as e:
            print(tr.render(e.message), file=err)
            return 2
    if args.format == "json":
        print(to_json(result), file=out)
    else:
        _text(result, tr, out)
    return 0


def _write_reference(actions: list[Action], target: Path, tr: Translator, out: TextIO, err: TextIO) -> int:
    from game.storage.files import replace_file
    from game.storage.oserrors import french_reason

    lines = "".join(to_json_line(a.to_json()) + "\n" for a in actions)
    try:
        replace_file(target, lines.encode("utf-8"))
    except OSError as e:
        print(tr.gettext("Impossible d'écrire le fichier « {path} » ({reason}).").format(
            path=target, reason=tr.render(french_reason(e))), file=err)
        return 2
    print(tr.ngettext("{n} action du parcours de référence écrite dans {path}",
                      "{n} actions du parcours de référence écrites dans {path}", len(actions))
          .format(n=len(actions), path=target), file=out)
    return 0


def to_json_line(data: Any) -> str:
    """One compact JSON line, the line separators escaped."""
    text = json.dumps(data, ensure_ascii=False, separators=(", ", ": "))
    for char, escaped in _LINE_SEPARATORS.items():
        text = text.replace(char, escaped)
    return text
