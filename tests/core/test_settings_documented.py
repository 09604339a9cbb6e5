"""Every setting is documented in the README, and settings come from file, environment and options."""

from __future__ import annotations

from pathlib import Path

import pytest

from harmwatch.config import SETTINGS, ConfigError, load_config
from tests.conftest import REPO


@pytest.mark.parametrize("name", [s.name for s in SETTINGS])
def test_setting_is_documented_in_the_readme(name: str) -> None:
    assert f"`{name}`" in (REPO / "README.md").read_text(encoding="utf-8")


def test_later_layers_win_file_then_environment_then_option(tmp_path: Path) -> None:
    f = tmp_path / "harmwatch.toml"
    f.write_text('db = "file.db"\nlink_max_km = 10\ncountries = ["sy", "iq"]\n')
    assert load_config(f, environ={}).db == "file.db"
    assert load_config(f, environ={}).countries == ["SY", "IQ"]
    assert load_config(f, environ={"HARMWATCH_DB": "env.db"}).db == "env.db"
    assert load_config(f, {"db": "opt.db"}, environ={"HARMWATCH_DB": "env.db"}).db == "opt.db"
    assert load_config(f, environ={}).link_max_km == 10.0


def test_bad_settings_are_named(tmp_path: Path) -> None:
    f = tmp_path / "harmwatch.toml"
    f.write_text("colour = 'red'\n")
    with pytest.raises(ConfigError, match="unknown setting 'colour'"):
        load_config(f, environ={})
    with pytest.raises(ConfigError, match="HARMWATCH_LINK_MAX_KM"):
        load_config(None, environ={"HARMWATCH_LINK_MAX_KM": "far", "HARMWATCH_CONFIG": str(tmp_path / "x")})


def test_link_threshold_must_be_a_number_and_reaches_the_linker(tmp_path: Path) -> None:
    from harmwatch.pipeline import link_options

    env = {"HARMWATCH_CONFIG": str(tmp_path / "none.toml")}
    with pytest.raises(ConfigError, match="link_threshold"):
        load_config(None, environ={**env, "HARMWATCH_LINK_THRESHOLD": "high"})
    assert link_options(load_config(None, environ={**env, "HARMWATCH_LINK_THRESHOLD": "7.5"})).threshold == 7.5
    assert link_options(load_config(None, environ=env)).threshold is None
