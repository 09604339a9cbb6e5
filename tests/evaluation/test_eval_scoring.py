"""Behaviour of the scorer on small hand-made gold documents, with the values it must give."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from harmwatch.evaluation import GoldError, error_rows, format_table, read_gold, score


def doc(doc_id: str, text: str = "", published: str | None = None, **main: Any) -> dict[str, Any]:
    """A gold document with one main incident holding the given fields."""
    return {"id": doc_id, "text": text, "published": published, "incidents": [{"main": True, **main}]}


def fig(res: Any, metric: str) -> tuple[int, int, int, int]:
    """(n, covered, correct, correct_without_pred) of one figure."""
    m = res["metrics"][metric]
    return m["n"], m["covered"], m["correct"], m["correct_without_pred"]


# ------------------------------------------------------------------ perpetrator
def test_not_stated_counts_as_unknown_but_not_as_covered() -> None:
    gold = [doc("a", perpetrator_class="unknown", killed=2)]
    res = score(gold, {"a": [{"killed": 2}]})
    m = res["metrics"]["perpetrator_class"]
    assert fig(res, "perpetrator_class") == (1, 0, 1, 1)
    assert (m["coverage"], m["accuracy"], m["accuracy_given_pred"]) == (0.0, 1.0, None)


def test_blank_perpetrator_fields_also_count_as_not_stated() -> None:
    gold = [doc("a", perpetrator_class="unknown")]
    res = score(gold, {"a": [{"perpetrator": " ", "perpetrator_raw": "", "perpetrator_class": None}]})
    assert fig(res, "perpetrator_class") == (1, 0, 1, 1)


def test_document_without_claims_gets_no_unknown_credit() -> None:
    gold = [doc("a", perpetrator_class="unknown")]
    assert fig(score(gold, {}), "perpetrator_class") == (1, 0, 0, 0)
    assert fig(score(gold, {"a": []}), "perpetrator_class") == (1, 0, 0, 0)


def test_silence_is_wrong_when_gold_names_a_perpetrator() -> None:
    res = score([doc("a", perpetrator_class="isis")], {"a": [{"killed": 1}]})
    assert fig(res, "perpetrator_class") == (1, 0, 0, 0)


def test_any_gold_class_counts_but_strict_needs_the_primary() -> None:
    gold = [doc("a", perpetrator_class="syrian_government",
                perpetrator_classes=["syrian_government", "russia"])]
    res = score(gold, {"a": [{"perpetrator": "Russian warplanes"}]})
    assert fig(res, "perpetrator_class") == (1, 1, 1, 0)
    assert fig(res, "perpetrator_class_strict") == (1, 1, 0, 0)


def test_valid_perpetrator_class_wins_over_free_text() -> None:
    gold = [doc("a", perpetrator_class="isis")]
    assert fig(score(gold, {"a": [{"perpetrator": "warplanes", "perpetrator_class": "ISIS"}]}),
               "perpetrator_class") == (1, 1, 1, 0)
    # an invalid class falls back to the free text
    assert fig(score(gold, {"a": [{"perpetrator": "Daesh", "perpetrator_class": "jihadis"}]}),
               "perpetrator_class") == (1, 1, 1, 0)


def test_free_text_without_any_alias_is_other_and_covered() -> None:
    res = score([doc("a", perpetrator_class="russia")], {"a": [{"perpetrator": "warplanes"}]})
    assert fig(res, "perpetrator_class") == (1, 1, 0, 0)
    rows = error_rows([doc("a", perpetrator_class="russia")], {"a": [{"perpetrator": "warplanes"}]},
                      "perpetrator")
    assert rows[0]["pred"] == "other (warplanes)" and rows[0]["gold"] == ["russia"]


def test_dyad_side_is_scored_only_when_gold_names_no_perpetrator() -> None:
    gold = [doc("a", side_classes=["syrian_government", "opposition"]),
            doc("b", perpetrator_class="isis", side_classes=["isis", "syrian_government"])]
    res = score(gold, {"a": [{"perpetrator": "rebels"}], "b": [{"perpetrator": "regime"}]})
    assert fig(res, "dyad_side_class") == (1, 1, 1, 0)
    assert fig(res, "perpetrator_class") == (1, 1, 0, 0)


# ------------------------------------------------------------------ which claim is graded
def test_claim_marked_main_is_graded_not_the_first() -> None:
    gold = [doc("a", admin1="Aleppo")]
    res = score(gold, {"a": [{"admin1": "Homs"}, {"admin1": "Halab", "main": True}]})
    assert fig(res, "admin1") == (1, 1, 1, 0)


def test_first_claim_is_graded_when_none_is_marked_main_even_if_a_later_one_agrees() -> None:
    gold = [doc("a", admin1="Aleppo")]
    res = score(gold, {"a": [{"admin1": "Homs"}, {"admin1": "Aleppo"}]})
    assert fig(res, "admin1") == (1, 1, 0, 0)


def test_only_a_literal_true_marks_main() -> None:
    gold = [doc("a", admin1="Aleppo")]
    res = score(gold, {"a": [{"admin1": "Homs"}, {"admin1": "Aleppo", "main": "true"}]})
    assert fig(res, "admin1") == (1, 1, 0, 0)


def test_gold_main_incident_is_the_marked_one_else_the_first() -> None:
    gold = [{"id": "a", "incidents": [{"main": False, "admin1": "Homs"}, {"main": False, "admin1": "Hama"}]}]
    assert fig(score(gold, {"a": [{"admin1": "Homs"}]}), "admin1") == (1, 1, 1, 0)


# ------------------------------------------------------------------ counts
def test_killed_is_read_from_killed_low_before_killed() -> None:
    gold = [doc("a", killed=20)]
    assert fig(score(gold, {"a": [{"killed_low": 20, "killed": 30}]}), "killed_exact") == (1, 1, 1, 0)
    assert fig(score(gold, {"a": [{"killed_low": 30, "killed": 20}]}), "killed_exact") == (1, 1, 0, 0)


def test_killed_within_ten_percent_includes_the_boundary() -> None:
    gold = [doc("a", killed=20)]
    assert fig(score(gold, {"a": [{"killed": 22}]}), "killed_pm10pct")[2] == 1
    assert fig(score(gold, {"a": [{"killed": 23}]}), "killed_pm10pct")[2] == 0
    assert fig(score(gold, {"a": [{"killed": "1,200"}]}), "killed_exact") == (1, 1, 0, 0)


def test_gold_civilians_stand_in_for_a_missing_gold_killed() -> None:
    res = score([doc("a", killed=None, civilians_killed=7)], {"a": [{"killed": 7}]})
    assert fig(res, "killed_exact") == (1, 1, 1, 0)


def test_civilians_come_from_killed_only_when_the_claim_targets_civilians() -> None:
    gold = [doc("a", civilians_killed=5)]
    assert fig(score(gold, {"a": [{"killed": 5}]}), "civilians_killed_exact") == (1, 0, 0, 0)
    assert fig(score(gold, {"a": [{"killed": 5, "civilian_targeting": True}]}),
               "civilians_killed_exact") == (1, 1, 1, 0)
    assert fig(score(gold, {"a": [{"killed": 5, "civilian_targeting": "yes"}]}),
               "civilians_killed_exact") == (1, 0, 0, 0)


def test_a_boolean_is_not_a_count() -> None:
    assert fig(score([doc("a", killed=1)], {"a": [{"killed": True}]}), "killed_exact") == (1, 0, 0, 0)


def test_killed_and_injured_ranges_are_inclusive_and_open_ends_take_the_other() -> None:
    gold = [doc("a", killed_low=12, killed_high=54, injured_low=3, injured_high=None)]
    res = score(gold, {"a": [{"killed": 54, "injured_high": 3}]})
    assert fig(res, "killed_in_range") == (1, 1, 1, 0)
    assert fig(res, "injured_in_range") == (1, 1, 1, 0)


# ------------------------------------------------------------------ dates, places
def test_date_within_one_day_spans_the_gold_range() -> None:
    gold = [doc("a", date_start="2017-03-01", date_end="2017-03-03")]
    for pred, exact, pm1 in [("2017-03-01", 1, 1), ("2017-03-04", 0, 1), ("2017-02-28T10:00", 0, 1),
                             ("2017-03-05", 0, 0), ("2017-02-30", 0, 0)]:
        res = score(gold, {"a": [{"date_start": pred}]})
        assert fig(res, "date_start_exact")[2] == exact, pred
        assert fig(res, "date_start_pm1d")[2] == pm1, pred


def test_point_within_10_and_25_km() -> None:
    gold = [doc("a", lat=34.92133, lon=40.56007)]
    near = score(gold, {"a": [{"lat": 34.95, "lon": 40.56}]})            # about 3 km
    mid = score(gold, {"a": [{"lat": 35.07, "lon": 40.56}]})             # about 16 km
    bad = score(gold, {"a": [{"lat": 95, "lon": 40.56}]})                # out of range: no point
    assert fig(near, "point_10km")[2] == 1 and fig(mid, "point_10km")[2] == 0
    assert fig(mid, "point_25km")[2] == 1
    assert fig(bad, "point_25km") == (1, 0, 0, 0)


def test_admin1_spellings_and_scripts_compare_equal() -> None:
    gold = [doc(str(k), admin1="Deir ez Zor Governorate") for k in range(4)]
    preds = {"0": [{"admin1": "Dayr az Zawr"}], "1": [{"admin1": "دير الزور"}],
             "2": [{"admin1": "deir-ezzor"}], "3": [{"admin1": "Raqqa"}]}
    assert fig(score(gold, preds), "admin1") == (4, 4, 3, 0)


def test_loose_admin1_merges_damascus_and_rif_dimashq_but_strict_does_not() -> None:
    res = score([doc("a", admin1="damascus")], {"a": [{"admin1": "Rural Damascus"}]})
    assert fig(res, "admin1") == (1, 1, 0, 0)
    assert fig(res, "admin1_loose") == (1, 1, 1, 0)


def test_an_unknown_place_name_is_covered_but_wrong() -> None:
    res = score([doc("a", admin1="Aleppo")], {"a": [{"admin1": "Gaza"}]})
    assert fig(res, "admin1") == (1, 1, 0, 0)


# ------------------------------------------------------------------ answerability
def test_killed_is_answerable_only_when_the_text_states_the_number() -> None:
    gold = [doc("a", "Shelling killed twenty-five people", killed=25),
            doc("b", "Shelling killed many people", killed=25),
            doc("c", "قتل ٢٥ مدنيا", killed=25)]
    m = score(gold, {})["metrics"]["killed_exact"]
    assert (m["n"], m["n_answerable"]) == (3, 2)


def test_date_is_answerable_near_publication_or_with_a_weekday() -> None:
    gold = [doc("a", "Shelling on Homs", published="2017-03-05", date_start="2017-03-01"),
            doc("b", "Shelling on Homs", published="2017-04-05", date_start="2017-03-01"),
            doc("c", "Shelling on Homs on Wednesday", published=None, date_start="2017-03-01")]
    assert score(gold, {})["metrics"]["date_start_exact"]["n_answerable"] == 2


def test_admin1_answerable_counts_rural_damascus_as_rif_dimashq_not_damascus() -> None:
    gold = [doc("a", "Clashes in Eastern Ghouta", admin1="damascus")]
    m = score(gold, {})["metrics"]
    assert (m["admin1"]["n_answerable"], m["admin1_loose"]["n_answerable"]) == (0, 1)


def test_perpetrator_answerable_when_an_alias_of_a_gold_class_occurs() -> None:
    gold = [doc("a", "Russian jets struck Idlib", perpetrator_class="russia"),
            doc("b", "Jets struck Idlib", perpetrator_class="russia")]
    assert score(gold, {})["metrics"]["perpetrator_class"]["n_answerable"] == 1


# ------------------------------------------------------------------ claim level, empty input
def test_extra_claims_are_counted_beyond_the_gold_incidents() -> None:
    gold = [doc("a"), {"id": "b", "incidents": [{"main": True}, {"main": False}]}]
    res = score(gold, {"a": [{}, {}, {}], "b": [{}, {}]})
    assert res["mean_pred_incidents_per_doc"] == 2.5
    assert res["extra_claims_per_doc"] == 1.0 and res["share_docs_with_extra_claims"] == 0.5


def test_gold_document_without_incidents_is_skipped() -> None:
    res = score([{"id": "a", "incidents": []}, doc("b", killed=1)], {"a": [{}], "b": [{"killed": 1}]})
    assert res["n_docs"] == 1 and res["mean_pred_incidents_per_doc"] == 1.0
    assert res["n_gold_docs_with_pred"] == 2  # file-level count over every gold id, as the reference


def test_empty_gold_gives_no_shares_instead_of_dividing_by_zero() -> None:
    res = score([], {"x": [{}]})
    assert res["n_docs"] == 0 and res["mean_pred_incidents_per_doc"] is None
    assert res["metrics"]["admin1"]["accuracy"] is None and res["n_pred_ids_not_in_gold"] == 1


# ------------------------------------------------------------------ table
def test_table_has_the_claim_level_line_and_marks_missing_fields() -> None:
    gold = [doc("a", "Shelling killed 3 in Homs", admin1="Homs", killed=3)]
    text = format_table(score(gold, {"a": [{"admin1": "Hims", "killed": 4}, {}]}))
    lines = text.splitlines()
    assert lines[0].startswith("gold -: 1 docs; predictions for 1 of them;")
    assert ("2.0 predicted claims/doc; 1.0 extra claims/doc (beyond the gold incidents), "
            "on 100.0% of docs") in lines[0]
    admin1 = next(ln for ln in lines if ln.startswith("admin1 "))
    assert admin1.split() == ["admin1", "1", "100.0%", "100.0%", "100.0%", "1", "100.0%", "100.0%", "100.0%"]
    assert any(ln.startswith("point ≤10 km") and "(gold has no such field)" in ln for ln in lines)


# ------------------------------------------------------------------ error rows
def test_error_rows_list_wrong_and_silent_documents_with_quotes() -> None:
    gold = [doc("a", "Shelling on Halab", admin1="Aleppo"), doc("b", "In Homs", admin1="Homs"),
            doc("c", "Hama", admin1="Hama"), doc("d", "x", admin1="Idlib")]
    quoted = {"admin1": "Homs", "evidence": {"admin1": {"start": 0, "end": 4, "quote": "Homs"}}}
    preds: dict[str, list[dict[str, Any]]] = {"a": [quoted], "b": [{"admin1": "Hims"}], "c": [{"killed": 1}]}
    rows = error_rows(gold, preds, "admin1")
    assert [(r["id"], r["gold"], r["pred"], r["quote"], r["answerable"], r["covered"]) for r in rows] == [
        ("a", "Aleppo", "Homs", "Homs", True, True),
        ("c", "Hama", None, None, True, False),
        ("d", "Idlib", None, None, False, False),
    ]
    assert [r["id"] for r in error_rows(gold, preds, "admin1", answerable_only=True)] == ["a", "c"]


def test_error_rows_accept_short_field_names_and_skip_unknown_credit() -> None:
    gold = [doc("a", date_start="2017-01-05", perpetrator_class="unknown", killed=4, civilians_killed=4)]
    preds = {"a": [{"date_start": "2017-01-07", "killed_low": 3}]}
    assert error_rows(gold, preds, "date_pm1")[0]["pred"] == "2017-01-07"
    assert error_rows(gold, preds, "perpetrator_class") == []
    assert error_rows(gold, preds, "killed_exact")[0]["gold"] == 4
    assert error_rows(gold, preds, "civilians_killed_exact")[0]["covered"] is False
    with pytest.raises(ValueError, match="unknown evaluation field"):
        error_rows(gold, preds, "casualties")


# ------------------------------------------------------------------ reading gold
@pytest.mark.parametrize("line, message", [
    ('{"id": "b", "incidents": [', "not valid JSON"),
    ('["not", "an", "object"]', "expected a JSON object"),
    ('{"incidents": []}', "missing or invalid 'id'"),
    ('{"id": "a", "incidents": []}', "already used on line 1"),
    ('{"id": "b", "incidents": {"main": true}}', "'incidents' must be a list"),
])
def test_a_broken_gold_line_names_the_file_and_line(tmp_path: Path, line: str, message: str) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text('{"id": "a", "incidents": []}\n\n' + line + "\n", encoding="utf-8")
    with pytest.raises(GoldError, match=message) as err:
        read_gold(path)
    assert str(err.value).startswith(f"{path}:3:")


def test_gold_that_is_not_utf8_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_bytes(b'{"id": "a"}\n{"id": "b", "text": "\xff\xfe"}\n')
    with pytest.raises(GoldError, match=r"gold\.jsonl:2: not UTF-8"):
        read_gold(path)


def test_missing_gold_file_is_a_gold_error(tmp_path: Path) -> None:
    with pytest.raises(GoldError, match="cannot read gold file"):
        read_gold(tmp_path / "nope.jsonl")


def test_blank_lines_are_allowed_in_gold(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text('\n{"id": "a", "incidents": []}\n   \n{"id": 2}\n', encoding="utf-8")
    assert [d["id"] for d in read_gold(path)] == ["a", 2]
