"""The trainer's preview (``play --watch``): what the last save changed, shown over the game.

Either the problems of a file that cannot be loaded (each with ``file:line:col``; the game keeps
running and reloads at the next save), or the note of a replay that could not reach the same step.
"""

from __future__ import annotations

from typing import Any

from game.engine.scene import Pop, Transition
from game.i18n import _, active, render
from game.ui.widgets import Label, Widget

from .common import FormScene

#: problems listed one by one; the others are counted
SHOWN = 8


def problem_line(problem: Any) -> str:
    text = render(problem.message)
    if problem.hint is not None:
        text += " " + render(problem.hint)
    return _("{where} : {text}").format(where=problem.where, text=text) if problem.where else text


class PreviewScene(FormScene):
    """``problems`` (the file cannot be loaded) or ``note`` (the replay stopped early)."""

    def widgets(self) -> list[Widget]:
        problems = self.params.get("problems") or ()
        if not problems:
            return [self.heading(_("Scénario rechargé")),
                    Label(render(self.params["note"]), tone="warning"),
                    self.button(_("Continuer"), "close")]
        out: list[Widget] = [
            self.heading(_("Le scénario contient des erreurs")),
            Label(_("Le fichier enregistré n'a pas pu être chargé. Corrigez-le puis enregistrez-le : "
                    "l'aperçu se recharge tout seul.")),
        ]
        out += [Label(problem_line(p), tone="error") for p in problems[:SHOWN]]
        if len(problems) > SHOWN:
            more = len(problems) - SHOWN
            out.append(Label(active().ngettext("… et {n} autre problème (explorateurs check les liste tous).",
                                               "… et {n} autres problèmes (explorateurs check les liste tous).",
                                               more).format(n=more), tone="muted"))
        label = _("Continuer avec la version précédente") if self.params.get("previous") \
            else _("Retour à la bibliothèque")
        return out + [self.button(label, "close")]

    def on_action(self, action: str) -> Transition | None:
        return Pop() if action == "close" else None
