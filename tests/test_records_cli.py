"""`explorateurs records export|import`: each desk exports its statements, the trainer imports them."""

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from game.cli import main
from game.play.session import PlaySession
from game.storage.recorder import StoreRecorder
from game.storage.scenarios import builtin_scenarios_dir, load_scenario
from game.storage.store import Store

ROOT = Path(__file__).resolve().parents[1]


def play_a_little(data: Path, learner: str) -> int:
    """A learner starts « Premiers pas » on a desk; returns how many statements were recorded."""
    scenario = load_scenario(builtin_scenarios_dir() / "premiers-pas").scenario
    with Store(data) as store:
        who = store.add_learner(learner)
        session = PlaySession(scenario, learner, str(uuid.uuid4()), StoreRecorder(store, who.id, scenario, started=False))
        session.begin()
        step = session.step
        for _ in range(len(getattr(step, "lines", ())) - 1):
            session.next_line()
        if getattr(step, "choices", ()):
            session.choose(0)
        return len(store.statements())


def test_two_desks_export_and_the_trainer_imports_end_to_end(tmp_path):
    desks = {name: tmp_path / name for name in ("poste1", "poste2")}
    for d in desks.values():
        d.mkdir()
    counts = {name: play_a_little(d, name.capitalize()) for name, d in desks.items()}
    assert all(n >= 2 for n in counts.values())

    files = {}
    for name, d in desks.items():
        files[name] = tmp_path / f"{name}.jsonl"
        r = subprocess.run([sys.executable, "-m", "game", "records", "export", "--format", "jsonl", "--data-dir", str(d),
                            "-o", str(files[name])], cwd=ROOT, capture_output=True, text=True)
        assert r.returncode == 0, r.stderr
        assert r.stdout == ""
        assert r.stderr == f"{counts[name]} relevés écrits dans {files[name]}.\n"

    trainer = tmp_path / "formateur"
    r = subprocess.run([sys.executable, "-m", "game", "--data-dir", str(trainer), "records", "import",
                        str(files["poste1"]), str(files["poste2"])], cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    n1, n2 = counts["poste1"], counts["poste2"]
    assert r.stdout.splitlines() == [f"{files['poste1']} : {n1} relevés ajoutés, 0 déjà présent, 0 refusé",
                                     f"{files['poste2']} : {n2} relevés ajoutés, 0 déjà présent, 0 refusé"]
    with Store(trainer) as store:
        names = {s["actor"]["account"]["name"] for s in store.imported()}
        assert names == {"Poste1", "Poste2"} and len(store.imported()) == n1 + n2

    again = subprocess.run([sys.executable, "-m", "game", "records", "import", str(files["poste1"]), "--data-dir",
                            str(trainer)], cwd=ROOT, capture_output=True, text=True)
    assert again.returncode == 0
    assert again.stdout == f"{files['poste1']} : 0 relevé ajouté, {n1} déjà présents, 0 refusé\n"


def test_export_to_stdout_is_utf8_jsonl(tmp_path, data_dir, capsysbinary):
    data_dir.mkdir()
    n = play_a_little(data_dir, "Zoé")
    assert main(["records", "export"]) == 0
    captured = capsysbinary.readouterr()
    lines = captured.out.decode("utf-8").splitlines()
    assert len(lines) == n and all(json.loads(line)["actor"]["account"]["name"] == "Zoé" for line in lines)
    assert "Zoé".encode() in captured.out  # not \u00e9
    assert captured.err.decode() == f"{n} relevés écrits sur la sortie standard.\n"


def test_refused_lines_are_listed_and_the_exit_code_is_1(tmp_path, data_dir, capsys):
    desk = tmp_path / "poste"
    desk.mkdir()
    play_a_little(desk, "Camille")
    good = tmp_path / "poste.jsonl"
    assert main(["records", "export", "--data-dir", str(desk), "-o", str(good)]) == 0
    capsys.readouterr()
    lines = good.read_text(encoding="utf-8").splitlines()
    broken = tmp_path / "abime.jsonl"
    broken.write_text("\n".join([lines[0], "{pas du json", "", json.dumps({"id": "x"}), *lines[1:]]) + "\n",
                      encoding="utf-8")

    # main() puts --data-dir in the environment for the rest of the process: name the trainer's each time
    assert main(["records", "import", str(broken), "--data-dir", str(data_dir)]) == 1
    out, err = capsys.readouterr()
    assert out == f"{broken} : {len(lines)} relevés ajoutés, 0 déjà présent, 2 refusés\n"
    errors = err.splitlines()
    assert errors[0] == (f"{broken}:2: JSON illisible, colonne 2 (un nom entre guillemets doubles est attendu (une "
                         "virgule en trop avant la fin de l'objet ?))")
    assert errors[1].startswith(f"{broken}:4: relevé xAPI invalide : ") and "id: not a UUID" in errors[1]
    assert len(errors) == 2

    assert main(["records", "import", str(good), str(tmp_path / "absent.jsonl"), "--data-dir", str(data_dir)]) == 1
    out, err = capsys.readouterr()
    assert out == f"{good} : 0 relevé ajouté, {len(lines)} déjà présents, 0 refusé\n"
    assert err == f"Impossible de lire le fichier « {tmp_path / 'absent.jsonl'} » (fichier ou dossier introuvable).\n"


def test_export_without_a_save_says_so(tmp_path, data_dir, capsys):
    assert main(["records", "export", "-o", str(tmp_path / "x.jsonl")]) == 1
    assert capsys.readouterr().err == f"Aucune sauvegarde dans {data_dir} : rien à exporter.\n"
    assert not (tmp_path / "x.jsonl").exists()


def test_english_output(tmp_path, data_dir, capsys):
    data_dir.mkdir()
    play_a_little(data_dir, "Camille")
    out = tmp_path / "x.jsonl"
    assert main(["--lang", "en", "records", "export", "-o", str(out)]) == 0
    assert capsys.readouterr().err  # the msgids are added to the English catalog by the lead


# ---------------------------------------------------------------- statements the LRS refused

class PickyLrs:
    """An LRS that refuses (HTTP 400) the statements whose id it was told to, until it is fixed."""

    endpoint = "http://127.0.0.1:9/xapi/"

    def __init__(self, refuse: set[str]) -> None:
        self.refuse, self.stored = refuse, []

    def post(self, statements):
        from game.storage.lrs import PostResult

        if any(s["id"] in self.refuse for s in statements):
            return PostResult(400, reason="verb.id : pas une IRI")
        self.stored += [s["id"] for s in statements]
        return PostResult(200, [s["id"] for s in statements])


def send_all(data: Path, lrs: PickyLrs) -> None:
    from game.storage.lrs import Sender

    with Store(data) as store:
        sender = Sender(store.path, lrs, clock=lambda: 1e12)
        while sender.step(store) == 0:
            pass


def test_parked_statements_are_listed_then_requeued_by_id_or_all_and_sent_once_fixed(data_dir, capsys):
    data_dir.mkdir()
    play_a_little(data_dir, "Camille")
    with Store(data_dir) as store:
        ids = [s["id"] for s in store.statements()]
    lrs = PickyLrs(set(ids[:2]))
    send_all(data_dir, lrs)
    assert lrs.stored == ids[2:]

    assert main(["records", "parked"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == ids[0] and out[3] == ids[1]
    assert out[1].startswith("  Camille · ") and "premiers-pas" in out[1]
    assert out[2] == "  Raison du refus : HTTP 400 : verb.id : pas une IRI"
    assert out[6] == "2 relevés mis de côté (refusés par le LRS)."
    assert "explorateurs records requeue --all" in out[7]

    lrs.refuse.clear()  # the LRS (or the game) is fixed
    assert main(["records", "requeue", ids[1], "pas-un-id"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ("1 relevé remis dans la file d'envoi : le jeu l'enverra au LRS dès qu'il tourne avec un "
                            "LRS configuré.\n")
    assert captured.err == "« pas-un-id » n'est pas un relevé mis de côté (voir « explorateurs records parked »).\n"
    send_all(data_dir, lrs)
    assert lrs.stored == ids[2:] + [ids[1]]
    assert main(["records", "parked"]) == 0
    assert "1 relevé mis de côté (refusé par le LRS)." in capsys.readouterr().out

    assert main(["records", "requeue", "--all"]) == 0
    assert capsys.readouterr().out.startswith("1 relevé remis dans la file d'envoi")
    send_all(data_dir, lrs)
    assert sorted(lrs.stored) == sorted(ids)
    assert main(["records", "parked"]) == 0
    assert capsys.readouterr().out == "Aucun relevé mis de côté : le LRS n'en a refusé aucun.\n"
    assert main(["records", "requeue", "--all"]) == 0
    assert capsys.readouterr().out == "Aucun relevé mis de côté : rien à renvoyer.\n"


def test_requeue_needs_ids_or_all_and_a_save(data_dir, capsys):
    assert main(["records", "requeue"]) == 2
    assert "ou --all pour tous" in capsys.readouterr().err
    assert main(["records", "requeue", "--all", "abc"]) == 2
    capsys.readouterr()
    assert main(["records", "parked"]) == 1
    assert capsys.readouterr().err == f"Aucune sauvegarde dans {data_dir}.\n"
    assert not (data_dir / "explorateurs.sqlite3").exists()  # looking created nothing


# ---------------------------------------------------------------- hostile inputs to « records import »

def _capped() -> None:
    """The child may use at most 1.5 GB: reading /dev/zero whole would stop there, not eat the machine."""
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (1_500_000_000, 1_500_000_000))


@pytest.mark.skipif(sys.platform == "win32" or not hasattr(os, "mkfifo"), reason="FIFOs and /dev/zero are POSIX")
def test_a_fifo_a_device_and_a_folder_are_refused_and_the_other_files_imported(tmp_path):
    desk = tmp_path / "poste"
    desk.mkdir()
    n = play_a_little(desk, "Camille")
    good = tmp_path / "poste.jsonl"
    assert main(["records", "export", "--data-dir", str(desk), "-o", str(good)]) == 0
    fifo = tmp_path / "tube.jsonl"
    os.mkfifo(fifo)  # nobody writes to it: opened the usual way, it would wait forever
    hostile = [fifo, Path("/dev/zero"), tmp_path]
    r = subprocess.run([sys.executable, "-m", "game", "--data-dir", str(tmp_path / "formateur"), "records", "import",
                        *map(str, hostile), str(good)], cwd=ROOT, capture_output=True, text=True, timeout=30,
                       preexec_fn=_capped)
    assert r.returncode == 1, r.stderr
    assert r.stdout == f"{good} : {n} relevés ajoutés, 0 déjà présent, 0 refusé\n"
    kinds = ["c'est un tube nommé, qui attendrait sans fin", "c'est un périphérique", "c'est un dossier"]
    assert r.stderr.splitlines() == [f"« {path} » n'est pas un fichier ordinaire ({kind}) : il n'est pas lu. Indiquez un "
                                     "fichier .jsonl écrit par « records export »." for path, kind in zip(hostile, kinds, strict=True)]


def test_one_bad_line_in_a_file_does_not_stop_the_import_of_the_others(tmp_path, data_dir, capsys):
    desk = tmp_path / "poste"
    desk.mkdir()
    play_a_little(desk, "Camille")
    good = tmp_path / "poste.jsonl"
    assert main(["records", "export", "--data-dir", str(desk), "-o", str(good)]) == 0
    lines = good.read_text(encoding="utf-8").splitlines()
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    huge = "x" * (1024 * 1024 + 1)
    first.write_text("\n".join([lines[0], "[" * 100_000 + "]" * 100_000, json.dumps({"id": huge}), *lines[1:-1]]) + "\n",
                     encoding="utf-8")
    second.write_text(lines[-1] + "\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["records", "import", str(first), str(second), "--data-dir", str(data_dir)]) == 1
    out, err = capsys.readouterr()
    assert len(lines) >= 3
    assert out.splitlines() == [f"{first} : {len(lines) - 1} relevés ajoutés, 0 déjà présent, 2 refusés",
                                f"{second} : 1 relevé ajouté, 0 déjà présent, 0 refusé"]
    assert err.splitlines() == [
        f"{first}:2: JSON trop imbriqué (plus de 100 niveaux) : ce n'est pas un relevé, la ligne est ignorée",
        f"{first}:3: ligne trop longue (plus de 1 Mo) : ce n'est pas un relevé, elle est ignorée"]
    with Store(data_dir) as store:
        assert len(store.imported()) == len(lines)
