"""The publishing form's rules: how long each field may be, how typed text becomes metadata
(dates as French agents write them, keywords, resources), and the live checks shown beside a
field while it is typed (dates readable and in order, a contact address written in full).

Pure: what the learner typed goes in as text; :class:`Metadata` comes out. The screen only
draws the fields and the messages.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Literal

from game.core.operations.dates import parse_date

from .checks import TITLE_SIZE_LIMIT
from .emails import is_complete_address
from .metadata import Metadata

#: udata ``DESCRIPTION_SHORT_SIZE_LIMIT``: the one-sentence summary shown in search results
SHORT_DESCRIPTION_SIZE_LIMIT = 200

#: how many characters each field of the form accepts
FIELD_LIMITS: Mapping[str, int] = {
    "title": TITLE_SIZE_LIMIT,
    "short_description": SHORT_DESCRIPTION_SIZE_LIMIT,
    "description": 5000,
    "temporal": 40,  # a date: « 1er janvier 2016 », « 31/12/2017 »
    "spatial_zone": 200,
    "keywords": 300,
    "contact_name": 200,
    "contact_email": 200,
    "resource_description": 300,
}

_YEAR = re.compile(r"\d{4}")
_KEYWORD_SEPARATORS = re.compile(r"[,;]")


def parse_day(text: str, end: bool = False) -> str | None:
    """A date as French agents type it (``31/12/2017``, ``2017-12-31``, ``1er janvier 2016`` — read by
    the cleaning workbench's own date reader), or a year alone: its first day, or its last when
    ``end``; as ISO 8601. "" stays ""; None when the text is not a real date."""
    text = " ".join(text.split())
    if not text:
        return ""
    if _YEAR.fullmatch(text):
        return f"{text}-12-31" if end else f"{text}-01-01"
    return parse_date(text)


def day_text(iso: str) -> str:
    """An ISO date shown the French way (JJ/MM/AAAA), the way the form asks for it; any other text as is."""
    try:
        return date.fromisoformat(iso).strftime("%d/%m/%Y") if iso else ""
    except ValueError:
        return iso


def split_keywords(text: str) -> tuple[str, ...]:
    """Keywords typed on one line, separated by commas or semicolons."""
    return tuple(k.strip() for k in _KEYWORD_SEPARATORS.split(text) if k.strip())


@dataclass(frozen=True, slots=True)
class FormEntry:
    """What the learner typed or chose in the publishing form, as typed (choices as registry ids,
    "" when none is chosen)."""

    title: str = ""
    short_description: str = ""
    description: str = ""
    licence: str = ""
    frequency: str = ""
    temporal_start: str = ""
    temporal_end: str = ""
    spatial_zone: str = ""
    granularity: str = ""
    keywords: str = ""
    contact_name: str = ""
    contact_email: str = ""
    #: ids of the resources ticked (the main resource among them)
    included: frozenset[str] = frozenset()
    #: resource id → its description as typed
    resource_descriptions: Mapping[str, str] = field(default_factory=dict)


def metadata_from_form(draft: Metadata, entry: FormEntry) -> Metadata:
    """``draft`` with what the form holds. A date the form cannot read is kept as typed: the
    pre-publication checks then refuse it, with how to fix it."""
    start, end = parse_day(entry.temporal_start), parse_day(entry.temporal_end, end=True)
    resources = tuple(
        replace(r, included=r.id in entry.included,
                description=entry.resource_descriptions[r.id].strip() if r.id in entry.resource_descriptions
                else r.description)
        for r in draft.resources)
    return replace(
        draft, title=entry.title.strip(), short_description=entry.short_description.strip(),
        description=entry.description.strip(), licence=entry.licence, frequency=entry.frequency,
        temporal_start=entry.temporal_start.strip() if start is None else start,
        temporal_end=entry.temporal_end.strip() if end is None else end,
        spatial_zone=entry.spatial_zone.strip(), granularity=entry.granularity,
        keywords=split_keywords(entry.keywords), contact_name=entry.contact_name.strip(),
        contact_email=entry.contact_email.strip(), resources=resources,
    )


CoverageProblem = Literal["unreadable", "reversed"]


def coverage_problem(typed: Iterable[str], meta: Metadata) -> CoverageProblem | None:
    """What is wrong with the temporal coverage while it is typed: a date the form cannot read
    (``typed``: the texts of the start and end fields), or an end before the start."""
    if any(parse_day(text) is None for text in typed):
        return "unreadable"
    if meta.temporal_start and meta.temporal_end and meta.temporal_start > meta.temporal_end:
        return "reversed"
    return None


def contact_incomplete(meta: Metadata) -> bool:
    """The contact address is given but not written in full (``etat-civil@ville`` for ``etat-civil@ville.fr``)."""
    return bool(meta.contact_email) and not is_complete_address(meta.contact_email)
