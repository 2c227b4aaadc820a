"""``explorateurs report`` (the trainer's group report) and ``explorateurs group new`` (a workshop code).

The report is built from any mix of desks' save files, JSONL exports and the LRS, then written as a
self-contained HTML page and a CSV for French Excel. The same writer serves the learner's own report
(debrief button, ``Services.save_learner_report``): see :mod:`game.services.reports`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from game.cli.terminal import visible
from game.i18n import Translator

if TYPE_CHECKING:
    from game.core.messages import Message


def options(sub: Any) -> None:
    rep = sub.add_parser("report", help="rapport d'un atelier (HTML autonome + CSV pour Excel) : participants, "
                         "niveaux par compétence, erreurs fréquentes, besoins de formation")
    who = rep.add_mutually_exclusive_group(required=True)
    who.add_argument("--group", metavar="CODE", help="code de l'atelier")
    who.add_argument("--learner", metavar="PSEUDO", help="rapport personnel d'un·e apprenant·e")
    rep.add_argument("--store", metavar="FICHIER", type=Path, action="append", default=[],
                     help="fichier de sauvegarde d'un poste (explorateurs.sqlite3), répétable")
    rep.add_argument("--jsonl", metavar="FICHIER", type=Path, action="append", default=[],
                     help="relevés exportés par « records export », répétable")
    rep.add_argument("--lrs", action="store_true", help="lire aussi les relevés de l'atelier dans le LRS configuré")
    rep.add_argument("--lrs-endpoint", metavar="URL", help="LRS à interroger (sinon la configuration habituelle)")
    rep.add_argument("--lrs-user", metavar="NOM", help=argparse.SUPPRESS)
    rep.add_argument("--lrs-password", metavar="MOT_DE_PASSE", help=argparse.SUPPRESS)
    rep.add_argument("--scenarios", type=Path, action="append", default=[], help="dossier de scénarios supplémentaire")
    rep.add_argument("-o", "--output", metavar="DOSSIER", type=Path, default=Path("."),
                     help="dossier où écrire rapport-<code>.html et .csv (par défaut : le dossier courant)")
    rep.add_argument("--data-dir", metavar="DIR", default=argparse.SUPPRESS, help="dossier des données du jeu")
    expected = rep.add_mutually_exclusive_group()
    expected.add_argument("--expected", metavar="PSEUDOS", help="pseudonymes attendus à l'atelier, séparés par des "
                          "virgules (ex. « Camille,Léa,Yann »), ou @FICHIER (un par ligne) : le rapport nomme les "
                          "absent·es (sans tenir compte des majuscules ni des accents)")
    expected.add_argument("--expected-count", metavar="N", type=int, help="nombre de participant·es attendu·es : le "
                          "rapport dit combien de postes manquent")
    grp = sub.add_parser("group", help="préparer un atelier : un code à donner aux apprenant·es")
    gsub = grp.add_subparsers(dest="group_command", required=True, metavar="{new}")
    gnew = gsub.add_parser("new", help="tirer un nouveau code d'atelier (ex. K7M-4QX), ou vérifier celui que vous "
                           "choisissez (ex. RENNES-2026)")
    gnew.add_argument("code", nargs="?", help="votre propre code : lettres, chiffres et tirets, de 3 à 20 caractères")
    gnew.add_argument("--mode", choices=("entrainement", "evaluation"), help="evaluation : un code qui finit par "
                      "« -EVAL » ; sur chaque poste où il est saisi, la première réponse compte (par défaut : "
                      "entrainement, l'apprenant·e peut réessayer)")


def group_new(tr: Translator, chosen: str | None = None, mode: str | None = None) -> int:
    from game.core.groups import new_group_code, normalize_group
    from game.core.messages import Message
    from game.core.modes import ASSESSMENT, assessment_code, group_mode, parse_mode

    code = normalize_group(chosen) if chosen else new_group_code()
    wanted = parse_mode(mode) if mode else None
    if isinstance(code, str) and wanted == ASSESSMENT:
        code = normalize_group(assessment_code(code))  # checked again: the suffix may make it too long
    elif isinstance(code, str) and group_mode(code) == ASSESSMENT and mode:
        code = msg_practice_refused(code)
    if isinstance(code, Message):
        print(tr.render(code), file=sys.stderr)
        return 2
    print(code)
    if group_mode(code) == ASSESSMENT:
        print(tr.gettext("Atelier en mode évaluation : sur chaque poste où ce code est saisi (ou donné avec --group), "
                         "la première réponse compte."), file=sys.stderr)
    print(tr.gettext("Donnez ce code aux apprenant·es : ils le saisissent en créant leur profil (ou lancez le jeu "
                     "avec --group {code} sur les postes de l'atelier). À la fin : explorateurs report --group {code}")
          .format(code=code), file=sys.stderr)
    return 0


def msg_practice_refused(code: str) -> Message:
    """A practice workshop cannot have a code that says « -EVAL »."""
    from game.core.messages import N_, msg

    return msg(N_("Le code « {code} » finit par « -EVAL », la marque d'un atelier en mode évaluation : choisissez "
                  "un autre code pour un atelier en mode entraînement."), code=code)


def expected_of(args: argparse.Namespace, tr: Translator) -> list[str] | int | None | str:
    """The participants the trainer expects (names or a count), None when not given, or why it is refused."""
    names, count = getattr(args, "expected", None), getattr(args, "expected_count", None)
    if names is None and count is None:
        return None
    if args.learner:
        return tr.gettext("--expected et --expected-count servent au rapport d'un atelier (--group), pas au rapport "
                          "personnel (--learner).")
    if count is not None:
        if count < 1:
            return tr.gettext("--expected-count attend un nombre de participant·es supérieur à zéro (reçu : {n}).") \
                .format(n=count)
        return count
    if names.startswith("@"):
        try:
            with open(names[1:], encoding="utf-8-sig") as f:
                text = f.read(1_000_000)
        except (OSError, UnicodeDecodeError) as e:
            return tr.gettext("La liste des participant·es attendu·es {path} est illisible ({reason}).").format(
                path=names[1:], reason=getattr(e, "strerror", None) or str(e))
        listed = [line.strip() for line in text.splitlines()]
    else:
        listed = [name.strip() for name in names.split(",")]
    listed = [name for name in listed if name]
    if not listed:
        return tr.gettext("--expected attend des pseudonymes séparés par des virgules (ex. « Camille,Léa,Yann »).")
    return listed


def report(args: argparse.Namespace, tr: Translator) -> int:
    from game.core.groups import normalize_group
    from game.core.ids import utc_timestamp
    from game.core.messages import Message
    from game.core.report import build_report
    from game.core.report_attempts import group_of, learner_of
    from game.services.reports import report_translator, write_report
    from game.storage.lrs_settings import LrsSettings
    from game.storage.paths import database_path
    from game.storage.report_sources import gather
    from game.storage.reports import learner_stem
    from game.storage.scenarios import load_framework

    group = normalize_group(args.group) if args.group else None
    if isinstance(group, Message):
        print(tr.render(group), file=sys.stderr)
        return 2
    expected = expected_of(args, tr)
    if isinstance(expected, str):
        print(expected, file=sys.stderr)
        return 2
    stores = list(args.store)
    if not stores and not args.jsonl and not args.lrs:  # this desk: its own statements and those it imported
        stores = [database_path()]
    found = gather(stores=stores, jsonl=args.jsonl, lrs=LrsSettings.load(args) if args.lrs else None, group=group,
                   learner=args.learner)
    for where, problem in found.problems:
        print(f"{where}: {tr.render(problem)}" if where else tr.render(problem), file=sys.stderr)
    framework, _problems = load_framework()
    if framework is None:
        print(tr.render(_problems[0].message), file=sys.stderr)
        return 1
    from game.authoring.library import load_all  # the scenarios as the game's library shows them
    from game.storage.scenarios import default_scenario_dirs

    loaded = load_all([*default_scenario_dirs(), *args.scenarios])
    scenarios = {x.scenario.id: x.scenario for x in loaded if x.scenario is not None}
    learner = args.learner
    if learner:  # pseudonyms are unique whatever the case on a desk: « camille » finds « Camille »
        names = {n for n in map(learner_of, found.statements) if n}
        learner = learner if learner in names else next((n for n in sorted(names) if n.casefold() == learner.casefold()),
                                                        learner)
    built = build_report(found.statements, framework, scenarios=scenarios, group=group, learner=learner,
                         generated_at=utc_timestamp(), expected=expected)
    people = len(built.participants)
    if people == 0:  # a mistyped code or pseudonym, or the wrong files: say what the sources hold, write nothing
        if learner:
            print(tr.gettext("Aucun relevé de {learner} dans les sources lues ({n} relevés lus) : vérifiez le pseudonyme "
                             "et les fichiers. Aucun rapport écrit.").format(learner=visible(learner),
                                                                            n=len(found.statements)), file=sys.stderr)
            present = sorted({n for n in map(learner_of, found.statements) if n}, key=str.casefold)
            if present:
                print(tr.gettext("Pseudonymes présents dans ces sources : {names}")
                      .format(names=", ".join(map(visible, present[:30]))), file=sys.stderr)
            return 1
        print(tr.gettext("Aucun relevé de cet atelier dans les sources lues ({n} relevés lus) : vérifiez le code et "
                         "les fichiers. Aucun rapport écrit.").format(n=len(found.statements)), file=sys.stderr)
        if built.attendance is not None and built.attendance.named:
            print(visible(tr.gettext("Attendu·es mais absent·es : {names}").format(
                names=", ".join(built.attendance.missing))), file=sys.stderr)
        codes = sorted({c for c in map(group_of, found.statements) if c})
        if codes:
            print(tr.gettext("Codes d'atelier présents dans ces sources : {codes}")
                  .format(codes=", ".join(map(visible, codes[:20]))), file=sys.stderr)
        return 1
    stem = "rapport-" + group if group else learner_stem(args.output, learner)  # a group code is A-Z, 0-9, « - »
    try:
        html_path, csv_path = write_report(built, report_translator(tr.language, loaded), args.output, stem)
    except OSError as e:
        from game.storage.oserrors import french_reason

        print(tr.gettext("Le rapport n'a pas pu être écrit dans {path} ({reason}). Choisissez un autre dossier avec -o.")
              .format(path=args.output, reason=tr.render(french_reason(e))), file=sys.stderr)
        return 1
    if learner:
        print(tr.ngettext("{learner} : {kept} relevé (sur {s} lus).", "{learner} : {kept} relevés (sur {s} lus).",
                          built.statements).format(learner=visible(learner), kept=built.statements, s=len(found.statements)))
    else:
        print(tr.ngettext("{n} participant·e, {kept} relevés de l'atelier (sur {s} lus).",
                          "{n} participant·es, {kept} relevés de l'atelier (sur {s} lus).", people)
              .format(n=people, kept=built.statements, s=len(found.statements)))
        if built.attendance is not None:
            from game.report.attendance import attendance_lines

            for line in attendance_lines(built, tr):
                print(visible(line))  # one line each, whatever a pseudonym holds
    print(tr.gettext("Rapport : {html}\nTableau pour Excel : {csv}").format(html=html_path, csv=csv_path))
    return 1 if found.problems else 0

