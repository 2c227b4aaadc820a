"""Seeded mutated CSV files for every shipped schema, and the (row, field, code) sets of both validators.

Used by ``test_mutation_parity.py`` (a few hundred files) and ``bench/parity.py`` (thousands). Each
file starts from rows built with the schema's own examples and enums (or a fixture's rows), then gets
one to three mutations: wrong types, values outside an enum, empty required cells, ragged rows,
header variants (spaces around a label, case, missing, repeated, extra, reordered, blank, trailing
delimiter), BOM and double BOM, ``;`` or tab, CRLF or CR, Windows-1252, quoted line breaks, exotic
numbers, dates, times, URIs and e-mails, blank rows, duplicates in unique columns.

Both sides read a file the same way: the encoding, delimiter and header row our reader detects are
given to frictionless (its own detection is not what is compared; see schemas/README.md).
"""

from __future__ import annotations

import csv
import io
import json
import random
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

from game.core.tableschema import FRICTIONLESS_CODES, validate
from game.storage.csvfile import read_csv
from game.storage.schemas import load_schema, shipped_schema_names

ROOT = Path(__file__).resolve().parents[3]
FIXTURES = ROOT / "tests" / "fixtures" / "scdl"

RENAMED = {"missing-required-header": "missing-label"}

#: a schema that is not shipped, for what the shipped ones do not exercise: time, datetime, exclusive
#: bounds, a primary key, a unique number column, uri and email
SYNTHETIC: dict[str, Any] = {
    "$schema": "https://datapackage.org/profiles/2.0/tableschema.json",  # exclusive bounds: Table Schema v2
    "fields": [
        {"name": "id", "type": "integer", "constraints": {"required": True}},
        {"name": "code", "type": "string", "constraints": {"pattern": "[A-Z]{2}[0-9]{3}"}},
        {"name": "taux", "type": "number", "constraints": {"exclusiveMinimum": 0, "exclusiveMaximum": 100,
                                                           "unique": True}},
        {"name": "debut", "type": "datetime"},
        {"name": "heure", "type": "time", "constraints": {"minimum": "08:00:00"}},
        {"name": "jour", "type": "date", "constraints": {"exclusiveMaximum": "2030-01-01"}},
        {"name": "site", "type": "string", "format": "uri"},
        {"name": "courriel", "type": "string", "format": "email"},
        {"name": "actif", "type": "boolean"},
        {"name": "annee", "type": "year", "constraints": {"exclusiveMinimum": 1900}},
        {"name": "statut", "type": "string", "constraints": {"enum": ["ouvert", "fermé"], "required": True}},
    ],
    "primaryKey": ["id"],
}

EXOTIC = {
    "number": ["1,5", "1 000", "NaN", "-NaN", "nan", "Infinity", "-inf", "1e5", "1E-3", "+3", "-0", " 12 ", ".5",
               "5.", "1_000", "0x10", "12€", "", "abc", "1.2.3", "١٢", "1e999999", "sNaN"],
    "integer": ["1.0", "+7", "-0", " 3 ", "1_000", "007", "3e2", "", "x", "1,0", "٣", "99999999999999999999"],
    "date": ["2020-02-30", "2020-1-1", "01/02/2020", "2020-02-29", "2021-02-29", "20200101", "2020-01-01T00:00",
             " 2020-01-01", "2020-01-01 ", "0000-01-01", "9999-12-31", "2020-W01-1", "2020-001"],
    "datetime": ["2020-01-01T10:00:00Z", "2020-01-01T10:00:00+02:60", "2020-01-01T10:00:00 +02:00",
                 "2020-01-01T10:00:32.Z", "2020-01-01t10:00:00z", "2020-01-01T24:00:00", "2020-01-01T10:00:00",
                 "2020-01-01 10:00:00", "2020-01-01T10:00", "2020-01-01T10:00:00.123456789Z",
                 "2020-01-01T10:00:00+0200", "2020-01-01T10:00:00+02", "2020-01-01T10:00:60",
                 "2020-01-01T10:00:00-00:00", "2020-01-01T10:00:00+24:00", "2020-01-01T10:00:00.5",
                 "2020-01-01T10:00:00,5Z", "20200101T100000Z", "2020-01-01T10:00:00+02:00:30"],
    "time": ["10:00:00", "24:00:00", "24:00:01", "10:00:00Z", "10:00:00z", "10:00:00+02:60", "10:00:00 +02:00",
             "10:00:32.Z", "10:00", "10:00:00.5", "10:00:00,5", "7:00:00", "10:00:00+0200", "100000",
             "23:59:60", "10:00:00.1234567"],
    "year": ["0999", "99", "20201", "-200", "+2020", "2020 "],
    "yearmonth": ["2020-13", "2020-1", "2020/01"],
    "boolean": ["TRUE", "True", "true", "1", "oui", "yes", "vrai", " true", "0", "FALSE", "t"],
    "uri": ["https://exemple.fr/a b", " https://exemple.fr", "1https://exemple.fr", "https://exemple.fr/x?y=1#z",
            "mailto:a@b.fr", "www.exemple.fr", "http://", "http//exemple.fr", "urn:isbn:123", "https://[::1]/",
            "https://exemple.fr:99999/", "https://é.fr/", "h ttp://exemple.fr", "-a:b", "a+b.c-d:x", "https:x",
            "https://exemple.fr/%zz", "https://exemple.fr/\u00e9"],
    "email": ["a@b.fr", "a_b@exemple.fr", "a@ex_emple.fr", "a@exemple.c0m", "a@exemple.fr\n", "a@@b.fr",
              "a.b@exemple.fr", ".a@exemple.fr", "a..b@exemple.fr", "a@exemple", "é@exemple.fr", "a@exémple.fr",
              "a@[127.0.0.1]", '"a b"@exemple.fr', "a@exemple.fr ", "a+b@exemple.fr", "A@EXEMPLE.FR",
              "a@exemple.x", "a@-exemple.fr", "a@exemple.123", "a@xn--exmple-cva.fr"],
    "geopoint": ["[2.35, 48.85]", "[200, 48.85]", "2.35, 48.85", "[2.35]", "[\"2.35\", 48.85]", "[NaN, 1]"],
    "array": ['["a"]', "a", "[]", '["a", ""]', "[1]", '{"a": 1}'],
}


def descriptor(name: str) -> dict[str, Any]:
    if name == "synthetic":
        return SYNTHETIC
    return json.loads((ROOT / "schemas" / name / "schema.json").read_text("utf-8"))


def schema_names() -> list[str]:
    return sorted(shipped_schema_names()) + ["synthetic"]


def _base_value(rng: random.Random, field: dict[str, Any]) -> str:
    ftype, fmt = field.get("type", "string"), field.get("format", "default")
    c = field.get("constraints", {})
    if "enum" in c and c["enum"]:
        v = rng.choice(c["enum"])
        return json.dumps(v) if not isinstance(v, str) else v
    example = field.get("example")
    if isinstance(example, str | int | float) and not isinstance(example, bool) and rng.random() < 0.8:
        return str(example)
    if ftype == "number":
        return rng.choice(["12.5", "3", "1000", "0.25", "48.85"])
    if ftype == "integer":
        return str(rng.randint(1, 9999))
    if ftype == "date":
        return f"20{rng.randint(10, 29)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    if ftype == "datetime":
        return f"2021-{rng.randint(1, 12):02d}-10T{rng.randint(0, 23):02d}:15:00Z"
    if ftype == "time":
        return f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:00"
    if ftype == "year":
        return str(rng.randint(1950, 2030))
    if ftype == "boolean":
        return rng.choice(["true", "false"])
    if ftype == "geopoint":
        return "[2.35, 48.85]"
    if ftype == "array":
        return '["a"]'
    if fmt == "uri":
        return "https://www.exemple.fr/page"
    if fmt == "email":
        return "contact@exemple.fr"
    return rng.choice(["Commune de Digne", "Association Les Amis", "X", "abc"])


def _fixture_rows(name: str) -> list[list[str]]:
    """Rows of a valid fixture with the schema's exact header, when there is one."""
    found = {"prenoms": "prenoms/prenoms-nouveaux-nes_exemple-valide.csv", "subventions": "subventions/exemple_valide.csv",
             "irve-statique": "irve-statique/exemple-valide-statique.csv"}.get(name.removeprefix("scdl/"))
    if not found:
        return []
    with open(FIXTURES / found, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    header = [f["name"] for f in descriptor(name)["fields"]]
    return rows[1:] if rows and rows[0] == header else []


def base_table(rng: random.Random, name: str, nrows: int) -> tuple[list[str], list[list[str]]]:
    fields = descriptor(name)["fields"]
    header = [f["name"] for f in fields]
    fixture = _fixture_rows(name)
    rows = []
    for i in range(nrows):
        if fixture and rng.random() < 0.5:
            rows.append(list(rng.choice(fixture)))
        else:
            row = [_base_value(rng, f) for f in fields]
            if name == "synthetic":
                row[0] = str(i + 1)
            rows.append(row)
    return header, rows


Mutation = Callable[[random.Random, dict[str, Any]], None]


def _put(row: list[str], j: int, value: str) -> None:
    if j < len(row):
        row[j] = value


def _get(row: list[str], j: int) -> str:
    return row[j] if j < len(row) else ""


def _cell(rng: random.Random, doc: dict[str, Any], pick: Callable[[dict[str, Any]], bool] | None = None) -> tuple[int, int]:
    fields = doc["fields"]
    cols = [j for j, f in enumerate(fields) if pick is None or pick(f)] or list(range(len(fields)))
    return rng.randrange(len(doc["rows"])), rng.choice(cols)


def m_wrong_type(rng, doc):
    r, j = _cell(rng, doc, lambda f: f.get("type", "string") != "string" or f.get("format", "default") != "default")
    f = doc["fields"][j]
    key = f.get("format") if f.get("format") in ("uri", "email") else f.get("type", "string")
    _put(doc["rows"][r], j, rng.choice(EXOTIC.get(key, ["???"])))


def m_exotic_many(rng, doc):
    """Every row of one typed column gets an exotic value."""
    _, j = _cell(rng, doc, lambda f: f.get("type", "string") != "string" or f.get("format", "default") != "default")
    f = doc["fields"][j]
    key = f.get("format") if f.get("format") in ("uri", "email") else f.get("type", "string")
    for row in doc["rows"]:
        _put(row, j, rng.choice(EXOTIC.get(key, ["???"])))


def m_enum(rng, doc):
    r, j = _cell(rng, doc, lambda f: "enum" in f.get("constraints", {}))
    v = _get(doc["rows"][r], j)
    _put(doc["rows"][r], j, rng.choice([v.upper(), v + " ", " " + v, v.lower(), "autre", ""]))


def m_empty_required(rng, doc):
    r, j = _cell(rng, doc, lambda f: f.get("constraints", {}).get("required"))
    _put(doc["rows"][r], j, rng.choice(["", " "]))


def m_pattern(rng, doc):
    r, j = _cell(rng, doc, lambda f: "pattern" in f.get("constraints", {}))
    v = _get(doc["rows"][r], j)
    _put(doc["rows"][r], j, rng.choice([v + "x", v[:-1], " " + v, v.replace("0", "O"), "1" + v]))


def m_ragged(rng, doc):
    r = rng.randrange(len(doc["rows"]))
    row = doc["rows"][r]
    if rng.random() < 0.5 and len(row) > 1:
        del row[rng.randrange(len(row)):]
    else:
        row.extend(["en trop"] * rng.randint(1, 2))


def m_blank_row(rng, doc):
    doc["rows"].insert(rng.randrange(len(doc["rows"]) + 1), [""] * rng.choice([0, len(doc["header"])]))


def m_duplicate_row(rng, doc):
    r = rng.randrange(len(doc["rows"]))
    doc["rows"].append(list(doc["rows"][r]))


def m_header_spaces(rng, doc):
    j = rng.randrange(len(doc["header"]))
    doc["header"][j] = rng.choice([doc["header"][j] + " ", " " + doc["header"][j], f"  {doc['header'][j]}\t"])


def m_header_case(rng, doc):
    j = rng.randrange(len(doc["header"]))
    doc["header"][j] = doc["header"][j].upper()


def m_header_missing(rng, doc):
    j = rng.randrange(len(doc["header"]))
    del doc["header"][j]
    for row in doc["rows"]:
        if j < len(row):
            del row[j]


def m_header_duplicate(rng, doc):
    j = rng.randrange(len(doc["header"]))
    doc["header"].append(doc["header"][j])
    for row in doc["rows"]:
        row.append(row[j] if j < len(row) else "")


def m_header_extra(rng, doc):
    doc["header"].append(rng.choice(["commentaire", "Remarques", "id_interne"]))
    for row in doc["rows"]:
        row.append("x")


def m_header_reorder(rng, doc):
    n = len(doc["header"])
    a, b = rng.randrange(n), rng.randrange(n)
    for line in [doc["header"], *doc["rows"]]:
        if max(a, b) < len(line):
            line[a], line[b] = line[b], line[a]


def m_trailing_delimiter(rng, doc):
    doc["header"].append("")
    for row in doc["rows"]:
        row.append("")


def m_blank_label(rng, doc):
    j = rng.randrange(len(doc["header"]))
    doc["header"][j] = rng.choice(["", " "])


def m_unique_dup(rng, doc):
    cols = [j for j, f in enumerate(doc["fields"]) if f.get("constraints", {}).get("unique")]
    if not cols or len(doc["rows"]) < 2:
        return m_duplicate_row(rng, doc)
    j = rng.choice(cols)
    a, b = rng.sample(range(len(doc["rows"])), 2)
    _put(doc["rows"][b], j, _get(doc["rows"][a], j) if rng.random() < 0.7 else rng.choice(["NaN", "nan", "1e1", "10", "10.0"]))


def m_quoted_newline(rng, doc):
    r, j = _cell(rng, doc, lambda f: f.get("type", "string") == "string")
    _put(doc["rows"][r], j, _get(doc["rows"][r], j) + rng.choice(["\nsuite", "\r\nsuite", ', "cité"']))


def m_spaces_in_cell(rng, doc):
    r, j = _cell(rng, doc)
    _put(doc["rows"][r], j, rng.choice([" ", "  "]) + _get(doc["rows"][r], j) + rng.choice(["", " "]))


ROW_MUTATIONS: list[Mutation] = [m_wrong_type, m_wrong_type, m_exotic_many, m_enum, m_empty_required, m_pattern,
                                 m_ragged, m_blank_row, m_duplicate_row, m_header_spaces, m_header_case,
                                 m_header_missing, m_header_duplicate, m_header_extra, m_header_reorder,
                                 m_trailing_delimiter, m_blank_label, m_unique_dup, m_quoted_newline, m_spaces_in_cell]


def mutated_file(rng: random.Random, name: str, path: Path) -> list[str]:
    """Write one mutated CSV for schema ``name`` at ``path``; the names of the mutations applied."""
    header, rows = base_table(rng, name, rng.randint(3, 12))
    doc = {"header": header, "rows": rows, "fields": descriptor(name)["fields"]}
    applied = []
    for m in rng.sample(ROW_MUTATIONS, rng.randint(1, 3)):
        m(rng, doc)
        applied.append(m.__name__)
    delimiter = rng.choice([",", ",", ",", ";", "\t"])
    ending = rng.choice(["\r\n", "\r\n", "\n", "\r"])
    if ending == "\r" and any("\n" in c or "\r" in c for row in doc["rows"] for c in row):
        ending = "\n"
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, delimiter=delimiter, lineterminator=ending, quoting=rng.choice(
        [csv.QUOTE_MINIMAL, csv.QUOTE_MINIMAL, csv.QUOTE_ALL]))
    writer.writerow(doc["header"])
    writer.writerows(doc["rows"])
    text = buf.getvalue()
    if delimiter != ",":
        applied.append("delimiter")
    if ending != "\r\n":
        applied.append("line-ending")
    encoding, prefix = "utf-8", b""
    roll = rng.random()
    if roll < 0.1:
        prefix = b"\xef\xbb\xbf"
        applied.append("bom")
    elif roll < 0.13:
        prefix = b"\xef\xbb\xbf\xef\xbb\xbf"
        applied.append("double-bom")
    elif roll < 0.25:
        encoding = "cp1252"
        applied.append("cp1252")
    path.write_bytes(prefix + text.encode(encoding, errors="replace"))
    return applied


def ours(path: Path, schema_name: str) -> set[tuple[Any, ...]]:
    schema = load_schema(schema_name) if schema_name != "synthetic" else _synthetic()
    table = read_csv(path, keep_initial_spaces=False).table
    report = validate(table, schema)
    return {(e.row, e.field or "", RENAMED.get(e.code, e.code)) for e in report.errors
            if RENAMED.get(e.code, e.code) in FRICTIONLESS_CODES and e.is_error}


def _synthetic():
    from game.core.tableschema import parse_schema

    return parse_schema(SYNTHETIC)


def theirs(path: Path, schema_name: str) -> set[tuple[Any, ...]]:
    """frictionless's set; ``(None, "", "frictionless-aborted:<type>")`` added when it stopped early."""
    import frictionless
    from frictionless import Detector, Resource

    dialect = read_csv(path).dialect  # frictionless reads the file the way our loader detected it
    encoding = "utf-8-sig" if dialect.encoding == "utf-8" and dialect.bom else dialect.encoding
    resource = Resource({
        "$schema": "https://datapackage.org/profiles/2.0/dataresource.json",  # exclusive bounds: v2
        "name": "mutated", "path": path.name, "encoding": encoding,
        "dialect": {"headerRows": [dialect.header_row],
                    "csv": {"delimiter": dialect.delimiter, "skipInitialSpace": dialect.skip_initial_space}},
        "schema": descriptor(schema_name),
    }, basepath=str(path.parent), detector=Detector(schema_sync=True))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            report = frictionless.validate(resource, limit_errors=1_000_000)
        except (ArithmeticError, TypeError):  # raised inside frictionless: a signalling NaN (« sNaN ») or a
            # time with a UTC offset compared with a bound without one
            return {(None, "", "frictionless-raised")}
    errors = report.tasks[0].errors
    out = {(getattr(e, "row_number", None), getattr(e, "field_name", None) or "", e.type) for e in errors}
    aborted = [e for e in errors if e.type not in FRICTIONLESS_CODES]
    if aborted:
        out.add((None, "", "frictionless-aborted:" + aborted[0].type))
    return out


#: where frictionless is demonstrably wrong and the game keeps its answer (schemas/README.md)
DOCUMENTED = {
    "frictionless-aborted:error": "frictionless aborts on a repeated column name (« fieldsMatch » needs unique "
                                  "labels) and checks no row; the game reports the duplicate and checks the rest",
    "frictionless-raised": "frictionless raises (InvalidOperation on « sNaN » in a number column with a bound, "
                           "TypeError on a time with a UTC offset against a bound without one) and reports nothing; "
                           "the game reports a constraint error",
}


def compare(path: Path, schema_name: str) -> tuple[set[tuple[Any, ...]], set[tuple[Any, ...]], str | None]:
    """(ours, theirs, why they may differ: a documented case, or None)."""
    mine, reference = ours(path, schema_name), theirs(path, schema_name)
    why = next((DOCUMENTED[code] for _, _, code in reference if code in DOCUMENTED), None)
    return mine, reference, why


def fingerprint(cells: set[tuple[Any, ...]]) -> str:
    """A short digest of a (row, field, code) set, to record frictionless's answers without the sets."""
    import hashlib

    canonical = json.dumps(sorted([list(c) for c in cells], key=str), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]


def file_digest(path: Path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def generate(folder: Path, per_schema: int, seed: str) -> list[tuple[str, Path, list[str]]]:
    """``per_schema`` mutated files for every schema in ``folder``: (schema name, path, mutations)."""
    out = []
    for name in schema_names():
        for i in range(per_schema):
            path = folder / f"{name.replace('/', '_')}-{i}.csv"
            applied = mutated_file(random.Random(f"{seed}-{name}-{i}"), name, path)
            out.append((name, path, applied))
    return out
