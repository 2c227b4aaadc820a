"""The publishing desk of one publish step: the learner's cleaned table, the columns left out,
the live quality score and checks, and how the publication is scored.

Everything here is computed from the core's publishing rules; the portal files are written by
the :class:`Publisher` the session was given (storage), never here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, Protocol

from game.core.messages import Message
from game.core.publishing import (
    CATALOGUE_HEADER,
    Check,
    Metadata,
    PersonalColumn,
    QualityReport,
    Resource,
    catalogue_row,
    dcat_jsonld,
    detect_personal,
    publish_checks,
    quality,
    title_check,
)
from game.core.scenario import PublishStep
from game.core.table import Table
from game.core.tableschema import Schema, validate

from .clean import CleanWork, _counted

#: The cleaned CSV's resource id: always offered, always the main resource.
MAIN_RESOURCE = "donnees"


class Publisher(Protocol):
    def publish(self, learner: str, dataset_id: str, *, table: Table, metadata: dict[str, Any],
                summary: dict[str, Any], catalogue_header: Sequence[str], catalogue_row: Mapping[str, str],
                extra_files: Mapping[str, str]) -> str:
        """Write the dataset to the learner's portal (all or nothing); returns where.
        ``extra_files`` maps a file name in the portal to a file of the scenario's data folder."""


@dataclass(frozen=True, slots=True)
class Preview:
    """What the form shows live while the learner types."""

    quality: QualityReport
    checks: tuple[Check, ...]
    title: tuple[tuple[Any, bool], ...]  # (title element, named)
    personal_left: tuple[PersonalColumn, ...]  # personal columns still in the published table
    schema_errors: int

    @property
    def blocking(self) -> tuple[Check, ...]:
        return tuple(c for c in self.checks if not c.ok and c.blocking)


class PublishWork:
    """Mutable holder of a publish step in progress: the draft and the columns left out."""

    def __init__(self, step: PublishStep, clean: CleanWork) -> None:
        self.step, self.clean = step, clean
        self.source: Table = clean.table
        self.schema: Schema = clean.schema
        detected = {p.column: p for p in detect_personal(self.source)}
        for name in step.personal_columns:  # the scenario's marks count even when the detector is unsure
            if name in self.source.header and name not in detected:
                detected[name] = PersonalColumn(name, "marque", 0, "", _marked(name))
        self.personal: tuple[PersonalColumn, ...] = tuple(detected[c] for c in self.source.header if c in detected)
        self.draft = Metadata(publisher=step.publisher, resources=self.offered())
        self.dropped: tuple[str, ...] = ()
        self._errors: dict[tuple[str, ...], int] = {}

    def offered(self) -> tuple[Resource, ...]:
        """The cleaned CSV (always included) and the resources the scenario offers (not yet)."""
        main = Resource(MAIN_RESOURCE, "Données au format CSV", "csv", "", "main", self.clean.step.schema, True, True)
        rest = tuple(Resource(r.id, r.title, r.format, "", r.type, "", True, False) for r in self.step.resources)
        return (main,) + rest

    # the published table ---------------------------------------------------------------
    @property
    def table(self) -> Table:
        if not self.dropped:
            return self.source
        keep = [i for i, name in enumerate(self.source.header) if name not in self.dropped]
        return self.source.with_columns([self.source.header[i] for i in keep], [self.source.columns[i] for i in keep])

    def schema_errors(self) -> int:
        key = tuple(sorted(self.dropped))
        if key not in self._errors:  # the errors the clean step's goal counts
            personal_dropped = {p.column for p in self.personal} & set(self.dropped)
            # a personal column the schema requires, left out on purpose, is the law's choice, not an error
            self._errors[key] = sum(
                1 for e in _counted(validate(self.table, self.schema), self.clean.step)
                if not (e.code in ("missing-required-header", "missing-label") and e.field in personal_dropped))
        return self._errors[key]

    def set_dropped(self, columns: Sequence[str]) -> None:
        self.dropped = tuple(c for c in self.source.header if c in set(columns))

    # live view ------------------------------------------------------------------------
    def preview(self, meta: Metadata, today: date) -> Preview:
        left = tuple(p for p in self.personal if p.column not in self.dropped)
        errors = self.schema_errors()
        checks = publish_checks(meta, schema_errors=errors, personal=[p.column for p in left], today=today,
                                accepted_errors=self.clean.step.goal.max_errors)
        return Preview(quality(meta, today=today), checks, title_check(meta.title, self.step.title_elements),
                       left, errors)

    def criteria(self, meta: Metadata, today: date) -> list[tuple[str, float, str, str]]:
        """(criterion, score 0..1, detail, competency): licence, documentation, publication and,
        when the table holds personal data, personal-data."""
        step, p = self.step, self.preview(meta, today)
        out = []
        lic = meta.licence
        if lic in step.licences:
            lic_score = 1.0 if not step.best_licence or lic == step.best_licence else 0.5
        else:
            lic_score = 0.0
        out.append(("licence", lic_score, lic or "-", step.competency_for("licence")))
        wanted = set(step.criteria) or {c.id for c in p.quality.criteria}
        assessed = [c.ok for c in p.quality.criteria if c.id in wanted] + [ok for _t, ok in p.title]
        doc = sum(assessed) / len(assessed) if assessed else 1.0
        out.append(("documentation", doc, f"{sum(assessed)}/{len(assessed)}", step.competency_for("documentation")))
        # publishing and maintaining: the file still conforms, an open format, a promise of updates,
        # someone to write to (the blocking checks passed anyway, or nothing was published)
        by_id = {c.id: c.ok for c in p.checks}
        maintained = [by_id.get("schema", True), by_id.get("open-format", True), bool(meta.frequency)
                      and meta.frequency != "unknown", bool(meta.contact_email.strip() or meta.contact_name.strip())]
        ok = sum(maintained)
        out.append(("publication", ok / len(maintained), f"{ok}/{len(maintained)}", step.competency_for("publication")))
        if self.personal:
            left = len(p.personal_left)
            out.append(("personal-data", 0.0 if left else 1.0, f"{left}/{len(self.personal)}",
                        step.competency_for("personal-data")))
        return out

    def documentation_missing(self, meta: Metadata, today: date) -> tuple[str, ...]:
        """What the documentation criterion found missing: the ids of udata's quality criteria
        assessed and not met, then ``title:<n>`` for each title element the title does not name."""
        p = self.preview(meta, today)
        wanted = set(self.step.criteria) or {c.id for c in p.quality.criteria}
        return (tuple(c.id for c in p.quality.criteria if c.id in wanted and not c.ok)
                + tuple(f"title:{i}" for i, (_element, ok) in enumerate(p.title) if not ok))

    # artefacts ------------------------------------------------------------------------
    def artefacts(self, meta: Metadata, *, today: date, base_url: str) -> tuple[dict[str, Any], dict[str, str]]:
        """The DCAT-AP JSON-LD and the row of the SCDL catalogue simplifié."""
        step = self.step
        url = f"{base_url}/{step.dataset_id}"
        jsonld = dcat_jsonld(meta, dataset_id=step.dataset_id, issued=today, modified=today, base_url=base_url)
        row = catalogue_row(meta, dataset_id=step.dataset_id, collectivite_nom=step.publisher,
                            collectivite_siret=step.publisher_siret, producteur_nom=step.publisher,
                            producteur_siret=step.publisher_siret, theme=step.theme or "Autre",
                            published=today, modified=today, url=url)
        return jsonld, row

    def catalogue_header(self) -> tuple[str, ...]:
        return CATALOGUE_HEADER



def _marked(column: str) -> Message:
    from game.core.messages import N_, msg

    return msg(N_("La colonne « {column} » contient des données personnelles (signalée par le scénario)."),
               column=column)


def reference_metadata(desk: PublishWork) -> Metadata:
    """The step's reference metadata, as the learner would fill the form."""
    ref = dict(desk.step.reference)
    chosen = set(ref.pop("resources", ()))
    ref.pop("drop_columns", None)
    resources = tuple(replace(r, included=r.id == MAIN_RESOURCE or r.id in chosen) for r in desk.offered())
    return replace(Metadata.from_json({**ref, "publisher": desk.step.publisher}), resources=resources)


def reference_problems(desk: PublishWork, today: date) -> list[Message]:
    """Why the step's reference metadata would not earn full marks (empty: it does)."""
    from game.core.messages import N_, msg

    step = desk.step
    out: list[Message] = []
    missing = [c for c in step.personal_columns if c not in desk.source.header]
    for c in missing:
        out.append(msg(N_("La colonne personnelle « {column} » n'existe pas dans le fichier nettoyé par la recette de référence."),
                       column=c))
    desk.set_dropped(step.reference.get("drop_columns", ()))
    meta = reference_metadata(desk)
    p = desk.preview(meta, today)
    for crit, score, _detail, _comp in desk.criteria(meta, today):
        if score >= 1.0:
            continue
        if crit == "licence":
            out.append(msg(N_("La licence de référence « {licence} » n'obtient pas tous les points (licences acceptées : {accepted})."),
                           licence=meta.licence, accepted=", ".join(step.licences)))
        elif crit == "documentation":
            wanted = set(step.criteria) or {c.id for c in p.quality.criteria}
            for criterion in p.quality.criteria:
                if criterion.id in wanted and not criterion.ok:
                    out.append(msg(N_("Avec les métadonnées de référence, le critère de qualité « {criterion} » n'est pas rempli."),
                                   criterion=criterion.label.format_source()))
            for element, ok in p.title:
                if not ok:
                    out.append(msg(N_("Le titre de référence ne nomme pas « {element} » (mots attendus : {words})."),
                                   element=element.label, words=", ".join(element.words)))
        elif crit == "publication":
            for check in p.checks:
                if not check.ok and check.id not in ("personal-data", "licence"):
                    out.append(msg(N_("Avec les métadonnées de référence, une vérification échoue. {message}"),
                                   message=check.message.format_source()))
        elif crit == "personal-data":
            out.append(msg(N_("Les métadonnées de référence publient encore des données personnelles : {columns}. "
                              "Ajoutez ces colonnes à reference.drop_columns."),
                           columns=", ".join(x.column for x in p.personal_left)))
    return out
