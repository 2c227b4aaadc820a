"""Une vraie fenêtre X11 (sous Xvfb) : saisie accentuée, plein écran F11 aller-retour, capture."""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

PROGRAM = textwrap.dedent("""
    import sys
    from game.engine import intents as I
    from game.engine.fonts import FontBook
    from game.engine.loop import run
    from game.engine.scene import Scene
    from game.engine.stack import SceneStack
    from game.engine.window import open_window
    from game.ui.theme import Theme
    from game.ui.widgets import Button, Form, TextInput

    fonts, theme = FontBook(1.0), Theme()

    class Edit(Scene):
        def __init__(self):
            self.field = TextInput("", 40, label="Nom")
            self.form = Form([self.field, Button("Valider", "ok")], theme)
        def layout(self, size):
            self.form.layout(size, fonts)
        def handle(self, intent):
            self.form.handle(intent)
        def draw(self, surface):
            surface.fill(theme.background)
            self.form.draw(surface, fonts)

    stack = SceneStack(lambda scene_id, params: Edit())
    window = open_window("Explorateurs des données")
    stack.push("edit")
    run(stack, window, script=["text:Éloïse", "key:F11", "wait:3", "key:F11", "wait:3"],
        screenshot=sys.argv[1])
    print(stack.top.field.value, window.size, window.fullscreen)
""")


@pytest.mark.skipif(not os.environ.get("DISPLAY"), reason="pas de serveur X (Xvfb absent)")
def test_real_window_types_accents_and_toggles_fullscreen(tmp_path):
    shot = tmp_path / "fenetre.png"
    env = {**os.environ, "SDL_VIDEODRIVER": "x11", "SDL_AUDIODRIVER": "dummy"}
    done = subprocess.run([sys.executable, "-c", PROGRAM, str(shot)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "Éloïse (1280, 720) False" in done.stdout
    assert shot.stat().st_size > 1000
