"""What reading the file found (here: a Windows-1252 file) is shown right under the grid of the
cleaning workbench, in the column the learner sees without scrolling — not at the foot of the
instructions, below every button, where a 1280×720 window never showed it."""

from game.scenes.clean import CleanScene
from game.ui.grid import DataGrid
from game.ui.widgets import Label

from .driver import Driver
from .test_playthrough import open_first, play_step, start


def test_a_windows_1252_file_is_named_as_such_right_under_the_grid(tmp_path):
    d = Driver(tmp_path / "d", size=(1280, 720))
    try:
        start(d)
        open_first(d, "subventions-nievre")
        for _ in range(3):  # the encoding dialogue, the recall quiz, the worked example
            play_step(d)
        d.wait_until(lambda: isinstance(d.scene, CleanScene))  # the file is read on a worker thread
        left = d.scene.forms[0].widgets
        grid = next(i for i, w in enumerate(left) if isinstance(w, DataGrid))
        below = left[grid + 1]
        assert isinstance(below, Label) and below.text.startswith("Le fichier est encodé en Windows-1252")
        right = d.scene.forms[1].widgets
        assert not any(isinstance(w, Label) and "Windows-1252" in w.text for w in right)  # said once

        # the worked example's first two steps, by keyboard: the workbench says what the mentor said
        d.apply_operation("rename-column", column="SUB_MONTANT", to="montant")
        d.apply_operation("normalise-numbers", column="montant")
        text = d.screen_text()
        assert ("Nombres réécrits dans la colonne « montant » : 90 ; cellules qui ne sont pas des nombres, "
                "laissées telles quelles : 6.") in text, text
        assert d.services.session.clean_work().table.column("montant")[:2] == ("17833", "92000")
        assert "Le fichier est encodé en Windows-1252" in text  # still said after the operations
    finally:
        d.close()
