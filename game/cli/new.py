"""``explorateurs new NOM``: a new scenario folder made from the commented French template.

The template is ``game/templates/scenario/`` (``scenario.yaml`` with a sample of every step kind,
``data/`` with a small fictional CSV file and its README). The copy gets the scenario's id and a
first line that points VS Code's YAML extension at the installed ``scenario.schema.json``.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import tempfile
from pathlib import Path

from game.i18n import Translator
from game.storage.oserrors import french_reason

#: the scenario id rule of scenario.schema.json (``$defs.ident``)
NAME_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
NAME_MAX = 64
TEMPLATE_ID = "modele"
_ID_LINE = re.compile(rf"^id: {TEMPLATE_ID}( *)", re.MULTILINE)


def template_dir() -> Path:
    return Path(__file__).resolve().parents[1] / "templates" / "scenario"


def default_dest() -> Path:
    """Where ``explorateurs new`` creates a scenario without ``--dir``: the user scenarios folder
    (``<data_dir>/scenarios``), which the game and ``explorateurs check`` read by default."""
    from game.storage.paths import user_scenarios_dir

    return user_scenarios_dir(create=False)


def schema_ref(folder: Path) -> str:
    """What the modeline of ``folder/scenario.yaml`` names: ``../scenario.schema.json`` when the
    folder sits beside the schema (the shipped scenarios folder), else the schema's absolute
    location, so completion works wherever the folder is created."""
    from game.storage.scenarios import schema_path

    schema = schema_path().resolve()
    if folder.resolve().parent == schema.parent:
        return f"../{schema.name}"
    return schema.as_uri() if schema.drive else schema.as_posix()  # Windows: file:///C:/…


def render_template(text: str, name: str, schema: str) -> str:
    """The template's ``scenario.yaml`` for the scenario ``name``: its modeline and its id."""
    first, _, rest = text.partition("\n")
    if first.startswith("# yaml-language-server:"):
        text = f"# yaml-language-server: $schema={schema}\n{rest}"
    return _ID_LINE.sub(lambda m: f"id: {name}" + " " * max(1, len(TEMPLATE_ID) + len(m.group(1)) - len(name)),
                        text, count=1)


def name_problem(name: str, tr: Translator) -> str | None:
    """Why ``name`` cannot be a scenario id (None: it can)."""
    if len(name) > NAME_MAX:
        return tr.gettext("Nom de scénario trop long : {count} caractères, {max} au plus.").format(count=len(name), max=NAME_MAX)
    if not NAME_RE.match(name):
        return tr.gettext("Nom de scénario invalide : « {name} ». Le nom devient l'identifiant du scénario et le nom "
                          "de son dossier : lettres minuscules sans accent, chiffres et tirets, sans espace, en "
                          "commençant par une lettre ou un chiffre (ex. mon-scenario).").format(name=name)
    return None


def _ids_in(folder: Path) -> set[str]:
    """Ids of the scenarios in ``folder``: its sub-folders with a scenario file, and the top
    folders of the ``.zip`` packs it holds (read, never extracted)."""
    import zipfile

    from game.storage.scenarios import SCENARIO_FILE

    ids: set[str] = set()
    try:
        entries = sorted(folder.iterdir())
    except OSError:
        return ids
    for entry in entries:
        if (entry / SCENARIO_FILE).is_file():
            ids.add(entry.name)
        elif entry.suffix.lower() == ".zip" and entry.is_file():
            try:
                with zipfile.ZipFile(entry) as z:
                    ids |= {n.split("/")[0] for n in z.namelist() if n.count("/") == 1 and n.endswith("/" + SCENARIO_FILE)}
            except (OSError, zipfile.BadZipFile):
                continue  # check reports a broken pack
    return ids


def name_taken(name: str, tr: Translator) -> str | None:
    """Why ``name`` is already used: by a shipped scenario, or one of the user scenarios folder (the
    game reads both and keeps only the first of two scenarios with the same id). None: it is free."""
    from game.storage.scenarios import builtin_scenarios_dir

    if name in _ids_in(builtin_scenarios_dir()):
        return tr.gettext("Le nom « {name} » est déjà celui d'un scénario fourni : choisissez-en un autre.").format(name=name)
    folder = default_dest()
    if name in _ids_in(folder):
        return tr.gettext("Le nom « {name} » est déjà celui d'un de vos scénarios, dans {folder} : choisissez-en un "
                          "autre.").format(name=name, folder=folder)
    return None


def guide_path(tr: Translator) -> Path:
    """The installed authoring guide, in the active language when it exists."""
    from game.storage.scenarios import builtin_scenarios_dir

    folder = builtin_scenarios_dir().resolve()
    translated = folder / f"README.{tr.language}.md"
    return translated if tr.language != "fr" and translated.is_file() else folder / "README.md"


def _write_copy(target: Path, name: str, schema: str) -> None:
    """Copy the template into ``target`` (a new folder). Files only, written afresh: an installed
    template may be read-only, the copy must not be."""
    src = template_dir()
    target.mkdir()
    for path in sorted(src.rglob("*")):
        if "__pycache__" in path.parts:
            continue
        out = target / path.relative_to(src)
        if path.is_dir():
            out.mkdir(exist_ok=True)
        elif path.name == "scenario.yaml" and path.parent == src:
            out.write_text(render_template(path.read_text(encoding="utf-8"), name, schema), encoding="utf-8", newline="\n")
        else:
            out.write_bytes(path.read_bytes())


def new_scenario(name: str, dest_dir: Path | None, tr: Translator) -> int:
    """``explorateurs new NOM [--dir DOSSIER]``: 0 when created, 1 when the folder exists or cannot
    be written, 2 when the name is not a valid scenario id or is already a scenario's (shipped, or
    in the user scenarios folder)."""
    problem = name_problem(name, tr) or name_taken(name, tr)
    if problem is not None:
        print(problem, file=sys.stderr)
        return 2
    dest = dest_dir if dest_dir is not None else default_dest()
    target = dest / name
    if target.exists():
        print(tr.gettext("Le dossier {path} existe déjà : choisissez un autre nom, ou déplacez ce dossier "
                         "(rien n'a été modifié).").format(path=target), file=sys.stderr)
        return 1
    tmp: Path | None = None
    try:
        dest.mkdir(parents=True, exist_ok=True)
        # written beside the target, then renamed: a failure never leaves a half-made scenario
        tmp = Path(tempfile.mkdtemp(prefix=f".{name}-", dir=dest))
        _write_copy(tmp / name, name, schema_ref(target))
        os.rename(tmp / name, target)
    except OSError as e:
        print(tr.gettext("Impossible de créer le scénario dans {path} : {reason}").format(
            path=dest, reason=tr.render(french_reason(e))), file=sys.stderr)
        return 1
    finally:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
    file = target / "scenario.yaml"
    print(tr.gettext("Scénario créé : {path}").format(path=target))
    print(tr.gettext("1. Modifiez {file} (dans VS Code avec l'extension YAML : complétion et aide en français).").format(file=file))
    print(tr.gettext("2. Vérifiez-le : explorateurs check {path}").format(path=target))
    print(tr.gettext("3. Jouez-le, rechargé à chaque enregistrement : explorateurs play --watch {file}").format(file=file))
    print(tr.gettext("Le guide de rédaction : {path}").format(path=guide_path(tr)))
    return 0
