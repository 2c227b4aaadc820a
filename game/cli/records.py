"""``explorateurs records``: learning records without an LRS (``export``, ``import`` as JSON Lines),
and the statements an LRS refused (``parked``, then ``requeue`` once the problem is fixed)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from game.i18n import Translator


def options(sub: Any) -> None:
    p = sub.add_parser("records", help="relevés d'apprentissage (xAPI) : exporter ou importer sans LRS (JSONL), "
                       "voir et renvoyer ceux que le LRS a refusés")
    rec = p.add_subparsers(dest="records_command", required=True, metavar="{export,import,send,parked,requeue}")
    data_dir = {"metavar": "DIR", "default": argparse.SUPPRESS, "help": "dossier des données du jeu (comme l'option générale)"}
    exp = rec.add_parser("export", help="écrire les relevés de ce poste, un relevé xAPI JSON par ligne")
    exp.add_argument("--format", choices=("jsonl",), default="jsonl", help="jsonl (par défaut) : un relevé par ligne")
    exp.add_argument("-o", "--output", metavar="FICHIER", type=Path, help="fichier à écrire (par défaut : la sortie standard)")
    exp.add_argument("--include-imported", action="store_true", help="ajouter les relevés importés d'autres postes")
    exp.add_argument("--data-dir", **data_dir)
    imp = rec.add_parser("import", help="importer les relevés exportés par d'autres postes (les doublons sont ignorés)")
    imp.add_argument("files", nargs="+", type=Path, metavar="FICHIER", help="fichiers .jsonl écrits par « records export »")
    imp.add_argument("--data-dir", **data_dir)
    send = rec.add_parser("send", help="envoyer maintenant au LRS les relevés en attente, sans ouvrir le jeu "
                          "(mêmes essais que le jeu ; un relevé déjà reçu n'est pas compté deux fois)")
    send.add_argument("--tries", type=int, default=3, choices=range(1, 11), metavar="N",
                      help="échecs de suite avant d'abandonner, de 1 à 10 (par défaut 3 ; attente de 5 s, puis 10 s…)")
    send.add_argument("--lrs-endpoint", metavar="URL", help="LRS xAPI (sinon EXPLORATEURS_LRS_ENDPOINT ou lrs.json)")
    send.add_argument("--lrs-user", metavar="NOM", help="identifiant Basic du LRS (sinon EXPLORATEURS_LRS_USER ou lrs.json)")
    send.add_argument("--lrs-password", metavar="MOT_DE_PASSE", help="mot de passe du LRS (préférez "
                      "EXPLORATEURS_LRS_PASSWORD ou lrs.json)")
    send.add_argument("--data-dir", **data_dir)
    park = rec.add_parser("parked", help="lister les relevés refusés par le LRS et mis de côté, avec la raison du refus")
    park.add_argument("--data-dir", **data_dir)
    req = rec.add_parser("requeue", help="remettre des relevés mis de côté dans la file d'envoi vers le LRS "
                         "(après correction du problème)")
    req.add_argument("ids", nargs="*", metavar="ID", help="identifiants des relevés (voir « records parked »)")
    req.add_argument("--all", action="store_true", help="tous les relevés mis de côté")
    req.add_argument("--data-dir", **data_dir)


def run(args: argparse.Namespace, tr: Translator) -> int:
    command = args.records_command
    if command == "export":
        return export(args.output, args.include_imported, tr)
    if command == "import":
        return import_files(args.files, tr)
    if command == "send":
        return send(args, tr)
    if command == "parked":
        return parked(tr)
    return requeue(args.ids, args.all, tr)


def export(output: Path | None, include_imported: bool, tr: Translator) -> int:
    """``records export``: this desk's statements as JSON Lines (stdout or ``-o``)."""
    from game.storage.paths import database_path
    from game.storage.records import RecordsError, write_jsonl
    from game.storage.store import Store, StoreError

    db = database_path()
    if not db.exists():
        print(tr.gettext("Aucune sauvegarde dans {path} : rien à exporter.").format(path=db.parent), file=sys.stderr)
        return 1
    to_stdout = output is None or str(output) == "-"
    try:
        with Store(db) as store:
            count = write_jsonl(store.export_statements(include_imported=include_imported),
                                sys.stdout if to_stdout else output)
    except (StoreError, RecordsError) as e:
        print(tr.render(e.message), file=sys.stderr)
        return 1
    if to_stdout:
        print(tr.ngettext("{n} relevé écrit sur la sortie standard.", "{n} relevés écrits sur la sortie standard.", count)
              .format(n=count), file=sys.stderr)
    else:
        print(tr.ngettext("{n} relevé écrit dans {path}.", "{n} relevés écrits dans {path}.", count)
              .format(n=count, path=output), file=sys.stderr)
    return 0


def import_files(files: list[Path], tr: Translator) -> int:
    """``records import``: other desks' statements into this store; 1 if any line or file was refused.

    Each file is streamed (bounded lines, bounded batches): a bad line is reported as
    ``file:line: reason`` as soon as it is met and the reading goes on; a file that cannot be read
    is named and the next files are still imported.
    """
    from game.core.messages import Message
    from game.storage.records import RecordsError, read_jsonl
    from game.storage.store import Store, StoreError

    failed = False
    try:
        with Store.open_default() as store:
            for path in files:
                def report(line: int, reason: Message, path: Path = path) -> None:
                    print(f"{path}:{line}: {tr.render(reason)}", file=sys.stderr, flush=True)

                try:
                    result = store.import_statements(read_jsonl(path), source=str(path.resolve()), refused=report)
                except RecordsError as e:
                    print(tr.render(e.message), file=sys.stderr)
                    failed = True
                    continue
                except StoreError as e:
                    print(tr.render(e.message), file=sys.stderr)
                    print(tr.gettext("{file} : import interrompu. Relancez la même commande : les relevés déjà "
                                     "importés seront comptés comme déjà présents.").format(file=path), file=sys.stderr)
                    failed = True
                    continue
                counts = {
                    "added": tr.ngettext("{n} relevé ajouté", "{n} relevés ajoutés", result.added).format(n=result.added),
                    "duplicates": tr.ngettext("{n} déjà présent", "{n} déjà présents", result.duplicates)
                    .format(n=result.duplicates),
                    "refused": tr.ngettext("{n} refusé", "{n} refusés", result.refused).format(n=result.refused),
                }
                print(tr.gettext("{file} : {added}, {duplicates}, {refused}").format(file=path, **counts))
                failed = failed or result.refused > 0
    except StoreError as e:
        print(tr.render(e.message), file=sys.stderr)
        return 1
    return 1 if failed else 0


def _open_existing(tr: Translator) -> Any:
    """This desk's store, or None (said on stderr) when it has none or it cannot be opened."""
    from game.storage.paths import database_path
    from game.storage.store import Store, StoreError

    db = database_path()
    if not db.exists():
        print(tr.gettext("Aucune sauvegarde dans {path}.").format(path=db.parent), file=sys.stderr)
        return None
    try:
        return Store(db)
    except StoreError as e:
        print(tr.render(e.message), file=sys.stderr)
        return None


def parked(tr: Translator) -> int:
    """``records parked``: the statements the LRS refused, each with its id and the LRS's reason."""
    from game.storage.store import StoreError

    store = _open_existing(tr)
    if store is None:
        return 1
    count = 0
    try:
        with store:
            for item in store.parked_statements():
                count += 1
                print(item.id)
                print("  " + _describe(item.statement, item.queued_at))
                print("  " + tr.gettext("Raison du refus : {reason}").format(reason=item.reason or "?"))
    except StoreError as e:
        print(tr.render(e.message), file=sys.stderr)
        return 1
    if count == 0:
        print(tr.gettext("Aucun relevé mis de côté : le LRS n'en a refusé aucun."))
        return 0
    print(tr.ngettext("{n} relevé mis de côté (refusé par le LRS).", "{n} relevés mis de côté (refusés par le LRS).",
                      count).format(n=count))
    print(tr.gettext("Une fois le problème corrigé : explorateurs records requeue --all (ou les identifiants "
                     "voulus) pour les renvoyer."))
    return 0


def send(args: argparse.Namespace, tr: Translator) -> int:
    """``records send``: drain the outbox to the LRS now, headless (0: nothing left to send)."""
    from game.storage.lrs import LrsClient, Sender
    from game.storage.lrs_settings import LrsSettings
    from game.storage.store import StoreError

    settings = LrsSettings.load(args)
    if not settings.enabled:
        print(tr.gettext("Aucun LRS configuré : indiquez --lrs-endpoint URL (ou EXPLORATEURS_LRS_ENDPOINT, ou lrs.json)."),
              file=sys.stderr)
        return 2
    store = _open_existing(tr)
    if store is None:
        return 1
    try:
        with store:
            before = store.outbox_counts()
            failure = Sender(store.path, LrsClient(settings)).drain(store, tries=args.tries)
            after = store.outbox_counts()
    except StoreError as e:
        print(tr.render(e.message), file=sys.stderr)
        return 1
    sent = before.pending - after.pending - (after.parked - before.parked)
    print(tr.ngettext("{n} relevé envoyé à {lrs}.", "{n} relevés envoyés à {lrs}.", sent).format(n=sent, lrs=settings.endpoint))
    if after.parked > before.parked:
        n = after.parked - before.parked
        print(tr.ngettext("{n} relevé refusé par le LRS et mis de côté (voir « explorateurs records parked »).",
                          "{n} relevés refusés par le LRS et mis de côté (voir « explorateurs records parked »).", n)
              .format(n=n))
    if failure is not None:
        print(tr.ngettext("Envoi interrompu ({reason}) : {n} relevé reste en attente ; relancez « explorateurs records "
                          "send » plus tard (ou le jeu l'enverra).",
                          "Envoi interrompu ({reason}) : {n} relevés restent en attente ; relancez « explorateurs "
                          "records send » plus tard (ou le jeu les enverra).", after.pending)
              .format(reason=failure, n=after.pending), file=sys.stderr)
        return 1
    return 0


def requeue(ids: list[str], every: bool, tr: Translator) -> int:
    """``records requeue``: parked statements back in the queue, all (``--all``) or by id."""
    from game.storage.store import StoreError

    if every == bool(ids):
        print(tr.gettext("Indiquez les identifiants des relevés à renvoyer, ou --all pour tous, mais pas les deux "
                         "(voir « explorateurs records parked »)."), file=sys.stderr)
        return 2
    store = _open_existing(tr)
    if store is None:
        return 1
    try:
        with store:
            done, missing = store.requeue(None if every else [i.strip() for i in ids])
    except StoreError as e:
        print(tr.render(e.message), file=sys.stderr)
        return 1
    for sid in missing:
        print(tr.gettext("« {id} » n'est pas un relevé mis de côté (voir « explorateurs records parked »).")
              .format(id=sid), file=sys.stderr)
    if done == 0 and every:
        print(tr.gettext("Aucun relevé mis de côté : rien à renvoyer."))
    elif done:
        print(tr.ngettext("{n} relevé remis dans la file d'envoi : le jeu l'enverra au LRS dès qu'il tourne avec un LRS "
                          "configuré.", "{n} relevés remis dans la file d'envoi : le jeu les enverra au LRS dès qu'il "
                          "tourne avec un LRS configuré.", done).format(n=done))
    return 1 if missing else 0


def _describe(stmt: dict[str, Any], queued_at: str) -> str:
    """One line about a statement: who, what, on which activity, when (whatever its shape)."""
    def get(value: Any, *path: str) -> Any:
        for key in path:
            value = value.get(key) if isinstance(value, dict) else None
        return value

    who = get(stmt, "actor", "account", "name") or get(stmt, "actor", "name") or get(stmt, "actor", "mbox") or "?"
    display = get(stmt, "verb", "display")
    verb = next((display[k] for k in ("fr-FR", "fr", "en-US", "en") if isinstance(display, dict) and display.get(k)),
                None) or str(get(stmt, "verb", "id") or "?").rstrip("/").rsplit("/", 1)[-1]
    what = get(stmt, "object", "id") or "?"
    return " · ".join(str(x) for x in (who, verb, what, stmt.get("timestamp") or queued_at))
