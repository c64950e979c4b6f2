"""The speaker report: one speaker's track record, claims over time, figures, claims due.

Like the sourcing report (factdb.reports), ``build_speaker_report`` gathers plain
data (ready for JSON) and the renderers only present it: Markdown here, HTML through
``templates/speaker.html.j2`` (autoescaped), JSON as is.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from types import SimpleNamespace

from sqlalchemy.orm import Session

from factdb.actors import find_actor
from factdb.asof import figure_of
from factdb.due import not_rechecked
from factdb.records import claim_day, recent, record, speaker_claims
from factdb.reports import md
from factdb.serialize import actor_dict

REPORT_FORMAT_VERSION = 1


def build_speaker_report(
    session: Session,
    name: str,
    *,
    when: dt.datetime | None = None,
    today: dt.date | None = None,
) -> dict:
    """The speaker report as plain data; ``when``: the ledger as recorded then."""
    actor = find_actor(session, name)
    rows = speaker_claims(session, actor.name, when)
    day = when.date() if when else (today or dt.date.today())
    return {
        "report": "speaker",
        "format_version": REPORT_FORMAT_VERSION,
        "generated": (today or dt.date.today()).isoformat(),
        "as_of": when.isoformat() if when else None,
        "speaker": actor_dict(actor),
        "record": record(actor.name, rows),
        "recent": recent(actor.name, rows),
        "over_time": _over_time(actor.name, rows),
        "figures": _figures(rows),
        "due": _due(session, rows, day),
        "claims": [
            {
                "id": r["id"],
                "date": claim_day(r),
                "status": r["status"],
                "claimant": r["claimant"],
                "relay": r["relay"],
                "text": r["text"],
            }
            for r in rows
        ],
    }


def _over_time(name: str, rows: list[dict]) -> list[dict]:
    """Claims per month (per year when only the year is known), as claimant and relay."""
    counts: dict[str, Counter] = {}
    for r in rows:
        period = (claim_day(r) or "unknown")[:7]
        for role in ("claimant", "relay"):
            if any(a[role] == name for a in r["appearances"]):
                counts.setdefault(period, Counter())[role] += 1
    return [
        {"period": p, "claimant": c["claimant"], "relay": c["relay"]}
        for p, c in sorted(counts.items())
    ]


def _figures(rows: list[dict]) -> list[dict]:
    """The figures of the speaker's claims, by unit (and period of a rate)."""
    groups: dict[tuple[str, str | None], list[dict]] = {}
    for r in rows:
        for position, f in enumerate(r["figures"], 1):
            spec = figure_of(f)
            groups.setdefault((f["unit"], f["per"]), []).append(
                {
                    "claim": r["id"],
                    "figure": position,
                    "date": claim_day(r),
                    "spec": spec.to_spec(),
                    "text": f["text"],
                }
            )
    return [
        {"unit": unit, "per": per, "points": sorted(points, key=lambda p: p["date"] or "")}
        for (unit, per), points in sorted(groups.items(), key=lambda g: (g[0][0], g[0][1] or ""))
    ]


def _due(session: Session, rows: list[dict], day: dt.date) -> list[dict]:
    """The speaker's claims due for a re-check on ``day``, as ``factdb due`` finds them."""
    dated = sorted(
        (
            SimpleNamespace(id=r["id"], status=r["status"], recheck_on=date, text=r["text"])
            for r in rows
            if r["recheck_on"] and (date := dt.date.fromisoformat(r["recheck_on"])) <= day
        ),
        key=lambda c: (c.recheck_on, c.id),
    )
    pending = set(not_rechecked(session, dated))
    return [
        {"claim": c.id, "recheck_on": c.recheck_on.isoformat(), "text": c.text}
        for c in dated
        if c.id in pending
    ]


def render_json(report: dict) -> str:
    return json.dumps(report, ensure_ascii=False, indent=2) + "\n"


def render_markdown(report: dict) -> str:
    speaker = report["speaker"]
    rec = report["record"]
    as_of = f"; as recorded at {report['as_of']}" if report["as_of"] else ""
    lines = [
        f"# Speaker report: {md(speaker['name'])}",
        "",
        f"_{len(report['claims'])} claims{as_of}; generated {report['generated']} by factdb._",
        "",
        "## Record",
        "",
        "| as | " + " | ".join(rec["claimant"]["statuses"]) + " |",
        "|---|" + "---:|" * len(rec["claimant"]["statuses"]),
    ]
    for role in ("claimant", "relay"):
        lines.append(f"| {role} | " + " | ".join(map(str, rec[role]["statuses"].values())) + " |")
    published = ", ".join(f"{v} {n}" for v, n in rec["published"].items()) or "none"
    lines += [
        "",
        f"Published reviews: {published}. Claims from {rec['first'] or '?'} "
        f"to {rec['last'] or '?'}.",
        "",
        "## Claims over time",
        "",
        "| period | as claimant | as relay |",
        "|---|---:|---:|",
    ]
    lines += [f"| {p['period']} | {p['claimant']} | {p['relay']} |" for p in report["over_time"]]
    lines += ["", "## Figures", ""]
    if not report["figures"]:
        lines += ["No figures.", ""]
    for group in report["figures"]:
        per = f" per {group['per']}" if group["per"] else ""
        lines += [f"### {md(group['unit'])}{per}", "", "| date | claim | figure | words |"]
        lines += ["|---|---:|---|---|"]
        lines += [
            f"| {p['date'] or '?'} | {p['claim']} | {md(p['spec'])} | {md(p['text'])} |"
            for p in group["points"]
        ]
        lines.append("")
    lines += ["## Due for a re-check", ""]
    lines += [f"- {d['recheck_on']}: claim {d['claim']}, {md(d['text'])}" for d in report["due"]]
    lines += ["None." if not report["due"] else "", "", "## Claims", ""]
    lines += [
        f"- {c['date'] or '?'}: claim {c['id']} ({c['status']}), {md(c['text'])}"
        for c in report["claims"]
    ]
    return "\n".join(lines).rstrip() + "\n"


def render_html(report: dict) -> str:
    from jinja2 import Environment, PackageLoader

    env = Environment(
        loader=PackageLoader("factdb", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env.get_template("speaker.html.j2").render(report=report)
