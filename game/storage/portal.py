"""The learner's in-game open data portal, on disk: ``<data dir>/portail/<learner-slug>/``.

Layout of one learner's portal::

    catalogue.csv                 the SCDL « catalogue simplifié », one row per published dataset
                                  (a cell Excel would run as a formula starts with « ' »)
    <dataset-id>/                 one folder per published dataset
        donnees.csv               the « fichier CSV de qualité » (bytes given by the caller)
        metadonnees.jsonld        the metadata (pretty UTF-8 JSON)
        fiche.json                the summary the portal page lists (free-form JSON)
        catalogue-ligne.json      this dataset's catalogue row (+ header and publication time)
        <other resources>         optional extra files
    .pseudonyme                   who owns this folder (the pseudonym, for slug collisions)
    .verrou                       lock file (one writer at a time, recovery included)
    .en-cours.json                journal of an interrupted switch (only while publishing)

Why it survives a kill at any moment (SIGKILL, power cut):

1. The new dataset folder is built *beside* the live one, in ``.prepa-<id>-<tag>/`` inside the
   learner's folder (same filesystem, so renames are atomic); every file is fsynced, then the folder.
2. A journal ``.en-cours.json`` naming the dataset, the staging folder and the aside name
   ``.ancien-<id>-<tag>`` is written atomically (temp file + fsync + ``os.replace`` + fsync of the folder).
3. The switch is two renames (live → aside, staging → live), each followed by an fsync of the folder;
   then ``catalogue.csv`` is **rebuilt from the committed folders' ``catalogue-ligne.json``** and
   atomically replaced (the commit point); then the journal is removed and the aside folder deleted.
4. Every use of a learner's portal (``publish``, ``entries``, ``export``) first *recovers* under the
   lock: with a journal, if the staging folder still exists the switch had not happened, so the aside
   folder is renamed back and the staging folder deleted (roll back); otherwise the new folder is live
   and the aside one is deleted (roll forward). Either way catalogue.csv is rebuilt from the folders, so
   it can never disagree with them; then stale ``.prepa-``/``.ancien-``/``.tmp-`` entries are removed
   (an aside folder whose dataset folder is missing is renamed back, never deleted).

Why a journal and two renames rather than one: no system renames a folder over a non-empty one
(POSIX ``rename`` refuses, so does Windows), and a second file (the catalogue) changes too; the
catalogue is derived from the folders, never a second source of truth. A lock file serialises the
game and ``explorateurs export`` (``flock``; ``msvcrt.locking`` on Windows).

A file error (disk full, permission denied) before the commit point rolls the switch back and raises
:class:`PortalError`; after it the publication stands and only the cleaning is left to the next use.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
import shutil
import time
import unicodedata
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import MappingProxyType
from typing import Any

from game.core.formula import neutralise
from game.core.messages import N_, Message, msg
from game.core.table import Table
from game.storage.csvfile import quality_csv_text
from game.storage.oserrors import french_reason
from game.storage.paths import data_dir

try:  # POSIX
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]
try:  # Windows
    import msvcrt
except ImportError:
    msvcrt = None  # type: ignore[assignment]

PORTAL_DIRNAME = "portail"
CSV_NAME, METADATA_NAME, SUMMARY_NAME, ROW_NAME = "donnees.csv", "metadonnees.jsonld", "fiche.json", "catalogue-ligne.json"
CATALOGUE_NAME, JOURNAL_NAME, LOCK_NAME, OWNER_NAME = "catalogue.csv", ".en-cours.json", ".verrou", ".pseudonyme"
_RESERVED = {CSV_NAME, METADATA_NAME, SUMMARY_NAME, ROW_NAME}
_STALE = (".prepa-", ".ancien-", ".tmp-")
_ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")  # the scenario schema's dataset_id pattern
_FILE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
_ASIDE_RE = re.compile(r"^\.ancien-(?P<id>[a-z0-9-]+)-[0-9a-f]{8}$")
_WINDOWS_DEVICES = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}
_FOLD = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss", "ø": "o", "Ø": "O", "đ": "d", "ł": "l"})
_MAX_SLUG = 40
_NO_FILES: Mapping[str, bytes] = MappingProxyType({})

_CANNOT_WRITE = N_("Impossible d'écrire le portail dans {path} : {reason}.")
_NOTHING = N_("{learner} n'a publié aucun jeu de données.")

#: tests only: called with the name of each step of a publication or a recovery (may kill or raise)
_test_hook: Callable[[str], None] | None = None


class PortalError(Exception):
    """The portal could not be written or read; ``message`` is French, to show as is."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.format_source())
        self.message = message


class NothingPublished(PortalError):
    """The learner has no portal folder or no published dataset."""


def _cannot_write(path: Path, exc: OSError) -> PortalError:
    return PortalError(msg(_CANNOT_WRITE, path=str(path), reason=french_reason(exc)))


def learner_key(pseudonym: str) -> str:
    """Who a pseudonym designates: trimmed, NFC, case folded (as the store compares them)."""
    return unicodedata.normalize("NFC", pseudonym.strip()).casefold()


def learner_slug(pseudonym: str) -> str:
    """A filesystem-safe name: accents folded, lower case, other characters → ``-``. A pseudonym
    with no letter or digit left (« 東京 », « ??? ») or naming a Windows device gets a short hash."""
    text = unicodedata.normalize("NFKD", pseudonym.strip().translate(_FOLD))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    slug = re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:_MAX_SLUG].strip("-")
    if not slug:
        return f"apprenant-{_short_hash(pseudonym)}"
    return f"{slug}-{_short_hash(pseudonym)}" if slug in _WINDOWS_DEVICES else slug


def _short_hash(pseudonym: str) -> str:
    return hashlib.sha256(learner_key(pseudonym).encode("utf-8")).hexdigest()[:8]


def check_dataset_id(dataset_id: str) -> None:
    """Refuse anything but a plain slug (``subventions-2018``): no ``/``, ``..``, capitals or spaces."""
    if not isinstance(dataset_id, str) or not _ID_RE.match(dataset_id) or len(dataset_id) > 100 \
            or dataset_id in _WINDOWS_DEVICES:
        raise ValueError(f"identifiant de jeu de données invalide : {dataset_id!r} (minuscules, chiffres et tirets)")


def _step(name: str) -> None:
    if _test_hook is not None:
        _test_hook(name)


def _fsync_dir(path: Path) -> None:
    if os.name != "posix":  # Windows cannot open a folder to fsync it
        return
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_new(path: Path, data: bytes) -> None:
    """A new file, fsynced. Written in two halves so a test can stop it in the middle."""
    with open(path, "xb") as f:
        f.write(data[: len(data) // 2])
        _step(f"moitie:{path.name}")
        f.write(data[len(data) // 2:])
        f.flush()
        os.fsync(f.fileno())


def _write_temp(path: Path, data: bytes) -> Path:
    """``data`` fsynced in a temp file beside ``path`` (removed again if writing fails)."""
    tmp = path.with_name(f".tmp-{path.name}-{secrets.token_hex(4)}")
    try:
        _write_new(tmp, data)
        _step(f"ecrit:{path.name}")
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp


def _replace_file(path: Path, data: bytes) -> None:
    """Atomically replace ``path`` (temp file in the same folder, fsync, rename, fsync the folder)."""
    tmp = _write_temp(path, data)
    try:
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _step(f"remplace:{path.name}")
    _fsync_dir(path.parent)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink(missing_ok=True)


def _json_bytes(value: Any) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=2, allow_nan=False) + "\n").encode("utf-8")


def _read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


class Portal:
    """Every learner's portal under ``root`` (``<data dir>/portail``)."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    @classmethod
    def open_default(cls, data_dir_arg: str | Path | None = None) -> Portal:
        """The portal in the data folder (argument, ``$EXPLORATEURS_DATA_DIR`` or platformdirs)."""
        return cls(data_dir(data_dir_arg) / PORTAL_DIRNAME)

    # ------------------------------------------------------------------ public API
    def publish(self, learner: str, dataset_id: str, *, csv_bytes: bytes, metadata: dict[str, Any],
                summary: dict[str, Any], catalogue_header: Sequence[str], catalogue_row: Mapping[str, str],
                extra_files: Mapping[str, bytes] = _NO_FILES) -> Path:
        """Publish (or re-publish) a dataset; returns its folder. All or nothing, even if killed."""
        check_dataset_id(dataset_id)
        files, row = self._files(csv_bytes, metadata, summary, catalogue_header, catalogue_row, extra_files)
        folder = self._learner_folder(learner, create=True)
        assert folder is not None
        with self._locked(folder):
            # newest by a counter that never goes back, even with a coarse or adjusted clock
            latest = max((int(r["publie_ns"]) for _p, r in self._datasets(folder)), default=0)
            row["publie_ns"] = max(time.time_ns(), latest + 1)
            return self._switch(folder, dataset_id, {**files, ROW_NAME: _json_bytes(row)})

    def entries(self, learner: str) -> list[dict[str, Any]]:
        """The learner's published datasets, newest first: each ``fiche.json`` dict plus ``dataset_id``
        and ``path`` (the dataset folder, a :class:`~pathlib.Path`)."""
        folder = self._learner_folder(learner, create=False)
        if folder is None:
            return []
        with self._locked(folder, reading=True):
            found = []
            for path, _row in self._datasets(folder, newest_first=True):
                try:
                    found.append(dict(_read_json(path / SUMMARY_NAME), dataset_id=path.name, path=path))
                except (OSError, ValueError, TypeError):  # a fiche damaged by hand: not listed
                    continue
            return found

    def export(self, learner: str, dest: Path) -> Path:
        """Copy the learner's portal (catalogue and dataset folders) to ``dest/<learner-slug>``,
        replacing a previous export there; returns that folder."""
        folder = self._learner_folder(learner, create=False)
        if folder is None:
            raise NothingPublished(msg(_NOTHING, learner=learner))
        dest = Path(dest)
        target = dest / folder.name
        with self._locked(folder, reading=True):
            if not self._datasets(folder):
                raise NothingPublished(msg(_NOTHING, learner=learner))
            tag = secrets.token_hex(4)
            staging, aside = dest / f".{folder.name}.export-{tag}", dest / f".{folder.name}.ancien-{tag}"
            try:
                dest.mkdir(parents=True, exist_ok=True)
                shutil.copytree(folder, staging, ignore=lambda _d, names: [n for n in names if n.startswith(".")])
                (staging / CATALOGUE_NAME).write_bytes(self._catalogue_bytes(folder) or b"")  # as written today
                if target.exists():
                    os.rename(target, aside)
                os.rename(staging, target)
            except OSError as exc:
                shutil.rmtree(staging, ignore_errors=True)
                if aside.exists() and not target.exists():
                    os.rename(aside, target)
                raise _cannot_write(dest, exc) from exc
            shutil.rmtree(aside, ignore_errors=True)
        return target

    def learners(self) -> list[str]:
        """Pseudonyms that have a portal folder, sorted."""
        if not self.root.is_dir():
            return []
        found = []
        for child in self.root.iterdir():
            try:
                found.append(str(_read_json(child / OWNER_NAME)["pseudonyme"]))
            except (OSError, ValueError, KeyError, TypeError):
                continue
        return sorted(found, key=learner_key)

    # ------------------------------------------------------------------ learner folders
    def _learner_folder(self, learner: str, *, create: bool) -> Path | None:
        """``root/<slug>``; ``<slug>-<hash>`` when the plain slug belongs to another pseudonym."""
        key = learner_key(learner)
        if not key:
            raise ValueError("pseudonyme vide")
        base = learner_slug(learner)
        candidates = [self.root / base, self.root / f"{base}-{_short_hash(learner)}"]
        for folder in candidates:
            if self._owner(folder) == key:
                return folder
        if not create:
            return None
        try:
            for folder in candidates:
                if self._claim(folder, learner) == key:
                    return folder
        except OSError as exc:
            raise _cannot_write(self.root, exc) from exc
        raise PortalError(msg(_CANNOT_WRITE, path=str(self.root), reason=N_("nom de dossier déjà pris")))

    @staticmethod
    def _owner(folder: Path) -> str | None:
        try:
            return learner_key(str(_read_json(folder / OWNER_NAME)["pseudonyme"]))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def _claim(self, folder: Path, learner: str) -> str | None:
        """Make ``folder`` this learner's unless another one owns it; returns the owner's key.
        The owner file appears complete or not at all (hard link of a fsynced temp file)."""
        folder.mkdir(parents=True, exist_ok=True)
        owner = folder / OWNER_NAME
        if not owner.exists():
            tmp = folder / f".tmp-owner-{secrets.token_hex(4)}"
            _write_new(tmp, _json_bytes({"pseudonyme": unicodedata.normalize("NFC", learner.strip())}))
            try:
                os.link(tmp, owner)  # fails if another process claimed it first
            except FileExistsError:
                pass
            except OSError:  # no hard links here: a rename does not overwrite on Windows
                os.rename(tmp, owner)
            tmp.unlink(missing_ok=True)
            _fsync_dir(folder)
        return self._owner(folder)

    @contextmanager
    def _locked(self, folder: Path, *, reading: bool = False) -> Iterator[None]:
        """Hold the learner's lock and recover an interrupted publication first. A read-only portal
        with nothing to recover is read without the lock."""
        try:
            fd: int | None = os.open(folder / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o666)
        except OSError as exc:
            if not reading or (folder / JOURNAL_NAME).exists():
                raise _cannot_write(folder, exc) from exc
            fd = None
        if fd is None:
            yield
            return
        try:
            if fcntl is not None:
                fcntl.flock(fd, fcntl.LOCK_EX)
            elif msvcrt is not None:  # pragma: no cover - Windows
                msvcrt.locking(fd, msvcrt.LK_LOCK, 1)
            try:
                self._recover(folder)
            except OSError as exc:
                raise _cannot_write(folder, exc) from exc
            yield
        finally:
            if fcntl is None and msvcrt is not None:  # pragma: no cover - Windows
                try:
                    os.lseek(fd, 0, os.SEEK_SET)
                    msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
                except OSError:
                    pass
            os.close(fd)

    # ------------------------------------------------------------------ publishing
    @staticmethod
    def _files(csv_bytes: bytes, metadata: dict[str, Any], summary: dict[str, Any], header: Sequence[str],
               row: Mapping[str, str], extra_files: Mapping[str, bytes]) -> tuple[dict[str, bytes], dict[str, Any]]:
        """The files of the dataset folder, serialised before anything touches the disk, and the
        catalogue row record (its publication time is set under the lock)."""
        header = [str(h) for h in header]
        if not header or len(set(header)) != len(header):
            raise ValueError("l'en-tête du catalogue doit être non vide et sans doublon")
        files = {CSV_NAME: bytes(csv_bytes), METADATA_NAME: _json_bytes(metadata)}
        for name, data in extra_files.items():
            if not _FILE_RE.match(name) or ".." in name or len(name) > 100 or name.lower() in _RESERVED:
                raise ValueError(f"nom de fichier invalide : {name!r}")
            files[name] = bytes(data)
        files[SUMMARY_NAME] = _json_bytes(summary)
        return files, {"entete": header, "ligne": {h: str(row.get(h) or "") for h in header}, "publie_ns": 0}

    def _switch(self, folder: Path, dataset_id: str, files: Mapping[str, bytes]) -> Path:
        tag = secrets.token_hex(4)
        live, staging, aside = folder / dataset_id, folder / f".prepa-{dataset_id}-{tag}", folder / f".ancien-{dataset_id}-{tag}"
        journal = folder / JOURNAL_NAME
        moved_aside = moved_in = committed = False
        try:
            staging.mkdir()
            for name, data in files.items():
                _write_new(staging / name, data)
                _step(f"fichier:{name}")
            _fsync_dir(staging)
            _replace_file(journal, _json_bytes({"jeu": dataset_id, "prepa": staging.name, "ancien": aside.name}))
            if live.exists():
                os.rename(live, aside)
                moved_aside = True
                _fsync_dir(folder)
                _step("ancien-de-cote")
            os.rename(staging, live)
            moved_in = True
            _fsync_dir(folder)
            _step("nouveau-en-place")
            catalogue = folder / CATALOGUE_NAME
            tmp = _write_temp(catalogue, self._catalogue_bytes(folder) or b"")
            try:
                os.replace(tmp, catalogue)  # the commit point
            except BaseException:
                tmp.unlink(missing_ok=True)
                raise
            committed = True
            _step("catalogue-remplace")
            _fsync_dir(folder)
            journal.unlink()  # what is left is cleaning, which the next recovery would also do
            _fsync_dir(folder)
            _step("journal-supprime")
            _remove(aside)
            _step("ancien-supprime")
        except OSError as exc:
            if committed:
                return live
            self._roll_back(folder, live, staging, aside, moved_aside, moved_in)
            raise _cannot_write(folder, exc) from exc
        except BaseException:
            if not committed:
                self._roll_back(folder, live, staging, aside, moved_aside, moved_in)
            raise
        return live

    @staticmethod
    def _roll_back(folder: Path, live: Path, staging: Path, aside: Path, moved_aside: bool, moved_in: bool) -> None:
        """Undo an unfinished switch after an error (a kill is undone by :meth:`_recover`). If this
        fails too, the journal stays and the next recovery ends in the old or the new state."""
        try:
            if moved_in:
                os.rename(live, staging)
            if moved_aside:
                os.rename(aside, live)
            _remove(staging)
            (folder / JOURNAL_NAME).unlink(missing_ok=True)  # recovery ran first: a journal is ours
            _fsync_dir(folder)
        except OSError:
            pass

    # ------------------------------------------------------------------ recovery and catalogue
    def _recover(self, folder: Path) -> None:
        journal = folder / JOURNAL_NAME
        if journal.exists():
            try:
                j = _read_json(journal)
                live, staging, aside = folder / j["jeu"], folder / j["prepa"], folder / j["ancien"]
                valid = _ID_RE.match(j["jeu"]) and all(p.parent == folder for p in (live, staging, aside)) \
                    and staging.name.startswith(".prepa-") and aside.name.startswith(".ancien-")
            except (ValueError, KeyError, TypeError):
                valid = False
            if valid and staging.exists():  # the switch did not happen: back to the old folder
                if not live.exists() and aside.exists():
                    os.rename(aside, live)
                    _fsync_dir(folder)
                    _step("reprise:ancien-remis")
                _remove(staging)
                _step("reprise:prepa-supprime")
            elif valid:  # the new folder is live: forward
                _remove(aside)
                _step("reprise:ancien-supprime")
            self._rebuild_catalogue(folder)
            journal.unlink()
            _fsync_dir(folder)
            _step("reprise:journal-supprime")
        for child in folder.iterdir():
            if not child.name.startswith(_STALE):
                continue
            m = _ASIDE_RE.match(child.name)
            if m and not (folder / m["id"]).exists():  # never delete the only copy of a dataset
                os.rename(child, folder / m["id"])
                self._rebuild_catalogue(folder)
            else:
                _remove(child)

    @staticmethod
    def _datasets(folder: Path, newest_first: bool = False) -> list[tuple[Path, dict[str, Any]]]:
        """Committed dataset folders with their catalogue row, oldest first (unreadable ones left out)."""
        found = []
        for child in folder.iterdir():
            if not _ID_RE.match(child.name) or not child.is_dir():
                continue
            try:
                row = _read_json(child / ROW_NAME)
                found.append((int(row["publie_ns"]), child.name, child, row))
            except (OSError, ValueError, KeyError, TypeError):
                continue
        found.sort(reverse=newest_first)
        return [(path, row) for _ns, _name, path, row in found]

    def _catalogue_bytes(self, folder: Path) -> bytes | None:
        """catalogue.csv from the committed folders (newest header first, columns of older ones
        added), oldest row first; ``None`` without any dataset."""
        datasets = self._datasets(folder)
        if not datasets:
            return None
        header: list[str] = []
        for _path, row in reversed(datasets):
            header += [h for h in row["entete"] if h not in header]
        # a title such as « =HYPERLINK(…) » would run when the exported catalogue is opened in Excel
        rows = [[neutralise(str(row["ligne"].get(h, ""))) for h in header] for _path, row in datasets]
        return quality_csv_text(Table.from_rows(header, rows)).encode("utf-8")

    def _rebuild_catalogue(self, folder: Path) -> None:
        data = self._catalogue_bytes(folder)
        if data is None:
            (folder / CATALOGUE_NAME).unlink(missing_ok=True)
        else:
            _replace_file(folder / CATALOGUE_NAME, data)
