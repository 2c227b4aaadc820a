"""The handlers: the play-layer code of each step kind, registered by step class.

``PlaySession.do(action)`` hands the action to the handler of the current step; the session's
questions (is the step done, what is graded, which table a reuse step reads) go to the handler
of the step they are about. A new step kind registers its handler here.
"""

from __future__ import annotations

from game.core.scenario import Step

from .base import ActionRefused, Graded, Handler, LogEntry
from .clean import CleanHandler
from .debrief import DebriefHandler
from .dialogue import DialogueHandler
from .fill import FillHandler
from .publish import PublishHandler
from .quiz import QuizHandler
from .reuse import ReuseHandler
from .sort import SortHandler

#: The handler of each step class.
HANDLERS: dict[type, Handler] = {h.step_type: h for h in (
    DialogueHandler(), QuizHandler(), SortHandler(), CleanHandler(), PublishHandler(), ReuseHandler(),
    FillHandler(), DebriefHandler())}


def handler_for(step: Step) -> Handler:
    return HANDLERS[type(step)]


__all__ = ["HANDLERS", "ActionRefused", "Graded", "Handler", "LogEntry", "handler_for"]
