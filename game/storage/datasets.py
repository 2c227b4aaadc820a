"""The datasets of clean steps: ``scenarios/<id>/data/<file>.csv`` and their target schemas.

Reading them is all this module does: replaying their reference recipes is authoring's
(``game.authoring.reference``), run by ``explorateurs check`` and never while the library loads.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from game.core.csvquality import CsvRead, CsvReadError, Finding
from game.core.messages import N_, Message, msg
from game.core.scenario import CleanStep, FillStep, Scenario
from game.core.table import Table
from game.core.tableschema import Schema, parse_schema

from .csvfile import read_csv
from .folders import OutsideFolder, inside
from .limits import LIMITS, ScenarioLimits, megabytes
from .schemas import SchemaNotFound, load_schema_descriptor, schemas_dir

LIGHTEN = N_("Un extrait suffit pour un scénario : gardez les lignes qui montrent les défauts à corriger, et "
             "allégez le fichier (les limites sont dans le guide des scénarios, section « Limites »).")


class SchemaTooBig(ValueError):
    """A scenario's own Table Schema file past :attr:`ScenarioLimits.schema_bytes` (not read)."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.format_source())
        self.message = message


def schema_ref(step: CleanStep | FillStep, folder: Path) -> Path:
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


def schema_for(step: CleanStep | FillStep, folder: Path, limits: ScenarioLimits = LIMITS) -> Schema:
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

    def schema(self, scenario: Scenario, step: FillStep) -> Schema:
        """The schema a fill step's rows must respect."""
        return schema_for(step, self.folders[scenario.id])
