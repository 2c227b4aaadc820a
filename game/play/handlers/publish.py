"""Publish steps: the form kept as a draft, then published to the learner's portal and scored."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from game.core import clean_statements as xc
from game.core import publish_statements as xp
from game.core.actions import Publish, SaveDraft
from game.core.scenario import PublishStep

from .base import ActionRefused, Graded, Handler, Progress, SessionView, scored

if TYPE_CHECKING:
    from game.core.publishing import Metadata
    from game.core.table import Table

    from ..clean import CleanWork
    from ..publish import Preview, PublishWork


def form(kind: type[SaveDraft | Publish], step_id: str, meta: Metadata,
         dropped: Sequence[str]) -> SaveDraft | Publish:
    """The action for a form filled as ``meta`` with ``dropped`` columns left out: its texts, the
    extra resources attached, the descriptions written."""
    from ..publish import MAIN_RESOURCE

    return kind(step_id, replace(meta, publisher="", resources=()),
                tuple(r.id for r in meta.resources if r.included and r.id != MAIN_RESOURCE), tuple(dropped),
                tuple((r.id, r.description) for r in meta.resources if r.description))


def filled(desk: PublishWork, action: SaveDraft | Publish) -> Metadata:
    """The metadata the form describes: the step's publisher, the resources it offers with the
    ones attached and what was written about each."""
    from ..publish import MAIN_RESOURCE

    chosen, notes = set(action.resources), dict(action.descriptions)
    resources = tuple(replace(r, included=r.id == MAIN_RESOURCE or r.id in chosen,
                              description=notes.get(r.id, r.description)) for r in desk.offered())
    return replace(action.metadata, publisher=desk.step.publisher, resources=resources)


def _save_draft(h: Handler, session: SessionView, step: PublishStep, action: SaveDraft) -> None:
    """Keep the draft (a crash loses nothing); no statement: nothing is published yet."""
    desk: PublishWork = session.work_of(step)
    meta, dropped = filled(desk, action), action.dropped
    header = desk.source.header
    saved = session.state.publishing_of(step.id)
    new = {**saved, "draft": meta.to_json(), "dropped": [c for c in header if c in set(dropped)]}
    if new != saved:
        session.commit(session.state.with_publishing(step.id, new), [])
    desk.draft = meta  # memory follows what the store holds
    desk.set_dropped(dropped)


def _publish(h: Handler, session: SessionView, step: PublishStep, action: Publish) -> Preview:
    """Publish to the portal: artefacts written (all or nothing), criteria scored, statements
    recorded. Refused while a blocking check fails (the preview says which)."""
    desk: PublishWork = session.work_of(step)
    before = (desk.draft, desk.dropped)
    desk.set_dropped(action.dropped)
    try:
        return _publish_desk(session, desk, filled(desk, action))
    except Exception:
        desk.draft, desk.dropped = before  # memory stays what the store holds
        raise


def _publish_desk(session: SessionView, desk: PublishWork, meta: Metadata) -> Preview:
    step = desk.step
    today = session.today()
    preview = desk.preview(meta, today)
    if preview.blocking:
        raise ActionRefused("blocking checks")
    if session.publisher is None:
        raise ActionRefused("no portal")
    jsonld, row = desk.artefacts(meta, today=today, base_url=f"portail://{_slug(session.learner)}")
    personal = [p.column for p in preview.personal_left]
    summary = {"title": meta.title, "licence": meta.licence, "quality": round(preview.quality.score, 4),
               "published": today.isoformat(), "personal_columns": personal, "scenario": session.scenario.id,
               "step": step.id, "rows": desk.table.nrows, "schema_errors": preview.schema_errors,
               "columns": list(desk.table.header)}
    extra = {r.file.rsplit("/", 1)[-1]: r.file for r in step.resources
             if r.file and any(m.id == r.id and m.included for m in meta.resources)}
    criteria = desk.criteria(meta, today)
    missing = {"documentation": desk.documentation_missing(meta, today)}  # the debrief names what was missing
    done = session.state.publishing_of(step.id)
    # a publication made again (a consequence's « je republie ») is a later try of its criteria:
    # recorded and shown as corrected afterwards, the first one counting for the score and the levels
    nth = 1 + len(done.get("history", [])) + ("published" in done)
    stmts = [session.statement(xc.criterion_scored, step.id, name, score, detail, [comp], missing.get(name, ()),
                               try_number=nth)
             for name, score, detail, comp in criteria]
    stmts.append(session.statement(xp.dataset_published, step.id, step.dataset_id, meta.title, meta.licence,
                                   preview.quality.score, personal, step.competencies))
    where = session.publisher.publish(session.learner, step.dataset_id, table=desk.table, metadata=jsonld,
                                      summary=summary, catalogue_header=desk.catalogue_header(), catalogue_row=row,
                                      extra_files=extra)
    before = session.state.publishing_of(step.id)
    # a publication made again replaces the old one on the portal; the state keeps what each one put online
    history = before.get("history", []) + ([before["published"]] if "published" in before else [])
    saved = {"draft": meta.to_json(), "dropped": list(desk.dropped),
             "published": {**summary, "path": where},
             # the first publication's scores count (a later one is a later try: recorded, not scored)
             "scores": before.get("scores") or {n: round(sc, 4) for n, sc, _d, _c in criteria}}
    if history:
        saved["history"] = history
    by = before.get("republished_by", []) + ([before["republish"]] if "republish" in before else [])
    if by:  # the dialogues whose choice sent the learner back here (each acts once)
        saved["republished_by"] = by
    session.commit(session.state.with_publishing(step.id, saved), stmts)
    desk.draft = meta
    return preview


def _slug(text: str) -> str:
    """A pseudonym as it can appear in an IRI: its folded words joined by hyphens."""
    from game.core.publishing._text import words

    return "-".join(words(text)) or "apprenant"


class PublishHandler(Handler):
    step_type = PublishStep
    actions = {SaveDraft: _save_draft, Publish: _publish}

    def load(self, session: SessionView, step: PublishStep, progress: Progress) -> PublishWork:
        """The publishing desk, with the learner's cleaned table of the step it publishes (read
        and replayed on first use) and the saved draft."""
        from game.core.publishing import Metadata

        from ..publish import PublishWork

        desk = PublishWork(step, session.work_of(session.scenario.step(step.source), progress))
        saved = session.state.publishing_of(step.id)
        if "draft" in saved:
            draft = Metadata.from_json(saved["draft"])
            chosen = {r.id: r for r in draft.resources}
            resources = tuple(chosen.get(r.id, r) for r in desk.offered())  # offered ones only, in order
            desk.draft = replace(draft, resources=resources)
        desk.set_dropped(saved.get("dropped", ()))
        return desk

    def clean_work(self, session: SessionView, step: PublishStep, progress: Progress) -> CleanWork:
        desk: PublishWork = session.work_of(step, progress)
        return desk.clean

    def output(self, session: SessionView, step: PublishStep, progress: Progress) -> Table:
        """The table as the learner published it (the columns left out, left out)."""
        desk: PublishWork = session.work_of(step, progress)
        desk.set_dropped(session.state.publishing_of(step.id).get("dropped", ()))
        return desk.table

    def done(self, session: SessionView, step: PublishStep) -> bool:
        """Published, and not sent back to publish again by a consequence (``republish``)."""
        saved = session.state.publishing_of(step.id)
        return "published" in saved and "republish" not in saved

    def graded(self, session: SessionView, step: PublishStep) -> list[Graded]:
        return scored(step, session.state.publishing_of(step.id), session.state.visited)


