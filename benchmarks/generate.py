"""Deterministic LIAR-shaped data for factdb's benchmarks.

The same seed always gives the same records. They can be written as a LIAR TSV (the
14 columns of /work/shared/data/liar/train.tsv, for import benchmarks) or loaded
straight into a factdb database (for query benchmarks) with SQLAlchemy Core
``executemany`` in batches, which is many times faster than the ORM path a real
import takes.

Each record has a speaker (Zipf-distributed, so a few speakers say a lot), one to
three subjects, a PolitiFact-style label, a context, an "about" date and, for one
record in three, a figure that its statement states in words. Statements are drawn
from a Zipf vocabulary of common English words and made-up rare words, so that
full-text searches have both frequent and rare terms.

    python benchmarks/generate.py --claims 1000000 --tsv /tmp/liar-1m.tsv
    python benchmarks/generate.py --claims 200000 --db /tmp/bench.sqlite
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import random
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path


def words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


LABELS = ("true", "mostly-true", "half-true", "barely-true", "false", "pants-fire")
LABEL_WEIGHTS = (16, 19, 21, 16, 20, 8)
# How a PolitiFact label reads as a factdb verdict.
STATUS_OF_LABEL = {
    "true": "true",
    "mostly-true": "mostly_true",
    "half-true": "misleading",
    "barely-true": "misleading",
    "false": "false",
    "pants-fire": "false",
}
SUBJECTS = words(
    "economy health-care taxes federal-budget education jobs elections immigration "
    "foreign-policy crime energy environment guns state-budget candidates-biography "
    "job-accomplishments deficit voting-record campaign-finance military transportation "
    "abortion social-security medicare retirement housing poverty terrorism trade "
    "climate-change legal-issues criminal-justice public-health wealth workers "
    "labor corrections families children women civil-rights religion technology "
    "agriculture water drugs marriage gays-and-lesbians census veterans pundits "
    "history iraq afghanistan china russia israel debt unions pensions polls"
)
CONTEXTS = (
    "a news release",
    "an interview",
    "a TV ad",
    "a speech",
    "a tweet",
    "a campaign mailer",
    "a floor speech",
    "a debate",
    "a press conference",
    "a Facebook post",
    "an op-ed",
    "a radio interview",
)
FIRST = words(
    "Alex Barbara Carlos Dana Elena Frank Grace Hector Irene James Karen Luis Maria Nathan "
    "Olivia Peter Quinn Rosa Samuel Tara Victor Wendy Xavier Yolanda Zach Anita Brian Chloe "
    "Derek Emma Felix Gloria Henry Ines Jorge Kelly Liam Monica Neil Oscar Paula Ray Sofia "
    "Tom Ursula Vera Walter Yusuf Zoe"
)
LAST = words(
    "Smith Johnson Garcia Brown Davis Miller Wilson Moore Taylor Anderson Thomas Jackson "
    "White Harris Martin Thompson Martinez Robinson Clark Rodriguez Lewis Lee Walker Hall "
    "Allen Young Hernandez King Wright Lopez Hill Scott Green Adams Baker Gonzalez Nelson "
    "Carter Mitchell Perez Roberts Turner Phillips Campbell Parker Evans Edwards Collins "
    "Stewart Sanchez Morris Rogers Reed Cook Morgan Bell Murphy Bailey Rivera Cooper "
    "Richardson Cox Howard Ward Torres Peterson Gray Ramirez James Watson Brooks Kelly "
    "Sanders Price Bennett Wood Barnes Ross Henderson Coleman Jenkins Perry Powell Long "
    "Patterson Hughes Flores Washington Butler Simmons Foster Gonzales Bryant Alexander"
)
JOBS = ("Governor", "U.S. Senator", "State representative", "Mayor", "President", "Attorney")
STATES = ("Texas", "Florida", "Ohio", "Wisconsin", "New York", "Georgia", "Virginia", "Oregon")
PARTIES = ("republican", "democrat", "none", "independent")
COMMON = words(
    "the a of to in and says that is for has more than state new our will people have was "
    "tax jobs percent year under budget government million billion president obama clinton "
    "trump voted plan health care would money spending federal country americans since "
    "every over school teachers workers wage law bill cut created lost debt economy "
    "unemployment taxes insurance medicare security immigrants border crime police guns "
    "energy oil coal gas water climate deficit rate highest lowest history ever first most "
    "only never record increase decrease half double billion"
)
SYLLABLES = words(
    "ba be bi bo bu ka ke ki ko ku la le li lo lu ma me mi mo mu na ne ni no nu ra re ri ro "
    "ru sa se si so su ta te ti to tu va ve vi vo vu za ze zi zo zu"
)
FIGURE_UNITS = ("jobs", "people", "USD", "percent", "votes", "deaths", "refugees", "cases")
EPOCH = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
RARE_WORDS = 40_000


@dataclass(frozen=True)
class Speaker:
    slug: str
    name: str
    job: str
    state: str
    party: str


@dataclass(frozen=True)
class Record:
    number: int
    label: str
    statement: str
    subjects: tuple[str, ...]
    speaker: int
    relay: int | None
    context: int
    figure: str | None  # a factdb figure spec, with the words after "|"
    date: dt.date
    precision: str


def speakers(count: int) -> list[Speaker]:
    result = []
    for i in range(count):
        first, rest = FIRST[i % len(FIRST)], i // len(FIRST)
        last, initial = LAST[rest % len(LAST)], rest // len(LAST)
        name = f"{first} {chr(65 + initial % 26)}. {last}" if initial else f"{first} {last}"
        if initial >= 26:
            name += f" {initial // 26 + 1}"
        result.append(
            Speaker(
                slug=name.lower().replace(". ", "-").replace(" ", "-"),
                name=name,
                job=JOBS[i % len(JOBS)],
                state=STATES[i % len(STATES)],
                party=PARTIES[i % len(PARTIES)],
            )
        )
    return result


def rare_word(rank: int) -> str:
    """The made-up word of a rank: three or four syllables, all distinct."""
    n = len(SYLLABLES)
    a, b, c, d = rank % n, rank // n % n, rank // n**2 % n, rank // n**3
    return SYLLABLES[a] + SYLLABLES[b] + SYLLABLES[c] + (SYLLABLES[d] if d else "")


def vocabulary() -> list[str]:
    return [*COMMON, *(rare_word(r) for r in range(RARE_WORDS))]


def zipf_cumulative(count: int, exponent: float = 1.0) -> list[float]:
    return list(itertools.accumulate(1 / (rank + 1) ** exponent for rank in range(count)))


def speaker_count(claims: int) -> int:
    return max(20, claims // 100)


def context_count(claims: int) -> int:
    """Sources: about 25 claims each, like a campaign's mailers and speeches."""
    return max(1, claims // 25)


def _figure(rng: random.Random) -> tuple[str, str]:
    """A figure spec and the words a statement says it with."""
    unit = rng.choice(FIGURE_UNITS)
    value = int(10 ** rng.uniform(1, 7)) if unit != "percent" else rng.randint(1, 99)
    shape = rng.random()
    if shape < 0.6:
        return f"{value} {unit}", f"{value:,} {unit}"
    if shape < 0.75:
        return f"~{value} {unit}", f"about {value:,} {unit}"
    if shape < 0.85:
        high = value * 2
        return f"{value}..{high} {unit}", f"between {value:,} and {high:,} {unit}"
    if shape < 0.95:
        return f">={value} {unit}", f"at least {value:,} {unit}"
    return f"thousands of {unit}", f"thousands of {unit}"


def records(claims: int, seed: int = 6) -> Iterator[Record]:
    """The records, one at a time: memory does not grow with ``claims``."""
    rng = random.Random(seed)
    words = vocabulary()
    word_weights = zipf_cumulative(len(words))
    n_speakers = speaker_count(claims)
    speaker_weights = zipf_cumulative(n_speakers, 0.8)
    subject_weights = zipf_cumulative(len(SUBJECTS), 0.7)
    n_contexts = context_count(claims)
    start = dt.date(2000, 1, 1).toordinal()
    for number in range(1, claims + 1):
        body = rng.choices(words, cum_weights=word_weights, k=rng.randint(8, 24))
        figure = words_of_figure = None
        if rng.random() < 1 / 3:
            figure, words_of_figure = _figure(rng)
            body.insert(rng.randrange(len(body)), words_of_figure)
        date = dt.date.fromordinal(start + rng.randrange(7300))
        precision = rng.choices(("day", "month", "year"), weights=(3, 3, 4))[0]
        if precision != "day":
            body.append(f"in {date.year}")
        speaker = rng.choices(range(n_speakers), cum_weights=speaker_weights)[0]
        relay = rng.randrange(n_speakers) if rng.random() < 0.1 else None
        yield Record(
            number=number,
            label=rng.choices(LABELS, weights=LABEL_WEIGHTS)[0],
            statement="Says " + " ".join(body) + ".",
            subjects=tuple(
                dict.fromkeys(
                    rng.choices(SUBJECTS, cum_weights=subject_weights, k=rng.randint(1, 3))
                )
            ),
            speaker=speaker,
            relay=relay if relay != speaker else None,
            context=rng.randrange(n_contexts),
            figure=f"{figure} | {words_of_figure}" if figure else None,
            date=date,
            precision=precision,
        )


def context_title(index: int) -> str:
    return f"{CONTEXTS[index % len(CONTEXTS)]} ({index + 1})"


def write_tsv(path: Path, claims: int, seed: int) -> int:
    """The LIAR columns: id, label, statement, subjects, speaker, job, state, party,
    five credit-history counts, context."""
    people = speakers(speaker_count(claims))
    rng = random.Random(seed + 1)
    with path.open("w", encoding="utf-8", newline="") as out:
        for r in records(claims, seed):
            s = people[r.speaker]
            counts = [str(rng.randint(0, 40)) for _ in range(5)]
            row = [f"{r.number}.json", r.label, r.statement, ",".join(r.subjects), s.slug]
            row += [s.job, s.state, s.party, *counts, context_title(r.context)]
            out.write("\t".join(row) + "\n")
    return claims


def populate(url: str, claims: int, seed: int, batch: int = 5000) -> dict[str, int]:
    """Load the records into an empty factdb ledger (created or upgraded first), as the
    rows a LIAR import makes: claim, attribution, topics, figure, date, the verdict's
    evidence and the 'created' history entry. Returns the row count of each table."""
    from sqlalchemy import func, insert, select

    from factdb.dates import DateSpec
    from factdb.db import make_engine
    from factdb.figures import parse_figure
    from factdb.migrate import upgrade
    from factdb.models import (
        Actor,
        ActorAlias,
        Attribution,
        Claim,
        ClaimDate,
        ClaimTopic,
        Evidence,
        FigureRow,
        HistoryEntry,
        Source,
        Topic,
    )
    from factdb.spec_rows import date_values, figure_values
    from factdb.validate import name_key

    upgrade(url)
    engine = make_engine(url)
    parts = (Claim, Attribution, ClaimTopic, FigureRow, ClaimDate, Evidence, HistoryEntry)
    counts = {table.__table__.name: 0 for table in (Source, Actor, Topic, *parts)}
    user = "benchmark"
    with engine.begin() as conn:
        if conn.scalar(select(func.count()).select_from(Claim)):
            raise SystemExit(f"{url} already holds claims: give an empty database")
        people = speakers(speaker_count(claims))
        conn.execute(
            insert(Actor),
            [
                dict(id=i + 1, name=p.name, kind="person", party=p.party, region=p.state)
                | dict(created_at=EPOCH, created_by=user)
                for i, p in enumerate(people)
            ],
        )
        conn.execute(
            insert(ActorAlias),
            [
                dict(actor_id=i + 1, alias=p.name, key=name_key(p.name))
                for i, p in enumerate(people)
            ],
        )
        n_contexts = context_count(claims)
        for start in range(0, n_contexts, batch):
            conn.execute(
                insert(Source),
                [
                    dict(id=i + 1, title=context_title(i), outlet="PolitiFact", language="en")
                    | dict(kind="news_article", created_at=EPOCH, created_by=user)
                    for i in range(start, min(n_contexts, start + batch))
                ],
            )
        conn.execute(insert(Topic), [dict(id=i + 1, name=name) for i, name in enumerate(SUBJECTS)])
        counts.update(actors=len(people), sources=n_contexts, topics=len(SUBJECTS))
        topic_ids = {name: i + 1 for i, name in enumerate(SUBJECTS)}
        stream = records(claims, seed)
        while chunk := list(itertools.islice(stream, batch)):
            rows: dict[str, list[dict]] = {name: [] for name in counts}
            for r in chunk:
                at = EPOCH + dt.timedelta(seconds=r.number)
                status = STATUS_OF_LABEL[r.label]
                rows["claims"].append(
                    dict(id=r.number, key=f"liar:{r.number}", text=r.statement, language="en")
                    | dict(claim_type="quantity" if r.figure else "event", modality="asserted")
                    | dict(status=status, rationale=f"PolitiFact rates it {r.label}", version=1)
                    | dict(created_at=at, created_by=user, updated_at=at, updated_by=user)
                )
                rows["attributions"].append(
                    dict(claim_id=r.number, source_id=r.context + 1, position=0)
                    | dict(claimant_id=r.speaker + 1, kind="reported")
                    | dict(relay_id=r.relay + 1 if r.relay is not None else None)
                )
                rows["claim_topics"] += [
                    dict(claim_id=r.number, topic_id=topic_ids[s]) for s in r.subjects
                ]
                if r.figure:
                    rows["figures"].append(
                        dict(claim_id=r.number, position=0) | figure_values(parse_figure(r.figure))
                    )
                value = {"day": r.date, "month": r.date.replace(day=1)}.get(
                    r.precision, r.date.replace(month=1, day=1)
                )
                about = DateSpec("about", None, value, r.precision, anchor=None, relative=False)
                rows["claim_dates"].append(dict(claim_id=r.number, position=0) | date_values(about))
                rows["evidence"].append(
                    dict(claim_id=r.number, stance="refutes" if "false" in status else "supports")
                    | dict(url=f"https://www.politifact.com/statements/{r.number}/")
                    | dict(created_at=at, created_by=user)
                )
                rows["claim_history"].append(
                    dict(claim_id=r.number, version=1, at=at, actor=user, action="created")
                    | dict(new={"text": r.statement, "status": status})
                )
            for table in parts:
                name = table.__table__.name
                if rows[name]:
                    conn.execute(insert(table), rows[name])
                    counts[name] += len(rows[name])
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":  # rows were given their ids: move the sequences
            for table in ("actors", "sources", "topics", "claims"):
                conn.exec_driver_sql(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"(SELECT max(id) FROM {table}))"
                )
        conn.exec_driver_sql("ANALYZE")  # planner statistics, as after any bulk load
    engine.dispose()
    return counts


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, default=200_000, help="how many records")
    parser.add_argument("--seed", type=int, default=6, help="same seed, same data")
    parser.add_argument("--tsv", type=Path, help="write a LIAR TSV here")
    parser.add_argument("--db", help="load into this factdb database URL (empty or new)")
    parser.add_argument("--batch", type=int, default=5000, help="claims per executemany")
    args = parser.parse_args(argv)
    if not (args.tsv or args.db):
        parser.error("give --tsv PATH, --db URL or both")
    if args.tsv:
        started = time.perf_counter()
        write_tsv(args.tsv, args.claims, args.seed)
        elapsed = time.perf_counter() - started
        print(f"wrote {args.claims} records to {args.tsv} in {elapsed:.1f} s", file=sys.stderr)
    if args.db:
        started = time.perf_counter()
        counts = populate(args.db, args.claims, args.seed, args.batch)
        elapsed = time.perf_counter() - started
        rows = sum(counts.values())
        print(
            f"loaded {rows} rows ({json.dumps(counts)}) in {elapsed:.1f} s, "
            f"{rows / elapsed:,.0f} rows/s",
            file=sys.stderr,
        )


if __name__ == "__main__":
    main()
