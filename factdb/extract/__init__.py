"""Extraction: find the figures, dates, speakers and claims an article's text proposes.

Everything here reads plain text and returns candidates with character offsets into
that text; nothing is written to a database until a person has reviewed them.
"""
