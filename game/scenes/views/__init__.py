"""View models of the screens: pure ``present(...)`` functions that turn the play state into what
a screen shows (texts already translated, rows, tones, what can be done), as frozen dataclasses.

They live apart from the scene modules because a scene module imports pygame (through
``game.ui``) and a view must be testable without it; and in the scenes layer (not in
``game.play``) because presenting means translating, which play does not do. A view module imports
``game.core``, ``game.play`` types and ``game.i18n`` only (an import-linter contract says so);
the scene draws the view with widgets and forwards intents.
"""
