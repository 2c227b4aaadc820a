"""A scenario's translation catalogs: ``locales/<lang>/LC_MESSAGES/scenario.po`` (msgid = source text).

The game reads the ``.po`` files directly with babel (no compiled ``.mo`` to keep in sync): a text
without a translation, or whose translation is marked fuzzy, is shown in the scenario's source
language. The "missing translations" lint rule (:func:`game.core.lint.missing_translations`)
works on the usable translations; this module adds what only the files tell: a catalog that
cannot be read, and translations of texts no longer in the scenario. All are warnings: none makes
a scenario unplayable.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from game.core.messages import N_, msg
from game.core.problems import WARNING, Problem
from game.core.texts import LANGUAGE_NAMES, catalog_path, short, text_fields

if TYPE_CHECKING:
    from babel.messages.catalog import Catalog

    from game.core.scenario import Scenario

Translations = dict[str, dict[str, str]]


def read_catalogs(folder: Path, display: str = "") -> tuple[dict[str, Catalog], list[Problem]]:
    """``{lang: catalog}`` of a scenario folder, and a warning per catalog that cannot be read (never raises).

    ``display`` is the scenario file as shown, where those warnings point.
    """
    from babel.messages.pofile import read_po

    out, problems = {}, []
    for po in sorted((folder / "locales").glob("*/LC_MESSAGES/scenario.po")):
        lang = po.parts[-3]
        try:
            with po.open("rb") as f:
                out[lang] = read_po(f)
        except (OSError, UnicodeDecodeError, ValueError) as e:
            problems.append(Problem((), msg(N_("Traduction illisible ({detail}) : le scénario s'affichera dans sa langue d'origine."),
                                            detail=f"{catalog_path(lang)} : {e}"),
                                    file=display, code="unreadable-translation", severity=WARNING))
    return out, problems


def usable(catalogs: dict[str, Catalog]) -> Translations:
    """``{lang: {source: translation}}``: only translated entries that are not marked fuzzy."""
    return {lang: {m.id: m.string for m in cat if m.id and isinstance(m.id, str) and isinstance(m.string, str)
                   and m.string and not m.fuzzy}
            for lang, cat in catalogs.items()}


def stale_translations(catalogs: dict[str, Catalog], scenario: Scenario, display: str) -> list[Problem]:
    """Each catalog entry whose source text is no longer a text of the scenario, at its line in the ``.po``."""
    wanted = set(text_fields(scenario))
    out = []
    for lang, cat in sorted(catalogs.items()):
        if lang == scenario.language:
            continue
        po = str(Path(display).parent / catalog_path(lang))
        for m in cat:
            if m.id and isinstance(m.id, str) and m.id not in wanted:
                out.append(Problem(
                    (), msg(N_("Traduction périmée en {language} ({lang}) : « {text} » n'est plus un texte du scénario."),
                            language=LANGUAGE_NAMES.get(lang, lang), lang=lang, text=short(m.id)),
                    msg(N_("Si vous avez modifié ce texte dans scenario.yaml, reportez sa traduction sur le nouveau texte ; "
                           "sinon supprimez l'entrée. Puis relancez explorateurs check.")),
                    file=po, line=m.lineno or 0, col=1 if m.lineno else 0, code="stale-translation", severity=WARNING))
    return out


def read_translations(folder: Path, scenario: Scenario, display: str) -> tuple[Translations, list[Problem]]:
    """The usable translations of a scenario, and the warnings about its catalog files (located in them)."""
    catalogs, problems = read_catalogs(folder, display)
    return usable(catalogs), problems + stale_translations(catalogs, scenario, display)
