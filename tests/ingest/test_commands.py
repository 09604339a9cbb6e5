"""The commands: ingest takes URLs as typed, sources add / watch --once / verify work from the shell."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from harmwatch.cli import main
from tests.ingest.conftest import Server, net_overrides


def _env(tmp_path: Path) -> dict[str, str]:
    env = {f"HARMWATCH_{k.upper()}": str(v) for k, v in net_overrides(tmp_path).items()}
    return env | {"HARMWATCH_DB": str(tmp_path / "hw.db"), "HARMWATCH_CONFIG": str(tmp_path / "none.toml")}


def test_ingest_sources_watch_and_verify_from_the_command_line(server: Server, tmp_path: Path) -> None:
    runner = CliRunner()
    env = _env(tmp_path)
    server.routes["/page.html?id=1"] = server.routes["/page.html"]
    url = server.url("/page.html?id=1")
    got = runner.invoke(main, ["ingest", url], env=env)
    assert got.exit_code == 0, got.output
    assert "ingested 1" in got.output and server.hits("/page.html?id=1")  # the URL reached the server intact
    server.routes["/story-feed.xml"] = (200, {"Content-Type": "application/rss+xml", "ETag": '"a"'},
                                        b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item>'
                                        b"<guid>s1</guid><link>" + server.url("/story.html").encode()
                                        + b"</link><title>Convoy</title></item></channel></rss>")
    added = runner.invoke(main, ["sources", "add", server.url("/story-feed.xml"), "--name", "Post",
                                 "--kind", "news-agency", "--every", "0"], env=env)
    assert added.exit_code == 0 and "(news agency)" in added.output, added.output
    bad_kind = runner.invoke(main, ["sources", "add", server.url("/x"), "--name", "X", "--kind", "blog"], env=env)
    assert bad_kind.exit_code == 2 and "is not one of" in bad_kind.output
    first = runner.invoke(main, ["watch", "--once"], env=env)
    assert "Post: HTTP 200: 1 new" in first.output and "new     Convoy" in first.output, first.output
    second = runner.invoke(main, ["watch", "--once"], env=env)
    assert "Post: not modified (304)" in second.output
    checked = runner.invoke(main, ["verify"], env=env)
    assert checked.exit_code == 0 and "verified 2 reports" in checked.output and "0 problems" in checked.output
