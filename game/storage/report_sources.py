"""Where a group report reads its statements: save files of desks, JSONL exports, or the LRS.

Each source yields statements; a source that cannot be read gives a French message instead (the
report is still built from the others, and the trainer is told which one was left out).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from game.core.messages import N_, Message, msg
from game.core.statements import DEFAULT_XAPI, XapiConfig, group_iri

from .lrs import LrsClient, LrsSettings, LrsUnreachable
from .records import RecordsError, read_jsonl
from .store import Store, StoreError

_NO_FILE = N_("{path} : fichier introuvable.")
_LRS_DOWN = N_("Le LRS {endpoint} n'a pas pu être interrogé ({reason}) : ses relevés manquent au rapport.")
_LRS_OFF = N_("Aucun LRS n'est configuré (option --lrs-endpoint, variable EXPLORATEURS_LRS_ENDPOINT ou "
              "fichier lrs.json).")


@dataclass(slots=True)
class Gathered:
    """The statements read, and each source (or line) that could not be read: (``file:line`` or "", why)."""

    statements: list[dict[str, Any]] = field(default_factory=list)
    problems: list[tuple[str, Message]] = field(default_factory=list)
    sources: int = 0


def gather(*, stores: Iterable[Path] = (), jsonl: Iterable[Path] = (), lrs: LrsSettings | None = None,
           group: str | None = None, xapi: XapiConfig = DEFAULT_XAPI) -> Gathered:
    out = Gathered()
    for path in stores:
        _take(out, _from_store(path))
    for path in jsonl:
        _take(out, _from_jsonl(path))
    if lrs is not None:
        _take(out, _from_lrs(lrs, group, xapi))
    return out


Item = dict[str, Any] | tuple[str, Message]


def _take(out: Gathered, items: Iterator[Item]) -> None:
    out.sources += 1
    for item in items:
        if isinstance(item, tuple):
            out.problems.append(item)
        else:
            out.statements.append(item)


def _from_store(path: Path) -> Iterator[Item]:
    if not path.is_file():
        yield "", msg(_NO_FILE, path=str(path))
        return
    try:
        with Store(path) as store:  # a desk's own statements and those it imported
            yield from store.export_statements(include_imported=True)
    except StoreError as e:
        yield "", e.message


def _from_jsonl(path: Path) -> Iterator[Item]:
    try:
        for line, item in read_jsonl(path):
            yield (f"{path}:{line}", item) if isinstance(item, Message) else item
    except RecordsError as e:
        yield "", e.message


def _from_lrs(settings: LrsSettings, group: str | None, xapi: XapiConfig) -> Iterator[Item]:
    if not settings.enabled:
        yield "", msg(_LRS_OFF)
        return
    # the group's statements: its activity is in their grouping context (``related_activities``)
    params: dict[str, Any] = {"activity": group_iri(xapi, group), "related_activities": True} if group else {}
    try:
        yield from LrsClient(settings).statements(params)
    except (LrsUnreachable, ValueError) as e:
        yield "", msg(_LRS_DOWN, endpoint=settings.endpoint or "", reason=str(e))
