"""Where a group report reads its statements: save files of desks, JSONL exports, or the LRS.

Each source yields statements; a source that cannot be read gives a French message instead (the
report is still built from the others, and the trainer is told which one was left out).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from game.core.messages import N_, Message, msg
from game.core.statements import DEFAULT_XAPI, XapiConfig, group_iri

from .lrs import LrsClient, LrsSettings, LrsUnreachable
from .records import RecordsError, read_jsonl
from .store import SCHEMA_VERSION

_NO_FILE = N_("{path} : fichier introuvable.")
_NOT_A_SAVE = N_("{path} n'est pas une sauvegarde lisible du jeu ({reason}) : ses relevés manquent au rapport.")
_TOO_NEW = N_("{path} vient d'une version plus récente du jeu : mettez le jeu à jour pour lire ses relevés.")
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
           group: str | None = None, learner: str | None = None, xapi: XapiConfig = DEFAULT_XAPI) -> Gathered:
    out = Gathered()
    for path in stores:
        _take(out, _from_store(path))
    for path in jsonl:
        _take(out, _from_jsonl(path))
    if lrs is not None:
        _take(out, _from_lrs(lrs, group, learner, xapi))
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
    """A desk's save file, read only: its own statements and those it imported. The file is neither
    migrated nor written (it may be a copy on a read-only USB stick)."""
    if not path.is_file():
        yield "", msg(_NO_FILE, path=str(path))
        return
    uri = path.resolve().as_uri()
    bodies: list[str] = []
    try:
        wal = path.with_name(path.name + "-wal")
        db = None
        if wal.exists():  # the game is open on that desk (or was stopped): read its last changes too
            try:
                db = sqlite3.connect(f"{uri}?mode=ro", uri=True)
                db.execute("PRAGMA user_version").fetchone()
            except sqlite3.OperationalError:  # a folder we cannot write to: the main file as it is
                db = None
        if db is None:  # a closed save: read as it is, nothing created beside it
            db = sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True)
        try:
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                yield "", msg(_TOO_NEW, path=str(path))
                return
            tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            for table in ("statements", "imported_statements"):
                if table in tables:
                    bodies += [r[0] for r in db.execute(f"SELECT body FROM {table} ORDER BY rowid")]
        finally:
            db.close()
    except sqlite3.Error as e:
        yield "", msg(_NOT_A_SAVE, path=str(path), reason=str(e))
        return
    for body in bodies:
        try:
            yield json.loads(body)
        except ValueError:
            continue  # the game wrote it: never happens, and one bad row must not lose the others


def _from_jsonl(path: Path) -> Iterator[Item]:
    try:
        for line, item in read_jsonl(path):
            yield (f"{path}:{line}", item) if isinstance(item, Message) else item
    except RecordsError as e:
        yield "", e.message


def _from_lrs(settings: LrsSettings, group: str | None, learner: str | None, xapi: XapiConfig) -> Iterator[Item]:
    if not settings.enabled:
        yield "", msg(_LRS_OFF)
        return
    # the group's statements: its activity is in their grouping context (``related_activities``);
    # one learner's: the agent the game writes (an account on the organisation's home page)
    params: dict[str, Any] = {"activity": group_iri(xapi, group), "related_activities": True} if group else {}
    if learner:
        params["agent"] = {"objectType": "Agent", "account": {"homePage": xapi.homepage, "name": learner}}
    try:
        yield from LrsClient(settings).statements(params)
    except (LrsUnreachable, ValueError) as e:
        yield "", msg(_LRS_DOWN, endpoint=settings.endpoint or "", reason=str(e))
