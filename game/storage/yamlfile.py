"""Read a trainer's YAML file keeping where every value was written (line and column)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from game.core.messages import N_, msg
from game.core.problems import PathPart, Problem

# libyaml's usual complaints, in French (the English original stays in the hint).
_SYNTAX_FR = {
    "mapping values are not allowed here": N_("deux-points inattendu (mettez le texte entre guillemets s'il contient « : »)"),
    "found character '\\t' that cannot start any token": N_("tabulation interdite : indentez avec des espaces"),
    "could not find expected ':'": N_("deux-points attendu après une clé"),
    "did not find expected key": N_("clé attendue : vérifiez l'indentation"),
    "did not find expected '-' indicator": N_("tiret de liste attendu : vérifiez l'indentation"),
    "found undefined alias": N_("alias non défini"),
    "found unexpected end of stream": N_("fin de fichier inattendue (guillemet non fermé ?)"),
    "found unknown escape character": N_("caractère d'échappement inconnu après une barre oblique inverse"),
}


@dataclass(frozen=True, slots=True)
class YamlDoc:
    data: Any
    root: yaml.Node | None


def read_yaml(path: Path, display: str) -> tuple[YamlDoc | None, list[Problem]]:
    """Load ``path`` with libyaml; on failure return a located French problem, never raise."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as e:
        return None, [Problem((), msg(N_("Le fichier n'est pas encodé en UTF-8 (octet invalide à la position {pos})."), pos=e.start), file=display)]
    except OSError as e:
        return None, [Problem((), msg(N_("Impossible de lire le fichier : {reason}."), reason=e.strerror or str(e)), file=display)]
    return parse_yaml(text, display)


def parse_yaml(text: str, display: str) -> tuple[YamlDoc | None, list[Problem]]:
    """Parse YAML text keeping node marks; on failure return a located French problem, never raise."""
    loader = yaml.CSafeLoader(text)
    try:
        root = loader.get_single_node()
        data = loader.construct_document(root) if root is not None else None
    except yaml.MarkedYAMLError as e:
        problem = (e.problem or "").strip()
        # an unclosed quote or bracket is reported at the end of the file: point at where it opened
        mark = (e.context_mark if problem == "found unexpected end of stream" and e.context_mark
                else e.problem_mark or e.context_mark)
        reason = _SYNTAX_FR.get(problem)
        message = (msg(N_("Erreur de syntaxe YAML : {reason}."), reason=reason) if reason
                   else msg(N_("Erreur de syntaxe YAML ({detail})."), detail=problem or str(e)))
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        return None, [Problem((), message, file=display, line=line, col=col)]
    except yaml.YAMLError as e:
        return None, [Problem((), msg(N_("Erreur de syntaxe YAML ({detail})."), detail=str(e)), file=display)]
    finally:
        loader.dispose()
    try:
        problems = [p.located(display, *_mark(n)) for p, n in _duplicate_keys(root, ())]
    except RecursionError:  # an alias that contains itself
        return None, [Problem((), msg(N_("Le fichier contient un alias YAML qui se contient lui-même.")), file=display)]
    return YamlDoc(data, root), problems


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _duplicate_keys(node: yaml.Node | None, path: tuple[PathPart, ...]):
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for k, v in node.value:
            key = k.value if isinstance(k, yaml.ScalarNode) else "?"
            if key in seen:
                yield Problem(path + (key,), msg(N_("La clé « {key} » apparaît deux fois : seule la dernière serait gardée."), key=key)), k
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
