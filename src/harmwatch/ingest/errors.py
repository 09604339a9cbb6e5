"""The one error type of ingest: it names the input and says why it was refused."""

from __future__ import annotations


class InputError(ValueError):
    """An input that cannot become a report; nothing of it is stored."""

    def __init__(self, origin: str, reason: str) -> None:
        super().__init__(f"{origin}: {reason}")
        self.origin = origin
        self.reason = reason
