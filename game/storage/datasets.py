"""The datasets of clean steps: ``scenarios/<id>/data/<file>.csv`` and their target schemas.

``check_clean_step`` is what ``explorateurs check`` runs on every clean step: the file reads,
the schema loads, the reference recipe replays and reaches the step's goal.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from game.core.csvquality import CsvRead, CsvReadError, Finding
from game.core.history import replay
from game.core.messages import N_, Message, msg
from game.core.problems import Problem, did_you_mean
from game.core.scenario import CleanStep, PublishStep, ReuseStep, Scenario
from game.core.table import Table
from game.core.tableschema import FRICTIONLESS_CODES, Schema, parse_schema, validate
from game.core.tableschema.kinds import KINDS
from game.storage.jsonerrors import located_json_reason
from game.storage.oserrors import french_reason

from .csvfile import read_csv
from .folders import OutsideFolder, inside
from .limits import LIMITS, ScenarioLimits, megabytes
from .schemas import SchemaNotFound, load_schema_descriptor, schemas_dir, shipped_schema_names

LIGHTEN = N_("Un extrait suffit pour un scénario : gardez les lignes qui montrent les défauts à corriger, et "
             "allégez le fichier (les limites sont dans le guide des scénarios, section « Limites »).")


class SchemaTooBig(ValueError):
    """A scenario's own Table Schema file past :attr:`ScenarioLimits.schema_bytes` (not read)."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.format_source())
        self.message = message


def schema_ref(step: CleanStep, folder: Path) -> Path:
    """The step's schema file: a path inside the scenario folder (``…json``) or a shipped name
    (``scdl/prenoms``). Raises :class:`OutsideFolder` for a path that would leave the folder,
    :class:`SchemaNotFound` for a name that is neither."""
    if step.schema.endswith(".json"):
        return inside(folder, step.schema)
    inside(schemas_dir(), step.schema)  # a shipped name: a plain name too, never « .. » nor an absolute path
    shipped = schemas_dir() / step.schema / "schema.json"
    if not shipped.is_file():
        raise SchemaNotFound(step.schema)
    return shipped


def schema_for(step: CleanStep, folder: Path, limits: ScenarioLimits = LIMITS) -> Schema:
    """The step's schema: a path relative to the scenario folder (``…json``) or a shipped name."""
    path = schema_ref(step, folder)
    if not path.is_file():
        raise SchemaNotFound(step.schema)
    size = path.stat().st_size
    if size > limits.schema_bytes:
        raise SchemaTooBig(msg(N_("Le schéma « {value} » pèse {size} Mo : la limite est de {limit} Mo."), value=step.schema,
                               size=megabytes(size), limit=megabytes(limits.schema_bytes)))
    return parse_schema(load_schema_descriptor(path))


class DatasetTooBig(CsvReadError):
    """A clean step's dataset past the limits (its size or its rows): refused before any work on it."""


def dataset_file(folder: Path, name: str) -> Path:
    """``data/<name>`` in the scenario folder; raises :class:`OutsideFolder` when it would leave it."""
    return inside(folder, name, "data")


def read_dataset(folder: Path, name: str, progress: Callable[[float], None] | None = None,
                 limits: ScenarioLimits = LIMITS) -> CsvRead:
    """A clean step's dataset, refused (:class:`CsvReadError`, French message) when it would be read
    from outside the scenario folder, or is past the limits: its size before it is read, its rows
    before any work is done on them."""
    try:
        path = dataset_file(folder, name)
    except OutsideFolder as e:
        raise CsvReadError(e.message, name) from None
    try:
        size = path.stat().st_size
    except OSError:
        size = 0  # read_csv says why it cannot be read
    if size > limits.dataset_bytes:
        raise DatasetTooBig(msg(N_("Le fichier data/{value} pèse {size} Mo : un fichier de données de scénario est limité "
                                  "à {limit} Mo."), value=name, size=megabytes(size), limit=megabytes(limits.dataset_bytes)),
                           str(path))
    read = read_csv(path, progress=progress, max_rows=limits.dataset_rows + 1)
    if read.table.nrows > limits.dataset_rows:
        raise DatasetTooBig(msg(N_("Le fichier data/{value} compte plus de {limit} lignes : un fichier de données de "
                                  "scénario en a au plus {limit}."), value=name, limit=limits.dataset_rows), str(path))
    return read


class ScenarioDatasets:
    """Opens clean steps' datasets for the play session (``game.play.clean.DatasetSource``)."""

    def __init__(self, folders: dict[str, Path]) -> None:
        self.folders = folders

    def open(self, scenario: Scenario, step: CleanStep,
             progress: Callable[[float], None] | None = None) -> tuple[Table, Schema, tuple[Finding, ...]]:
        folder = self.folders[scenario.id]
        read = read_dataset(folder, step.dataset, progress=progress)
        return read.table, schema_for(step, folder), read.findings


def check_clean_step(step: CleanStep, folder: Path, index: int) -> list[Problem]:
    """Problems of one clean step, with document paths (``steps[i].dataset``…) for located messages."""
    base = ("steps", index)
    try:
        schema = schema_for(step, folder)
    except OutsideFolder as e:
        return [Problem(base + ("schema",), e.message, e.hint, code="unsafe-path")]
    except SchemaNotFound:
        return [Problem(base + ("schema",), msg(N_("Schéma introuvable : « {value} »."), value=step.schema),
                        did_you_mean(step.schema, shipped_schema_names()), code="unknown-reference")]
    except SchemaTooBig as e:
        return [Problem(base + ("schema",), e.message, msg(LIGHTEN), code="limit")]
    except (OSError, ValueError, json.JSONDecodeError, RecursionError) as e:
        return [Problem(base + ("schema",), msg(N_("Schéma illisible : « {value} » ({detail})."), value=step.schema,
                                                 detail=french_reason(e) if isinstance(e, OSError) else
                                                 located_json_reason(e) if isinstance(e, json.JSONDecodeError) else str(e)))]
    try:
        path = dataset_file(folder, step.dataset)
    except OutsideFolder as e:
        return [Problem(base + ("dataset",), e.message, e.hint, code="unsafe-path")]
    if not path.is_file():
        known = [p.name for p in (folder / "data").glob("*.csv")]
        return [Problem(base + ("dataset",), msg(N_("Fichier de données introuvable : data/{value}."), value=step.dataset),
                        did_you_mean(step.dataset, known), code="unknown-reference")]
    # read and replayed once, and kept for the publish and reuse steps built on it; read again here
    # only when that fails, to say which entry of the recipe does not apply, or why the file is unreadable
    work = _reference_work(step, folder)
    replay_problems: list[Problem] = []
    if work is not None:
        final, report = work.table, work.report
    else:
        try:
            table = read_dataset(folder, step.dataset).table
        except DatasetTooBig as e:
            return [Problem(base + ("dataset",), e.message, msg(LIGHTEN), code="limit")]
        except CsvReadError as e:
            return [Problem(base + ("dataset",), e.message)]
        final, _results, replay_problems = replay(table, step.reference)
        report = validate(final, schema)
    out = [Problem(base + ("schema",), p.message) for p in schema.problems]
    if step.operations:
        for i, entry in enumerate(step.reference):
            if entry.get("op") not in step.operations:
                out.append(Problem(base + ("reference", i), msg(
                    N_("L'opération « {op} » de la recette de référence n'est pas proposée dans operations : l'apprenant·e ne pourrait pas atteindre l'objectif."),
                    op=str(entry.get("op")))))
    for code in step.goal.codes:
        if code not in KINDS and code not in FRICTIONLESS_CODES:
            out.append(Problem(base + ("goal", "codes"), msg(N_("Type d'erreur inconnu : « {value} »."), value=code),
                               did_you_mean(code, list(KINDS) + list(FRICTIONLESS_CODES)), code="unknown-reference"))
    out += [Problem(base + ("reference", p.path[0] if p.path else 0), p.message) for p in replay_problems]
    codes = set(step.goal.codes)
    left = [e for e in report.errors if e.is_error and (not codes or e.code in codes)]
    if len(left) > step.goal.max_errors:
        first = left[0]
        out.append(Problem(base + ("reference",), msg(
            N_("La recette de référence n'atteint pas l'objectif : il reste {count} erreur(s), par exemple « {code} » ligne {row}, colonne {field}."),
            count=len(left), code=first.code, row=first.row or 1, field=first.field or "—")))
    if step.goal.max_warnings is not None and report.warning_count > step.goal.max_warnings:
        out.append(Problem(base + ("reference",), msg(
            N_("La recette de référence laisse {count} avertissement(s), au-delà des {max} permis."),
            count=report.warning_count, max=step.goal.max_warnings)))
    if not out:  # the goal as the workshop judges it (rows kept, no error of a new kind…)
        if work is not None and not work.objectives().reached:
            o = work.objectives()
            out.append(Problem(base + ("reference",), msg(
                N_("Avec la recette de référence, l'atelier ne donne pas l'objectif pour atteint : {errors} erreur(s) "
                   "comptée(s), {lost} ligne(s) perdue(s), {missing} valeur(s) à garder manquante(s), {new} erreur(s) "
                   "d'un type nouveau."),
                errors=o.errors_left, lost=o.rows_lost, missing=len(o.values_missing), new=work.introduced())))
    for k in step.keep_values:
        if k.column not in final.header or k.value not in final.column(k.column):
            out.append(Problem(base + ("keep_values",), msg(
                N_("Avec la recette de référence, la valeur « {value} » ne se trouve plus dans la colonne {column}."),
                value=k.value, column=k.column)))
    return out


_REFERENCE_WORKS: dict[tuple, object] = {}


def _reference_work(clean: CleanStep, folder: Path) -> object | None:
    """The clean step's workshop after its reference recipe (None when the file, the schema or the
    recipe fails: the clean step's own check says why). Kept while the file and the step are
    unchanged, so the publish and reuse steps built on it do not read and replay it again."""
    from game.play.clean import CleanWork

    try:
        path = dataset_file(folder, clean.dataset)
        stat = path.stat()
    except (OutsideFolder, OSError):
        return None
    key = (str(path.resolve()), stat.st_mtime_ns, stat.st_size, clean.schema, json.dumps(clean.reference, sort_keys=True))
    if key in _REFERENCE_WORKS:
        return _REFERENCE_WORKS[key]
    try:
        schema = schema_for(clean, folder)
        table = read_dataset(folder, clean.dataset).table
    except (SchemaNotFound, CsvReadError, OSError, ValueError, RecursionError):
        return None
    work = CleanWork(clean, table, schema)
    result = None if work.restore({"ops": list(clean.reference)}) else work
    if len(_REFERENCE_WORKS) > 8:
        _REFERENCE_WORKS.clear()
    _REFERENCE_WORKS[key] = result
    return result


def check_publish_step(scenario: Scenario, step: PublishStep, folder: Path, index: int) -> list[Problem]:
    """Problems of one publish step: its resource files exist, and its reference metadata, on
    the file the clean step's reference recipe produces, earn full marks."""
    from datetime import date

    from game.play.publish import PublishWork, reference_problems

    base = ("steps", index)
    out = []
    reserved = {"donnees.csv", "metadonnees.jsonld", "fiche.json", "catalogue-ligne.json"}
    seen: set[str] = set()
    for i, r in enumerate(step.resources):
        if r.file in reserved or r.file in seen:
            out.append(Problem(base + ("resources", i, "file"), msg(
                N_("Le nom de fichier « {value} » est déjà pris sur le portail : renommez le fichier."), value=r.file)))
        seen.add(r.file)
        if r.file:
            try:
                dataset_file(folder, r.file)
            except OutsideFolder as e:
                out.append(Problem(base + ("resources", i, "file"), e.message, e.hint, code="unsafe-path"))
                continue
        if r.file and not (folder / "data" / r.file).is_file():
            known = [p.name for p in (folder / "data").glob("*") if p.is_file()]
            out.append(Problem(base + ("resources", i, "file"),
                               msg(N_("Fichier de ressource introuvable : data/{value}."), value=r.file),
                               did_you_mean(r.file, known), code="unknown-reference"))
    source = scenario.step(step.source)
    if not isinstance(source, CleanStep):
        return out
    clean = _reference_work(source, folder)
    if clean is None:
        return out  # the clean step's own check reports it
    desk = PublishWork(step, clean)
    out += [Problem(base + ("reference",), m) for m in reference_problems(desk, date.today())]
    return out


def check_reuse_step(scenario: Scenario, step: ReuseStep, folder: Path, index: int) -> list[Problem]:
    """Every reuser's question must be answerable from the table the reference path publishes:
    the clean step's reference recipe, then the publish step's reference columns left out."""
    from game.play.publish import PublishWork
    from game.play.reuse import verdict

    base = ("steps", index)
    source = scenario.step(step.source)
    publish = source if isinstance(source, PublishStep) else None
    clean = scenario.step(publish.source) if publish else source
    if not isinstance(clean, CleanStep):
        return []
    work = _reference_work(clean, folder)
    if work is None:
        return []  # the clean step's own check reports it
    final = work.table
    if publish is not None:
        desk = PublishWork(publish, work)
        desk.set_dropped(publish.reference.get("drop_columns", ()))
        final = desk.table
    out = []
    for i, ch in enumerate(step.challenges):
        v = verdict(final, ch)
        if v.expected is None and v.reason is not None:
            out.append(Problem(base + ("challenges", i, "reference"), msg(
                N_("Sur le fichier publié par le parcours de référence, la question « {id} » n'a pas de réponse. {reason}"),
                id=ch.id, reason=v.reason.format_source())))
    return out


def step_competencies(scenario: Scenario, step: CleanStep | PublishStep, folder: Path) -> tuple[str, ...] | None:
    """The competency of each criterion a clean or publish step scores on the reference path (one
    entry per criterion; None: the data cannot say, the step's own check reports why)."""
    from game.play.publish import PublishWork

    source = scenario.step(step.source) if isinstance(step, PublishStep) else step
    work = _reference_work(source, folder) if isinstance(source, CleanStep) else None
    if work is None:
        return None
    if isinstance(step, CleanStep):
        return tuple(comp for _name, _score, _detail, comp in work.criteria())
    names = ["licence", "documentation", "publication"] + (["personal-data"] if PublishWork(step, work).personal else [])
    return tuple(step.competency_for(n) for n in names)
