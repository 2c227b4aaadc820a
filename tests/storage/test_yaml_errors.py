"""A YAML syntax error is explained in French, with how to fix it, where the fix goes: in
``explorateurs check`` (text and JSON) and on the trainer's preview screen alike."""

from __future__ import annotations

import json

import pytest

from game.cli import main
from game.storage.yamlerrors import explain
from game.storage.yamlfile import parse_yaml

SYNTAX = "Erreur de syntaxe YAML : "

#: broken YAML: (line:col of the problem, start of the French message, start of the hint)
CASES = {
    "colon-in-text": ("feedback: Attention : relisez\n", "1:21", "« : » inattendu.",
                      'Un « : » suivi d\'une espace dans une valeur non entre guillemets : mettez la valeur entre '
                      'guillemets, par exemple feedback: "Attention : …".'),
    "key-too-deep": ("id: a\n  title: b\n", "2:8", "« : » inattendu.", "Un « : » suivi d'une espace"),
    "tab-indent": ("steps:\n\t- id: a\n", "2:1", "une tabulation sert d'indentation",
                   "Remplacez les tabulations par des espaces (2 par niveau)."),
    "tab-in-block": ("a:\n  b: 1\n\t c: 2\n", "3:1", "une tabulation sert d'indentation", "Remplacez les tabulations"),
    "missing-colon": ("lines:\n  - who: a\n    text\n    b: 1\n", "3:5", "il manque « : » après une clé",
                      "Ajoutez « : » après la clé"),
    "misaligned-key": ("steps:\n  - id: x\n    title: Un\n   kind: quiz\n", "4:4",
                       "cette ligne n'est pas alignée sur les clés de même niveau.", "Alignez-la"),
    "misaligned-dash": ("a:\n  - b\n - c\n", "3:2", "un élément de liste n'est pas aligné",
                        "Alignez les tirets « - »"),
    "text-after-quote": ('title: "Bonjour" à tous\n', "1:18", "du texte suit une valeur déjà refermée",
                         "Mettez tout le texte entre les guillemets"),
    "star": ("text: *important\n", "1:7", "une valeur commence par « * »",
             'Mettez la valeur entre guillemets, par exemple text: "* important".'),
    "unclosed-quote": ('id: a\ntitle: "Bonjour\nsummary: b\n', "2:8", "un guillemet ouvert ici n'est jamais refermé.",
                       "Refermez-le à la fin du texte."),
    "unclosed-bracket": ("competencies: [A1, B2\nsteps: []\n", "1:15", "une liste entre crochets",
                         "Refermez le crochet"),
    "star-star": ("text: *important*\n", "1:7", "une valeur commence par « & » ou « * »",
                  "Mettez la valeur entre guillemets"),
    "bracket-then-text": ("title: [brouillon] Mon titre\n", "1:20", "du texte suit une valeur déjà refermée",
                          "Mettez tout le texte entre les guillemets"),
    "bracket-key": ("- [brouillon]: x\n", "1:3", "une clé ne peut pas être une liste",
                    "Un texte qui commence par un crochet"),
    "at-sign": ("contact: @mairie\n", "1:10", "une valeur ne peut pas commencer par « @ » sans guillemets.",
                'Mettez la valeur entre guillemets, par exemple text: "@…".'),
    "backslash": ('text: "C:\\dossier"\n', "1:10", "une barre oblique inverse", "Doublez la barre oblique"),
    "two-documents": ("id: a\n---\nid: b\n", "2:1", "une ligne « --- » commence un second document",
                      "Retirez la ligne « --- » indiquée"),
}


def _problem(text):
    doc, problems = parse_yaml(text, "scenario.yaml")
    assert doc is None and len(problems) == 1
    return problems[0]


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_common_syntax_error_is_explained_in_french_with_a_fix(name):
    text, where, message, hint = CASES[name]
    p = _problem(text)
    assert p.where == f"scenario.yaml:{where}"
    assert p.message.format_source().startswith(SYNTAX + message)
    assert p.message.format_source().endswith(".")
    assert p.hint is not None and p.hint.format_source().startswith(hint)


@pytest.mark.parametrize(("problem", "context"), [
    ("mapping values are not allowed here", ""),  # PyYAML's own parser words some differently
    ("found character '\\t' that cannot start any token", "while scanning for the next token"),
    ("expected <block end>, but found '<block mapping start>'", "while parsing a block mapping"),
    ("found unexpected end of stream", "while scanning a quoted scalar"),
    ("found unhashable key", "while constructing a mapping"),
])
def test_the_wording_of_pyyaml_s_pure_python_parser_is_explained_too(problem, context):
    why = explain(problem, context, "")
    assert why.message.msgid != explain("found something new", "", "").message.msgid
    assert problem not in why.message.format_source()


def test_an_unknown_problem_keeps_pyyaml_s_words_and_still_gets_a_hint():
    why = explain("found something new", "", "")
    assert why.message.format_source() == SYNTAX.rstrip(" :") + " (found something new)."
    assert why.hint.format_source().startswith("Vérifiez la ligne indiquée et celle d'avant")


def test_a_duplicate_key_says_how_to_fix_it():
    doc, problems = parse_yaml("id: a\nid: b\n", "scenario.yaml")
    assert doc is not None and [p.where for p in problems] == ["scenario.yaml:2:1"]
    assert problems[0].hint.format_source().startswith("Gardez-en une seule")


def test_check_prints_the_french_message_and_its_hint_in_text_and_json(tmp_path, capsys):
    folder = tmp_path / "essai"
    folder.mkdir()
    (folder / "scenario.yaml").write_text("id: essai\ntitle: Essai\nsummary: Attention : relisez\n", encoding="utf-8")
    assert main(["check", str(folder)]) == 1
    out = capsys.readouterr().out
    assert ("essai/scenario.yaml:3:20: Erreur de syntaxe YAML : « : » inattendu. Dans une valeur écrite sans "
            "guillemets, « : » suivi d'une espace commence une nouvelle clé. Un « : » suivi d'une espace") in out
    assert "mapping values" not in out
    assert main(["check", "--format", "json", str(folder)]) == 1
    [item] = json.loads(capsys.readouterr().out)
    assert (item["line"], item["column"], item["severity"], item["code"]) == (3, 20, "error", "yaml")
    assert item["hint"].startswith("Un « : » suivi d'une espace dans une valeur non entre guillemets")


def test_the_preview_screen_shows_the_same_message_and_hint():
    from game.scenes.preview import problem_line

    p = _problem("feedback: Attention : relisez\n")
    line = problem_line(p)
    assert line.startswith("scenario.yaml:1:21 : " + SYNTAX + "« : » inattendu.")
    assert "nouvelle clé. Un « : » suivi d'une espace" in line
