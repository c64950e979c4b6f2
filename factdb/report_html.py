"""The sourcing report as one self-contained HTML page.

Jinja2 with autoescape on renders every piece of user text as text; links are kept
only when they are plain http(s) URLs, and a Content-Security-Policy forbids scripts
and remote loads even if something slipped through. Inline CSS, no external asset, no
network: the file can be mailed, opened on a phone or printed. Charts are inline SVG
from factdb.charts when the ``charts`` extra is installed; the same figures are always
shown as a table, with a one-line note on how to get the chart when it is missing.
"""

from __future__ import annotations

import re
from functools import partial

from jinja2 import Environment, PackageLoader

from factdb import charts
from factdb.reports import (
    chain_text,
    contradiction_text,
    date_text,
    figure_text,
    published_reviews_text,
    scope_text,
    time_basis_text,
)
from factdb.reviews import review_line

_SAFE_URL = re.compile(r"https?://[^\s<>\"'`\x00-\x1f\x7f]+", re.IGNORECASE)


def safe_href(url: str | None) -> str | None:
    """The URL if a browser can only treat it as a web link (no ``javascript:``)."""
    return url if url and _SAFE_URL.fullmatch(url) else None


def _plain(text: str | None) -> str:
    return text or ""


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("factdb", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals |= {
        "safe_href": safe_href,
        "chain_text": partial(chain_text, escape=_plain),
        "figure_text": partial(figure_text, escape=_plain),
        "date_text": partial(date_text, escape=_plain),
        "contradiction_text": partial(contradiction_text, escape=_plain),
        "review_line": partial(review_line, escape=_plain),
        "published_reviews_text": published_reviews_text,
        "time_basis_text": time_basis_text,
    }
    return env


def _chart_views(report: dict) -> tuple[list[dict], bool]:
    have_charts = charts.available()
    views = []
    for i, chart in enumerate(report["charts"]):
        svg = charts.chart_svg(chart, salt=f"factdb-chart-{i}") if have_charts else None
        views.append(
            {**chart, "svg": svg, "sources": {s["name"]: s["source"] for s in chart["series"]}}
        )
    return views, have_charts


def _group_views(report: dict) -> list[dict]:
    """Each group's entries with their claim, the appearance to show first, and whether
    this is the claim's first listing (which carries the ``#claim-N`` anchor)."""
    claims = {c["id"]: c for c in report["claims"]}
    anchored: set[int] = set()
    views = []
    for group in report["groups"]:
        entries = []
        for entry in group["entries"]:
            claim = claims[entry["claim"]]
            index = entry["appearance"]
            main = claim["appearances"][index] if index is not None else None
            others = [a for a in claim["appearances"] if a is not main]
            entries.append(
                {
                    **entry,
                    "item": claim,
                    "main": [main] if main else claim["appearances"],
                    "others": others if main else [],
                    "anchor": claim["id"] not in anchored,
                }
            )
            anchored.add(claim["id"])
        views.append({**group, "entries": entries})
    return views


def render_html(report: dict) -> str:
    chart_views, have_charts = _chart_views(report)
    template = _environment().get_template("sourcing.html.j2")
    return template.render(
        report=report,
        summary=report["summary"],
        scope=scope_text(report),
        groups=_group_views(report),
        charts=chart_views,
        have_charts=have_charts,
        install_hint=charts.INSTALL_HINT,
    )
