"""Review: people's decisions on incidents, kept in an append-only, hash-chained audit log.

`review.actions` applies decisions (it needs linking); `review.decisions` reads them back (linking needs it).
"""
