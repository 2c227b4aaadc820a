"""The cleaning workshop played with the keyboard: errors go down as operations apply, undo
restores them, the goal unlocks « Continuer », progress survives a restart."""

from pathlib import Path

from game.scenes.clean import CleanScene
from game.ui.grid import DataGrid

from .driver import Driver
from .test_playthrough import play_step, start


def open_prenoms(d):
    start(d)
    d.tab_to(lambda w: type(w).__name__ == "ListBox")
    entries = d.scene.entries
    for _ in range(next(i for i, e in enumerate(entries) if e.key == "prenoms")):
        d.press("DOWN")
    d.press("RETURN")
    play_step(d)  # the dialogue before the workshop
    d.wait_until(lambda: isinstance(d.scene, CleanScene))  # the file is read on a worker thread


def errors_left(d):
    return d.services.session.clean_work().objectives().errors_left


def test_keyboard_cleaning_reaches_the_goal_and_scores(tmp_path):
    d = Driver(tmp_path / "d")
    try:
        open_prenoms(d)
        assert "Erreurs restantes : 7 (au départ : 7)" in d.screen_text()
        assert "Ligne 2 · COLL_INSEE (erreur)" in d.screen_text()

        d.apply_operation("change-case", column="COMMUNE_NOM", mode="Une Majuscule À Chaque Mot")
        assert errors_left(d) == 5
        assert "Cellules modifiées dans la colonne « COMMUNE_NOM » : 2." in d.screen_text()

        d.activate_button("Annuler la dernière opération")
        assert errors_left(d) == 7
        d.activate_button("Rétablir")
        assert errors_left(d) == 5

        # go to the INSEE error from the error list: the grid's cursor lands on it
        d.tab_to(lambda w: type(w).__name__ == "ListBox")
        d.press("RETURN")
        grid = next(w for w in d.widgets if isinstance(w, DataGrid))
        assert (grid.source.row_label(grid.row), grid.source.header[grid.col]) == ("2", "COLL_INSEE")
        d.apply_operation("edit-cell", row=2, column="COLL_INSEE", value="35238")
        d.apply_operation("map-to-enum", column="ENFANT_SEXE", mapping="H=M")
        for bad, good in [("Ad am", "Adam"), ("AlexAndre", "Alexandre"), ("AssiaAmélie", "Assia-Amélie")]:
            d.apply_operation("find-replace", find=bad, replace=good, column="ENFANT_PRENOM", whole_cell="oui")
        assert errors_left(d) == 0
        assert "Objectif atteint" in d.screen_text()

        registration = d.services.session.registration
        d.activate_button("Continuer")
        stored = d.store.statements(registration=registration)
        used = [s for s in stored if s["verb"]["id"].endswith("/verbs/used")]
        assert [s["result"]["response"] for s in used].count("apply") == 6
        assert [s["result"]["response"] for s in used].count("undo") == 1
        assert [s["result"]["response"] for s in used].count("redo") == 1
        criteria = {s["object"]["id"].rsplit("/", 1)[1]: s["result"]["score"]["scaled"]
                    for s in stored if "/criteria/" in s["object"]["id"]}
        assert criteria == {"constraint-error": 1.0, "donnees-preservees": 1.0,
                            "donnees-justes": 1.0}  # operations are counted, not scored
    finally:
        d.close()


def test_cleaning_in_progress_survives_a_restart(tmp_path):
    d = Driver(tmp_path / "d")
    try:
        open_prenoms(d)
        d.apply_operation("change-case", column="COMMUNE_NOM", mode="Une Majuscule À Chaque Mot")
        d.apply_operation("edit-cell", row=2, column="COLL_INSEE", value="35238")
        d.activate_button("Annuler la dernière opération")
        assert errors_left(d) == 5
    finally:
        d.close()
    d = Driver(tmp_path / "d")
    try:
        assert "« Prénoms des nouveau-nés »" in d.screen_text() and d.focused.label == "Continuer — Camille"
        d.press("RETURN")
        d.wait_until(lambda: isinstance(d.scene, CleanScene))
        assert errors_left(d) == 5
        assert "Rétablir" in d.buttons()  # the undone operation can still be redone
        d.activate_button("Rétablir")
        assert errors_left(d) == 4
    finally:
        d.close()


def test_giving_up_needs_confirmation_and_scores_what_was_fixed(tmp_path):
    d = Driver(tmp_path / "d")
    try:
        open_prenoms(d)
        d.apply_operation("change-case", column="COMMUNE_NOM", mode="Une Majuscule À Chaque Mot")
        d.activate_button("Terminer sans atteindre l'objectif")
        assert isinstance(d.scene, CleanScene)
        d.activate_button("Confirmer : terminer avec des erreurs")
        assert not isinstance(d.scene, CleanScene)
        scores = d.services.session.state.cleaning_of("nettoyage")["scores"]
        assert scores["constraint-error"] == round(2 / 7, 4)
    finally:
        d.close()


def test_export_writes_the_quality_csv_and_a_replayable_recipe(tmp_path):
    import json

    from game.core.history import replay
    from game.storage.csvfile import read_csv

    d = Driver(tmp_path / "d")
    try:
        open_prenoms(d)
        d.apply_operation("change-case", column="COMMUNE_NOM", mode="Une Majuscule À Chaque Mot")
        d.activate_button("Exporter le fichier et la recette")
        text = d.screen_text()
        assert "Fichier CSV de qualité : " in text
        csv_path = Path(text.split("Fichier CSV de qualité : ")[1].split("\n")[0])
        recipe = json.loads(csv_path.with_name(csv_path.stem + ".recette.json").read_text(encoding="utf-8"))
        assert recipe["operations"] == [{"op": "change-case", "column": "COMMUNE_NOM", "mode": "title"}]
        exported = read_csv(csv_path)
        assert exported.findings == () and exported.table.column("COMMUNE_NOM")[:3] == ("Rennes",) * 3
        source = d.services.session.clean_work().original
        assert replay(source, recipe["operations"])[0].columns == exported.table.columns
    finally:
        d.close()


def test_a_value_of_the_column_facet_opens_find_and_replace_on_it(tmp_path):
    from game.scenes.operation import OperationScene
    from game.ui.widgets import ListBox

    d = Driver(tmp_path / "d")
    try:
        open_prenoms(d)
        d.press("RIGHT")
        d.press("RIGHT")  # ENFANT_SEXE
        assert "Valeurs de la colonne ENFANT_SEXE" in d.screen_text()
        facet = next(w for w in d.widgets if isinstance(w, ListBox) and w.action == "facet")
        d.tab_to(lambda w: w is facet)
        while not facet.items[facet.selected].startswith("« H »"):
            d.press("DOWN")
        d.press("RETURN")
        assert isinstance(d.scene, OperationScene)
        assert d.scene.inputs["find"].value == "H"
        d.fill_text("M", index=1)  # « Remplacer par »
        d.activate_button("Appliquer")
        assert errors_left(d) == 6
    finally:
        d.close()


def test_a_missing_dataset_is_told_in_french_on_the_loading_screen(tmp_path):
    import shutil

    from game.scenes.library import LibraryScene
    from game.scenes.loading import LoadingScene

    scenarios = tmp_path / "scenarios"
    shutil.copytree(Path(__file__).resolve().parents[2] / "scenarios" / "prenoms", scenarios / "prenoms-copie")
    text = (scenarios / "prenoms-copie" / "scenario.yaml").read_text(encoding="utf-8")
    (scenarios / "prenoms-copie" / "scenario.yaml").write_text(text.replace("id: prenoms", "id: prenoms-copie", 1), encoding="utf-8")
    d = Driver(tmp_path / "d", extra_dirs=[scenarios])
    try:
        assert d.services.loaded["prenoms-copie"].valid  # checked while its file was there
        (scenarios / "prenoms-copie" / "data" / "prenoms-rennes.csv").unlink()
        start(d)
        d.tab_to(lambda w: type(w).__name__ == "ListBox")
        while d.scene.entries[d.focused.selected].key != "prenoms-copie":
            d.press("DOWN")
        d.press("RETURN")
        play_step(d)
        d.wait_until(lambda: isinstance(d.scene, LoadingScene) and d.scene.done)
        d.frame()
        assert "Impossible de lire le fichier « prenoms-rennes.csv »" in d.screen_text()
        d.activate_button("Retour à la bibliothèque")
        assert isinstance(d.scene, LibraryScene)
    finally:
        d.close()


def test_an_export_to_a_full_disk_is_said_in_french_and_leaves_no_temporary_file(tmp_path, monkeypatch):
    import errno
    import os

    d = Driver(tmp_path / "d")
    try:
        open_prenoms(d)
        exports = d.services.data_folder / "exports"

        def disk_full(*_args, **_kwargs):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        monkeypatch.setattr(os, "replace", disk_full)
        d.activate_button("Exporter le fichier et la recette")
        text = d.screen_text()
        assert "Export impossible : le disque est plein" in text and "No space" not in text
        assert list(exports.iterdir()) == []  # neither the CSV nor the recipe left half written or as .tmp
        assert isinstance(d.scene, CleanScene)
    finally:
        d.close()
