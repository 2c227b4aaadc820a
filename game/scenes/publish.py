"""The publishing desk: a data.gouv.fr-like form with a live quality score, the licence choice
and its consequences, the checks before publishing, and the columns and resources published.

The widgets are built once and kept while the learner types; every change recomputes the
preview (quality criteria, checks, title elements) and updates the labels in place. The draft is
saved whenever the focus leaves a field, so a crash loses at most the field being typed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from game.core.operations.dates import parse_date
from game.core.publishing import FREQUENCIES, GRANULARITIES, LICENCES, Metadata, Resource
from game.core.scenario import PublishStep
from game.engine import intents as I
from game.engine.scene import Push, Replace, Transition
from game.i18n import _, ngettext, render
from game.play.publish import MAIN_RESOURCE
from game.ui.widgets import ChoiceGroup, Label, Select, TextArea, TextInput, Widget

from .common import StepScene, percent, tr_s

PLACEHOLDER = "—"


def label_of(entry: Any) -> str:
    """The translated label of a registry entry (licence, frequency, granularity)."""
    for attr in ("label", "name"):
        value = getattr(entry, attr, None)
        if value is not None:
            return value if isinstance(value, str) else render(value)
    return str(entry)


def parse_day(text: str, end: bool = False) -> str | None:
    """A date as French agents type it (``31/12/2017``, ``2017-12-31``, ``1er janvier 2016`` — read by
    the cleaning workshop's own date reader), or a year alone: its first day, or its last when
    ``end``; as ISO 8601. "" stays ""; None when the text is not a real date."""
    text = " ".join(text.split())
    if not text:
        return ""
    if re.fullmatch(r"\d{4}", text):
        return f"{text}-12-31" if end else f"{text}-01-01"
    return parse_date(text)


@dataclass
class Fields:
    """The form's input widgets, kept across updates."""

    title: TextInput
    short: TextInput
    description: TextArea
    licence: Select
    frequency: Select
    start: TextInput
    end: TextInput
    zone: TextInput
    granularity: Select
    keywords: TextInput
    contact_name: TextInput
    contact_email: TextInput
    columns: ChoiceGroup
    resources: ChoiceGroup
    resource_texts: dict[str, TextInput]


class PublishScene(StepScene):
    def __init__(self, services, **params) -> None:
        self.fields: Fields | None = None
        self.live: dict[str, Label] = {}
        self.live_for: dict[Any, Label] = {}
        self.dirty, self.idle = False, 0.0
        self.error = ""
        self._focused: Any = None
        super().__init__(services, **params)

    # ------------------------------------------------------------------ building
    @property
    def desk(self) -> Any:
        return self.session.publish_work()

    @property
    def step(self) -> PublishStep:
        return self.session.step

    def published(self) -> dict[str, Any] | None:
        return self.session.state.publishing_of(self.step.id).get("published")

    def widgets(self) -> list[Widget]:
        out: list[Widget] = self.header()
        step, desk = self.step, self.desk
        if step.intro:
            out.append(Label(tr_s(step.intro)))
        result = self.published()
        if result is not None and self.params.get("show_result", True):
            return out + self.result_widgets(result)
        meta = desk.draft
        lic_ids = list(LICENCES)
        freq_ids = list(FREQUENCIES)
        gran_ids = list(GRANULARITIES)
        choose = _("— à choisir —")
        f = Fields(
            title=TextInput(meta.title, 350, label=_("Titre (obligatoire)")),
            short=TextInput(meta.short_description, 200, label=_("Description courte (une phrase, 200 caractères au plus)")),
            description=TextArea(meta.description, 5000, label=_("Description (obligatoire ; paragraphes, titres et listes possibles)"), rows=6),
            licence=Select([label_of(LICENCES[i]) for i in lic_ids], _index(lic_ids, meta.licence),
                           label=_("Licence"), placeholder=choose, on_change="changed-licence"),
            frequency=Select([label_of(FREQUENCIES[i]) for i in freq_ids], _index(freq_ids, meta.frequency),
                             label=_("Fréquence de mise à jour"), placeholder=choose, on_change="changed-frequency"),
            start=TextInput(_day(meta.temporal_start), 40, label=_("Couverture temporelle : début (JJ/MM/AAAA)")),
            end=TextInput(_day(meta.temporal_end), 40, label=_("Couverture temporelle : fin (JJ/MM/AAAA)")),
            zone=TextInput(meta.spatial_zone, 200, label=_("Couverture géographique (ex. le nom de la commune)")),
            granularity=Select([label_of(GRANULARITIES[i]) for i in gran_ids], _index(gran_ids, meta.granularity),
                               label=_("Granularité géographique"), placeholder=choose, on_change="changed-granularity"),
            keywords=TextInput(", ".join(meta.keywords), 300, label=_("Mots-clés (séparés par des virgules)")),
            contact_name=TextInput(meta.contact_name, 200, label=_("Point de contact : nom du service")),
            contact_email=TextInput(meta.contact_email, 200, label=_("Point de contact : adresse électronique")),
            columns=ChoiceGroup(self.column_texts(), multiple=True, action="changed-columns",
                                selected=[i for i, c in enumerate(desk.source.header) if c not in desk.dropped]),
            resources=ChoiceGroup([self.resource_text(r) for r in self.extra_resources(meta)], multiple=True,
                                  action="changed-resources",
                                  selected=[i for i, r in enumerate(self.extra_resources(meta)) if r.included]),
            resource_texts={r.id: TextInput(r.description, 300, label=_("Description de la ressource : {title}").format(
                title=tr_s(r.title) if r.id != MAIN_RESOURCE else _("fichier CSV des données"))) for r in meta.resources},
        )
        self.fields = f
        self.live = {k: Label("", role="small", tone="muted") for k in
                     ("score", "title", "description", "licence", "dates", "spatial", "contact", "columns",
                      "criteria", "checks")}
        self.live_for = {f.title: self.live["title"], f.description: self.live["description"],
                         f.licence: self.live["licence"], f.start: self.live["dates"], f.end: self.live["dates"],
                         f.zone: self.live["spatial"], f.granularity: self.live["spatial"],
                         f.contact_email: self.live["contact"], f.columns: self.live["columns"]}
        out.append(Label(_("Publié par : {publisher} (organisation)").format(publisher=tr_s(step.publisher)), bold=True))
        out.append(self.live["score"])
        out += [f.title, self.live["title"], f.short, f.description, self.live["description"],
                f.licence, self.live["licence"], f.frequency, f.start, f.end, self.live["dates"],
                f.zone, f.granularity, self.live["spatial"], f.keywords, f.contact_name, f.contact_email, self.live["contact"]]
        out.append(Label(_("Colonnes publiées (Espace pour cocher ou décocher)"), bold=True))
        out += [f.columns, self.live["columns"]]
        out.append(Label(_("Ressources jointes : le fichier CSV nettoyé, et au choix (Espace pour cocher)"), bold=True))
        if f.resources.options:
            out.append(f.resources)
        out += list(f.resource_texts.values())
        out.append(Label(_("Score de qualité des métadonnées (critères de data.gouv.fr)"), role="heading", bold=True))
        out.append(self.live["criteria"])
        out.append(Label(_("Vérifications avant publication"), role="heading", bold=True))
        out.append(self.live["checks"])
        if self.error:
            out.append(Label(self.error, tone="error"))
        out.append(self.button(_("Publier sur le portail"), "publish"))
        self.refresh(layout=False)
        return out

    def column_texts(self) -> list[str]:
        personal = {p.column: p for p in self.desk.personal}
        out = []
        for name in self.desk.source.header:
            p = personal.get(name)
            out.append(name if p is None else _("{column} — attention : données personnelles ({why})").format(
                column=name, why=render(p.message)))
        return out

    @staticmethod
    def extra_resources(meta: Metadata) -> list[Resource]:
        return [r for r in meta.resources if r.id != MAIN_RESOURCE]

    @staticmethod
    def resource_text(r: Resource) -> str:
        return _("{title} ({format})").format(title=tr_s(r.title), format=r.format.upper())

    # ------------------------------------------------------------------ the draft
    def metadata(self) -> tuple[Metadata, tuple[str, ...]]:
        """The metadata as typed so far, and the columns left out."""
        f, desk = self.fields, self.desk
        assert f is not None
        lic_ids, freq_ids, gran_ids = list(LICENCES), list(FREQUENCIES), list(GRANULARITIES)
        extra = self.extra_resources(desk.draft)
        chosen = {extra[i].id for i in f.resources.selected}
        resources = tuple(replace(r, included=r.id == MAIN_RESOURCE or r.id in chosen,
                                  description=f.resource_texts[r.id].value.strip() if r.id in f.resource_texts else r.description)
                          for r in desk.draft.resources)
        start, end = parse_day(f.start.value), parse_day(f.end.value, end=True)
        meta = replace(
            desk.draft, title=f.title.value.strip(), short_description=f.short.value.strip(),
            description=f.description.value.strip(),
            licence=lic_ids[f.licence.index] if f.licence.index is not None else "",
            frequency=freq_ids[f.frequency.index] if f.frequency.index is not None else "",
            # a date the form cannot read is kept as typed: the checks then refuse it, with how to fix it
            temporal_start=f.start.value.strip() if start is None else start,
            temporal_end=f.end.value.strip() if end is None else end, spatial_zone=f.zone.value.strip(),
            granularity=gran_ids[f.granularity.index] if f.granularity.index is not None else "",
            keywords=tuple(k.strip() for k in re.split(r"[,;]", f.keywords.value) if k.strip()),
            contact_name=f.contact_name.value.strip(), contact_email=f.contact_email.value.strip(),
            resources=resources,
        )
        header = desk.source.header
        dropped = tuple(c for i, c in enumerate(header) if i not in f.columns.selected)
        return meta, dropped

    def save(self) -> None:
        if self.fields is not None:
            meta, dropped = self.metadata()
            self.session.publish_save(meta, dropped)
            self.dirty = False

    # ------------------------------------------------------------------ live view
    def refresh(self, layout: bool = True) -> None:
        if self.fields is None or not self.live:
            return
        f, live = self.fields, self.live
        meta, dropped = self.metadata()
        self.desk.set_dropped(dropped)
        p = self.desk.preview(meta, self.session.today())
        ok = sum(c.ok for c in p.quality.criteria)
        live["score"].text = _("Score de qualité : {ok} critères sur {total} ({percent})").format(
            ok=ok, total=len(p.quality.criteria), percent=percent(p.quality.score))
        missing = [tr_s(t.label) for t, named in p.title if not named]
        if not meta.title:
            live["title"].text, live["title"].tone = _("Le titre est obligatoire."), "error"
        elif missing:
            live["title"].text = _("Un bon titre est précis : le vôtre ne dit pas encore {missing}.").format(
                missing=", ".join(missing))
            live["title"].tone = "error"
        else:
            live["title"].text = _("Titre précis : il nomme {elements}.").format(
                elements=", ".join(tr_s(t.label) for t, _named in p.title)) if p.title else ""
            live["title"].tone = "success"
        n = len(meta.description)
        live["description"].text = ngettext(
            "{count} caractère ; data.gouv.fr compte la description comme assez détaillée au-delà de 100.",
            "{count} caractères ; data.gouv.fr compte la description comme assez détaillée au-delà de 100.", n).format(count=n)
        live["description"].tone = "success" if n > 100 else "muted"
        if meta.licence:
            lic = LICENCES[meta.licence]
            live["licence"].text = (_("Licence possible — {why}") if lic.allowed else _("Licence non permise — {why}")).format(
                why=render(lic.why))
            live["licence"].tone = "text" if lic.allowed else "error"
        else:
            live["licence"].text, live["licence"].tone = _("Choisissez la licence avec les flèches gauche et droite."), "muted"
        bad = [w.label for w in (f.start, f.end) if parse_day(w.value) is None]
        if bad:
            live["dates"].text, live["dates"].tone = _("Date non reconnue : écrivez-la JJ/MM/AAAA, par exemple 31/12/2017."), "error"
        elif meta.temporal_start and meta.temporal_end and meta.temporal_start > meta.temporal_end:
            live["dates"].text, live["dates"].tone = _("La fin de la période est avant son début."), "error"
        else:
            live["dates"].text, live["dates"].tone = "", "muted"
        live["spatial"].text = "" if (meta.spatial_zone and meta.granularity) else _(
            "Renseignez la zone et la granularité : les deux comptent pour le score.")
        email = meta.contact_email
        if email and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[a-z]{2,}", email, re.I):
            live["contact"].text = _("Adresse incomplète : écrivez-la en entier, par exemple etat-civil@ville.fr.")
            live["contact"].tone = "error"
        else:
            live["contact"].text = _("Une adresse de service (pas celle d'une personne) : elle reste valable quand les agents changent.")
            live["contact"].tone = "muted"
        left = [x.column for x in p.personal_left]
        if left:
            live["columns"].text = _("Ces colonnes contiennent des données personnelles : {columns}. Décochez-les avant de publier.").format(
                columns=", ".join(left))
            live["columns"].tone = "error"
        else:
            live["columns"].text = _("{count} colonnes publiées, erreurs de schéma : {errors}.").format(
                count=len(self.desk.source.header) - len(dropped), errors=p.schema_errors)
            live["columns"].tone = "error" if p.schema_errors > self.desk.clean.step.goal.max_errors else "muted"
        live["criteria"].text = "\n".join(
            _("Rempli — {criterion}").format(criterion=render(c.label)) if c.ok else
            _("Manquant — {criterion}. {why}").format(criterion=render(c.label), why=render(c.why))
            for c in p.quality.criteria)
        live["criteria"].tone = "text"
        live["checks"].text = "\n".join(
            _("Bon — {check}").format(check=render(c.message)) if c.ok else
            (_("À corriger — {check} {hint}") if c.blocking else _("Attention — {check} {hint}")).format(
                check=render(c.message), hint=render(c.hint))
            for c in p.checks)
        live["checks"].tone = "text"
        if layout and self.form is not None:
            self.form.layout(self.size, self.services.fonts)
            focused = self.form.focus.focused
            label = self.live_for.get(focused)
            if label is not None and label.text:  # what the field just changed, then the field itself
                self.form.panel.ensure_visible(label)
                self.form.panel.ensure_visible(focused)

    # ------------------------------------------------------------------ results
    def result_widgets(self, result: dict[str, Any]) -> list[Widget]:
        step = self.step
        scores = self.session.state.publishing_of(step.id).get("scores", {})
        out: list[Widget] = [Label(_("Jeu de données publié sur votre portail : « {title} ».").format(title=result.get("title", "")),
                                   bold=True, tone="success")]
        lic = result.get("licence", "")
        name = label_of(LICENCES[lic]) if lic in LICENCES else lic
        out.append(Label(_("Licence : {licence}").format(licence=name), bold=True))
        said = step.feedback_for(lic)
        if said:
            out.append(Label(tr_s(said)))
        elif lic in LICENCES:
            out.append(Label(render(LICENCES[lic].why)))
        out.append(Label(_("Score de qualité des métadonnées : {percent}").format(percent=percent(result.get("quality", 0.0)))))
        names = {"licence": _("Choix de la licence"), "documentation": _("Documentation (titre, description, métadonnées)"),
                 "publication": _("Publication (champs obligatoires, schéma, format ouvert)"),
                 "personal-data": _("Données personnelles retirées")}
        for key, value in scores.items():
            out.append(Label(_("{criterion} : {percent}").format(criterion=names.get(key, key), percent=percent(value)),
                             tone="success" if value >= 1 else "text"))
        if result.get("personal_columns"):
            out.append(Label(_("Attention : des données personnelles ont été publiées ({columns}).").format(
                columns=", ".join(result["personal_columns"])), tone="error", bold=True))
        p = self.desk.preview(self.desk.draft, self.session.today())  # what was published
        missing = [_("Manquant — {criterion}.").format(criterion=render(c.label)) for c in p.quality.criteria if not c.ok]
        missing += [_("Manquant — {element}, dans le titre.").format(element=tr_s(t.label)) for t, ok in p.title if not ok]
        warned = [_("Attention — {check}").format(check=render(c.message)) for c in p.checks if not c.ok]
        if missing or warned:
            out.append(Label(_("Ce qui manquait à cette publication"), role="heading", bold=True))
            out.append(Label("\n".join(missing + warned)))
        out.append(self.button(_("Continuer"), "next"))
        out.append(self.button(_("Voir mon portail"), "portal", primary=False))
        out.append(self.button(_("Modifier et publier à nouveau"), "edit", primary=False))
        return out

    # ------------------------------------------------------------------ intents
    def hints(self) -> str:
        if self.fields is None:
            return super().hints()
        return _("Tab : champ suivant · flèches gauche et droite, ou une lettre : choisir dans une liste · Espace : cocher · "
                 "Entrée dans la description : nouvelle ligne · Échap : retour à la bibliothèque (brouillon enregistré)")

    def is_answer(self, widget: Widget) -> bool:
        return False  # the form starts at its top: the brief, then the title

    def handle(self, intent: I.Intent) -> Transition | None:
        before = self.form.focus.focused if self.form else None
        out = super().handle(intent)
        if self.fields is not None and self.form is not None:
            if intent.kind in (I.TEXT, I.PASTE, I.BACKSPACE, I.DELETE, I.LEFT, I.RIGHT, I.UP, I.DOWN,
                               I.HOME, I.END, I.ACTIVATE, I.CLICK):
                self.refresh()
                self.dirty, self.idle = True, 0.0
            if self.form.focus.focused is not before:
                self.save()
        return out

    def update(self, dt: float) -> Transition | None:
        """A draft typed and left alone for a second and a half is saved: closing the window loses nothing."""
        if self.dirty and self.fields is not None:
            self.idle += dt
            if self.idle >= 1.5:
                self.save()
        return None

    def on_action(self, action: str) -> Transition | None:
        if action.startswith("changed"):
            self.refresh()
            self.save()
            return None
        if action == "publish":
            meta, dropped = self.metadata()
            self.save()
            p = self.desk.preview(meta, self.session.today())
            if p.blocking:
                self.error = "\n".join([_("Publication impossible pour l'instant :")] + [
                    _("• {message} {hint}").format(message=render(c.message), hint=render(c.hint)) for c in p.blocking])
                self.rebuild(focus_action="publish")
                return None
            try:
                self.session.publish(meta, dropped)
            except (OSError, ValueError) as e:  # the portal refused it (storage explains OSErrors first): the draft is kept
                self.error = _("Le portail n'a pas pu être écrit ({reason}). Votre brouillon est conservé.").format(reason=str(e))
                self.rebuild(focus_action="publish")
                return None
            except Exception as e:  # noqa: BLE001 - PortalError and the like carry a French message
                if hasattr(e, "message"):
                    self.error = render(e.message)
                    self.rebuild(focus_action="publish")
                    return None
                raise
            self.error = ""
            self.params["show_result"] = True
            self.fields = None
            self.rebuild(focus_action="portal")  # not « Continuer »: a second Enter must not skip the result
            return None
        if action == "edit":
            self.params["show_result"] = False
            self.rebuild()
            return None
        if action == "portal":
            return Push("portal")
        if action == "next":
            nxt = self.session.proceed()
            if nxt is None:
                self.services.close_scenario()
                from game.engine.scene import Pop

                return Pop()
            return Replace(self.session.step.kind)
        return None

    def on_back(self) -> Transition | None:
        self.save()
        return super().on_back()


def _index(ids: list[str], value: str) -> int | None:
    return ids.index(value) if value in ids else None


def _day(iso: str) -> str:
    """An ISO date shown the French way (JJ/MM/AAAA)."""
    try:
        return date.fromisoformat(iso).strftime("%d/%m/%Y") if iso else ""
    except ValueError:
        return iso
