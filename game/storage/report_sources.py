"""Where a group report reads its statements: save files of desks, JSONL exports, or the LRS.

Each source yields statements; a source that cannot be read gives a French message instead (the
report is still built from the others, and the trainer is told which one was left out).
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import tempfile
import urllib.parse
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from game.core.messages import N_, Message, msg
from game.core.statements import DEFAULT_XAPI, XapiConfig, group_iri

from .lrs import LrsBadAnswer, LrsClient, LrsMoved, LrsSettings, LrsUnreachable
from .oserrors import french_reason
from .records import RecordsError, read_jsonl
from .store import SCHEMA_VERSION

_NO_FILE = N_("{path} : fichier introuvable.")
_NOT_A_SAVE = N_("{path} n'est pas une sauvegarde lisible du jeu ({reason}) : ses relevés manquent au rapport.")
_TOO_NEW = N_("{path} vient d'une version plus récente du jeu : mettez le jeu à jour pour lire ses relevés.")
_LRS_DOWN = N_("Le LRS {endpoint} n'a pas pu être interrogé ({reason}) : ses relevés manquent au rapport.")
_LRS_MOVED = N_("Le LRS {endpoint} renvoie vers {address} : si c'est sa nouvelle adresse, indiquez-la (option "
                "--lrs-endpoint, variable EXPLORATEURS_LRS_ENDPOINT ou fichier lrs.json) ; ses relevés manquent "
                "au rapport.")
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


def sqlite_uri(path: Path, query: str) -> str:
    """``file:`` URI of ``path`` for SQLite, also for Windows drives and network shares
    (``file:///C:/…``, ``file:////serveur/partage/…``): ``Path.as_uri`` gives an authority SQLite refuses."""
    return uri_of(path.absolute().as_posix(), query)


def uri_of(posix: str, query: str) -> str:
    if posix.startswith("//"):  # \\serveur\partage\… on Windows
        prefix = "file://"
    elif len(posix) > 2 and posix[1] == ":":  # C:/…
        prefix = "file:///"
    else:
        prefix = "file:"
    return prefix + urllib.parse.quote(posix, safe="/:") + "?" + query


def _read_bodies(db_path: Path, query: str) -> tuple[int, list[str]]:
    db = sqlite3.connect(sqlite_uri(db_path, query), uri=True)
    try:
        version = int(db.execute("PRAGMA user_version").fetchone()[0])
        if version > SCHEMA_VERSION:
            return version, []
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        bodies: list[str] = []
        for table in ("statements", "imported_statements"):
            if table in tables:
                bodies += [r[0] for r in db.execute(f"SELECT body FROM {table} ORDER BY rowid")]
        return version, bodies
    finally:
        db.close()


def _from_store(path: Path) -> Iterator[Item]:
    """A desk's save file, read only: its own statements and those it imported. Nothing is written
    beside it, and it is not migrated (it may be a copy on a read-only USB stick or share)."""
    if not path.is_file():
        yield "", msg(_NO_FILE, path=str(path))
        return
    wal, shm = (path.with_name(path.name + suffix) for suffix in ("-wal", "-shm"))
    try:
        live = None
        if wal.exists() and shm.exists():
            # the game is open on that desk (or was killed): read through SQLite's own locks, which
            # give a consistent view even while the game writes and checkpoints. A read-only
            # connection never checkpoints nor deletes the -wal, and with both files present it
            # creates nothing beside them.
            try:
                live = _read_bodies(path, "mode=ro")
            except sqlite3.Error:
                live = None  # a -shm it may not use (read-only folder…): read a copy as below
        if live is not None:
            version, bodies = live
        elif wal.exists():
            # the game was stopped and its last changes are still in the WAL (a copy on a USB
            # stick…): read a copy of both (SQLite would otherwise create a -shm file beside them,
            # or, in a read-only folder, ignore the WAL).
            with tempfile.TemporaryDirectory(prefix="explorateurs-rapport-") as tmp:
                copy = Path(tmp) / "copie.sqlite3"
                shutil.copyfile(path, copy)
                shutil.copyfile(wal, copy.with_name(copy.name + "-wal"))
                version, bodies = _read_bodies(copy, "mode=ro")
        else:
            version, bodies = _read_bodies(path, "mode=ro&immutable=1")
    except (sqlite3.Error, OSError) as e:
        yield "", msg(_NOT_A_SAVE, path=str(path), reason=french_reason(e))
        return
    if version > SCHEMA_VERSION:
        yield "", msg(_TOO_NEW, path=str(path))
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
    except LrsMoved as e:
        yield "", msg(_LRS_MOVED, endpoint=settings.endpoint or "", address=e.address)
    except (LrsUnreachable, ValueError) as e:
        why: Message | str = str(e)
        if isinstance(e, LrsBadAnswer):
            why = msg(e.reason)  # a French phrase marked with N_
        elif isinstance(e, LrsUnreachable) and e.why is not None:
            why = e.why  # the system's cause, in French (« le serveur refuse la connexion »)
        yield "", msg(_LRS_DOWN, endpoint=settings.endpoint or "", reason=why)
