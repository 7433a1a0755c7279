"""Draw the layer diagram of docs/architecture.md from the code.

The layers and their order come from the import-linter `layers` contract in
pyproject.toml; each arrow is a real import between two layers, found by
grimp (the import graph import-linter checks, imports inside functions
included); each box is captioned with the first line of its package's
docstring. `make lint` runs this with `--check`, which fails when the diagram
in the document is not the one the code draws.

    python docs/layers.py          # rewrite the diagram in docs/architecture.md
    python docs/layers.py --check  # fail if it is stale
"""

from __future__ import annotations

import argparse
import ast
import pathlib
import sys
import tomllib

import grimp

ROOT = pathlib.Path(__file__).resolve().parent.parent
DOCUMENT = ROOT / "docs" / "architecture.md"
BEGIN = "<!-- layers: drawn by docs/layers.py from pyproject.toml and the imports; do not edit -->"
END = "<!-- /layers -->"


def contract_layers() -> list[list[str]]:
    """The `layers` contract's layers, top first; siblings (`a | b`) share a row."""
    settings = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    contract = next(c for c in settings["contracts"] if c["type"] == "layers")
    return [[name.strip() for name in layer.split("|")] for layer in contract["layers"]]


def caption(package: str) -> str:
    """The first sentence of the package's docstring."""
    path = ROOT / pathlib.Path(*package.split("."))
    source = path / "__init__.py" if path.is_dir() else path.with_suffix(".py")
    docstring = ast.get_docstring(ast.parse(source.read_text())) or ""
    first = docstring.split("\n\n", 1)[0].replace("\n", " ").split(". ", 1)[0]
    return first.rstrip(".").replace("`", "").replace('"', "'")


def arrows(layers: list[list[str]]) -> list[tuple[str, str]]:
    """(importer, imported) for each pair of layers with an import between them, in layer order."""
    graph = grimp.build_graph("djinn", "handlers")
    names = [name for row in layers for name in row]

    def layer_of(module: str) -> str | None:
        return next((n for n in names if module == n or module.startswith(n + ".")), None)

    found = set()
    for module in graph.modules:
        importer = layer_of(module)
        for imported in map(layer_of, graph.find_modules_directly_imported_by(module)):
            if importer and imported and importer != imported:
                found.add((importer, imported))
    return sorted(found, key=lambda pair: (names.index(pair[0]), names.index(pair[1])))


def diagram() -> str:
    layers = contract_layers()
    ids = {name: name.replace(".", "_") for row in layers for name in row}
    lines = ["```mermaid", "flowchart TD"]
    for number, row in enumerate(layers):
        lines.append(f'  subgraph layer{number}[" "]')
        lines.append("    direction LR")
        for name in row:
            folder = name.replace(".", "/") + "/"
            lines.append(f'    {ids[name]}["<b>{folder}</b><br/>{caption(name)}"]')
        lines.append("  end")
    for importer, imported in arrows(layers):
        lines.append(f"  {ids[importer]} --> {ids[imported]}")
    lines.append("```")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--check", action="store_true", help="fail when the document's diagram is stale")
    args = parser.parse_args()
    text = DOCUMENT.read_text()
    start, end = text.index(BEGIN) + len(BEGIN), text.index(END)
    wanted = f"{text[:start]}\n{diagram()}\n{text[end:]}"
    if args.check:
        if wanted != text:
            print(f"{DOCUMENT.relative_to(ROOT)}: the layer diagram is stale; run python docs/layers.py")
            return 1
        return 0
    DOCUMENT.write_text(wanted)
    return 0


if __name__ == "__main__":
    sys.exit(main())
