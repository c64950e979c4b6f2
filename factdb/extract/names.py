"""Names in a sentence, and the actors they refer to.

A name is found three ways, best first: an alias of a known actor (accent- and
case-insensitive, through ``name_key``, as ``factdb speakers`` matches them), a
person, organisation or place that spaCy recognises when the ``nlp`` extra is
installed, or a run of capitalised words ("Sergueï Lavrov", "Corée du Nord").
A name that is no known actor's alias is proposed as a new actor; within one
article "Lavrov" joins "Sergueï Lavrov" when its words are all in the longer name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from factdb.extract.words import word_set
from factdb.validate import name_key

MAX_NAME_WORDS = 6

_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
# Lower-case words that may sit inside a name: "Corée du Nord", "Ludwig van Beethoven".
_PARTICLES = word_set("du de des la le van von der bin al el of the")
# Capitalised words that start sentences or titles rather than names.
_NOT_NAMES = word_set(
    """
    le la les l un une des du de d au aux ce cet cette ces selon lors dans pour par sur avec
    sans mais et ou donc or ni car il elle ils elles on nous vous je tu son sa ses leur leurs
    mon ma mes notre nos votre vos en à a après avant depuis pendant entre malgré contre chez
    si quand comme alors ainsi aussi puis enfin cependant toutefois néanmoins d'après qui que
    quoi dont où the a an this that these those according in on at for with by from after
    before during since while when if as but and or so yet he she it they we you i his her its
    their our your my there here what which who whose monsieur madame président
    ministre mr mrs ms dr président presidente officials sources experts witnesses analysts
    residents authorities responsables experts témoins analystes habitants autorités says said
    however today yesterday tomorrow now last next more most many all no not only also even
    still just over under about nearly almost some plus moins environ près aujourd hier
    demain
    """
)
_ARTICLE = re.compile(r"^(?:(?:la|le|les|the)\s+|l['’])", re.IGNORECASE)


@dataclass(frozen=True)
class Actor:
    """A known actor: its canonical name and every alias."""

    name: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Mention:
    """A name as written at ``start:end`` of the text it was found in."""

    start: int
    end: int
    text: str


class Directory:
    """Known actors by the folded form of each alias, for linking names to them."""

    def __init__(self, actors: Iterable[Actor] = ()) -> None:
        self._by_key: dict[str, str] = {}
        for actor in actors:
            for alias in (actor.name, *actor.aliases):
                self._by_key.setdefault(name_key(alias), actor.name)
        self._longest = max((len(k.split()) for k in self._by_key), default=0)

    def known(self, name: str) -> str | None:
        """The canonical name of the actor ``name`` is an alias of, articles ignored."""
        return self._by_key.get(name_key(_ARTICLE.sub("", name)))

    def mentions(self, text: str) -> list[Mention]:
        """Every alias of a known actor in ``text``, longest first where they overlap."""
        words = list(_WORD.finditer(text))
        found: list[Mention] = []
        i = 0
        while i < len(words):
            for n in range(min(self._longest, len(words) - i), 0, -1):
                start, end = words[i].start(), words[i + n - 1].end()
                if name_key(text[start:end]) in self._by_key:
                    found.append(Mention(start, end, text[start:end]))
                    i += n
                    break
            else:
                i += 1
        return found


def capitalised_names(text: str) -> list[Mention]:
    """Runs of capitalised words, joined by name particles, that are not function words."""
    found: list[Mention] = []
    words = list(_WORD.finditer(text))
    i = 0
    while i < len(words):
        if not _capitalised(words[i].group()):
            i += 1
            continue
        j = i
        while j + 1 < len(words):
            gap = text[words[j].end() : words[j + 1].start()]
            if gap != " ":
                break
            if words[j + 1].group()[0].isupper():
                j += 1
            elif (
                words[j + 1].group() in _PARTICLES
                and j + 2 < len(words)
                and text[words[j + 1].end() : words[j + 2].start()] == " "
                and _capitalised(words[j + 2].group())
            ):
                j += 2
            else:
                break
        if j - i < MAX_NAME_WORDS:
            start, end = words[i].start(), words[j].end()
            found.append(Mention(start, end, text[start:end]))
        i = j + 1
    return found


def _capitalised(word: str) -> bool:
    return word[0].isupper() and word.casefold() not in _NOT_NAMES


def all_mentions(text: str, directory: Directory, extra: Sequence[Mention] = ()) -> list[Mention]:
    """Known aliases first, then ``extra`` names (spaCy's) and capitalised runs, longest
    first, each kept only where it overlaps no name already taken: spaCy's small models
    often cut a name short ("Kim Jong" of "Kim Jong Un")."""
    taken: list[Mention] = []
    others = sorted((*extra, *capitalised_names(text)), key=lambda m: m.start - m.end)
    for mention in (*directory.mentions(text), *others):
        if not any(m.start < mention.end and mention.start < m.end for m in taken):
            taken.append(mention)
    return sorted(taken, key=lambda m: m.start)


def canonical(name: str, directory: Directory, proposed: dict[str, str]) -> tuple[str, bool]:
    """The name to record for a speaker and whether it is a known actor.

    ``proposed`` maps folded names already proposed in this article to the name
    they were proposed as; a shorter name whose words are all in one of them joins it.
    """
    bare = _ARTICLE.sub("", name).strip()
    known = directory.known(bare)
    if known is not None:
        return known, True
    key = name_key(bare)
    if key in proposed:
        return proposed[key], False
    words = set(key.split())
    for other_key, other in proposed.items():
        if words and words <= set(other_key.split()):
            return other, False
    proposed[key] = bare
    return bare, False
