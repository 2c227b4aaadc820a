"""The publishing form: a data.gouv.fr-like form with a live quality score, the licence choice
and its consequences, the checks before publishing, and the columns and resources published.

The widgets are built once and kept while the learner types; every change reads the form into
metadata (:func:`game.core.publishing.form.metadata_from_form`) and shows the lines of
:func:`game.scenes.views.publish.present` in place. The draft is saved whenever the focus leaves a
field, so a crash loses at most the field being typed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from game.core.publishing import FREQUENCIES, GRANULARITIES, LICENCES, Metadata
from game.core.publishing.form import FIELD_LIMITS, FormEntry, day_text, metadata_from_form
from game.core.scenario import PublishStep
from game.engine import intents as I
from game.engine.scene import Pop, Push, Replace, Transition
from game.i18n import _, render
from game.play.publish import MAIN_RESOURCE, PublishWork
from game.ui.widgets import ChoiceGroup, Label, Select, TextArea, TextInput, Widget

from .common import StepScene
from .views.publish import (
    blocking_text,
    column_texts,
    extra_resources,
    label_of,
    present,
    present_published,
    resource_field_label,
    resource_text,
)
from .views.text import tr_s

#: a draft typed and left alone this long (seconds) is saved
SAVE_AFTER = 1.5


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
        super().__init__(services, **params)

    # ------------------------------------------------------------------ building
    @property
    def work(self) -> PublishWork:
        return self.session.publish_work()

    @property
    def step(self) -> PublishStep:
        return self.session.step

    def published(self) -> dict[str, Any] | None:
        return self.session.state.publishing_of(self.step.id).get("published")

    def widgets(self) -> list[Widget]:
        out: list[Widget] = self.header()
        step, work = self.step, self.work
        if step.intro:
            out.append(Label(tr_s(step.intro)))
        result = self.published()
        again = "republish" in self.session.state.publishing_of(step.id)  # a consequence sent the learner back
        if result is not None and self.params.get("show_result", not again):
            return out + self.result_widgets(result)
        if again:
            out.append(Label(_("Publiez à nouveau : le formulaire reprend votre publication précédente, que la "
                               "nouvelle remplacera sur le portail. Cochez ou décochez les colonnes publiées."),
                             bold=True, tone="warning"))
        meta = work.draft
        choose = _("— à choisir —")
        n = FIELD_LIMITS
        extra = extra_resources(meta)
        f = Fields(
            title=TextInput(meta.title, n["title"], label=_("Titre (obligatoire)")),
            short=TextInput(meta.short_description, n["short_description"],
                            label=_("Description courte (une phrase, 200 caractères au plus)")),
            description=TextArea(meta.description, n["description"],
                                 label=_("Description (obligatoire ; paragraphes, titres et listes possibles)"), rows=6),
            licence=_select(LICENCES, meta.licence, _("Licence"), choose, "changed-licence"),
            frequency=_select(FREQUENCIES, meta.frequency, _("Fréquence de mise à jour"), choose, "changed-frequency"),
            start=TextInput(day_text(meta.temporal_start), n["temporal"], label=_("Couverture temporelle : début (JJ/MM/AAAA)")),
            end=TextInput(day_text(meta.temporal_end), n["temporal"], label=_("Couverture temporelle : fin (JJ/MM/AAAA)")),
            zone=TextInput(meta.spatial_zone, n["spatial_zone"], label=_("Couverture géographique (ex. le nom de la commune)")),
            granularity=_select(GRANULARITIES, meta.granularity, _("Granularité géographique"), choose,
                                "changed-granularity"),
            keywords=TextInput(", ".join(meta.keywords), n["keywords"], label=_("Mots-clés (séparés par des virgules)")),
            contact_name=TextInput(meta.contact_name, n["contact_name"], label=_("Point de contact : nom du service")),
            contact_email=TextInput(meta.contact_email, n["contact_email"],
                                    label=_("Point de contact : adresse électronique")),
            columns=ChoiceGroup(column_texts(work), multiple=True, action="changed-columns",
                                selected=[i for i, c in enumerate(work.source.header) if c not in work.dropped]),
            resources=ChoiceGroup([resource_text(r) for r in extra], multiple=True, action="changed-resources",
                                  selected=[i for i, r in enumerate(extra) if r.included]),
            resource_texts={r.id: TextInput(r.description, n["resource_description"], label=resource_field_label(r))
                            for r in meta.resources},
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

    # ------------------------------------------------------------------ the draft
    def metadata(self) -> tuple[Metadata, tuple[str, ...]]:
        """The metadata as typed so far, and the columns left out."""
        f, work = self.fields, self.work
        assert f is not None
        extra = extra_resources(work.draft)
        entry = FormEntry(
            title=f.title.value, short_description=f.short.value, description=f.description.value,
            licence=_chosen(LICENCES, f.licence), frequency=_chosen(FREQUENCIES, f.frequency),
            temporal_start=f.start.value, temporal_end=f.end.value, spatial_zone=f.zone.value,
            granularity=_chosen(GRANULARITIES, f.granularity), keywords=f.keywords.value,
            contact_name=f.contact_name.value, contact_email=f.contact_email.value,
            included=frozenset({MAIN_RESOURCE} | {extra[i].id for i in f.resources.selected}),
            resource_descriptions={rid: w.value for rid, w in f.resource_texts.items()},
        )
        header = work.source.header
        dropped = tuple(c for i, c in enumerate(header) if i not in f.columns.selected)
        return metadata_from_form(work.draft, entry), dropped

    def save(self) -> None:
        if self.fields is not None:
            meta, dropped = self.metadata()
            self.session.publish_save(meta, dropped)
            self.dirty = False

    # ------------------------------------------------------------------ live view
    def refresh(self, layout: bool = True) -> None:
        if self.fields is None or not self.live:
            return
        f = self.fields
        meta, dropped = self.metadata()
        self.work.set_dropped(dropped)
        view = present(self.work, meta, dropped, (f.start.value, f.end.value), self.session.today())
        for key, label in self.live.items():
            line = getattr(view, key)
            label.text, label.tone = line.text, line.tone
        if layout and self.form is not None:
            self.form.layout(self.size, self.services.fonts)
            focused = self.form.focus.focused
            label = self.live_for.get(focused)
            if label is not None and label.text:  # what the field just changed, then the field itself
                self.form.panel.ensure_visible(label)
                self.form.panel.ensure_visible(focused)

    # ------------------------------------------------------------------ results
    def result_widgets(self, result: dict[str, Any]) -> list[Widget]:
        scores = self.session.state.publishing_of(self.step.id).get("scores", {})
        v = present_published(self.work, self.step, result, scores, self.session.today())
        out: list[Widget] = [Label(v.headline, bold=True, tone="success"), Label(v.licence, bold=True)]
        if v.licence_feedback:
            out.append(Label(v.licence_feedback))
        out.append(Label(v.quality))
        out += [Label(line.text, tone=line.tone) for line in v.scores]
        if v.personal:
            out.append(Label(v.personal, tone="error", bold=True))
        if v.missing:
            out.append(Label(_("Ce qui manquait à cette publication"), role="heading", bold=True))
            out.append(Label("\n".join(v.missing)))
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
            if self.idle >= SAVE_AFTER:
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
            p = self.work.preview(meta, self.session.today())
            if p.blocking:
                self.error = blocking_text(p)
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
                return Pop()
            return Replace(self.session.step.kind)
        return None

    def on_back(self) -> Transition | None:
        self.save()
        return super().on_back()


def _select(registry: dict[str, Any], current: str, label: str, placeholder: str, on_change: str) -> Select:
    """A choice among a registry's entries (licences, frequencies, granularities), in its order."""
    ids = list(registry)
    return Select([label_of(registry[i]) for i in ids], ids.index(current) if current in ids else None,
                  label=label, placeholder=placeholder, on_change=on_change)


def _chosen(registry: dict[str, Any], select: Select) -> str:
    """The id of the entry chosen in ``select``, "" when none is."""
    return list(registry)[select.index] if select.index is not None else ""
