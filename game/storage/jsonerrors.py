"""Why a JSON text cannot be read, in French: Python's json module says « Expecting ',' delimiter »."""

from __future__ import annotations

import json

from game.core.messages import N_, Message, msg

_REASONS = (  # the start of json's message → what is wrong, for someone who edits the file by hand
    ("Expecting value", N_("une valeur est attendue (rien, une virgule en trop ou un texte sans guillemets ?)")),
    ("Expecting property name enclosed in double quotes",
     N_("un nom entre guillemets doubles est attendu (une virgule en trop avant la fin de l'objet ?)")),
    ("Expecting ':' delimiter", N_("« : » est attendu après le nom")),
    ("Expecting ',' delimiter", N_("une virgule est attendue entre deux éléments")),
    ("Unterminated string", N_("un texte entre guillemets n'est jamais refermé")),
    ("Invalid control character", N_("un caractère de contrôle (tabulation, retour à la ligne…) dans un texte")),
    ("Invalid \\uXXXX escape", N_("un code « \\u » doit avoir 4 chiffres hexadécimaux")),
    ("Invalid \\escape", N_("une barre oblique inverse « \\ » doit être doublée dans un texte")),
    ("Extra data", N_("du texte suit la fin des données")),
    ("Illegal trailing comma", N_("une virgule en trop avant la fin d'une liste ou d'un objet")),
)


def json_reason(exc: json.JSONDecodeError) -> Message:
    """What is wrong at ``exc.lineno``/``exc.colno``, in French (json's words for a case it does not know)."""
    return next((msg(text) for start, text in _REASONS if exc.msg.startswith(start)), msg(exc.msg))


def located_json_reason(exc: json.JSONDecodeError) -> Message:
    """« ligne 3, colonne 7 : une virgule est attendue entre deux éléments »."""
    return msg(N_("ligne {line}, colonne {column} : {reason}"), line=exc.lineno, column=exc.colno, reason=json_reason(exc))
