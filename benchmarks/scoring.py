"""Precision and recall of an extraction against a gold annotation, the measure
``benchmarks/extraction.py`` and the tests share.

- figures match on kind, numbers (value, low, high), strictness of a bound and the
  increment flag; dates on resolved value and
  precision; each gold item can be matched once.
- claim spans match when their overlap is at least half their union, one to one,
  best overlap first.
- speakers: a (role, name) pair, claimant or relay, of a candidate matches the gold
  claim its span matched; names compare folded (case, accents).

For an annotated sentence without gold spans, the sentence's speaker is matched by
whoever speaks in one of its candidates: the relay, else the claimant.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from factdb.dates import DateSpec, parse_date
from factdb.extract.pipeline import Candidate
from factdb.figures import FigureSpec, parse_figure
from factdb.validate import name_key

SPAN_OVERLAP = 0.5


@dataclass
class Score:
    """Matched, proposed and gold counts; precision and recall follow."""

    matched: int = 0
    proposed: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.matched / self.proposed if self.proposed else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 1.0

    def add(self, other: Score) -> None:
        self.matched += other.matched
        self.proposed += other.proposed
        self.gold += other.gold


@dataclass(frozen=True)
class GoldClaim:
    start: int | None
    end: int | None
    claimant: str | None
    relay: str | None
    figures: tuple[FigureSpec, ...] = ()
    dates: tuple[DateSpec, ...] = ()


@dataclass
class Scores:
    figures: Score = field(default_factory=Score)
    dates: Score = field(default_factory=Score)
    speakers: Score = field(default_factory=Score)
    spans: Score = field(default_factory=Score)

    def add(self, other: Scores) -> None:
        for name in ("figures", "dates", "speakers", "spans"):
            getattr(self, name).add(getattr(other, name))


def gold_claim(item: dict, anchor) -> GoldClaim:
    """A gold claim from its annotation: figure and date specs in factdb's syntaxes."""
    return GoldClaim(
        start=item.get("start"),
        end=item.get("end"),
        claimant=item.get("claimant"),
        relay=item.get("relay"),
        figures=tuple(parse_figure(f) for f in item.get("figures") or ()),
        dates=tuple(parse_date(d, default_anchor=anchor) for d in item.get("dates") or ()),
    )


def figure_key(f: FigureSpec) -> tuple:
    return (f.kind, f.value, f.low, f.high, f.strict, f.increment)


def date_key(d: DateSpec) -> tuple:
    return (d.iso(), d.precision)


def _matched(proposed: Iterable, gold: Iterable) -> Score:
    proposed, gold = Counter(proposed), Counter(gold)
    return Score(sum((proposed & gold).values()), sum(proposed.values()), sum(gold.values()))


def score(candidates: list[Candidate], gold: list[GoldClaim]) -> Scores:
    """Scores of one document's candidates against its gold claims."""
    scores = Scores(
        figures=_matched(
            (figure_key(f.spec) for c in candidates for f in c.figures),
            (figure_key(f) for g in gold for f in g.figures),
        ),
        dates=_matched(
            (date_key(d.spec) for c in candidates for d in c.dates),
            (date_key(d) for g in gold for d in g.dates),
        ),
    )
    spanned = [g for g in gold if g.start is not None]
    if spanned:
        pairs = _span_pairs(candidates, spanned)
        scores.spans = Score(len(pairs), len(candidates), len(spanned))
        scores.speakers = Score(
            sum(len(_roles(c) & _gold_roles(g)) for c, g in pairs),
            sum(len(_roles(c)) for c in candidates),
            sum(len(_gold_roles(g)) for g in spanned),
        )
    else:
        named = {name_key(s.name) for c in candidates if (s := c.relay or c.claimant)}
        expected = {name_key(g.claimant) for g in gold if g.claimant}
        scores.speakers = Score(len(named & expected), len(named), len(expected))
    return scores


def _span_pairs(candidates: list[Candidate], gold: list[GoldClaim]) -> list[tuple]:
    overlaps = []
    for c in candidates:
        for g in gold:
            common = min(c.end, g.end) - max(c.start, g.start)
            union = max(c.end, g.end) - min(c.start, g.start)
            if common > 0 and common / union >= SPAN_OVERLAP:
                overlaps.append((common / union, id(c), id(g), c, g))
    pairs, used = [], set()
    for _, ci, gi, c, g in sorted(overlaps, key=lambda o: -o[0]):
        if ci not in used and gi not in used:
            used |= {ci, gi}
            pairs.append((c, g))
    return pairs


def _roles(c: Candidate) -> set[tuple[str, str]]:
    return {
        (role, name_key(s.name))
        for role, s in (("claimant", c.claimant), ("relay", c.relay))
        if s is not None
    }


def _gold_roles(g: GoldClaim) -> set[tuple[str, str]]:
    return {
        (role, name_key(name))
        for role, name in (("claimant", g.claimant), ("relay", g.relay))
        if name is not None
    }
