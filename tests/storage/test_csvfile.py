"""Reading the CSV files territories publish, and writing the « fichier CSV de qualité »."""

from __future__ import annotations

import hashlib
import random
import re
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.core.csvquality import (
    CsvReadError,
    decode_bytes,
    delimiter_scores,
    detect_encoding,
    find_mojibake,
    line_ending_of,
    repair_mojibake,
    sniff_delimiter,
    sniff_header_row,
    sniff_initial_space,
    sniff_text,
)
from game.core.table import Table
from game.storage.csvfile import quality_csv_text, read_csv, read_text, write_quality_csv

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
CSV = FIXTURES / "csv"
SCDL = FIXTURES / "scdl-csv"
SCDL_FILES = sorted(SCDL.rglob("*.csv"))


def codes(read) -> set[str]:
    return {f.code for f in read.findings}


def finding(read, code):
    return next(f for f in read.findings if f.code == code)


# --------------------------------------------------------------------------- pure sniffing

def test_semicolon_wins_over_decimal_commas():
    text = "nom;montant;taux\nA;1,5;0,2\nB;2,25;0,3\nC;3;1\n"
    assert sniff_delimiter(text) == ";"


def test_comma_wins_when_semicolons_are_only_inside_text():
    text = "nom,objet,montant\nA,voir ; puis,12\nB,rien,3\nC,x ; y ; z,4\n"
    assert sniff_delimiter(text) == ","


def test_quoted_delimiters_do_not_count():
    text = 'nom;commentaire\n"A";"un; deux; trois"\n"B";"quatre"\n'
    assert sniff_delimiter(text) == ";"
    text = 'a,b\n"x, y, z",1\n"w",2\n'
    assert delimiter_scores(text)[","] == (1.0, 2)


def test_tab_and_pipe_are_detected():
    assert sniff_delimiter("a\tb\tc\n1\t2\t3\n") == "\t"
    assert sniff_delimiter("a|b\n1|2\n3|4\n") == "|"


def test_one_column_text_is_read_with_a_comma():
    assert sniff_delimiter("nom\nAnne\nBruno\n") == ","


def test_quoted_line_break_does_not_break_consistency():
    text = 'a;b;c\n1;"deux\nlignes";3\n4;5;6\n'
    assert delimiter_scores(text)[";"] == (1.0, 3)


def test_comma_plus_space_is_detected_only_when_systematic():
    assert sniff_initial_space("a, b, c\n1, 2, 3\n", ",")
    assert not sniff_initial_space("a,b,c\n1,2, 3\n", ",")


def test_line_endings_ignore_breaks_inside_quoted_cells():
    assert line_ending_of('a,b\r\n1,"x\ny"\r\n') == "CRLF"
    assert line_ending_of("a\nb\n") == "LF"
    assert line_ending_of("a\rb\r") == "CR"
    assert line_ending_of("a\r\nb\nc\r\n") == "mixed"
    assert line_ending_of("a,b") == "none"


def test_title_rows_above_the_header_are_found():
    text = "Subventions 2016;;;\n;;;\nnom;montant;date;objet\nA;1;2016;x\nB;2;2016;y\n"
    header_row, titles = sniff_header_row(text, ";")
    assert header_row == 3
    assert titles[0].startswith("Subventions 2016")


def test_a_short_header_is_not_taken_for_a_title():
    assert sniff_header_row("a,b,c\n1,2,3,4\n5,6,7,8\n", ",")[0] == 1


def test_sniff_text_gathers_everything():
    s = sniff_text("Titre\r\n\r\nnom, code\r\nA, 1\r\n")
    assert (s.delimiter, s.skip_initial_space, s.line_ending, s.header_row) == (",", True, "CRLF", 3)


def test_encoding_detection():
    assert detect_encoding("é".encode()) == ("utf-8", False)
    assert detect_encoding(b"\xef\xbb\xbfa,b") == ("utf-8", True)
    assert detect_encoding("Café l’œuvre 5 €".encode("cp1252")) == ("cp1252", False)
    assert detect_encoding(b"\xe9t\xe9") == ("cp1252", False)  # no C1 byte: same text either way
    assert detect_encoding(b"A\x81b") == ("latin-1", False)
    assert detect_encoding("a\tb\r\n".encode("utf-16-le")) == ("utf-16-le", False)


def test_decoding_with_a_given_encoding_reports_bad_bytes_in_french():
    with pytest.raises(CsvReadError) as e:
        decode_bytes("é".encode("cp1252"), "utf-8")
    assert "UTF-8" in e.value.message.format_source()
    with pytest.raises(CsvReadError):
        decode_bytes(b"a", "klingon")


def test_mojibake_is_found_and_repaired():
    bad = "Fête de l'été".encode().decode("cp1252")
    assert find_mojibake(bad)
    assert repair_mojibake(bad) == "Fête de l'été"
    assert not find_mojibake("Fête de l'été, Ça, À, Élise, œuvre, « guillemets »")


# --------------------------------------------------------------------------- hand-made files

def test_windows_1252_is_decoded_right_and_reported():
    r = read_csv(CSV / "cp1252_point_virgule.csv")
    assert (r.dialect.encoding, r.dialect.delimiter, r.dialect.line_ending) == ("cp1252", ";", "CRLF")
    assert r.table.row(0) == ("Nevers", "1 200 €", "Aide à l’emploi")
    assert codes(r) == {"encoding-not-utf8", "delimiter-not-comma"}
    text = finding(r, "encoding-not-utf8").message.format_source()
    assert text == ("Le fichier est encodé en Windows-1252 et non en UTF-8 : les accents risquent de "
                    "s'afficher mal chez les réutilisateurs.")
    assert finding(r, "encoding-not-utf8").hint.format_source().startswith("Pour corriger : ")


def test_undefined_windows_1252_bytes_mean_latin_1():
    r = read_csv(CSV / "latin1_controle.csv")
    assert r.dialect.encoding == "latin-1"
    assert "ISO-8859-1" in finding(r, "encoding-not-utf8").message.format_source()


def test_title_rows_are_left_out_of_the_table_and_reported():
    r = read_csv(CSV / "titre_au_dessus.csv")
    assert r.dialect.header_row == 3
    assert r.table.header == ("beneficiaire", "montant", "annee")
    assert r.table.row_numbers == (4, 5)
    f = finding(r, "title-rows-above-header")
    assert f.rows == (1, 2) and "Subventions versées en 2016" in f.message.format_source()


def test_mojibake_cells_are_kept_and_reported():
    r = read_csv(CSV / "mojibake.csv")
    assert r.table.cell(1, 0) == "PrÃ©mery"
    f = finding(r, "mojibake")
    assert f.count == 3 and f.rows == (2, 3)
    assert "« FÃªte » au lieu de « Fête »" in f.message.format_source()


def test_blank_and_ragged_rows_are_kept_with_frictionless_row_numbers():
    r = read_csv(CSV / "lignes_vides_irregulieres.csv")
    t = r.table
    assert t.row_numbers == (2, 3, 4, 5, 6, 7)
    assert t.row(1) == ("", "", "") and t.row(3) == ("", "", "")
    assert t.row(2) == ("4", "x\r\ny", "6")
    assert t.row(4) == ("7", "8", None)
    assert dict(t.extras) == {5: ("12",)}
    assert finding(r, "blank-rows").rows == (3, 5)
    f = finding(r, "ragged-rows")
    assert f.rows == (6, 7) and "la ligne 6 en a 2" in f.message.format_source()


def test_bom_and_tabs():
    r = read_csv(CSV / "bom_tabulations.csv")
    assert r.dialect.bom and r.dialect.delimiter == "\t" and r.dialect.line_ending == "LF"
    assert r.table.header[0] == "nom"  # the BOM is not part of the first label
    assert r.table.row(0) == ("École", "01", "3,5")
    assert codes(r) == {"utf8-bom", "delimiter-not-comma", "line-ending-not-crlf"}


def test_comma_plus_space_keeps_the_spaces_but_understands_quotes():
    r = read_csv(CSV / "virgule_espace.csv")
    assert r.dialect.skip_initial_space
    assert r.table.header == ("nom", " jours", " tel")
    assert r.table.row(0) == ("Mairie", " lundi, mardi", " +33102030405")
    assert r.table.row(1) == ("Ecole", " mercredi", " ")
    f = finding(r, "leading-spaces")
    assert "« jours » précédé d'une espace, et non « jours »" in f.message.format_source()
    plain = read_csv(CSV / "virgule_espace.csv", keep_initial_spaces=False)
    assert plain.table.header == ("nom", "jours", "tel")
    assert plain.table.row(0) == ("Mairie", "lundi, mardi", "+33102030405")


def test_leading_spaces_in_some_cells_are_reported(tmp_path):
    p = tmp_path / "x.csv"
    p.write_bytes(b"nom,code\r\n Anne,1\r\nBruno,2\r\n")
    r = read_csv(p)
    assert not r.dialect.skip_initial_space
    f = finding(r, "leading-spaces")
    assert f.count == 1 and f.rows == (2,)


def test_pipe_and_old_mac_line_endings():
    r = read_csv(CSV / "barres_cr.csv")
    assert (r.dialect.delimiter, r.dialect.line_ending) == ("|", "CR")
    assert r.table.nrows == 2


def test_mixed_line_endings():
    assert read_csv(CSV / "fins_melangees.csv").dialect.line_ending == "mixed"


def test_unclosed_quote_is_reported():
    r = read_csv(CSV / "guillemet_non_ferme.csv")
    assert "unbalanced-quotes" in codes(r)


def test_duplicate_and_empty_labels():
    r = read_csv(CSV / "en_tete_en_double.csv")
    assert {"duplicate-header-label", "empty-header-label"} <= codes(r)


def test_excel_unicode_text_export():
    r = read_csv(CSV / "excel_utf16.csv")
    assert r.dialect.encoding == "utf-16" and r.dialect.delimiter == "\t"
    assert r.table.row(0) == ("Été", "1")
    assert "UTF-16" in finding(r, "encoding-not-utf8").message.format_source()


def test_a_quality_file_has_no_finding():
    r = read_csv(CSV / "quality.csv")
    assert r.findings == ()
    assert r.table.row(1) == ("Mairie", "02", 'dit "oui"')


def test_header_only_is_a_table_without_rows():
    r = read_csv(CSV / "entete_seul.csv")
    assert r.table.header == ("nom", "code") and r.table.nrows == 0
    assert codes(r) == {"no-data-rows"}


def test_overrides_and_preview(tmp_path):
    p = tmp_path / "x.csv"
    p.write_bytes(b"a;b\r\n1;2\r\n3;4\r\n5;6\r\n")
    assert read_csv(p, delimiter=",").table.header == ("a;b",)
    assert read_csv(p, max_rows=2).table.row_numbers == (2, 3)
    assert read_csv(p, encoding="cp1252").dialect.encoding == "cp1252"


# --------------------------------------------------------------------------- files that cannot be read

@pytest.mark.parametrize(("data", "words"), [
    (b"", "vide"),
    (b"\r\n\r\n  \n", "vide"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "octets nuls"),
    (b"PK\x03\x04\x14\x00\x06\x00", "classeur"),
    (b"%PDF-1.7\n", "PDF"),
])
def test_unreadable_files_raise_a_french_error(tmp_path, data, words):
    p = tmp_path / "f.csv"
    p.write_bytes(data)
    with pytest.raises(CsvReadError) as e:
        read_csv(p)
    assert words in e.value.message.format_source()
    assert e.value.path == str(p)


def test_missing_file_raises_a_french_error(tmp_path):
    with pytest.raises(CsvReadError) as e:
        read_csv(tmp_path / "absent.csv")
    assert e.value.message.format_source() == "Impossible de lire le fichier « absent.csv » : fichier ou dossier introuvable."


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300) | st.text(alphabet=',;\t|" \r\naé\x00Ã©x', max_size=200).map(str.encode))
def test_strange_bytes_never_crash(data):
    try:
        r = read_text(decode_bytes(data))
    except CsvReadError:
        return
    assert r.table.ncols >= 1
    quality_csv_text(r.table)
    # the reader's own leading-space verdict is the one found by looking at every cell
    from game.core.csvquality import _any_leading_space

    if not r.dialect.skip_initial_space:
        assert ("leading-spaces" in codes(r)) == _any_leading_space(r.table)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=',;"ab \r\n\x0c\u2028', max_size=120), st.sampled_from([",", ";"]))
def test_fast_record_cutting_gives_what_the_csv_module_gives(text, delimiter):
    """The fast path (``str.split`` on lines without quotes) reads every text exactly as
    ``csv.reader`` does: quoted cells over several lines, blank lines, stray quotes, odd breaks."""
    import csv
    import io

    from game.storage.csvfile import _records

    expected = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, quotechar='"'))
    assert list(_records(text, delimiter, '"')) == expected


# --------------------------------------------------------------------------- writing

def test_quality_csv_round_trip(tmp_path):
    for name in ("cp1252_point_virgule.csv", "bom_tabulations.csv", "quality.csv", "barres_cr.csv"):
        first = read_csv(CSV / name)
        out = tmp_path / name
        write_quality_csv(first.table, out)
        again = read_csv(out)
        assert again.table == first.table, name
        assert again.findings == (), name
        raw = out.read_bytes()
        assert not raw.startswith(b"\xef\xbb\xbf") and raw.count(b"\r\n") == raw.count(b"\n")


def test_writer_quotes_only_where_needed(tmp_path):
    t = Table.from_rows(["nom", "note"], [["a, b", 'dit "oui"'], ["x\ny", "simple"], ["", None]])
    assert quality_csv_text(t) == 'nom,note\r\n"a, b","dit ""oui"""\r\n"x\ny",simple\r\n,\r\n'


def test_extras_are_kept_unless_asked(tmp_path):
    r = read_csv(CSV / "lignes_vides_irregulieres.csv")
    assert quality_csv_text(r.table).endswith("9,10,11,12\r\n")
    assert quality_csv_text(r.table, drop_extras=True).endswith("9,10,11\r\n")
    write_quality_csv(r.table, tmp_path / "o.csv", drop_extras=True)
    # missing cells are written empty and extras dropped: no ragged row left, blank rows still there
    assert codes(read_csv(tmp_path / "o.csv")) == {"blank-rows"}


def test_comma_plus_space_file_becomes_plain_commas_when_read_without_spaces(tmp_path):
    r = read_csv(CSV / "virgule_espace.csv", keep_initial_spaces=False)
    write_quality_csv(r.table, tmp_path / "o.csv")
    assert (tmp_path / "o.csv").read_bytes() == b'nom,jours,tel\r\nMairie,"lundi, mardi",+33102030405\r\nEcole,mercredi,\r\n'


# --------------------------------------------------------------------------- the SCDL files, against frictionless

def test_scdl_copies_are_unchanged():
    sums = dict(
        (path, digest) for digest, path in
        re.findall(r"^([0-9a-f]{64})  (\S+\.csv)$", (SCDL / "README.md").read_text(encoding="utf-8"), re.M)
    )
    assert len(sums) == len(SCDL_FILES) == 13
    for p in SCDL_FILES:
        assert hashlib.sha256(p.read_bytes()).hexdigest() == sums[p.relative_to(SCDL).as_posix()]


EXPECTED = {  # from ../shared/reference/scdl/README.md "Byte-level facts"
    "subventions/reels-2018/DEP_Nievre_CD58_SUBVENTIONS_2016_LISTE.csv": ("cp1252", ",", "CRLF"),
    "subventions/reels-2018/SCDL_DEP_Haute-Garonne_datalocale-subvention.csv": ("utf-8", ";", "CRLF"),
    "prenoms/DIGNE-PRENOMS-2017.csv": ("utf-8", ",", "CRLF"),
}


def _our_cells(table: Table) -> list[list[str]]:
    rows = []
    for r, row in enumerate(table.rows()):
        cells = [c for c in row if c is not None] + list(table.extras.get(r, ()))
        rows.append([] if not any(cells) else cells)
    return rows


@pytest.mark.parametrize("path", SCDL_FILES, ids=lambda p: p.relative_to(SCDL).as_posix())
def test_same_reading_as_frictionless(path):
    frictionless = pytest.importorskip("frictionless")
    rel = path.relative_to(SCDL).as_posix()
    ours = read_csv(path, keep_initial_spaces=False)  # frictionless drops the spaces of "comma + space"
    resource = frictionless.Resource(str(path))
    resource.infer()
    control = resource.dialect.get_control("csv")
    with frictionless.Resource(str(path)) as res:
        cells = list(res.read_cells())

    # encoding: frictionless names the Nièvre file ISO-8859-1; it has no byte in 0x80-0x9F, where
    # the two differ, so both give the same text; a French office file comes from Windows: we say
    # Windows-1252 (the README's reading), which also decodes €, ’ and œ right when they appear.
    theirs = {"iso8859-1": "cp1252", "latin-1": "cp1252"}.get(resource.encoding, resource.encoding)
    assert ours.dialect.encoding == theirs
    assert ours.dialect.delimiter == control.delimiter
    assert ours.dialect.skip_initial_space == bool(control.skip_initial_space)
    assert ours.dialect.header_row == 1 and resource.dialect.header_rows == [1]
    assert list(ours.table.header) == cells[0]
    assert ours.table.nrows == len(cells) - 1
    assert _our_cells(ours.table) == cells[1:]

    default = read_csv(path)  # the learner's reading keeps the spaces, and says so
    assert [h.strip() for h in default.table.header] == cells[0]
    if ours.dialect.skip_initial_space:
        assert "leading-spaces" in codes(default)
    if rel in EXPECTED:
        assert (ours.dialect.encoding, ours.dialect.delimiter, ours.dialect.line_ending) == EXPECTED[rel]


def test_frictionless_takes_a_title_line_for_the_header_we_do_not():
    frictionless = pytest.importorskip("frictionless")
    path = CSV / "titre_au_dessus.csv"
    with frictionless.Resource(str(path)) as res:
        assert res.labels == ["Subventions versées en 2016"]  # and ';' goes undetected
    assert read_csv(path).table.header == ("beneficiaire", "montant", "annee")


# --------------------------------------------------------------------------- speed (printed, not asserted)

def _big_csv(path: Path, rows: int = 100_000, cols: int = 16) -> None:
    rnd = random.Random(1)
    words = ["Nevers", "Prémery", "Association des amis", "1 200,50", "2016-05-12", "", "Comité, des fêtes"]
    lines = [",".join(f"col{c}" for c in range(cols))]
    for _ in range(rows):
        cells = [rnd.choice(words) for _ in range(cols)]
        lines.append(",".join(f'"{v}"' if "," in v else v for v in cells))
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-8"))


def test_reads_100000_rows_of_16_columns(tmp_path, capsys):
    p = tmp_path / "big.csv"
    _big_csv(p)
    start = time.perf_counter()
    r = read_csv(p)
    elapsed = time.perf_counter() - start
    assert r.table.nrows == 100_000 and r.table.ncols == 16 and r.findings == ()
    with capsys.disabled():
        print(f"\nread_csv: 100,000 rows x 16 columns ({p.stat().st_size / 1e6:.1f} MB) in {elapsed * 1000:.0f} ms")
