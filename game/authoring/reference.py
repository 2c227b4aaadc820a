"""The reference path of a scenario, replayed: what ``explorateurs check`` runs on every clean,
publish and reuse step (the file reads, the schema loads, the reference recipe replays and reaches
the step's goal, the reference metadata earn full marks, every reuser's question has an answer).

A :class:`References` keeps each clean step's workshop after its reference recipe for one check
run, so the publish and reuse steps built on it do not read and replay it again.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from game.core.csvquality import CsvReadError
from game.core.history import replay
from game.core.messages import N_, msg
from game.core.problems import WARNING, Problem, did_you_mean
from game.core.scenario import CleanStep, PublishStep, ReuseStep, Scenario
from game.core.tableschema import FRICTIONLESS_CODES, validate
from game.core.tableschema.kinds import KEPT_PREFIX, KINDS
from game.play.clean import CleanWork
from game.play.publish import PublishWork, reference_problems
from game.play.reuse import verdict
from game.storage.datasets import (
    LIGHTEN,
    DatasetTooBig,
    SchemaTooBig,
    dataset_file,
    read_dataset,
    schema_for,
)
from game.storage.folders import OutsideFolder
from game.storage.jsonerrors import located_json_reason
from game.storage.oserrors import french_reason
from game.storage.schemas import SchemaNotFound, shipped_schema_names


class References:
    """The clean steps' workshops after their reference recipes (None when the file, the schema or
    the recipe fails: the clean step's own check says why), read and replayed once per check run."""

    def __init__(self) -> None:
        self._works: dict[tuple, CleanWork | None] = {}

    def work(self, clean: CleanStep, folder: Path) -> CleanWork | None:
        try:
            path = dataset_file(folder, clean.dataset)
        except OutsideFolder:
            return None
        key = (str(path.resolve()), clean.schema, json.dumps(clean.reference, sort_keys=True))
        if key not in self._works:
            self._works[key] = _replayed(clean, folder)
        return self._works[key]


def _replayed(clean: CleanStep, folder: Path) -> CleanWork | None:
    try:
        schema = schema_for(clean, folder)
        table = read_dataset(folder, clean.dataset).table
    except (SchemaNotFound, CsvReadError, OSError, ValueError, RecursionError):
        return None
    work = CleanWork(clean, table, schema)
    return None if work.restore({"ops": list(clean.reference)}) else work


def check_clean_step(step: CleanStep, folder: Path, index: int, refs: References | None = None) -> list[Problem]:
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
    work = (refs or References()).work(step, folder)
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
    if work is not None:
        out += _correctness_problems(step, work, base)
    for k in step.keep_values:
        if k.column not in final.header or k.value not in final.column(k.column):
            out.append(Problem(base + ("keep_values",), msg(
                N_("Avec la recette de référence, la valeur « {value} » ne se trouve plus dans la colonne {column}."),
                value=k.value, column=k.column)))
    return out


def _correctness_problems(step: CleanStep, work: CleanWork, base: tuple) -> list[Problem]:
    """The reference path scores 100 % on « données justes », and each ``columns`` entry names a
    column of the reference's table and, in ``accept``, values the reference gives there (warnings:
    the scenario plays, but an alternative that never applies is a typo)."""
    out = []
    c = work.comparison()
    if c.score < 1.0:
        found = msg(N_("Avec la recette de référence, « données justes » ne vaut que {score} % : {wrong} valeur(s) "
                       "différente(s) de la correction de référence, {lost} ligne(s) perdue(s)."),
                    score=round(100 * c.score), wrong=c.wrong, lost=c.rows_lost)
        first = c.examples[0] if c.examples else None
        hint = None if first is None else msg(N_("Par exemple ligne {row}, colonne {column} : « {value} »."),
                                              row=first.row, column=first.column, value=first.after or "")
        out.append(Problem(base + ("reference",), found, hint, severity=WARNING, code="clean-reference"))
    final = work.reference.final
    for note in step.columns:
        where = base + ("columns", note.column)
        if note.column not in final.header:
            out.append(Problem(where, msg(N_("Colonne « {column} » absente du fichier que donne la recette de référence."),
                                          column=note.column), did_you_mean(note.column, final.header),
                               at_key=True, severity=WARNING, code="unknown-reference"))
            continue
        given = set(final.column(note.column))
        for value, _alts in note.accept:
            if value not in given:
                out.append(Problem(where + ("accept", value), msg(
                    N_("La recette de référence ne donne jamais la valeur « {value} » dans la colonne {column} : "
                       "cette alternative ne servirait jamais."), value=value, column=note.column),
                    did_you_mean(value, [v for v in given if v]), at_key=True, severity=WARNING,
                    code="unknown-reference"))
    return out


def check_publish_step(scenario: Scenario, step: PublishStep, folder: Path, index: int,
                       refs: References | None = None) -> list[Problem]:
    """Problems of one publish step: its resource files exist, and its reference metadata, on
    the file the clean step's reference recipe produces, earn full marks."""
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
    clean = (refs or References()).work(source, folder)
    if clean is None:
        return out  # the clean step's own check reports it
    desk = PublishWork(step, clean)
    out += [Problem(base + ("reference",), m) for m in reference_problems(desk, date.today())]
    return out


def check_reuse_step(scenario: Scenario, step: ReuseStep, folder: Path, index: int,
                     refs: References | None = None) -> list[Problem]:
    """Every reuser's question must be answerable from the table the reference path publishes:
    the clean step's reference recipe, then the publish step's reference columns left out."""
    base = ("steps", index)
    source = scenario.step(step.source)
    publish = source if isinstance(source, PublishStep) else None
    clean = scenario.step(publish.source) if publish else source
    if not isinstance(clean, CleanStep):
        return []
    work = (refs or References()).work(clean, folder)
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


def dead_evidence(scenario: Scenario, step: CleanStep | PublishStep, folder: Path, index: int,
                  refs: References | None = None) -> list[Problem]:
    """A warning for each ``evidence:`` entry the reference path never uses: a kind of error or
    warning it never meets or the reference recipe does not fix, a publishing criterion it does not
    score. Such a mapping gives the debrief nothing (a misspelt code, a kind the file lacks)."""
    names = step_criteria(scenario, step, folder, refs)
    if names is None:
        return []  # the data cannot say: the step's own check reports why
    out = []
    for code, comp in step.evidence:
        if code in names or KEPT_PREFIX + code in names:
            continue
        out.append(Problem(("steps", index, "evidence", code), msg(
            N_("La correspondance « {code} : {competency} » ne sert jamais sur le parcours de référence : "
               "en le jouant, aucun élément noté « {code} » n'est produit, le bilan n'en recevra rien."),
            code=code, competency=comp),
            msg(N_("Un type d'erreur ne compte que si le fichier en présente (après les corrections automatiques "
                   "de lecture ou après une opération qui en révèle) et que la recette de référence le corrige ; "
                   "un avertissement, seulement s'il est nommé ici. Corrigez le nom ou retirez la ligne.")),
            at_key=True, code="dead-evidence", severity=WARNING))
    return out


def step_criteria(scenario: Scenario, step: CleanStep | PublishStep, folder: Path,
                  refs: References | None = None) -> tuple[str, ...] | None:
    """The criteria a clean or publish step scores on the reference path (None: the data cannot say)."""
    source = scenario.step(step.source) if isinstance(step, PublishStep) else step
    work = (refs or References()).work(source, folder) if isinstance(source, CleanStep) else None
    if work is None:
        return None
    if isinstance(step, CleanStep):
        return tuple(name for name, _score, _detail, _comp in work.criteria())
    return ("licence", "documentation", "publication") + (("personal-data",) if PublishWork(step, work).personal else ())


def step_competencies(scenario: Scenario, step: CleanStep | PublishStep, folder: Path,
                      refs: References | None = None) -> tuple[str, ...] | None:
    """The competency of each criterion a clean or publish step scores on the reference path (one
    entry per criterion; None: the data cannot say, the step's own check reports why)."""
    source = scenario.step(step.source) if isinstance(step, PublishStep) else step
    work = (refs or References()).work(source, folder) if isinstance(source, CleanStep) else None
    if work is None:
        return None
    if isinstance(step, CleanStep):
        return tuple(comp for _name, _score, _detail, comp in work.criteria())
    names = step_criteria(scenario, step, folder, refs) or ()
    return tuple(step.competency_for(n) for n in names)
