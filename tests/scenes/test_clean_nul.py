"""A scenario dataset holding a NUL byte opens in the cleaning workbench: the NUL is shown, located
in a finding, and nothing crashes (pygame refuses to draw text holding NUL)."""

import shutil
from pathlib import Path

from game.scenes.clean import CleanScene

from .driver import Driver
from .test_playthrough import play_step, start


def test_a_dataset_with_a_nul_byte_opens_in_the_workbench(tmp_path):
    scenarios = tmp_path / "scenarios"
    folder = scenarios / "prenoms-nul"
    shutil.copytree(Path(__file__).resolve().parents[2] / "scenarios" / "prenoms", folder)
    text = (folder / "scenario.yaml").read_text(encoding="utf-8")
    (folder / "scenario.yaml").write_text(text.replace("id: prenoms", "id: prenoms-nul", 1), encoding="utf-8")
    data = folder / "data" / "prenoms-rennes.csv"
    lines = data.read_bytes().split(b"\n")
    lines[1] = lines[1].replace(b",3238,", b",32\x0038,", 1)  # row 2, COLL_INSEE: fixed by the reference recipe
    data.write_bytes(b"\n".join(lines))
    d = Driver(tmp_path / "d", extra_dirs=[scenarios])
    try:
        start(d)
        d.tab_to(lambda w: type(w).__name__ == "ListBox")
        while d.scene.entries[d.focused.selected].key != "prenoms-nul":
            d.press("DOWN")
        d.press("RETURN")
        play_step(d)
        d.wait_until(lambda: isinstance(d.scene, CleanScene))
        d.frame()
        screen = d.screen_text()
        assert "caractère(s) nul(s) (octet 0, invisible), le premier ligne 2, colonne « COLL_INSEE »" in screen
        table = d.services.session.clean_work().table
        assert table.columns[table.header.index("COLL_INSEE")][0] == "32\x0038"  # kept, and drawn as 32[NUL]38
        assert d.fonts.measure("32\x0038", "small") == d.fonts.measure("32[NUL]38", "small")
    finally:
        d.close()
