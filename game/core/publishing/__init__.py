"""Publishing rules: licences, metadata, data.gouv.fr's quality score, title specificity,
personal-data detection, pre-publication checks and the artefacts written to the portal.

Pure: the standard library, phonenumbers (imported lazily) and ``game.core`` only.
"""

from .artefacts import CATALOGUE_HEADER, catalogue_row, dcat_jsonld
from .checks import Check, publish_checks
from .licences import LICENCES, Licence
from .metadata import (
    CLOSED_FORMATS,
    FREQUENCIES,
    GRANULARITIES,
    OPEN_FORMATS,
    RESOURCE_TYPES,
    Frequency,
    Granularity,
    Metadata,
    Resource,
    is_open_format,
)
from .personal import KINDS, PersonalColumn, detect_personal
from .quality import QUALITY_DESCRIPTION_LENGTH, Criterion, QualityReport, quality
from .titles import TitleElement, title_check

__all__ = [
    "CATALOGUE_HEADER", "CLOSED_FORMATS", "FREQUENCIES", "GRANULARITIES", "KINDS", "LICENCES", "OPEN_FORMATS",
    "QUALITY_DESCRIPTION_LENGTH", "RESOURCE_TYPES", "Check", "Criterion", "Frequency", "Granularity", "Licence",
    "Metadata", "PersonalColumn", "QualityReport", "Resource", "TitleElement", "catalogue_row", "dcat_jsonld",
    "detect_personal", "is_open_format", "publish_checks", "quality", "title_check",
]
