"""The layers keep their import rule, and the code passes the linter."""

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def _tool(name: str) -> str:
    return str(BIN / name) if (BIN / name).exists() else shutil.which(name) or name


def test_import_contracts_are_kept():
    r = subprocess.run([_tool("lint-imports"), "--no-cache"], cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-2000:]
    assert "0 broken" in r.stdout


def test_ruff_finds_nothing():
    r = subprocess.run([_tool("ruff"), "check", "game", "tests", "bench", "main.py"], cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 0, r.stdout[-3000:]


def test_core_runs_without_pygame():
    code = ("import sys, game.core.build, game.core.assessment, game.core.statements, game.play.session;"
            "assert 'pygame' not in sys.modules and 'yaml' not in sys.modules, sorted(sys.modules)")
    r = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr


# -- no circles between files ---------------------------------------------------------------------

#: Import circles still allowed, each as the set of modules in it. Nothing else may join one.
ALLOWED_CYCLES: list[set[str]] = []  # none: the last one (app <-> preview) went with the services package


def _modules(root: Path) -> dict[str, tuple[Path, bool]]:
    """Dotted name -> (file, is a package) for every module under ``root/game``."""
    found = {}
    for path in sorted((root / "game").rglob("*.py")):
        parts = list(path.relative_to(root).with_suffix("").parts)
        package = path.name == "__init__.py"
        found[".".join(parts[:-1] if package else parts)] = (path, package)
    return found


def import_graph(root: Path = ROOT) -> dict[str, set[str]]:
    """Who imports whom inside ``game``: every ``import`` statement, at module level, in a
    function or under ``if TYPE_CHECKING``, resolved to the module file it reads."""
    import ast

    modules = _modules(root)

    def module_of(name: str) -> str | None:
        while name and name not in modules:
            name = name.rpartition(".")[0]
        return name or None

    graph: dict[str, set[str]] = {}
    for name, (path, package) in modules.items():
        here = name if package else name.rpartition(".")[0]
        deps = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                deps |= {module_of(a.name) for a in node.names}
            elif isinstance(node, ast.ImportFrom):
                base = here
                for _ in range(node.level - 1):
                    base = base.rpartition(".")[0]
                target = (f"{base}.{node.module}" if node.module else base) if node.level else node.module
                for a in node.names:  # ``from pkg import submodule`` reads the submodule
                    full = f"{target}.{a.name}"
                    deps.add(full if full in modules else module_of(target))
        graph[name] = {d for d in deps if d is not None and d != name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[set[str]]:
    """The strongly connected components with more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found = []
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.add(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(component)
    return found


def test_no_import_circles_between_files():
    graph = import_graph()
    unexpected = [sorted(c) for c in cycles(graph) if c not in ALLOWED_CYCLES]
    detail = "\n".join(f"{' <-> '.join(c)}: " + "; ".join(f"{m} -> {sorted(graph[m] & set(c))}" for m in c)
                       for c in unexpected)
    assert not unexpected, "import circles:\n" + detail


def test_the_circle_finder_sees_function_level_and_relative_imports(tmp_path):
    """A circle hidden in a function body, through a relative import, is found."""
    (tmp_path / "game" / "pkg").mkdir(parents=True)
    for name, text in {"__init__.py": "", "pkg/__init__.py": "", "pkg/a.py": "from . import b\n",
                       "pkg/b.py": "def f():\n    from .c import g\n", "pkg/c.py": "import game.pkg.a\n",
                       "pkg/d.py": "from game.pkg.a import x\n"}.items():
        (tmp_path / "game" / name).write_text(text, encoding="utf-8")
    assert cycles(import_graph(tmp_path)) == [{"game.pkg.a", "game.pkg.b", "game.pkg.c"}]
