"""Practice and assessment: the two modes a scenario is played in.

In **practice** (« entraînement », the default at the desk) a wrong answer can be tried again — a
quiz question, a card, a reuser's question — and a dialogue choice can be reconsidered; the
workbench has its undo. In **assessment** (« évaluation », chosen by the trainer for a workshop) the
first answer is final.

What a retry earns, in both modes: nothing. The score, the evidence and the levels count each
item's *first* try, so what the game says about a learner is what they knew before being shown why;
later tries are recorded (the ``try`` extension) and the debrief says « juste au 2e essai ».

A workshop is an assessment when its trainer says so: ``--mode evaluation`` on the desks, or a
workshop code that ends with :data:`ASSESSMENT_SUFFIX` (``explorateurs group new --mode evaluation``
draws one), so that every desk where the code is typed plays in assessment mode.
"""

from __future__ import annotations

from .messages import N_, Message, msg

PRACTICE, ASSESSMENT = "practice", "assessment"
MODES = (PRACTICE, ASSESSMENT)
#: the names a trainer writes (« --mode evaluation »), French first, and the English ones
NAMES = {"entrainement": PRACTICE, "entraînement": PRACTICE, "evaluation": ASSESSMENT, "évaluation": ASSESSMENT,
         "practice": PRACTICE, "assessment": ASSESSMENT}
#: the French name of each mode, as the command line writes it
CLI_NAMES = {PRACTICE: "entrainement", ASSESSMENT: "evaluation"}
#: a workshop code ending with this is an assessment workshop (« RENNES-2026-EVAL »)
ASSESSMENT_SUFFIX = "-EVAL"


def parse_mode(text: str) -> str | Message:
    """The mode a name stands for (« evaluation », « entraînement », « assessment »…), or why not."""
    mode = NAMES.get(text.strip().casefold())
    if mode is None:
        return msg(N_("Mode inconnu : « {mode} ». Écrivez « entrainement » (la personne peut réessayer) ou "
                      "« evaluation » (la première réponse compte)."), mode=text.strip())
    return mode


def group_mode(code: str | None) -> str | None:
    """The mode a workshop code sets (assessment for a code ending with « -EVAL »), else None."""
    return ASSESSMENT if code and code.upper().endswith(ASSESSMENT_SUFFIX) else None


def assessment_code(code: str) -> str:
    """``code`` made an assessment workshop's (the suffix added once)."""
    return code if group_mode(code) == ASSESSMENT else code + ASSESSMENT_SUFFIX


def retries_allowed(mode: str) -> bool:
    return mode != ASSESSMENT
