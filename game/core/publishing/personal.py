"""Columns of a table that hold personal data of individuals: e-mail addresses, phone numbers,
birth dates, home addresses, names.

CRPA L312-1-2: unless a law or consent allows it, a document holding personal data is published
only after a treatment that makes identification impossible. The detector points the learner at
the columns to remove or anonymise before publishing. It is **conservative**: organisation data
(SIRET, association or company names, town names, amounts, INSEE codes, first-name statistics,
functional addresses such as ``contact@…``) must not be flagged. So a column is flagged only when
its name and its values agree, and weak clues (a landline number, an address) count only for a
table that is about people (a column of names or birth dates was found).

Only ``sample`` rows spread over the table are read, so a 100,000-row table costs the same as a
500-row one; ``count`` is the number of matching values among those rows.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from game.core.messages import N_, Message, msg
from game.core.table import Table

from . import _words as W
from ._prenoms import FIRST_NAMES
from ._text import fold, name_tokens
from .emails import is_address_value

KINDS = ("email", "telephone", "naissance", "adresse", "nom")
MIN_SHARE = 0.5  # share of the non-empty sampled values a format-based kind needs


@dataclass(frozen=True, slots=True)
class PersonalColumn:
    column: str
    kind: str  # one of KINDS
    count: int  # matching values among the sampled rows
    example: str
    message: Message


_MESSAGES = {
    "email": N_("La colonne « {column} » contient des adresses électroniques de personnes "
                "(par exemple « {example} ») : ce sont des données personnelles."),
    "telephone": N_("La colonne « {column} » contient des numéros de téléphone de personnes "
                    "(par exemple « {example} ») : ce sont des données personnelles."),
    "naissance": N_("La colonne « {column} » contient des dates de naissance (par exemple « {example} ») : "
                    "ce sont des données personnelles, qui permettent souvent de retrouver une personne."),
    "adresse": N_("La colonne « {column} » contient des adresses de personnes (par exemple « {example} ») : "
                  "ce sont des données personnelles."),
    "nom": N_("La colonne « {column} » contient des noms de personnes (par exemple « {example} ») : "
              "ce sont des données personnelles."),
}

# --------------------------------------------------------------------------- value shapes

_PHONE = re.compile(r"^(?:(?:\+|00)\d{2,3}[\s.\-]?(?:\(0\)\s?)?\d(?:[\s.\-]?\d){7,10}|0\d(?:[\s.\-]?\d{2}){4})$")
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$|^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_YEAR = re.compile(r"^(19|20)\d{2}$")
_STREET = re.compile(
    r"^\d{1,4}\s*(?:bis|ter|quater|[abc])?\s*,?\s+(?:rue|r|avenue|av|bd|boulevard|chemin|ch|impasse|imp|allee|"
    r"place|pl|route|rte|cours|quai|square|sq|lotissement|lot|lieu[ -]dit|residence|res|chaussee|faubourg|fbg|"
    r"passage|sentier|hameau|voie|rond[ -]point|esplanade|promenade|cite|villa|parvis|venelle|traverse|"
    r"montee|domaine|clos|mail|sente|ruelle)\b")
_CAP = re.compile(r"^(?:[dl]['’])?[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ]+(?:[-'’][A-ZÀ-ÖØ-Þ]?[a-zà-öø-ÿ]+)*$")
_UPPER = re.compile(r"^(?:[DL]['’])?[A-ZÀ-ÖØ-Þ]{2,}(?:[-'’][A-ZÀ-ÖØ-Þ]+)*$")


def _nominative_mailbox(v: str) -> bool:
    """``jean.dupont@…``, ``p.nom@…``, ``marie@…`` — not ``contact@…`` or ``mairie.roques@…``."""
    parts = [p for p in re.split(r"[._+\-]", fold(v.split("@", 1)[0])) if p and not p.isdigit()]
    parts = [re.sub(r"\d+", "", p) for p in parts]
    if not parts or any(p in W.GENERIC_MAILBOX for p in parts):
        return False
    return len(parts) >= 2 or parts[0] in FIRST_NAMES


def _is_date(v: str) -> bool:
    m = _DATE.match(v)
    if not m:
        return False
    y, mo, d = (m.group(1), m.group(2), m.group(3)) if m.group(1) else (m.group(6), m.group(5), m.group(4))
    try:
        date(int(y), int(mo), int(d))
    except ValueError:
        return False
    return True


def _is_street(v: str) -> bool:
    return _STREET.match(fold(v)) is not None


def _name_word(tok: str) -> bool:
    return _CAP.match(tok) is not None or _UPPER.match(tok) is not None


def _parts(tok: str) -> list[str]:
    return [p for p in re.split(r"[-'’]", fold(tok)) if p]


def person_shape(value: str) -> int:
    """2: a civility and a name (« M. Jean Martin », « Mme DUPONT »); 1: two to four name words,
    the first or the last a known first name (« Dupont Marie »); 0: anything else."""
    v = " ".join(value.replace(",", " ").split())
    if not v or len(v) > 60 or any(ch.isdigit() for ch in v):
        return 0
    toks = v.split(" ")
    if any(p in W.ORG_WORDS for t in toks for p in _parts(t.strip("."))):
        return 0
    if fold(toks[0]).strip(".") in W.CIVILITIES and toks[0].strip(".").isalpha():
        rest = [t for t in toks[1:] if fold(t) not in W.PARTICLES]
        return 2 if 1 <= len(rest) <= 4 and all(_name_word(t) for t in rest) else 0
    if not 2 <= len(toks) <= 4 or fold(toks[0]) in W.ARTICLES or toks[0].islower():
        return 0
    words = [t for t in toks if fold(t) not in W.PARTICLES]
    if len(words) < 2 or not all(_name_word(t) for t in words):
        return 0
    return 1 if any(p in FIRST_NAMES for t in (words[0], words[-1]) for p in _parts(t)) else 0


def _is_first_name(v: str) -> bool:
    return " " not in v.strip() and _name_word(v.strip()) and all(p in FIRST_NAMES for p in _parts(v))


def _is_surname(v: str) -> bool:
    toks = v.split()
    return (1 <= len(toks) <= 3 and all(_name_word(t) or fold(t) in W.PARTICLES for t in toks)
            and not any(p in W.ORG_WORDS for t in toks for p in _parts(t)))


def _phone_kinds(values: Sequence[str]) -> list[bool]:
    """For each value shaped like a French phone number and valid: is it a mobile?"""
    import phonenumbers  # lazily: only tables with phone-shaped values pay for it

    mobiles = (phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE)
    out = []
    for v in values:
        if not _PHONE.match(v):
            continue
        try:
            n = phonenumbers.parse(v, "FR")
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(n):
            out.append(phonenumbers.number_type(n) in mobiles)
    return out


# --------------------------------------------------------------------------- columns


def _rows(nrows: int, sample: int) -> range | list[int]:
    if nrows <= sample:
        return range(nrows)
    return [i * nrows // sample for i in range(sample)]


def _first(values: Sequence[str], test: Callable[[str], object]) -> tuple[int, str]:
    hits = [v for v in values if test(v)]
    return len(hits), hits[0] if hits else ""


def _enough(count: int, values: Sequence[str]) -> bool:
    return count > 0 and count >= MIN_SHARE * len(values)


def _name_kind(tokens: set[str], values: Sequence[str]) -> tuple[int, str] | None:
    if not tokens & W.PERSON_COLUMN or tokens & W.NOT_PERSON_COLUMN:
        return None
    shapes = [(person_shape(v), v) for v in values]
    strong = [v for s, v in shapes if s == 2]
    people = [v for s, v in shapes if s]
    if strong or (people and len(people) >= 0.3 * len(values)):
        return len(people), (strong or people)[0]
    return None


def detect_personal(table: Table, *, sample: int = 500) -> tuple[PersonalColumn, ...]:
    """The columns of ``table`` that hold personal data of individuals, in the table's order."""
    rows = _rows(table.nrows, sample)
    cols = []
    for j, name in enumerate(table.header):
        column = table.columns[j]
        values = [v.strip() for v in (column[i] for i in rows) if v and v.strip()]
        cols.append((name, set(name_tokens(name)), values))
    found: dict[str, tuple[str, int, str]] = {}

    # names and birth dates first: they tell whether the table is about people
    for name, tokens, values in cols:
        hit = _name_kind(tokens, values)
        if hit:
            found[name] = ("nom", *hit)
            continue
        if tokens & W.BIRTH_COLUMN or ({"ne", "nee"} & tokens and "le" in tokens):  # « né le »
            years = "annee" in tokens or "an" in tokens

            def _birth(v: str, y: bool = years) -> object:
                return _is_date(v) or (y and _YEAR.match(v))

            count, ex = _first(values, _birth)
            if _enough(count, values):
                found[name] = ("naissance", count, ex)
    surnames = [c for c in cols if c[1] & W.SURNAME_COLUMN and not c[1] & (W.FIRSTNAME_COLUMN | W.NOT_PERSON_COLUMN)]
    firsts = [c for c in cols if c[1] & W.FIRSTNAME_COLUMN and not c[1] & W.NOT_PERSON_COLUMN]
    if surnames and firsts:  # « nom » and « prénom » in two columns
        pairs = [(c, _first(c[2], _is_surname)) for c in surnames] + [(c, _first(c[2], _is_first_name)) for c in firsts]
        if all(_enough(n, c[2]) for c, (n, _e) in pairs):
            for c, (n, e) in pairs:
                found.setdefault(c[0], ("nom", n, e))
    about_people = bool(found)

    for name, tokens, values in cols:
        if name in found or not values:
            continue
        private = bool(tokens & W.PRIVATE_COLUMN)
        count, ex = _first(values, is_address_value)
        if _enough(count, values):
            mine = [v for v in values if is_address_value(v) and _nominative_mailbox(v)]
            if mine and (len(mine) >= MIN_SHARE * count or about_people or private):
                found[name] = ("email", len(mine), mine[0])
            continue
        if any(_PHONE.match(v) for v in values[:50]):
            kinds = _phone_kinds(values)
            if _enough(len(kinds), values) and (sum(kinds) >= MIN_SHARE * len(kinds) or about_people or private):
                found[name] = ("telephone", len(kinds), next(v for v in values if _PHONE.match(v)))
            continue
        if tokens & W.ADDRESS_COLUMN and not tokens & W.NOT_PERSON_COLUMN and (about_people or private):
            count, ex = _first(values, _is_street)
            if _enough(count, values):
                found[name] = ("adresse", count, ex)

    return tuple(PersonalColumn(name, kind, count, ex, msg(_MESSAGES[kind], column=name, example=ex))
                 for name in table.header if name in found for kind, count, ex in (found[name],))
