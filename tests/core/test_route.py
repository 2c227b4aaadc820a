"""Where a step leads: one rule for the play session, the lint rules and the preview's replay."""

from game.core.route import Route, route, routes
from game.core.scenario import Choice, DebriefStep, DialogueStep, PublishStep, QuizStep, Scenario


def scenario(*steps):
    return Scenario("s", "1", "S", "", "fr", 5, "débutant", (), tuple(steps))


INTRO = DialogueStep("intro", "Intro", choices=(Choice("Bon", "juste"), Choice("Mauvais", "faux", next="bilan")))
QUIZ = QuizStep("quiz", "Quiz")
PUBLIER = PublishStep("publier", "Publier", licences=("lo-2.0", "odbl"),
                      consequences=(("licence", "licence-refusee"), ("personal-data", "fuite")))
FUITE = DialogueStep("fuite", "Fuite", next="bilan")
LICENCE = DialogueStep("licence-refusee", "Licence", next="bilan")
BILAN = DebriefStep("bilan", "Bilan")
SC = scenario(INTRO, QUIZ, PUBLIER, FUITE, LICENCE, BILAN)


def test_a_step_leads_to_the_one_written_after_it_and_the_last_one_to_the_end():
    assert route(SC, QUIZ) == Route("publier", None, by="order")
    assert route(SC, BILAN).target is None


def test_a_step_next_wins_over_the_order_and_is_located_in_the_file():
    assert route(SC, FUITE) == Route("bilan", ("steps", 3, "next"), by="step")


def test_a_choice_leads_where_its_own_next_says_else_where_the_dialogue_goes():
    assert route(SC, INTRO, choice=1) == Route("bilan", ("steps", 0, "choices", 1, "next"), choice=1, by="choice")
    assert route(SC, INTRO, choice=0) == Route("quiz", None, choice=0, by="order")
    assert route(SC, INTRO).target == "quiz"  # no choice made: the first one's way


def test_a_publication_with_personal_data_left_goes_to_its_consequence_before_a_bad_licence():
    assert route(SC, PUBLIER, personal_left=True, licence="cc-by-nc-4.0").target == "fuite"
    assert route(SC, PUBLIER, licence="cc-by-nc-4.0").consequence == "licence"
    assert route(SC, PUBLIER, licence="lo-2.0").target == "fuite"  # no consequence: the next step in the file


def test_a_consequence_the_step_does_not_declare_leaves_the_usual_way():
    quiet = PublishStep("publier", "Publier", consequences=(("licence", "licence-refusee"),))
    sc = scenario(quiet, FUITE, LICENCE, BILAN)
    assert route(sc, quiet, personal_left=True, licence="lo-2.0").target == "fuite"


def test_routes_lists_every_way_out_for_the_lint_rules():
    assert [(r.target, r.by) for r in routes(SC, INTRO)] == [("quiz", "order"), ("bilan", "choice")]
    assert [(r.target, r.path) for r in routes(SC, PUBLIER)] == [
        ("fuite", None), ("licence-refusee", ("steps", 2, "consequences", "licence")),
        ("fuite", ("steps", 2, "consequences", "personal-data"))]
