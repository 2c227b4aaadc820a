"""YAML syntax errors explained in French, each with how to fix it.

libyaml (and PyYAML's pure Python parser, whose wording differs a little) report problems in
English, for programmers (« mapping values are not allowed in this context »). A trainer gets
what usually causes it and what to change; PyYAML's English is shown only for a problem this
table does not know.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

from game.core.messages import N_, Message, msg
from game.core.problems import Problem


@dataclass(frozen=True, slots=True)
class Explained:
    message: Message
    hint: Message
    at_start: bool = False  # point at where the faulty construct began (an unclosed quote…)


def _e(message: str, hint: str, at_start: bool = False, **params: str) -> Explained:
    return Explained(msg(message, **params), msg(hint, **params), at_start)


_TAB = (N_("Erreur de syntaxe YAML : une tabulation sert d'indentation, or YAML n'accepte que des espaces."),
        N_("Remplacez les tabulations par des espaces (2 par niveau)."))


def explain(problem: str, context: str, char: str, inline: bool = False) -> Explained:
    """The French explanation of a parser ``problem`` (``context``: what it was reading; ``char``:
    the character at the place of the error; ``inline``: something precedes it on its line)."""
    p, c = problem.strip(), context or ""
    if p.startswith("mapping values are not allowed"):
        return _e(N_("Erreur de syntaxe YAML : « : » inattendu. Dans une valeur écrite sans guillemets, « : » suivi "
                     "d'une espace commence une nouvelle clé."),
                  N_("Un « : » suivi d'une espace dans une valeur non entre guillemets : mettez la valeur entre "
                     "guillemets, par exemple feedback: \"Attention : …\". S'il s'agit d'une clé, alignez-la sous "
                     "les clés de même niveau."))
    if "tab character" in p or (p.endswith("cannot start any token") and ("'\\t'" in p or char == "\t")):
        return _e(*_TAB)
    if p.endswith("cannot start any token"):
        return _e(N_("Erreur de syntaxe YAML : une valeur ne peut pas commencer par « {char} » sans guillemets."),
                  N_("Mettez la valeur entre guillemets, par exemple text: \"{char}…\"."), char=char or "?")
    if p == "could not find expected ':'":
        return _e(N_("Erreur de syntaxe YAML : il manque « : » après une clé, ou un texte continue sur la ligne "
                     "suivante sans être entre guillemets."),
                  N_("Ajoutez « : » après la clé (clé: valeur), ou mettez le texte sur plusieurs lignes entre "
                     "guillemets."), at_start=True)
    if p.startswith(("expected <block end>", "did not find expected key", "did not find expected '-'")):
        if inline:
            return _e(N_("Erreur de syntaxe YAML : du texte suit une valeur déjà refermée (par un guillemet, un "
                         "crochet ou une accolade)."),
                      N_("Mettez tout le texte entre les guillemets, ou retirez ce qui suit ; pour un guillemet à "
                         "l'intérieur du texte, utilisez les guillemets français « ». Si rien ne cloche sur cette "
                         "ligne, cherchez plus haut un guillemet ouvert qui n'a pas été refermé."))
        if char == "-":
            return _e(N_("Erreur de syntaxe YAML : un élément de liste n'est pas aligné sur les autres."),
                      N_("Alignez les tirets « - » d'une même liste sur la même colonne."))
        return _e(N_("Erreur de syntaxe YAML : cette ligne n'est pas alignée sur les clés de même niveau."),
                  N_("Alignez-la avec le même nombre d'espaces que ses voisines (les clés d'un même élément de "
                     "liste s'alignent sur le premier caractère après « - »)."))
    if p.startswith(("did not find expected ',' or", "expected ',' or")):
        return _e(N_("Erreur de syntaxe YAML : une liste entre crochets ou un dictionnaire entre accolades n'est "
                     "jamais refermé."),
                  N_("Refermez le crochet ou l'accolade ouvert à l'endroit indiqué ; un texte qui contient une "
                     "virgule, un crochet ou une accolade s'écrit entre guillemets."), at_start=True)
    if p == "found undefined alias":
        return _e(N_("Erreur de syntaxe YAML : une valeur commence par « * », qui en YAML renvoie à un « alias » "
                     "défini ailleurs."),
                  N_("Mettez la valeur entre guillemets, par exemple text: \"* important\"."))
    if p == "did not find expected alphabetic or numeric character" or c.startswith(("while scanning an anchor",
                                                                                      "while scanning an alias")):
        return _e(N_("Erreur de syntaxe YAML : une valeur commence par « & » ou « * », qui ont un sens en YAML."),
                  N_("Mettez la valeur entre guillemets, par exemple text: \"& compagnie\"."), at_start=True)
    if p == "found unexpected end of stream" and "quoted scalar" in c:
        return _e(N_("Erreur de syntaxe YAML : un guillemet ouvert ici n'est jamais refermé."),
                  N_("Refermez-le à la fin du texte. Pour un guillemet à l'intérieur d'un texte entre guillemets "
                     "doubles, écrivez \\\" ou utilisez les guillemets français « »."), at_start=True)
    if p == "found unexpected end of stream":
        return _e(N_("Erreur de syntaxe YAML : le fichier s'arrête au milieu d'une valeur (guillemet, crochet ou "
                     "accolade non refermé ?)."),
                  N_("Refermez ce qui a été ouvert à l'endroit indiqué."), at_start=True)
    if "maximum nesting depth" in p:  # libyaml's own bound (1,000 levels), met while reading ahead
        return _e(N_("Le fichier imbrique des centaines de listes ou de dictionnaires les uns dans les autres : refusé à "
                     "partir d'ici."),
                  N_("Un scénario en compte moins de 10 : vérifiez les crochets et les accolades de cette ligne."))
    if p == "found unhashable key":
        return _e(N_("Erreur de syntaxe YAML : une clé ne peut pas être une liste ou un dictionnaire (elle commence "
                     "par un crochet ou une accolade)."),
                  N_("Un texte qui commence par un crochet ou une accolade s'écrit entre guillemets, par exemple "
                     "text: \"[brouillon] …\"."))
    if p in ("found unknown escape character", "did not find expected hexdecimal number",
             "found invalid Unicode character escape code"):
        return _e(N_("Erreur de syntaxe YAML : une barre oblique inverse « \\ » dans un texte entre guillemets "
                     "doubles doit être suivie d'un code connu (\\n, \\\", \\\\…)."),
                  N_("Doublez la barre oblique (\\\\) ou écrivez le texte entre guillemets simples '…'."))
    if p == "but found another document" or c.startswith("expected a single document"):
        return _e(N_("Erreur de syntaxe YAML : une ligne « --- » commence un second document ; un fichier de "
                     "scénario n'en contient qu'un."),
                  N_("Retirez la ligne « --- » indiquée (et fusionnez ce qui suit avec le reste du fichier)."))
    return _more(p, c) or _e(N_("Erreur de syntaxe YAML ({detail})."),
              N_("Vérifiez la ligne indiquée et celle d'avant : indentation avec des espaces, « : » suivi d'une "
                 "espace après chaque clé, guillemets et crochets refermés."), detail=p or c or "?")


def _more(p: str, c: str) -> Explained | None:
    """The rarer problems: directives, tags, block scalars, document markers, merge keys."""
    if p.startswith(("found unknown directive name", "could not find expected directive name",
                     "did not find expected digit", "did not find expected version number",
                     "found extremely long version number", "found incompatible YAML document", "found duplicate %")) \
            or c.startswith(("while scanning a directive", "while scanning a %", "while parsing a %", "while scanning a tag directive")):
        return _e(N_("Erreur de syntaxe YAML : une ligne qui commence par « % » est lue comme une directive YAML."),
                  N_("Un texte qui commence par « % » s'écrit entre guillemets, par exemple text: \"%\u00a0de réussite\" ; "
                     "retirez les lignes « %… » en tête de fichier."))
    if p == "did not find expected <document start>":
        return _e(N_("Erreur de syntaxe YAML : une ligne « ... » termine le document (ou une directive « % » n'est pas "
                     "suivie de « --- ») ; la suite n'est pas lue."),
                  N_("Retirez la ligne « ... » (trois points seuls sur une ligne terminent un document YAML) ; "
                     "dans un texte, écrivez-les entre guillemets ou utilisez « … »."))
    if p == "found unexpected document indicator":
        return _e(N_("Erreur de syntaxe YAML : une ligne « --- » ou « ... » se trouve au milieu d'un texte entre "
                     "guillemets."),
                  N_("Écrivez ce texte sans ligne faite seulement de « --- » ou de « ... », ou utilisez un bloc « | »."),
                  at_start=True)
    if c.startswith("while scanning a block scalar") or p == "found an indentation indicator equal to 0":
        return _e(N_("Erreur de syntaxe YAML : après « | » ou « > », le texte commence à la ligne suivante."),
                  N_("Passez à la ligne après « | » (ou « > »), puis indentez le texte ; un texte sur une seule ligne "
                     "qui commence par « | » ou « > » s'écrit entre guillemets."))
    if p == "block sequence entries are not allowed in this context":
        return _e(N_("Erreur de syntaxe YAML : un tiret « - » de liste suit une clé sur la même ligne."),
                  N_("Passez à la ligne et indentez « - » sous la clé ; un texte qui commence par « - » s'écrit entre "
                     "guillemets, par exemple text: \"- 10 %\"."))
    if p in ("mapping keys are not allowed in this context", "found unexpected ':'"):
        return _e(N_("Erreur de syntaxe YAML : « ? » ou « : » inattendu à cet endroit."),
                  N_("Un texte qui contient « ? » ou « : » suivi d'une espace s'écrit entre guillemets."))
    if p == "did not find expected node content":
        return _e(N_("Erreur de syntaxe YAML : une valeur manque (deux virgules de suite, ou rien après un signe)."),
                  N_("Retirez la virgule en trop ou écrivez la valeur ; un texte qui commence par « , », « ! », « & » "
                     "ou « * » s'écrit entre guillemets."))
    if p.startswith("found duplicate anchor") or c.startswith("found duplicate anchor"):
        return _e(N_("Erreur de syntaxe YAML : deux valeurs commencent par le même « &nom », qui en YAML nomme une "
                     "valeur à réutiliser."),
                  N_("Mettez ces valeurs entre guillemets, par exemple text: \"& compagnie\"."))
    if p.startswith(("expected a mapping for merging", "expected a mapping or list of mappings for merging")):
        return _e(N_("Erreur de syntaxe YAML : une clé « << » fusionne en YAML un dictionnaire défini ailleurs, or sa "
                     "valeur n'en est pas un."),
                  N_("Pour une clé qui s'appelle vraiment « << », mettez-la entre guillemets (\"<<\": …)."))
    if p.startswith(("could not determine a constructor for the tag", "did not find expected tag URI",
                     "did not find expected '!'", "did not find URI escaped octet", "found an incorrect",
                     "found undefined tag handle", "expected a mapping node", "expected a sequence node",
                     "expected a scalar node", "expected a sequence, but found", "expected a mapping of length 1",
                     "expected a single mapping item", "expected the empty value", "failed to decode base64",
                     "failed to convert base64", "expected non-empty name appended to the tag")) \
            or c.startswith(("while scanning a tag", "while parsing a tag")):
        return _e(N_("Erreur de syntaxe YAML : une valeur commence par « ! », qui en YAML annonce un type de donnée "
                     "(« !!str », « !!set »…) que le jeu ne lit pas ou qui ne va pas avec la valeur."),
                  N_("Retirez l'indication « !… » ou mettez la valeur entre guillemets, par exemple "
                     "text: \"! Attention\"."), at_start=True)
    return None


def reader_problem(e: yaml.reader.ReaderError, text: str, display: str) -> Problem:
    """An invisible character YAML refuses (« unacceptable character #x0000 »), located."""
    encoded = text.encode("utf-8", "surrogatepass")
    before = encoded[: max(0, e.position)].decode("utf-8", "replace") if e.position <= len(encoded) else text
    line, col = before.count("\n") + 1, len(before) - before.rfind("\n")
    if isinstance(e.character, int):
        return Problem((), msg(N_("Le fichier contient un caractère invisible que YAML refuse (U+{code})."),
                               code=f"{e.character:04X}"),
                       msg(N_("Supprimez-le (il vient souvent d'un copier-coller depuis un traitement de texte ou un "
                              "PDF) : placez le curseur à l'endroit indiqué et effacez le caractère, même s'il ne se "
                              "voit pas.")), file=display, line=line, col=col)
    return Problem((), msg(N_("Le fichier n'est pas encodé en UTF-8.")),
                   msg(N_("Enregistrez-le en UTF-8 (dans VS Code : cliquez sur l'encodage dans la barre d'état, puis "
                          "« Enregistrer avec l'encodage »).")), file=display, line=line, col=col)


#: what PyYAML's constructors raise, unwrapped, for a value its type cannot hold (« 2024-13-45 »,
#: « !!int abc », an integer of 5,000 digits)
VALUE_ERRORS = (ValueError, KeyError, AttributeError, TypeError, OverflowError, IndexError)


def value_problem(loader: Any, root: yaml.Node | None, display: str) -> Problem:
    """The first scalar whose type (date, number…) cannot hold what is written, located."""
    stack, seen = [root], set()
    while stack:
        node = stack.pop()
        if node is None or id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            construct = loader.yaml_constructors.get(node.tag)
            try:
                if construct is not None:
                    construct(loader, node)
            except VALUE_ERRORS:
                value = node.value if len(node.value) <= 40 else node.value[:39] + "…"
                kind = node.tag.rsplit(":", 1)[-1]
                message = (msg(N_("« {value} » s'écrit comme une date, mais cette date n'existe pas."), value=value)
                           if kind == "timestamp" else
                           msg(N_("« {value} » ne peut pas être lu comme une valeur de type « {kind} »."),
                               value=value, kind=kind))
                return Problem((), message, msg(N_("Corrigez la valeur, ou mettez-la entre guillemets pour la garder "
                                                   "comme texte (et retirez « !!… » devant s'il y en a un).")),
                               file=display, line=node.start_mark.line + 1, col=node.start_mark.column + 1)
        elif isinstance(node, yaml.MappingNode):
            stack.extend(x for pair in reversed(node.value) for x in reversed(pair))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(reversed(node.value))
    return Problem((), msg(N_("Une valeur du fichier ne peut pas être lue avec le type que YAML lui donne.")),
                   msg(N_("Mettez entre guillemets les dates, nombres et valeurs précédées de « !! » qui doivent "
                          "rester du texte.")), file=display)
