"""``explorateurs check [PATH…] [--format json]``: every problem of the scenarios, for trainers and tools.

A PATH is a scenario folder, a ``scenario.yaml``, a ``.zip`` pack or a folder of them; a bare name
that is no path here is looked for among the shipped scenarios and the user's (``explorateurs new
essai`` then ``explorateurs check essai``).

Each problem has ``file:line:col``, a message in the active language and, when there is one, a
hint. Errors make a scenario unplayable (the game refuses it); warnings (a step no path reaches, a
competency claimed but never assessed, a fact without a source…) leave it playable. The exit code
is 0 only when every scenario is clean: 1 with any error or warning, 2 when a path given does not
exist or no scenario is found.

``--format json`` prints one JSON document on stdout: a list of ``{file, line, column, severity,
code, message, hint}`` (``line``/``column``/``hint`` are null when unknown; ``severity`` is
``error`` or ``warning`` whatever the language; ``code`` is a stable rule id, see :data:`CODES`).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from game.core.problems import ERROR, Problem
from game.i18n import Translator

if TYPE_CHECKING:
    from game.storage.scenarios import LoadedScenario

#: The rule ids a problem may carry, and what each one checks.
CODES = {
    "yaml": "YAML syntax, encoding, duplicate keys",
    "schema": "the file does not follow scenarios/scenario.schema.json",
    "timer": "a timer was asked for: the game has none, on purpose (WCAG 2.2.1)",
    "image": "an image was asked for: scenarios show none, everything is text",
    "unknown-reference": "a step, character, source, dataset, schema, operation, competency… that does not exist",
    "broken-link": "a next, consequence or blame that names no step",
    "loop": "a link back to a step already played: the game keeps the answers, the loop never ends",
    "unreachable-step": "a step no path reaches",
    "content": "an inconsistency in the scenario (duplicate id, question without a right answer…)",
    "clean-reference": "a clean step whose reference recipe does not reach the goal",
    "publish-reference": "a publish step whose reference metadata miss full marks",
    "reuse-reference": "a reuser's question the reference path cannot answer",
    "unassessed-competency": "a competency the scenario claims but no graded item assesses",
    "insufficient-evidence": "a claimed competency a run without mistakes meets in fewer graded items than the framework's min_evidence",
    "unsourced-fact": "a text citing a legal text or an authority without a source",
    "missing-translation": "a text a catalog locales/<lang>/LC_MESSAGES/scenario.po leaves untranslated (or fuzzy)",
    "stale-translation": "a catalog entry whose source text is no longer in the scenario",
    "unreadable-translation": "a catalog that cannot be read (the scenario plays in its own language)",
    "pack": "a .zip scenario pack refused: path outside the pack, symlink, size or file-count limit, not a zip",
    "duplicate-id": "a scenario whose id another one found earlier already has (the shipped ones come first)",
    "limit": "a file past the documented limits: scenario file size, nesting, YAML aliases or values; dataset size or rows; schema size",
    "unsafe-path": "a path that would read outside the scenario folder (.., absolute, drive letter, UNC), or a symbolic link",
}
DEFAULT_CODE = "content"


def _json_item(p: Problem, tr: Translator) -> dict[str, Any]:
    return {"file": p.file, "line": p.line or None, "column": p.col or None, "severity": p.severity,
            "code": p.code or DEFAULT_CODE, "message": tr.render(p.message),
            "hint": tr.render(p.hint) if p.hint is not None else None}


def _sentence(text: str) -> str:
    """``text`` ending like a sentence, so that the hint after it reads as a new one."""
    text = text.rstrip()
    return text if not text or text[-1] in ".?!…" else text + "."


def _text_line(p: Problem, tr: Translator) -> str:
    text = tr.render(p.message)
    if p.hint is not None:
        text = _sentence(text) + " " + tr.render(p.hint)
    if p.severity != ERROR:
        text = tr.gettext("avertissement : {message}").format(message=text)
    return f"{p.where}: {text}" if p.where else text


def _resolve(path: Path) -> Path | None:
    """``path`` when it exists; a bare name is also looked for among the shipped scenarios and the
    user's (``explorateurs new essai && explorateurs check essai``); None: nowhere."""
    from game.storage.scenarios import SCENARIO_FILE, default_scenario_dirs

    if path.exists():
        return path
    if len(path.parts) == 1:
        for folder in default_scenario_dirs():
            if (folder / path.name / SCENARIO_FILE).is_file():
                return folder / path.name
    return None


def run(paths: list[Path], tr: Translator, fmt: str = "text", out: TextIO | None = None, err: TextIO | None = None) -> int:
    from game.authoring.check import load_all
    from game.storage.scenarios import default_scenario_dirs

    out, err = out or sys.stdout, err or sys.stderr
    found = [(p, _resolve(p)) for p in paths]
    missing = [p for p, where in found if where is None]
    for path in missing:
        print(tr.gettext("Chemin introuvable : {path}").format(path=path), file=err)
    given = [where for _p, where in found if where is not None]
    loaded = load_all(given if paths else default_scenario_dirs())  # shipped + <data_dir>/scenarios
    if fmt == "json":
        items = [_json_item(p, tr) for item in loaded for p in sorted(item.problems + item.warnings, key=lambda p: (p.line, p.col))]
        print(json.dumps(items, ensure_ascii=False, indent=2), file=out)
    else:
        _report(loaded, tr, out, err)
    if not loaded and not missing:
        print(tr.gettext("Aucun scénario trouvé."), file=err)
    if not loaded or missing:
        return 2
    return 1 if any(not item.clean for item in loaded) else 0


def _report(loaded: list[LoadedScenario], tr: Translator, out: TextIO, err: TextIO) -> None:
    """Each problem as ``file:line:col: message hint``, then the counts."""
    if not loaded:
        return
    bad = sum(not item.valid for item in loaded)
    warned = sum(item.valid and not item.clean for item in loaded)
    for item in loaded:
        if item.clean:
            print(tr.gettext("OK      {path}").format(path=item.shown or item.path), file=out)
            continue
        for p in sorted(item.problems + item.warnings, key=lambda p: (p.line, p.col)):
            print(_text_line(p, tr), file=out)
        untranslated = sum(p.code == "missing-translation" for p in item.warnings)
        if untranslated > 1:  # a fresh catalogue: one line per text above, the count here
            print(tr.ngettext("{path} : {n} texte sans traduction (détail ci-dessus).",
                              "{path} : {n} textes sans traduction (détail ci-dessus).", untranslated)
                  .format(path=item.shown or item.path, n=untranslated), file=out)
    total = len(loaded)
    if bad:
        print(tr.ngettext("{bad} scénario invalide sur {total}.", "{bad} scénarios invalides sur {total}.", bad)
              .format(bad=bad, total=total), file=err)
    if warned:
        print(tr.ngettext("{warned} scénario jouable mais avec des avertissements, sur {total}.",
                          "{warned} scénarios jouables mais avec des avertissements, sur {total}.", warned)
              .format(warned=warned, total=total), file=err)
    if not bad and not warned:
        print(tr.ngettext("{total} scénario valide.", "{total} scénarios valides.", total).format(total=total), file=out)
