"""Babel extractor for scenario files: ``pybabel extract -F scenarios/babel.cfg``.

Registered as the ``explorateurs_scenario`` entry point of ``babel.extractors`` (pyproject.toml).
Every display string of the scenario (:func:`game.core.texts.scenario_texts`, the list the game
translates) becomes a message at its real line in ``scenario.yaml``, with a translator comment
naming its field (``steps/intro/lines/2/text``).
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from game.core.messages import N_, msg
from game.core.problems import Problem
from game.core.scenario import Scenario
from game.core.texts import ScenarioText, scenario_texts

from .yamlfile import YamlDoc, locate, node_at, parse_yaml


@dataclass(frozen=True, slots=True)
class LocatedText:
    """A display string and where it is written (1-based line and column of its value)."""

    text: ScenarioText
    line: int
    col: int


class ScenarioExtractError(SystemExit):
    """A scenario that cannot be read: ``pybabel`` stops with this French message, no traceback.

    Stopping (rather than extracting nothing) keeps ``pybabel update`` from emptying a catalog.
    """


def locate_texts(scenario: Scenario, doc: YamlDoc) -> list[LocatedText]:
    out = []
    for t in scenario_texts(scenario):
        node = node_at(doc.root, t.path)
        mark = node.start_mark if node is not None else None
        out.append(LocatedText(t, mark.line + 1 if mark else 0, mark.column + 1 if mark else 0))
    return out


def texts_of(source: str, display: str) -> tuple[list[LocatedText], list[Problem]]:
    """The located display strings of a scenario's YAML text, or the problems that prevent reading it."""
    from game.core.build import build_scenario

    from .scenarios import _schema_problem, _validator

    doc, problems = parse_yaml(source, display)
    if doc is None or problems:
        return [], problems
    errors = list(_validator().iter_errors(doc.data))
    if errors:
        return [], locate([_schema_problem(e, doc.root) for e in errors], doc, display)
    scenario, more = build_scenario(doc.data)
    if scenario is None:
        return [], locate(more, doc, display)
    return locate_texts(scenario, doc), []


def _display(name: str) -> str:
    from .scenarios import _display as display

    return display(Path(name)) if name else "scenario.yaml"


def extract_scenario(fileobj: IO[bytes], keywords: Mapping[str, Any] | Collection[str],
                     comment_tags: Collection[str], options: Mapping[str, Any]) -> Iterator[tuple[int, None, str, list[str]]]:
    """Babel's extractor protocol: ``(lineno, funcname, message, comments)`` per display string."""
    name = getattr(fileobj, "name", "")
    display = _display(name if isinstance(name, str) else "")
    raw = fileobj.read()
    try:
        source = raw.decode("utf-8-sig") if isinstance(raw, bytes) else raw
    except UnicodeDecodeError as e:
        problems = [Problem((), msg(N_("Le fichier n'est pas encodé en UTF-8 (octet invalide à la position {pos})."), pos=e.start), file=display)]
    else:
        texts, problems = texts_of(source, display)
    if problems:
        shown = [f"{p.where}: {p.message.format_source()}" for p in problems[:10]]
        reason = msg(N_("Les textes de ce scénario ne peuvent pas être extraits : corrigez d'abord ces problèmes (explorateurs check les détaille)."))
        raise ScenarioExtractError("\n".join(shown + [reason.format_source()]))
    for t in texts:
        yield t.line, None, t.text.text, [t.text.label]
