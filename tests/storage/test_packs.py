"""Scenario packs: a ``.zip`` dropped in the user scenarios folder is listed; a dangerous one is refused
by name, with nothing written outside the cache."""

import errno
import os
import stat
import struct
import zipfile
from pathlib import Path

import pytest

from game.cli import main
from game.storage import packs
from game.storage.library import discover, load_all, load_library
from game.storage.packs import open_pack
from game.storage.paths import user_scenarios_dir
from game.storage.scenarios import builtin_scenarios_dir, default_scenario_dirs
from game.storage.store import Store

ROOT = Path(__file__).resolve().parents[2]
FIX = ROOT / "tests" / "fixtures" / "scenarios"
MINI = {"mini/scenario.yaml": (FIX / "mini" / "scenario.yaml").read_bytes()}
REBUILD = ("Ce paquet n'a pas été fait en compressant un dossier ordinaire : ne l'utilisez pas, recréez-le à partir "
           "du dossier du scénario.")


def _folder(src: Path, name: str, new_id: str | None = None) -> dict[str, bytes]:
    out = {f"{name}/{p.relative_to(src).as_posix()}": p.read_bytes() for p in sorted(src.rglob("*")) if p.is_file()}
    if new_id:
        yaml = out[f"{name}/scenario.yaml"].decode("utf-8").replace(f"\nid: {src.name}\n", f"\nid: {new_id}\n")
        out[f"{name}/scenario.yaml"] = yaml.encode("utf-8")
    return out


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def _rewrite(path: Path, member: str, central: int, local: int, fmt: str, value: int) -> None:
    """Rewrite one header field of a member, in the central directory and in its local header."""
    data = bytearray(path.read_bytes())
    at = data.find(b"PK\x01\x02")
    while at >= 0:
        (length,) = struct.unpack_from("<H", data, at + 28)
        if data[at + 46:at + 46 + length] == member.encode():
            struct.pack_into(fmt, data, at + central, value)
            (header,) = struct.unpack_from("<L", data, at + 42)
            struct.pack_into(fmt, data, header + local, value)
        at = data.find(b"PK\x01\x02", at + 4)
    path.write_bytes(bytes(data))


def _declare_size(path: Path, member: str, size: int) -> None:
    _rewrite(path, member, 24, 22, "<L", size)  # uncompressed size


def _written(tmp_path: Path) -> list[Path]:
    """Every file under tmp_path but the zips themselves."""
    return [p for p in tmp_path.rglob("*") if p.is_file() and p.suffix != ".zip"]


def _bad_name(name: str):
    return lambda path: _zip(path, {**MINI, name: b"pwned"})


def _symlink(path: Path) -> Path:
    _zip(path, MINI)
    info = zipfile.ZipInfo("mini/data/lien.csv")
    info.create_system = 3
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    with zipfile.ZipFile(path, "a") as zf:
        zf.writestr(info, "/etc/passwd")
    return path


def _one_gigabyte(path: Path) -> Path:
    _zip(path, {**MINI, "mini/data/grand.csv": b"a,b\n1,2\n"})
    _declare_size(path, "mini/data/grand.csv", 1 << 30)
    return path


def _too_many(path: Path) -> Path:
    return _zip(path, {**MINI, **{f"mini/data/f{i:04}.csv": b"" for i in range(2000)}})


def _too_many_behind_a_lying_count(path: Path) -> Path:
    _too_many(path)
    data = bytearray(path.read_bytes())
    end = data.rfind(b"PK\x05\x06")
    struct.pack_into("<HH", data, end + 8, 3, 3)  # the end record claims 3 files; the directory lists 2001
    path.write_bytes(bytes(data))
    return path


def _password(path: Path) -> Path:
    _zip(path, {**MINI, "mini/data/secret.csv": b"a\n1\n"})
    _rewrite(path, "mini/data/secret.csv", 8, 6, "<H", 0x1)  # flag "encrypted": refused before anything is read
    return path


REFUSED = {
    "parent": (_bad_name("../../evil.txt"), "Le chemin « ../../evil.txt » du paquet remonte hors du paquet (« .. ») : refusé."),
    "parent-inside": (_bad_name("mini/../../evil.txt"),
                      "Le chemin « mini/../../evil.txt » du paquet remonte hors du paquet (« .. ») : refusé."),
    "absolute": (_bad_name("/tmp/evil.txt"),
                 "Le chemin « /tmp/evil.txt » du paquet est absolu : un paquet n'écrit que dans son propre dossier."),
    "drive": (_bad_name("C:/evil.txt"), "Le chemin « C:/evil.txt » du paquet contient une lettre de lecteur ou « : » : refusé."),
    "backslash": (_bad_name("..\\..\\evil.txt"),
                  "Le chemin « ..\\..\\evil.txt » du paquet contient une barre oblique inverse (\\) : refusé."),
    "symlink": (_symlink, "« mini/data/lien.csv » est un lien symbolique : un paquet ne contient que des fichiers et des dossiers."),
    "1-gb": (_one_gigabyte, "« mini/data/grand.csv » annonce 1024 Mo : la limite est de 50 Mo par fichier."),
    "password": (_password, "« mini/data/secret.csv » est protégé par un mot de passe : le jeu ne peut pas le lire."),
    "same-name": (lambda p: _zip(p, {**MINI, "mini/data/a.csv": b"1", "mini/data/A.csv": b"2"}),
                  "« mini/data/A.csv » apparaît deux fois dans le paquet (en ignorant les majuscules)."),
    "too-many": (_too_many, "Le paquet contient 2001 fichiers : la limite est de 2000."),
    "lying-count": (_too_many_behind_a_lying_count, "Le paquet contient 2001 fichiers : la limite est de 2000."),
    "not-a-zip": (lambda p: p.write_bytes(b"ceci n'est pas un zip") and p,
                  "Ce fichier n'est pas une archive zip lisible : il n'est pas au format zip, ou il est incomplet "
                  "(copie ou téléchargement interrompu)."),
    "cut-short": (lambda p: p.write_bytes(_zip(p, MINI).read_bytes()[:-30]) and p,
                  "Ce fichier n'est pas une archive zip lisible : il n'est pas au format zip, ou il est incomplet "
                  "(copie ou téléchargement interrompu)."),
    "file-then-folder": (lambda p: _zip(p, {**MINI, "mini/data": b"x", "mini/data/f.csv": b"a\n1\n"}),
                         "« mini/data » est à la fois un fichier et un dossier dans le paquet : recréez-le."),
    "folder-then-file": (lambda p: _zip(p, {**MINI, "mini/data/f.csv": b"a\n1\n", "mini/Data": b"x"}),
                         "« mini/Data » est à la fois un fichier et un dossier dans le paquet : recréez-le."),
    "folder-entry-and-file": (lambda p: _zip(p, {**MINI, "mini/data/": b"", "mini/data": b"x"}),
                              "« mini/data » est à la fois un fichier et un dossier dans le paquet : recréez-le."),
    "same-name-accents": (lambda p: _zip(p, {**MINI, "mini/data/\u00e9t\u00e9.csv": b"1", "mini/data/e\u0301te\u0301.csv": b"2"}),
                          "« mini/data/e\u0301te\u0301.csv » apparaît deux fois dans le paquet (en ignorant les majuscules)."),
    "no-scenario": (lambda p: _zip(p, {"notes/lisez-moi.txt": b"bonjour"}),
                    "Aucun scénario dans ce paquet : il ne contient aucun fichier scenario.yaml."),
    "too-deep": (lambda p: _zip(p, {"export/mini/scenario.yaml": MINI["mini/scenario.yaml"]}),
                 "Aucun scénario lisible dans ce paquet : « export/mini/scenario.yaml » est rangé trop profond."),
}


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_a_dangerous_or_broken_pack_is_refused_by_name_and_nothing_is_written(case, tmp_path):
    build, expected = REFUSED[case]
    zip_path = tmp_path / "paquet.zip"
    build(zip_path)
    pack = open_pack(zip_path, tmp_path / "cache")
    assert pack.files == () and pack.root is None
    [problem] = pack.problems
    assert problem.message.format_source() == expected
    assert problem.file == str(zip_path) and problem.hint is not None
    assert _written(tmp_path) == []


def test_a_name_used_for_a_file_and_a_folder_gets_the_hint_to_rebuild_the_pack(tmp_path):
    zip_path = _zip(tmp_path / "paquet.zip", {**MINI, "mini/data": b"x", "mini/data/f.csv": b"a\n1\n"})
    [problem] = open_pack(zip_path, tmp_path / "cache").problems
    assert problem.hint.format_source() == REBUILD
    assert "File exists" not in problem.message.format_source() and "disque" not in problem.hint.format_source()


def _compression(path: Path, member: str, method: int) -> None:
    _rewrite(path, member, 10, 8, "<H", method)


def test_a_member_compressed_with_an_unknown_method_is_named_in_french(tmp_path):
    zip_path = _zip(tmp_path / "paquet.zip", {**MINI, "mini/data/a.csv": b"a\n1\n"})
    _compression(zip_path, "mini/data/a.csv", 97)  # WavPack: zipfile raises NotImplementedError in English
    [problem] = open_pack(zip_path, tmp_path / "cache").problems
    assert problem.message.format_source() == ("« mini/data/a.csv » est illisible dans le paquet : il est compressé "
                                               "avec une méthode que le jeu ne sait pas lire.")
    single = _zip(tmp_path / "seul.zip", {"scenario.yaml": MINI["mini/scenario.yaml"]})
    _compression(single, "scenario.yaml", 97)  # read for its id before anything is extracted
    [problem] = open_pack(single, tmp_path / "cache").problems
    assert problem.message.format_source() == "Ce paquet utilise une méthode de compression que le jeu ne sait pas lire."
    assert _written(tmp_path) == []


@pytest.mark.parametrize(("error", "expected", "hint"), [
    (OSError(errno.ENOSPC, "No space left on device"), "Le paquet n'a pas pu être extrait : le disque est plein.",
     "Libérez de la place sur le disque du dossier {cache}, puis relancez le jeu."),
    (PermissionError(errno.EACCES, "Permission denied", "/lecture-seule"),
     "Le paquet n'a pas pu être lu ou extrait : accès refusé à /lecture-seule.",
     "Vérifiez que vous avez le droit de lire le paquet et d'écrire dans le dossier {cache}."),
    (OSError(errno.ENAMETOOLONG, "File name too long"),
     "Le paquet n'a pas pu être extrait : un chemin y est trop long pour ce système.",
     "Raccourcissez les noms des dossiers et des fichiers du scénario, puis recréez le paquet."),
    (FileExistsError(errno.EEXIST, "File exists"),
     "Le paquet n'a pas pu être extrait : deux de ses fichiers ou dossiers portent le même nom pour ce système.", REBUILD),
], ids=["disk-full", "denied", "too-long", "same-name"])
def test_a_disk_error_while_extracting_is_said_in_french(tmp_path, monkeypatch, error, expected, hint):
    cache = tmp_path / "cache"

    def failing(zf, members, layout, tmp, limits):
        raise error

    monkeypatch.setattr(packs, "_extract", failing)
    [problem] = open_pack(_zip(tmp_path / "paquet.zip", MINI), cache).problems
    assert problem.message.format_source() == expected
    assert problem.hint.format_source() == hint.format(cache=cache)


def test_the_bad_member_paths_get_the_hint_to_rebuild_the_pack(tmp_path):
    pack = open_pack(_bad_name("../../evil.txt")(tmp_path / "paquet.zip"), tmp_path / "cache")
    assert pack.problems[0].hint.format_source() == REBUILD


def test_a_header_that_lies_about_a_size_stops_the_copy(tmp_path):
    zip_path = _zip(tmp_path / "bombe.zip", {**MINI, "mini/data/bombe.csv": bytes(20 * 1024 * 1024)})
    assert zip_path.stat().st_size < 100_000
    _declare_size(zip_path, "mini/data/bombe.csv", 100)
    pack = open_pack(zip_path, tmp_path / "cache")
    assert pack.problems[0].message.format_source().startswith("« mini/data/bombe.csv » est illisible dans le paquet")
    assert _written(tmp_path) == []


def test_a_pack_of_scenario_folders_is_listed_and_loads_from_the_cache(tmp_path):
    rennes = _folder(builtin_scenarios_dir() / "prenoms", "prenoms-rennes", "prenoms-rennes")
    zip_path = _zip(tmp_path / "atelier.zip", {**MINI, **rennes, "__MACOSX/mini/._scenario.yaml": b"\x00\x05"})
    loaded = load_library([zip_path], tmp_path / "cache")
    assert [(x.folder_id, x.valid) for x in loaded] == [("mini", True), ("prenoms-rennes", True)]
    assert not list((tmp_path / "cache").glob("*/__MACOSX")), "macOS resource forks are not extracted"
    rennes = loaded[1]
    assert rennes.shown == f"{zip_path}/prenoms-rennes/scenario.yaml"
    assert (rennes.path.parent / "data").is_dir() and (tmp_path / "cache") in rennes.path.parents
    assert rennes.translations.get("en"), "the pack's translations are read"


def test_a_scenario_yaml_at_the_root_is_named_after_its_id(tmp_path):
    zip_path = _zip(tmp_path / "telechargement (1).zip", {"scenario.yaml": MINI["mini/scenario.yaml"]})
    [item] = load_library([zip_path], tmp_path / "cache")
    assert item.valid and item.folder_id == "mini"
    assert item.shown == f"{zip_path}/mini/scenario.yaml"


def test_a_pack_is_extracted_once_and_an_updated_zip_replaces_it(tmp_path):
    cache = tmp_path / "cache"
    zip_path = _zip(tmp_path / "paquet.zip", MINI)
    first = open_pack(zip_path, cache).root
    (first / "témoin").write_text("gardé")
    assert open_pack(zip_path, cache).root == first and (first / "témoin").exists()
    _zip(zip_path, {**MINI, "mini/data/nouveau.csv": b"a\n1\n"})
    second = open_pack(zip_path, cache).root
    assert second != first and (second / "mini" / "data" / "nouveau.csv").exists()
    assert [p.name for p in cache.iterdir()] == [second.name]


def test_an_interrupted_extraction_leaves_no_half_pack(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    zip_path = _zip(tmp_path / "paquet.zip", MINI)

    def disk_full(zf, members, layout, tmp, limits):
        (tmp / "mini").mkdir()
        (tmp / "mini" / "scenario.yaml").write_bytes(b"id: mi")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(packs, "_extract", disk_full)
    pack = open_pack(zip_path, cache)
    assert pack.problems[0].message.format_source() == "Le paquet n'a pas pu être extrait : le disque est plein."
    assert list(cache.iterdir()) == []
    monkeypatch.undo()
    assert [p.parent.name for p in open_pack(zip_path, cache).files] == ["mini"]


def test_a_temporary_folder_left_by_a_crash_is_swept(tmp_path):
    cache = tmp_path / "cache"
    stale = cache / ".extraction-abc"
    (stale / "mini").mkdir(parents=True)
    os.utime(stale, (0, 0))
    open_pack(_zip(tmp_path / "paquet.zip", MINI), cache)
    assert not stale.exists()


def test_a_pack_cannot_replace_a_shipped_scenario(data_dir):
    _zip(user_scenarios_dir() / "copie.zip", _folder(builtin_scenarios_dir() / "premiers-pas", "premiers-pas"))
    loaded = [x for x in load_all(default_scenario_dirs()) if x.folder_id.startswith("premiers-pas")]
    shipped, copy = loaded
    assert shipped.valid and shipped.path == builtin_scenarios_dir() / "premiers-pas" / "scenario.yaml"
    assert not copy.valid and copy.folder_id != "premiers-pas"
    text = copy.problems[0].message.format_source()
    assert text.startswith("Un autre scénario porte déjà l'identifiant « premiers-pas » (") and text.endswith("n'est pas chargé.")


def test_the_game_library_lists_packs_dropped_in_the_user_folder(data_dir):
    from game.services import Services

    user = default_scenario_dirs()[-1]
    assert user == data_dir / "scenarios" and user.is_dir()
    _zip(user / "mini.zip", MINI)
    _symlink(user / "piege.zip")
    assert "mini" in [p.parent.name for p in discover(default_scenario_dirs())]  # what the title screen resumes from
    with Store(data_dir / "save.sqlite3") as store:
        services = Services(store, default_scenario_dirs(), language="fr")
        entries = {e.key: e for e in services.library()}
        services.close()
    assert entries["mini"].valid and entries["mini"].title == "Mini"
    refused = entries["piege.zip"]
    assert not refused.valid and refused.where == str(user / "piege.zip")
    assert refused.problem.format_source().startswith("« mini/data/lien.csv » est un lien symbolique")


def test_check_reads_a_zip_and_names_problems_inside_it(data_dir, tmp_path, capsys):
    good = _zip(tmp_path / "bon.zip", MINI)
    assert main(["check", str(good)]) == 0
    assert f"OK      {good}/mini/scenario.yaml" in capsys.readouterr().out
    typo = _zip(tmp_path / "faute.zip", _folder(FIX / "cle-mal-ecrite", "cle-mal-ecrite"))
    assert main(["check", str(typo)]) == 1
    assert f"{typo}/cle-mal-ecrite/scenario.yaml:17:5: Clé inconnue : « lignes »." in capsys.readouterr().out


def test_check_without_paths_reads_the_user_folder_and_reports_a_refused_pack(data_dir, capsys):
    bad = _bad_name("../../evil.txt")(user_scenarios_dir() / "mauvais.zip")
    assert main(["check"]) == 1
    out = capsys.readouterr().out
    assert f"{bad}: Le chemin « ../../evil.txt » du paquet remonte hors du paquet (« .. ») : refusé. {REBUILD}" in out
    assert "Traceback" not in out


def test_the_help_says_where_the_user_scenarios_folder_is(data_dir, capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    assert str(data_dir / "scenarios") in "".join(capsys.readouterr().out.split())  # argparse may wrap a long path
