"""What a learner does, as data: one small frozen dataclass per action, each with a JSON form.

An :class:`Action` names the step it was done on and what was done there: read the next line,
choose, answer a question, sort a card, apply a cleaning operation, undo, publish, run a query,
reply to a reuser, leave the step. The play session carries actions out
(``PlaySession.do``); the trainer's preview keeps the list of accepted ones and plays it again
on the edited scenario; a script of actions in JSON plays a scenario without a window.

The JSON form is ``{"action": "choose", "step": "intro", "choice": 0}``. It reuses the forms a
scenario file already knows: a cleaning operation is a recipe entry (``{"op": "trim-spaces", …}``),
a publication is a step's reference metadata (text fields, ``keywords``, ``resources`` as the ids of
the extra resources attached, ``drop_columns``), a query is a challenge's reference query.
A JSON action that cannot be read raises :class:`ActionError`: a French message, where it is.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, NoReturn

from .messages import N_, Message, msg
from .problems import PathPart, Problem, did_you_mean

if TYPE_CHECKING:  # the cleaning, publishing and reuse rules load on first use, not at start-up
    from .operations import Operation
    from .publishing import Metadata
    from .reuse import Query


class ActionError(ValueError):
    """A JSON action that cannot be read: ``message`` (French) and ``hint``, at ``path`` in the
    list of actions (its first part is the index of the action, from 0; absent for the list itself)."""

    def __init__(self, path: tuple[PathPart, ...], message: Message, hint: Message | None = None) -> None:
        self.path, self.message, self.hint = path, message, hint
        self.index: int | None = path[0] if path and isinstance(path[0], int) else None
        super().__init__(f"{self.where.format_source()} : {message.format_source()}")

    @property
    def where(self) -> Message:
        """« Action n° 3 » (counted from 1, as a trainer counts), or « Liste des actions »."""
        if self.index is None:
            return msg(N_("Liste des actions"))
        return msg(N_("Action n° {number}"), number=self.index + 1)

    def problem(self) -> Problem:
        """The same, as a problem in a file (storage adds ``file:line:col`` from ``path``)."""
        return Problem(self.path, self.message, self.hint, code="action")


# -- the actions -------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Action:
    """One thing a learner does, on the step ``step`` (its id)."""

    step: str
    #: the ``action`` of the JSON form
    name: ClassVar[str] = ""
    #: the keys of the JSON form besides ``action`` and ``step``
    keys: ClassVar[tuple[str, ...]] = ()

    def to_json(self) -> dict[str, Any]:
        return {"action": self.name, "step": self.step, **self._params()}

    def _params(self) -> dict[str, Any]:
        return {}

    @classmethod
    def from_json(cls, data: Any, index: int = 0) -> Action:
        """The action ``data`` describes (of the kind its ``action`` key names); ``index`` is its
        place in a list, for the error message. :class:`ActionError` when it cannot be read."""
        if not isinstance(data, dict) or not isinstance(data.get("action"), str):
            raise ActionError((index,), msg(N_("Une action doit être un objet JSON avec une clé « action » "
                                               "(par exemple « choose » ou « answer »).")))
        kind = ACTIONS.get(data["action"])
        if kind is None:
            raise ActionError((index, "action"), msg(N_("Action inconnue : « {action} »."), action=data["action"]),
                              did_you_mean(data["action"], ACTIONS))
        return kind._read(_Reader(data, index, kind))

    @classmethod
    def _read(cls, r: _Reader) -> Action:
        return cls(r.step)


@dataclass(frozen=True, slots=True)
class NextLine(Action):
    """Read the next line of a dialogue."""

    name: ClassVar[str] = "next-line"


@dataclass(frozen=True, slots=True)
class PreviousLine(Action):
    """Read the previous line of a dialogue again."""

    name: ClassVar[str] = "previous-line"


@dataclass(frozen=True, slots=True)
class Choose(Action):
    """Make a dialogue's choice (its index in the file's order)."""

    choice: int
    name: ClassVar[str] = "choose"
    keys: ClassVar[tuple[str, ...]] = ("choice",)

    def _params(self) -> dict[str, Any]:
        return {"choice": self.choice}

    @classmethod
    def _read(cls, r: _Reader) -> Action:
        return cls(r.step, r.integer("choice"))


@dataclass(frozen=True, slots=True)
class Answer(Action):
    """Answer a quiz question with the options selected (their indexes)."""

    question: str
    selected: frozenset[int]
    name: ClassVar[str] = "answer"
    keys: ClassVar[tuple[str, ...]] = ("question", "selected")

    def _params(self) -> dict[str, Any]:
        return {"question": self.question, "selected": sorted(self.selected)}

    @classmethod
    def _read(cls, r: _Reader) -> Action:
        return cls(r.step, r.text("question"), frozenset(r.integers("selected")))


@dataclass(frozen=True, slots=True)
class Sort(Action):
    """Put a card of a sort step in a bin."""

    card: str
    bin: str
    name: ClassVar[str] = "sort"
    keys: ClassVar[tuple[str, ...]] = ("card", "bin")

    def _params(self) -> dict[str, Any]:
        return {"card": self.card, "bin": self.bin}

    @classmethod
    def _read(cls, r: _Reader) -> Action:
        return cls(r.step, r.text("card"), r.text("bin"))


@dataclass(frozen=True, slots=True)
class ApplyOperation(Action):
    """Apply a cleaning operation to the table."""

    operation: Operation
    name: ClassVar[str] = "apply"
    keys: ClassVar[tuple[str, ...]] = ("operation",)

    def _params(self) -> dict[str, Any]:
        return {"operation": self.operation.to_json()}

    @classmethod
    def _read(cls, r: _Reader) -> Action:
        from .operations import OperationError, operation_from_json

        entry = r.mapping("operation")
        try:
            return cls(r.step, operation_from_json(entry))
        except OperationError as e:
            r.fail("operation", e.message, *e.messages[1:2])


@dataclass(frozen=True, slots=True)
class Undo(Action):
    """Undo the last cleaning operation."""

    name: ClassVar[str] = "undo"


@dataclass(frozen=True, slots=True)
class Redo(Action):
    """Apply again the last cleaning operation undone."""

    name: ClassVar[str] = "redo"


@dataclass(frozen=True, slots=True)
class _Form(Action):
    """The publishing form as the learner filled it: the metadata's texts and keywords, the extra
    resources attached (ids), what was written about each resource, the columns left out."""

    metadata: Metadata  # texts and keywords (the publisher and resources come from the step)
    resources: tuple[str, ...] = ()
    dropped: tuple[str, ...] = ()
    descriptions: tuple[tuple[str, str], ...] = ()  # resource id -> description, when one was written
    keys: ClassVar[tuple[str, ...]] = ("metadata", "descriptions")

    def _params(self) -> dict[str, Any]:
        meta = self.metadata.to_json()
        out = {k: v for k, v in meta.items() if v and k not in ("publisher", "resources")}
        out |= {"resources": list(self.resources), "drop_columns": list(self.dropped)}
        return {"metadata": out} | ({"descriptions": dict(self.descriptions)} if self.descriptions else {})

    @classmethod
    def _read(cls, r: _Reader) -> Action:
        from .publishing import Metadata

        meta = r.mapping("metadata")
        inner = _Reader(meta, r.index, cls, ("metadata",), _METADATA_KEYS)
        texts: dict[str, Any] = {k: inner.text(k, "") for k in _METADATA_TEXTS}  # all str fields of Metadata
        keywords = inner.texts("keywords")
        descriptions = r.mapping("descriptions", {})
        notes = _Reader(descriptions, r.index, cls, ("descriptions",), tuple(descriptions))
        return cls(r.step, Metadata(**texts, keywords=keywords), inner.texts("resources"), inner.texts("drop_columns"),
                   tuple((k, notes.text(k)) for k in descriptions))


@dataclass(frozen=True, slots=True)
class SaveDraft(_Form):
    """Keep the publishing form as it is, without publishing."""

    name: ClassVar[str] = "save-draft"


@dataclass(frozen=True, slots=True)
class Publish(_Form):
    """Publish the cleaned table with the form's metadata."""

    name: ClassVar[str] = "publish"


@dataclass(frozen=True, slots=True)
class RunQuery(Action):
    """Run a query on the published table, while working on a reuser's question (or none)."""

    query: Query
    challenge: str = ""
    name: ClassVar[str] = "query"
    keys: ClassVar[tuple[str, ...]] = ("query", "challenge")

    def _params(self) -> dict[str, Any]:
        out = {"query": self.query.to_json()}
        return out | ({"challenge": self.challenge} if self.challenge else {})

    @classmethod
    def _read(cls, r: _Reader) -> Action:
        from .reuse import Query, QueryError

        data = r.mapping("query")
        try:
            query = Query.from_json(data)
        except QueryError as e:
            r.fail("query", e.message, e.hint)
        return cls(r.step, query, r.text("challenge", ""))


@dataclass(frozen=True, slots=True)
class Reply(Action):
    """Answer a reuser's question."""

    challenge: str
    answer: str
    name: ClassVar[str] = "reply"
    keys: ClassVar[tuple[str, ...]] = ("challenge", "answer")

    def _params(self) -> dict[str, Any]:
        return {"challenge": self.challenge, "answer": self.answer}

    @classmethod
    def _read(cls, r: _Reader) -> Action:
        return cls(r.step, r.text("challenge"), r.text("answer"))


@dataclass(frozen=True, slots=True)
class CannotAnswer(Action):
    """Tell a reuser that the published data cannot answer the question."""

    challenge: str
    name: ClassVar[str] = "cannot-answer"
    keys: ClassVar[tuple[str, ...]] = ("challenge",)

    def _params(self) -> dict[str, Any]:
        return {"challenge": self.challenge}

    @classmethod
    def _read(cls, r: _Reader) -> Action:
        return cls(r.step, r.text("challenge"))


@dataclass(frozen=True, slots=True)
class FillRow(Action):
    """Check a row of a fill step: the values typed in its fields (column name -> text)."""

    row: str
    values: tuple[tuple[str, str], ...]
    name: ClassVar[str] = "fill-row"
    keys: ClassVar[tuple[str, ...]] = ("row", "values")

    def _params(self) -> dict[str, Any]:
        return {"row": self.row, "values": dict(self.values)}

    @classmethod
    def _read(cls, r: _Reader) -> Action:
        values = r.mapping("values")
        for key, value in values.items():
            if not isinstance(value, str):
                r.fail("values", msg(N_("La valeur de la colonne « {value} » doit être un texte, entre guillemets."),
                                     value=key))
        return cls(r.step, r.text("row"), tuple((str(k), v) for k, v in values.items()))

    def as_dict(self) -> dict[str, str]:
        return dict(self.values)


@dataclass(frozen=True, slots=True)
class Proceed(Action):
    """Leave the step for the next one; ``force`` gives up a cleaning whose goal is not reached."""

    force: bool = False
    name: ClassVar[str] = "proceed"
    keys: ClassVar[tuple[str, ...]] = ("force",)

    def _params(self) -> dict[str, Any]:
        return {"force": True} if self.force else {}

    @classmethod
    def _read(cls, r: _Reader) -> Action:
        return cls(r.step, r.flag("force"))


#: Every action, by the ``action`` of its JSON form.
ACTIONS: dict[str, type[Action]] = {a.name: a for a in (
    NextLine, PreviousLine, Choose, Answer, Sort, ApplyOperation, Undo, Redo, SaveDraft, Publish, RunQuery, Reply,
    CannotAnswer, FillRow, Proceed)}


def actions_to_json(actions: Sequence[Action]) -> list[dict[str, Any]]:
    return [a.to_json() for a in actions]


def actions_from_json(data: Any) -> list[Action]:
    """The actions of a JSON list; :class:`ActionError` at the first one that cannot be read."""
    if not isinstance(data, list):
        raise ActionError((), msg(N_("Les actions doivent former une liste JSON (entre crochets).")))
    return [Action.from_json(item, i) for i, item in enumerate(data)]


# -- reading the JSON form ---------------------------------------------------------------------

_METADATA_TEXTS = ("title", "short_description", "description", "licence", "frequency", "temporal_start",
                   "temporal_end", "spatial_zone", "granularity", "contact_name", "contact_email")
_METADATA_KEYS = _METADATA_TEXTS + ("keywords", "resources", "drop_columns")
_MISSING = object()


class _Reader:
    """Reads the keys of one JSON object of an action, refusing unknown keys and wrong types."""

    def __init__(self, data: Mapping[str, Any], index: int, kind: type[Action], at: tuple[str, ...] = (),
                 keys: Sequence[str] | None = None) -> None:
        self.data, self.index, self.kind, self.at = data, index, kind, at
        allowed = ("action", "step") + kind.keys if keys is None else tuple(keys)
        for key in data:
            if key not in allowed:
                self.fail(key, msg(N_("Clé inconnue dans l'action « {action} » : « {key} »."), action=kind.name,
                                   key=key), did_you_mean(key, allowed))

    def fail(self, key: str, message: Message, hint: Message | None = None) -> NoReturn:
        raise ActionError((self.index, *self.at, key), message, hint)

    def _get(self, key: str, default: Any) -> Any:
        value = self.data.get(key, default)
        if value is _MISSING:
            self.fail(key, msg(N_("Il manque la clé « {key} » à l'action « {action} »."), key=key, action=self.kind.name))
        return value

    @property
    def step(self) -> str:
        return self.text("step")

    def text(self, key: str, default: Any = _MISSING) -> str:
        value = self._get(key, default)
        if not isinstance(value, str):
            self.fail(key, msg(N_("Dans l'action « {action} », « {key} » doit être un texte."), action=self.kind.name,
                               key=key))
        return value

    def integer(self, key: str) -> int:
        value = self._get(key, _MISSING)
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(key, msg(N_("Dans l'action « {action} », « {key} » doit être un nombre entier."),
                               action=self.kind.name, key=key))
        return value

    def integers(self, key: str) -> tuple[int, ...]:
        value = self._get(key, _MISSING)
        if not isinstance(value, list) or any(isinstance(v, bool) or not isinstance(v, int) for v in value):
            self.fail(key, msg(N_("Dans l'action « {action} », « {key} » doit être une liste de nombres entiers."),
                               action=self.kind.name, key=key))
        return tuple(value)

    def texts(self, key: str) -> tuple[str, ...]:
        value = self._get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.fail(key, msg(N_("Dans l'action « {action} », « {key} » doit être une liste de textes."),
                               action=self.kind.name, key=key))
        return tuple(value)

    def flag(self, key: str) -> bool:
        value = self._get(key, False)
        if not isinstance(value, bool):
            self.fail(key, msg(N_("Dans l'action « {action} », « {key} » doit valoir true ou false."),
                               action=self.kind.name, key=key))
        return value

    def mapping(self, key: str, default: Any = _MISSING) -> dict[str, Any]:
        value = self._get(key, default)
        if not isinstance(value, dict):
            self.fail(key, msg(N_("Dans l'action « {action} », « {key} » doit être un objet JSON (entre accolades)."),
                               action=self.kind.name, key=key))
        return value
