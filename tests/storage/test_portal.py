"""The learner's portal on disk: publish, re-publish, catalogue, export, and all or nothing when killed."""

from __future__ import annotations

import csv
import errno
import inspect
import io
import json
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from game.storage import portal as portal_module
from game.storage.csvfile import read_csv
from game.storage.portal import Portal, PortalError, learner_slug

ROOT = Path(__file__).resolve().parents[2]
HEADER = ("identifiant", "titre", "version")
LEARNER = "Camille"


def publish_version(portal, dataset, version, learner="Camille"):
    """Version ``version`` of ``dataset``: every file (and the catalogue row) says which version it is.
    Also run in the child processes (its source is sent to them)."""
    return portal.publish(
        learner, dataset,
        csv_bytes=f"version\r\n{version}\r\n".encode() + b"ligne,valeur\r\n" * 20_000,
        metadata={"version": version, "titre": f"Jeu v{version} — été"},
        summary={"title": f"v{version}", "version": version, "licence": "etalab-2.0", "donnees_personnelles": False},
        catalogue_header=("identifiant", "titre", "version"),
        catalogue_row={"identifiant": dataset, "titre": f"Jeu {dataset}, v{version}", "version": str(version)},
        extra_files={f"notes-v{version}.txt": f"notes de la version {version}\n".encode()},
    )


def catalogue_rows(folder: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO((folder / "catalogue.csv").read_bytes().decode("utf-8"), newline="")))


def assert_consistent(root: Path, dataset: str, allowed: set[int | None]) -> int | None:
    """Open the portal afresh (this recovers) and check that ``dataset`` is wholly one version."""
    entries = {e["dataset_id"]: e for e in Portal(root).entries(LEARNER)}
    folder = root / "camille"
    assert entries["autre"]["version"] == 1  # the other dataset is never touched
    entry = entries.get(dataset)
    version = None if entry is None else entry["version"]
    assert version in allowed, (version, allowed)
    if entry is not None:
        path = entry["path"]
        assert sorted(p.name for p in path.iterdir()) == sorted(
            ["catalogue-ligne.json", "donnees.csv", "fiche.json", "metadonnees.jsonld", f"notes-v{version}.txt"])
        assert (path / "donnees.csv").read_bytes().startswith(f"version\r\n{version}\r\n".encode())
        assert (path / "donnees.csv").stat().st_size == len(f"version\r\n{version}\r\n") + 14 * 20_000
        assert json.loads((path / "metadonnees.jsonld").read_text(encoding="utf-8"))["version"] == version
        assert json.loads((path / "catalogue-ligne.json").read_text(encoding="utf-8"))["ligne"]["version"] == str(version)
    rows = {r["identifiant"]: r for r in catalogue_rows(folder)}
    assert set(rows) == set(entries)  # one row per folder, no more
    if entry is not None:
        assert rows[dataset]["version"] == str(version)
    leftovers = {p.name for p in folder.iterdir() if p.name.startswith(".")} - {".pseudonyme", ".verrou"}
    assert not leftovers
    return version


def fresh_portal(tmp_path: Path, name: str) -> Path:
    """A portal where Camille has published v1 of « autre » and of « d »."""
    root = tmp_path / name / "portail"
    portal = Portal(root)
    publish_version(portal, "autre", 1)
    publish_version(portal, "d", 1)
    return root


# ---------------------------------------------------------------------- behaviour

def test_publish_then_entries_lists_the_summary_with_id_and_path(tmp_path):
    portal = Portal(tmp_path / "portail")
    folder = portal.publish(LEARNER, "subventions-2018", csv_bytes=b"a,b\r\n1,2\r\n",
                            metadata={"title": "Subventions 2018", "publisher": "Département"},
                            summary={"title": "Subventions 2018", "licence": "etalab-2.0", "score": 0.9},
                            catalogue_header=HEADER, catalogue_row={"identifiant": "subventions-2018", "titre": "Subventions"},
                            extra_files={"schema.json": b"{}"})
    assert folder == tmp_path / "portail" / "camille" / "subventions-2018"
    assert (folder / "donnees.csv").read_bytes() == b"a,b\r\n1,2\r\n"
    assert (folder / "schema.json").read_bytes() == b"{}"
    meta = (folder / "metadonnees.jsonld").read_text(encoding="utf-8")
    assert json.loads(meta)["publisher"] == "Département" and "Département" in meta and "\n  " in meta  # pretty UTF-8
    assert portal.entries("camille") == [{"title": "Subventions 2018", "licence": "etalab-2.0", "score": 0.9,
                                          "dataset_id": "subventions-2018", "path": folder}]
    assert portal.entries("Paul") == []
    assert not (tmp_path / "portail" / "paul").exists()  # reading creates nothing


def test_entries_are_newest_first(tmp_path):
    portal = Portal(tmp_path / "portail")
    for dataset in ("a", "b", "c"):
        publish_version(portal, dataset, 1)
    publish_version(portal, "a", 2)
    assert [e["dataset_id"] for e in portal.entries(LEARNER)] == ["a", "c", "b"]


def test_republishing_replaces_the_folder_and_the_catalogue_row(tmp_path):
    portal = Portal(tmp_path / "portail")
    publish_version(portal, "autre", 1)
    folder = publish_version(portal, "d", 1)
    assert publish_version(portal, "d", 2) == folder
    assert not (folder / "notes-v1.txt").exists() and (folder / "notes-v2.txt").exists()
    assert assert_consistent(tmp_path / "portail", "d", {2}) == 2
    rows = catalogue_rows(folder.parent)
    assert [r["identifiant"] for r in rows] == ["autre", "d"] and rows[1]["titre"] == "Jeu d, v2"


def test_catalogue_of_two_datasets_is_a_quality_csv(tmp_path):
    portal = Portal(tmp_path / "portail")
    publish_version(portal, "subventions", 1)
    publish_version(portal, "prenoms", 1)
    catalogue = tmp_path / "portail" / "camille" / "catalogue.csv"
    raw = catalogue.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    assert raw.decode("utf-8").split("\r\n") == [
        "identifiant,titre,version", 'subventions,"Jeu subventions, v1",1', 'prenoms,"Jeu prenoms, v1",1', ""]
    assert read_csv(catalogue).findings == ()


@pytest.mark.parametrize("bad", ["", "..", "../x", "a/b", "a\\b", ".cache", "Subventions", "a b", "a--b", "-a", "nul",
                                 "x" * 101])
def test_a_dataset_id_that_is_not_a_plain_slug_is_refused(tmp_path, bad):
    with pytest.raises(ValueError):
        publish_version(Portal(tmp_path / "portail"), bad, 1)
    assert not (tmp_path / "portail").exists()


@pytest.mark.parametrize("bad", ["../x.txt", "a/b.txt", ".cache", "fiche.json", "Donnees.csv", "a..b"])
def test_a_resource_name_that_is_not_a_plain_file_name_is_refused(tmp_path, bad):
    with pytest.raises(ValueError):
        Portal(tmp_path / "portail").publish(LEARNER, "d", csv_bytes=b"", metadata={}, summary={},
                                             catalogue_header=HEADER, catalogue_row={}, extra_files={bad: b""})


def test_slugs_fold_accents_and_stay_distinct(tmp_path):
    assert learner_slug("Élodie") == "elodie"
    assert learner_slug("  Anne-Sophie Lefèvre ") == "anne-sophie-lefevre"
    assert learner_slug("Œdipe") == "oedipe"
    assert learner_slug("東京").startswith("apprenant-") and learner_slug("東京") != learner_slug("大阪")
    assert learner_slug("??") != learner_slug("!!")
    portal = Portal(tmp_path / "portail")
    a = publish_version(portal, "d", 1, learner="Élodie")
    b = publish_version(portal, "d", 2, learner="Elodie")
    c = publish_version(portal, "d", 3, learner="ÉLODIE")  # the same learner as « Élodie »
    assert a.parent.name == "elodie" and b.parent.name.startswith("elodie-") and c == a
    assert [e["version"] for e in portal.entries("élodie")] == [3]
    assert [e["version"] for e in portal.entries("Elodie")] == [2]
    assert portal.learners() == ["Elodie", "Élodie"]


def test_export_copies_everything_and_replaces_a_previous_export(tmp_path):
    portal = Portal(tmp_path / "portail")
    publish_version(portal, "autre", 1)
    publish_version(portal, "d", 1)
    dest = tmp_path / "cle-usb"
    out = portal.export(LEARNER, dest)
    assert out == dest / "camille"
    src = tmp_path / "portail" / "camille"

    def tree(folder):
        return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}

    expected = {k: v for k, v in tree(src).items() if not k.startswith(".")}
    assert tree(out) == expected and "catalogue.csv" in expected and "d/donnees.csv" in expected
    publish_version(portal, "d", 2)
    portal.export("camille", dest)
    assert (out / "d" / "notes-v2.txt").exists() and not (out / "d" / "notes-v1.txt").exists()
    assert [p.name for p in dest.iterdir()] == ["camille"]
    with pytest.raises(PortalError, match="Paul n'a publié aucun jeu de données"):
        portal.export("Paul", dest)


def test_export_to_a_folder_that_cannot_be_written_says_so_in_french(tmp_path):
    portal = Portal(tmp_path / "portail")
    publish_version(portal, "d", 1)
    blocker = tmp_path / "fichier"
    blocker.write_text("")
    with pytest.raises(PortalError, match=r"Impossible d'écrire le portail dans .*fichier.* : une partie du chemin n'est pas un dossier\."):
        portal.export(LEARNER, blocker / "dest")


def _steps_of_a_republication(tmp_path) -> list[str]:
    root = fresh_portal(tmp_path, "etapes")
    steps: list[str] = []
    portal_module._test_hook = steps.append
    try:
        publish_version(Portal(root), "d", 2)
    finally:
        portal_module._test_hook = None
    return steps


@pytest.mark.parametrize("error", [OSError(errno.ENOSPC, "No space left on device"),
                                   PermissionError(errno.EACCES, "Permission denied")])
def test_a_disk_error_at_any_step_leaves_the_old_state_with_a_french_message(tmp_path, monkeypatch, error):
    steps = _steps_of_a_republication(tmp_path)
    assert "nouveau-en-place" in steps and "catalogue-remplace" in steps
    commit = steps.index("catalogue-remplace")
    reason = "le disque est plein" if error.errno == errno.ENOSPC else "accès refusé"
    for k, step in enumerate(steps):
        root = fresh_portal(tmp_path, f"{error.errno}-{k}")

        def fail(name, k=k, seen=[]):  # noqa: B006 - a counter shared by the calls of one publication
            seen.append(name)
            if len(seen) == k + 1:
                raise error

        monkeypatch.setattr(portal_module, "_test_hook", fail)
        if k < commit:
            with pytest.raises(PortalError) as raised:
                publish_version(Portal(root), "d", 2)
            assert str(raised.value) == f"Impossible d'écrire le portail dans {root / 'camille'} : {reason}.", step
            # rolled back at once, without waiting for a recovery
            assert {p.name for p in (root / "camille").iterdir()} == {".pseudonyme", ".verrou", "catalogue.csv", "autre", "d"}
        else:
            publish_version(Portal(root), "d", 2)  # committed: the publication stands
        monkeypatch.setattr(portal_module, "_test_hook", None)
        assert assert_consistent(root, "d", {1 if k < commit else 2}) == (1 if k < commit else 2), step


# ---------------------------------------------------------------------- killed (SIGKILL) while publishing

CHILD = """
import itertools, os, random, signal, sys
from pathlib import Path
from game.storage import portal as portal_module
from game.storage.portal import Portal

{helper}

root, mode, dataset, version, kill_at = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
calls = 0

def hook(step):
    global calls
    calls += 1
    if calls == kill_at:
        os.kill(os.getpid(), signal.SIGKILL)

portal_module._test_hook = hook
portal = Portal(Path(root))
if mode == "publish":
    publish_version(portal, dataset, version)
elif mode == "recover":
    portal.entries("Camille")
else:  # loop: v1, v2, v1… until killed from outside
    for i in itertools.count():
        publish_version(portal, dataset, 1 + i % 2)
        print("pret" if i == 0 else "v%d" % (1 + i % 2), flush=True)  # one line per publication done
"""


def child(root: Path, mode: str, dataset: str = "d", version: int = 2, kill_at: int = 0, **kw):
    script = CHILD.format(helper=inspect.getsource(publish_version))
    args = [sys.executable, "-c", script, str(root), mode, dataset, str(version), str(kill_at)]
    if kw.get("popen"):
        return subprocess.Popen(args, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=30)


def kill_at_every_step(root_for, mode: str, dataset: str, allowed: set[int | None]) -> list[int | None]:
    """Kill a child at its 1st, 2nd, 3rd… step until it finishes; check the state after each kill."""
    seen = []
    for k in range(1, 100):
        root = root_for(k)
        r = child(root, mode, dataset, kill_at=k)
        if r.returncode == 0:
            seen.append(assert_consistent(root, dataset, allowed))
            return seen
        assert r.returncode == -signal.SIGKILL, r.stderr
        seen.append(assert_consistent(root, dataset, allowed))
    raise AssertionError("the child never finished")


needs_sigkill = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL")


@needs_sigkill
def test_killed_at_every_step_of_a_republication_shows_v1_or_v2_never_a_mix(tmp_path):
    seen = kill_at_every_step(lambda k: fresh_portal(tmp_path, f"k{k}"), "publish", "d", {1, 2})
    assert len(seen) >= 20  # 5 files written in two halves, journal, 2 renames, catalogue, cleaning
    assert seen[0] == 1 and seen[-1] == 2 and 1 in seen[:-1] and 2 in seen[:-1]  # rolled back, then forward


@needs_sigkill
def test_killed_at_every_step_of_a_first_publication_shows_nothing_or_v2(tmp_path):
    def root_for(k):
        root = tmp_path / f"n{k}" / "portail"
        publish_version(Portal(root), "autre", 1)
        return root

    seen = kill_at_every_step(root_for, "publish", "d", {None, 2})
    assert None in seen and seen[-1] == 2


@needs_sigkill
@pytest.mark.parametrize("publish_killed_after", ["ancien-de-cote", "nouveau-en-place"])  # back / forward
def test_killed_again_while_recovering_still_ends_in_one_version(tmp_path, publish_killed_after):
    steps = _steps_of_a_republication(tmp_path)
    kill_publish = steps.index(publish_killed_after) + 1
    expected = {"ancien-de-cote": 1, "nouveau-en-place": 2}[publish_killed_after]

    def root_for(k):
        root = fresh_portal(tmp_path, f"r{k}")
        assert child(root, "publish", kill_at=kill_publish).returncode == -signal.SIGKILL
        assert (root / "camille" / ".en-cours.json").exists()
        return root

    seen = kill_at_every_step(root_for, "recover", "d", {expected})
    assert len(seen) >= 4


@needs_sigkill
def test_killed_at_random_moments_while_publishing_in_a_loop(tmp_path):
    root = fresh_portal(tmp_path, "hasard")
    rng = random.Random(20240611)
    versions = set()
    for _ in range(20):
        proc = child(root, "loop", popen=True)
        try:
            assert proc.stdout.readline() == "pret\n", proc.stderr.read()
            for _ in range(rng.randint(0, 3)):  # a few publications done, whatever the machine's load
                proc.stdout.readline()
            time.sleep(rng.uniform(0, 0.02))
        finally:
            proc.send_signal(signal.SIGKILL)
            proc.wait(10)
            proc.stdout.close()
            proc.stderr.close()
        assert proc.returncode == -signal.SIGKILL
        versions.add(assert_consistent(root, "d", {1, 2}))
    assert versions == {1, 2}
