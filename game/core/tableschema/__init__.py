"""Table Schema validation (frictionless semantics, Validata's French wording and custom checks).

Pure: imports only the standard library, python-stdnum, phonenumbers, and the packages frictionless
decides with (validators, rfc3986, python-dateutil), and ``game.core``.
"""

from .custom_checks import CUSTOM_CHECKS
from .errors import ERROR, FRICTIONLESS_CODES, WARNING, Report, ValidationError
from .model import CustomCheck, Field, Schema
from .schema import parse_schema
from .validate import revalidate, validate

__all__ = [
    "CUSTOM_CHECKS", "ERROR", "FRICTIONLESS_CODES", "WARNING", "CustomCheck", "Field", "Report", "Schema",
    "ValidationError", "parse_schema", "revalidate", "validate",
]
