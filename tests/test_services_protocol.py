"""The play layer's protocols are kept by what implements them: every member of ``GameServices``,
``Recorder``, ``Publisher``, ``DatasetSource`` and the services' ``SessionPolicy`` exists on the class
that declares it, with a compatible signature — a missing or renamed method fails here, not in a
learner's hands when a screen first asks for it."""

from __future__ import annotations

import inspect
from typing import Any, Protocol

import pytest

from game.play.clean import DatasetSource
from game.play.ports import Recorder
from game.play.publish import Publisher
from game.play.services import GameServices
from game.services import Attempts, Services, SessionPolicy
from game.services.preview import PreviewSessions
from game.storage.datasets import ScenarioDatasets
from game.storage.publisher import PortalPublisher
from game.storage.recorder import StoreRecorder
from game.storage.store import Store

_TYPING = {"__annotations__", "__dict__", "__weakref__", "__doc__", "__module__", "__init__", "__parameters__",
           "__orig_bases__", "__non_callable_proto_members__", "__subclasshook__", "__abstractmethods__",
           "__protocol_attrs__", "__callable_proto_members_only__", "__static_attributes__", "__firstlineno__"}


def members(protocol: type) -> tuple[dict[str, Any], set[str]]:
    """The protocol's methods and properties (name -> function or property), and its data attributes."""
    functions = {name: value for name, value in vars(protocol).items()
                 if name not in _TYPING and not name.startswith("_abc") and not name.startswith("_is_")
                 and (inspect.isfunction(value) or isinstance(value, property))}
    return functions, set(vars(protocol).get("__annotations__", {}))


def owner(cls: type, name: str) -> type | None:
    """The class of ``cls``'s MRO that defines ``name`` (not counting protocols and ``object``)."""
    for klass in cls.__mro__:
        if klass is object or getattr(klass, "_is_protocol", False) or klass is Protocol:
            continue
        if name in vars(klass):
            return klass
    return None


def incompatible(expected: inspect.Signature, actual: inspect.Signature) -> str | None:
    """Why ``actual`` cannot be called as ``expected`` is (same names, kinds and optional parameters;
    extra parameters must be optional)."""
    given = dict(actual.parameters)
    for name, p in expected.parameters.items():
        q = given.pop(name, None)
        if q is None:
            return f"no parameter {name!r}"
        if q.kind != p.kind and not (p.kind is p.POSITIONAL_OR_KEYWORD and q.kind is q.POSITIONAL_OR_KEYWORD):
            return f"{name!r} is {q.kind.description}, the protocol says {p.kind.description}"
        if p.default is not p.empty and q.default is q.empty:
            return f"{name!r} has no default, the protocol gives one"
    extra = [n for n, q in given.items() if q.default is q.empty and q.kind not in (q.VAR_POSITIONAL, q.VAR_KEYWORD)]
    return f"required parameters the protocol does not pass: {extra}" if extra else None


def problems(protocol: type, cls: type, instance: object | None = None) -> list[str]:
    """What ``cls`` (and, for data attributes, a built ``instance``) lacks of ``protocol``."""
    found: list[str] = []
    functions, attributes = members(protocol)
    for name, expected in functions.items():
        where = owner(cls, name)
        if where is None:
            found.append(f"{cls.__name__}.{name} is missing")
            continue
        actual = vars(where)[name]
        if isinstance(expected, property):
            if not isinstance(actual, property | bool | str) and not inspect.isfunction(getattr(actual, "fget", None)):
                found.append(f"{cls.__name__}.{name} should be readable as an attribute")
            continue
        if not inspect.isfunction(actual):
            found.append(f"{cls.__name__}.{name} is not a method")
            continue
        why = incompatible(inspect.signature(expected), inspect.signature(actual))
        if why:
            found.append(f"{cls.__name__}.{name}: {why}")
    for name in attributes:
        if owner(cls, name) is None and (instance is None or name not in vars(instance)):
            found.append(f"{cls.__name__}.{name} (attribute) is missing")
    return found


@pytest.fixture
def services(tmp_path):
    store = Store(tmp_path)
    yield Services(store, [], language="fr")
    store.close()


def test_the_game_services_have_everything_the_screens_may_ask(services):
    assert GameServices in Services.__mro__  # declared, so a type checker compares them too
    assert problems(GameServices, Services, services) == []
    assert isinstance(services.preview, bool) and services.preview is False


@pytest.mark.parametrize(("protocol", "cls"), [(Recorder, StoreRecorder), (Publisher, PortalPublisher),
                                               (SessionPolicy, Attempts), (SessionPolicy, PreviewSessions),
                                               (DatasetSource, ScenarioDatasets)])
def test_the_adapters_keep_the_play_layer_s_ports(protocol, cls):
    assert problems(protocol, cls) == []


def test_a_missing_or_changed_method_is_reported():
    class Partial:
        theme = fonts = language = text_scale = learner = session = fixed_group = None
        preview = False

        def learners(self) -> list[Any]:
            return []

        def create_learner(self, pseudonym: str) -> None:  # lost its optional ``group``
            return None

        def select_learner(self, learner_id: int, extra: int) -> None:  # wants one more argument
            return None

    found = problems(GameServices, Partial)
    assert "Partial.library is missing" in found and "Partial.open_scenario is missing" in found
    assert "Partial.create_learner: no parameter 'group'" in found
    assert "Partial.select_learner: required parameters the protocol does not pass: ['extra']" in found
    assert not any(x.startswith("Partial.learners") for x in found)
