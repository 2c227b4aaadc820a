"""Scenario packs: a ``.zip`` of scenario folders, checked member by member, extracted once.

A pack holds one or several scenario folders (``mon-scenario/scenario.yaml`` + ``data/``…, what
"compress this folder" makes) or a single scenario with ``scenario.yaml`` at its root (what
"compress these files" makes; its folder is then named after its ``id:``, else after the zip).

Packs are **extracted**, not read in memory: every reader of a scenario (YAML, CSV datasets,
schemas, translations, the files the portal copies) takes a folder on disk. The extraction lives in
``<data_dir>/cache/paquets/<zip path key>-<content hash>/``: done once per zip content, replaced
when the zip changes, written to a temporary folder and renamed, so a crash never leaves half a pack.

Nothing is written before every member passed: no absolute path, ``..``, drive letter, ``:`` or
backslash; no symlink or special file; no password; no name used twice or both as a file and a
folder (ignoring case); declared sizes and file count under the limits.
While copying, real bytes are counted, so a header that lies about a size stops the copy.
Every refusal is a :class:`Problem` naming the zip and the member; nothing here raises.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import stat
import struct
import tempfile
import time
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from game.core.messages import N_, Message, msg
from game.core.problems import Problem

from .pack_errors import REBUILD as _REBUILD
from .pack_errors import archive_problem, member_problem, os_problem

SCENARIO_FILE = "scenario.yaml"
MIB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Limits:
    files: int = 2000
    file_bytes: int = 50 * MIB
    pack_bytes: int = 200 * MIB  # declared and real uncompressed total, and the zip file itself
    directory_bytes_per_file: int = 1024  # central directory read before zipfile parses it


LIMITS = Limits()
_CHUNK = 64 * 1024
_SKIPPED = "__MACOSX"  # macOS Finder's resource forks: counted, never extracted
_IDENT = re.compile(rb"^id:[ \t]*[\"']?([a-z0-9][a-z0-9-]{0,63})[\"']?[ \t]*(#.*)?\r?$", re.MULTILINE)
_STALE_SECONDS = 3600
_ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError, ValueError, struct.error)


@dataclass(frozen=True, slots=True)
class Pack:
    """A ``.zip`` pack: its scenario files in the cache when accepted, its problem otherwise."""

    zip: Path
    root: Path | None  # the extracted folder
    files: tuple[Path, ...]
    problems: tuple[Problem, ...]


class _Refused(Exception):
    def __init__(self, message: Message, hint: Message | None = None) -> None:
        super().__init__(message.msgid)
        self.message, self.hint = message, hint


_LAYOUT = N_("Compressez le dossier du scénario lui-même : le paquet doit contenir mon-scenario/scenario.yaml "
             "(et mon-scenario/data/), ou scenario.yaml à sa racine.")


def is_pack(path: Path) -> bool:
    return path.suffix.lower() == ".zip"


def open_pack(path: Path, cache: Path, limits: Limits = LIMITS) -> Pack:
    """The pack's scenario files, extracted into ``cache`` if not already; a refusal otherwise."""
    try:
        root = _extracted(path, cache, limits)
    except _Refused as e:
        return Pack(path, None, (), (Problem((), e.message, e.hint, file=display(path), code="pack"),))
    except _ZIP_ERRORS as e:
        return Pack(path, None, (), (Problem((), *archive_problem(e), file=display(path), code="pack"),))
    except OSError as e:
        return Pack(path, None, (), (Problem((), *os_problem(e, cache), file=display(path), code="pack"),))
    return Pack(path, root, tuple(sorted(root.glob(f"*/{SCENARIO_FILE}"))), ())


def display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


# cache ------------------------------------------------------------------------------------------
def _content_hash(path: Path) -> str:
    """Hashed at every scan (0.4 ms for the four shipped scenarios zipped, 9 ms for 12 MB): no state kept."""
    with path.open("rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()[:20]


def _extracted(path: Path, cache: Path, limits: Limits) -> Path:
    st = path.stat()
    if st.st_size > limits.pack_bytes:
        raise _Refused(msg(N_("Le paquet pèse {size} Mo : la limite est de {limit} Mo."),
                           size=_mib(st.st_size), limit=_mib(limits.pack_bytes)),
                       msg(N_("Allégez les fichiers de données (un extrait suffit pour un scénario) ou "
                              "répartissez les scénarios dans plusieurs paquets.")))
    prefix = hashlib.sha256(str(path.resolve()).encode("utf-8", "surrogateescape")).hexdigest()[:10]
    target = cache / f"{prefix}-{_content_hash(path)}"
    if target.is_dir():
        return target
    with path.open("rb") as f:
        _check_directory(f, st.st_size, limits)
        with zipfile.ZipFile(f) as zf:
            members = _checked_members(zf, limits)
            layout = _layout(zf, members, path)
            cache.mkdir(parents=True, exist_ok=True)
            _sweep(cache)
            tmp = Path(tempfile.mkdtemp(prefix=".extraction-", dir=cache))
            try:
                _extract(zf, members, layout, tmp, limits)
                try:
                    tmp.rename(target)
                except OSError:  # another game extracted the same pack meanwhile
                    if not target.is_dir():
                        raise
                    shutil.rmtree(tmp, ignore_errors=True)
            except BaseException:
                shutil.rmtree(tmp, ignore_errors=True)
                raise
    for old in cache.glob(f"{prefix}-*"):  # an updated zip replaces its older extraction
        if old != target:
            shutil.rmtree(old, ignore_errors=True)
    return target


def _sweep(cache: Path) -> None:
    """Remove extractions a crash left half-done (old temporary folders)."""
    now = time.time()
    for tmp in cache.glob(".extraction-*"):
        try:
            if now - tmp.stat().st_mtime > _STALE_SECONDS:
                shutil.rmtree(tmp, ignore_errors=True)
        except OSError:
            pass


# checks -----------------------------------------------------------------------------------------
def _mib(size: int) -> int:
    return -(-size // MIB)


def _check_directory(f: IO[bytes], size: int, limits: Limits) -> None:
    """Refuse too many files from the end-of-archive record, before zipfile reads every entry."""
    tail_len = min(size, 22 + 65535)
    f.seek(size - tail_len)
    tail = f.read(tail_len)
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) - at < 22:
        return  # zipfile says what is wrong
    entries, dir_size = struct.unpack_from("<HL", tail, at + 10)
    if (entries == 0xFFFF or dir_size == 0xFFFFFFFF) and at >= 20 and tail[at - 20:at - 16] == b"PK\x06\x07":
        (offset,) = struct.unpack_from("<Q", tail, at - 12)
        if offset + 56 <= size:
            f.seek(offset)
            record = f.read(56)
            if record[:4] == b"PK\x06\x06":
                entries, dir_size = struct.unpack_from("<QQ", record, 32)
    if entries > limits.files or dir_size > limits.files * limits.directory_bytes_per_file:
        raise _too_many(entries, limits)
    f.seek(0)


def _too_many(count: int, limits: Limits) -> _Refused:
    return _Refused(msg(N_("Le paquet contient {count} fichiers : la limite est de {limit}."), count=count, limit=limits.files),
                    msg(N_("Retirez les fichiers inutiles (copies, fichiers temporaires) ou répartissez les scénarios "
                           "dans plusieurs paquets.")))


def _parts(name: str) -> tuple[str, ...]:
    """The member's path parts, or a refusal when it could land outside the pack."""
    def refuse(text: str) -> _Refused:
        return _Refused(msg(text, member=name), msg(_REBUILD))

    if "\\" in name:
        raise refuse(N_("Le chemin « {member} » du paquet contient une barre oblique inverse (\\) : refusé."))
    if name.startswith("/"):
        raise refuse(N_("Le chemin « {member} » du paquet est absolu : un paquet n'écrit que dans son propre dossier."))
    if ":" in name:
        raise refuse(N_("Le chemin « {member} » du paquet contient une lettre de lecteur ou « : » : refusé."))
    if any(ord(c) < 32 or ord(c) == 127 for c in name):
        raise refuse(N_("Le chemin « {member} » du paquet contient un caractère de contrôle : refusé."))
    parts = tuple(p for p in name.split("/") if p not in ("", "."))
    if ".." in parts:
        raise refuse(N_("Le chemin « {member} » du paquet remonte hors du paquet (« .. ») : refusé."))
    return parts


def _checked_members(zf: zipfile.ZipFile, limits: Limits) -> list[tuple[zipfile.ZipInfo, tuple[str, ...]]]:
    infos = zf.infolist()
    if len(infos) > limits.files:
        raise _too_many(len(infos), limits)
    out, total = [], 0
    seen: dict[str, tuple[bool, str]] = {}  # member key -> (is a folder, its path as written)
    for info in infos:
        name = info.filename
        parts = _parts(name)
        if not parts and not info.is_dir():
            raise _Refused(msg(N_("Le chemin « {member} » du paquet ne nomme aucun fichier : refusé."), member=name), msg(_REBUILD))
        mode = info.external_attr >> 16
        if stat.S_ISLNK(mode):
            raise _Refused(msg(N_("« {member} » est un lien symbolique : un paquet ne contient que des fichiers et des "
                                  "dossiers."), member=name),
                           msg(N_("Remplacez le lien par le fichier lui-même, puis recréez le paquet.")))
        if stat.S_IFMT(mode) not in (0, stat.S_IFREG, stat.S_IFDIR):
            raise _Refused(msg(N_("« {member} » n'est ni un fichier ni un dossier : refusé."), member=name), msg(_REBUILD))
        if info.flag_bits & 0x1:
            raise _Refused(msg(N_("« {member} » est protégé par un mot de passe : le jeu ne peut pas le lire."), member=name),
                           msg(N_("Recréez le paquet sans mot de passe.")))
        if info.file_size > limits.file_bytes:
            raise _Refused(msg(N_("« {member} » annonce {size} Mo : la limite est de {limit} Mo par fichier."),
                               member=name, size=_mib(info.file_size), limit=_mib(limits.file_bytes)),
                           msg(N_("Allégez ce fichier (un extrait suffit pour un scénario) ou retirez-le du paquet.")))
        total += info.file_size
        if total > limits.pack_bytes:
            raise _Refused(msg(N_("Les fichiers du paquet dépassent {limit} Mo une fois décompressés (à « {member} »)."),
                               member=name, limit=_mib(limits.pack_bytes)),
                           msg(N_("Allégez les fichiers de données ou répartissez les scénarios dans plusieurs paquets.")))
        key = _key(parts)
        if parts and key in seen:
            if seen[key][0] != info.is_dir():
                raise _clash("/".join(parts))
            raise _Refused(msg(N_("« {member} » apparaît deux fois dans le paquet (en ignorant les majuscules)."), member=name),
                           msg(_REBUILD))
        seen[key] = (info.is_dir(), "/".join(parts))
        if parts and parts[0] != _SKIPPED:
            out.append((info, parts))
    for _info, parts in out:  # a file « x/data » and a member « x/data/f.csv »: one of them cannot be written
        for i in range(1, len(parts)):
            is_dir, written = seen.get(_key(parts[:i]), (True, ""))
            if not is_dir:
                raise _clash(written)
    return out


def _key(parts: tuple[str, ...]) -> str:
    """The same key for the names a disk may take for one (case, composed or decomposed accents)."""
    return unicodedata.normalize("NFC", "/".join(parts)).casefold()


def _clash(member: str) -> _Refused:
    return _Refused(msg(N_("« {member} » est à la fois un fichier et un dossier dans le paquet : recréez-le."),
                        member=member), msg(_REBUILD))


def _layout(zf: zipfile.ZipFile, members: list[tuple[zipfile.ZipInfo, tuple[str, ...]]], path: Path) -> tuple[str, ...]:
    """The folder the members go in: none when the pack holds scenario folders, one when it is a scenario."""
    root = next((info for info, parts in members if parts == (SCENARIO_FILE,)), None)
    if root is not None:
        with zf.open(root) as f:
            found = _IDENT.search(f.read(64 * 1024))
        return (found.group(1).decode("ascii") if found else path.stem if path.stem.strip(".") else "scenario",)
    if any(len(parts) == 2 and parts[1] == SCENARIO_FILE for _info, parts in members):
        return ()
    deep = next((info.filename for info, parts in members if parts[-1] == SCENARIO_FILE), None)
    if deep is not None:
        raise _Refused(msg(N_("Aucun scénario lisible dans ce paquet : « {member} » est rangé trop profond."), member=deep),
                       msg(_LAYOUT))
    raise _Refused(msg(N_("Aucun scénario dans ce paquet : il ne contient aucun fichier scenario.yaml.")), msg(_LAYOUT))


def _extract(zf: zipfile.ZipFile, members: list[tuple[zipfile.ZipInfo, tuple[str, ...]]], layout: tuple[str, ...],
             tmp: Path, limits: Limits) -> None:
    inside = tmp.resolve()
    total = 0
    for info, parts in members:
        dest = tmp.joinpath(*layout, *parts)
        if not dest.resolve().is_relative_to(inside):  # belt and braces: _parts already refused it
            raise _Refused(msg(N_("Le chemin « {member} » du paquet remonte hors du paquet (« .. ») : refusé."),
                               member=info.filename), msg(_REBUILD))
        if info.is_dir():
            dest.mkdir(parents=True, exist_ok=True)
            continue
        dest.parent.mkdir(parents=True, exist_ok=True)
        written = 0
        try:
            with zf.open(info) as src, dest.open("xb") as out:
                while chunk := src.read(_CHUNK):
                    written += len(chunk)
                    total += len(chunk)
                    if written > min(info.file_size, limits.file_bytes) or total > limits.pack_bytes:
                        raise _Refused(msg(N_("« {member} » est plus gros qu'annoncé dans le paquet : extraction arrêtée."),
                                           member=info.filename), msg(_REBUILD))
                    out.write(chunk)
        except _ZIP_ERRORS as e:
            raise _Refused(*member_problem(info.filename, e)) from e
