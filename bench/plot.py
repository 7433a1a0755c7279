"""Plot: `GET /builds` latency against the number of builds, before and after issue 15.

Reads two `bench/scale.py --json` files (before, after) and draws one panel
per database (SQLite, PostgreSQL): the median latency in ms (log scale)
against the number of builds (log scale) for page 1, page 400, the `Link:
next` of page 400, `?status=passed` and `?tag=release`; before dashed, after
solid, one colour per request. Points where page 400 is past the end (an
empty page, no `next`: 1,000 and 10,000 builds) are left out. A dotted line
marks issue 15's target: 2x page 1 at 1,000 builds after.

matplotlib is not a dependency of djinn: run this with a throwaway venv,

    python3 -m venv /tmp/plot && /tmp/plot/bin/pip install matplotlib
    /tmp/plot/bin/python bench/plot.py [BEFORE] [AFTER] [--out PNG]

(defaults docs/performance/scale-before.json,
docs/performance/scale-after.json, docs/performance/scale.png).
"""

from __future__ import annotations

import argparse
import json
import pathlib
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

HERE = pathlib.Path(__file__).resolve().parent.parent / "docs" / "performance"
REQUESTS = {
    "page 1": ("page 1", "tab:blue", "o"),
    "page 400": ("page 400 (?page=400)", "tab:orange", "s"),
    "next of page 400": ("Link next of page 400", "tab:green", "^"),
    "?status=passed": ("?status=passed", "tab:red", "D"),
    "?tag=release": ("?tag=release", "tab:purple", "v"),
}
DATABASES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


def series(result: dict, request: str) -> tuple[list[int], list[float]]:
    """(sizes, median ms) of one request, without the empty pages."""
    xs, ys = [], []
    for size in result["sizes"]:
        figure = result["figures"][str(size)][request]
        if figure["ms"] is not None and figure["items"]:
            xs.append(size)
            ys.append(figure["ms"])
    return xs, ys


def draw(before: dict, after: dict, out: pathlib.Path) -> None:
    databases = [db for db in DATABASES if db in before or db in after]
    fig, axes = plt.subplots(1, len(databases), figsize=(6.2 * len(databases), 5.2), sharey=True)
    axes = axes if len(databases) > 1 else [axes]
    for ax, db in zip(axes, databases, strict=True):
        for request, (label, colour, marker) in REQUESTS.items():
            for result, style, when in ((before.get(db), "--", "before"), (after.get(db), "-", "after")):
                if result is None:
                    continue
                xs, ys = series(result, request)
                ax.plot(
                    xs,
                    ys,
                    linestyle=style,
                    color=colour,
                    marker=marker,
                    markersize=5,
                    markerfacecolor="white" if when == "before" else colour,
                    alpha=0.55 if when == "before" else 1.0,
                    label=f"{label}, {when}",
                )
        if db in after:
            reference = after[db]["figures"][str(after[db]["sizes"][0])]["page 1"]["ms"]
            ax.axhline(2 * reference, color="grey", linestyle=":", linewidth=1)
            ax.text(
                0.98,
                0.03,
                f"dotted: target, 2x page 1 at 1,000 after ({2 * reference:.0f} ms)",
                transform=ax.transAxes,
                ha="right",
                fontsize=8,
                color="grey",
            )
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_title(DATABASES[db])
        ax.set_xlabel("builds in the table")
        ax.grid(True, which="major", alpha=0.3)
        ax.grid(True, which="minor", alpha=0.1)
    axes[0].set_ylabel("GET /builds, median ms (log)")
    handles, labels = axes[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="lower center", ncol=5, fontsize=8, frameon=False)
    fig.suptitle("GET /builds latency as builds grow: before (dashed) and after (solid) issue 15")
    fig.tight_layout(rect=(0, 0.1, 1, 1))
    fig.savefig(out, dpi=110)
    print(f"wrote {out}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before", nargs="?", default=str(HERE / "scale-before.json"))
    parser.add_argument("after", nargs="?", default=str(HERE / "scale-after.json"))
    parser.add_argument("--out", default=str(HERE / "scale.png"))
    args = parser.parse_args(argv)
    before = json.loads(pathlib.Path(args.before).read_text())
    after = json.loads(pathlib.Path(args.after).read_text())
    draw(before, after, pathlib.Path(args.out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
