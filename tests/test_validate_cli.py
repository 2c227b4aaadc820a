"""``explorateurs validate``: a French report, JSON lines, and exit codes for scripts."""

from __future__ import annotations

import io
import json
from pathlib import Path
from types import SimpleNamespace

from game.cli.validate import main_validate

SCDL = Path(__file__).resolve().parent / "fixtures" / "scdl"


def run(file, schema, fmt="text"):
    out = io.StringIO()
    code = main_validate(SimpleNamespace(schema=schema, file=str(file), format=fmt, lang="fr"), out=out)
    return code, out.getvalue()


def test_a_valid_file_exits_0():
    code, text = run(SCDL / "subventions" / "exemple_valide.csv", "scdl/subventions")
    assert code == 0
    assert "✔ Le fichier est valide." in text


def test_errors_are_grouped_by_kind_with_row_column_and_fix():
    code, text = run(SCDL / "subventions" / "exemple_invalide_erreurs_cellules.csv", "scdl/subventions")
    assert code == 1
    assert "✘ Le fichier n'est pas valide" in text
    assert "Erreur — Format incorrect (type-error) : 5" in text
    assert ("  • ligne 5, colonne « dateConvention » : La valeur « 05/12/2016 » n'est pas une date au format "
            "AAAA-MM-JJ.") in text
    assert "    Pour corriger : écrivez la date au format AAAA-MM-JJ, ici « 2016-12-05 »." in text
    assert "Numéro SIRET invalide (french-siret-value)" in text


def test_json_lines_one_object_per_problem(tmp_path):
    code, text = run(SCDL / "prenoms" / "prenoms-nouveaux-nes_exemple-invalide.csv", "scdl/prenoms", "json")
    lines = [json.loads(line) for line in text.splitlines()]
    assert code == 1 and len(lines) == 7
    first = lines[0]
    assert {"row", "field", "code", "severity", "message"} <= set(first)
    assert (first["row"], first["field"], first["code"], first["severity"]) == (2, "COLL_INSEE", "constraint-error",
                                                                                 "error")
    assert first["message"] == ("La valeur « 3238 » ne respecte pas le format attendu pour la colonne "
                                "« COLL_INSEE » (exemple de valeur correcte : « 35238 »).")


def test_header_problems_have_a_null_row_and_warnings_alone_exit_0(tmp_path):
    source = (SCDL / "prenoms" / "prenoms-nouveaux-nes_exemple-valide.csv").read_text("utf-8").splitlines()
    extended = [source[0] + ",COMMENTAIRE"] + [line + ",ok" for line in source[1:]]
    path = tmp_path / "prenoms.csv"
    path.write_text("\n".join(extended) + "\n", encoding="utf-8")
    code, text = run(path, "scdl/prenoms", "json")
    [line] = [json.loads(x) for x in text.splitlines()]
    assert code == 0
    assert (line["row"], line["field"], line["code"], line["severity"]) == (None, "COMMENTAIRE", "extra-header-warn",
                                                                             "warning")


def test_schema_by_path_and_unknown_schema(tmp_path):
    schema = Path(__file__).resolve().parents[1] / "schemas" / "scdl" / "prenoms" / "schema.json"
    assert run(SCDL / "prenoms" / "DIGNE-PRENOMS-2017.csv", str(schema))[0] == 0
    assert run(SCDL / "prenoms" / "DIGNE-PRENOMS-2017.csv", "scdl/inconnu")[0] == 2


def test_windows_1252_file_is_read():
    code, text = run(SCDL / "subventions" / "reels-2018" / "DEP_Nievre_CD58_SUBVENTIONS_2016_LISTE.csv",
                     "scdl/subventions")
    assert code == 1
    assert "Aucune colonne du fichier ne porte un nom prévu par le schéma." in text
