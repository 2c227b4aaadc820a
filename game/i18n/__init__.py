"""Translation of the game's strings (gettext via babel catalogs) and locale-aware formatting.

French is the source language. The game's own strings live in ``locales/<lang>/LC_MESSAGES/
explorateurs.mo`` (compiled from the ``.po`` by the play and test scripts); a scenario's text
is translated with the scenario's own catalog, falling back to its source language.
"""

from __future__ import annotations

import gettext as _gettext
from datetime import date, datetime
from pathlib import Path

from game.bundle import data_dir
from game.core.messages import Message

DOMAIN = "explorateurs"
LANGUAGES = ("fr", "en")
BABEL_LOCALES = {"fr": "fr_FR", "en": "en_GB"}


def locales_dir() -> Path:
    return data_dir("locales")


class Translator:
    """The active language: UI strings, scenario strings, numbers and dates."""

    def __init__(self, language: str = "fr", directory: Path | None = None) -> None:
        self.language = language if language in LANGUAGES else "fr"
        self.locale = BABEL_LOCALES[self.language]
        self.catalog_missing = False
        if self.language == "fr":
            self._t: _gettext.NullTranslations = _gettext.NullTranslations()
        else:
            try:
                self._t = _gettext.translation(DOMAIN, str(directory or locales_dir()), languages=[self.language])
            except OSError:
                self._t = _gettext.NullTranslations()
                self.catalog_missing = True
        self._scenario: dict[str, str] = {}

    # UI strings -------------------------------------------------------------
    def gettext(self, text: str) -> str:
        return self._t.gettext(text)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        if isinstance(self._t, _gettext.GNUTranslations):  # the catalogue's own plural rule
            return self._t.ngettext(singular, plural, n)
        return singular if abs(n) < 2 else plural  # French, the source language: « 0 élément », « 1,5 élément »

    def render(self, message: Message) -> str:
        """Translate a core message and fill its named placeholders in the active language."""
        params = {}
        for k, v in message.params:
            if isinstance(v, bool):
                params[k] = v
            elif isinstance(v, int | float):
                params[k] = self.number(v)
            elif isinstance(v, str):
                params[k] = self._t.gettext(v) if v else v
            elif isinstance(v, Message):  # a reason inside a sentence (« … ({reason}) »)
                params[k] = self.render(v)
            else:
                params[k] = v
        text = self._t.gettext(message.msgid)
        try:
            return text.format(**params)
        except (KeyError, IndexError, ValueError):
            return message.msgid.format(**params)

    # scenario strings -------------------------------------------------------
    def use_scenario(self, translations: dict[str, dict[str, str]], source_language: str) -> None:
        self._scenario = {} if self.language == source_language else translations.get(self.language, {})

    def scenario(self, text: str) -> str:
        return self._scenario.get(text, text) if text else text

    # formatting -------------------------------------------------------------
    def number(self, value: float, digits: int | None = None) -> str:
        from babel.numbers import format_decimal

        fmt = None if digits is None else "#,##0." + "0" * digits if digits else "#,##0"
        return format_decimal(value, format=fmt, locale=self.locale)

    def percent(self, ratio: float) -> str:
        from babel.numbers import format_percent

        return format_percent(ratio, locale=self.locale)

    def date(self, value: date | datetime, fmt: str = "medium") -> str:
        from babel.dates import format_date as _format_date
        from babel.dates import format_datetime as _format_datetime

        if isinstance(value, datetime):
            return _format_datetime(value, format=fmt, locale=self.locale)
        return _format_date(value, format=fmt, locale=self.locale)


_active = Translator("fr")


def activate(language: str) -> Translator:
    global _active
    _active = Translator(language)
    return _active


def active() -> Translator:
    return _active


def _(text: str) -> str:
    return _active.gettext(text)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form, in the active language."""
    return active().ngettext(singular, plural, n)


def render(message: Message) -> str:
    return _active.render(message)
