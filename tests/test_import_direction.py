"""Imports inside the package point one way (the brief's architecture): no module imports,
directly or through others, a module that imports it back - at the top or inside a function.
Imports under ``if TYPE_CHECKING:`` are for annotations only and are not counted."""
import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "legtwitch"


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in PACKAGE.rglob("*.py")}


def _is_type_checking(node: ast.AST) -> bool:
    return isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)


def _imports(name: str, path: Path):
    """The package modules ``name`` imports, with the line of each import."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = []

    def visit(node):
        for child in ast.iter_child_nodes(node):
            if _is_type_checking(child):
                continue
            if isinstance(child, ast.ImportFrom):
                if child.level:
                    base = package.split(".")[: len(package.split(".")) - (child.level - 1)]
                    target = ".".join(base + ([child.module] if child.module else []))
                else:
                    target = child.module or ""
                for alias in child.names:
                    found.append((f"{target}.{alias.name}" if f"{target}.{alias.name}" in MODULES else target,
                                  child.lineno))
            elif isinstance(child, ast.Import):
                found.extend((alias.name, child.lineno) for alias in child.names)
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    out = {}
    for target, line in found:
        while target not in MODULES and "." in target:
            target = target.rpartition(".")[0]
        if target in MODULES and target != name and target != "legtwitch":
            out.setdefault(target, line)
    return out


def import_graph() -> dict[str, dict[str, int]]:
    return {name: _imports(name, path) for name, path in MODULES.items()}


def find_cycle(graph):
    """One import cycle as a list of modules, or ``None``."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def walk(node):
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state:
                cycle = walk(nxt)
                if cycle:
                    return cycle
        state[node] = 2
        stack.pop()
        return None

    for node in sorted(graph):
        if node not in state:
            cycle = walk(node)
            if cycle:
                return cycle
    return None


def test_the_package_has_no_import_cycle():
    graph = import_graph()
    cycle = find_cycle(graph)
    assert cycle is None, " -> ".join(f"{a} (line {graph[a][b]})" for a, b in zip(cycle, cycle[1:])) + f" -> {cycle[-1]}"


def test_the_cycle_finder_finds_a_planted_cycle():
    graph = import_graph()
    graph["legtwitch.knowledge"] = {**graph["legtwitch.knowledge"], "legtwitch.rules": 1}
    assert find_cycle(graph) is not None


def test_the_knowledge_base_and_the_scenario_import_nothing_of_the_engine():
    graph = import_graph()
    engine = {"legtwitch.rules", "legtwitch.pathways", "legtwitch.engine", "legtwitch.differential",
              "legtwitch.cases", "legtwitch.widgets", "legtwitch.quiz"}
    for low in ("legtwitch.knowledge", "legtwitch.scenario", "legtwitch.yamlio", "legtwitch.engine_ids"):
        assert not engine & set(graph[low]), (low, sorted(engine & set(graph[low])))
