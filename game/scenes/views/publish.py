"""What the publishing form shows: beside each field, what it earns or lacks as it is typed (the
quality score, the title's precision, the description's length, the licence's consequence, the
dates, the contact, the columns published), the quality criteria and the checks before
publishing; and, once published, the result with what the publication lacked."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from game.core.messages import N_
from game.core.publishing import LICENCES, QUALITY_DESCRIPTION_LENGTH, Metadata, Resource
from game.core.publishing.form import contact_incomplete, coverage_problem
from game.core.scenario import PublishStep
from game.i18n import _, ngettext, render
from game.play.publish import MAIN_RESOURCE, Preview, PublishWork

from .text import Line, percent, tr_s

#: what each part of the publication's score is called on the result
SCORE_NAMES = {"licence": N_("Choix de la licence"),
               "documentation": N_("Documentation (titre, description, métadonnées)"),
               "publication": N_("Publication (champs obligatoires, schéma, format ouvert)"),
               "personal-data": N_("Données personnelles retirées")}


@dataclass(frozen=True, slots=True)
class FormView:
    """The live lines of the publishing form, one per field that has something to say."""

    score: Line
    title: Line
    description: Line
    licence: Line
    dates: Line
    spatial: Line
    contact: Line
    columns: Line
    criteria: Line
    checks: Line


@dataclass(frozen=True, slots=True)
class PublishedView:
    """The publishing form once the dataset is published."""

    headline: str
    licence: str
    licence_feedback: str  # the scenario's word on the licence chosen, or the licence's own ("" when none)
    quality: str
    scores: tuple[Line, ...]  # each part of the publication's score
    personal: str  # the personal data published ("" when none was)
    missing: tuple[str, ...]  # what the publication lacked


def label_of(entry: Any) -> str:
    """The translated label of a registry entry (licence, frequency, granularity)."""
    for attr in ("label", "name"):
        value = getattr(entry, attr, None)
        if value is not None:
            return value if isinstance(value, str) else render(value)
    return str(entry)


def column_texts(work: PublishWork) -> list[str]:
    """The columns offered for publication, a personal one with why it is personal."""
    personal = {p.column: p for p in work.personal}
    out = []
    for name in work.source.header:
        p = personal.get(name)
        out.append(name if p is None else _("{column} — attention : données personnelles ({why})").format(
            column=name, why=render(p.message)))
    return out


def extra_resources(meta: Metadata) -> list[Resource]:
    """The resources offered beside the cleaned CSV (which is always published)."""
    return [r for r in meta.resources if r.id != MAIN_RESOURCE]


def resource_text(r: Resource) -> str:
    return _("{title} ({format})").format(title=tr_s(r.title), format=r.format.upper())


def resource_field_label(r: Resource) -> str:
    return _("Description de la ressource : {title}").format(
        title=tr_s(r.title) if r.id != MAIN_RESOURCE else _("fichier CSV des données"))


def _title(meta: Metadata, p: Preview) -> Line:
    missing = [tr_s(t.label) for t, named in p.title if not named]
    if not meta.title:
        return Line(_("Le titre est obligatoire."), "error")
    if missing:
        return Line(_("Un bon titre est précis : le vôtre ne dit pas encore {missing}.").format(
            missing=", ".join(missing)), "error")
    return Line(_("Titre précis : il nomme {elements}.").format(
        elements=", ".join(tr_s(t.label) for t, _named in p.title)) if p.title else "", "success")


def _description(meta: Metadata, p: Preview) -> Line:
    n = len(meta.description)
    text = ngettext(
        "{count} caractère ; data.gouv.fr compte la description comme assez détaillée au-delà de {limit}.",
        "{count} caractères ; data.gouv.fr compte la description comme assez détaillée au-delà de {limit}.",
        n).format(count=n, limit=QUALITY_DESCRIPTION_LENGTH)
    return Line(text, "success" if p.quality.criterion("dataset_description_quality").ok else "muted")


def _licence(meta: Metadata) -> Line:
    if not meta.licence:
        return Line(_("Choisissez la licence avec les flèches gauche et droite."), "muted")
    lic = LICENCES[meta.licence]
    text = _("Licence possible — {why}") if lic.allowed else _("Licence non permise — {why}")
    return Line(text.format(why=render(lic.why)), "text" if lic.allowed else "error")


def _dates(typed: Sequence[str], meta: Metadata) -> Line:
    problem = coverage_problem(typed, meta)
    if problem == "unreadable":
        return Line(_("Date non reconnue : écrivez-la JJ/MM/AAAA, par exemple 31/12/2017."), "error")
    if problem == "reversed":
        return Line(_("La fin de la période est avant son début."), "error")
    return Line("", "muted")


def _contact(meta: Metadata) -> Line:
    if contact_incomplete(meta):
        return Line(_("Adresse incomplète : écrivez-la en entier, par exemple etat-civil@ville.fr."), "error")
    return Line(_("Une adresse de service (pas celle d'une personne) : elle reste valable quand les agents changent."),
                "muted")


def _columns(work: PublishWork, dropped: Sequence[str], p: Preview) -> Line:
    left = [x.column for x in p.personal_left]
    if left:
        return Line(_("Ces colonnes contiennent des données personnelles : {columns}. Décochez-les avant de publier.").format(
            columns=", ".join(left)), "error")
    schema_ok = next((c.ok for c in p.checks if c.id == "schema"), True)
    return Line(_("{count} colonnes publiées, erreurs de schéma : {errors}.").format(
        count=len(work.source.header) - len(dropped), errors=p.schema_errors), "muted" if schema_ok else "error")


def present(work: PublishWork, meta: Metadata, dropped: Sequence[str], typed_dates: Sequence[str],
            today: date) -> FormView:
    """The form's live lines for ``meta`` as typed so far, with ``dropped`` columns left out;
    ``typed_dates``: the texts of the coverage's start and end fields."""
    p = work.preview(meta, today)
    q = p.quality
    score = _("Score de qualité : {ok} critères sur {total} ({percent})").format(
        ok=q.points, total=len(q.criteria), percent=percent(q.score))
    criteria = "\n".join(
        _("Rempli — {criterion}").format(criterion=render(c.label)) if c.ok else
        _("Manquant — {criterion}. {why}").format(criterion=render(c.label), why=render(c.why))
        for c in q.criteria)
    checks = "\n".join(
        _("Bon — {check}").format(check=render(c.message)) if c.ok else
        (_("À corriger — {check} {hint}") if c.blocking else _("Attention — {check} {hint}")).format(
            check=render(c.message), hint=render(c.hint))
        for c in p.checks)
    return FormView(
        score=Line(score, "muted"),
        title=_title(meta, p),
        description=_description(meta, p),
        licence=_licence(meta),
        dates=_dates(typed_dates, meta),
        spatial=Line("" if q.criterion("spatial").ok else _(
            "Renseignez la zone et la granularité : les deux comptent pour le score."), "muted"),
        contact=_contact(meta),
        columns=_columns(work, dropped, p),
        criteria=Line(criteria),
        checks=Line(checks),
    )


def blocking_text(p: Preview) -> str:
    """Why « Publier » is refused: every blocking check, with how to fix it."""
    return "\n".join([_("Publication impossible pour l'instant :")] + [
        _("• {message} {hint}").format(message=render(c.message), hint=render(c.hint)) for c in p.blocking])


def present_published(work: PublishWork, step: PublishStep, result: Mapping[str, Any],
                      scores: Mapping[str, float], today: date) -> PublishedView:
    """The result of the publication: the licence and its consequence, the scores, the personal
    data published, and what the published metadata lacked."""
    lic = result.get("licence", "")
    said = step.feedback_for(lic)
    if said:
        feedback = tr_s(said)
    else:
        feedback = render(LICENCES[lic].why) if lic in LICENCES else ""
    personal = result.get("personal_columns")
    p = work.preview(work.draft, today)  # what was published
    missing = [_("Manquant — {criterion}.").format(criterion=render(c.label)) for c in p.quality.criteria if not c.ok]
    missing += [_("Manquant — {element}, dans le titre.").format(element=tr_s(t.label)) for t, ok in p.title if not ok]
    missing += [_("Attention — {check}").format(check=render(c.message)) for c in p.checks if not c.ok]
    return PublishedView(
        headline=_("Jeu de données publié sur votre portail : « {title} ».").format(title=result.get("title", "")),
        licence=_("Licence : {licence}").format(licence=label_of(LICENCES[lic]) if lic in LICENCES else lic),
        licence_feedback=feedback,
        quality=_("Score de qualité des métadonnées : {percent}").format(percent=percent(result.get("quality", 0.0))),
        scores=tuple(Line(_("{criterion} : {percent}").format(criterion=_(SCORE_NAMES[key]) if key in SCORE_NAMES else key,
                                                               percent=percent(value)),
                          "success" if value >= 1 else "text") for key, value in scores.items()),
        personal=_("Attention : des données personnelles ont été publiées ({columns}).").format(
            columns=", ".join(personal)) if personal else "",
        missing=tuple(missing),
    )
