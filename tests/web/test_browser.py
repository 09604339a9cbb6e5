"""The web app in a real headless Chromium: map, date filter, incident quote, sign-in, merge, audit, export."""

from __future__ import annotations

import os
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO
from tests.web.conftest import PASSWORD, REVIEWER

CHROMIUM = "/usr/bin/chromium"
# Screenshots go to a temporary folder; HARMWATCH_SCREENSHOTS=docs/screenshots refreshes the README's ones.
SHOTS_ENV = "HARMWATCH_SCREENSHOTS"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _need_chromium() -> None:
    """Install Chromium with the project's script; skip locally, fail under CI=true, if that is impossible."""
    if not Path(CHROMIUM).exists():
        subprocess.run(["sh", str(REPO / "scripts" / "install-browser.sh")], capture_output=True, timeout=900)
    problem = None
    if not Path(CHROMIUM).exists():
        problem = f"{CHROMIUM} missing and scripts/install-browser.sh could not install it"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        problem = "the playwright package is not installed (pip install -e '.[dev]')"
    if problem:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but {problem}")
        pytest.skip(f"{problem}; CI=true makes this a failure")


@pytest.fixture
def server(loaded: Any, cfg: Any) -> Iterator[str]:
    """The app on a free loopback port, in a thread."""
    import uvicorn

    from harmwatch.web.app import create_app

    _need_chromium()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(create_app(cfg, loaded, rollup_check_every=0), host="127.0.0.1", port=port,
                                        log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    for _ in range(100):
        if srv.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)


@pytest.fixture
def browser() -> Iterator[Any]:
    _need_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


def test_a_reviewer_walks_the_record_in_a_real_browser(server: str, browser: Any, db_target: str,
                                                       tmp_path: Path) -> None:
    if "postgresql" in db_target:
        pytest.skip("the browser walk runs once, on SQLite")
    shots = Path(os.environ[SHOTS_ENV]) if os.environ.get(SHOTS_ENV) else tmp_path / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    csp_errors: list[str] = []
    page.on("console", lambda m: csp_errors.append(m.text) if "Content Security Policy" in m.text else None)
    page.on("dialog", lambda d: pytest.fail(f"a report's script ran: {d.message}"))
    # the map loads with markers, from local files only
    page.goto(f"{server}/incidents")
    page.wait_for_selector("#map[data-loaded]")
    page.wait_for_selector("#timeline[data-loaded]")
    page.wait_for_selector(".leaflet-overlay-pane path", state="attached")  # offline country outlines, markers
    page.wait_for_timeout(400)
    page.screenshot(path=str(shots / "incidents.png"), full_page=True)
    # filter by date through the form: the filters land in the URL, the list narrows
    page.fill("#f-from", "2017-10-04")
    page.fill("#f-to", "2017-10-04")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**date_from=2017-10-04**")
    rows = page.locator("table.list tbody tr")
    assert rows.count() >= 1 and all("2017-10-04" in rows.nth(i).inner_text() for i in range(rows.count()))
    # open an incident: the evidence quote is highlighted
    rows.first.locator("a").first.click()
    page.wait_for_selector("#field-killed mark")
    assert page.locator("#field-killed mark").first.inner_text().strip()
    page.screenshot(path=str(shots / "incident.png"), full_page=True)
    # sign in as a reviewer (keyboard only), merge two incidents, see the audit entry
    page.goto(f"{server}/login?next=/incidents")
    page.focus("#name")
    page.keyboard.type(REVIEWER)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_selector("form[action='/logout']")
    page.wait_for_load_state()
    ids = page.eval_on_selector_all("table.list tbody tr td:first-child a",
                                    "els => els.map(e => e.getAttribute('href').split('/').pop())")
    a, b = ids[0], ids[1]
    page.goto(f"{server}/incidents/{a}")
    page.check("input[name=action][value=merge]")
    page.fill("#r-others", b)
    page.fill("#r-reason", "same strike, two reports")
    page.click("#review-form button[type=submit]")
    page.wait_for_selector("ol.history li")
    assert "merge" in page.locator("ol.history").inner_text()
    assert "same strike, two reports" in page.locator("ol.history").inner_text()
    page.screenshot(path=str(shots / "incident-reviewed.png"), full_page=True)
    page.goto(f"{server}/audit")
    assert "Hash chain intact" in page.inner_text("main")
    # export CSV of the current filters
    page.goto(f"{server}/incidents?date_from=2017-10-01&date_to=2017-10-31")
    with page.expect_download() as dl:
        page.click("a[href^='/export?format=csv']")
    path = tmp_path / "out.csv"
    dl.value.save_as(path)
    assert path.read_text(encoding="utf-8").startswith("incident_id,")
    # the other main pages, in English and Arabic, on a phone too
    page.goto(f"{server}/reports/date/2017-10-05")
    page.screenshot(path=str(shots / "reports-day.png"), full_page=True)
    page.goto(f"{server}/reports?month=2017-10&lang=ar")
    assert page.get_attribute("html", "dir") == "rtl"
    page.screenshot(path=str(shots / "reports-calendar-ar.png"), full_page=True)
    page.goto(f"{server}/incidents?lang=en")
    phone = browser.new_page(viewport={"width": 390, "height": 844})
    phone.goto(f"{server}/incidents")
    phone.wait_for_selector("#map[data-loaded]")
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 400, f"page scrolls sideways on a phone ({width}px)"
    phone.screenshot(path=str(shots / "incidents-phone.png"), full_page=True)
    hostile = page.goto(f"{server}/reports/date/2018-03-14")
    assert hostile is not None and hostile.ok
    assert not csp_errors, csp_errors
