"""The debrief: score, what went well, what to review (with explanation and source),
each competency's level and the recommended resources."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from game.core.assessment import Assessment, ReviewItem, pass_mark, passed
from game.core.debrief import Facts, fact_values, fill, shown, summary
from game.core.framework import Framework
from game.core.publish_statements import CRITERIA_NAMES
from game.core.scenario import TRUE_FALSE, DebriefStep, QuizStep
from game.core.tableschema.kinds import KEPT_PREFIX, criterion_name
from game.engine.scene import Transition
from game.i18n import _, active, render
from game.i18n.levels import Why, why
from game.play.debrief import facts_of
from game.play.services import ServiceError
from game.ui.widgets import Label, Widget

from .common import StepScene, percent, tr_s


@dataclass(frozen=True, slots=True)
class DebriefView:
    intro: str  # the scenario's closing words, written for a learner who passed ("" below the pass mark)
    verdict: str  # words of the score band: « Bravo » from the pass mark on, « Pas encore » below ("" without a score)
    passed: bool | None  # None without any graded answer
    score: str
    went_well: tuple[str, ...]
    to_review: tuple[tuple[str, str, str, tuple[str, ...]], ...]  # (what, answer/expected, explanation, sources)
    levels: tuple[tuple[str, str, str], ...]  # (competency title, level title, descriptor)
    resources: tuple[str, ...]
    #: what happened, computed from the attempt: (text, tone) — published columns, licence, personal data, errors left
    summary: tuple[tuple[str, str], ...] = ()
    passages: tuple[str, ...] = ()  # the scenario's passages whose condition holds, their facts filled in
    passage_sources: tuple[tuple[str, ...], ...] = ()  # « Source : … » lines of each passage shown
    why: tuple[Why, ...] = ()  # « Pourquoi ce niveau ? », one per level: the rule's reasons and the items behind it
    mode_note: str = ""  # how the mode counted the answers (« Mode évaluation : … »), "" when the statements do not say
    # under each of ``went_well``: for a clean or publish criterion, what it measures, why, and its sources ("" else)
    well_notes: tuple[str, ...] = ()




def _options(text: str) -> str:
    """Answer texts as recorded (« A | B »), in the active language."""
    return " · ".join(_(TRUE_FALSE[t]) if t in TRUE_FALSE else tr_s(t) for t in text.split(" | "))




def _missing(item: ReviewItem, scenario: Any) -> str:
    """What a publication's documentation lacked, as recorded (« le titre ne nomme pas « quoi » ; … »)."""
    from game.core.publishing.quality import criterion_label
    from game.core.scenario import PublishStep

    step = scenario.step(item.step_id) if scenario is not None and scenario.has_step(item.step_id) else None
    elements = step.title_elements if isinstance(step, PublishStep) else ()
    out = []
    for m in (x for x in item.expected.split("|") if x):
        index = m.removeprefix("title:")
        if m.startswith("title:") and index.isdigit() and int(index) < len(elements):
            out.append(_("le titre ne nomme pas « {element} »").format(element=tr_s(elements[int(index)].label)))
        elif not m.startswith("title:"):
            out.append(_(criterion_label(m)))
    return " ; ".join(out)


def _publish_review(item: ReviewItem, scenario: Any = None) -> tuple[str, str, str, tuple[str, ...]]:
    name = _(CRITERIA_NAMES.get(item.prompt, item.prompt))
    parts = item.response.split("/")
    if item.prompt == "licence":
        from game.core.publishing import LICENCES

        def licence_name(lic: str) -> str:
            return LICENCES[lic].name if lic in LICENCES else lic

        detail = _("licence choisie : {licence} ; licences acceptées : {accepted}").format(
            licence=licence_name(item.response),
            accepted=", ".join(licence_name(x) for x in item.expected.split(", ") if x))
    elif item.prompt == "documentation" and len(parts) == 2:
        detail = _("{ok} critère(s) rempli(s) sur {total}").format(ok=parts[0], total=parts[1])
        missing = _missing(item, scenario)
        if missing:
            detail = _("{detail} — non rempli : {missing}").format(detail=detail, missing=missing)
    elif item.prompt == "publication" and len(parts) == 2:
        detail = _("{ok} point(s) sur {total}").format(ok=parts[0], total=parts[1])
    elif item.prompt == "personal-data" and len(parts) == 2:
        detail = _("{left} colonne(s) de données personnelles publiée(s) sur {total}").format(left=parts[0], total=parts[1])
    else:
        detail = item.response
    return (_("Publication — {criterion}").format(criterion=name), _("Résultat : {detail}").format(detail=detail),
            _criterion_words(item), _game_sources(item))


def _criterion_words(item: ReviewItem) -> str:
    """What a clean or publish criterion measures and why (the game's words), after the
    scenario's own word on the learner's choice (the mentor on a licence) when there is one."""
    parts = [tr_s(item.explanation)] if item.explanation else []
    if item.about:
        parts.append(_(item.about))
    return "\n".join(parts)


def _game_sources(item: ReviewItem) -> tuple[str, ...]:
    """The references behind a criterion's rule, the step's schema among them."""
    out = []
    for s in item.sources:
        if s.id == "schema":
            out.append(_("Source : le schéma « {schema} », que vérifie l'étape").format(schema=s.title))
        else:
            out.append(_("Source : {title} — {url}").format(title=_(s.title), url=s.url))
    return tuple(out)


def _statement(item: ReviewItem) -> str:
    """A vrai/faux statement with its truth value (« Faux : … »): never a false statement shown as
    if it were true. Other questions: their prompt."""
    what = tr_s(item.prompt)
    if item.kind != "question" or item.expected not in TRUE_FALSE:
        return what
    bare = _TRUE_FALSE_PREFIX.sub("", what, count=1)
    bare = bare[:1].upper() + bare[1:] if bare else what
    truth = _(TRUE_FALSE[item.expected])
    return _("{truth} : {statement}").format(truth=truth, statement=bare)


#: « Vrai ou faux : » at the head of a statement's prompt (in French, and as the translations say it)
_TRUE_FALSE_PREFIX = re.compile(r"^\s*(?:vrai ou faux|true or false)\s*[:?]\s*", re.IGNORECASE)


def _multiple(item: ReviewItem, scenario: Any) -> bool:
    """Whether ``item`` answers a multiple-answer question (without the scenario: several options
    given or expected)."""
    step = scenario.step(item.step_id) if scenario is not None and scenario.has_step(item.step_id) else None
    if isinstance(step, QuizStep) and any(q.id == item.item_id for q in step.questions):
        return step.question(item.item_id).type == "multiple"
    return " | " in item.response or " | " in item.expected


def _answer_lines(item: ReviewItem, scenario: Any = None) -> str:
    """The learner's answer against the expected one; for a multiple-answer question, each option
    ticked (right or wrongly) and each right option missed, by name."""
    given = [t for t in item.response.split(" | ") if t]
    expected = [t for t in item.expected.split(" | ") if t]
    wrong = [t for t in given if t not in expected]
    missed = [t for t in expected if t not in given]
    if not _multiple(item, scenario):
        return _("Votre réponse : {answer} — attendu : {expected}").format(answer=_options(item.response),
                                                                          expected=_options(item.expected))
    lines = ["• " + _("Cochée, et juste : {option}").format(option=_options(t)) for t in given if t in expected]
    lines += ["• " + _("Cochée à tort : {option}").format(option=_options(t)) for t in wrong]
    lines += ["• " + _("Oubliée (elle était juste) : {option}").format(option=_options(t)) for t in missed]
    return "\n".join(lines)


def _pairs(text: str) -> dict[str, str]:
    """« COLONNE = valeur | … » (a fill step's row, as recorded) as a dict."""
    out: dict[str, str] = {}
    for part in text.split(" | "):
        name, sep, value = part.partition(" = ")
        if sep:
            out[name] = value
    return out


def _row_review(item: ReviewItem, scenario: Any) -> tuple[str, str, str, tuple[str, ...]]:
    """A row of a fill step: only the graded columns the learner got wrong, with what was expected."""
    from game.core.fill import field_right
    from game.core.scenario import FillStep

    given, expected = _pairs(item.response), _pairs(item.expected)
    step = scenario.step(item.step_id) if scenario is not None and scenario.has_step(item.step_id) else None
    row = step.row(item.item_id) if isinstance(step, FillStep) and any(r.id == item.item_id for r in step.rows) else None

    def right(name: str, value: str) -> bool:
        typed = given.get(name, "")
        return field_right(row, name, typed) if row is not None else typed.strip().casefold() == value.strip().casefold()

    lines = ["• " + _("{column} : vous avez écrit « {typed} » ; attendu : « {expected} ».").format(
        column=name, typed=given.get(name, ""), expected=value) for name, value in expected.items()
        if not right(name, value)]
    sources = tuple(_("Source : {title} — {url}").format(title=tr_s(s.title), url=s.url) for s in item.sources)
    return tr_s(item.prompt), "\n".join(lines), tr_s(item.explanation), sources


def _challenge_review(item: ReviewItem, scenario: Any) -> tuple[str, str, str, tuple[str, ...]]:
    """A reuser's question: the answer given, or why the published data could not answer and where
    that went wrong (``expected`` holds the blamed step)."""
    what = tr_s(item.prompt)
    if item.expected and scenario is not None and scenario.has_step(item.expected):
        answer = _("Réponse : {answer} — le problème est né à l'étape « {step} ».").format(
            answer=item.response, step=tr_s(scenario.step(item.expected).title))
    else:
        answer = _("Réponse : {answer}").format(answer=item.response)
    sources = tuple(_("Source : {title} — {url}").format(title=tr_s(s.title), url=s.url) for s in item.sources)
    return what, answer, tr_s(item.explanation), sources


def justes_text(response: str) -> str:
    """« données justes » as recorded (``right/expected/wrong/lost [[row, column, before, after,
    expected], …]``) told to the learner, naming the wrong cells."""
    numbers, _sep, cells = response.partition(" ")
    parts = numbers.split("/")
    if len(parts) != 4:
        return response
    text = _("{right} valeur(s) juste(s) sur {total} attendue(s), {wrong} modifiée(s) d'une façon que la consigne "
             "n'attend pas, {lost} ligne(s) supprimée(s) que la consigne garde").format(
        right=parts[0], total=parts[1], wrong=parts[2], lost=parts[3])
    try:
        examples = json.loads(cells) if cells else []
    except ValueError:
        examples = []
    named = [_("ligne {row}, {column} : « {before} » devenu « {after} », attendu « {expected} »").format(
        row=e[0], column=e[1], before=e[2] or "", after=e[3] or "", expected=e[4] or "")
        for e in examples if isinstance(e, list) and len(e) == 5]
    return text + (" — " + " ; ".join(named) if named else "")


def _review(item: ReviewItem, scenario: Any = None) -> tuple[str, str, str, tuple[str, ...]]:
    if item.kind == "publish":
        return _publish_review(item, scenario)
    if item.kind == "challenge":
        return _challenge_review(item, scenario)
    if item.kind == "row":
        return _row_review(item, scenario)
    what = tr_s(item.prompt)
    if item.kind == "criterion":  # a clean step: errors of one kind fixed, or data preserved
        name = criterion_name(item.prompt, _)
        parts = item.response.split("/")
        if item.prompt == "donnees-preservees" and len(parts) in (3, 4):
            detail = _("{rows} ligne(s) perdue(s), {values} valeur(s) à garder manquante(s), {new} erreur(s) introduite(s)").format(
                rows=parts[0], values=parts[1], new=parts[2])
            if len(parts) == 4 and parts[3] != "0":
                detail += ", " + _("{n} valeur(s) faussée(s)").format(n=parts[3])
        elif item.prompt == "donnees-justes":
            detail = justes_text(item.response)
        elif item.prompt.startswith(KEPT_PREFIX):
            detail = _("{kept} laissée(s) telle(s) quelle(s) sur {total}").format(kept=parts[0], total=parts[-1])
        elif item.prompt == "operations-utilisees":
            detail = _("{used} opération(s), la recette de référence en compte {reference}").format(used=parts[0], reference=parts[-1])
        else:
            detail = _("{fixed} corrigée(s) sur {total} corrigeable(s)").format(fixed=parts[0], total=parts[-1])
        return (_("Nettoyage — {kind}").format(kind=name), _("Résultat : {detail}").format(detail=detail),
                _criterion_words(item), _game_sources(item))
    if item.kind == "choice":
        answer = _("Votre choix : {answer}").format(answer=tr_s(item.response))
    else:
        what, answer = _statement(item), _answer_lines(item, scenario)
    sources = tuple(_("Source : {title} — {url}").format(title=tr_s(s.title), url=s.url) for s in item.sources)
    explanation = "\n".join(tr_s(t) for t in item.explanations) if item.explanations else tr_s(item.explanation)
    return what, answer, explanation, sources


def _licence_name(lic: str) -> str:
    from game.core.publishing import LICENCES

    return LICENCES[lic].name if lic in LICENCES else lic


def _facts_text(step: DebriefStep | None, scenario: Any,
                facts: Facts | None) -> tuple[tuple[tuple[str, str], ...], tuple[tuple[str, tuple[str, ...]], ...]]:
    """The computed summary and the passages that hold (with their sources), in the active language."""
    if facts is None or scenario is None:
        return (), ()
    lines = tuple((render(m), tone) for m, tone in summary(scenario, facts, tr_s, _licence_name))
    values = fact_values(facts, _licence_name, percent)
    out = []
    for p in shown(step, facts, scenario) if step is not None else []:
        text = fill(tr_s(p.text), values)
        if text:
            cited = (scenario.source(s) for s in p.sources)
            out.append((text, tuple(_("Source : {title} — {url}").format(title=tr_s(s.title), url=s.url)
                                    for s in cited if s is not None)))
    return lines, tuple(out)


def mode_note(mode: str | None) -> str:
    """What the score counts, in the mode the attempt was played in."""
    from game.core.modes import ASSESSMENT, PRACTICE

    if mode == ASSESSMENT:
        return _("Mode évaluation : seule la première réponse compte, pour le score comme pour les niveaux.")
    if mode == PRACTICE:
        return _("Mode entraînement : le score et les niveaux comptent votre première réponse ; un essai suivant "
                 "est indiqué (« juste au 2e essai ») mais ne rapporte pas de point.")
    return ""


def _with_try(item: ReviewItem, shown: tuple[str, str, str, tuple[str, ...]]) -> tuple[str, str, str, tuple[str, ...]]:
    """The answer line of an item put right at a later try says so."""
    if not item.right_at_try:
        return shown
    what, answer, explanation, sources = shown
    if item.kind == "publish":  # a publication made again: the first file was online in between
        later = _("corrigé ensuite, à la {n}e publication (la première compte)").format(n=item.right_at_try)
        return what, answer + " — " + later, explanation, sources
    return what, answer + " — " + _("juste au {n}e essai").format(n=item.right_at_try), explanation, sources


def present(a: Assessment, fw: Framework, intro: str, scenario: Any = None, *, step: DebriefStep | None = None,
            facts: Facts | None = None) -> DebriefView:
    """``facts`` (game.play.debrief.facts_of) adds what happened and the passages of ``step`` that hold."""
    lang = active().language
    if a.score is None:
        score = _("Aucune réponse notée dans ce scénario.")
    else:
        score = _("Score : {score} ({n} réponses notées)").format(score=percent(a.score), n=a.items)
    ok = passed(a, fw)
    if ok is None:
        verdict = ""
    elif a.blocking:  # a criterion the other points cannot make up for
        verdict = _("Pas encore : un critère bloquant n'est pas rempli, « {criteria} », et les autres points ne "
                    "le compensent pas ({score} des points, le seuil de réussite est de {mark}). "
                    "Relisez ce qui est à revoir, puis rejouez le scénario.").format(
            criteria=" ; ".join(dict.fromkeys(_(CRITERIA_NAMES.get(i.prompt, i.prompt)) for i in a.blocking)),
            score=percent(a.score or 0.0), mark=percent(pass_mark(fw)))
    elif ok:
        verdict = _("Bravo : {score} des points, le seuil de réussite est de {mark}.").format(
            score=percent(a.score or 0.0), mark=percent(pass_mark(fw)))
    else:
        verdict = _("Pas encore : {score} des points, le seuil de réussite est de {mark}. "
                    "Relisez ce qui est à revoir, puis rejouez le scénario.").format(
            score=percent(a.score or 0.0), mark=percent(pass_mark(fw)))
    levels = []
    whys = tuple(why(lv.reasons, lv.evidence, fw, active(), scenario.id if scenario is not None else "")
                 for lv in a.competencies)
    for lv in a.competencies:
        comp = fw.competency(lv.competency)
        desc = comp.descriptor(lv.level) if comp else None
        levels.append((f"{lv.competency} — {comp.title.get(lang) if comp else ''}", fw.level_title(lv.level).get(lang),
                       desc.get(lang) if desc else ""))
    resources = tuple(_("{competency} — {title} : {url}").format(competency=cid, title=r.title.get(lang), url=r.url)
                      for cid, r in a.resources)
    well = tuple(_("Nettoyage — {kind}").format(kind=criterion_name(i.prompt, _)) if i.kind == "criterion"
                 else _("Publication — {criterion}").format(criterion=_(CRITERIA_NAMES.get(i.prompt, i.prompt)))
                 if i.kind == "publish" else _statement(i) for i in a.went_well)
    # the scenario's closing words congratulate a learner who did the work: not shown below the pass mark
    notes = tuple("\n".join(filter(None, (_criterion_words(i), *_game_sources(i))))
                  if i.kind in ("criterion", "publish") else "" for i in a.went_well)
    lines, passages = _facts_text(step, scenario, facts)
    return DebriefView(tr_s(intro) if ok is not False else "", verdict, ok, score, well,
                       tuple(_with_try(i, _review(i, scenario)) for i in a.to_review), tuple(levels), resources,
                       lines, tuple(t for t, _s in passages), tuple(s for _t, s in passages), why=whys,
                       mode_note=mode_note(a.mode), well_notes=notes)


class DebriefScene(StepScene):
    def widgets(self) -> list[Widget]:
        step = self.session.step
        assert isinstance(step, DebriefStep)
        a, fw = self.services.assessment(), self.services.framework()
        facts = facts_of(self.session.scenario, self.session.state, a, pass_mark(fw))
        v = present(a, fw, step.intro, self.session.scenario, step=step, facts=facts)
        out: list[Widget] = self.header()
        if v.intro:
            out.append(Label(v.intro))
        if v.verdict:
            out.append(Label(v.verdict, bold=True, tone="success" if v.passed else "warning"))
        out.append(Label(v.score, role="heading", bold=True))
        for text, sources in zip(v.passages, v.passage_sources, strict=True):
            out.append(Label(text))
            out += [Label(s, role="small", tone="muted") for s in sources]
        if v.summary:
            out.append(Label(_("Ce que vous avez fait"), role="heading", bold=True))
            out += [Label("• " + t, tone=tone) for t, tone in v.summary]
        if v.mode_note:
            out.append(Label(v.mode_note, role="small", tone="muted"))
        out.append(self.button(_("Retour à la bibliothèque"), "continue"))
        out.append(self.button(_("Enregistrer mon rapport (à garder ou à donner pour mon plan de formation)"), "report",
                               primary=False))
        saved = getattr(self, "report_note", None)
        if saved is not None:
            out.append(self.notice(Label(saved[0], tone="error" if saved[1] else "text", role="small")))
        out.append(Label(_("Page suivante ou molette : lire tout le bilan."), role="small", tone="muted"))
        out.append(Label(_("Ce qui s'est bien passé"), role="heading", bold=True))
        for i, t in enumerate(v.went_well):
            out.append(Label("• " + t))
            note = v.well_notes[i] if i < len(v.well_notes) else ""
            if note:
                out.append(Label(note, role="small", tone="muted"))
        if not v.went_well:
            out.append(Label(_("Rien encore : chaque erreur est une occasion d'apprendre.")))
        out.append(Label(_("À revoir"), role="heading", bold=True))
        if not v.to_review:
            out.append(Label(_("Rien à revoir : toutes vos réponses notées sont justes.")))
        for what, answer, explanation, sources in v.to_review:
            out.append(Label("• " + what, bold=True))
            right = "• " + _("Cochée, et juste : {option}").split("{", 1)[0]  # a right tick is not an error
            out += [Label(line, tone="text" if line.startswith(right) else "error") for line in answer.split("\n")]
            # one paragraph each: the explanations of several mistakes, the mentor's word then the rule's
            out += [Label(part) for part in explanation.split("\n") if part]
            out += [Label(s, role="small", tone="muted") for s in sources]
        out.append(Label(_("Vos compétences"), role="heading", bold=True))
        opened: set[int] = getattr(self, "opened", set())
        for i, (title, level, desc) in enumerate(v.levels):
            out.append(Label(_("{competency} : {level}").format(competency=title, level=level), bold=True))
            if desc:
                out.append(Label(desc, role="small", tone="muted"))
            if i >= len(v.why):
                continue
            shown = i in opened
            out.append(self.button(_("Masquer le détail") if shown else _("Pourquoi ce niveau ?"), f"why:{i}",
                                   primary=False))
            if shown:
                out += [Label(r) for r in v.why[i].reasons]
                if v.why[i].items:
                    out.append(Label(_("Les éléments notés derrière ce niveau :"), bold=True))
                out += [Label("• " + line, role="small", tone="text" if ok else "error") for line, ok in v.why[i].items]
        if v.resources:
            out.append(Label(_("Pour aller plus loin"), role="heading", bold=True))
            out += [Label(r, role="small") for r in v.resources]
        return out

    def on_action(self, action: str) -> Transition | None:
        if action.startswith("why:"):  # « Pourquoi ce niveau ? »: open or close the detail, focus stays on the button
            index = int(action.partition(":")[2])
            self.opened = getattr(self, "opened", set()) ^ {index}
            self.rebuild(focus_action=action)
            return None
        if action == "continue":
            return self.proceed()
        if action == "report":
            try:
                html = self.services.save_learner_report()
            except ServiceError as e:
                self.report_note = (render(e.message), True)
            else:
                self.report_note = (_("Rapport enregistré : {path} (et le tableau pour Excel, .csv, à côté)")
                                    .format(path=html), False)
            self.rebuild(focus_action="report")
        return None
