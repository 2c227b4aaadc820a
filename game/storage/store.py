"""The save file: SQLite in WAL mode; learners, attempts (resume state), statements, settings.

One transaction per learner action. A file that is not a readable database is never modified:
opening it raises :class:`StoreError` with a French message the app can show as is.
"""

from __future__ import annotations

import json
import sqlite3
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from game.core.ids import utc_timestamp
from game.core.messages import N_, Message, msg
from game.core.statements import validate_statement
from game.storage.oserrors import french_reason
from game.storage.paths import DB_FILENAME, database_path

MAX_PSEUDONYM = 64
Synchronous = Literal["NORMAL", "FULL", "EXTRA"]


class StoreError(Exception):
    """A problem with the save file, described in French for the learner (``message``); ``reason``
    is its French cause alone when SQLite gave one (« le disque est plein »…), for a short notice."""

    def __init__(self, message: Message, reason: str | None = None) -> None:
        super().__init__(message.format_source())
        self.message = message
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Learner:
    id: int
    pseudonym: str
    created_at: str
    group: str | None = None  # workshop code typed at profile creation (normalised), if any


@dataclass(frozen=True, slots=True)
class Attempt:
    registration: str
    learner_id: int
    scenario_id: str
    scenario_version: str
    started_at: str
    finished_at: str | None
    state: dict[str, Any]  # a fresh copy decoded from the database
    score: float | None


_SCHEMA_V1 = """
CREATE TABLE learners (id INTEGER PRIMARY KEY, pseudonym TEXT NOT NULL COLLATE NOCASE UNIQUE,
    created_at TEXT NOT NULL);
CREATE TABLE attempts (registration TEXT PRIMARY KEY, learner_id INTEGER NOT NULL REFERENCES learners(id),
    scenario_id TEXT NOT NULL, scenario_version TEXT NOT NULL, started_at TEXT NOT NULL, finished_at TEXT,
    state TEXT NOT NULL, score REAL);
CREATE INDEX attempts_by_learner ON attempts(learner_id, scenario_id);
CREATE TABLE statements (id TEXT PRIMARY KEY, registration TEXT NOT NULL REFERENCES attempts(registration),
    learner_id INTEGER NOT NULL REFERENCES learners(id), stored_at TEXT NOT NULL, body TEXT NOT NULL);
CREATE INDEX statements_by_registration ON statements(registration);
CREATE INDEX statements_by_learner ON statements(learner_id);
CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


def _v1(db: sqlite3.Connection) -> None:
    for sql in filter(str.strip, _SCHEMA_V1.split(";")):  # not executescript: it would COMMIT
        db.execute(sql)


def _v2(db: sqlite3.Connection) -> None:
    """Statements imported from other desks (JSONL): no local learner or attempt rows for them."""
    db.execute("CREATE TABLE imported_statements (id TEXT PRIMARY KEY, body TEXT NOT NULL,"
               " imported_at TEXT NOT NULL, source TEXT NOT NULL)")


def _v3(db: sqlite3.Connection) -> None:
    """The outbox: every local statement waiting for (or done with) a Learning Record Store.

    Statements recorded before this version were never sent anywhere, so they are queued too
    (``pending``, in recording order): when an LRS is configured the whole history reaches it, and
    a re-send is harmless because the LRS deduplicates by statement id. Statements imported from
    other desks are not queued: each desk sends its own.
    """
    db.execute("CREATE TABLE outbox (id TEXT PRIMARY KEY REFERENCES statements(id), queued_at TEXT NOT NULL,"
               " attempts INTEGER NOT NULL DEFAULT 0, next_try_at REAL NOT NULL DEFAULT 0,"
               " state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'parked')),"
               " last_error TEXT)")
    db.execute("CREATE INDEX outbox_due ON outbox(state, next_try_at)")
    db.execute("INSERT INTO outbox(id, queued_at) SELECT id, stored_at FROM statements ORDER BY rowid")


def _v4(db: sqlite3.Connection) -> None:
    """Workshop groups: the code a learner typed when creating their profile (none before)."""
    db.execute("ALTER TABLE learners ADD COLUMN group_code TEXT")


# Migration n (1-based) brings user_version from n-1 to n. Append, never edit a shipped one.
MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (_v1, _v2, _v3, _v4)
SCHEMA_VERSION = len(MIGRATIONS)
#: statements imported per transaction (memory stays flat whatever the size of the file)
IMPORT_BATCH = 500

_UNREADABLE = N_("Le fichier de sauvegarde « {path} » est illisible : il est endommagé ou ce n'est pas une "
                 "sauvegarde du jeu. Il n'a pas été modifié. Gardez-en une copie et demandez de l'aide à "
                 "votre formateur ou à votre service informatique.")
_CANNOT_OPEN = N_("Impossible d'ouvrir le fichier de sauvegarde « {path} » ({reason}). Vérifiez que le "
                  "dossier existe et que vous avez le droit d'y écrire.")
_TOO_NEW = N_("Le fichier de sauvegarde « {path} » vient d'une version plus récente du jeu (format {found}, "
              "cette version lit le format {known}). Mettez le jeu à jour pour retrouver votre progression.")
_WRITE_FAILED = N_("La progression n'a pas pu être enregistrée ({reason}). Ce qui était déjà sauvegardé "
                   "est intact ; réessayez ou demandez de l'aide.")
_READ_FAILED = N_("La sauvegarde n'a pas pu être lue ({reason}).")
_NOT_AN_OBJECT = N_("ce n'est pas un relevé (un objet JSON est attendu)")
_NO_ID = N_("relevé sans identifiant (« id »)")
_INVALID = N_("relevé xAPI invalide : {problems}")
_UNSTORABLE = N_("relevé impossible à enregistrer ({reason})")


@dataclass(frozen=True, slots=True)
class OutboxCounts:
    """How many statements are waiting for the LRS, were accepted by it, or were refused (parked)."""

    pending: int = 0
    sent: int = 0
    parked: int = 0


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What :meth:`Store.import_statements` did: counts, and each refusal as (line number, reason)
    (``invalid`` stays empty when the refusals were handed to a callback as they came)."""

    added: int = 0
    duplicates: int = 0
    invalid: list[tuple[int, Message]] = field(default_factory=list)
    refused: int = -1  # how many were refused (-1: as many as listed in ``invalid``)

    def __post_init__(self) -> None:
        if self.refused < 0:
            object.__setattr__(self, "refused", len(self.invalid))


@dataclass(frozen=True, slots=True)
class ParkedStatement:
    """A statement the LRS refused (400 invalid, 409 conflicting…): kept aside, with its reason."""

    id: str
    reason: str
    queued_at: str
    tries: int
    statement: dict[str, Any]


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))


def sqlite_reason(exc: sqlite3.Error) -> str:
    """Why SQLite failed, in French when it is a cause a learner can act on (full disk…)."""
    return french_reason(exc).format_source()


class Store:
    """The save file. ``path`` is the database file or a folder that holds ``explorateurs.sqlite3``."""

    def __init__(self, path: str | Path, *, synchronous: Synchronous = "FULL",
                 clock: Callable[[], str] = utc_timestamp) -> None:
        target = Path(path)
        self.path = target / DB_FILENAME if target.is_dir() else target
        self._clock = clock
        self._db = self._open(synchronous)

    @classmethod
    def open_default(cls, data_dir: str | Path | None = None) -> Store:
        """The store in the data folder (argument, ``$EXPLORATEURS_DATA_DIR`` or platformdirs)."""
        try:
            return cls(database_path(data_dir))
        except OSError as exc:
            raise StoreError(msg(_CANNOT_OPEN, path=str(data_dir or exc.filename or ""), reason=french_reason(exc))) from exc

    def _open(self, synchronous: Synchronous) -> sqlite3.Connection:
        where = str(self.path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(msg(_CANNOT_OPEN, path=where, reason=french_reason(exc))) from exc
        # The file is never opened by any other handle than SQLite's, not even to peek at its first
        # bytes: closing a descriptor drops every POSIX lock the process holds on the file (those of
        # the game's connection too, when the LRS sender opens its own Store), and another process
        # would then believe it is alone, checkpoint and delete the -wal under the running game.
        try:
            db = sqlite3.connect(self.path, isolation_level=None, timeout=5.0)
        except sqlite3.Error as exc:
            raise StoreError(msg(_CANNOT_OPEN, path=where, reason=sqlite_reason(exc)), sqlite_reason(exc)) from exc
        db.row_factory = sqlite3.Row
        try:
            # SQLite reads the header first and refuses a file without its magic string ("file is
            # not a database") before writing anything: a file that is not a save stays untouched
            db.execute("PRAGMA schema_version").fetchone()
            db.execute("PRAGMA foreign_keys=ON")
            db.execute("PRAGMA journal_mode=WAL").fetchone()
            db.execute(f"PRAGMA synchronous={synchronous}")
            found = int(db.execute("PRAGMA user_version").fetchone()[0])
            for version in range(found + 1, SCHEMA_VERSION + 1):
                with _transaction(db):
                    MIGRATIONS[version - 1](db)
                    db.execute(f"PRAGMA user_version={version}")
        except sqlite3.Error as exc:
            db.close()
            if isinstance(exc, sqlite3.OperationalError):  # locked, read-only…: the file may be fine
                reason = sqlite_reason(exc)
                raise StoreError(msg(_CANNOT_OPEN, path=where, reason=reason), reason) from exc
            raise StoreError(msg(_UNREADABLE, path=where)) from exc  # not a database, malformed…
        if found > SCHEMA_VERSION:
            db.close()
            raise StoreError(msg(_TOO_NEW, path=where, found=found, known=SCHEMA_VERSION))
        return db

    @property
    def journal_mode(self) -> str:
        return str(self._db.execute("PRAGMA journal_mode").fetchone()[0])

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One transaction: everything inside is committed together, or nothing is."""
        try:
            with _transaction(self._db) as db:
                yield db
        except sqlite3.Error as exc:
            reason = sqlite_reason(exc)
            raise StoreError(msg(_WRITE_FAILED, reason=reason), reason) from exc

    def _read(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        try:
            return self._db.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise StoreError(msg(_READ_FAILED, reason=sqlite_reason(exc)), sqlite_reason(exc)) from exc

    def add_learner(self, pseudonym: str, group: str | None = None) -> Learner:
        """A new profile. The pseudonym is trimmed; empty, too long or taken (any case) is refused.
        ``group`` is an already normalised workshop code (see ``game.core.groups``)."""
        name = unicodedata.normalize("NFC", pseudonym.strip())
        if not name:
            raise StoreError(msg(N_("Choisissez un pseudonyme (il ne peut pas être vide).")))
        if len(name) > MAX_PSEUDONYM:
            raise StoreError(msg(N_("Le pseudonyme doit faire au plus {max} caractères."), max=MAX_PSEUDONYM))
        created = self._clock()
        with self._write() as db:
            taken = {str(row[0]).casefold() for row in db.execute("SELECT pseudonym FROM learners")}
            if name.casefold() in taken:
                raise StoreError(msg(N_("Le pseudonyme « {name} » est déjà pris. Choisissez-en un autre."),
                                     name=name))
            cursor = db.execute("INSERT INTO learners(pseudonym, created_at, group_code) VALUES (?, ?, ?)",
                                (name, created, group or None))
        return Learner(int(cursor.lastrowid or 0), name, created, group or None)

    def set_group(self, learner_id: int, group: str | None) -> None:
        """Join (or leave, with None) a workshop: the learner's next statements carry this code."""
        with self._write() as db:
            db.execute("UPDATE learners SET group_code = ? WHERE id = ?", (group or None, learner_id))

    def learners(self) -> list[Learner]:
        """Every profile, in creation order."""
        rows = self._read("SELECT id, pseudonym, created_at, group_code FROM learners ORDER BY id")
        return [Learner(int(r["id"]), str(r["pseudonym"]), str(r["created_at"]), r["group_code"]) for r in rows]

    def start_attempt(self, learner_id: int, scenario_id: str, scenario_version: str, registration: str,
                      state: dict[str, Any], statements: Sequence[dict[str, Any]]) -> Attempt:
        """A new attempt and its first statements, in one transaction."""
        state_json, rows = _dumps(state), _statement_rows(statements)
        started = self._clock()
        with self._write() as db:
            db.execute(
                "INSERT INTO attempts(registration, learner_id, scenario_id, scenario_version, started_at,"
                " state) VALUES (?, ?, ?, ?, ?, ?)",
                (registration, learner_id, scenario_id, scenario_version, started, state_json),
            )
            self._insert(db, registration, learner_id, started, rows)
        return Attempt(registration, learner_id, scenario_id, scenario_version, started, None,
                       json.loads(state_json), None)

    def record(self, registration: str, state: dict[str, Any], statements: Sequence[dict[str, Any]], *,
               finished_score: float | None = None) -> None:
        """One learner action: its statements and the new resume state, committed together.

        With ``finished_score`` the attempt is also marked finished (``finished_at`` = now).
        Statements already stored (same id) are ignored, so a retried action is harmless.
        """
        state_json, rows = _dumps(state), _statement_rows(statements)
        now = self._clock()
        score = None if finished_score is None else float(finished_score)
        with self._write() as db:  # no UPDATE … RETURNING: it needs SQLite 3.35 (Ubuntu 20.04 has 3.31)
            found = db.execute("SELECT learner_id FROM attempts WHERE registration = ?",
                               (registration,)).fetchone()
            if found is None:
                raise StoreError(msg(N_("Cette partie est introuvable dans la sauvegarde ({registration})."),
                                     registration=registration))
            db.execute("UPDATE attempts SET state = ?, score = COALESCE(?, score),"
                       " finished_at = CASE WHEN ? IS NULL THEN finished_at ELSE ? END WHERE registration = ?",
                       (state_json, score, score, now, registration))
            self._insert(db, registration, int(found[0]), now, rows)

    @staticmethod
    def _insert(db: sqlite3.Connection, registration: str, learner_id: int, stored_at: str,
                rows: Sequence[tuple[str, str]]) -> None:
        db.executemany(
            "INSERT OR IGNORE INTO statements(id, registration, learner_id, stored_at, body)"
            " VALUES (?, ?, ?, ?, ?)",
            [(sid, registration, learner_id, stored_at, body) for sid, body in rows],
        )
        # same transaction: a statement is never stored without being queued for the LRS (a retried
        # action finds its outbox row already there, whatever its state, and leaves it alone)
        db.executemany("INSERT OR IGNORE INTO outbox(id, queued_at) VALUES (?, ?)",
                       [(sid, stored_at) for sid, _body in rows])

    # outbox (statements for the Learning Record Store) ------------------------------
    def pending(self, limit: int = 50, now: float = float("inf")) -> list[dict[str, Any]]:
        """Up to ``limit`` queued statements due at ``now`` (epoch seconds), oldest first."""
        rows = self._read("SELECT s.body FROM outbox o JOIN statements s ON s.id = o.id"
                          " WHERE o.state = 'pending' AND o.next_try_at <= ? ORDER BY o.rowid LIMIT ?",
                          (now, int(limit)))
        return [json.loads(r["body"]) for r in rows]

    def mark_sent(self, ids: Iterable[str]) -> None:
        """The LRS stored (or already had) these statements."""
        with self._write() as db:
            db.executemany("UPDATE outbox SET state = 'sent', attempts = attempts + 1, last_error = NULL"
                           " WHERE id = ?", [(i,) for i in ids])

    def mark_retry(self, ids: Iterable[str], error: str, next_try_at: float) -> None:
        """A failed try (network, server): keep them pending, not before ``next_try_at`` (epoch seconds)."""
        with self._write() as db:
            db.executemany("UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_try_at = ?"
                           " WHERE id = ? AND state = 'pending'", [(error, next_try_at, i) for i in ids])

    def park(self, id: str, reason: str) -> None:
        """The LRS refused this statement (invalid, conflicting): never sent again, reason kept."""
        with self._write() as db:
            db.execute("UPDATE outbox SET state = 'parked', attempts = attempts + 1, last_error = ?"
                       " WHERE id = ?", (reason, id))

    def parked(self) -> list[tuple[str, str]]:
        """(statement id, the LRS's reason) for each parked statement, oldest first."""
        rows = self._read("SELECT id, last_error FROM outbox WHERE state = 'parked' ORDER BY rowid")
        return [(str(r["id"]), str(r["last_error"] or "")) for r in rows]

    def parked_statements(self) -> Iterator[ParkedStatement]:
        """Each parked statement with its reason, when it was queued and how many tries it took, oldest first."""
        try:
            cursor = self._db.execute("SELECT o.id, o.last_error, o.queued_at, o.attempts, s.body FROM outbox o"
                                      " JOIN statements s ON s.id = o.id WHERE o.state = 'parked' ORDER BY o.rowid")
            while rows := cursor.fetchmany(500):
                for r in rows:
                    yield ParkedStatement(str(r["id"]), str(r["last_error"] or ""), str(r["queued_at"]),
                                          int(r["attempts"]), json.loads(r["body"]))
        except sqlite3.Error as exc:
            raise StoreError(msg(_READ_FAILED, reason=sqlite_reason(exc)), sqlite_reason(exc)) from exc

    def requeue(self, ids: Iterable[str] | None = None) -> tuple[int, list[str]]:
        """Parked statements back in the queue for the LRS (every one when ``ids`` is None), to be sent
        at the sender's next look as if new. Returns how many, and the ids asked that were not parked."""
        reset = "UPDATE outbox SET state = 'pending', next_try_at = 0, last_error = NULL WHERE state = 'parked'"
        missing: list[str] = []
        with self._write() as db:
            if ids is None:
                return db.execute(reset).rowcount, missing
            done = 0
            for sid in dict.fromkeys(ids):  # once each, in the order given
                n = db.execute(reset + " AND id = ?", (sid,)).rowcount
                done += n
                if not n:
                    missing.append(sid)
        return done, missing

    def outbox_counts(self) -> OutboxCounts:
        rows = self._read("SELECT state, COUNT(*) AS n FROM outbox GROUP BY state")
        return OutboxCounts(**{str(r["state"]): int(r["n"]) for r in rows})

    def current_attempt(self, learner_id: int, scenario_id: str) -> Attempt | None:
        """The latest unfinished attempt of this learner on this scenario, to resume."""
        return self._one_attempt(learner_id, scenario_id, "finished_at IS NULL", "started_at")

    def latest_finished(self, learner_id: int, scenario_id: str) -> Attempt | None:
        """The most recently finished attempt (with its score)."""
        return self._one_attempt(learner_id, scenario_id, "finished_at IS NOT NULL", "finished_at")

    def _one_attempt(self, learner_id: int, scenario_id: str, where: str, order: str) -> Attempt | None:
        rows = self._read(
            "SELECT * FROM attempts WHERE learner_id = ? AND scenario_id = ? AND " + where
            + f" ORDER BY {order} DESC, rowid DESC LIMIT 1", (learner_id, scenario_id))
        if not rows:
            return None
        r = rows[0]
        return Attempt(str(r["registration"]), int(r["learner_id"]), str(r["scenario_id"]),
                       str(r["scenario_version"]), str(r["started_at"]), r["finished_at"],
                       json.loads(r["state"]), None if r["score"] is None else float(r["score"]))

    def statements(self, registration: str | None = None, learner_id: int | None = None,
                   limit: int | None = None) -> list[dict[str, Any]]:
        """Stored statements in insertion order, optionally for one attempt and/or one learner, and
        only the first ``limit`` of them."""
        wanted = {"registration": registration, "learner_id": learner_id}
        used = {k: v for k, v in wanted.items() if v is not None}
        where = " WHERE " + " AND ".join(f"{k} = ?" for k in used) if used else ""
        first = f" LIMIT {int(limit)}" if limit is not None else ""
        rows = self._read(f"SELECT body FROM statements{where} ORDER BY rowid{first}", list(used.values()))
        return [json.loads(r["body"]) for r in rows]

    def export_statements(self, *, include_imported: bool = False) -> Iterator[dict[str, Any]]:
        """Every local statement, oldest first; then, if asked, those imported from other desks."""
        tables = ("statements", "imported_statements") if include_imported else ("statements",)
        for table in tables:
            try:
                cursor = self._db.execute(f"SELECT body FROM {table} ORDER BY rowid")
                while rows := cursor.fetchmany(500):
                    yield from (json.loads(r["body"]) for r in rows)
            except sqlite3.Error as exc:
                raise StoreError(msg(_READ_FAILED, reason=sqlite_reason(exc)), sqlite_reason(exc)) from exc

    def import_statements(self, statements: Iterable[Mapping[str, Any] | tuple[int, Mapping[str, Any] | Message]],
                          source: str, *, batch_size: int = IMPORT_BATCH,
                          refused: Callable[[int, Message], None] | None = None) -> ImportResult:
        """Statements from another desk; ``source`` says where they came from.

        Items are statements (numbered 1, 2…) or ``(line number, statement)`` pairs as read from a
        file, where a :class:`Message` in place of the statement is a line the reader already refused.
        A statement whose id is already stored (played here or imported before, or earlier in the
        same import) is a duplicate: ignored and counted. One that is not a valid xAPI statement with
        an id is refused with its line number and a French reason; the others are still imported.

        Items are consumed as they come and written ``batch_size`` at a time, one transaction per
        batch, so memory stays flat whatever the size of the file; a failed write leaves the earlier
        batches imported (importing the same file again adds only what is missing). Each refusal is
        passed to ``refused`` when given (and not kept), else listed in ``ImportResult.invalid``.
        """
        invalid: list[tuple[int, Message]] = []
        counts = [0, 0, 0]  # added, duplicates, refused
        rows: list[tuple[str, str]] = []
        now = self._clock()

        def refuse(line: int, why: Message) -> None:
            counts[2] += 1
            if refused is not None:
                refused(line, why)
            else:
                invalid.append((line, why))

        def write() -> None:
            with self._write() as db:
                for sid, body in rows:
                    cursor = db.execute(
                        "INSERT OR IGNORE INTO imported_statements(id, body, imported_at, source)"
                        " SELECT ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM statements WHERE id = ?)",
                        (sid, body, now, source, sid))
                    counts[0] += cursor.rowcount
                    counts[1] += 1 - cursor.rowcount
            rows.clear()

        for position, item in enumerate(statements, start=1):
            line, stmt = item if isinstance(item, tuple) else (position, item)
            if isinstance(stmt, Message):
                refuse(line, stmt)
                continue
            try:
                problem = _import_problem(stmt)
                if problem is None:
                    rows.append((stmt["id"], _dumps(stmt)))
            except (TypeError, ValueError, RecursionError) as exc:  # NaN hidden in an extension, absurd nesting…
                problem = msg(_UNSTORABLE, reason=msg(N_("des valeurs imbriquées trop profondément")) if isinstance(exc, RecursionError)
                              else msg(N_("une valeur n'a pas d'équivalent en JSON : NaN, infini…")))
            if problem is not None:
                refuse(line, problem)
            if len(rows) >= batch_size:
                write()
        if rows:
            write()
        return ImportResult(counts[0], counts[1], invalid, counts[2])

    def imported(self, source: str | None = None) -> list[dict[str, Any]]:
        """Statements imported from other desks, in import order (optionally from one source)."""
        where, params = (" WHERE source = ?", [source]) if source is not None else ("", [])
        rows = self._read(f"SELECT body FROM imported_statements{where} ORDER BY rowid", params)
        return [json.loads(r["body"]) for r in rows]

    def get_setting(self, key: str, default: Any = None) -> Any:
        rows = self._read("SELECT value FROM settings WHERE key = ?", (key,))
        return json.loads(rows[0]["value"]) if rows else default

    def set_setting(self, key: str, value: Any) -> None:
        with self._write() as db:
            db.execute("INSERT INTO settings(key, value) VALUES (?, ?)"
                       " ON CONFLICT(key) DO UPDATE SET value = excluded.value", (key, _dumps(value)))

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _statement_rows(statements: Sequence[dict[str, Any]]) -> list[tuple[str, str]]:
    """(id, JSON body) for each statement, encoded before the transaction starts."""
    if not all(isinstance(s.get("id"), str) and s["id"] for s in statements):
        raise ValueError("every statement needs a string 'id' to be stored")
    return [(s["id"], _dumps(s)) for s in statements]


def _import_problem(stmt: Any) -> Message | None:
    """Why a statement from another desk cannot be imported, or None."""
    if not isinstance(stmt, Mapping):
        return msg(_NOT_AN_OBJECT)
    if not isinstance(stmt.get("id"), str) or not stmt["id"]:
        return msg(_NO_ID)
    problems = validate_statement(stmt)
    return msg(_INVALID, problems="; ".join(problems)) if problems else None


@contextmanager
def _transaction(db: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE … COMMIT, or ROLLBACK if anything inside raises."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")
