"""The benchmark chart as a hand-written SVG: no plotting library needed.

One group of horizontal bars per scenario, one bar per client, each bar's length its
cost relative to the group's first series (the raw client, the floor), on a log-2 axis
so that the official SDK's 5-25 times and our 1.1 both stay readable.
"""

from __future__ import annotations

import math
from xml.sax.saxutils import escape as _escape

from benchmarks._common import TIMES, ChartGroup

WIDTH = 820
LABEL_WIDTH = 250  # the scenario names, left of the plot
PLOT_LEFT, PLOT_RIGHT = LABEL_WIDTH + 10, WIDTH - 110  # room for each bar's figure
BAR, GAP, GROUP_GAP = 13, 3, 16
TOP = 74  # title, subtitle, legend
AXIS_MIN = 0.5  # bars start here, so the floor (1) has a visible length
PALETTE = ["#9e9e9e", "#3949ab", "#7986cb", "#e57373", "#4db6ac", "#ffb74d"]
FONT = "font-family='system-ui, -apple-system, Segoe UI, Roboto, sans-serif'"


def escape(text: str) -> str:
    """``text`` safe inside an element or a single-quoted attribute."""
    return _escape(text, {"'": "&#39;"})


def _x(ratio: float, axis_max: float) -> float:
    span = math.log2(axis_max / AXIS_MIN)
    share = math.log2(max(ratio, AXIS_MIN) / AXIS_MIN) / span
    return PLOT_LEFT + share * (PLOT_RIGHT - PLOT_LEFT)


def _text(
    x: float, y: float, text: str, *, size: int = 12, anchor: str = "start", **extra: str
) -> str:
    attributes = "".join(f" {key.replace('_', '-')}='{value}'" for key, value in extra.items())
    return (
        f"<text x='{x:.1f}' y='{y:.1f}' font-size='{size}' text-anchor='{anchor}'{attributes}>"
        f"{escape(text)}</text>"
    )


def render(groups: list[ChartGroup], title: str, subtitle: str) -> str:
    """The SVG document: ``groups`` in order, each group's first series as its floor (ratio 1)."""
    series: list[str] = []
    for group in groups:
        series += [name for name in group.seconds if name not in series]
    colour = {name: PALETTE[i % len(PALETTE)] for i, name in enumerate(series)}
    ratios = [
        seconds / next(iter(group.seconds.values()))
        for group in groups
        for seconds in group.seconds.values()
    ]
    axis_max = 2.0 ** max(2, math.ceil(math.log2(max(ratios, default=1.0))))
    body: list[str] = []
    y = float(TOP)
    for group in groups:
        floor = next(iter(group.seconds.values()))
        height = len(group.seconds) * (BAR + GAP) - GAP
        body.append(_text(LABEL_WIDTH, y + height / 2 + 4, group.scenario, anchor="end"))
        for name, seconds in group.seconds.items():
            ratio = seconds / floor
            end = _x(ratio, axis_max)
            body.append(
                f"<rect x='{PLOT_LEFT}' y='{y:.1f}' width='{end - PLOT_LEFT:.1f}' "
                f"height='{BAR}' fill='{colour[name]}'><title>{escape(name)}: "
                f"{seconds * 1e6:.0f} µs, {ratio:.2f}{TIMES}</title></rect>"
            )
            body.append(
                _text(end + 4, y + BAR - 2, f"{ratio:.2f}{TIMES} · {seconds * 1e6:.0f} µs", size=10)
            )
            y += BAR + GAP
        y += GROUP_GAP - GAP
    bottom = y + 4
    axis = [f"<line x1='{PLOT_LEFT}' y1='{TOP - 6}' x2='{PLOT_LEFT}' y2='{bottom}' stroke='#666'/>"]
    tick = 1.0
    while tick <= axis_max:
        x = _x(tick, axis_max)
        axis.append(
            f"<line x1='{x:.1f}' y1='{TOP - 6}' x2='{x:.1f}' y2='{bottom}' "
            f"stroke='#999' stroke-opacity='0.35' stroke-dasharray='3 3'/>"
        )
        axis.append(_text(x, bottom + 14, f"{tick:g}{TIMES}", size=10, anchor="middle"))
        tick *= 2
    axis.append(
        _text(
            (PLOT_LEFT + PLOT_RIGHT) / 2,
            bottom + 30,
            "time per request relative to the raw client (log scale; lower is faster)",
            size=11,
            anchor="middle",
        )
    )
    legend, left = [], 10.0
    for name in series:
        legend.append(f"<rect x='{left:.1f}' y='44' width='11' height='11' fill='{colour[name]}'/>")
        legend.append(_text(left + 15, 54, name, size=11))
        left += 24 + 6.2 * len(name)
    total = bottom + 44
    return "\n".join(
        [
            f"<svg xmlns='http://www.w3.org/2000/svg' width='{WIDTH}' height='{total:.0f}' "
            f"viewBox='0 0 {WIDTH} {total:.0f}' {FONT} fill='currentColor' "
            f"role='img' aria-label='{escape(title)}'>",
            f"<title>{escape(title)}</title>",
            "<style>svg { color: #222; } @media (prefers-color-scheme: dark) "
            "{ svg { color: #ddd; } }</style>",
            f"<rect width='{WIDTH}' height='{total:.0f}' fill='none'/>",
            _text(10, 20, title, size=15, font_weight="600"),
            _text(10, 36, subtitle, size=11, fill_opacity="0.75"),
            *legend,
            *axis,
            *body,
            "</svg>",
            "",
        ]
    )
