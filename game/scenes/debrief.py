"""The debrief: score, what went well, what to review (with explanation and source),
each competency's level and the recommended resources."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from game.core.assessment import Assessment, ReviewItem, pass_mark, passed
from game.core.framework import Framework
from game.core.publish_statements import CRITERIA_NAMES
from game.core.scenario import TRUE_FALSE, DebriefStep
from game.core.tableschema.kinds import KINDS
from game.engine.scene import Transition
from game.i18n import _, active, render
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
            tr_s(item.explanation), ())


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


def _review(item: ReviewItem, scenario: Any = None) -> tuple[str, str, str, tuple[str, ...]]:
    if item.kind == "publish":
        return _publish_review(item, scenario)
    if item.kind == "challenge":
        return _challenge_review(item, scenario)
    what = tr_s(item.prompt)
    if item.kind == "criterion":  # a clean step: errors of one kind fixed, or data preserved
        name = _(KINDS.get(item.prompt, item.prompt))
        parts = item.response.split("/")
        if item.prompt == "donnees-preservees" and len(parts) == 3:
            detail = _("{rows} ligne(s) perdue(s), {values} valeur(s) à garder manquante(s), {new} erreur(s) introduite(s)").format(
                rows=parts[0], values=parts[1], new=parts[2])
        elif item.prompt == "operations-utilisees":
            detail = _("{used} opération(s), la recette de référence en compte {reference}").format(used=parts[0], reference=parts[-1])
        else:
            detail = _("{fixed} corrigée(s) sur {total} corrigeable(s)").format(fixed=parts[0], total=parts[-1])
        return _("Nettoyage — {kind}").format(kind=name), _("Résultat : {detail}").format(detail=detail), "", ()
    if item.kind == "choice":
        answer = _("Votre choix : {answer}").format(answer=tr_s(item.response))
    else:
        answer = _("Votre réponse : {answer} — attendu : {expected}").format(answer=_options(item.response), expected=_options(item.expected))
    sources = tuple(_("Source : {title} — {url}").format(title=tr_s(s.title), url=s.url) for s in item.sources)
    return what, answer, tr_s(item.explanation), sources


def present(a: Assessment, fw: Framework, intro: str, scenario: Any = None) -> DebriefView:
    lang = active().language
    if a.score is None:
        score = _("Aucune réponse notée dans ce scénario.")
    else:
        score = _("Score : {score} ({n} réponses notées)").format(score=percent(a.score), n=a.items)
    ok = passed(a, fw)
    if ok is None:
        verdict = ""
    elif ok:
        verdict = _("Bravo : {score} des points, le seuil de réussite est de {mark}.").format(
            score=percent(a.score or 0.0), mark=percent(pass_mark(fw)))
    else:
        verdict = _("Pas encore : {score} des points, le seuil de réussite est de {mark}. "
                    "Relisez ce qui est à revoir, puis rejouez le scénario.").format(
            score=percent(a.score or 0.0), mark=percent(pass_mark(fw)))
    levels = []
    for lv in a.competencies:
        comp = fw.competency(lv.competency)
        desc = comp.descriptor(lv.level) if comp else None
        levels.append((f"{lv.competency} — {comp.title.get(lang) if comp else ''}", fw.level_title(lv.level).get(lang),
                       desc.get(lang) if desc else ""))
    resources = tuple(_("{competency} — {title} : {url}").format(competency=cid, title=r.title.get(lang), url=r.url)
                      for cid, r in a.resources)
    well = tuple(_("Nettoyage — {kind}").format(kind=_(KINDS.get(i.prompt, i.prompt))) if i.kind == "criterion"
                 else _("Publication — {criterion}").format(criterion=_(CRITERIA_NAMES.get(i.prompt, i.prompt)))
                 if i.kind == "publish" else tr_s(i.prompt) for i in a.went_well)
    # the scenario's closing words congratulate a learner who did the work: not shown below the pass mark
    return DebriefView(tr_s(intro) if ok is not False else "", verdict, ok, score, well,
                       tuple(_review(i, scenario) for i in a.to_review), tuple(levels), resources)


class DebriefScene(StepScene):
    def widgets(self) -> list[Widget]:
        step = self.session.step
        assert isinstance(step, DebriefStep)
        v = present(self.services.assessment(), self.services.framework(), step.intro, self.session.scenario)
        out: list[Widget] = self.header()
        if v.intro:
            out.append(Label(v.intro))
        if v.verdict:
            out.append(Label(v.verdict, bold=True, tone="success" if v.passed else "warning"))
        out.append(Label(v.score, role="heading", bold=True))
        out.append(self.button(_("Retour à la bibliothèque"), "continue"))
        out.append(self.button(_("Enregistrer mon rapport (à garder ou à donner pour mon plan de formation)"), "report",
                               primary=False))
        saved = getattr(self, "report_note", None)
        if saved is not None:
            out.append(self.notice(Label(saved[0], tone="error" if saved[1] else "text", role="small")))
        out.append(Label(_("Page suivante ou molette : lire tout le bilan."), role="small", tone="muted"))
        out.append(Label(_("Ce qui s'est bien passé"), role="heading", bold=True))
        out += [Label("• " + t) for t in v.went_well] or [Label(_("Rien encore : chaque erreur est une occasion d'apprendre."))]
        out.append(Label(_("À revoir"), role="heading", bold=True))
        if not v.to_review:
            out.append(Label(_("Rien à revoir : toutes vos réponses notées sont justes.")))
        for what, answer, explanation, sources in v.to_review:
            out.append(Label("• " + what, bold=True))
            out.append(Label(answer, tone="error"))
            if explanation:
                out.append(Label(explanation))
            out += [Label(s, role="small", tone="muted") for s in sources]
        out.append(Label(_("Vos compétences"), role="heading", bold=True))
        for title, level, desc in v.levels:
            out.append(Label(_("{competency} : {level}").format(competency=title, level=level), bold=True))
            if desc:
                out.append(Label(desc, role="small", tone="muted"))
        if v.resources:
            out.append(Label(_("Pour aller plus loin"), role="heading", bold=True))
            out += [Label(r, role="small") for r in v.resources]
        return out

    def on_action(self, action: str) -> Transition | None:
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
