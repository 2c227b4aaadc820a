"""The library orders the campaign: scenarios that declare ``campaign: {order: N}`` first, by that
number (the shipped ones 10, 20, 30, 40: a new one slots in between without code), then the others
by level, duration and name, a broken one last."""

from __future__ import annotations

import shutil
from pathlib import Path

from game.services.game_services import Services
from game.storage.library import load_all
from game.storage.scenarios import builtin_scenarios_dir
from game.storage.store import Store

ROOT = Path(__file__).resolve().parents[1]
MINI = ROOT / "tests" / "fixtures" / "scenarios" / "mini"
SHIPPED = ["premiers-pas", "prenoms", "subventions", "hackathon"]


def user_scenario(folder: Path, name: str, campaign: str | None = None) -> None:
    shutil.copytree(MINI, folder / name)
    f = folder / name / "scenario.yaml"
    text = f.read_text(encoding="utf-8").replace("id: mini", f"id: {name}", 1)
    if campaign is not None:
        text = text.replace("level: débutant\n", f"level: débutant\ncampaign: {campaign}\n", 1)
    f.write_text(text, encoding="utf-8")


def test_shipped_scenarios_declare_their_place_with_gaps():
    orders = {x.scenario.id: x.scenario.campaign_order for x in load_all([builtin_scenarios_dir()])
              if x.scenario is not None and x.scenario.id in SHIPPED}
    assert orders == {"premiers-pas": 10, "prenoms": 20, "subventions": 30, "hackathon": 40}


def test_library_lists_the_campaign_in_order_then_the_users_scenarios(data_dir, tmp_path):
    user = tmp_path / "mes-scenarios"
    user_scenario(user, "court")  # a beginners' 2-minute scenario: listed first before the campaign had an order
    user_scenario(user, "entre-deux", "{order: 25}")  # a trainer slots one between prenoms and subventions
    user_scenario(user, "casse", "{order: zéro}")  # refused by the schema: listed last, with its problem
    with Store(tmp_path / "save.sqlite3") as store:
        services = Services(store, [builtin_scenarios_dir(), user], language="fr")
        entries = services.library()
        services.close()
    keys = [e.key for e in entries]
    campaign = [k for k in keys if k in SHIPPED or k == "entre-deux"]
    assert campaign == ["premiers-pas", "prenoms", "entre-deux", "subventions", "hackathon"]
    assert keys.index("hackathon") < keys.index("court") < keys.index("casse") == len(keys) - 1
    broken = entries[-1]
    assert not broken.valid and broken.where.endswith("scenario.yaml:10")
    assert broken.problem.format_source() == "Cette valeur doit être un nombre entier."
