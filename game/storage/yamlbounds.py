"""Bound a trainer's YAML file before anything is built from it.

A YAML alias (``*nom``) repeats what its anchor (``&nom``) holds: nine aliases of nine aliases of
nine… make a 1 KB file hold hundreds of millions of values once expanded (an « alias bomb »), and
every reader that walks the document (duplicate keys, the JSON Schema, the model) would walk them
all. :func:`first_excess` reads the file's parser events once, keeping only counters and the size
of each anchor, so it never expands anything: it stops at the first event past a limit (nesting,
aliases, values counting what each alias repeats) and says where, in French.
"""

from __future__ import annotations

import yaml

from game.core.messages import N_, Message, msg
from game.core.problems import Problem

from .limits import LIMITS, ScenarioLimits

_START = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
_END = (yaml.MappingEndEvent, yaml.SequenceEndEvent)


def _deep(limits: ScenarioLimits) -> tuple[Message, Message]:
    return (msg(N_("Le fichier imbrique plus de {limit} niveaux de listes et de dictionnaires : refusé à partir d'ici."),
                limit=limits.yaml_depth),
            msg(N_("Un scénario en compte moins de 10 : vérifiez l'indentation et les crochets de cette ligne.")))


def _many(limits: ScenarioLimits) -> tuple[Message, Message]:
    return (msg(N_("Le fichier contient plus de {limit} valeurs (clés, textes, éléments de liste), en comptant ce que ses "
                   "alias répètent : refusé à partir d'ici."), limit=limits.yaml_values),
            msg(N_("Un scénario en compte moins de 2 000. Un alias qui répète des alias eux-mêmes répétés multiplie le "
                   "contenu du fichier : écrivez les valeurs en entier, ou répartissez le contenu en plusieurs scénarios.")))


def _at(mark: yaml.Mark, display: str, why: tuple[Message, Message]) -> Problem:
    return Problem((), why[0], why[1], file=display, line=mark.line + 1, col=mark.column + 1, code="limit")


def tree_excess(root: yaml.Node | None, display: str, limits: ScenarioLimits = LIMITS) -> Problem | None:
    """:func:`first_excess` for a document composed from a short text without any alias (``*``),
    so a tree: the same limits, found at the same places, in one walk of its nodes (much faster
    than reading the events again)."""
    values = 0
    todo: list[tuple[yaml.Node, int]] = [(root, 0)] if root is not None else []
    while todo:
        node, depth = todo.pop()
        values += 1
        if isinstance(node, yaml.CollectionNode):
            depth += 1
            if depth > limits.yaml_depth:
                return _at(node.start_mark, display, _deep(limits))
        if values > limits.yaml_values:
            return _at(node.start_mark, display, _many(limits))
        if isinstance(node, yaml.MappingNode):
            todo.extend((n, depth) for pair in reversed(node.value) for n in reversed(pair))
        elif isinstance(node, yaml.SequenceNode):
            todo.extend((n, depth) for n in reversed(node.value))
    return None


def first_excess(text: str, display: str, limits: ScenarioLimits = LIMITS) -> Problem | None:
    """The first place where ``text`` passes a limit, as a located problem; None when within them
    (a syntax error is left to the composer, which explains it)."""
    loader = yaml.CSafeLoader(text)
    depth = values = aliases = 0
    opened: list[tuple[str | None, int]] = []  # the collections being read: their anchor, the values before them
    open_anchors: set[str] = set()
    sizes: dict[str, int] = {}  # anchor -> values it holds (itself included)

    try:
        while True:
            event = loader.get_event()
            if event is None or isinstance(event, yaml.StreamEndEvent):
                return None
            if isinstance(event, yaml.AliasEvent):
                aliases += 1
                if aliases > limits.yaml_aliases:
                    return _at(event.start_mark, display, (
                        msg(N_("Le fichier utilise plus de {limit} alias YAML (*nom) : refusé à partir de celui-ci."),
                            limit=limits.yaml_aliases),
                        msg(N_("Écrivez les valeurs en entier plutôt que de les répéter par des alias."))))
                if event.anchor in open_anchors:
                    return _at(event.start_mark, display, (
                        msg(N_("L'alias « *{name} » se contient lui-même : YAML le répéterait sans fin."), name=event.anchor),
                        msg(N_("Retirez cet alias, ou faites-le renvoyer à une valeur qui ne le contient pas."))))
                if event.anchor not in sizes:
                    return None  # an undefined alias: the composer explains it
                values += sizes[event.anchor]
            elif isinstance(event, (yaml.ScalarEvent, *_START)):
                values += 1
                if event.anchor is not None and isinstance(event, yaml.ScalarEvent):
                    sizes[event.anchor] = 1
            if isinstance(event, _START):
                depth += 1
                if depth > limits.yaml_depth:
                    return _at(event.start_mark, display, _deep(limits))
                opened.append((event.anchor, values - 1))
                if event.anchor is not None:
                    open_anchors.add(event.anchor)
            elif isinstance(event, _END):
                depth -= 1
                anchor, before = opened.pop()
                if anchor is not None:
                    open_anchors.discard(anchor)
                    sizes[anchor] = values - before
            if values > limits.yaml_values:
                return _at(event.start_mark, display, _many(limits))
    except yaml.YAMLError:
        return None  # the composer reports the syntax error, located and explained
    finally:
        loader.dispose()


def too_big(size: int, display: str, limits: ScenarioLimits = LIMITS) -> Problem | None:
    """The file's size in bytes, refused before it is read when past the limit."""
    from .limits import megabytes

    if size <= limits.yaml_bytes:
        return None
    return Problem((), msg(N_("Le fichier pèse {size} Mo : un fichier de scénario est limité à {limit} Mo."),
                           size=megabytes(size), limit=megabytes(limits.yaml_bytes)),
                   msg(N_("Un scénario pèse moins de 100 Ko : vérifiez qu'il s'agit du bon fichier. Les données vont "
                          "dans les fichiers CSV du dossier data/, pas dans scenario.yaml.")),
                   file=display, code="limit")
