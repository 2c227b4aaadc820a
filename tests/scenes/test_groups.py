"""Workshop groups: the code typed at profile creation (or fixed with --group) reaches every statement."""

from game.core.statements import DEFAULT_XAPI, group_iri

from .driver import Driver
from .test_playthrough import open_first

GROUP_EXT = DEFAULT_XAPI.activity_base + "extensions/group"


def _statements(d):
    return d.store.statements(learner_id=d.services.learner.id)


def new_profile(d, pseudonym, code=None):
    """From the title screen: « Commencer », a pseudonym, the workshop code if given, « Créer le profil »."""
    d.activate_button("Commencer")
    d.fill_text(pseudonym)
    if code is not None:
        d.fill_text(code, index=1)
    d.activate_button("Créer le profil")


def test_a_learner_joins_the_workshop_by_typing_its_code(tmp_path):
    d = Driver(tmp_path / "d")
    try:
        new_profile(d, "Camille", "  rennes 2026 ")  # as typed from the whiteboard
        assert d.services.learner.group == "RENNES-2026"
        open_first(d)
        stmts = _statements(d)
        assert stmts and all(s["context"]["extensions"][GROUP_EXT] == "RENNES-2026" for s in stmts)
        grouping = stmts[0]["context"]["contextActivities"]["grouping"]
        assert group_iri(DEFAULT_XAPI, "RENNES-2026") in [a["id"] for a in grouping]
    finally:
        d.close()


def test_a_code_with_forbidden_characters_is_refused_and_nothing_is_created(tmp_path):
    d = Driver(tmp_path / "d")
    try:
        new_profile(d, "Camille", "atelier#3")
        assert "ne peut contenir que des lettres, des chiffres et des tirets" in d.screen_text()
        assert d.store.learners() == []
        assert d.focused.value == "atelier#3"  # focus back on the code to correct it
    finally:
        d.close()


def test_without_a_code_statements_carry_no_group(tmp_path):
    d = Driver(tmp_path / "d")
    try:
        new_profile(d, "Sam")
        open_first(d)
        stmts = _statements(d)
        assert stmts and not any(GROUP_EXT in s["context"]["extensions"] for s in stmts)
    finally:
        d.close()


def test_a_shared_workshop_machine_puts_every_profile_in_its_group_for_the_session(tmp_path):
    first = Driver(tmp_path / "d")
    try:  # a profile made at home, before the workshop
        new_profile(first, "Dominique")
    finally:
        first.close()
    d = Driver(tmp_path / "d", group="K7M-4QX")
    try:
        d.activate_button("Changer de profil")  # the title names Dominique: someone else plays
        assert "Atelier : K7M-4QX" in d.screen_text()
        d.fill_text("Alex")
        d.activate_button("Créer le profil")
        assert d.services.learner.group == "K7M-4QX"  # born in the workshop
        d.activate_button("Changer de profil")
        d.tab_to(lambda w: type(w).__name__ == "ListBox")
        d.press("HOME")
        d.press("RETURN")  # Dominique, the first profile
        assert "Profil : Dominique — atelier K7M-4QX" in d.screen_text()
        open_first(d)
        stmts = _statements(d)
        assert stmts and all(s["context"]["extensions"][GROUP_EXT] == "K7M-4QX" for s in stmts)
        # for this session only: at home, Dominique's results are not the workshop's
        assert {x.pseudonym: x.group for x in d.store.learners()} == {"Dominique": None, "Alex": "K7M-4QX"}
    finally:
        d.close()


def test_a_learner_joins_changes_and_leaves_a_workshop_from_the_library(tmp_path):
    d = Driver(tmp_path / "d")
    try:
        new_profile(d, "Camille", "ATELIER-1")
        assert "Profil : Camille — atelier ATELIER-1" in d.screen_text()
        d.activate_button("Atelier : rejoindre ou quitter")
        assert "Vos résultats vont à l'atelier ATELIER-1" in d.screen_text()
        d.fill_text("atelier#2")
        d.activate_button("Rejoindre cet atelier")
        assert "ne peut contenir que des lettres" in d.screen_text()
        d.fill_text("atelier 2")
        d.activate_button("Rejoindre cet atelier")
        assert "Profil : Camille — atelier ATELIER-2" in d.screen_text()
        open_first(d)
        assert all(s["context"]["extensions"][GROUP_EXT] == "ATELIER-2" for s in _statements(d))
        d.press("ESCAPE")
        d.activate_button("Atelier : rejoindre ou quitter")
        d.activate_button("Quitter l'atelier ATELIER-2")
        assert "Profil : Camille" in d.screen_text() and "atelier ATELIER" not in d.screen_text()
        assert d.store.learners()[0].group is None
    finally:
        d.close()


def test_at_200_percent_the_refusal_and_the_workshop_line_are_in_view(tmp_path):
    from game.ui.widgets import Label

    def in_view(d, text):
        label = next(w for w in d.widgets if isinstance(w, Label) and text in w.text)
        panel = d.scene.form.panel.rect
        return panel.top <= label.rect.top and label.rect.bottom <= panel.bottom

    d = Driver(tmp_path / "d", scale=2.0)
    try:
        new_profile(d, "Camille", "ab")
        assert in_view(d, "doit faire de 3 à 20 caractères")
        d.fill_text("k7m 4qx", index=1)
        d.activate_button("Créer le profil")
        assert in_view(d, "Profil : Camille — atelier K7M-4QX")
        assert d.scene.entries[0].key == "premiers-pas"  # the beginners' scenarios first
    finally:
        d.close()


def test_a_scenario_in_progress_stays_in_the_workshop_it_started_in(tmp_path):
    d = Driver(tmp_path / "d")
    try:
        new_profile(d, "Camille", "ATELIER-1")
        open_first(d)
        d.press("RETURN")  # a line read: recorded in ATELIER-1
        d.press("ESCAPE")
        d.activate_button("Atelier : rejoindre ou quitter")
        assert "un scénario en cours reste dans l'atelier où vous l'avez commencé" in d.screen_text()
        d.fill_text("ATELIER-2")
        d.activate_button("Rejoindre cet atelier")
        open_first(d)  # resumed
        before = len(_statements(d))
        for _ in range(40):  # read on, answer the first dialogue: new statements
            d.advance()
            if len(_statements(d)) > before:
                break
        stmts = _statements(d)
        assert len(stmts) > before and {s["context"]["extensions"][GROUP_EXT] for s in stmts} == {"ATELIER-1"}
    finally:
        d.close()
