"""Linking quality, round 2: common place names weigh less than rare ones (term-frequency adjustment), a
disagreement that real extraction often produces lowers a pair's weight without vetoing it, and the parts of a
pair's weight (the 'why' of a link) still add up to its match weight."""

from __future__ import annotations

import copy
import datetime as dt
import math
from typing import Any

import pytest

from harmwatch.link.features import PLACE_TF_PRIOR, PLACE_TF_PSEUDO, add_place_frequency, feature_row, to_table
from harmwatch.link.model import level_weights, load_model, prior_weight, threshold_of
from harmwatch.link.pairs import detail
from harmwatch.link.scoring import GAMMAS, TF_GAMMA, Scorer, has_tf
from harmwatch.link.train import fill_untrained


def _claim(key: str, place: str, lat: float, lon: float, day: str = "2016-08-03", killed: int | None = 4,
           event: str = "Explosions/Remote violence", source: str = "SOHR") -> dict[str, Any]:
    return feature_row({"key": f"{key}:0", "sha256": key, "source": source, "published": day, "data": {
        "date_start": day, "date_end": day, "lat": lat, "lon": lon, "admin1": "Aleppo", "location": place,
        "event_type": event, "killed_low": killed, "perpetrator_class": "syrian_government"}})


def _city_and_village() -> list[dict[str, Any]]:
    """Aleppo city named on 300 days of 2015 and on the day compared, one village only on that day; the pairs
    compared are one city pair and one village pair that agree on everything else."""
    first = dt.date(2015, 1, 1)
    rows = [_claim(f"city{i}", "Aleppo", 36.2, 37.16, day=(first + dt.timedelta(days=i)).isoformat(), killed=i + 20)
            for i in range(300)]
    rows += [_claim("cityA", "Aleppo", 36.2, 37.16), _claim("cityB", "Aleppo", 36.2005, 37.16, source="AFP"),
             _claim("vilA", "Kafr Hamra", 36.28, 37.07), _claim("vilB", "Kafr Hamra", 36.2805, 37.07, source="AFP")]
    return rows


def _pairs(rows: list[dict[str, Any]], model: dict[str, Any]) -> dict[tuple[str, str], dict[str, float]]:
    got = Scorer(model["splink"]).score_all(to_table(rows), -1e9)
    return {tuple(sorted((got.a[i], got.b[i]))): {"weight": got.weight[i], **{g: got.gammas[g][i] for g in GAMMAS}}
            for i in range(len(got))}


def test_the_shipped_model_weighs_a_shared_village_above_a_shared_city() -> None:
    model = load_model()
    assert has_tf(model["splink"])
    pairs = _pairs(_city_and_village(), model)
    city, village = pairs[("cityA:0", "cityB:0")], pairs[("vilA:0", "vilB:0")]
    # the same comparison levels: only how common the place name is differs
    assert city["mw_place"] == village["mw_place"]
    assert city[TF_GAMMA] < village[TF_GAMMA] - 3.0
    assert village["weight"] - city["weight"] > 3.0
    # place-days: the city 301 of 302, the village 1, each shrunk by the pseudo-count towards the prior share
    shrink = PLACE_TF_PSEUDO * PLACE_TF_PRIOR
    assert math.isclose(village[TF_GAMMA] - city[TF_GAMMA], math.log2((301 + shrink) / (1 + shrink)), abs_tol=0.01)


def test_many_reports_of_one_strike_do_not_make_its_village_common() -> None:
    rows = [_claim(f"r{i}", "Kafr Hamra", 36.28, 37.07, source=f"outlet{i}") for i in range(6)]
    rows.append(_claim("other", "Binnish", 35.95, 36.71, day="2016-08-10"))
    add_place_frequency(rows)
    tf = {r["place"]: r["tf_place"] for r in rows}
    assert tf["kafr hamra"] == tf["binnish"]  # one place-day each
    # and in a small archive a shared name keeps nearly all its weight (three reports of one strike)
    pair = _pairs(rows[:3], load_model())[("r0:0", "r1:0")]
    assert -0.5 < pair[TF_GAMMA] < 0.0


def test_partial_weights_add_up_to_the_match_weight() -> None:
    model = load_model()
    pairs = _pairs(_city_and_village(), model)
    prior = prior_weight(model["splink"])
    for p in pairs.values():
        assert math.isclose(prior + sum(p[g] for g in GAMMAS), p["weight"], abs_tol=1e-6)


def test_why_of_a_link_names_a_common_place_name() -> None:
    model = load_model()
    city = _pairs(_city_and_village(), model)[("cityA:0", "cityB:0")]
    why = detail(model["splink"], {g: city[g] for g in GAMMAS})
    assert why["comparisons"]["place"]["level"] == "same place name"
    assert why["comparisons"]["place_frequency"]["level"] == "common place name"
    assert why["comparisons"]["place_frequency"]["weight"] < -1.0


def test_a_model_file_without_term_frequencies_still_scores() -> None:
    model = copy.deepcopy(load_model())
    for comp in model["splink"]["comparisons"]:
        for lv in comp["comparison_levels"]:
            lv.pop("tf_adjustment_column", None)
            lv.pop("tf_adjustment_weight", None)
    assert not has_tf(model["splink"])
    pairs = _pairs(_city_and_village(), model)
    city, village = pairs[("cityA:0", "cityB:0")], pairs[("vilA:0", "vilB:0")]
    assert city[TF_GAMMA] == village[TF_GAMMA] == 0.0
    assert math.isclose(city["weight"], village["weight"], abs_tol=1e-6)


def test_a_different_event_type_lowers_a_strong_pair_without_vetoing_it() -> None:
    model = load_model()
    w = level_weights(model["splink"])
    assert w["event_type"][0][0] == "different types" and -4.0 < w["event_type"][0][1] < 0.0
    rows = [_claim("vilA", "Kafr Hamra", 36.28, 37.07, killed=12),
            _claim("vilB", "Kafr Hamra", 36.2805, 37.07, killed=12, event="Battles", source="AFP")]
    pair = _pairs(rows, model)[("vilA:0", "vilB:0")]
    assert pair["mw_event_type"] < 0
    assert pair["weight"] >= threshold_of(model)


def test_training_floors_disagreement_levels_that_clean_labels_never_see() -> None:
    settings = {"comparisons": [
        {"output_column_name": "event_type", "comparison_levels": [
            {"sql_condition": "event_l IS NULL", "label_for_charts": "not both typed", "is_null_level": True},
            {"sql_condition": "event_l = event_r", "label_for_charts": "same type", "m_probability": 0.999,
             "u_probability": 0.6},
            {"sql_condition": "ELSE", "label_for_charts": "different types", "m_probability": 0.001,
             "u_probability": 0.4}]},
        {"output_column_name": "distance", "comparison_levels": [
            {"sql_condition": "lat_l IS NULL", "label_for_charts": "no points", "is_null_level": True},
            {"sql_condition": "x <= 1", "label_for_charts": "within 1 km", "m_probability": 0.9,
             "u_probability": 0.01},
            {"sql_condition": "ELSE", "label_for_charts": "more than 20 km", "m_probability": None,
             "u_probability": 0.9}]}]}
    out = fill_untrained(settings)
    event, distance = out["comparisons"]
    assert event["comparison_levels"][2]["m_probability"] == 0.1
    assert event["comparison_levels"][1]["m_probability"] == 0.999  # agreement levels are left as trained
    assert distance["comparison_levels"][2]["m_probability"] == 0.05  # unseen among true pairs, floored


@pytest.mark.slow
def test_incremental_scoring_weighs_place_names_alike_on_duckdb_and_spark() -> None:
    from tests.link.test_spark import _needs_spark

    _needs_spark()
    rows = _city_and_village()
    add_place_frequency(rows)
    new = [r for r in rows if r["unique_id"] in ("cityB:0", "vilB:0")]
    old = [r for r in rows if r not in new]
    model = load_model()
    got = []
    for engine in ("duckdb", "spark"):
        p = Scorer(model["splink"], engine=engine).score_new(to_table(new), to_table(old), -1e9)
        got.append({tuple(sorted((a, b))): (round(w, 6), round(t, 6))
                    for a, b, w, t in zip(p.a, p.b, p.weight, p.gammas[TF_GAMMA], strict=True)})
    assert got[0] == got[1]
    city, village = got[0][("cityA:0", "cityB:0")], got[0][("vilA:0", "vilB:0")]
    assert city[1] < village[1] - 3.0 and village[0] - city[0] > 3.0
