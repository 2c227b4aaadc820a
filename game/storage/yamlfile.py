"""Read a trainer's YAML file keeping where every value was written (line and column)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from game.core.messages import N_, msg
from game.core.problems import PathPart, Problem

from .limits import LIMITS, ScenarioLimits
from .oserrors import french_reason
from .yamlbounds import first_excess, too_big, tree_excess
from .yamlerrors import VALUE_ERRORS, explain, reader_problem, value_problem


@dataclass(frozen=True, slots=True)
class YamlDoc:
    data: Any
    root: yaml.Node | None


def read_yaml(path: Path, display: str, limits: ScenarioLimits = LIMITS) -> tuple[YamlDoc | None, list[Problem]]:
    """Load ``path`` with libyaml; on failure return a located French problem, never raise.

    A file past the limits (see :mod:`.limits`) is refused before it is read (its size) or before
    anything is built from it (nesting, aliases, values): never expanded, never walked."""
    try:
        with path.open("rb") as f:
            refused = too_big(os.fstat(f.fileno()).st_size, display, limits)
            raw = f.read(limits.yaml_bytes + 1) if refused is None else b""
        refused = refused or too_big(len(raw), display, limits)  # grown since, or not a regular file
        if refused is not None:
            return None, [refused]
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        return None, [Problem((), msg(N_("Le fichier n'est pas encodé en UTF-8 (octet invalide à la position {pos})."), pos=e.start),
                              msg(N_("Enregistrez-le en UTF-8 (dans VS Code : cliquez sur l'encodage dans la barre d'état, puis « Enregistrer avec l'encodage »).")),
                              file=display)]
    except OSError as e:
        return None, [Problem((), msg(N_("Impossible de lire le fichier : {reason}."), reason=french_reason(e)), file=display)]
    return parse_yaml(text, display, limits)


def parse_yaml(text: str, display: str, limits: ScenarioLimits = LIMITS) -> tuple[YamlDoc | None, list[Problem]]:
    """Parse YAML text keeping node marks; on failure return a located French problem, never raise."""
    # Without any « * » no node is shared: the document is a tree, bounded once composed (faster),
    # as long as the text is too short to hold many more values than the limit (composing is not free).
    scan = "*" in text or len(text) > limits.yaml_values
    refused = too_big(len(text), display, limits) or (first_excess(text, display, limits) if scan else None)
    if refused is not None:
        return None, [refused]
    loader = yaml.CSafeLoader(text)
    try:
        root = loader.get_single_node()
        refused = None if scan else tree_excess(root, display, limits)
        if refused is not None:
            return None, [refused]
        data = loader.construct_document(root) if root is not None else None
    except yaml.MarkedYAMLError as e:
        return None, [_syntax_problem(e, text, display)]
    except yaml.reader.ReaderError as e:
        return None, [reader_problem(e, text, display)]
    except yaml.YAMLError as e:
        why = explain(str(e), "", "")
        return None, [Problem((), why.message, why.hint, file=display)]
    except VALUE_ERRORS:  # « 2024-13-45 », « !!int abc »: PyYAML's constructor raised, unwrapped
        return None, [value_problem(loader, root, display)]
    finally:
        loader.dispose()
    problems = [p.located(display, *_mark(n)) for p, n in _duplicate_keys(root)]
    return YamlDoc(data, root), problems


def _syntax_problem(e: yaml.MarkedYAMLError, text: str, display: str) -> Problem:
    """A located French problem for a parser error (where the unclosed construct began, when that
    is where the fix goes)."""
    problem_mark, char, before = e.problem_mark, "", ""
    if problem_mark is not None:
        lines = text.split("\n")
        if problem_mark.line < len(lines):
            before = lines[problem_mark.line][:problem_mark.column]
            char = lines[problem_mark.line][problem_mark.column:problem_mark.column + 1]
    why = explain(e.problem or "", e.context or "", char, inline=bool(before.strip()))
    mark = (e.context_mark if why.at_start and e.context_mark else problem_mark or e.context_mark)
    line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
    return Problem((), why.message, why.hint, file=display, line=line, col=col)


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _duplicate_keys(root: yaml.Node | None) -> Iterator[tuple[Problem, yaml.Node]]:
    """Keys written twice in one mapping, in the order of the file. Each node is visited once: a
    node an alias repeats is the same node, and is not walked again (nor forever when it contains
    itself)."""
    seen_nodes: set[int] = set()
    todo: list[tuple[yaml.Node | None, tuple[PathPart, ...]]] = [(root, ())]
    while todo:
        node, path = todo.pop()
        if node is None or id(node) in seen_nodes:
            continue
        seen_nodes.add(id(node))
        children: list[tuple[yaml.Node, tuple[PathPart, ...]]] = []
        if isinstance(node, yaml.MappingNode):
            keys: set[str] = set()
            for k, v in node.value:
                key = k.value if isinstance(k, yaml.ScalarNode) else "?"
                if key in keys:
                    yield Problem(path + (key,), msg(N_("La clé « {key} » apparaît deux fois : seule la dernière serait gardée."), key=key),
                                  msg(N_("Gardez-en une seule ; si la seconde appartient à un autre élément, vérifiez son indentation."))), k
                keys.add(key)
                children.append((v, path + (key,)))
        elif isinstance(node, yaml.SequenceNode):
            children = [(v, path + (i,)) for i, v in enumerate(node.value)]
        todo.extend(reversed(children))


def node_at(root: yaml.Node | None, path: tuple[PathPart, ...], at_key: bool = False) -> yaml.Node | None:
    """The deepest node reached by ``path`` (a key node when ``at_key`` and the last part is a key)."""
    node = root
    for n, part in enumerate(path):
        last = n == len(path) - 1
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                if isinstance(k, yaml.ScalarNode) and k.value == str(part):
                    node = k if (last and at_key) else v
                    break
            else:
                return node
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
        else:
            return node
    return node


def locate(problems: list[Problem], doc: YamlDoc, display: str) -> list[Problem]:
    out = []
    for p in problems:
        node = node_at(doc.root, p.path, p.at_key)
        out.append(p.located(display, *_mark(node)) if node is not None else p.located(display, 0, 0))
    return out


def raw_scalar(root: yaml.Node | None, path: tuple[PathPart, ...]) -> str | None:
    """The text as written in the file (``01`` before YAML turned it into 1)."""
    node = node_at(root, path)
    return node.value if isinstance(node, yaml.ScalarNode) else None
