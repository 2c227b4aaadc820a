"""Find, read and check scenario folders: ``scenarios/<id>/scenario.yaml`` + ``data/``.

Problems carry ``file:line:col``, a French message and a "did you mean" hint. A broken
scenario is returned with its problems; nothing here raises on bad content.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from game.bundle import data_dir
from game.core.framework import Framework, build_framework
from game.core.messages import N_, msg
from game.core.problems import ERROR, Problem, did_you_mean

if TYPE_CHECKING:  # imported lazily: jsonschema costs ~70 ms at start-up, the scenario model ~20 ms
    import jsonschema

    from game.core.scenario import Scenario

DEFAULT_FRAMEWORK = "competences-donnees"  # game.core.scenario.DEFAULT_FRAMEWORK (a test checks they agree)

SCENARIO_FILE = "scenario.yaml"

#: The deep checks of a scenario that builds (``game.authoring`` owns them): the problems of its
#: reference path (document paths, coded) and, for clean and publish steps, the competency of each
#: criterion they score on it (for the lint rules). Reading a scenario runs none unless given one.
DeepCheck = Callable[["Scenario", Path], tuple[list[Problem], Mapping[str, Collection[str]]]]

#: Unknown keys that ask for a timer (whatever known key they look like) or an image (unless a typo of
#: a known key): the format has neither, on purpose.
_TIMER_WORDS = frozenset({"timer", "timers", "time", "times", "timeout", "timing", "temps", "delai", "delais",
                          "delay", "countdown", "deadline", "rebours", "stopwatch", "clock", "horloge"})
_TIMER_PARTS = ("chrono", "minut", "timer", "rebours", "countdown", "timelimit", "timeout", "dureemax",
                "dureelimit", "maxduree", "durationmax", "maxduration", "durationlimit", "tempsmax", "tempslimit")
_IMAGE_KEY = re.compile(r"image|img|picture|photo|illustration|ic[oô]ne?|logo|figure", re.IGNORECASE)

_TYPE_FR = {"string": N_("un texte"), "integer": N_("un nombre entier"), "number": N_("un nombre"),
            "boolean": N_("true ou false"), "array": N_("une liste"), "object": N_("un dictionnaire (clé: valeur)")}


def builtin_scenarios_dir() -> Path:
    return data_dir("scenarios")


def schema_path() -> Path:
    return builtin_scenarios_dir() / "scenario.schema.json"


@lru_cache(maxsize=1)
def _validator() -> jsonschema.protocols.Validator:
    import jsonschema

    schema = json.loads(schema_path().read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema)


@dataclass(frozen=True, slots=True)
class LoadedScenario:
    """A scenario file as found on disk: the scenario when valid, its problems otherwise."""

    path: Path
    folder_id: str
    scenario: Scenario | None
    problems: tuple[Problem, ...]
    translations: dict[str, dict[str, str]] = field(default_factory=dict)
    warnings: tuple[Problem, ...] = ()  # lint findings that do not stop the game (check reports them)
    shown: str = ""  # how the trainer names it when not ``path``: ``paquet.zip/<id>/scenario.yaml`` (see library)

    @property
    def valid(self) -> bool:
        """Playable: the game lists it (it may still have warnings)."""
        return self.scenario is not None and not self.problems

    @property
    def clean(self) -> bool:
        """What ``explorateurs check`` passes: playable and without warnings."""
        return self.valid and not self.warnings


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def is_timer_key(key: str) -> bool:
    """``timer``, ``minuteur``, ``time_limit``, ``compte-a-rebours``, ``durée_max``, ``timeLimit``…"""
    import unicodedata

    plain = "".join(c for c in unicodedata.normalize("NFKD", key) if not unicodedata.combining(c))
    words = [w.lower() for w in re.split(r"[\W_]+|(?<=[a-z])(?=[A-Z])", plain) if w]
    joined = "".join(words)
    return bool(_TIMER_WORDS.intersection(words)) or any(part in joined for part in _TIMER_PARTS)


def _schema_problem(err: jsonschema.ValidationError, root: Any) -> Problem:
    from .yamlfile import raw_scalar  # PyYAML: 10 ms the title screen does not need

    path = tuple(err.absolute_path)
    v = err.validator
    if v == "additionalProperties":
        allowed = list(err.schema.get("properties", {}))
        extras = [k for k in err.instance if k not in allowed] if isinstance(err.instance, dict) else []
        key = extras[0] if extras else "?"
        close = did_you_mean(key, allowed)
        if is_timer_key(key):  # « timer » is no typo of « title »: it asks for what the game refuses
            return Problem(path + (key,), msg(N_("Clé inconnue : « {key} ». Le jeu n'a aucune minuterie : aucune étape n'est limitée dans le temps."), key=key),
                           msg(N_("C'est voulu : chacun lit et répond à son rythme (accessibilité, critère WCAG 2.2.1 « Réglage du délai »). Retirez cette clé.")),
                           at_key=True, code="timer")
        if close is None and _IMAGE_KEY.search(key):
            return Problem(path + (key,), msg(N_("Clé inconnue : « {key} ». Les scénarios n'affichent pas d'images : tout passe par le texte."), key=key),
                           msg(N_("Décrivez en mots ce que l'image montrerait : un texte est lu par les lecteurs d'écran et traduit avec le scénario, une image sans texte de remplacement ne le serait pas.")),
                           at_key=True, code="image")
        return Problem(path + (key,), msg(N_("Clé inconnue : « {key} »."), key=key), close, at_key=True)
    if v == "required":
        key = err.message.split("'")[1] if "'" in err.message else "?"
        return Problem(path, msg(N_("Champ obligatoire manquant : « {key} »."), key=key))
    if v == "type":
        expected = err.validator_value if isinstance(err.validator_value, str) else err.validator_value[0]
        raw = raw_scalar(root, path)
        if expected == "string" and isinstance(err.instance, dict):
            return Problem(path, msg(N_("Cette valeur doit être un texte, mais « : » suivi d'une espace en a fait une paire clé : valeur. Mettez le texte entre guillemets.")))
        if expected == "string" and raw is not None:
            return Problem(path, msg(N_("Cette valeur doit être un texte : écrivez-la entre guillemets (\"{raw}\"), sinon YAML la transforme."), raw=raw))
        return Problem(path, msg(N_("Cette valeur doit être {expected}."), expected=_TYPE_FR.get(expected, expected)))
    if v in ("enum", "const"):
        allowed = err.validator_value if v == "enum" else [err.validator_value]
        shown = ", ".join(str(a) for a in allowed)
        return Problem(path, msg(N_("Valeur « {value} » non permise. Valeurs possibles : {allowed}."), value=err.instance, allowed=shown),
                       did_you_mean(str(err.instance), [str(a) for a in allowed]))
    if v == "pattern":
        desc = err.schema.get("description", "").strip()
        rule = desc if not desc or desc[-1] in ".?!…" else desc + "."  # a sentence: the hint may follow
        return Problem(path, msg(N_("Valeur « {value} » mal formée. {rule}"), value=err.instance, rule=rule))
    if v in ("minItems", "minLength"):
        return Problem(path, msg(N_("Cette valeur ne doit pas être vide.")))
    if v in ("maximum", "minimum", "maxLength"):
        return Problem(path, msg(N_("Valeur hors limites : {value} (limite : {limit})."), value=err.instance, limit=err.validator_value))
    if v == "uniqueItems":
        return Problem(path, msg(N_("Cette liste contient deux fois la même valeur.")))
    return Problem(path, msg(N_("Valeur non conforme au format des scénarios ({detail})."), detail=err.message))


def _sort_key(p: Problem) -> tuple[int, int]:
    return (p.line, p.col)


def load_framework(framework_id: str = DEFAULT_FRAMEWORK, root: Path | None = None) -> tuple[Framework | None, list[Problem]]:
    from .yamlfile import locate, read_yaml  # PyYAML: 10 ms the title screen does not need

    folder = (root or builtin_scenarios_dir()) / "frameworks"
    path = folder / f"{framework_id}.yaml"
    display = _display(path)
    if not path.is_file():
        known = [p.stem for p in folder.glob("*.yaml")]
        return None, [Problem((), msg(N_("Référentiel introuvable : « {value} »."), value=framework_id), did_you_mean(framework_id, known),
                              file=display, code="unknown-reference")]
    doc, problems = read_yaml(path, display)
    if doc is None:
        return None, problems
    fw, more = build_framework(doc.data)
    return fw, problems + locate(more, doc, display)


def load_translations(folder: Path) -> dict[str, dict[str, str]]:
    """``{lang: {source: translation}}`` from ``locales/<lang>/LC_MESSAGES/scenario.po`` (fuzzy entries left out)."""
    from .translations import read_catalogs, usable

    return usable(read_catalogs(folder)[0])


def load_scenario(path: Path, frameworks: dict[str, Framework | None] | None = None,
                  deep: DeepCheck | None = None, used: set[str] | None = None) -> LoadedScenario:
    """Read, check and build one ``scenario.yaml`` (or its folder); ``deep``: the checks that replay
    its reference path (``game.authoring``), none by default; ``used`` receives the id of the
    framework it names (see ``storage.loaded_cache``)."""
    from .yamlfile import locate, read_yaml  # PyYAML: 10 ms the title screen does not need

    if path.is_dir():
        path = path / SCENARIO_FILE
    folder_id = path.resolve().parent.name  # « check . » inside the folder names it too
    display = _display(path)
    linked = linked_files(path.parent)
    if linked:  # nothing of the folder is read: a link may lead to any file of the machine
        return LoadedScenario(path, folder_id, None, tuple(linked))
    doc, problems = read_yaml(path, display)
    problems = [p.coded("yaml") for p in problems]
    if doc is None:
        return LoadedScenario(path, folder_id, None, tuple(problems))
    errors = sorted(_validator().iter_errors(doc.data), key=lambda e: (list(map(str, e.absolute_path)), e.validator))
    problems += locate([_schema_problem(e, doc.root).coded("schema") for e in errors], doc, display)
    if problems:
        return LoadedScenario(path, folder_id, None, tuple(sorted(problems, key=_sort_key)))
    data = doc.data
    if data["id"] != folder_id:
        problems += locate([Problem(("id",), msg(N_("L'identifiant « {value} » doit être le nom du dossier du scénario (« {folder} »)."), value=data["id"], folder=folder_id))], doc, display)
    fw_id = data.get("framework", DEFAULT_FRAMEWORK)
    if used is not None:
        used.add(fw_id)
    frameworks = frameworks if frameworks is not None else {}
    if fw_id not in frameworks:
        frameworks[fw_id], fw_problems = load_framework(fw_id)
        problems += fw_problems
    fw = frameworks[fw_id]
    from game.core.build import build_scenario

    scenario, more = build_scenario(data, fw.ids if fw else None, fw.ability_ids if fw else None)
    assessed: Mapping[str, Collection[str]] = {}
    deep_warnings: list[Problem] = []
    if scenario is not None and deep is not None:
        found, assessed = deep(scenario, path.parent)
        more += [p for p in found if p.severity == ERROR]
        deep_warnings = locate([p for p in found if p.severity != ERROR], doc, display)
    problems += locate(more, doc, display)
    translations: dict[str, dict[str, str]] = {}
    warnings: list[Problem] = []
    if scenario is not None:
        from game.core.lint import LintContext, lint

        from .translations import read_translations

        translations, warnings = read_translations(path.parent, scenario, display)  # never stops the game
        warnings += deep_warnings
        min_evidence = fw.thresholds.min_evidence if fw else 0
        found = locate(lint(LintContext(scenario, assessed, translations, min_evidence)), doc, display)
        problems += [p for p in found if p.severity == ERROR]
        warnings += [p for p in found if p.severity != ERROR]
        from game.core.texts import with_translated_title_words

        scenario = with_translated_title_words(scenario, translations)  # English titles judged in English
    return LoadedScenario(path, folder_id, None if problems else scenario, tuple(sorted(problems, key=_sort_key)), translations,
                          tuple(sorted(warnings, key=_sort_key)))


def linked_files(folder: Path) -> list[Problem]:
    """A problem for each symbolic link inside a scenario folder (see :func:`.folders.symlinks`)."""
    from .folders import symlinks

    return [symlink_problem(p) for p in symlinks(folder)]


def symlink_problem(path: Path) -> Problem:
    return Problem((), msg(N_("« {name} » est un lien symbolique : un scénario ne contient que des fichiers et des dossiers "
                              "ordinaires, et le jeu ne suit pas les liens."), name=path.name),
                   msg(N_("Remplacez le lien par le fichier ou le dossier lui-même (copiez-le à sa place).")),
                   file=_display_link(path), code="unsafe-path")


def _display_link(path: Path) -> str:
    """The link as found (not where it leads)."""
    try:
        return str(path.absolute().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def user_scenario_dirs() -> list[Path]:
    """The trainer's scenarios folder (``<data_dir>/scenarios``, created on demand); none if it cannot be."""
    from .paths import user_scenarios_dir

    try:
        return [user_scenarios_dir()]
    except OSError:
        return []


def default_scenario_dirs() -> list[Path]:
    """What the game and ``explorateurs check`` read by default: the shipped scenarios, then the user's."""
    return [builtin_scenarios_dir(), *user_scenario_dirs()]


def load_guarded(path: Path, frameworks: dict[str, Framework | None] | None = None,
                 deep: DeepCheck | None = None) -> LoadedScenario:
    """``load_scenario`` that turns anything unexpected into a problem: one broken folder never
    stops the library or ``check``."""
    try:
        return load_scenario(path, frameworks, deep)
    except Exception as e:  # noqa: BLE001 - reported to the trainer, never a traceback
        shown = path / SCENARIO_FILE if path.is_dir() else path
        problem = Problem((), msg(N_("Ce scénario n'a pas pu être lu ({detail}). Vérifiez ses fichiers."),
                                  detail=f"{type(e).__name__}: {e}"), file=_display(shown))
        return LoadedScenario(shown, shown.parent.name, None, (problem,))
