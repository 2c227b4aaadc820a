"""What a scenario's files may be: bounds a trainer never reaches with a real scenario, checked
before the expensive work, so a hostile or mistaken file is refused in well under a second.

Measured on the shipped scenarios (2025): the largest ``scenario.yaml`` is 49 KB with 1,550 values
(keys, texts, list items) nested 8 levels deep and no YAML alias; the largest dataset is 18 KB and
about 100 rows. The limits below leave a margin of 20× to 1,000×. They are documented for trainers
in scenarios/README.md (« Limites ») and README.en.md; a test checks the two agree with these.
"""

from __future__ import annotations

from dataclasses import dataclass

KIB = 1024
MIB = 1024 * KIB


@dataclass(frozen=True, slots=True)
class ScenarioLimits:
    yaml_bytes: int = 1 * MIB  # a scenario.yaml (or framework) file, checked before it is read
    yaml_depth: int = 32  # nesting of lists and dictionaries
    yaml_aliases: int = 1000  # uses of an alias (``*nom``)
    yaml_values: int = 50_000  # keys, texts and list items, counting what each alias repeats
    schema_bytes: int = 1 * MIB  # a Table Schema file in the scenario folder
    dataset_bytes: int = 5 * MIB  # a clean step's CSV file, checked before it is read
    dataset_rows: int = 50_000  # its data rows (the header not counted)
    folder_entries: int = 10_000  # files and folders looked at for symbolic links in a scenario folder


LIMITS = ScenarioLimits()


def megabytes(size: int) -> float:
    """A size in MB (MiB) with one decimal, never rounded down to the limit it passes."""
    return max(0.1, -(-size * 10 // MIB) / 10)
