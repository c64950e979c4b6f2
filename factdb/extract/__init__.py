"""Extraction: a first pass over an article's text that proposes claims for review."""


def word_set(text: str) -> frozenset[str]:
    """The words of a space-separated list, for vocabularies kept readable as prose."""
    return frozenset(text.split())
