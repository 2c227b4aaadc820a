"""Read a trainer's YAML file keeping where every value was written (line and column)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from game.core.messages import N_, msg
from game.core.problems import PathPart, Problem

from .oserrors import french_reason
from .yamlerrors import VALUE_ERRORS, explain, reader_problem, value_problem


@dataclass(frozen=True, slots=True)
class YamlDoc:
    data: Any
    root: yaml.Node | None


def read_yaml(path: Path, display: str) -> tuple[YamlDoc | None, list[Problem]]:
    """Load ``path`` with libyaml; on failure return a located French problem, never raise."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as e:
        return None, [Problem((), msg(N_("Le fichier n'est pas encodé en UTF-8 (octet invalide à la position {pos})."), pos=e.start),
                              msg(N_("Enregistrez-le en UTF-8 (dans VS Code : cliquez sur l'encodage dans la barre d'état, puis « Enregistrer avec l'encodage »).")),
                              file=display)]
    except OSError as e:
        return None, [Problem((), msg(N_("Impossible de lire le fichier : {reason}."), reason=french_reason(e)), file=display)]
    return parse_yaml(text, display)


def parse_yaml(text: str, display: str) -> tuple[YamlDoc | None, list[Problem]]:
    """Parse YAML text keeping node marks; on failure return a located French problem, never raise."""
    loader = yaml.CSafeLoader(text)
    try:
        root = loader.get_single_node()
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
    try:
        problems = [p.located(display, *_mark(n)) for p, n in _duplicate_keys(root, ())]
    except RecursionError:  # an alias that contains itself
        return None, [Problem((), msg(N_("Le fichier contient un alias YAML qui se contient lui-même.")), file=display)]
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


def _duplicate_keys(node: yaml.Node | None, path: tuple[PathPart, ...]):
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for k, v in node.value:
            key = k.value if isinstance(k, yaml.ScalarNode) else "?"
            if key in seen:
                yield Problem(path + (key,), msg(N_("La clé « {key} » apparaît deux fois : seule la dernière serait gardée."), key=key),
                              msg(N_("Gardez-en une seule ; si la seconde appartient à un autre élément, vérifiez son indentation."))), k
            seen.add(key)
            yield from _duplicate_keys(v, path + (key,))
    elif isinstance(node, yaml.SequenceNode):
        for i, v in enumerate(node.value):
            yield from _duplicate_keys(v, path + (i,))


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
