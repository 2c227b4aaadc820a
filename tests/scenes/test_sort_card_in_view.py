"""At 200 % text the three bins of « Une demande CADA » fill the window: the card to sort must stay in
view above the question, or the learner is asked where to put a card they cannot read."""

from game.core.scenario import SortStep
from game.scenes.sort import SortScene
from game.ui.widgets import DialogueBox

from .driver import Driver
from .test_playthrough import open_first, play_step, start


def test_at_200_percent_the_card_to_sort_is_in_view_with_the_question(tmp_path):
    d = Driver(tmp_path / "d", scale=2.0)
    try:
        start(d)
        open_first(d, "demande-cada")
        while not isinstance(d.services.session.step, SortStep):
            play_step(d)
        assert isinstance(d.scene, SortScene)
        panel = d.scene.form.panel
        card = next(w for w in d.widgets if isinstance(w, DialogueBox))
        assert any(card.text.startswith(c.text) for c in d.services.session.step.cards)
        assert panel.max_offset > 0  # taller than the window at this size: the screen had to choose
        assert panel.rect.top <= card.rect.top and card.rect.bottom <= panel.rect.bottom
        prompt = d.focused
        assert prompt.rect.bottom <= panel.rect.bottom  # the question too, with the focus on it
        d.press("TAB")  # the first bin: the page follows the focus
        assert panel.rect.top <= d.focused.rect.top and d.focused.rect.bottom <= panel.rect.bottom
    finally:
        d.close()
