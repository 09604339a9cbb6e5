"""`harmwatch serve` and `harmwatch users`: the web app's commands, registered into the main CLI."""

from __future__ import annotations

import json
import os
import secrets
import socket
import sys
from typing import Any

import click

#: Where `harmwatch serve --workers N` hands its effective settings to the worker processes.
SETTINGS_ENV = "HARMWATCH_SERVE_SETTINGS"


def listening_socket(host: str, port: int) -> socket.socket:
    """The socket the workers share, declared TCP so that asyncio turns Nagle off on every connection
    (uvicorn's own shared socket leaves the protocol unset, and each small answer then waits ~40 ms for the
    peer's delayed ACK)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        raise click.ClickException(f"cannot listen on {host}:{port}: {exc}") from None
    sock.set_inheritable(True)
    return sock


def app_from_environment() -> Any:
    """The app factory each worker process calls (settings from `harmwatch serve`, store opened here)."""
    from harmwatch.config import Config
    from harmwatch.web.app import create_app

    values = json.loads(os.environ[SETTINGS_ENV])
    return create_app(Config(values=values, origin={k: "harmwatch serve" for k in values}), warm=True)


def register(main: click.Group) -> None:
    """Add the web commands to the CLI (called by harmwatch.cli)."""

    @main.command()
    @click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
    @click.option("--port", default=8000, show_default=True, type=int, help="Port to listen on.")
    @click.option("--workers", type=click.IntRange(1, 64), default=None,
                  help="Worker processes (default: the web_workers setting).")
    @click.pass_obj
    def serve(obj: Any, host: str, port: int, workers: int | None) -> None:
        """Serve the web app (map, timeline, incidents, reports, review) on the configured database."""
        import uvicorn

        n = int(workers or obj.cfg.web_workers or 1)
        if not obj.cfg.web_secret_key:
            click.echo("note: web_secret_key is not set; sign-ins end when the server restarts", err=True)
        click.echo(f"harmwatch on http://{host}:{port}/ (database {obj.cfg.db}, {n} worker"
                   f"{'s' if n > 1 else ''})", err=True)
        if n == 1:
            from harmwatch.web.app import create_app

            uvicorn.run(create_app(obj.cfg, obj.store, warm=True), host=host, port=port, log_level="warning")
            return
        # several processes: each worker builds the app from these settings (one shared signing key)
        values = dict(obj.cfg.values)
        if not values.get("web_secret_key"):
            values["web_secret_key"] = secrets.token_urlsafe(32)
        os.environ[SETTINGS_ENV] = json.dumps(values)
        from uvicorn.supervisors import Multiprocess

        config = uvicorn.Config("harmwatch.web.commands:app_from_environment", factory=True, host=host,
                                port=port, workers=n, log_level="warning")
        Multiprocess(config, sockets=[listening_socket(host, port)]).run()

    @main.group()
    def users() -> None:
        """Reviewer accounts for the web app (passwords are stored as Argon2id hashes)."""

    @users.command("add")
    @click.argument("name")
    @click.option("--role", type=click.Choice(["reviewer", "admin"]), default="reviewer", show_default=True)
    @click.option("--password-stdin", is_flag=True, help="Read the password from standard input (one line).")
    @click.pass_obj
    def users_add(obj: Any, name: str, role: str, password_stdin: bool) -> None:
        """Add a reviewer or admin; the password comes from a prompt or --password-stdin."""
        from harmwatch.store import queries as Q
        from harmwatch.web.auth import hash_password

        if password_stdin:
            password = sys.stdin.readline().rstrip("\r\n")
        else:
            password = click.prompt("password", hide_input=True, confirmation_prompt=True)
        try:
            Q.add_user(obj.store, name.strip(), role, hash_password(password))
        except ValueError as exc:
            raise click.ClickException(str(exc)) from None
        click.echo(f"added {role} {name.strip()}")

    @users.command("list")
    @click.pass_obj
    def users_list(obj: Any) -> None:
        """List accounts with their role (never their password hash)."""
        from harmwatch.store import queries as Q

        for u in Q.list_users(obj.store):
            flag = "\tdisabled" if u["disabled"] else ""
            click.echo(f"{u['name']}\t{u['role']}{flag}")
