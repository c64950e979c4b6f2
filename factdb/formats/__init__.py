"""The file formats factdb reads and writes, one module each, and what they share.

- ``ledger``: the YAML ledger file (``factdb load``), sources, speakers and claims typed
  by hand.
- ``jsonl``: the whole ledger as JSON lines (``export jsonl`` / ``import jsonl``).
- ``claimreview``: schema.org ClaimReview JSON-LD, published fact-checks in and out.
- ``datasets``: the LIAR, LIAR-PLUS and ClaimsKG dataset files.
- ``rejects``: the policy every importer follows: each record read is imported,
  merged or rejected with its reason in the rejects file, and the counts add up.
- ``bulk``: the one writer of dataset records, in batches.

Nothing is imported here: ``factdb --help`` must not pay for these modules.
"""
