"""Settings in one place, each with its help text; read from defaults, a file, the environment, options."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass(frozen=True, slots=True)
class Setting:
    """One setting: its name, default, type and the help a user reads."""

    name: str
    default: Any
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("db", "harmwatch.db",
            "Database: a SQLite file path (the embedded default, WAL mode) or a "
            "postgresql://user@host/dbname URL for teams."),
    Setting("countries", ["SY"],
            "ISO 3166-1 alpha-2 codes of the countries whose places are matched in reports; "
            "the shipped GeoNames places of these countries are imported once into the database."),
    Setting("pattern_files", [],
            "Extra pattern data files (actor aliases, trigger words, quantifiers, date windows) that "
            "extend or override the shipped ones; YAML, same format as src/harmwatch/data."),
    Setting("gazetteer_files", [],
            "Gazetteer files (GeoNames dumps or CSV) loaded into the database on open if not loaded yet."),
    Setting("geo_region_points", False,
            "Give region-level places (precision 3: \"rural Hama\") the provincial capital's coordinates as lat/lon, "
            "as ACLED does; off, their lat/lon stay null and the point is kept as derived_point only."),
    Setting("link_max_km", 25.0,
            "Linking: hard limit on top of the probabilistic model; claims whose points are farther apart "
            "than this (km) are never one incident."),
    Setting("link_max_days", 2,
            "Linking: hard limit on top of the model; claims whose date windows are more than this many "
            "days apart are never one incident (2: each report may be a day off)."),
    Setting("link_engine", "duckdb",
            "Linking backend for Splink: duckdb (in process, the default) or spark (a local or configured "
            "Spark session, for archives one machine cannot hold; needs pyspark and Java 17)."),
    Setting("link_model", "",
            "Linking model file (Splink settings with trained m/u and a threshold, see docs/linking.md); "
            "empty means the model shipped in the package, trained on labelled UCDP sources."),
    Setting("link_threshold", "",
            "Match weight (log2 Bayes factor) at or above which two claims link; empty means the model's own "
            "threshold. Higher merges less, lower merges more."),
    Setting("source_files", [],
            "Your own source registry files (YAML, the format of src/harmwatch/data/sources.yaml): "
            "publisher kind, affiliation and wire group, read by grades and source independence."),
    Setting("max_input_bytes", 50_000_000,
            "Largest input file or record accepted at ingest, in bytes; larger ones are refused by name."),
    Setting("progress", True, "Show a progress bar on long ingest runs."),
    Setting("warc_dir", "warc",
            "Folder where everything harmwatch fetches is written as WARC files (request and response records, "
            "timestamps, SHA-256 digests): the replayable, verifiable copy of what was received."),
    Setting("fetch_allow_networks", [],
            "Address ranges (CIDR, e.g. 10.1.0.0/16) that fetching may reach although they are private, loopback "
            "or link-local; by default every such address is refused, for the first URL, each redirect and the "
            "address actually connected to."),
    Setting("fetch_timeout", 30.0,
            "Seconds to wait for a connection or for the next bytes of an answer; a whole answer may take at most "
            "four times this."),
    Setting("fetch_max_bytes", 20_000_000,
            "Largest answer fetched, in bytes, before and after decompression; reading stops there and the URL "
            "is refused by name."),
    Setting("fetch_host_interval", 2.0,
            "Seconds between two requests to the same host (politeness; also spaces retries)."),
    Setting("fetch_robots", True,
            "Obey each site's robots.txt (missing: allowed; unreachable: not fetched this run)."),
    Setting("fetch_user_agent", "harmwatch/0.1 (civilian-harm monitor)",
            "User-Agent sent with every request and matched against robots.txt rules."),
    Setting("watch_poll_minutes", 60,
            "How often `harmwatch watch` polls a source that was added without --every, in minutes."),
    Setting("web_secret_key", "",
            "Web: the key that signs session cookies; set a long random value so sign-ins survive a "
            "restart. Empty: a random key per process (everyone is signed out when `harmwatch serve` restarts)."),
    Setting("web_tile_url", "",
            "Web: a map tile server URL template (e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png). "
            "Empty: the offline base layer (country outlines and governorate names), which needs no internet."),
    Setting("web_workers", 1,
            "Web: worker processes `harmwatch serve` starts (each with its own database connections, rollups "
            "and cache); about one per CPU core. With more than one, set web_secret_key or a random key is "
            "shared by the workers until the server restarts."),
    Setting("web_cache_entries", 2048,
            "Web: finished answers (list pages, map and timeline data, public incident pages) each worker keeps "
            "per data version, keyed by the filters; emptied whenever incidents or the audit log change. 0: off."),
)

_BY_NAME = {s.name: s for s in SETTINGS}
ENV_PREFIX = "HARMWATCH_"
CONFIG_FILE_ENV = "HARMWATCH_CONFIG"
DEFAULT_CONFIG_FILE = "harmwatch.toml"


class ConfigError(ValueError):
    """A settings file, variable or option that cannot be used, named in the message."""


@dataclass(slots=True)
class Config:
    """The effective settings, with where each value came from."""

    values: dict[str, Any] = field(default_factory=dict)
    origin: dict[str, str] = field(default_factory=dict)

    def __getattr__(self, name: str) -> Any:
        try:
            return self.values[name]
        except KeyError:
            raise AttributeError(name) from None

    def get(self, name: str) -> Any:
        return self.values[name]


def _coerce(setting: Setting, value: Any, where: str) -> Any:
    """Convert a raw value to the setting's type, or fail naming the setting and where it came from."""
    default = setting.default
    try:
        if isinstance(default, bool):
            if isinstance(value, bool):
                return value
            text = str(value).strip().lower()
            if text in ("1", "true", "yes", "on"):
                return True
            if text in ("0", "false", "no", "off"):
                return False
            raise ValueError(f"not a boolean: {value!r}")
        if isinstance(default, int):
            return int(value)
        if isinstance(default, float):
            return float(value)
        if isinstance(default, list):
            if isinstance(value, str):
                return [v.strip() for v in value.split(",") if v.strip()]
            if isinstance(value, list):
                return [str(v) for v in value]
            raise ValueError(f"not a list: {value!r}")
        return str(value)
    except ValueError as exc:
        raise ConfigError(f"setting {setting.name!r} from {where}: {exc}") from None


def load_config(file: str | Path | None = None, overrides: dict[str, Any] | None = None,
                environ: dict[str, str] | None = None) -> Config:
    """Defaults, then the TOML file, then HARMWATCH_* variables, then explicit options: last wins."""
    env = os.environ if environ is None else environ
    cfg = Config()
    for s in SETTINGS:
        cfg.values[s.name] = s.default
        cfg.origin[s.name] = "default"
    path = Path(file) if file else Path(env.get(CONFIG_FILE_ENV, DEFAULT_CONFIG_FILE))
    if file and not path.exists():
        raise ConfigError(f"settings file {path}: not found")
    if path.exists():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"settings file {path}: {exc}") from None
        for key, value in data.items():
            if key not in _BY_NAME:
                raise ConfigError(f"settings file {path}: unknown setting {key!r}")
            cfg.values[key] = _coerce(_BY_NAME[key], value, str(path))
            cfg.origin[key] = str(path)
    for s in SETTINGS:
        var = ENV_PREFIX + s.name.upper()
        if var in env:
            cfg.values[s.name] = _coerce(s, env[var], var)
            cfg.origin[s.name] = var
    for key, value in (overrides or {}).items():
        if value is None:
            continue
        if key not in _BY_NAME:
            raise ConfigError(f"unknown setting {key!r}")
        cfg.values[key] = _coerce(_BY_NAME[key], value, "command line")
        cfg.origin[key] = "command line"
    cfg.values["countries"] = [c.upper() for c in cfg.values["countries"]]
    if str(cfg.values["link_threshold"]).strip():
        try:
            float(cfg.values["link_threshold"])
        except ValueError:
            raise ConfigError(f"setting 'link_threshold' from {cfg.origin['link_threshold']}: "
                              f"{cfg.values['link_threshold']!r} is not a number") from None
    return cfg
