"""French messages and "Pour corriger" hints, in Validata's style, for every kind of problem.

Every sentence is a whole ``N_()`` string with named placeholders; nothing is glued.
"""

from __future__ import annotations

import re
from typing import Any

from game.core.messages import N_, Message, msg

from .model import Field

_STRFTIME = {"%Y": "AAAA", "%y": "AA", "%m": "MM", "%d": "JJ", "%H": "hh", "%M": "mm", "%S": "ss",
             "%B": "mois", "%b": "mois", "%z": "±hhmm", "%f": "µs"}


def human_format(pattern: str) -> str:
    """``%Y-%m-%d`` → ``AAAA-MM-JJ``."""
    return re.sub(r"%[A-Za-z]", lambda m: _STRFTIME.get(m.group(0), m.group(0)), pattern)


def quoted(values: Any) -> str:
    return ", ".join(f"« {v} »" for v in values)


def _date_format(field: Field) -> str:
    if field.format in ("default", "any"):
        return "AAAA-MM-JJ"
    return human_format(field.format)


_DMY = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$")


def type_error(field: Field, cell: str) -> tuple[Message, Message]:
    t, f = field.type, field.format
    if t == "string" and f == "email":
        return (msg(N_("La valeur « {cell} » n'est pas une adresse e-mail valide."), cell=cell),
                msg(N_("Pour corriger : écrivez une seule adresse de la forme nom@domaine.fr, sans espace.")))
    if t == "string" and f == "uri":
        return (msg(N_("La valeur « {cell} » n'est pas une adresse web (URL) valide."), cell=cell),
                msg(N_("Pour corriger : écrivez l'adresse complète, en commençant par https:// ou http://.")))
    if t == "string" and f == "uuid":
        return (msg(N_("La valeur « {cell} » n'est pas un identifiant UUID valide."), cell=cell),
                msg(N_("Pour corriger : écrivez un UUID de la forme 123e4567-e89b-12d3-a456-426614174000.")))
    if t == "number":
        return (msg(N_("La valeur « {cell} » n'est pas un nombre valide."), cell=cell),
                msg(N_("Pour corriger : écrivez le nombre avec « {decimal} » comme séparateur décimal, sans espace, "
                       "séparateur de milliers ni unité (par exemple 1234{decimal}56)."), decimal=field.decimal_char))
    if t == "integer":
        return (msg(N_("La valeur « {cell} » n'est pas un nombre entier."), cell=cell),
                msg(N_("Pour corriger : écrivez un nombre entier, sans décimale, espace ni unité (par exemple 42).")))
    if t == "boolean":
        return (msg(N_("La valeur « {cell} » n'est pas une valeur booléenne acceptée."), cell=cell),
                msg(N_("Pour corriger : écrivez {true} pour vrai ou {false} pour faux."),
                    true=quoted(field.true_values), false=quoted(field.false_values)))
    if t == "date":
        fmt = _date_format(field)
        m = _DMY.match(cell)
        if m and fmt == "AAAA-MM-JJ":
            day, month, year = m.groups()
            return (msg(N_("La valeur « {cell} » n'est pas une date au format {format}."), cell=cell, format=fmt),
                    msg(N_("Pour corriger : écrivez la date au format {format}, ici « {suggestion} »."), format=fmt,
                        suggestion=f"{year}-{int(month):02d}-{int(day):02d}"))
        return (msg(N_("La valeur « {cell} » n'est pas une date au format {format}."), cell=cell, format=fmt),
                msg(N_("Pour corriger : écrivez la date au format {format}, par exemple 2016-12-05 pour le "
                       "5 décembre 2016."), format=fmt))
    if t == "datetime":
        fmt = "AAAA-MM-JJThh:mm:ss" if f in ("default", "any") else human_format(f)
        return (msg(N_("La valeur « {cell} » n'est pas une date et heure au format {format}."), cell=cell, format=fmt),
                msg(N_("Pour corriger : écrivez la date et l'heure au format {format}, par exemple "
                       "2020-05-11T14:08:32Z."), format=fmt))
    if t == "time":
        fmt = "hh:mm:ss" if f in ("default", "any") else human_format(f)
        return (msg(N_("La valeur « {cell} » n'est pas une heure au format {format}."), cell=cell, format=fmt),
                msg(N_("Pour corriger : écrivez l'heure au format {format}, par exemple 14:08:32."), format=fmt))
    if t == "year":
        return (msg(N_("La valeur « {cell} » n'est pas une année sur quatre chiffres."), cell=cell),
                msg(N_("Pour corriger : écrivez l'année sur quatre chiffres, par exemple 2017.")))
    if t == "yearmonth":
        return (msg(N_("La valeur « {cell} » n'est pas un mois au format AAAA-MM."), cell=cell),
                msg(N_("Pour corriger : écrivez l'année et le mois au format AAAA-MM, par exemple 2017-06.")))
    if t == "geopoint":
        if f == "array":
            return (msg(N_("La valeur « {cell} » n'est pas un point géographique au format [longitude, latitude]."),
                        cell=cell),
                    msg(N_("Pour corriger : écrivez la longitude puis la latitude entre crochets, par exemple "
                           "[2.3522, 48.8566].")))
        if f == "object":
            return (msg(N_("La valeur « {cell} » n'est pas un point géographique au format objet JSON (clés "
                           "« lon » et « lat »)."), cell=cell),
                    msg(N_("Pour corriger : écrivez un objet JSON avec la longitude « lon » et la latitude « lat », "
                           "par exemple « {example} »."), example='{"lon": 2.3522, "lat": 48.8566}'))
        return (msg(N_("La valeur « {cell} » n'est pas un point géographique au format « longitude, latitude »."),
                    cell=cell),
                msg(N_("Pour corriger : écrivez la longitude puis la latitude séparées par une virgule, par exemple "
                       "« 2.3522, 48.8566 ».")))
    if t == "array":
        return (msg(N_("La valeur « {cell} » n'est pas une liste JSON valide."), cell=cell),
                msg(N_("Pour corriger : écrivez une liste entre crochets, chaque valeur entre guillemets droits, "
                       "par exemple [\"valeur 1\", \"valeur 2\"].")))
    return (msg(N_("La valeur « {cell} » n'est pas du type attendu ({type})."), cell=cell, type=t),
            msg(N_("Pour corriger : consultez la description de la colonne dans le schéma.")))


_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")


def short_description(text: str, limit: int = 400) -> str:
    """A schema's field description as plain text: Markdown links and emphasis removed, first
    sentences only (the full text stays in the schema)."""
    text = _LINK.sub(r"\1", text)
    text = re.sub(r"[_*`]+", "", text)
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text.rfind(". ", 0, limit)
    return text[: cut + 1] if cut > 60 else text[:limit].rsplit(" ", 1)[0] + " …"


def constraint_error(field: Field, constraint: str, cell: str | None, value: Any = None) -> tuple[Message, Message]:
    name = field.name
    if constraint == "required":
        return (msg(N_("La colonne « {field} » est obligatoire : cette cellule ne doit pas être vide."), field=name),
                msg(N_("Pour corriger : renseignez une valeur pour « {field} »."), field=name))
    if constraint == "pattern":
        if field.example:
            text = msg(N_("La valeur « {cell} » ne respecte pas le format attendu pour la colonne « {field} » "
                          "(exemple de valeur correcte : « {example} »)."), cell=cell, field=name, example=field.example)
        else:
            text = msg(N_("La valeur « {cell} » ne respecte pas le format attendu pour la colonne « {field} »."),
                       cell=cell, field=name)
        if field.description:
            return text, msg(N_("Pour corriger : suivez la règle du schéma — {description}"),
                             description=short_description(field.description))
        return text, msg(N_("Pour corriger : la valeur doit correspondre à l'expression régulière {pattern}."),
                         pattern=field.pattern)
    if constraint == "enum":
        values = field.enum or ()
        text = msg(N_("La valeur « {cell} » ne fait pas partie des valeurs autorisées pour la colonne « {field} »."),
                   cell=cell, field=name)
        close = [v for v in values if isinstance(v, str) and cell is not None
                 and v.casefold() == cell.strip().casefold()]
        if close:
            return text, msg(N_("Pour corriger : écrivez exactement « {suggestion} » (majuscules, accents et espaces "
                                "comptent)."), suggestion=close[0])
        return text, msg(N_("Pour corriger : choisissez l'une des valeurs {values}."), values=quoted(values))
    if constraint == "minimum":
        return (msg(N_("La valeur « {cell} » est inférieure au minimum autorisé ({minimum})."), cell=cell,
                    minimum=str(field.minimum)),
                msg(N_("Pour corriger : saisissez une valeur supérieure ou égale à {minimum}."),
                    minimum=str(field.minimum)))
    if constraint == "maximum":
        return (msg(N_("La valeur « {cell} » est supérieure au maximum autorisé ({maximum})."), cell=cell,
                    maximum=str(field.maximum)),
                msg(N_("Pour corriger : saisissez une valeur inférieure ou égale à {maximum}."),
                    maximum=str(field.maximum)))
    if constraint == "exclusiveMinimum":
        return (msg(N_("La valeur « {cell} » doit être strictement supérieure à {minimum}."), cell=cell,
                    minimum=str(field.exclusive_minimum)),
                msg(N_("Pour corriger : saisissez une valeur strictement supérieure à {minimum}."),
                    minimum=str(field.exclusive_minimum)))
    if constraint == "exclusiveMaximum":
        return (msg(N_("La valeur « {cell} » doit être strictement inférieure à {maximum}."), cell=cell,
                    maximum=str(field.exclusive_maximum)),
                msg(N_("Pour corriger : saisissez une valeur strictement inférieure à {maximum}."),
                    maximum=str(field.exclusive_maximum)))
    if constraint == "minLength":
        return (msg(N_("La valeur « {cell} » compte {length} caractères ou éléments, moins que le minimum de "
                       "{limit}."), cell=cell, length=str(len(value)), limit=str(field.min_length)),
                msg(N_("Pour corriger : complétez la valeur pour atteindre au moins {limit} caractères ou éléments."),
                    limit=str(field.min_length)))
    if constraint == "maxLength":
        return (msg(N_("La valeur « {cell} » compte {length} caractères ou éléments, plus que le maximum de "
                       "{limit}."), cell=cell, length=str(len(value)), limit=str(field.max_length)),
                msg(N_("Pour corriger : raccourcissez la valeur à {limit} caractères ou éléments au plus."),
                    limit=str(field.max_length)))
    return (msg(N_("La valeur « {cell} » ne respecte pas la contrainte « {constraint} »."), cell=cell,
                constraint=constraint),
            msg(N_("Pour corriger : consultez la description de la colonne dans le schéma.")))


def unique_error(field: str, cell: str, first_row: int) -> tuple[Message, Message]:
    return (msg(N_("La valeur « {cell} » apparaît déjà ligne {other} : chaque valeur de la colonne « {field} » doit "
                   "être unique."), cell=cell, other=str(first_row), field=field),
            msg(N_("Pour corriger : corrigez l'une des deux valeurs, ou supprimez la ligne si c'est un doublon.")))


def primary_key_error(fields: tuple[str, ...], first_row: int | None) -> tuple[Message, Message]:
    names = quoted(fields)
    if first_row is None:
        return (msg(N_("La clé primaire ({fields}) est vide sur cette ligne."), fields=names),
                msg(N_("Pour corriger : renseignez les colonnes de la clé primaire.")))
    return (msg(N_("La clé primaire ({fields}) de cette ligne est déjà utilisée ligne {other}."), fields=names,
                other=str(first_row)),
            msg(N_("Pour corriger : chaque ligne doit avoir une clé primaire différente ; corrigez ou supprimez le "
                   "doublon.")))


def blank_row() -> tuple[Message, Message]:
    return (msg(N_("La ligne est vide.")),
            msg(N_("Pour corriger : supprimez la ligne vide.")))


def excerpt(cell: str, limit: int = 60) -> str:
    """The start of a long cell, to show it in a sentence (the whole cell stays in the table)."""
    return cell if len(cell) <= limit else cell[:limit] + "…"


def cell_too_long(field: str, cell: str) -> tuple[Message, Message]:
    from .types import MAX_CELL_CHARS

    return (msg(N_("La cellule de la colonne « {field} » compte {length} caractères, plus que les {limit} qu'une "
                   "cellule de tableur peut contenir ; elle commence par « {start} » et n'a pas été vérifiée."),
                field=field, length=len(cell), limit=MAX_CELL_CHARS, start=excerpt(cell)),
            msg(N_("Pour corriger : vérifiez les guillemets des lignes précédentes (un guillemet jamais refermé "
                   "avale la suite du fichier dans une seule cellule), ou raccourcissez la valeur.")))


def extra_cell(cell: str, width: int) -> tuple[Message, Message]:
    return (msg(N_("La ligne contient une valeur en trop (« {cell} ») au-delà des {count} colonnes de l'en-tête."),
                cell=excerpt(cell, 200), count=str(width)),
            msg(N_("Pour corriger : vérifiez le séparateur et les guillemets de cette ligne, ou supprimez la valeur "
                   "en trop.")))


def missing_cell(field: str) -> tuple[Message, Message]:
    return (msg(N_("La ligne a moins de valeurs que l'en-tête : il manque la cellule de la colonne « {field} »."),
                field=field),
            msg(N_("Pour corriger : ajoutez la valeur manquante (ou le séparateur manquant) sur cette ligne.")))
