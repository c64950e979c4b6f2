"""factdb extract: propose the checkable claims of an article for review."""

from __future__ import annotations

import enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from factdb.cli.common import SOURCE_ID, errors_reported, ledger, user

if TYPE_CHECKING:
    from factdb.extract.pipeline import Candidate, Extraction


class Language(enum.StrEnum):
    fr = "fr"
    en = "en"


def extract(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="The article's text, UTF-8.")],
    source: Annotated[
        int | None,
        typer.Option(
            "--source", help="The article is this source of the ledger.", parser=SOURCE_ID
        ),
    ] = None,
    outlet: Annotated[str | None, typer.Option(help="Outlet of a new source.")] = None,
    title: Annotated[
        str | None, typer.Option(help="Title of a new source (default: the first line).")
    ] = None,
    published: Annotated[
        str | None,
        typer.Option(
            help="Publication date of a new source, YYYY-MM-DD: relative dates count from it."
        ),
    ] = None,
    lang: Annotated[
        Language | None, typer.Option("--lang", help="Language (default: detected).")
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write the review file here, not to stdout."),
    ] = None,
    interactive: Annotated[
        bool,
        typer.Option(
            "--interactive", "-i", help="Accept or reject each candidate, then load the accepted."
        ),
    ] = False,
    no_spacy: Annotated[
        bool, typer.Option("--no-spacy", help="Rules only, even with the nlp extra installed.")
    ] = False,
) -> None:
    """Write a review file of candidate claims (a fixtures file for `factdb load`)."""
    from factdb.extract.ledger import extract_file, load_accepted
    from factdb.extract.review import review_document, review_yaml
    from factdb.matching import candidate_repeats

    with ledger(ctx, write=False) as session:
        extraction, info = extract_file(
            session,
            file,
            source_id=source,
            title=title,
            outlet=outlet,
            published=published,
            lang=lang.value if lang else None,
            use_spacy=False if no_spacy else None,
        )
        repeats = candidate_repeats(
            session, [c.text for c in extraction.candidates], extraction.lang
        )
    accepted = None
    if interactive:
        accepted = _review(extraction)
    document = review_document(extraction, info, accepted, repeats)
    text = review_yaml(document, extraction.notes)
    if output is not None:
        with errors_reported():
            _write(output, text)
        typer.echo(_summary(extraction, len(document["claims"]), output), err=True)
    elif not interactive:
        typer.echo(text, nl=False)
    if accepted is not None:
        with ledger(ctx) as session:
            result = load_accepted(session, extraction, info, accepted, path=file, user=user(ctx))
        typer.echo(f"loaded {len(accepted)} accepted candidate(s): {result.summary()}")


def _write(path: Path, text: str) -> None:
    from factdb.errors import InvalidInput
    from factdb.extract.review import write_atomically

    try:
        write_atomically(path, text)
    except OSError as error:
        raise InvalidInput(f"cannot write {path}: {error.strerror}") from None


def _summary(extraction: Extraction, count: int, output: Path) -> str:
    how = "spaCy and rules" if extraction.spacy else "rules"
    return f"wrote {count} candidate claim(s) to {output} (language {extraction.lang}, {how})"


def _review(extraction: Extraction) -> list[Candidate]:
    """Ask about each candidate; end of input or Ctrl-C stops with nothing loaded."""
    accepted: list[Candidate] = []
    total = len(extraction.candidates)
    for number, candidate in enumerate(extraction.candidates, 1):
        typer.echo(_describe(candidate, number, total))
        while True:
            try:
                answer = typer.prompt("accept? [y]es, [n]o, [q]uit and reject the rest").strip()
            except (typer.Abort, EOFError, KeyboardInterrupt):
                typer.echo("error: interrupted: nothing was loaded", err=True)
                raise typer.Exit(130) from None
            if answer[:1].lower() in ("y", "n", "q"):
                break
        if answer[:1].lower() == "q":
            break
        if answer[:1].lower() == "y":
            accepted.append(candidate)
    return accepted


def _describe(candidate: Candidate, number: int, total: int) -> str:
    speaker = "no speaker (the outlet's own assertion)"
    if candidate.claimant:
        new = "" if candidate.claimant.known else " (new)"
        speaker = f"claimant {candidate.claimant.name}{new}"
        if candidate.relay:
            speaker += f", relay {candidate.relay.name}"
    lines = [
        f"\n[{number}/{total}] confidence {candidate.confidence}: {candidate.reason}",
        f"  «{candidate.text}» ({candidate.start}..{candidate.end})",
        f"  {speaker}; {candidate.attribution}; {candidate.modality}",
    ]
    lines += [f"  figure: {f.spec.to_spec()}" for f in candidate.figures]
    lines += [f"  date: {d.spec.to_spec()}" for d in candidate.dates]
    return "\n".join(lines)
