"""Options written before or after a command mean the same thing, or are refused — never ignored.

argparse gives each subcommand its own namespace and copies it over the main one, so a default of
``play`` silently replaced ``explorateurs --group CODE play``'s code. Here every option the main
parser shares with a subcommand (``--data-dir``, ``--lang``, ``--group``, ``--scenarios``…) is stored
under a name per level (main parser, command, sub-command) with no default; :func:`resolve` then
merges the levels: one value wins when they agree (lists such as ``--scenarios`` add up), two
different values are refused, and an option written before a command that does not use it is
refused with the command's usage.
"""

from __future__ import annotations

import argparse
import weakref
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from game.i18n import _

_PREFIX = "shared@"
#: options whose value is a secret: named in a refusal, never shown
_SECRETS = frozenset({"lrs_password"})


@dataclass(frozen=True, slots=True)
class _Shared:
    """What a shared option's action stood for before :func:`share` renamed it per level."""

    dest: str
    default: Any


#: the shared options' actions, and the mutually exclusive groups required once the levels are merged
_SHARED: weakref.WeakKeyDictionary[argparse.Action, _Shared] = weakref.WeakKeyDictionary()
_REQUIRED: weakref.WeakSet[Any] = weakref.WeakSet()


def share(parser: argparse.ArgumentParser, add_globals: Callable[[argparse.ArgumentParser], None]) -> None:
    """Make ``parser``'s options work before and after its subcommands: every subparser (at every
    depth) gets the options ``add_globals`` adds when it lacks them, and no abbreviations."""
    names = {a.dest for a in parser._actions if a.option_strings and a.dest != "help"}
    _mark(parser, 0, names, add_globals)


def _mark(p: argparse.ArgumentParser, level: int, names: set[str], add_globals: Callable[[Any], None]) -> None:
    if level:
        add_globals(p)
        p.allow_abbrev = False  # « play --grou X » is no more accepted than « --grou X play »
    for action in p._actions:
        if action.option_strings and action.dest in names:
            dest = action.dest
            default = None if action.default == argparse.SUPPRESS else action.default
            _SHARED[action] = _Shared(dest, default)
            if action.metavar is None and action.nargs != 0 and action.choices is None:
                action.metavar = dest.upper()  # the help keeps showing « --data-dir DATA_DIR »
            action.dest, action.default = f"{_PREFIX}{level}:{dest}", argparse.SUPPRESS
    for group in p._mutually_exclusive_groups:
        if group.required and any(a in _SHARED for a in group._group_actions):
            group.required = False  # « --group X report »: checked by resolve once the levels are merged
            _REQUIRED.add(group)
    for child in _children(p):
        _mark(child, level + 1, names, add_globals)


def _children(p: argparse.ArgumentParser) -> Iterator[argparse.ArgumentParser]:
    for action in p._actions:
        if isinstance(action, argparse._SubParsersAction):
            seen: set[int] = set()
            for child in action.choices.values():  # aliases point at the same parser
                if id(child) not in seen:
                    seen.add(id(child))
                    yield child


def _path(parser: argparse.ArgumentParser, ns: argparse.Namespace) -> list[argparse.ArgumentParser]:
    """The parsers the command line went through: the main one, the command's, the sub-command's."""
    out = [parser]
    while True:
        sub = next((a for a in out[-1]._actions if isinstance(a, argparse._SubParsersAction)), None)
        name = getattr(ns, sub.dest, None) if sub is not None else None
        if sub is None or name is None:
            return out
        out.append(sub.choices[name])


def _option(action: argparse.Action) -> str:
    return max(action.option_strings, key=len)


def resolve(parser: argparse.ArgumentParser, ns: argparse.Namespace) -> argparse.Namespace:
    """Merge the levels of ``ns`` (parsed by a parser prepared with :func:`share`) in place; on a
    contradiction or an option out of place, the command's usage and a French message, exit 2."""
    path = _path(parser, ns)
    leaf = path[-1]
    command = leaf.prog
    declared = {a.dest: a for p in path for a in p._actions if a in _SHARED}
    given: dict[str, list[tuple[int, argparse.Action, Any]]] = {}
    for key in [k for k in vars(ns) if k.startswith(_PREFIX)]:
        action = declared[key]
        given.setdefault(_SHARED[action].dest, []).append((int(key[len(_PREFIX):].split(":")[0]), action,
                                                           vars(ns).pop(key)))
    # without a command the main parser's options are the game's (« explorateurs --group X » plays)
    used = {_SHARED[a].dest for p in path[1:] for a in p._actions if a in _SHARED}
    for dest, values in sorted(given.items()):
        values.sort(key=lambda v: v[0])
        level, action, _value = values[0]
        if len(path) > 1 and dest not in used:
            leaf.error(_("l'option {option} ne s'applique pas à « {command} » : retirez-la")
                       .format(option=_option(action), command=command))
        if isinstance(action, argparse._AppendAction):  # « --scenarios A play --scenarios B »: both, once each
            setattr(ns, dest, list(dict.fromkeys(x for _lv, _a, v in values for x in v)))
            continue
        first = values[0][2]
        other = next((v for _lv, _a, v in values if v != first), None)
        if other is not None:
            if dest in _SECRETS:
                text = _("l'option {option} est donnée deux fois, avec deux valeurs différentes : gardez-en une "
                         "seule, avant ou après « {command} »")
            else:
                text = _("l'option {option} est donnée deux fois, avec deux valeurs différentes (« {first} » puis "
                         "« {second} ») : gardez-en une seule, avant ou après « {command} »")
            leaf.error(text.format(option=_option(action), first=first, second=other, command=command))
        setattr(ns, dest, first)
    for dest in {_SHARED[a].dest for a in declared.values()} - set(given):
        # the default of the deepest parser that has the option (« report »'s --scenarios is a list)
        owner = next(a for p in reversed(path) for a in p._actions if a in _SHARED and _SHARED[a].dest == dest)
        setattr(ns, dest, _SHARED[owner].default)
    _check_groups(path, ns, leaf)
    return ns


def _check_groups(path: list[argparse.ArgumentParser], ns: argparse.Namespace, leaf: argparse.ArgumentParser) -> None:
    """The mutually exclusive groups that hold a shared option, checked across the levels."""
    for p in path[1:]:
        for group in p._mutually_exclusive_groups:
            members = group._group_actions
            if not any(a in _SHARED for a in members):
                continue
            present = [a for a in members if _present(a, ns)]
            if len(present) > 1:
                leaf.error(_("l'option {option} est impossible avec l'option {other}")
                           .format(option=_option(present[1]), other=_option(present[0])))
            if not present and group in _REQUIRED:
                leaf.error(_("l'une de ces options est obligatoire : {options}")
                           .format(options=" ".join(_option(a) for a in members)))


def _present(action: argparse.Action, ns: argparse.Namespace) -> bool:
    shared = _SHARED.get(action)
    dest, default = (shared.dest, shared.default) if shared is not None else (action.dest, action.default)
    return getattr(ns, dest, default) not in (None, default)


def given_language(ns: argparse.Namespace) -> str | None:
    """The first ``--lang`` written, at any level, before :func:`resolve` (its refusals speak it)."""
    found = sorted((k, v) for k, v in vars(ns).items() if k.startswith(_PREFIX) and k.endswith(":lang"))
    return found[0][1] if found else None
