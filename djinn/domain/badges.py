"""SVG status badges, in the flat style READMEs use: a grey `Djinn CI` label
and a coloured status. Text widths are estimated from character counts (no
font metrics at hand), generous enough for the fixed set of statuses."""

from __future__ import annotations

from xml.sax.saxutils import escape

LABEL = "Djinn CI"
COLOURS = {
    "queued": "#9f9f9f",
    "running": "#007ec6",
    "passed": "#44cc11",
    "passed_with_failures": "#dfb317",
    "failed": "#e05d44",
    "killed": "#a4a61d",
    "timed_out": "#fe7d37",
    "unknown": "#9f9f9f",
}


def _width(text: str) -> int:
    return 7 * len(text) + 10


def render_badge(status: str) -> str:
    words = status.replace("_", " ")
    colour = COLOURS.get(status, COLOURS["unknown"])
    left, right = _width(LABEL), _width(words)
    total = left + right
    title = escape(f"{LABEL}: {words}")
    # Ids unique per status, so several badges inlined in one page do not
    # borrow each other's gradient and clip path.
    gradient, clip = f"djinn-s-{status}", f"djinn-r-{status}"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{total}" height="20" role="img" aria-label="{title}">'
        f"<title>{title}</title>"
        f'<linearGradient id="{gradient}" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/>'
        f'<stop offset="1" stop-opacity=".1"/></linearGradient>'
        f'<clipPath id="{clip}"><rect width="{total}" height="20" rx="3" fill="#fff"/></clipPath>'
        f'<g clip-path="url(#{clip})"><rect width="{left}" height="20" fill="#555"/>'
        f'<rect x="{left}" width="{right}" height="20" fill="{colour}"/>'
        f'<rect width="{total}" height="20" fill="url(#{gradient})"/></g>'
        f'<g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="11">'
        f'<text x="{left / 2}" y="15" fill="#010101" fill-opacity=".3">{LABEL}</text>'
        f'<text x="{left / 2}" y="14">{LABEL}</text>'
        f'<text x="{left + right / 2}" y="15" fill="#010101" fill-opacity=".3">{escape(words)}</text>'
        f'<text x="{left + right / 2}" y="14">{escape(words)}</text></g></svg>'
    )
