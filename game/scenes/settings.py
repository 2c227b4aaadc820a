"""Settings: language and text size (100 % to 200 %), applied at once to every screen."""

from __future__ import annotations

from game.engine.scene import Pop, Transition
from game.i18n import _, active
from game.ui.widgets import ChoiceGroup, Label, Widget

from .common import FormScene

LANGUAGES = (("fr", "Français"), ("en", "English"))
SCALES = (1.0, 1.25, 1.5, 1.75, 2.0)


class SettingsScene(FormScene):
    def widgets(self) -> list[Widget]:
        s = self.services
        lang_index = next((i for i, (code, _n) in enumerate(LANGUAGES) if code == s.language), 0)
        scale_index = min(range(len(SCALES)), key=lambda i: abs(SCALES[i] - s.text_scale))
        self.languages = ChoiceGroup([name for _c, name in LANGUAGES], action="language", selected=[lang_index])
        self.languages.cursor = lang_index
        self.scales = ChoiceGroup([active().percent(x) for x in SCALES], action="scale", selected=[scale_index])
        self.scales.cursor = scale_index
        return [
            self.heading(_("Paramètres")),
            Label(_("Langue de l'interface"), bold=True),
            self.languages,
            Label(_("Taille du texte"), bold=True),
            self.scales,
            Label(_("Flèches pour choisir : le changement s'applique tout de suite."), role="small", tone="muted"),
            self.button(_("Retour"), "back"),
        ]

    def on_action(self, action: str) -> Transition | None:
        if action == "back":
            return Pop()
        if action == "language" and self.languages.selected:
            code = LANGUAGES[next(iter(self.languages.selected))][0]
            if code != self.services.language:
                self.services.set_language(code)
                self.rebuild(focus_action="language")
        if action == "scale" and self.scales.selected:
            scale = SCALES[next(iter(self.scales.selected))]
            if scale != self.services.text_scale:
                self.services.set_text_scale(scale)
                self.rebuild(focus_action="scale")
        return None
