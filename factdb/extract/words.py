"""Word lists kept readable as prose in the modules that use them."""


def word_set(text: str) -> frozenset[str]:
    """The words of a space-separated list."""
    return frozenset(text.split())
