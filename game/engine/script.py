"""Petit langage de pilotage pour les parties automatisées (tests, captures d'écran, démos).

Un script est une liste de pas, exécutés un par image ; chaque pas est transformé en **vrais**
événements pygame postés dans la file, si bien qu'une partie scriptée suit le même chemin
qu'une personne au clavier :

=====================  ====================================================================
``key:TAB``            KEYDOWN + KEYUP ; nom de touche pygame (``RETURN``, ``ESCAPE``, ``SPACE``,
                       ``DOWN``, ``F11``, ``PAGE DOWN``, ``a``…). Modificateurs : ``key:shift+TAB``,
                       ``key:ctrl+v``, ``key:alt+F4``. ``SPACE`` et une lettre seule postent aussi
                       le TEXTINPUT correspondant, comme SDL.
``text:Écrire``        TEXTINPUT avec ce texte (accents compris)
``click:640,360``      déplacement puis clic gauche (enfoncé + relâché) à cette position
``move:640,360``       déplacement de la souris
``wheel:-3``           molette (positif = vers le haut)
``resize:1024,768``    redimensionne la fenêtre
``wait:10``            laisse passer 10 images sans événement
``shot:/tmp/a.png``    enregistre l'image actuellement affichée en PNG
``quit``               ferme la fenêtre (événement QUIT)
=====================  ====================================================================

Les lignes vides et celles qui commencent par ``#`` sont ignorées (scripts lus dans un fichier).
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

_MODS = {"shift": pygame.KMOD_LSHIFT, "ctrl": pygame.KMOD_LCTRL, "alt": pygame.KMOD_LALT}


class ScriptError(ValueError):
    """Pas de script mal formé."""


@dataclass(frozen=True, slots=True)
class Step:
    """Un pas analysé : des événements à poster, une attente, ou une capture."""

    events: tuple[pygame.event.Event, ...] = ()
    wait: int = 0
    shot: str | None = None
    resize: tuple[int, int] | None = None


def _pair(arg: str, step: str) -> tuple[int, int]:
    try:
        x, y = (int(v) for v in arg.split(","))
    except ValueError as exc:
        raise ScriptError(f"Coordonnées attendues « x,y » dans le pas : {step!r}") from exc
    return x, y


def _key_events(arg: str, step: str) -> tuple[pygame.event.Event, ...]:
    *mods, name = arg.split("+") if arg != "+" else ["+"]
    mod = 0
    for m in mods:
        if m.lower() not in _MODS:
            raise ScriptError(f"Modificateur inconnu {m!r} dans le pas : {step!r}")
        mod |= _MODS[m.lower()]
    try:
        key = pygame.key.key_code(name.lower() if len(name) > 1 else name)
    except ValueError as exc:
        raise ScriptError(f"Touche inconnue {name!r} dans le pas : {step!r}") from exc
    char = " " if key == pygame.K_SPACE else (name if len(name) == 1 else "")
    if mod & pygame.KMOD_SHIFT and char:
        char = char.upper()
    common = {"key": key, "mod": mod, "scancode": 0}
    events = [pygame.event.Event(pygame.KEYDOWN, unicode=char, **common)]
    if char and not mod & (pygame.KMOD_CTRL | pygame.KMOD_ALT):
        events.append(pygame.event.Event(pygame.TEXTINPUT, text=char))
    events.append(pygame.event.Event(pygame.KEYUP, unicode=char, **common))
    return tuple(events)


def parse_step(step: str) -> Step | None:
    """Analyse un pas ; None pour une ligne vide ou un commentaire."""
    step = step.strip("\r\n")
    if not step.strip() or step.lstrip().startswith("#"):
        return None
    verb, _, arg = step.partition(":")
    verb = verb.strip().lower()
    if verb == "key":
        return Step(events=_key_events(arg.strip(), step))
    if verb == "text":
        return Step(events=(pygame.event.Event(pygame.TEXTINPUT, text=arg),))
    if verb in ("click", "move"):
        pos = _pair(arg, step)
        events = [pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0))]
        if verb == "click":
            events.append(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
            events.append(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))
        return Step(events=tuple(events))
    if verb == "wheel":
        try:
            amount = int(arg)
        except ValueError as exc:
            raise ScriptError(f"Nombre attendu dans le pas : {step!r}") from exc
        return Step(events=(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=amount, flipped=False),))
    if verb == "resize":
        w, h = _pair(arg, step)
        return Step(resize=(w, h), events=(pygame.event.Event(pygame.VIDEORESIZE, size=(w, h), w=w, h=h),))
    if verb == "wait":
        try:
            return Step(wait=max(0, int(arg)))
        except ValueError as exc:
            raise ScriptError(f"Nombre d'images attendu dans le pas : {step!r}") from exc
    if verb == "shot":
        if not arg.strip():
            raise ScriptError(f"Chemin de fichier attendu dans le pas : {step!r}")
        return Step(shot=arg.strip())
    if verb == "quit":
        return Step(events=(pygame.event.Event(pygame.QUIT),))
    raise ScriptError(f"Pas de script inconnu : {step!r}")


def parse_script(steps: list[str] | tuple[str, ...]) -> list[Step]:
    """Analyse tout le script d'avance : une faute de frappe est signalée avant de jouer."""
    parsed = [parse_step(s) for s in steps]
    return [s for s in parsed if s is not None]
