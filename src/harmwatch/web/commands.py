"""`harmwatch serve` and `harmwatch users`: the web app's commands, registered into the main CLI."""

from __future__ import annotations

import sys
from typing import Any

import click


def register(main: click.Group) -> None:
    """Add the web commands to the CLI (called by harmwatch.cli)."""

    @main.command()
    @click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
    @click.option("--port", default=8000, show_default=True, type=int, help="Port to listen on.")
    @click.pass_obj
    def serve(obj: Any, host: str, port: int) -> None:
        """Serve the web app (map, timeline, incidents, reports, review) on the configured database."""
        import uvicorn

        from harmwatch.web.app import create_app

        app = create_app(obj.cfg, obj.store)
        if not obj.cfg.web_secret_key:
            click.echo("note: web_secret_key is not set; sign-ins end when the server restarts", err=True)
        click.echo(f"harmwatch on http://{host}:{port}/ (database {obj.cfg.db})", err=True)
        uvicorn.run(app, host=host, port=port, log_level="warning")

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
