"""The learner's portal: what they published, with its licence and quality badge, and where the
files are (to show them at work; ``explorateurs export`` copies them out)."""

from __future__ import annotations

from typing import Any

from game.core.messages import N_
from game.core.publishing import LICENCES
from game.core.publishing.quality import badge as quality_badge
from game.i18n import _, active
from game.ui.widgets import Label, Widget

from .common import FormScene, percent

BADGE_WORDS = {"excellent": N_("qualité excellente"), "good": N_("bonne qualité"),
               "to-improve": N_("qualité à améliorer"), "poor": N_("qualité insuffisante")}


def badge(quality: float) -> str:
    """A word for the quality score, as a portal would show it next to the dataset."""
    return _(BADGE_WORDS[quality_badge(quality)])


class PortalScene(FormScene):
    def widgets(self) -> list[Widget]:
        learner = self.services.learner
        name = learner.pseudonym if learner is not None else ""
        out: list[Widget] = [self.heading(_("Le portail de {learner}").format(learner=name))]
        entries: list[dict[str, Any]] = self.services.published()
        if not entries:
            out.append(Label(_("Vous n'avez encore rien publié. Les jeux de données publiés dans les scénarios apparaîtront ici.")))
        for e in entries:
            quality = float(e.get("quality", 0.0))
            out.append(Label(str(e.get("title", e.get("dataset_id", ""))), role="heading", bold=True))
            lic = LICENCES.get(str(e.get("licence", "")))
            name = lic.name if lic else (e.get("licence") or "—")  # a licence's name is a proper name
            if lic is not None and not lic.allowed:
                name = _("{licence} (non permise pour des données publiques)").format(licence=name)
            lines = [
                _("Licence : {licence} · {badge} ({percent})").format(licence=name, badge=badge(quality),
                                                                     percent=percent(quality)),
                _("Publié le {date} · {rows} lignes").format(date=_date(e.get("published", "")),
                                                               rows=active().number(int(e.get("rows", 0)))),
                _("Fichiers sur cet ordinateur : {path}").format(path=e.get("path", "")),
            ]
            out.append(Label("\n".join(lines)))
            if e.get("personal_columns"):
                out.append(Label(_("Données personnelles publiées : {columns}").format(
                    columns=", ".join(e["personal_columns"])), tone="error"))
        out.append(self.button(_("Retour"), "back"))
        return out

    def on_action(self, action: str):
        if action == "back":
            return self.on_back()
        return None


def _date(iso: str) -> str:
    from datetime import date

    try:
        return active().date(date.fromisoformat(iso))
    except (ValueError, AttributeError):
        return iso
