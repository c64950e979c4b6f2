"""factdb claims: log, change, verify and find claims."""

from typing import Annotated

import typer

from factdb.cli.asof import AsOfOption, moment
from factdb.cli.common import (
    COUNT,
    OFFSET,
    POSITION,
    SOURCE_ID,
    ClaimId,
    Format,
    FormatOption,
    IfVersionOption,
    ReasonOption,
    WideOption,
    emit,
    fail,
    finite_number,
    ledger,
    refuse_empty,
    user,
)
from factdb.cli.output import Column

app = typer.Typer(help="Log claims, move them through verification, and query them.")

FIGURE_HELP = (
    "A figure (repeatable): '2 flights/week', '25000..30000 soldiers', '~3000 soldiers', "
    "'>10000 soldiers' (more than), '>=10000 soldiers' (at least), '1,5 milliard EUR', "
    "'15 miles', '6 reactors', 'thousands of soldiers', '+6000 soldiers @nk-troops' (an "
    "increment of a quantity); add '| original words'. See docs/figures.md."
)
NEW_UNIT_HELP = "Accept a new unit even when it is close to a known one (not a typo)."
DATE_HELP = (
    "A date (repeatable): [about:|made:|reported:]EXPR[@ANCHOR][| original words], where EXPR "
    "is YYYY-MM-DD, YYYY-MM, YYYY or a relative expression ('l'année dernière', 'last week', "
    "'il y a 3 jours'); relative dates resolve against @ANCHOR, else the source's publication "
    "date, else stay unresolved."
)

# The table of `claims list`: at 80 columns the claim's text wraps and the rest fits;
# --wide adds what the CSV form has beside.
LIST_TABLE = [
    Column("id", "id"),
    Column("status", "status"),
    Column("date_text", "date", cap=10),
    Column("claimant", "claimant", cap=16),
    Column("source_short", "source", cap=14),
    Column("text", "text", free=True),
    Column("relay", "relay", cap=16, wide=True),
    Column("modality", "modality", wide=True),
    Column("figures_text", "figures", cap=40, wide=True),
    Column("topics", "topics", wide=True),
]
LIST_COLUMNS = [
    ("id", "id"),
    ("status", "status"),
    ("claimant", "claimant"),
    ("relay", "relay"),
    ("modality", "modality"),
    ("text", "text"),
    ("figures_text", "figures"),
    ("topics", "topics"),
]
SHOW_COLUMNS = [
    ("id", "id"),
    ("version", "version"),
    ("status", "status"),
    ("text", "text"),
    ("translation", "translation"),
    ("claimant", "claimant"),
    ("relay", "relay"),
    ("attribution", "attribution"),
    ("modality", "modality"),
    ("type", "type"),
    ("source_text", "source"),
    ("figures_text", "figures"),
    ("dates_text", "dates"),
    ("topics", "topics"),
    ("rationale", "rationale"),
    ("evidence_text", "evidence"),
    ("reviews_text", "reviews"),
    ("recheck_on", "recheck"),
    ("repeats_text", "repeats"),
    ("history_count", "history"),
]


def _with_text_fields(row: dict) -> dict:
    """Human-readable summaries for the table and CSV forms (JSON keeps the structure)."""
    from factdb.figures import FigureSpec

    figures = []
    for i, f in enumerate(row["figures"], 1):
        spec = FigureSpec(
            kind=f["kind"],
            value=f["value"],
            low=f["low"],
            high=f["high"],
            unit=f["unit"],
            per=f["per"],
            text=None,
            strict=f["strict"],
            quantity=f["quantity"],
            increment=f["increment"],
            per_count=f["per_count"],
            per_unit=f["per_unit"],
        ).format(row.get("language"))
        figures.append(f"#{i} {spec}" + (f" ({f['text']})" if f["text"] else ""))
    dates = []
    for i, d in enumerate(row["dates"], 1):
        value = d["value"] or "unresolved"
        words = f"“{d['text']}” → " if d["text"] else ""
        anchor = f", anchor {d['anchor']}" if d["anchor"] else ""
        dates.append(f"#{i} {d['role']}: {words}{value} ({d['precision']}{anchor})")
    source = row["source"]
    about = next((d for d in row["dates"] if d["role"] == "about"), None)
    return {
        **row,
        "date_text": (about["value"] or "unresolved") if about else None,
        "source_short": f"{source['id']} {source['outlet'] or source['title']}",
        "figures_text": figures,
        "dates_text": dates,
        "source_text": f"{source['id']}: {source['outlet'] or 'outlet unknown'}, {source['title']}",
        "evidence_text": [
            f"{e['stance']}: {e['url'] or e['document']}" for e in row.get("evidence", [])
        ],
        "reviews_text": [review_text(r) for r in row.get("reviews", [])],
    }


def _notice(message: str) -> None:
    """A note on stderr that does not change the command's output ("new unit …")."""
    typer.echo(message, err=True)


def _bound(value: str) -> str:
    """A parser for --min/--max: a finite number, or one with its own unit ('15 miles'),
    checked before the ledger is opened."""
    try:
        finite_number(value)
    except ValueError as error:
        from factdb.errors import InvalidInput
        from factdb.figures import parse_amount

        try:
            parse_amount(value)
        except InvalidInput as amount_error:
            if value.strip()[:1].isdigit():
                raise ValueError(str(amount_error)) from None
            raise error from None
    return value.strip()


def review_text(review: dict) -> str:
    """One published review in a line, with where it came from and its page."""
    from factdb.reviews import review_line

    url = f" {review['url']}" if review["url"] else ""
    return f"{review_line(review)} ({review['origin']}){url}"


@app.command("add")
def add(
    ctx: typer.Context,
    source: Annotated[
        int, typer.Option(help="Id of the source the claim appears in.", parser=SOURCE_ID)
    ],
    text: Annotated[str, typer.Option(help="The statement verbatim, in its original language.")],
    speaker: Annotated[
        str | None, typer.Option(help="Who made the claim (any alias); omit for the outlet's own.")
    ] = None,
    relay: Annotated[
        str | None, typer.Option(help="Through whom it reached the source ('selon X').")
    ] = None,
    attribution: Annotated[
        str | None,
        typer.Option(help="direct, reported or unattributed (default: from --speaker)."),
    ] = None,
    modality: Annotated[
        str, typer.Option(help="asserted, reported, possible or announced.")
    ] = "asserted",
    claim_type: Annotated[
        str | None,
        typer.Option("--type", help="quantity, event, quote or forecast (default: inferred)."),
    ] = None,
    topic: Annotated[list[str] | None, typer.Option(help="A topic (repeatable).")] = None,
    figure: Annotated[list[str] | None, typer.Option(help=FIGURE_HELP)] = None,
    date: Annotated[list[str] | None, typer.Option(help=DATE_HELP)] = None,
    anchor_note: Annotated[
        str | None, typer.Option(help="How the anchor of relative dates was chosen.")
    ] = None,
    language: Annotated[
        str | None, typer.Option(help="Language of the text (default: the source's).")
    ] = None,
    translation: Annotated[str | None, typer.Option(help="A working translation.")] = None,
    quote: Annotated[
        str | None, typer.Option(help="The words as they appear in the source.")
    ] = None,
    start: Annotated[
        int | None, typer.Option(help="Character offset of the quote.", parser=OFFSET)
    ] = None,
    end: Annotated[
        int | None, typer.Option(help="End offset of the quote (exclusive).", parser=OFFSET)
    ] = None,
    key: Annotated[str | None, typer.Option(help="Your own stable identifier.")] = None,
    note: Annotated[str | None, typer.Option(help="A note for other fact-checkers.")] = None,
    new_unit: Annotated[bool, typer.Option("--new-unit", help=NEW_UNIT_HELP)] = False,
    no_check: Annotated[
        bool, typer.Option("--no-check", help="Do not look for claims this one may repeat.")
    ] = False,
) -> None:
    """Log a claim as it appears in a source; prints its id, then on stderr each claim
    of the ledger it may repeat (score >= 0.6, see `claims similar`)."""
    from factdb.claims import AttributionInput, add_claim
    from factdb.matching import possible_repeats

    with ledger(ctx) as session:
        claim = add_claim(
            session,
            text=text,
            appearance=AttributionInput(
                source_id=source,
                speaker=speaker,
                relay=relay,
                kind=attribution,
                quote=quote,
                start=start,
                end=end,
            ),
            language_code=language,
            translation=translation,
            claim_type=claim_type,
            modality=modality,
            topics=topic or (),
            figures=figure or (),
            dates=date or (),
            anchor_note=anchor_note,
            key=key,
            note=note,
            user=user(ctx),
            new_unit=new_unit,
            notify=_notice,
        )
        claim_id = claim.id
        repeats = [] if no_check else possible_repeats(session, claim_id=claim_id)
    typer.echo(f"added claim {claim_id}")
    for repeat in repeats:
        typer.echo(repeat.line(), err=True)


@app.command("cite")
def cite(
    ctx: typer.Context,
    claim_id: ClaimId,
    source: Annotated[
        int, typer.Option(help="Id of the other source the claim appears in.", parser=SOURCE_ID)
    ],
    speaker: Annotated[str | None, typer.Option(help="Who made the claim there.")] = None,
    relay: Annotated[str | None, typer.Option(help="Through whom it reached that source.")] = None,
    attribution: Annotated[
        str | None, typer.Option(help="direct, reported or unattributed.")
    ] = None,
    quote: Annotated[str | None, typer.Option(help="The words as that source gives them.")] = None,
    reason: ReasonOption = None,
    if_version: IfVersionOption = None,
) -> None:
    """Record that a claim also appears in another source."""
    from factdb.claims import AttributionInput, add_appearance

    with ledger(ctx) as session:
        claim = add_appearance(
            session,
            claim_id,
            AttributionInput(
                source_id=source, speaker=speaker, relay=relay, kind=attribution, quote=quote
            ),
            user=user(ctx),
            reason=reason,
            if_version=if_version,
        )
        version = claim.version
    typer.echo(f"claim {claim_id} now also cites source {source} (version {version})")


@app.command("list")
def list_(
    ctx: typer.Context,
    speaker: Annotated[
        str | None, typer.Option(help="Claims made or relayed by this speaker (any alias).")
    ] = None,
    topic: Annotated[str | None, typer.Option(help="Claims with this topic.")] = None,
    status: Annotated[
        str | None, typer.Option(help="A status, or 'verdict' for any verdict.")
    ] = None,
    source: Annotated[
        int | None, typer.Option(help="Claims appearing in this source.", parser=SOURCE_ID)
    ] = None,
    since: Annotated[
        str | None,
        typer.Option(help="Claims whose date (see --date-role) ends on or after YYYY-MM-DD."),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option(help="Claims whose date (see --date-role) starts on or before YYYY-MM-DD."),
    ] = None,
    date_role: Annotated[
        str,
        typer.Option(help="Which date --since/--until use: about, made or reported."),
    ] = "about",
    unit: Annotated[str | None, typer.Option(help="Claims with a figure in this unit.")] = None,
    min_value: Annotated[
        str | None,
        typer.Option(
            "--min",
            help="A figure that can be at least this, in --unit or its own unit ('15 miles'); "
            "converted within the dimension.",
            parser=_bound,
        ),
    ] = None,
    max_value: Annotated[
        str | None,
        typer.Option("--max", help="A figure that can be at most this (as --min).", parser=_bound),
    ] = None,
    text: Annotated[str | None, typer.Option(help="Words in the claim or its translation.")] = None,
    rated: Annotated[
        str | None,
        typer.Option(
            metavar="VERDICT",
            help="Claims a published fact-check rated this verdict; 'any' for claims "
            "with at least one published fact-check.",
        ),
    ] = None,
    reviewer: Annotated[
        str | None,
        typer.Option(
            metavar="NAME",
            help="Claims with a published fact-check by this publisher (case and accents "
            "aside); with --rated, that publisher's rating.",
        ),
    ] = None,
    include_retracted: Annotated[
        bool, typer.Option("--include-retracted", help="Also list retracted claims.")
    ] = False,
    repeated: Annotated[
        bool,
        typer.Option("--repeated", help="Only claims linked as repeats (see `claims link`)."),
    ] = False,
    limit: Annotated[int, typer.Option(help="At most this many claims.", parser=COUNT)] = 100,
    offset: Annotated[int, typer.Option(help="Skip this many claims first.", parser=COUNT)] = 0,
    total: Annotated[
        bool,
        typer.Option(
            "--total/--no-total",
            help="When claims are left out, count them all for the note on stderr; on a "
            "large ledger the count can take longer than the page.",
        ),
    ] = True,
    as_of: AsOfOption = None,
    format: FormatOption = Format.table,
    wide: WideOption = False,
) -> None:
    """List claims, oldest first; every filter given must match."""
    from factdb.listing import RowPage, list_claims
    from factdb.query import ClaimQuery
    from factdb.validate import choice, parse_day
    from factdb.vocab import DATE_ROLES

    refuse_empty(speaker=speaker, topic=topic, status=status, text=text, unit=unit)
    when = moment(as_of)
    with ledger(ctx, write=False) as session:
        query = ClaimQuery(
            speaker=speaker,
            topic=topic,
            status=status,
            source_id=source,
            since=parse_day(since, "--since"),
            until=parse_day(until, "--until"),
            date_role=choice(date_role, "date role", DATE_ROLES),
            unit=unit,
            min_value=min_value,
            max_value=max_value,
            text=text,
            rated=rated,
            reviewer=reviewer,
            include_retracted=include_retracted,
            repeated=repeated,
            limit=limit,
            offset=offset,
        )
        if when is None:
            page = list_claims(session, query, count=total)
        else:
            from factdb.asof import list_at

            found, more = list_at(session, query, when)
            page = RowPage(found, None if more else offset + len(found))
        rows = page.rows
    emit(
        rows if format is Format.json else [_with_text_fields(r) for r in rows],
        format,
        LIST_TABLE if format is Format.table else LIST_COLUMNS,
        title="Claims",
        empty="no claims match",
        wide=wide,
    )
    if page.total is None and rows:
        typer.echo(
            f"showing {len(rows)} claims from {offset + 1}, and more follow: "
            "use --limit/--offset for more",
            err=True,
        )
    elif page.total is not None and page.total > offset + len(rows):
        typer.echo(
            f"showing {len(rows)} of {page.total} claims from {offset + 1}: "
            "use --limit/--offset for more",
            err=True,
        )


@app.command("show")
def show(
    ctx: typer.Context,
    claim_id: ClaimId,
    as_of: AsOfOption = None,
    format: FormatOption = Format.table,
) -> None:
    """Show one claim with its attribution, figures, dates, status and evidence."""
    from factdb.claim_objects import get_claim, history_counts
    from factdb.repeats import repeat_rows, said_where
    from factdb.serialize import claim_dict

    when = moment(as_of)
    with ledger(ctx, write=False) as session:
        if when is not None:
            from factdb.asof import claim_at

            row = claim_at(session, claim_id, when)
        else:
            claim = get_claim(session, claim_id)
            row = claim_dict(claim, history_counts(session, [claim]).get(claim.id, 0))
        repeats = repeat_rows(session, claim_id)
        if when is None:
            row["repeats"] = [r["id"] for r in repeats]
        else:  # the group as it was; the table describes those still linked
            repeats = [r for r in repeats if r["id"] in row["repeats"]]
    repeats_text = [
        f"#{r['id']} ({r['status']}): {'; '.join(map(said_where, r['appearances']))}"
        for r in repeats
    ]
    if format is Format.json:
        emit(row, format, SHOW_COLUMNS)
    elif format is Format.csv:
        emit({**_with_text_fields(row), "repeats_text": repeats_text}, format, SHOW_COLUMNS)
    else:
        emit(
            {**_with_text_fields(row), "repeats_text": repeats_text},
            format,
            SHOW_COLUMNS,
            title=f"Claim {row['id']}",
        )


@app.command("edit")
def edit(
    ctx: typer.Context,
    claim_id: ClaimId,
    text: Annotated[str | None, typer.Option(help="New verbatim text.")] = None,
    translation: Annotated[str | None, typer.Option(help="New working translation.")] = None,
    language: Annotated[str | None, typer.Option(help="New language code.")] = None,
    claim_type: Annotated[str | None, typer.Option("--type", help="New claim type.")] = None,
    modality: Annotated[str | None, typer.Option(help="New modality.")] = None,
    speaker: Annotated[str | None, typer.Option(help="New claimant.")] = None,
    relay: Annotated[str | None, typer.Option(help="New relay.")] = None,
    attribution: Annotated[str | None, typer.Option(help="New attribution kind.")] = None,
    quote: Annotated[str | None, typer.Option(help="New quoted words.")] = None,
    add_topic: Annotated[list[str] | None, typer.Option(help="Add a topic (repeatable).")] = None,
    remove_topic: Annotated[
        list[str] | None, typer.Option(help="Remove a topic (repeatable).")
    ] = None,
    add_figure: Annotated[list[str] | None, typer.Option(help=FIGURE_HELP)] = None,
    remove_figure: Annotated[
        list[int] | None,
        typer.Option(help="Remove figure #N as `claims show` numbers it.", parser=POSITION),
    ] = None,
    add_date: Annotated[list[str] | None, typer.Option(help=DATE_HELP)] = None,
    remove_date: Annotated[
        list[int] | None,
        typer.Option(help="Remove date #N as `claims show` numbers it.", parser=POSITION),
    ] = None,
    reason: ReasonOption = None,
    if_version: IfVersionOption = None,
    new_unit: Annotated[bool, typer.Option("--new-unit", help=NEW_UNIT_HELP)] = False,
) -> None:
    """Change a claim; the old and new values go into its history."""
    from factdb.claims import edit_claim

    with ledger(ctx) as session:
        claim = edit_claim(
            session,
            claim_id,
            user=user(ctx),
            reason=reason,
            if_version=if_version,
            text=text,
            translation=translation,
            language_code=language,
            claim_type=claim_type,
            modality=modality,
            speaker=speaker,
            relay=relay,
            attribution=attribution,
            quote=quote,
            add_topics=add_topic or (),
            remove_topics=remove_topic or (),
            add_figures=add_figure or (),
            remove_figures=remove_figure or (),
            add_dates=add_date or (),
            remove_dates=remove_date or (),
            new_unit=new_unit,
            notify=_notice,
        )
        version = claim.version
    typer.echo(f"edited claim {claim_id} (version {version})")


@app.command("status")
def status(
    ctx: typer.Context,
    claim_id: ClaimId,
    new_status: Annotated[
        str,
        typer.Argument(
            metavar="STATUS",
            help="logged, in_review, true, mostly_true, misleading, false, unverifiable, "
            "retracted.",
        ),
    ],
    reason: Annotated[str, typer.Option(help="Why: kept in the claim's history.")],
    rationale: Annotated[
        str | None, typer.Option(help="The verdict's rationale (default: the reason).")
    ] = None,
    if_version: IfVersionOption = None,
) -> None:
    """Move a claim through the verification workflow."""
    from factdb.claims import set_status

    if rationale is not None and not rationale.strip():
        fail("--rationale is empty: give the verdict's rationale, or leave it out to use --reason")
    with ledger(ctx) as session:
        claim = set_status(
            session,
            claim_id,
            new_status,
            reason=reason,
            rationale=rationale,
            user=user(ctx),
            if_version=if_version,
        )
        now, version = claim.status, claim.version
    typer.echo(f"claim {claim_id} is now {now} (version {version})")


@app.command("retract")
def retract(
    ctx: typer.Context,
    claim_id: ClaimId,
    reason: Annotated[str, typer.Option(help="Why: kept in the claim's history.")],
    if_version: IfVersionOption = None,
) -> None:
    """Retract a claim: it is kept with its history, hidden unless --include-retracted."""
    from factdb.claims import retract as retract_claim

    with ledger(ctx) as session:
        claim = retract_claim(
            session, claim_id, reason=reason, user=user(ctx), if_version=if_version
        )
        version = claim.version
    typer.echo(f"claim {claim_id} is retracted (version {version})")


@app.command("history")
def history(
    ctx: typer.Context,
    claim_id: ClaimId,
    format: FormatOption = Format.table,
) -> None:
    """Every change to a claim, one sentence each: what (old → new), by whom, when, why."""
    import json

    from factdb.claim_objects import claim_history
    from factdb.serialize import history_dict

    with ledger(ctx, write=False) as session:
        rows = [history_dict(e) for e in claim_history(session, claim_id)]
    if format is Format.table:
        from factdb.cli.history_sentences import print_sentences

        print_sentences(rows)
        return
    if format is Format.csv:
        for row in rows:
            for key in ("old", "new"):
                row[key] = json.dumps(row[key], ensure_ascii=False) if row[key] else None
    emit(
        rows,
        format,
        [
            ("version", "version"),
            ("at", "at"),
            ("actor", "by"),
            ("action", "action"),
            ("old", "old"),
            ("new", "new"),
            ("reason", "reason"),
        ],
        title=f"History of claim {claim_id}",
    )
