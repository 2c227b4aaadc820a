"""Point d'entrée des widgets clavier (les classes vivent dans des modules courts)."""

from game.ui.base import Widget, blit_text, draw_focus_ring
from game.ui.basic import Button, DialogueBox, Label, ProgressBar, Prompt
from game.ui.choice import ChoiceGroup
from game.ui.focus import FocusManager, Form
from game.ui.lists import ListBox
from game.ui.scroll import ScrollPanel
from game.ui.select import Select
from game.ui.text_area import TextArea
from game.ui.text_input import TextInput

FocusRing = FocusManager  # alias du nom utilisé dans le cahier des charges

__all__ = [
    "Button", "ChoiceGroup", "DialogueBox", "FocusManager", "FocusRing", "Form", "Label", "ListBox",
    "ProgressBar", "Prompt", "ScrollPanel", "Select", "TextArea", "TextInput", "Widget", "blit_text", "draw_focus_ring",
]


def __getattr__(name: str):  # the chart module loads with the first chart, not at start-up
    if name in ("ChartView", "render_chart_png"):
        from game.ui import chart

        return getattr(chart, name)
    raise AttributeError(name)
