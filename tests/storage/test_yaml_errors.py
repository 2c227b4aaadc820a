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


#: what PyYAML said in English before (« Erreur de syntaxe YAML (found unknown directive name). »)
RARER = {
    "directive": ("%FOO bar\n---\nid: a\n", "1:5", "une ligne qui commence par « % » est lue comme une directive",
                  "Un texte qui commence par « % »"),
    "yaml-version": ("%YAML 2.0\n---\nid: a\n", "1:1", "une ligne qui commence par « % »", "Un texte qui commence"),
    "three-dots": ("id: a\n...\ntitle: b\n", "3:1", "une ligne « ... » termine le document", "Retirez la ligne « ... »"),
    "dashes-in-quotes": ('text: "a\n---\nb"\n', "1:7", "une ligne « --- » ou « ... » se trouve au milieu",
                         "Écrivez ce texte sans ligne"),
    "text-after-pipe": ("text: |x\n  b\n", "1:8", "après « | » ou « > », le texte commence à la ligne suivante",
                        "Passez à la ligne après « | »"),
    "dash-after-key": ("text: - 10 %\n", "1:7", "un tiret « - » de liste suit une clé", "Passez à la ligne"),
    "empty-in-flow": ("choices: [a, , b]\n", "1:14", "une valeur manque", "Retirez la virgule en trop"),
    "unknown-tag": ("text: !important lire\n", "1:7", "une valeur commence par « ! »", "Retirez l'indication « !… »"),
    "bad-tag": ("text: !<x>y\n", "1:7", "une valeur commence par « ! »", "Retirez l'indication"),
    "typed-set": ("choices: !!set [a]\n", "1:10", "une valeur commence par « ! »", "Retirez l'indication"),
    "hex-escape": ('text: "\\xZZ"\n', "1:10", "une barre oblique inverse", "Doublez la barre oblique"),
    "merge-key": ("a:\n  <<: 1\n", "2:7", "une clé « << » fusionne", "Pour une clé qui s'appelle vraiment"),
    "same-anchor": ("- &a x\n- &a y\n", "2:3", "deux valeurs commencent par le même « &nom »", "Mettez ces valeurs"),
}


@pytest.mark.parametrize("name", sorted(RARER))
def test_rarer_syntax_errors_are_explained_in_french_too(name):
    text, where, message, hint = RARER[name]
    p = _problem(text)
    assert p.where == f"scenario.yaml:{where}"
    assert p.message.format_source().startswith(SYNTAX + message), p.message.format_source()
    assert p.hint is not None and p.hint.format_source().startswith(hint)


@pytest.mark.parametrize(("text", "where", "code"), [
    ("id: a\ntitle: Bon\x00jour\n", "2:11", "0000"),
    ("id: é\ntitle: \x07\n", "2:8", "0007"),  # the position libyaml gives counts bytes: « é » is two
    ("titre: 東京\nx: \x0b\n", "2:4", "000B"),
    ("a: \ufffe\n", "1:4", "FFFE"),
])
def test_an_invisible_character_yaml_refuses_is_said_in_french_where_it_is(text, where, code):
    p = _problem(text)
    assert p.where == f"scenario.yaml:{where}"
    assert p.message.format_source() == f"Le fichier contient un caractère invisible que YAML refuse (U+{code})."
    assert p.hint.format_source().startswith("Supprimez-le")


@pytest.mark.parametrize(("text", "where", "message"), [
    ("id: a\ndate: 2024-13-45\n", "2:7", "« 2024-13-45 » s'écrit comme une date, mais cette date n'existe pas."),
    ("a:\n  - 2023-02-29\n", "2:5", "« 2023-02-29 » s'écrit comme une date, mais cette date n'existe pas."),
    ("a: 2001-02-03T25:00:00\n", "1:4", "« 2001-02-03T25:00:00 » s'écrit comme une date, mais cette date n'existe pas."),
    ("a: !!int abc\n", "1:4", "« abc » ne peut pas être lu comme une valeur de type « int »."),
    ("a: !!float abc\n", "1:4", "« abc » ne peut pas être lu comme une valeur de type « float »."),
    ("a: !!bool peut-être\n", "1:4", "« peut-être » ne peut pas être lu comme une valeur de type « bool »."),
    ("a: !!timestamp hier\n", "1:4", "« hier » s'écrit comme une date, mais cette date n'existe pas."),
    ("a: 1" + "0" * 5000 + "\n", "1:4", "« 1" + "0" * 38 + "… » ne peut pas être lu comme une valeur de type « int »."),
])
def test_a_value_its_yaml_type_cannot_hold_is_a_french_problem_not_a_traceback(text, where, message):
    p = _problem(text)  # before: ValueError, KeyError or AttributeError out of PyYAML
    assert p.where == f"scenario.yaml:{where}"
    assert p.message.format_source() == message
    assert p.hint.format_source().startswith("Corrigez la valeur, ou mettez-la entre guillemets")
