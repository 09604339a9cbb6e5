"""WARC files: every exchange harmwatch makes is written as request + response records; archives are read back."""

from __future__ import annotations

import datetime as dt
import io
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO
from urllib.parse import urlsplit

import httpx
from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.statusandheaders import StatusAndHeaders
from warcio.timeutils import datetime_to_iso_date, iso_date_to_datetime
from warcio.utils import Digester
from warcio.warcwriter import WARCWriter

from harmwatch import __version__
from harmwatch.ingest.errors import InputError

WARC_SUFFIXES = (".warc", ".warc.gz")
_HOP_BY_HOP = {"transfer-encoding"}  # the body is stored de-chunked, so this header is kept under another name


class _Sha256Writer(WARCWriter):
    """warcio's writer with SHA-256 block and payload digests (WARC 1.1 allows any algorithm)."""

    @staticmethod
    def _create_digester() -> Digester:
        return Digester("sha256")


def is_warc(path: Path) -> bool:
    return path.name.lower().endswith(WARC_SUFFIXES)


class WarcRecorder:
    """Appends request/response record pairs to one gzipped WARC file per run in the configured folder."""

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)
        self.path: Path | None = None
        self._fh: BinaryIO | None = None
        self._writer: _Sha256Writer | None = None
        self.records = 0

    def _open(self) -> _Sha256Writer:
        if self._writer is None:
            self.folder.mkdir(parents=True, exist_ok=True)
            stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%d%H%M%S%f")
            self.path = self.folder / f"harmwatch-{stamp}-{os.getpid()}.warc.gz"
            self._fh = self.path.open("xb")
            self._writer = _Sha256Writer(self._fh, gzip=True)
            info = self._writer.create_warcinfo_record(self.path.name, {
                "software": f"harmwatch/{__version__} (warcio)", "format": "WARC File Format 1.1",
                "description": "what harmwatch fetched, as received"})
            self._writer.write_record(info)
        return self._writer

    def __call__(self, request: httpx.Request, response: httpx.Response, raw: bytes, started: dt.datetime,
                 ip: str | None) -> dict[str, str]:
        """Write one exchange (request, then response with the body as transferred); return where it went."""
        writer = self._open()
        url = str(request.url)
        date = datetime_to_iso_date(started.astimezone(dt.UTC).replace(tzinfo=None), use_micros=True)
        target = request.url.raw_path.decode("ascii", "replace") or "/"
        req_headers = [(k, "[redacted]" if k.lower() in ("authorization", "cookie") else v)
                       for k, v in request.headers.items()]
        req = writer.create_warc_record(
            url, "request", payload=io.BytesIO(b""),
            http_headers=StatusAndHeaders(f"GET {target} HTTP/1.1", req_headers, is_http_request=True),
            warc_headers_dict={"WARC-Date": date})
        resp_headers = [(f"X-Archive-Orig-{k}" if k.lower() in _HOP_BY_HOP else k, v)
                        for k, v in response.headers.items()]
        warc_headers = {"WARC-Date": date}
        if ip:
            warc_headers["WARC-IP-Address"] = ip
        rec = writer.create_warc_record(
            url, "response", payload=io.BytesIO(raw),
            http_headers=StatusAndHeaders(f"{response.status_code} {response.reason_phrase}", resp_headers,
                                          protocol=response.http_version or "HTTP/1.1"),
            warc_headers_dict=warc_headers)
        req.rec_headers.add_header("WARC-Concurrent-To", rec.rec_headers.get_header("WARC-Record-ID"))
        writer.write_record(req)
        writer.write_record(rec)
        assert self._fh is not None
        self._fh.flush()
        self.records += 2
        return {"file": str(self.path), "record_id": str(rec.rec_headers.get_header("WARC-Record-ID"))}

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None
            self._writer = None


@dataclass(slots=True)
class WarcResponse:
    """One response record read back: target URI, when, status, headers, body as transferred."""

    uri: str
    date: dt.datetime
    status: int
    headers: list[tuple[str, str]]
    raw: bytes
    ip: str | None
    record_id: str
    offset: int

    def header(self, name: str) -> str | None:
        low = name.lower()
        return next((v for k, v in self.headers if k.lower() == low), None)


def _origin_headers(headers: list[tuple[str, str]]) -> list[tuple[str, str]]:
    prefix = "x-archive-orig-"
    return [(k[len(prefix):], v) if k.lower().startswith(prefix) else (k, v) for k, v in headers]


def _complete(record: Any, path: Path, n: int, offset: int) -> None:
    """A record whose content ends before its Content-Length is a truncated archive."""
    left = getattr(record.raw_stream, "limit", 0)
    if left:
        raise InputError(str(path), f"truncated in record {n} (at byte offset {offset:,}): {left:,} bytes of its "
                                    f"content are missing; {n - 1} complete records were read before it")


def iter_records(path: Path, check_digests: bool = False) -> Iterator[tuple[int, int, Any, bytes]]:
    """(number, offset, record, content) of every record, or InputError saying how far reading got."""
    n = 0
    offset = 0
    try:
        with path.open("rb") as fh:
            it = ArchiveIterator(fh, check_digests=check_digests)
            for record in it:
                n += 1
                offset = it.offset  # where this record starts (the previous one was read to its end)
                content = record.raw_stream.read()
                _complete(record, path, n, offset)
                yield n, offset, record, content
    except InputError:
        raise
    except (ArchiveLoadFailed, EOFError, OSError, ValueError) as exc:
        raise InputError(str(path), f"broken or truncated after {n} records (near byte offset {offset:,}): "
                                    f"{exc.__class__.__name__}: {exc}") from None
    if n == 0:
        raise InputError(str(path), "empty: no WARC records in it")


def read_responses(path: Path) -> Iterator[WarcResponse]:
    """Every HTTP response record of an archive, with its body exactly as it was transferred."""
    for _n, offset, record, content in iter_records(path):
        if record.rec_type != "response" or record.http_headers is None:
            continue
        uri = record.rec_headers.get_header("WARC-Target-URI") or ""
        if urlsplit(uri).scheme not in ("http", "https"):
            continue
        date = iso_date_to_datetime(record.rec_headers.get_header("WARC-Date")).replace(tzinfo=dt.UTC)
        status = int(record.http_headers.get_statuscode() or 0)
        yield WarcResponse(uri=uri, date=date, status=status,
                           headers=_origin_headers(list(record.http_headers.headers)), raw=content,
                           ip=record.rec_headers.get_header("WARC-IP-Address"),
                           record_id=record.rec_headers.get_header("WARC-Record-ID") or "", offset=offset)


def verify_warc(path: Path) -> tuple[int, list[str]]:
    """Re-hash every record against its WARC-Block-Digest / WARC-Payload-Digest: (records, problems)."""
    problems: list[str] = []
    n = 0
    try:
        for n, offset, record, _content in iter_records(path, check_digests=True):
            checker = record.digest_checker
            if checker.passed is False:
                rid = record.rec_headers.get_header("WARC-Record-ID")
                problems.append(f"{path} record {n} {rid} (offset {offset:,}): {'; '.join(checker.problems)}")
    except InputError as exc:
        problems.append(str(exc))
    return n, problems
