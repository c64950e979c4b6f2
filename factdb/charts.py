"""SVG charts of a quantity's figures over time, drawn with matplotlib (the ``charts`` extra).

matplotlib rather than pygal: every figure kind needs its own mark (a point, an error
bar for a range, an arrow for an open bound, an open bar for a vague magnitude) and
matplotlib draws each with a stock primitive; its SVG backend needs no JavaScript,
writes text as ``<text>`` (searchable, small) and is deterministic with a fixed
``svg.hashsalt``. pygal has no error bars or spans and its SVGs expect a script for
tooltips. The cost is size (matplotlib and numpy), hence an optional extra.

Only factdb's own words reach the SVG (dates, numbers, units from the vocabulary,
series names S1, S2 …, claim ids): user text such as source titles stays in the HTML
around the chart, where the template escapes it. The time axis is ordinal: one slot per
distinct date, in order, with undated figures in a last "date unknown" slot, so that a
handful of reports years apart stay readable.
"""

from __future__ import annotations

import io
import re
from collections import defaultdict

INSTALL_HINT = "pip install 'factdb[charts]'"
UNDATED = "date unknown"


def available() -> bool:
    """Whether matplotlib can be imported (the ``charts`` extra is installed)."""
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        return False
    return True


def _slots(points: list[dict]) -> dict[str | None, int]:
    dates = sorted({p["date"] for p in points if p["date"]})
    slots: dict[str | None, int] = {d: i for i, d in enumerate(dates)}
    if any(p["date"] is None for p in points):
        slots[None] = len(dates)
    return slots


def _top(points: list[dict]) -> float:
    """The top of the value axis. Open-ended marks (lower bounds, vague magnitudes) stop
    there, so "tens of thousands" does not flatten every other figure: its bar shows at
    least twice its order of magnitude and stays open at the top."""
    values = []
    for p in points:
        if p["kind"] == "vague":
            values.append(p["low"] * 2)
        elif p["kind"] == "lower_bound":
            values.append(p["low"] * 1.25)
        else:
            values.append(p["value"] if p["value"] is not None else p["high"])
    return max(values, default=1) * 1.15 or 1


def chart_svg(chart: dict, *, salt: str) -> str:
    """The chart of one quantity as an ``<svg>`` element to inline in HTML.

    ``salt`` keeps the output deterministic and prefixes every element id, so that several
    charts can share one page."""
    import matplotlib
    from matplotlib.backends.backend_svg import FigureCanvasSVG
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch
    from matplotlib.ticker import FuncFormatter

    points = chart["points"]
    slots = _slots(points)
    by_slot: dict[str | None, list[dict]] = defaultdict(list)
    for p in points:
        by_slot[p["date"]].append(p)
    colours = matplotlib.color_sequences["tab10"]
    series = [s["name"] for s in chart["series"]]
    top = _top(points)

    with matplotlib.rc_context({"svg.hashsalt": salt, "svg.fonttype": "none"}):
        figure = Figure(figsize=(7.2, 3.8), layout="constrained")
        FigureCanvasSVG(figure)
        ax = figure.add_subplot()
        for slot_date, members in by_slot.items():
            width = 0.6 / len(members)
            for i, p in enumerate(members):
                x = slots[slot_date] - 0.3 + width * (i + 0.5)
                colour = colours[series.index(p["series"]) % len(colours)]
                _mark(ax, p, x, width, top, colour)
                if p.get("precision") in ("month", "year"):
                    # A month or a year: a span across the slot, not a day.
                    y = _anchor(p, top)
                    ax.plot(
                        [slots[slot_date] - 0.3, slots[slot_date] + 0.3],
                        [y, y],
                        color=colour,
                        linewidth=1,
                        linestyle=":",
                    )
                ax.annotate(
                    f"#{p['claim']}",
                    (x, _anchor(p, top)),
                    textcoords="offset points",
                    xytext=(4, 2),
                    fontsize=7,
                    color="#444444",
                )
        ax.set_xticks(list(slots.values()), [d or UNDATED for d in slots])
        if len(slots) > 4:
            ax.tick_params(axis="x", labelrotation=30, labelsize=8)
            for label in ax.get_xticklabels():
                label.set_horizontalalignment("right")
        ax.set_xlim(-0.6, len(slots) - 0.4)
        ax.set_ylim(0, top)
        ax.set_ylabel(chart["label"])
        ax.set_xlabel(_axis_label(chart.get("date_bases", [])), fontsize=8)
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.0f}"))
        ax.grid(axis="y", color="#dddddd", linewidth=0.6)
        ax.spines[["top", "right"]].set_visible(False)
        handles = [
            Patch(color=colours[i % len(colours)], label=name) for i, name in enumerate(series)
        ]
        ax.legend(
            handles=handles,
            title="source",
            fontsize=8,
            title_fontsize=8,
            loc="upper left",
            bbox_to_anchor=(1.01, 1),
            borderaxespad=0,
        )
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    svg = buffer.getvalue()
    return _prefix_ids(svg[svg.index("<svg") :], salt)


_ID = re.compile(r'(\bid="|xlink:href="#|\bhref="#|url\(#)([^")]+)')


def _axis_label(bases: list[str]) -> str:
    """The time axis in factdb's own words: about-dates, and what stands in for them."""
    if not bases:
        return ""
    first, *others = bases
    first = "date the claim is about" if first == "claim about" else first
    return first + (f" (else {', '.join(others)})" if others else "")


def _prefix_ids(svg: str, prefix: str) -> str:
    """matplotlib numbers its element ids per figure ("figure_1"): prefix them, and every
    reference to them, so that several charts inlined in one page keep unique ids."""
    return _ID.sub(lambda m: f"{m[1]}{prefix}-{m[2]}", svg)


def _anchor(p: dict, top: float) -> float:
    """Where a mark's claim label goes: its value, or the top of its range or bar."""
    if p["value"] is not None:
        return p["value"]
    if p["kind"] == "vague":
        return min(p["low"] * 10 - 1, top)
    return p["high"] if p["high"] is not None else p["low"]


def _mark(ax, p: dict, x: float, width: float, top: float, colour) -> None:
    """One figure, drawn the way its kind reads: a point, a span, an arrow, an open bar."""
    kind = p["kind"]
    if kind in ("exact", "approximate"):
        face = colour if kind == "exact" else "white"
        ax.plot([x], [p["value"]], "o", color=colour, markerfacecolor=face)
    elif kind == "range":
        middle = (p["low"] + p["high"]) / 2
        ax.errorbar(
            [x],
            [middle],
            yerr=[[middle - p["low"]], [p["high"] - middle]],
            fmt="none",
            ecolor=colour,
            elinewidth=2.5,
            capsize=6,
        )
    elif kind == "lower_bound":
        ax.annotate("", (x, top), (x, p["low"]), arrowprops={"arrowstyle": "->", "color": colour})
        ax.plot([x], [p["low"]], "_", color=colour, markersize=12)
    elif kind == "upper_bound":
        ax.annotate("", (x, 0), (x, p["high"]), arrowprops={"arrowstyle": "->", "color": colour})
        ax.plot([x], [p["high"]], "_", color=colour, markersize=12)
    else:
        low, high = p["low"], min(p["low"] * 10 - 1, top)
        half = width * 0.35
        ax.bar([x], [high - low], bottom=low, width=half * 2, color=colour, alpha=0.18)
        # Sides and floor only: the open top says "some thousands", not a ceiling.
        ax.plot(
            [x - half, x - half, x + half, x + half],
            [high, low, low, high],
            color=colour,
            linestyle="--",
        )
