"""Checking a learner's answer against the answer computed from the table they published.

The expected answer is never written in the scenario: the challenge's reference query runs on the
learner's published table (:func:`~.query.run_query`) and :func:`expected_answer` reads the answer
from its result according to an :class:`AnswerSpec`:

* ``number``: the sum of the numbers of ``column`` over the result's rows (the value itself when
  the result has one row); default column: the last one (the aggregate of a grouped query);
* ``list``: the distinct values of ``column`` (default: the first column);
* ``text``: the first row's value of ``column`` (default: the first column).

:func:`check_answer` reads numbers the French or English way (:func:`~.numbers.parse_number`) with
an absolute and/or relative tolerance, and lists in any order, split on newlines, ``;``, ``,`` and
« et » (a name that contains « et » or a comma and is expected stays whole), ignoring case,
accents, spacing and punctuation.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from ..messages import N_, Message, msg
from ..problems import did_you_mean
from .numbers import fold_words, parse_number, plain_number, read_number
from .query import QueryError, QueryResult, Value, unknown_column

#: answer kinds, with the label the scenario editor shows
KINDS: dict[str, str] = {"number": N_("un nombre"), "list": N_("une liste"), "text": N_("un texte")}


@dataclass(frozen=True, slots=True)
class AnswerSpec:
    kind: str = "number"
    #: absolute tolerance on a number (1.0: the answer may be off by one)
    tolerance: float = 0.0
    #: relative tolerance on a number (0.01: off by 1 %)
    relative: float = 0.0
    column: str = ""

    @classmethod
    def from_json(cls, data: Any) -> AnswerSpec:
        """``{"kind": "number", "tolerance": 1, "relative": 0.01, "column": "montant"}``, keys optional."""
        if not isinstance(data, dict):
            raise QueryError(msg(N_("La réponse attendue doit être décrite par un objet JSON.")))
        for key in data:
            if key not in cls.__slots__:
                raise QueryError(msg(N_("Clé inconnue dans la réponse attendue : « {key} »."), key=key),
                                 did_you_mean(key, cls.__slots__))
        kind = data.get("kind", "number")
        if kind not in KINDS:
            raise QueryError(msg(N_("Type de réponse inconnu : « {kind} »."), kind=kind),
                             did_you_mean(str(kind), KINDS))
        tolerance, relative = data.get("tolerance", 0.0), data.get("relative", 0.0)
        for value in (tolerance, relative):
            if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
                raise QueryError(msg(N_("Une tolérance doit être un nombre positif ou nul.")))
        return cls(kind, float(tolerance), float(relative), str(data.get("column", "")))

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind}
        for key, value in (("tolerance", self.tolerance), ("relative", self.relative), ("column", self.column)):
            if value:
                out[key] = value
        return out


@dataclass(frozen=True, slots=True)
class ExpectedAnswer:
    kind: str
    number: float | None = None
    #: the expected values as they appear in the result (list: each distinct value; text: one)
    items: tuple[str, ...] = ()
    tolerance: float = 0.0
    relative: float = 0.0
    #: cells of the published table left out of the computation (not numbers)
    skipped: int = 0
    #: why the published table cannot give the answer (None: it can)
    unanswerable: Message | None = None

    @property
    def text(self) -> str:
        """The answer as data (``12345.5``, ``A, B, C``), for records; the UI formats ``number``."""
        if self.number is not None:
            return plain_number(self.number)
        return ", ".join(self.items)


@dataclass(frozen=True, slots=True)
class AnswerCheck:
    ok: bool
    message: Message
    expected_text: str
    #: list answers: expected values not given, values given that were not expected
    missing: tuple[str, ...] = ()
    extra: tuple[str, ...] = ()


def _as_text(value: Value) -> str:
    if value is None or isinstance(value, str):  # a text cell, or a blank one
        return "" if value is None else value.strip()
    return plain_number(float(value))


def expected_answer(result: QueryResult, spec: AnswerSpec) -> ExpectedAnswer:
    """The answer the learner should find in ``result``; ``unanswerable`` says when there is none."""
    if spec.kind not in KINDS:
        raise QueryError(msg(N_("Type de réponse inconnu : « {kind} »."), kind=spec.kind),
                         did_you_mean(spec.kind, KINDS))
    if spec.column and spec.column not in result.header:
        raise unknown_column(spec.column, result.header)
    column = spec.column or (result.header[-1] if spec.kind == "number" else result.header[0])
    base = ExpectedAnswer(spec.kind, tolerance=spec.tolerance, relative=spec.relative, skipped=result.skipped)
    values = result.column(column)
    if not values:
        return _unanswerable(base, msg(N_("La requête de référence ne trouve aucune ligne dans le fichier "
                                          "publié : impossible de répondre à partir de ces données.")))
    if spec.kind == "number":
        numbers = [float(v) if isinstance(v, int | float) else read_number(v) for v in values]
        found = [x for x in numbers if x is not None]
        if not found:
            return _unanswerable(base, msg(N_("Aucune valeur de la colonne « {column} » du résultat n'est un "
                                              "nombre : impossible de répondre à partir de ces données."),
                                           column=column))
        return replace(base, number=math.fsum(found))
    texts = [t for t in (_as_text(v) for v in values) if t]
    if not texts:
        return _unanswerable(base, msg(N_("La colonne « {column} » du résultat est vide : impossible de "
                                          "répondre à partir de ces données."), column=column))
    if spec.kind == "text":
        return replace(base, items=(texts[0],))
    unique: dict[str, str] = {}
    for t in texts:  # the first spelling of each value, in the result's order
        unique.setdefault(fold_words(t), t)
    return replace(base, items=tuple(unique.values()))


def _unanswerable(base: ExpectedAnswer, reason: Message) -> ExpectedAnswer:
    return replace(base, unanswerable=reason)


_THOUSANDS_LOOK = re.compile(r"\d{1,3}[.,]\d{3}")


def _close(given: float, expected: ExpectedAnswer) -> bool:
    assert expected.number is not None
    allowed = max(expected.tolerance, expected.relative * abs(expected.number))
    return abs(given - expected.number) <= allowed + 1e-9 * max(1.0, abs(expected.number))


def _check_number(given: str, expected: ExpectedAnswer) -> AnswerCheck:
    value = parse_number(given)
    text = expected.text
    if value is None:
        return AnswerCheck(False, msg(N_("« {given} » n'est pas un nombre : écrivez-le en chiffres, par exemple "
                                         "12\u00a0000 ou 12\u00a0000,50."), given=given), text)
    if _close(value, expected):
        return AnswerCheck(True, msg(N_("Bonne réponse : {expected}. C'est bien le résultat calculé sur le "
                                        "fichier que vous avez publié."), expected=expected.number), text)
    if _THOUSANDS_LOOK.fullmatch(given) and _close(value * 1000, expected):
        return AnswerCheck(False, msg(N_("« {given} » se lit comme un nombre à virgule ({value}). Pour écrire "
                                         "des milliers, séparez-les par une espace : 12\u00a0345."),
                                      given=given, value=value), text)
    return AnswerCheck(False, msg(N_("La réponse attendue, calculée sur le fichier que vous avez publié, est "
                                     "{expected}."), expected=expected.number), text)


_SEPARATORS = re.compile(r"(\n|;|,|\s+et\s+)", re.IGNORECASE)


def split_answer(given: str, known: Sequence[str] = ()) -> list[str]:
    """The items of a typed list, split on newlines, ``;``, ``,`` and « et »; consecutive pieces
    that together spell a ``known`` item (``Club de couture et d'activités manuelles``) stay whole."""
    keys = {fold_words(k) for k in known}
    tokens = _SEPARATORS.split(given)  # piece, separator, piece, separator, piece…

    def joined(i: int, j: int) -> str:  # pieces i to j (excluded) with the separators between them
        return "".join(tokens[2 * i:2 * j - 1])

    out: list[str] = []
    i, count = 0, len(tokens) // 2 + 1
    while i < count:
        end = next((j for j in range(count, i + 1, -1) if fold_words(joined(i, j)) in keys), i + 1)
        out.append(joined(i, end))
        i = end
    return [p.strip().rstrip(".").strip() for p in out if fold_words(p)]


def _check_list(given: str, expected: ExpectedAnswer) -> AnswerCheck:
    items = split_answer(given, expected.items)
    given_keys = {fold_words(i) for i in items}
    expected_keys = {fold_words(i) for i in expected.items}
    missing = tuple(i for i in expected.items if fold_words(i) not in given_keys)
    extra = tuple(dict.fromkeys(i for i in items if fold_words(i) not in expected_keys))
    if not missing and not extra:
        return AnswerCheck(True, msg(N_("Bonne réponse : la liste est complète.")), expected.text)
    return AnswerCheck(False, msg(N_("Les réponses attendues, calculées sur le fichier que vous avez publié, "
                                     "sont : {expected}."), expected=expected.text), expected.text, missing, extra)


def check_answer(given: str, expected: ExpectedAnswer) -> AnswerCheck:
    """Whether ``given`` is the expected answer, with a French message saying what was expected."""
    if expected.unanswerable is not None:
        return AnswerCheck(False, expected.unanswerable, "")
    given = given.strip()
    if not given:
        return AnswerCheck(False, msg(N_("Écrivez votre réponse avant de la valider.")), expected.text)
    if expected.kind == "number":
        return _check_number(given, expected)
    if expected.kind == "list":
        return _check_list(given, expected)
    if fold_words(given) == fold_words(expected.items[0]):
        return AnswerCheck(True, msg(N_("Bonne réponse : « {expected} »."), expected=expected.items[0]),
                           expected.text)
    return AnswerCheck(False, msg(N_("La réponse attendue, calculée sur le fichier que vous avez publié, est "
                                     "« {expected} »."), expected=expected.items[0]), expected.text)
