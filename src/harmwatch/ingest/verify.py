"""Re-hash what is kept: each report's raw bytes against its SHA-256, each WARC record against its digests."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from harmwatch.ingest.warc import verify_warc
from harmwatch.store import schema as t


@dataclass(slots=True)
class VerifyResult:
    reports: int = 0
    warc_files: int = 0
    warc_records: int = 0
    problems: list[str] = field(default_factory=list)


def verify_reports(store: Any, result: VerifyResult, batch: int = 200) -> None:
    """Every stored report's raw bytes hashed again and compared with reports.sha256."""
    last = 0
    with store.engine.connect() as conn:
        while True:
            rows = conn.execute(sa.select(t.reports.c.id, t.reports.c.ext_id, t.reports.c.sha256, t.reports.c.raw)
                                .where(t.reports.c.id > last).order_by(t.reports.c.id).limit(batch)).all()
            if not rows:
                return
            for rid, ext_id, sha, raw in rows:
                result.reports += 1
                actual = hashlib.sha256(bytes(raw)).hexdigest()
                if actual != sha:
                    result.problems.append(f"report {rid} ({ext_id}): raw bytes hash to {actual}, stored {sha}")
                last = rid


def warc_files(paths: Iterable[Path]) -> list[Path]:
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out += sorted(f for f in p.rglob("*") if f.name.endswith((".warc", ".warc.gz")))
        elif p.exists():
            out.append(p)
    return out


def verify_all(store: Any, warc_paths: Iterable[Path]) -> VerifyResult:
    """Reports and WARC files checked; every mismatch is listed by report or by file, record and offset."""
    result = VerifyResult()
    verify_reports(store, result)
    for path in warc_files(warc_paths):
        n, problems = verify_warc(path)
        result.warc_files += 1
        result.warc_records += n
        result.problems += problems
    return result
