"""The Arabic reader: sentences in the style of Arabic reports (SOHR, local pages, SANA, coalition releases)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from harmwatch.extract import load_patterns
from harmwatch.extract.arabic import AR_DIR, extract_claims_ar, is_arabic, load_ar_patterns, norm_ar
from harmwatch.records import CLAIM_FIELDS, DocInput

PUB = dt.date(2017, 10, 11)  # a Wednesday
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def geo() -> Any:
    from harmwatch.geo import Gazetteer, Resolver, shipped_places

    return Resolver(Gazetteer(shipped_places(["SY"])))


def _claims(text: str, pub: dt.date | None = PUB, resolver: Any = None) -> list[dict[str, Any]]:
    return extract_claims_ar(DocInput("t", text, published=pub), resolver)


def _main(text: str, pub: dt.date | None = PUB, resolver: Any = None) -> dict[str, Any]:
    cs = _claims(text, pub, resolver)
    assert cs, text
    return next(c for c in cs if c["main"])


# ---------------------------------------------------------------------------------------------- format
def test_brief_example_reads_every_field(geo: Any) -> None:
    text = ("قتل 12 مدنياً بينهم 5 أطفال وأصيب 20 آخرون جراء غارات جوية لطائرات التحالف الدولي على بلدة الشعفة "
            "في ريف دير الزور الشرقي يوم الثلاثاء.")
    c = _main(text, resolver=geo)
    assert (c["killed_low"], c["killed_high"], c["civilians_killed_low"], c["children_killed"], c["injured_low"]) == (
        12, 12, 12, 5, 20)
    assert c["perpetrator_class"] == "us_coalition"
    assert c["perpetrator"] == "International Coalition against the Islamic State"
    assert "التحالف الدولي" in c["perpetrator_raw"]
    assert (c["event_type"], c["sub_event_type"]) == ("Explosions/Remote violence", "Air/drone strike")
    assert (c["date_start"], c["date_end"], c["date_precision"]) == ("2017-10-10", "2017-10-10", "day")
    assert c["admin1"] == "Deir ez-Zor" and c["country"] == "SY"
    assert c["civilian_targeting"] is True


def test_claim_has_core_format_and_evidence_quotes_the_original_text() -> None:
    text = "قُتِلَ 12 مدنياً جراء غاراتٍ للطيران الروسي على مدينة إدلب اليوم."
    cs = _claims(text)
    assert len(cs) == 1
    c = cs[0]
    assert set(CLAIM_FIELDS) <= set(c) and c["main"] is True and c["extractor_version"].startswith("rules-ar")
    for f, e in c["evidence"].items():
        assert text[e["start"] : e["end"]] == e["quote"], f
    assert "قُتِلَ 12 مدنياً" in c["evidence"]["killed"]["quote"]
    assert c["segment"][0] == 0 and c["segment"][1] <= len(text)


def test_is_arabic_tells_scripts_apart() -> None:
    assert is_arabic("قتل 12 مدنياً في غارات على إدلب")
    assert not is_arabic("Russian jets killed 12 civilians in Idlib.")
    assert not is_arabic("")
    assert is_arabic("SOHR: قتل 5 مدنيين بقصف على مدينة حلب اليوم الثلاثاء")


# ---------------------------------------------------------------------------------------------- counts
def test_arabic_indic_digits_are_read() -> None:
    c = _main("مقتل ٢٣ مدنياً بقصف مدفعي لقوات النظام على بلدة كفرنبل")
    assert c["killed_low"] == 23 and c["civilians_killed_low"] == 23


def test_spelled_compound_number() -> None:
    c = _main("قتل خمسة وعشرون مدنياً جراء غارات لطائرات حربية يرجح أنها روسية الليلة الماضية")
    assert c["killed_low"] == 25 and c["perpetrator_class"] == "russia"


def test_count_before_its_noun_qatilan() -> None:
    c = _main("غارات للتحالف الدولي على حي المشلب توقع 17 قتيلاً مدنياً.")
    assert c["killed_low"] == 17 and c["civilians_killed_low"] == 17


def test_suqut_shuhada_with_wounded() -> None:
    c = _main("سقوط 10 شهداء و15 جريحاً في قصف للطيران الحربي على مدينة دوما.")
    assert (c["killed_low"], c["injured_low"]) == (10, 15)
    assert c["civilians_killed_low"] == 10  # no fighter named: the dead are civilians, as in the English reader


def test_at_least_is_a_lower_bound() -> None:
    c = _main("قتل ما لا يقل عن 42 شخصاً في غارات جوية أمريكية على قرية الجينة")
    assert (c["killed_low"], c["killed_high"]) == (42, None)


def test_more_than_is_a_lower_bound_and_about_is_kept() -> None:
    assert (_main("مقتل أكثر من 30 مدنياً بغارات روسية")["killed_low"], _main(
        "مقتل أكثر من 30 مدنياً بغارات روسية")["killed_high"]) == (30, None)
    c = _main("مقتل نحو 30 مدنياً بغارات روسية")
    assert (c["killed_low"], c["killed_high"]) == (30, 30)


def test_asfara_an_maqtal() -> None:
    c = _main("انفجرت سيارة مفخخة في مدينة أعزاز ما أسفر عن مقتل 9 أشخاص وإصابة 20 آخرين.")
    assert (c["killed_low"], c["injured_low"]) == (9, 20)
    assert c["sub_event_type"] == "Remote explosive/landmine/IED"


def test_laqiya_hatfahum_with_count_inside() -> None:
    c = _main("لقي 4 مدنيين حتفهم بانفجار لغم أرضي من مخلفات تنظيم داعش قرب الرقة أمس.")
    assert c["killed_low"] == 4 and c["perpetrator_class"] == "isis"
    assert c["date_start"] == "2017-10-10"


def test_singular_victim_counts_one_and_dual_two() -> None:
    c = _main("استشهد مدني وأصيب اثنان آخران بنيران قناص تابع لقوات النظام في حي جوبر")
    assert c["killed_low"] == 1 and c["event_type"] == "Violence against civilians"
    c = _main("مقتل طفلين بقصف مدفعي على بلدة الهبيط")
    assert c["killed_low"] == 2 and c["children_killed"] == 2


def test_list_of_groups_adds_up() -> None:
    c = _main("مقتل 5 أطفال و3 نساء ورجل في قصف مدفعي لقوات سوريا الديمقراطية على حي الدرعية.")
    assert (c["killed_low"], c["civilians_killed_low"], c["children_killed"], c["women_killed"]) == (9, 9, 5, 3)
    assert c["perpetrator_class"] == "sdf_kurdish"


def test_civilians_and_fighters_add_to_killed() -> None:
    c = _main("قتل 3 مدنيين و4 مقاتلين من الجيش الحر بقصف للمدفعية التركية على قرية مرعناز")
    assert (c["killed_low"], c["civilians_killed_low"]) == (7, 3)
    assert c["perpetrator_class"] == "turkey"


def test_subset_children_and_women() -> None:
    c = _main("استشهد سبعة مدنيين، بينهم طفلان وامرأة، فجر اليوم، في قصف للطيران الحربي الروسي على معرة النعمان")
    assert (c["killed_low"], c["children_killed"], c["women_killed"]) == (7, 2, 1)
    assert c["date_start"] == PUB.isoformat()


def test_fighters_only_gives_zero_civilians_and_the_other_side_as_doer() -> None:
    c = _main("مقتل 5 عناصر من قوات النظام في اشتباكات مع هيئة تحرير الشام في ريف حماة الشمالي")
    assert (c["killed_low"], c["civilians_killed_low"]) == (5, 0)
    assert c["perpetrator_class"] == "hts_nusra" and c["event_type"] == "Battles"
    assert c["civilian_targeting"] is False


def test_toll_rise_updates_the_figure() -> None:
    c = _main("ارتفعت حصيلة ضحايا الغارات على حي البدو في الرقة إلى 21 قتيلاً مدنياً بينهم 6 أطفال.")
    assert (c["killed_low"], c["civilians_killed_low"], c["children_killed"]) == (21, 21, 6)


def test_toll_rise_with_figure_before_the_noun() -> None:
    c = _main("ارتفع إلى 35 عدد الشهداء المدنيين الذين قضوا جراء القصف الجوي الروسي على أرمناز أمس.")
    assert c["killed_low"] == 35 and c["perpetrator_class"] == "russia"


def test_later_toll_in_the_next_sentence_wins() -> None:
    c = _main("قتل 12 مدنياً في غارات على بلدة الشعفة. وارتفعت حصيلة القتلى لاحقاً إلى 18 قتيلاً.")
    assert c["killed_low"] == 18


def test_tens_is_a_vague_lower_bound() -> None:
    c = _main("مقتل عشرات المدنيين بغارات روسية على مدينة الميادين")
    assert (c["killed_low"], c["killed_high"]) == (20, None)


def test_killed_and_wounded_together_is_not_a_death_toll() -> None:
    c = _main("سقوط 30 ضحية بين قتيل وجريح جراء قصف الطيران الروسي على سراقب يوم الثلاثاء")
    assert c["killed_low"] is None and c["perpetrator_class"] == "russia"


# ---------------------------------------------------------------------------------------------- actors
def test_aircraft_believed_russian_is_russia() -> None:
    c = _main("قتل 11 مدنياً جراء قصف طائرات يعتقد أنها روسية على بلدة البوليل")
    assert c["perpetrator_class"] == "russia" and "روسية" in c["perpetrator_raw"]


def test_monitor_speaking_is_not_the_perpetrator() -> None:
    c = _main("قال المرصد السوري لحقوق الإنسان إن 8 مدنيين قتلوا بغارات لطائرات النظام على بلدة التمانعة")
    assert c["perpetrator_class"] == "syrian_government" and c["killed_low"] == 8


def test_speaker_announcing_is_not_the_doer() -> None:
    c = _main("أعلنت وزارة الدفاع الروسية أن مسلحين قصفوا حي الحمدانية، وقتل 3 مدنيين بقذائف هاون أطلقتها "
              "هيئة تحرير الشام.")
    assert c["perpetrator_class"] == "hts_nusra"


def test_victims_side_is_not_the_doer() -> None:
    c = _main("قتل 6 عناصر من تنظيم الدولة بغارات لطيران التحالف قرب البوكمال")
    assert c["perpetrator_class"] == "us_coalition" and c["civilians_killed_low"] == 0


@pytest.mark.parametrize(
    ("phrase", "cls"),
    [
        ("بقصف لقوات الأسد", "syrian_government"),
        ("بغارات الطيران الحربي السوري", "syrian_government"),
        ("بقصف الجيش العربي السوري", "syrian_government"),
        ("بهجوم لتنظيم داعش", "isis"),
        ("بقصف لقسد", "sdf_kurdish"),
        ("بقذائف جبهة النصرة", "hts_nusra"),
        ("بقصف الفصائل المعارضة", "opposition"),
        ("بقصف القوات التركية", "turkey"),
        ("بنيران حزب الله", "iran_hezbollah"),
        ("بغارات الطيران الإسرائيلي", "israel"),
        ("بغارات الطيران الروسي", "russia"),
        ("بغارات طائرات التحالف", "us_coalition"),
        ("ببراميل متفجرة ألقتها المروحيات", "syrian_government"),
    ],
)
def test_actor_aliases(phrase: str, cls: str) -> None:
    c = _main(f"قتل 4 مدنيين {phrase} على البلدة يوم الإثنين")
    assert c["perpetrator_class"] == cls, c["perpetrator_raw"]


def test_no_actor_named_leaves_perpetrator_empty() -> None:
    c = _main("قتل 4 مدنيين بانفجار عبوة ناسفة في مدينة الباب")
    assert c["perpetrator"] is None and c["perpetrator_class"] is None


def test_arabic_actor_classes_match_the_english_dictionary() -> None:
    eng = load_patterns()
    data = yaml.safe_load((AR_DIR / "actors.yaml").read_text(encoding="utf-8"))
    for a in data["actors"]:
        assert a["name"] in eng.actors, a["name"]
        assert eng.actors[a["name"]].cls == a["class"], a["name"]


# ---------------------------------------------------------------------------------------------- events
@pytest.mark.parametrize(
    ("phrase", "sub"),
    [
        ("بغارة جوية", "Air/drone strike"),
        ("ببرميل متفجر", "Air/drone strike"),
        ("بقصف مدفعي", "Shelling/artillery/missile attack"),
        ("بانفجار سيارة مفخخة", "Remote explosive/landmine/IED"),
        ("بانفجار لغم", "Remote explosive/landmine/IED"),
        ("بهجوم انتحاري", "Suicide bomb"),
        ("بقصف بغاز الكلور", "Chemical weapon"),
        ("إعداماً رمياً بالرصاص", "Attack"),
        ("برصاص قناص", "Attack"),
        ("تحت التعذيب", "Attack"),
        ("في اشتباكات", "Armed clash"),
    ],
)
def test_event_triggers_map_to_english_sub_event_types(phrase: str, sub: str) -> None:
    c = _main(f"قتل 3 مدنيين {phrase} في البلدة يوم الأحد")
    assert c["sub_event_type"] == sub


# ---------------------------------------------------------------------------------------------- dates
@pytest.mark.parametrize(
    ("phrase", "start", "end", "prec"),
    [
        ("يوم الثلاثاء", "2017-10-10", "2017-10-10", "day"),
        ("فجر الأحد", "2017-10-08", "2017-10-08", "day"),
        ("أمس", "2017-10-10", "2017-10-10", "day"),
        ("مساء أمس", "2017-10-10", "2017-10-10", "day"),
        ("فجر اليوم", "2017-10-11", "2017-10-11", "day"),
        ("الليلة الماضية", "2017-10-10", "2017-10-11", "week"),
        ("في 4 تشرين الأول/أكتوبر", "2017-10-04", "2017-10-04", "day"),
        ("في 4 أكتوبر 2017", "2017-10-04", "2017-10-04", "day"),
        ("في الرابع من تشرين الأول", "2017-10-04", "2017-10-04", "day"),
        ("بتاريخ 3/10/2017", "2017-10-03", "2017-10-03", "day"),
        ("قبل يومين", "2017-10-09", "2017-10-09", "day"),
        ("أول أمس", "2017-10-09", "2017-10-09", "day"),
        ("في أيلول", "2017-09-01", "2017-09-30", "month"),
        ("في أيلول/سبتمبر", "2017-09-01", "2017-09-30", "month"),
        ("الأسبوع الماضي", "2017-10-02", "2017-10-08", "week"),
    ],
)
def test_incident_dates(phrase: str, start: str, end: str, prec: str) -> None:
    c = _main(f"قتل 5 مدنيين بغارات روسية على إدلب {phrase}.")
    assert (c["date_start"], c["date_end"], c["date_precision"]) == (start, end, prec)


def test_no_date_words_default_to_publication_window() -> None:
    c = _main("قتل 5 مدنيين بغارات روسية على إدلب.")
    assert (c["date_start"], c["date_end"], c.get("date_basis")) == ("2017-10-10", "2017-10-11", "publication")


def test_dateline_of_the_report_is_not_the_incident_date() -> None:
    c = _main("11 تشرين الأول 2017 - قتل 5 مدنيين بغارات روسية على إدلب يوم الإثنين.")
    assert c["date_start"] == "2017-10-09"


def test_statement_day_is_not_preferred_over_incident_day() -> None:
    c = _main("أفاد المرصد اليوم الأربعاء بأن 6 مدنيين قتلوا بغارات روسية على سراقب يوم الإثنين.")
    assert c["date_start"] == "2017-10-09"


# ---------------------------------------------------------------------------------------------- several incidents
def test_two_incidents_in_one_report_give_two_claims() -> None:
    text = ("قتل 16 مدنياً بينهم 4 أطفال في غارات روسية على مدينة مسرابا ظهر اليوم. وفي ريف إدلب، قتل رجل وأصيب "
            "3 آخرون في غارة لطائرات النظام على بلدة التمانعة.")
    cs = _claims(text)
    assert len(cs) == 2
    assert [c["main"] for c in cs] == [True, False]
    assert (cs[0]["killed_low"], cs[0]["perpetrator_class"]) == (16, "russia")
    assert (cs[1]["killed_low"], cs[1]["injured_low"], cs[1]["perpetrator_class"]) == (1, 3, "syrian_government")


def test_recalled_older_incident_has_its_own_date_and_is_not_main() -> None:
    text = ("كانت طائرات التحالف قد قتلت 9 مدنيين في بلدة الشعفة في 2 تشرين الأول. وفي سياق متصل، قتل 4 مدنيين "
            "اليوم بغارات للتحالف على بلدة هجين.")
    cs = _claims(text)
    assert len(cs) == 2
    old, new = cs
    assert old["main"] is False and old["date_start"] == "2017-10-02" and old["killed_low"] == 9
    assert new["main"] is True and new["date_start"] == PUB.isoformat() and new["killed_low"] == 4


def test_old_background_incident_is_dropped() -> None:
    cs = _claims("قتل 50 مدنياً في غارات على الرقة في 4 آذار 2016.")
    assert cs == []


def test_attack_without_figures_is_one_incident() -> None:
    c = _main("اشتباكات عنيفة بين قوات النظام وتنظيم الدولة في محيط مطار دير الزور العسكري اليوم.")
    assert c["event_type"] == "Battles" and c["killed_low"] is None


# ---------------------------------------------------------------------------------------------- traps
TRAPS = [
    "قتل أكثر من 400 ألف شخص منذ بداية الثورة السورية عام 2011.",
    "وثق المرصد مقتل 3000 مدني منذ بدء التدخل الروسي في سوريا.",
    "ارتفعت حصيلة القتلى منذ اندلاع الحرب إلى أكثر من 330 ألف شخص.",
    "بلغت حصيلة شهر أيلول 500 قتيل مدني في عموم سوريا.",
    "أدان الائتلاف الوطني السوري المجزرة التي ارتكبتها الطائرات الروسية وراح ضحيتها 30 مدنياً.",
    "تدين الحكومة السورية بشدة قتل 12 مدنياً وتحمل التحالف المسؤولية.",
    "استنكرت وزارة الخارجية التركية مقتل 5 مدنيين وطالبت بتحقيق.",
    "نفى التحالف الدولي مقتل 20 مدنياً في غاراته على الرقة.",
    "نفت وزارة الدفاع الروسية مزاعم عن مقتل مدنيين في غارات على إدلب.",
    "يحيي السوريون الذكرى السنوية الرابعة لمجزرة الكيماوي في الغوطة التي راح ضحيتها 1400 مدني.",
    "في ذكرى مجزرة الحولة التي قتل فيها 108 مدنيين بينهم 49 طفلاً.",
    "نزوح أكثر من 200 ألف مدني من ريف دير الزور هرباً من القصف.",
    "يعيش 400 ألف مدني محاصرين في الغوطة الشرقية وسط نقص حاد في الغذاء.",
    "توفي 3 أطفال من المحاصرين بسبب سوء التغذية ونقص الدواء.",
    "هدد تنظيم داعش بقتل 20 رهينة إذا لم تنسحب القوات.",
    "توعدت روسيا بالرد على مقتل جنودها.",
    "عقد اجتماع في أستانا لبحث وقف القصف على المدن.",
    "أصدرت محكمة حكماً بالإعدام على 5 متهمين.",
    "للاشتراك في نشرتنا الإخبارية اضغط هنا.",
]


@pytest.mark.parametrize("text", TRAPS)
def test_traps_yield_no_claim(text: str) -> None:
    assert _claims(text) == [], text


def test_trap_sentence_does_not_hide_the_incident_beside_it() -> None:
    text = ("قتل 7 مدنيين بغارات لطائرات التحالف على بلدة هجين يوم الثلاثاء. وكان المرصد قد وثق مقتل أكثر من "
            "3000 مدني منذ بدء التدخل الروسي.")
    cs = _claims(text)
    assert len(cs) == 1 and cs[0]["killed_low"] == 7 and cs[0]["perpetrator_class"] == "us_coalition"


def test_killed_displaced_people_in_a_strike_are_an_incident() -> None:
    c = _main("قتل 5 نازحين بغارة جوية على مخيم للنازحين قرب سرمدا يوم الأحد.")
    assert c["killed_low"] == 5 and c["civilians_killed_low"] == 5


# ---------------------------------------------------------------------------------------------- data and fixture
def test_user_yaml_extends_the_lists(tmp_path: Path) -> None:
    extra = tmp_path / "extra.yaml"
    extra.write_text("killed_after: [هالكا]\n", encoding="utf-8")
    p = load_ar_patterns([extra])
    c = extract_claims_ar(DocInput("t", "سقط 7 هالكا بقصف روسي", published=PUB), None, p)
    assert c and c[0]["killed_low"] == 7
    assert load_ar_patterns() is not p


def test_normalisation_folds_spelling_variants() -> None:
    assert norm_ar("إدلبُ الأُولى") == norm_ar("ادلب الاولي")
    assert norm_ar("٢٣") == "23"


def test_arabic_fixture_is_well_formed_and_read() -> None:
    lines = (REPO / "tests/fixtures/arabic-sample.jsonl").read_text(encoding="utf-8").splitlines()
    rows = [json.loads(x) for x in lines]
    assert len(rows) >= 30
    hit = 0
    for r in rows:
        assert r["language"] == "ar" and r["meta"]["attribution"] == "written for harmwatch"
        assert sum(i["main"] for i in r["incidents"]) == 1
        cs = extract_claims_ar(DocInput(r["id"], r["text"], published=dt.date.fromisoformat(r["published"])))
        g = next(i for i in r["incidents"] if i["main"])
        c = next((c for c in cs if c["main"]), None)
        hit += bool(c and c["killed_low"] == g["killed"])
    assert hit >= 0.9 * len(rows)


def test_named_single_victim_with_article_counts_one() -> None:
    c = _main("استشهاد الطفل أحمد العلي برصاص قناص في حي الوعر بمدينة حمص مساء أمس")
    assert c["killed_low"] == 1 and c["children_killed"] == 1


def test_dual_casualty_noun_alone() -> None:
    c = _main("شهيدان وعدد من الجرحى بقصف الطيران الروسي على بلدة التح بريف إدلب")
    assert c["killed_low"] == 2 and c["perpetrator_class"] == "russia"


def test_hashtags_are_read_as_words() -> None:
    c = _main("#عاجل | استشهاد 5 مدنيين بينهم طفلين جراء قصف طيران التحالف على مدينة #الميادين بريف #دير_الزور الشرقي")
    assert (c["killed_low"], c["children_killed"], c["perpetrator_class"]) == (5, 2, "us_coalition")


def test_plural_with_article_is_no_count() -> None:
    c = _main("أدى القصف إلى مقتل المدنيين في الحي بغارات روسية")
    assert c["killed_low"] is None


def test_pretext_wording_is_not_a_denial() -> None:
    c = _main("قتل 9 مدنيين بغارات للطيران الروسي على بلدة التمانعة بزعم استهداف مواقع للفصائل.")
    assert c["killed_low"] == 9 and c["perpetrator_class"] == "russia"


def test_strike_on_a_court_building_is_an_incident() -> None:
    c = _main("قتل 4 مدنيين بغارة للتحالف الدولي على مبنى المحكمة في مدينة الميادين.")
    assert c["killed_low"] == 4 and c["perpetrator_class"] == "us_coalition"


def test_is_media_names_the_coalition() -> None:
    c = _main("مقتل 6 من عوام المسلمين بقصف لطيران التحالف الصليبي على مدينة البوكمال")
    assert c["perpetrator_class"] == "us_coalition"


def test_was_inside_the_lead_sentence_is_not_a_recall() -> None:
    text = ("قتل 12 مدنياً بغارات للتحالف على بلدة الشعفة حيث كانت العائلات تحاول الفرار. وفي سياق متصل، قتل "
            "3 مدنيين بقصف مدفعي لقوات النظام على حي الحويقة.")
    cs = _claims(text)
    assert [c["main"] for c in cs] == [True, False] and cs[0]["killed_low"] == 12


def test_the_geo_stage_sees_the_unit_words_province_is_region_city_is_town(geo: Any) -> None:
    prov = _main("قتل 4 مدنيين بينهم طفلان جراء قصف مدفعي لقوات النظام على قرى في محافظة الرقة أمس.", resolver=geo)
    city = _main("مقتل 7 مدنيين في غارة جوية للتحالف الدولي على مدينة الرقة يوم الأحد.", resolver=geo)
    assert (prov["admin1"], prov["geo_precision"], prov["lat"]) == ("Raqqa", 3, None)
    assert (city["admin1"], city["geo_precision"]) == ("Raqqa", 1) and abs(city["lat"] - 35.95) < 0.05


def test_arabic_reports_reach_the_arabic_reader_through_extract_claims() -> None:
    from harmwatch.extract import extract_claims

    (c,) = extract_claims(DocInput("t", "استشهد 3 مدنيين بقصف للطيران الروسي على بلدة كفرنبل اليوم.", published=PUB))
    assert (c["killed_low"], c["perpetrator_class"], c["extractor_version"]) == (3, "russia", "rules-ar-1.0")


def test_a_malformed_arabic_pattern_file_is_refused_by_name(tmp_path: Path) -> None:
    bad = tmp_path / "ar-extra.yaml"
    bad.write_text("casualties: [unclosed\n", encoding="utf-8")
    with pytest.raises(ValueError, match="ar-extra.yaml: cannot read pattern file"):
        load_ar_patterns([bad])
    with pytest.raises(ValueError, match="missing.yaml: cannot read pattern file"):
        load_ar_patterns([tmp_path / "missing.yaml"])
