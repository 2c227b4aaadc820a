"""The command line: ``explorateurs`` plays; ``explorateurs check PATH…`` checks scenario files."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from game.cli import arguments as cli_args
from game.cli import records as records_cli
from game.cli import reports as report_cli
from game.i18n import Translator, activate

#: argparse's own messages, in French like every help text of the command line
_ARGPARSE_FR = {
    "usage: ": "usage : ",
    "positional arguments": "arguments",
    "options": "options",
    "show this help message and exit": "afficher cette aide et quitter",
    "%(prog)s: error: %(message)s\n": "%(prog)s : erreur : %(message)s\n",
    "unrecognized arguments: %s": "arguments non reconnus : %s",
    "the following arguments are required: %s": "arguments obligatoires manquants : %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "choix invalide : %(value)r (au choix : %(choices)s)",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s : %(message)s",
    "expected one argument": "une valeur est attendue",
    "expected at least one argument": "au moins une valeur est attendue",
    "invalid %(type)s value: %(value)r": "valeur invalide (%(type)s attendu) : %(value)r",
    "one of the arguments %s is required": "l'un de ces arguments est obligatoire : %s",
    "not allowed with argument %s": "impossible avec l'argument %s",
    "ambiguous option: %(option)s could match %(matches)s": "option ambiguë : %(option)s peut désigner %(matches)s",
}


def _argparse_in_french() -> None:
    import gettext

    argparse.__dict__["_"] = lambda text: _ARGPARSE_FR.get(text, gettext.gettext(text))  # argparse's own gettext


def _parser() -> argparse.ArgumentParser:
    _argparse_in_french()
    p = argparse.ArgumentParser(prog="explorateurs", allow_abbrev=False, description="Explorateurs des données — jeu sérieux sur l'ouverture des données publiques.")
    _global_options(p)
    sub = p.add_subparsers(dest="command")
    play = sub.add_parser("play", help="jouer (commande par défaut)")
    _play_options(play)
    check = sub.add_parser("check", help="vérifier des fichiers ou dossiers de scénarios")
    check.add_argument("paths", nargs="*", type=Path, help="fichiers scenario.yaml, paquets .zip ou dossiers (par défaut : "
                       f"les scénarios fournis et ceux de {_user_scenarios()})")
    check.add_argument("--format", choices=("text", "json"), default="text", help="text (par défaut) ou json (une liste de problèmes, pour les outils)")
    check.add_argument("--coverage", action="store_true", help="afficher la couverture de la campagne : éléments notés par "
                       "compétence sur le parcours de référence de chaque scénario (par défaut : les scénarios fournis)")
    new = sub.add_parser("new", help="créer un dossier de scénario à partir du modèle commenté")
    new.add_argument("name", metavar="NOM", help="nom du scénario et de son dossier (minuscules, chiffres, tirets)")
    new.add_argument("--dir", type=Path, metavar="DOSSIER", help=f"où créer le dossier (par défaut : {_user_scenarios()})")
    val = sub.add_parser("validate", help="valider un fichier CSV contre un schéma (rapport à la Validata)")
    val.add_argument("--schema", required=True, help="schéma : chemin d'un fichier JSON ou nom livré (ex. scdl/subventions)")
    val.add_argument("--format", choices=("text", "json"), default="text", help="text (par défaut) ou json (une erreur par ligne)")
    val.add_argument("file", type=Path, help="fichier CSV")
    clean = sub.add_parser("clean", help="appliquer une recette de nettoyage à un fichier (par exemple celui du mois suivant)")
    clean.add_argument("--schema", required=True, help="schéma : chemin d'un fichier JSON ou nom livré (ex. scdl/prenoms)")
    clean.add_argument("--recipe", required=True, type=Path, help="recette exportée par le jeu (JSON)")
    clean.add_argument("-o", "--output", required=True, type=Path, help="fichier CSV de qualité à écrire")
    clean.add_argument("file", type=Path, help="fichier CSV à nettoyer")
    _export_options(sub.add_parser("export", help="copier le portail d'un·e apprenant·e (ou de tous) dans un dossier"))
    report_cli.options(sub)
    records_cli.options(sub)
    from game.cli import simulate as simulate_cli

    simulate_cli.options(sub)
    _play_options(p)  # « explorateurs --group X » plays
    cli_args.share(p, _global_options)  # ... and « explorateurs --group X play » too (see game.cli.arguments)
    return p


def _global_options(p: argparse.ArgumentParser) -> None:
    """``--data-dir`` and ``--lang``, for every command (written before or after it)."""
    if "--data-dir" not in p._option_string_actions:
        p.add_argument("--data-dir", metavar="DOSSIER", help="dossier des profils et de la progression (sinon "
                       "EXPLORATEURS_DATA_DIR ou le dossier utilisateur)")
    if "--lang" not in p._option_string_actions:
        p.add_argument("--lang", choices=["fr", "en"], help="langue de l'interface et des messages")


def _user_scenarios() -> str:
    """Where trainers drop scenario folders and ``.zip`` packs, for the help (not created here)."""
    from game.storage.paths import user_scenarios_dir

    return str(user_scenarios_dir(create=False)).replace("%", "%%")


def _play_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--scenarios", type=Path, action="append", default=None, metavar="DOSSIER",
                   help="dossier de scénarios ou paquet .zip à lire en plus des scénarios fournis et de "
                   f"ceux déposés dans {_user_scenarios()}")
    p.add_argument("--screenshot", type=Path, help="enregistrer l'écran final en PNG puis quitter")
    p.add_argument("--script", help="touches à rejouer, séparées par des virgules (ex. key:TAB,key:RETURN,shot:a.png)")
    p.add_argument("--text-scale", type=float, help="taille du texte, de 1.0 (100 %%) à 2.0 (200 %%)")
    p.add_argument("--size", help="taille de la fenêtre, ex. 1280x720")
    p.add_argument("--max-frames", type=int, help=argparse.SUPPRESS)
    p.add_argument("--trace", type=Path, help=argparse.SUPPRESS)  # bench/reliability.py (game.storage.trace)
    p.add_argument("--watch", type=Path, metavar="FICHIER", help="aperçu de formateur·rice : jouer ce scenario.yaml "
                   "(ou son dossier), le recharger à chaque enregistrement et rejouer le parcours jusqu'à la même étape "
                   "(profil d'aperçu séparé, rien n'est ajouté à la progression des apprenant·es)")
    p.add_argument("--warp", metavar="ÉTAPE", help="commencer directement à cette étape (avec --watch), sinon "
                   "--warp SCÉNARIO:ÉTAPE ; les étapes d'avant comptent comme passées (profil d'aperçu)")
    p.add_argument("--group", metavar="CODE", help="code de l'atelier (poste partagé) : chaque profil de ce poste "
                   "rejoint cet atelier et ses relevés portent ce code")
    p.add_argument("--mode", choices=("entrainement", "evaluation"), help="entrainement : après une réponse fausse, "
                   "l'apprenant·e voit pourquoi et peut réessayer (par défaut) ; evaluation : la première réponse compte "
                   "(choisi par le formateur ou la formatrice pour l'atelier)")
    p.add_argument("--lrs-endpoint", metavar="URL", help="LRS xAPI où envoyer les relevés (sinon EXPLORATEURS_LRS_ENDPOINT "
                   "ou lrs.json dans le dossier de configuration ; aucun par défaut)")
    p.add_argument("--lrs-user", metavar="NOM", help="identifiant Basic du LRS (sinon EXPLORATEURS_LRS_USER ou lrs.json)")
    p.add_argument("--lrs-password", metavar="MOT_DE_PASSE", help="mot de passe du LRS (préférez EXPLORATEURS_LRS_PASSWORD "
                   "ou lrs.json : une option est visible des autres utilisateurs de la machine)")


def _export_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--learner", metavar="PSEUDO", help="pseudonyme de l'apprenant·e (par défaut : tous ceux qui ont publié)")
    p.add_argument("--data-dir", metavar="DIR", default=argparse.SUPPRESS, help="dossier des données du jeu (comme l'option générale)")
    p.add_argument("-o", "--output", metavar="DEST", required=True, type=Path, help="dossier où copier les portails")


def export(learner: str | None, dest: Path, tr: Translator) -> int:
    """``explorateurs export``: copy one learner's portal (or every learner's) to ``dest``."""
    from game.storage.paths import data_dir, database_path
    from game.storage.portal import PORTAL_DIRNAME, Portal, PortalError, learner_key
    from game.storage.store import Store, StoreError

    root = data_dir() / PORTAL_DIRNAME
    portal = Portal(root)
    try:
        if learner:  # shown as the learner wrote it when playing
            names = [next((n for n in portal.learners() if learner_key(n) == learner_key(learner)), learner)]
        else:
            names = [n for n in portal.learners() if portal.entries(n)]
        if not names:
            print(tr.gettext("Aucun jeu de données publié dans {path}.").format(path=root), file=sys.stderr)
            return 1
        if learner and not portal.entries(learner):
            known = None
            if database_path().exists():
                try:
                    with Store(database_path()) as store:
                        known = learner_key(learner) in {learner_key(x.pseudonym) for x in store.learners()}
                except StoreError:
                    pass
            text = tr.gettext("Aucun profil « {learner} » dans {path}.") if known is False \
                else tr.gettext("{learner} n'a publié aucun jeu de données.")
            print(text.format(learner=learner, path=data_dir()), file=sys.stderr)
            return 1
        for name in names:
            count = len(portal.entries(name))
            path = portal.export(name, dest)
            print(tr.ngettext("Portail de {learner} : {n} jeu de données copié dans {path}",
                              "Portail de {learner} : {n} jeux de données copiés dans {path}", count)
                  .format(learner=name, n=count, path=path))
    except PortalError as e:
        print(tr.render(e.message), file=sys.stderr)
        return 1
    return 0


def check(paths: list[Path], tr: Translator, fmt: str = "text", coverage: bool = False) -> int:
    """``explorateurs check``: see :mod:`game.cli.checks` (``--coverage``: :mod:`game.cli.coverage`)."""
    if coverage:
        from game.cli import coverage as coverage_cli

        return coverage_cli.run(paths, tr, fmt)
    from game.cli import checks as check_cli

    return check_cli.run(paths, tr, fmt)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """The command line with each option merged from where it was written (before or after the
    command); a contradiction or an option the command does not use exits with a French message."""
    parser = _parser()
    args = parser.parse_args(argv)
    activate(cli_args.given_language(args) or os.environ.get("EXPLORATEURS_LANG") or "fr")
    return cli_args.resolve(parser, args)


def main(argv: list[str] | None = None) -> int:
    from game.cli.terminal import escaped_output

    with escaped_output():  # a pseudonym or a scenario text never sends escape sequences to the terminal
        try:
            return _run(argv)
        except BrokenPipeError:
            # the reader went away (``explorateurs validate … | head``): stop quietly, as Unix tools do
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            return 141  # 128 + SIGPIPE, what a shell reports for a command its pipe closed


def _run(argv: list[str] | None) -> int:
    args = parse_args(argv)
    if args.data_dir:
        os.environ["EXPLORATEURS_DATA_DIR"] = str(args.data_dir)
    lang = args.lang or os.environ.get("EXPLORATEURS_LANG") or ""
    tr = activate(lang or "fr")
    if args.command == "check":
        return check(args.paths, tr, args.format, args.coverage)
    if args.command == "new":
        from game.cli.new import new_scenario

        return new_scenario(args.name, args.dir, tr)
    if args.command == "export":
        return export(args.learner, args.output, tr)
    if args.command in ("report", "group"):
        return report_cli.report(args, tr) if args.command == "report" else report_cli.group_new(tr, args.code, args.mode)
    if args.command == "records":
        return records_cli.run(args, tr)
    if args.command == "simulate":
        from game.cli import simulate as simulate_cli

        return simulate_cli.run(args, tr)
    if args.command in ("validate", "clean"):
        from game.cli import validate as validate_cli

        args.lang = tr.language
        return validate_cli.main_validate(args) if args.command == "validate" else validate_cli.main_clean(args)
    from game.app import run

    return run(args, language=lang or None)


if __name__ == "__main__":
    sys.exit(main())
