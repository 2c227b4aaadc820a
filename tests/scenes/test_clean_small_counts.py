"""« Prénoms, l'année d'après » in the cleaning workbench, with the keyboard: once last year's recipe
and the repairs are done the file is valid, yet the goal waits for « Regrouper les petits
effectifs » and says so; grouping through the palette reaches it."""

from game.core.scenario import CleanStep
from game.scenes.clean import CleanScene

from .driver import Driver
from .test_playthrough import open_first, play_step, start


def test_a_valid_file_waits_for_the_grouping_then_the_palette_groups_it(tmp_path):
    d = Driver(tmp_path / "d")
    try:
        start(d)
        open_first(d, "prenoms-annee-suivante")
        while not isinstance(d.services.session.step, CleanStep):
            play_step(d)
        d.wait_until(lambda: isinstance(d.scene, CleanScene))
        d.apply_operation("rename-column", column="SEXE", to="ENFANT_SEXE")
        d.apply_operation("rename-column", column="PRENOM", to="ENFANT_PRENOM")
        d.apply_operation("map-to-enum", column="ENFANT_SEXE", mapping="Masculin=M, Féminin=F")
        d.apply_operation("rename-column", column="NOMBRE", to="NOMBRE_OCCURRENCES")
        d.apply_operation("pad-codes", column="COLL_INSEE", width="5")
        text = d.screen_text()
        assert "Erreurs restantes : 0" in text and "Objectif atteint" not in text
        assert "Pas encore fait comme la consigne le demande : « Regrouper les petits effectifs » (changements faits : 0 sur 261 attendus)." in text

        d.apply_operation("group-small-counts", column="NOMBRE_OCCURRENCES", label_column="ENFANT_PRENOM",
                          threshold="2", to="Autres-Prénoms")
        text = d.screen_text()
        assert "Effectifs inférieurs à 2 regroupés sous « Autres-Prénoms » : 259 lignes devenues 2." in text
        assert "Objectif atteint" in text
        assert d.services.session.clean_work().table.nrows == 47
    finally:
        d.close()


def test_the_threshold_field_says_that_2_groups_the_counts_of_1(tmp_path):
    """The instructions say « les prénoms donnés une seule fois »: a newcomer types 1, which groups
    nothing (« inférieurs à »). The field's label gives the worked case."""
    from game.scenes.operation import OperationScene
    from game.ui.widgets import ListBox, TextInput

    d = Driver(tmp_path / "d")
    try:
        start(d)
        open_first(d, "prenoms-annee-suivante")
        while not isinstance(d.services.session.step, CleanStep):
            play_step(d)
        d.wait_until(lambda: isinstance(d.scene, CleanScene))
        d.activate_button("Appliquer une opération…")
        listbox = next(w for w in d.widgets if isinstance(w, ListBox))
        d.tab_to(lambda w: w is listbox)
        while listbox.items[listbox.selected] != "Regrouper les petits effectifs":
            d.press("DOWN")
        d.press("RETURN")
        assert isinstance(d.scene, OperationScene)
        labels = [w.label for w in d.widgets if isinstance(w, TextInput)]
        assert "Seuil : regrouper les effectifs inférieurs à (2 regroupe ceux qui valent 1)" in labels
    finally:
        d.close()


def test_at_200_percent_the_highlighted_operation_stays_in_view(tmp_path):
    """At 200 % text the list of operations is taller than the window: going down to « Regrouper les
    petits effectifs », the page follows the highlighted row, or the learner chooses blind."""
    from game.ui.widgets import ListBox

    d = Driver(tmp_path / "d", scale=2.0)
    try:
        start(d)
        open_first(d, "prenoms-annee-suivante")
        while not isinstance(d.services.session.step, CleanStep):
            play_step(d)
        d.wait_until(lambda: isinstance(d.scene, CleanScene))
        d.activate_button("Appliquer une opération…")
        listbox = next(w for w in d.widgets if isinstance(w, ListBox))
        d.tab_to(lambda w: w is listbox)
        panel = d.scene.form.panel
        assert listbox.rect.height > panel.rect.height // 2  # a tall list at this size
        while listbox.items[listbox.selected] != "Regrouper les petits effectifs":
            d.press("DOWN")
            row = listbox.selected_rect()
            assert panel.rect.top <= row.top and row.bottom <= panel.rect.bottom, listbox.items[listbox.selected]
    finally:
        d.close()
