"""YAML syntax errors explained in French, each with how to fix it.

libyaml (and PyYAML's pure Python parser, whose wording differs a little) report problems in
English, for programmers (« mapping values are not allowed in this context »). A trainer gets
what usually causes it and what to change; PyYAML's English is shown only for a problem this
table does not know.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.core.messages import N_, Message, msg


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
    if p == "found unknown escape character":
        return _e(N_("Erreur de syntaxe YAML : une barre oblique inverse « \\ » dans un texte entre guillemets "
                     "doubles doit être suivie d'un code connu (\\n, \\\", \\\\…)."),
                  N_("Doublez la barre oblique (\\\\) ou écrivez le texte entre guillemets simples '…'."))
    if p == "but found another document" or c.startswith("expected a single document"):
        return _e(N_("Erreur de syntaxe YAML : une ligne « --- » commence un second document ; un fichier de "
                     "scénario n'en contient qu'un."),
                  N_("Retirez la ligne « --- » indiquée (et fusionnez ce qui suit avec le reste du fichier)."))
    return _e(N_("Erreur de syntaxe YAML ({detail})."),
              N_("Vérifiez la ligne indiquée et celle d'avant : indentation avec des espaces, « : » suivi d'une "
                 "espace après chaque clé, guillemets et crochets refermés."), detail=p or c or "?")
