"""The end statement's ``success`` and the debrief's verdict use the same pass mark (it was 0.7 in the
statement and 0.75 in the debrief: at 72 % the LRS heard « réussi » while the learner read « Pas encore »)."""

from game.core.assessment import pass_mark
from game.play.session import PASS_MARK
from game.storage.scenarios import load_framework


def test_the_play_layer_default_is_the_shipped_framework_s_pass_mark():
    framework, problems = load_framework()
    assert framework is not None and not problems
    assert PASS_MARK == pass_mark(framework)


def test_the_game_gives_its_sessions_the_framework_s_pass_mark(tmp_path):
    from game.services.game_services import Services
    from game.storage.store import Store

    with Store(tmp_path) as store:
        services = Services(store, [])
        assert services.pass_mark() == pass_mark(services.framework())
