"""Sourcing reports: for every claim, its chain of sources and how far it is checked.

``build_report`` gathers everything into one plain structure (dicts and lists, ready
for JSON) in a fixed number of queries whatever the number of claims; the renderers
(``render_markdown`` here, ``render_html`` in factdb.report_html, ``render_json``) only
present it, so the three formats cannot disagree. Claims are listed once in
``claims``; ``groups`` (by source, speaker or topic) refer to them by id, since a claim
can belong to several groups. Markdown escapes user text so that a claim cannot inject
Markdown or HTML into the report.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from factdb.actors import find_actor
from factdb.claim_objects import claim_page
from factdb.contradictions import Contradiction, find_contradictions, quantity_spec
from factdb.due import not_rechecked
from factdb.models import Claim
from factdb.query import ClaimQuery
from factdb.reviews import review_line
from factdb.serialize import claim_dict, number, source_ref
from factdb.spec_rows import to_date_spec
from factdb.tables import HISTORY
from factdb.validate import choice, topic_key
from factdb.vocab import ATTRIBUTION_KINDS, MODALITIES, STATUSES, VERDICTS

GROUPINGS = ("source", "speaker", "topic")
REPORT_FORMAT_VERSION = 1

MODALITY_NOTES = {
    "asserted": "stated as a fact",
    "reported": "someone's statement, reported",
    "possible": "a possibility, not a fact",
    "announced": "an announced intention or plan, not yet a fact",
}

# What the chart's time axis uses for a figure, best first: the date the claim is
# about (valid time), else when it was published, reported or made.
DATE_BASES = ("claim about", "source published", "claim reported", "claim made")


@dataclass(frozen=True)
class ReportScope:
    """Which claims a report covers and how it groups them."""

    by: str = "source"
    source_id: int | None = None
    speaker: str | None = None
    topic: str | None = None
    include_retracted: bool = False


def build_report(
    session: Session, scope: ReportScope | None = None, *, today: dt.date | None = None
) -> dict:
    """The sourcing report as plain data; README "Sourcing reports" documents the fields."""
    scope = scope or ReportScope()
    by = choice(scope.by, "grouping", GROUPINGS)
    page = claim_page(
        session,
        ClaimQuery(
            source_id=scope.source_id,
            speaker=scope.speaker,
            topic=scope.topic,
            include_retracted=scope.include_retracted,
            limit=None,
        ),
    )
    claims = page.claims
    found = find_contradictions(session, [c.id for c in claims])
    entries = [_claim_entry(c, page.history_counts.get(c.id, 0), found) for c in claims]
    earlier = earlier_verdicts(session, claims)
    for entry in entries:
        entry["earlier_verdicts"] = earlier.get(entry["id"], [])
    _add_repeats(session, entries)
    only = _only_group(session, scope, by)
    return {
        "report": "sourcing",
        "format_version": REPORT_FORMAT_VERSION,
        "generated": (today or dt.date.today()).isoformat(),
        "by": by,
        "filters": {
            "source": scope.source_id,
            "speaker": scope.speaker,
            "topic": scope.topic,
            "include_retracted": scope.include_retracted,
        },
        "summary": _summary(entries, found),
        "contradictions": [c.as_dict() for c in found],
        "groups": _groups(claims, by, only),
        "charts": _charts(claims),
        "to_recheck": _to_recheck(session, claims, today or dt.date.today()),
        "claims": entries,
    }


def _to_recheck(session: Session, claims: list[Claim], today: dt.date) -> list[dict]:
    """The claims with a re-check date not yet met by a verdict, soonest first;
    ``due`` says whether the date has come."""
    dated = sorted((c for c in claims if c.recheck_on), key=lambda c: (c.recheck_on, c.id))
    pending = set(not_rechecked(session, dated))
    return [
        {
            "claim": c.id,
            "recheck_on": c.recheck_on.isoformat(),
            "due": c.recheck_on <= today,
            "text": c.text,
        }
        for c in dated
        if c.id in pending and c.recheck_on
    ]


def earlier_verdicts(session: Session, claims: list[Claim]) -> dict[int, list[dict]]:
    """Per claim, the verdicts it was given before its present one (all of them if it
    was reopened since), oldest first, each with its rationale, date and author."""
    if not claims:
        return {}
    h = HISTORY.c
    query = (
        select(h.claim_id, h.at, h.actor, h.new)
        .where(h.claim_id.in_([c.id for c in claims]), h.action == "status")
        .order_by(h.claim_id, h.id)
    )
    given: dict[int, list[dict]] = defaultdict(list)
    for claim_id, at, actor, new in session.execute(query):
        if isinstance(new, dict) and new.get("status") in VERDICTS:
            given[claim_id].append(
                {
                    "verdict": new["status"],
                    "rationale": new.get("rationale"),
                    "date": at.date().isoformat(),
                    "by": actor,
                }
            )
    status = {c.id: c.status for c in claims}
    # The last verdict given is the present one while the claim still has it.
    return {
        claim_id: verdicts[:-1] if status[claim_id] == verdicts[-1]["verdict"] else verdicts
        for claim_id, verdicts in given.items()
    }


def _only_group(session: Session, scope: ReportScope, by: str) -> object:
    """When the report is filtered on the grouping itself, only that group is shown."""
    if by == "source":
        return scope.source_id
    if by == "speaker" and scope.speaker:
        return find_actor(session, scope.speaker).id
    if by == "topic" and scope.topic:
        return topic_key(scope.topic)
    return None


def _claim_entry(claim: Claim, history_count: int, found: list[Contradiction]) -> dict:
    entry = claim_dict(claim, history_count)
    made = _date_of(claim, "made")
    reported = _date_of(claim, "reported")
    for appearance in entry["appearances"]:
        appearance["chain"] = _chain(appearance, made, reported)
    entry["modality_note"] = MODALITY_NOTES[claim.modality]
    entry["reviews_summary"] = reviews_text(entry["reviews"])
    for figure, row in zip(entry["figures"], claim.figures, strict=True):
        figure["spec"] = quantity_spec(row)
        # Shown with the separators of the claim's language: "25 000..30 000 soldiers".
        figure["display"] = quantity_spec(row, claim.language)
    entry["contradictions"] = [
        {
            "figure": mine.position,
            "spec": mine.spec,
            "other_claim": theirs.claim_id,
            "other_figure": theirs.position,
            "other_spec": theirs.spec,
            "other_sources": list(theirs.source_ids),
            "grounds": list(c.grounds),
        }
        for c in found
        for mine, theirs in ((c.figure, c.other), (c.other, c.figure))
        if mine.claim_id == claim.id
    ]
    return entry


def _add_repeats(session: Session, entries: list[dict]) -> None:
    """Each claim's group of repeats, and where else its claim was said ("also said by
    … in …"), one entry per appearance of each other member."""
    from factdb.repeats import repeat_groups, repeat_rows, said_where

    groups = repeat_groups(session, [e["id"] for e in entries])
    for entry in entries:
        entry["repeats"] = groups[entry["id"]]
        entry["also_said"] = [
            {"claim": other["id"], **appearance, "text": said_where(appearance)}
            for other in (repeat_rows(session, entry["id"]) if entry["repeats"] else [])
            for appearance in other["appearances"]
        ]


def reviews_text(reviews: list[dict]) -> str | None:
    """What the published fact-checks say, counted by verdict: "rated false by 2
    published fact-checks; 1 more with a rating that maps to no verdict"."""
    if not reviews:
        return None
    counts = Counter(r["verdict"] for r in reviews)
    parts = [
        f"rated {v} by {n} published fact-check{'s' if n > 1 else ''}"
        for v in VERDICTS
        if (n := counts[v])
    ]
    if counts[None]:
        n = counts[None]
        parts.append(f"{n} {'more ' if parts else ''}with a rating that maps to no verdict")
    return "; ".join(parts)


def _date_of(claim: Claim, role: str) -> str | None:
    return next((to_date_spec(d).iso() for d in claim.dates if d.role == role and d.value), None)


def _chain(appearance: dict, made: str | None, reported: str | None) -> list[dict]:
    """claimant → relay → source, the way the claim reached the reader, with dates."""
    steps = []
    if appearance["claimant"]:
        steps.append({"role": "claimant", "name": appearance["claimant"], "date": made})
    if appearance["relay"]:
        steps.append({"role": "relay", "name": appearance["relay"], "date": reported})
    source = appearance["source"]
    steps.append(
        {
            "role": "source",
            "name": source["outlet"],
            "title": source["title"],
            "source": source["id"],
            "date": source["published"],
        }
    )
    return steps


def _summary(entries: list[dict], found: list[Contradiction]) -> dict:
    statuses = Counter(c["status"] for c in entries)
    attributions = Counter(c["attribution"] for c in entries)
    modalities = Counter(c["modality"] for c in entries)
    ids = {c["id"] for c in entries}
    contradicted = sorted(
        {ref.claim_id for c in found for ref in (c.figure, c.other)} & ids,
    )
    no_evidence = [c["id"] for c in entries if not c["evidence"]]
    rated = Counter(r["verdict"] for c in entries for r in c["reviews"])
    return {
        "claims": len(entries),
        "status": {s: statuses[s] for s in STATUSES},
        "verdict": {v: statuses[v] for v in VERDICTS},
        "attribution": {k: attributions[k] for k in ATTRIBUTION_KINDS},
        "modality": {m: modalities[m] for m in MODALITIES},
        "no_evidence": {"count": len(no_evidence), "claims": no_evidence},
        "contradicted": {"count": len(contradicted), "claims": contradicted},
        "published_reviews": {
            "count": rated.total(),
            "claims": sum(1 for c in entries if c["reviews"]),
            "verdict": {v: rated[v] for v in VERDICTS},
            "no_verdict": rated[None],
        },
    }


def _groups(claims: list[Claim], by: str, only: object) -> list[dict]:
    groups: dict[object, dict] = {}
    for claim in claims:
        for key, group, entry in _memberships(claim, by):
            if only is not None and key != only:
                continue
            target = groups.setdefault(key, {**group, "entries": []})
            if all(e["claim"] != claim.id for e in target["entries"]):
                target["entries"].append(entry)

    def order(item: tuple[object, dict]) -> tuple:
        key, group = item
        return (key is None, group["sort"])

    result = []
    for _, group in sorted(groups.items(), key=order):
        group.pop("sort")
        result.append(group)
    return result


def _memberships(claim: Claim, by: str):
    """(group key, group header, entry) for each group a claim belongs to."""
    if by == "source":
        for index, a in enumerate(claim.attributions):
            header = {"kind": "source", "id": a.source_id, "label": a.source.title}
            header |= {"source": source_ref(a.source), "sort": a.source_id}
            yield a.source_id, header, {"claim": claim.id, "appearance": index, "role": None}
    elif by == "speaker":
        named = False
        for index, a in enumerate(claim.attributions):
            for role, actor in (("claimant", a.claimant), ("relay", a.relay)):
                if actor is None:
                    continue
                named = True
                header = {"kind": "speaker", "id": actor.id, "label": actor.name}
                header["sort"] = actor.name.casefold()
                yield actor.id, header, {"claim": claim.id, "appearance": index, "role": role}
        if not named:
            header = {"kind": "speaker", "id": None, "label": "no speaker named", "sort": ""}
            yield None, header, {"claim": claim.id, "appearance": None, "role": None}
    else:
        for topic in claim.topics:
            header = {"kind": "topic", "id": topic.name, "label": topic.name, "sort": topic.name}
            yield topic.name, header, {"claim": claim.id, "appearance": None, "role": None}
        if not claim.topics:
            header = {"kind": "topic", "id": None, "label": "no topic", "sort": ""}
            yield None, header, {"claim": claim.id, "appearance": None, "role": None}


def _point_date(
    claim: Claim, source_published: dt.date | None
) -> tuple[dt.date | None, str, str, str, dt.date | None]:
    """(sort date, ISO text at its precision, basis, precision, last day) of a figure as
    it appears in one source: the claim's about-date, else the source's publication,
    else the date the claim was reported or made."""
    for d in claim.dates:
        if d.role == "about" and d.value is not None:
            return d.value, to_date_spec(d).iso() or "", DATE_BASES[0], d.precision, d.value_end
    if source_published is not None:
        iso = source_published.isoformat()
        return source_published, iso, DATE_BASES[1], "day", source_published
    for role, basis in (("reported", DATE_BASES[2]), ("made", DATE_BASES[3])):
        for d in claim.dates:
            if d.role == role and d.value is not None:
                iso = to_date_spec(d).iso() or ""
                return d.value, iso, basis, d.precision, d.value_end
    return None, "", "unknown", "day", None


def _charts(claims: list[Claim]) -> list[dict]:
    """Each quantity (unit and period) with at least two figures, its figures over time:
    one point per figure per source the claim appears in."""
    points: dict[tuple[str, str | None], list[dict]] = defaultdict(list)
    for claim in claims:
        for appearance in claim.attributions:
            when, iso, basis, precision, end = _point_date(claim, appearance.source.published)
            for row in claim.figures:
                points[(row.unit, row.per)].append(
                    {
                        "claim": claim.id,
                        "figure": row.position + 1,
                        "source": appearance.source_id,
                        "date": iso or None,
                        "date_end": end.isoformat() if iso and end else None,
                        "precision": precision if iso else None,
                        "date_basis": basis if iso else None,
                        "kind": row.kind,
                        "value": number(row.value),
                        "low": number(row.low),
                        "high": number(row.high),
                        "spec": quantity_spec(row),
                        "text": row.text,
                        "_sort": (when is None, when or dt.date.min, appearance.source_id),
                    }
                )
    sources = {a.source_id: a.source for c in claims for a in c.attributions}
    charts: list[dict[str, Any]] = []
    for (unit, per), members in points.items():
        if len(members) < 2:
            continue
        members.sort(key=lambda p: (p["_sort"], p["claim"], p["figure"]))
        order = sorted({p["source"] for p in members})
        # Named by source id, so that S3 is source 3 in every chart of every report.
        series = {sid: f"S{sid}" for sid in order}
        for p in members:
            del p["_sort"]
            p["series"] = series[p["source"]]
        charts.append(
            {
                "unit": unit,
                "per": per,
                "label": f"{unit}/{per}" if per else unit,
                "series": [
                    {"name": series[sid], "source": source_ref(sources[sid])} for sid in order
                ],
                "date_bases": [b for b in DATE_BASES if any(p["date_basis"] == b for p in members)],
                "points": members,
            }
        )
    charts.sort(key=lambda c: (-len(c["points"]), c["label"]))
    return charts


_BASIS_WORDS = {
    "source published": "the source's publication date",
    "claim reported": "the date the claim was reported",
    "claim made": "the date the claim was made",
}


def time_basis_text(chart: dict) -> str:
    """What a chart's time axis shows, for its legend: the about-dates, and what stands
    in for them where a claim has none."""
    others = " or ".join(_BASIS_WORDS[b] for b in chart["date_bases"] if b in _BASIS_WORDS)
    if "claim about" not in chart["date_bases"]:
        return f"No claim here says what date it is about: figures are placed at {others}."
    about = "Figures are placed at the date their claim is about (a month or a year as a span)"
    return f"{about}; where a claim has none, at {others}." if others else f"{about}."


def render_json(report: dict) -> str:
    return json.dumps(report, ensure_ascii=False, indent=2) + "\n"


# Markdown -------------------------------------------------------------------------

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|!])")


def md(text: str | None) -> str:
    """Escape user text for Markdown; newlines become spaces to keep list items whole."""
    if text is None:
        return ""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def md_url(url: str) -> str:
    """A URL as a Markdown autolink only when it is plain http(s); otherwise as text."""
    if re.fullmatch(r"https?://[^\s<>\x00-\x1f\x7f]+", url, re.IGNORECASE):
        return f"<{url}>"
    return md(url)


def scope_text(report: dict) -> str:
    filters = report["filters"]
    parts = [
        f"source {filters['source']}" if filters["source"] is not None else None,
        f"speaker {filters['speaker']}" if filters["speaker"] else None,
        f"topic {filters['topic']}" if filters["topic"] else None,
        "retracted claims included" if filters["include_retracted"] else None,
    ]
    return ", ".join(p for p in parts if p) or "all sources"


def render_markdown(report: dict) -> str:
    claims = {c["id"]: c for c in report["claims"]}
    lines = ["# Sourcing report", ""]
    lines += [
        f"_{len(claims)} claims; {md(scope_text(report))}; by {report['by']}; "
        f"generated {report['generated']} by factdb._",
        "",
    ]
    lines += _md_summary(report)
    for group in report["groups"]:
        lines += _md_group(group, claims, report["by"])
    return "\n".join(lines).rstrip() + "\n"


def _md_summary(report: dict) -> list[str]:
    summary = report["summary"]
    lines = ["## Summary", "", "| status | claims |", "|---|---:|"]
    lines += [f"| {s} | {n} |" for s, n in summary["status"].items() if n]
    verdicts = {v: n for v, n in summary["verdict"].items() if n}
    lines += ["", "| verdict | claims |", "|---|---:|"] if verdicts else ["", "No verdict yet."]
    lines += [f"| {v} | {n} |" for v, n in verdicts.items()]
    lines += ["", "| attribution | claims |", "|---|---:|"]
    lines += [f"| {k} | {n} |" for k, n in summary["attribution"].items() if n]
    lines += ["", "| modality | claims |", "|---|---:|"]
    lines += [f"| {m} | {n} |" for m, n in summary["modality"].items() if n]
    no_evidence = summary["no_evidence"]
    lines += ["", f"Claims with no evidence yet: {no_evidence['count']} of {summary['claims']}."]
    contradicted = summary["contradicted"]
    lines += [
        "",
        f"Claims whose figures disagree with another source: {contradicted['count']}.",
        "",
        f"{published_reviews_text(summary['published_reviews'])}.",
        "",
    ]
    for c in report["contradictions"]:
        lines.append(f"- {contradiction_text(c, md)}")
    if report["contradictions"]:
        lines.append("")
    lines += _md_recheck(report)
    for chart in report["charts"]:
        lines += [f"### Figures over time: {chart['label']}", "", time_basis_text(chart), ""]
        lines += ["| date | date of | source | claim | figure | words |"]
        lines += ["|---|---|---|---:|---|---|"]
        names = {s["name"]: s["source"] for s in chart["series"]}
        for p in chart["points"]:
            source = names[p["series"]]
            lines.append(
                f"| {p['date'] or 'date unknown'} | {p['date_basis'] or ''} "
                f"| {p['series']}: {md(source['title'])} "
                f"| {p['claim']} | {md(p['spec'])} | {md(p['text'])} |"
            )
        lines.append("")
    return lines


def _md_recheck(report: dict) -> list[str]:
    if not report["to_recheck"]:
        return []
    lines = ["### To re-check", ""]
    for r in report["to_recheck"]:
        due = " (due)" if r["due"] else ""
        lines.append(f"- {r['recheck_on']}{due}: claim {r['claim']}, {md(r['text'])}")
    return [*lines, ""]


def published_reviews_text(published: dict) -> str:
    """The summary's line on published fact-checks."""
    if not published["count"]:
        return "Published fact-checks: none"
    counts = [f"{v} {n}" for v, n in published["verdict"].items() if n]
    if published["no_verdict"]:
        counts.append(f"no verdict {published['no_verdict']}")
    return (
        f"Published fact-checks: {published['count']} of {published['claims']} claims "
        f"({', '.join(counts)})"
    )


def contradiction_text(c: dict, escape) -> str:
    first, other = c["figure"], c["other"]
    return (
        f"claim {first['claim']} figure {first['figure']} ({escape(first['spec'])}) "
        f"vs claim {other['claim']} figure {other['figure']} ({escape(other['spec'])}): "
        f"{escape('; '.join(c['grounds']))}"
    )


def _md_group(group: dict, claims: dict[int, dict], by: str) -> list[str]:
    if group["kind"] == "source":
        source = group["source"]
        outlet = md(source["outlet"]) if source["outlet"] else "outlet unknown"
        published = source["published"] or "publication date unknown"
        url = f" — {md_url(source['url'])}" if source["url"] else ""
        lines = [f"## Source {source['id']}: {md(source['title'])}", "", f"{outlet}, {published}"]
        lines[-1] += url
    else:
        title = "Speaker" if group["kind"] == "speaker" else "Topic"
        lines = [f"## {title}: {md(group['label'])}"]
    lines += ["", f"_{len(group['entries'])} claims._", ""]
    for entry in group["entries"]:
        lines += _md_claim(claims[entry["claim"]], entry)
    return lines


def chain_text(appearance: dict, escape) -> str:
    """claimant → relay → outlet, the way the claim reached the reader."""
    steps = []
    for step in appearance["chain"]:
        date = step["date"]
        if step["role"] == "source":
            name = (
                escape(step["name"]) if step["name"] else f"source {step['source']}, outlet unknown"
            )
            steps.append(f"{name} ({date or 'date unknown'})")
        else:
            steps.append(f"{escape(step['name'])} ({step['role']}{', ' + date if date else ''})")
    if appearance["attribution"] == "unattributed":
        return f"{steps[-1]}: the outlet's own assertion, no speaker named"
    speech = "direct quote" if appearance["attribution"] == "direct" else "reported speech"
    return f"{' → '.join(steps)}; {speech}"


def figure_text(figure: dict, escape) -> str:
    words = f" — from “{escape(figure['text'])}”" if figure["text"] else ""
    shown = figure.get("display", figure["spec"])
    return f"{escape(shown)} ({figure['kind'].replace('_', ' ')}){words}"


def date_text(date: dict, escape) -> str:
    words = f"“{escape(date['text'])}” → " if date["text"] else ""
    if date["value"] is None:
        return f"{date['role']}: {words}unresolved ({date['precision']}; no anchor date)"
    anchor = f"; anchor {date['anchor']}" if date["anchor"] else ""
    note = f" ({escape(date['anchor_note'])})" if date["anchor_note"] else ""
    return f"{date['role']}: {words}{date['value']} ({date['precision']} precision{anchor}){note}"


def _md_claim(claim: dict, entry: dict) -> list[str]:
    verdict = f" — verdict: **{claim['verdict']}**" if claim["verdict"] else ""
    role = f" ({entry['role']})" if entry["role"] else ""
    lines = [f"### Claim {claim['id']}: {claim['status']}{verdict}{role}", ""]
    lines += [f"> {md(claim['text'])}", ""]
    if claim["translation"]:
        lines += [f"_Translation:_ {md(claim['translation'])}", ""]
    appearances = claim["appearances"]
    main = appearances[entry["appearance"]] if entry["appearance"] is not None else None
    for appearance in [main] if main else appearances:
        lines.append(f"- **Chain of sources:** {chain_text(appearance, md)}")
        if appearance["quote"]:
            lines.append(f"- **Words in the source:** “{md(appearance['quote'])}”")
    if main:
        for other in appearances:
            if other is not main:
                lines.append(
                    f"- **Also in source {other['source']['id']}:** {chain_text(other, md)}"
                )
    for also in claim["also_said"]:
        lines.append(f"- **Also said by** {md(also['text'])} (claim {also['claim']})")
    note = claim["modality_note"]
    note = f"**{note}**" if claim["modality"] == "possible" else note
    lines.append(f"- **Modality:** {claim['modality']}, {note}")
    lines.append(f"- **Type:** {claim['type']}")
    if claim["topics"]:
        lines.append(f"- **Topics:** {', '.join(md(t) for t in claim['topics'])}")
    if claim["figures"]:
        lines.append("- **Figures:**")
        lines += [f"  - {figure_text(f, md)}" for f in claim["figures"]]
    if claim["dates"]:
        lines.append("- **Dates:**")
        lines += [f"  - {date_text(d, md)}" for d in claim["dates"]]
    for c in claim["contradictions"]:
        lines.append(
            f"- **Disagrees:** figure {c['figure']} ({md(c['spec'])}) vs claim "
            f"{c['other_claim']} figure {c['other_figure']} ({md(c['other_spec'])}): "
            f"{md('; '.join(c['grounds']))}"
        )
    lines.append(f"- **Status:** {claim['status']} (version {claim['version']})")
    if claim["rationale"]:
        lines.append(f"- **Rationale:** {md(claim['rationale'])}")
    for v in claim["earlier_verdicts"]:
        lines.append(
            f"- **Earlier verdict:** {v['verdict']} on {v['date']} by {md(v['by'])}: "
            f"{md(v['rationale'])}"
        )
    if claim["evidence"]:
        lines.append("- **Evidence:**")
        for e in claim["evidence"]:
            where = md_url(e["url"]) if e["url"] else md(e["document"])
            accessed = f", accessed {e['accessed']}" if e["accessed"] else ""
            note = f" — {md(e['note'])}" if e["note"] else ""
            lines.append(f"  - {e['stance']}: {where}{accessed}{note}")
    else:
        lines.append("- **Evidence:** none yet")
    if claim["reviews"]:
        lines.append(f"- **Published fact-checks:** {claim['reviews_summary']}")
        for r in claim["reviews"]:
            url = f" — {md_url(r['url'])}" if r["url"] else ""
            lines.append(f"  - {review_line(r, md)}{url}")
    lines.append("")
    return lines
