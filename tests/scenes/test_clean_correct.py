"""Valid is not correct, on the cleaning workbench: a change the instructions do not expect is
named as it happens, with an « Annuler » reached from the keyboard that takes it back."""

from game.scenes.clean import CleanScene

from .driver import Driver
from .test_clean import open_prenoms


def test_an_unexpected_change_is_named_and_annuler_undoes_it(tmp_path):
    d = Driver(tmp_path / "d")
    try:
        open_prenoms(d)
        work = d.services.session.clean_work()
        d.apply_operation("change-case", column="COMMUNE_NOM", mode="Une Majuscule À Chaque Mot")
        assert "consigne n'attend pas" not in d.screen_text()  # what the reference does: nothing to say
        d.apply_operation("change-case", column="ENFANT_PRENOM", mode="Une majuscule au début seulement")
        text = d.screen_text()
        assert ("Vous avez modifié 1 prénom d'une façon que la consigne n'attend pas : "
                "« AssiaAmélie » devenu « Assiaamélie ». Annuler ?") in text
        assert "Objectif atteint" not in text
        assert "Assiaamélie" in work.table.column("ENFANT_PRENOM")

        d.activate_button("Annuler cette opération")  # Tab and Enter, as any button
        assert isinstance(d.scene, CleanScene)
        assert work.table.column("ENFANT_PRENOM")[5] == "AssiaAmélie"
        assert "AlexAndre" in work.table.column("ENFANT_PRENOM")  # the whole operation is taken back
        assert len(work.history.done) == 1
        assert "consigne n'attend pas" not in d.screen_text()
        assert "Annuler cette opération" not in d.buttons()
    finally:
        d.close()
