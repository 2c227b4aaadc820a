"""``explorateurs check --coverage [PATH…] [--format json]``: the campaign's coverage table.

For each scenario (default: the shipped ones, in campaign order) the reference path is played
headless, as ``explorateurs simulate SCENARIO --reference`` plays it, and the evidence the game
records is counted per competency of the framework (:mod:`game.core.coverage`): the items per
scenario, the total, and whether the campaign rule holds (at least 3 graded items from at least 2
scenarios). A competency that falls short gets a French warning.

Exit code: 0 when the rule holds for every competency, 1 when one falls short or a scenario cannot
be played, 2 when a path given does not exist or no scenario is found.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from game.i18n import Translator

if TYPE_CHECKING:
    from game.core.coverage import Coverage
    from game.core.framework import Framework
    from game.core.levels import Evidence
    from game.storage.scenarios import LoadedScenario


def _playable(paths: list[Path], tr: Translator, err: TextIO) -> tuple[list[LoadedScenario], bool, bool]:
    """The scenarios to count, in campaign order; whether a path was missing; whether one was unplayable."""
    from game.cli.checks import _resolve, _text_line
    from game.play.services import library_key
    from game.storage.library import load_library
    from game.storage.scenarios import builtin_scenarios_dir

    found = [(p, _resolve(p)) for p in paths]
    missing = [p for p, where in found if where is None]
    for path in missing:
        print(tr.gettext("Chemin introuvable : {path}").format(path=path), file=err)
    given = [where for _p, where in found if where is not None]
    loaded = load_library(given if paths else [builtin_scenarios_dir()])
    broken = False
    for item in loaded:
        if item.scenario is None or not item.valid:
            broken = True
            for p in item.problems:
                print(_text_line(p, tr), file=err)
            print(tr.gettext("{path} : scénario non joué (corrigez d'abord ce que « explorateurs check » signale).")
                  .format(path=item.shown or item.path), file=err)
    ok = [item for item in loaded if item.scenario is not None and item.valid]
    ok.sort(key=lambda item: library_key(item.folder_id, item.scenario))
    return ok, bool(missing), broken


def _evidence(item: LoadedScenario, tr: Translator) -> tuple[Framework, list[Evidence]]:
    """The framework and the evidence of ``item``'s reference path (raises what the simulation raises)."""
    from game.cli.simulate import Simulation
    from game.core.assessment import evidence_from

    with Simulation(item, tr.language) as sim:
        sim.play_reference()
        fw = sim.framework()
        recorded = sim.store.statements(registration=sim.registration)
    # what the path records, also for a competency the debrief does not show (too little of it there)
    return fw, evidence_from(recorded, item.scenario)


def measure(items: list[LoadedScenario], tr: Translator, err: TextIO) -> tuple[Coverage, dict[str, str], bool]:
    """The coverage of ``items``; each competency's title; whether a reference path could not be played."""
    from game.cli.simulate import _detail
    from game.core.coverage import coverage

    evidence: dict[str, list[Evidence]] = {}
    competencies: list[str] = []
    titles: dict[str, str] = {}
    failed = False
    for item in items:
        sc = item.scenario
        assert sc is not None
        try:
            fw, found = _evidence(item, tr)
        except Exception as e:  # noqa: BLE001 - a trainer gets a French line, never a traceback
            failed = True
            print(tr.gettext("{scenario} : le parcours de référence ne se joue pas ({detail}) : lancez "
                             "« explorateurs check » sur ce scénario.").format(scenario=sc.id, detail=_detail(e, tr)),
                  file=err)
            continue
        for c in fw.competencies:
            if c.id not in titles:
                competencies.append(c.id)
                titles[c.id] = c.title.get(tr.language)
        evidence[sc.id] = found
    return coverage(competencies, evidence), titles, failed


def to_json(cov: Coverage, titles: dict[str, str], tr: Translator) -> dict[str, Any]:
    from game.core.coverage import MIN_ITEMS, MIN_SCENARIOS, shortfall

    return {
        "scenarios": list(cov.scenarios),
        "rule": {"min_items": MIN_ITEMS, "min_scenarios": MIN_SCENARIOS},
        "holds": cov.holds,
        "competencies": [{
            "competency": r.competency, "title": titles.get(r.competency, ""),
            "per_scenario": dict(zip(cov.scenarios, r.counts, strict=True)), "total": r.total,
            "scenarios": r.scenarios, "holds": r.holds,
            "warning": None if r.holds else tr.render(shortfall(r)),
            "items": [{"scenario": i.scenario, "step": i.step, "kind": i.kind, "item": i.item} for i in r.items],
        } for r in cov.rows],
    }


def _table(cov: Coverage, tr: Translator, out: TextIO) -> None:
    from game.core.coverage import MIN_ITEMS, MIN_SCENARIOS, shortfall

    yes, no = tr.gettext("oui"), tr.gettext("NON")
    head = [tr.gettext("Compétence"), *cov.scenarios, tr.gettext("Total"), tr.gettext("Scénarios"), tr.gettext("Règle")]
    rows = [[r.competency, *map(str, r.counts), str(r.total), str(r.scenarios), yes if r.holds else no] for r in cov.rows]
    widths = [max(len(row[i]) for row in [head, *rows]) for i in range(len(head))]

    def line(cells: list[str]) -> str:
        first = cells[0].ljust(widths[0])
        return "  ".join([first, *(c.rjust(w) for c, w in zip(cells[1:], widths[1:], strict=True))]).rstrip()

    print(tr.gettext("Éléments notés sur les parcours de référence, par compétence et par scénario "
                     "(règle de la campagne : au moins {min} éléments venant d'au moins {scenarios} scénarios)")
          .format(min=MIN_ITEMS, scenarios=MIN_SCENARIOS), file=out)
    print(line(head), file=out)
    for row in rows:
        print(line(row), file=out)
    for r in cov.short:
        print(tr.gettext("avertissement : {message}").format(message=tr.render(shortfall(r))), file=out)
    if cov.holds:
        print(tr.ngettext("Règle de la campagne respectée pour {n} compétence.",
                          "Règle de la campagne respectée pour les {n} compétences.", len(cov.rows))
              .format(n=len(cov.rows)), file=out)
    else:
        print(tr.ngettext("Règle de la campagne non respectée pour {short} compétence sur {n}.",
                          "Règle de la campagne non respectée pour {short} compétences sur {n}.", len(cov.short))
              .format(short=len(cov.short), n=len(cov.rows)), file=out)


def run(paths: list[Path], tr: Translator, fmt: str = "text", out: TextIO | None = None,
        err: TextIO | None = None) -> int:
    out, err = out or sys.stdout, err or sys.stderr
    items, missing, broken = _playable(paths, tr, err)
    if not items:
        if not broken and not missing:
            print(tr.gettext("Aucun scénario trouvé."), file=err)
        return 2 if missing or not broken else 1
    cov, titles, failed = measure(items, tr, err)
    if fmt == "json":
        print(json.dumps(to_json(cov, titles, tr), ensure_ascii=False, indent=2), file=out)
    else:
        _table(cov, tr, out)
    if missing:
        return 2
    return 0 if cov.holds and not broken and not failed else 1
