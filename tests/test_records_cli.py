"""`explorateurs records export|import`: each desk exports its statements, the trainer imports them."""

import json
import subprocess
import sys
import uuid
from pathlib import Path

from game.app import StoreRecorder
from game.cli import main
from game.play.session import PlaySession
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
