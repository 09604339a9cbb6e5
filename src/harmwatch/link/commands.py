"""Linking commands: `harmwatch relink` (DuckDB or Spark) and the pair listing behind `show --why`."""

from __future__ import annotations

from typing import Any

import click

from harmwatch.link.scoring import ENGINES


def why_pairs(store: Any, keys: list[str]) -> list[dict[str, Any]]:
    """The scored pairs among an incident's claims, strongest first."""
    from harmwatch.link.pairs import among

    with store.engine.connect() as conn:
        return among(conn, keys)


def why_lines(pairs: list[dict[str, Any]]) -> list[str]:
    """Each pair as a line: the two claims, match weight and probability, then the comparisons that made it."""
    out = []
    for p in pairs:
        d = p["detail"] or {}
        comps = "; ".join(f"{name} {c['level']} ({c['weight']:+.1f})" for name, c in d.get("comparisons", {}).items()
                          if c.get("weight"))
        out.append(f"{p['claim_a']} ~ {p['claim_b']}: match weight {p['match_weight']:+.1f} "
                   f"(p={p['probability']:.3f}; prior {d.get('prior', 0):+.1f}): {comps}")
    return out


def register(main: click.Group) -> None:
    """Add the linking commands to the CLI."""

    @main.command("train-link-model")
    @click.argument("pairs_file", type=click.Path(exists=True, dir_okay=False))
    @click.option("--out", "out_file", type=click.Path(dir_okay=False), required=True,
                  help="Model file to write (point the link_model setting at it, or pass relink --model).")
    @click.option("--name", default=None, help="Name under which the model is also kept in the link_models table.")
    @click.option("--threshold", type=float, default=None,
                  help="Match weight to link at (default: the one that best separates the labelled pairs).")
    @click.pass_obj
    def train_link_model(obj: Any, pairs_file: str, out_file: str, name: str | None,
                         threshold: float | None) -> None:
        """Train a linking model from labelled claim pairs (JSON lines {"claim_a", "claim_b", "same": bool},
        or CSV with those columns) over the stored claims, and store it."""
        from harmwatch.link.train import read_pairs, train_from_pairs

        try:
            labelled = read_pairs(pairs_file)
            model, report = train_from_pairs(obj.store, labelled, threshold, trained_on=pairs_file)
        except ValueError as exc:
            raise click.ClickException(str(exc)) from None
        from harmwatch.link.train import save, store_model

        save(model, out_file)
        if name:
            with obj.store.begin() as conn:
                store_model(conn, name, model)
        click.echo(f"trained on {report['positives']} same / {report['negatives']} different pairs over "
                   f"{report['claims']} claims; threshold {model['harmwatch']['threshold']:+.1f} "
                   f"(labelled pairs at it: precision {report['precision']:.3f}, recall {report['recall']:.3f}); "
                   f"wrote {out_file}" + (f", stored as {name!r} in link_models" if name else ""))

    @main.command()
    @click.option("--engine", type=click.Choice(ENGINES), default=None,
                  help="Splink backend (default: the link_engine setting).")
    @click.option("--model", "model_file", type=click.Path(exists=True, dir_okay=False), default=None,
                  help="Model file to link with (default: the link_model setting, else the shipped model).")
    @click.option("--threshold", type=float, default=None,
                  help="Match weight at or above which claims link (default: the model's own threshold).")
    @click.option("--incremental", is_flag=True, help="Score only claims that are in no incident yet.")
    @click.pass_obj
    def relink(obj: Any, engine: str | None, model_file: str | None, threshold: float | None,
               incremental: bool) -> None:
        """Relink every claim into incidents with the probabilistic model; reviewer decisions are kept."""
        from harmwatch.link.engine import relink as run
        from harmwatch.pipeline import link_options

        opts = link_options(obj.cfg, engine)
        if model_file:
            opts.model_file = model_file
        if threshold is not None:
            opts.threshold = threshold
        with obj.store.begin() as conn:
            stats = run(obj.store, conn, options=opts, incremental=incremental)
        click.echo(f"relinked {stats.claims} claims ({stats.scored_claims} scored) on {opts.engine}: "
                   f"{stats.incidents} incidents, {stats.pairs} scored pairs kept, {stats.redirected} redirected")
