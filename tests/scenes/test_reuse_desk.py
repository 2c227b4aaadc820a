"""The reuse desk refuses a number of rows to keep that is not a whole number, with why, instead
of failing (« ² » passes str.isdigit but is no number int() reads)."""

from game.scenes.reuse import ReuseScene

from .driver import Driver
from .test_publish import FIX, open_publication, publish_to_reuse, select, type_in


def test_a_top_n_that_is_not_a_whole_number_is_refused_with_why(tmp_path):
    d = Driver(tmp_path / "d", extra_dirs=[FIX])
    try:
        open_publication(d)
        publish_to_reuse(d)
        select(d, "Regrouper par", "ANNEE")
        type_in(d, "Ne garder que les N premiers", "²")
        d.activate_button("Lancer la requête")
        assert isinstance(d.scene, ReuseScene)
        assert "« ² » n'est pas un nombre entier : écrivez par exemple 3" in d.screen_text()
    finally:
        d.close()
