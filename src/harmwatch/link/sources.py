"""The source registry: publisher → kind, affiliation, wire group; shipped YAML plus the user's files."""

from __future__ import annotations

from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

KINDS = ("news agency", "news outlet", "NGO", "party to the conflict", "government", "social media", "UN")


class SourceRegistryError(ValueError):
    """A registry file that cannot be read, named in the message."""


def _entries(text: str, where: str) -> list[dict[str, Any]]:
    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        raise SourceRegistryError(f"source registry {where}: {exc}") from None
    items = data.get("sources") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise SourceRegistryError(f"source registry {where}: expected a 'sources:' list")
    for item in items:
        if not isinstance(item, dict) or not item.get("name"):
            raise SourceRegistryError(f"source registry {where}: every entry needs a name ({item!r})")
        if item.get("kind") not in KINDS:
            raise SourceRegistryError(f"source registry {where}: {item['name']}: kind must be one of {KINDS}")
        if item.get("usage") is not None and not isinstance(item["usage"], dict):
            raise SourceRegistryError(f"source registry {where}: {item['name']}: usage must be a mapping")
    return items


def load_registry(files: Iterable[str | Path] = ()) -> dict[str, dict[str, Any]]:
    """Name or alias (case-folded) → entry; later files override earlier entries of the same name."""
    texts = [(resources.files("harmwatch.data").joinpath("sources.yaml").read_text(encoding="utf-8"), "shipped")]
    for f in files:
        try:
            texts.append((Path(f).read_text(encoding="utf-8"), str(f)))
        except OSError as exc:
            raise SourceRegistryError(f"source registry {f}: cannot read: {exc.strerror}") from None
    out: dict[str, dict[str, Any]] = {}
    for text, where in texts:
        for item in _entries(text, where):
            entry = {"name": item["name"], "kind": item["kind"], "affiliation": item.get("affiliation"),
                     "class": item.get("class"), "wire": item.get("wire"),
                     "usage": dict(item.get("usage") or {})}  # house wording, read by extraction
            for n in [item["name"], *(item.get("aliases") or [])]:
                out[str(n).strip().casefold()] = entry
    return out


def lookup(registry: dict[str, dict[str, Any]], name: str | None) -> dict[str, Any] | None:
    """The registry entry of a publisher name, or None when it is not registered."""
    return registry.get(name.strip().casefold()) if name else None


def canonical(registry: dict[str, dict[str, Any]], name: str | None) -> str | None:
    """The publisher's registered name (aliases collapse), else the name as given."""
    entry = lookup(registry, name)
    return entry["name"] if entry else (name.strip() if name else None)


def wire_group(registry: dict[str, dict[str, Any]], name: str | None) -> str | None:
    """The independence key of a publisher: its wire group, else its canonical name."""
    entry = lookup(registry, name)
    if entry:
        return str(entry.get("wire") or entry["name"])
    return name.strip() if name else None
