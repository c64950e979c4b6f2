"""factdb report: sourcing reports for editors."""

import enum
from pathlib import Path
from typing import Annotated

import typer

from factdb.cli.asof import AsOfOption, moment
from factdb.cli.common import SOURCE_ID, fail, ledger, refuse_empty

app = typer.Typer(help="Write reports on what has been logged and checked.")


class ReportFormat(enum.StrEnum):
    md = "md"
    html = "html"
    json = "json"


ReportFormatOption = Annotated[
    ReportFormat,
    typer.Option("--format", "-f", help="Markdown, a self-contained HTML page, or JSON."),
]
OutputOption = Annotated[
    Path | None, typer.Option("--output", "-o", help="Write to this file, not stdout.")
]


class Grouping(enum.StrEnum):
    source = "source"
    speaker = "speaker"
    topic = "topic"


@app.command("sourcing")
def sourcing(
    ctx: typer.Context,
    by: Annotated[
        Grouping, typer.Option("--by", help="Group the claims by source, speaker or topic.")
    ] = Grouping.source,
    source: Annotated[
        int | None, typer.Option(help="Only claims appearing in this source.", parser=SOURCE_ID)
    ] = None,
    speaker: Annotated[
        str | None, typer.Option(help="Only claims made or relayed by this speaker.")
    ] = None,
    topic: Annotated[str | None, typer.Option(help="Only claims with this topic.")] = None,
    include_retracted: Annotated[
        bool, typer.Option("--include-retracted", help="Also show retracted claims.")
    ] = False,
    fmt: ReportFormatOption = ReportFormat.md,
    output: OutputOption = None,
) -> None:
    """Per source, speaker or topic: a summary, then every claim with its chain of sources
    and how far it is checked."""
    from factdb.reports import ReportScope, build_report, render_json, render_markdown

    refuse_empty(speaker=speaker, topic=topic)
    scope = ReportScope(
        by=by.value,
        source_id=source,
        speaker=speaker,
        topic=topic,
        include_retracted=include_retracted,
    )
    with ledger(ctx, write=False) as session:
        report = build_report(session, scope)
    if fmt is ReportFormat.html:
        from factdb.report_html import render_html

        text = render_html(report)
    elif fmt is ReportFormat.json:
        text = render_json(report)
    else:
        text = render_markdown(report)
    _write(text, output)


def _write(text: str, output: Path | None) -> None:
    if output is None:
        typer.echo(text, nl=False)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as error:
        fail(f"cannot write {output}: {error.strerror}")
    typer.echo(f"wrote {output}", err=True)


@app.command("speaker")
def speaker(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Any name the speaker is known by.")],
    as_of: AsOfOption = None,
    fmt: ReportFormatOption = ReportFormat.md,
    output: OutputOption = None,
) -> None:
    """One speaker's track record, their claims over time, their figures per unit and
    their claims due for a re-check."""
    from factdb import speaker_report

    when = moment(as_of)
    with ledger(ctx, write=False) as session:
        report = speaker_report.build_speaker_report(session, name, when=when)
    renderers = {
        ReportFormat.md: speaker_report.render_markdown,
        ReportFormat.html: speaker_report.render_html,
        ReportFormat.json: speaker_report.render_json,
    }
    _write(renderers[fmt](report), output)
