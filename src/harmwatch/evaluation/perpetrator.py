"""Perpetrator classes of gold incidents and predicted claims, read with one alias table.

Follows shared/eval/score.py (sha256 eec4212c928dbb59531e9a79c44f1a85e4f1880c149f56455111058fd1015ead),
'perpetrator aliases' section. The table is the reference's, kept in code (not in the editable
actor dictionary) because it defines what the perpetrator figures measure.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from typing import Any

#: The coarse perpetrator families of the evaluation sets, in the reference's tie-break order.
CLASSES: tuple[str, ...] = (
    "syrian_government", "russia", "isis", "us_coalition", "turkey", "opposition",
    "sdf_kurdish", "hts_nusra", "iran_hezbollah", "israel", "unknown", "other",
)

#: class -> (case-insensitive regex, case-sensitive regex or None), English and Arabic.
PERP_ALIASES: dict[str, tuple[str, str | None]] = {
    "syrian_government": (
        r"\bregime\b|\bassad\b|syrian (arab )?(army|government|military|forces|troops|air ?force|"
        r"warplanes?|jets?|helicopters?|aircraft|artillery|regime|authorities|state)|"
        r"government(-| )(forces|troops|army|warplanes?|aircraft|helicopters?|jets?|artillery|militias?)|"
        r"pro-?(government|regime|assad)|\bsaa\b|national defen[cs]e forces|\bndf\b|tiger forces|"
        r"republican guard|(4th|fourth) (armou?red )?division|military forces of syria|"
        r"government of syria|damascus government|loyalist|liwa al[- ]quds|quds brigade|"
        r"police forces of syria|syrian police|"
        r"النظام|نظام|الأسد|الاسد|الجيش السوري|الجيش العربي السوري|القوات الحكومية|قوات الحكومة|"
        r"الجيش النظامي|الدفاع الوطني|الفرقة الرابعة|الحرس الجمهوري|قوات النمر|الحكومة السورية",
        None),
    "russia": (r"russia|\bvks\b|moscow|kremlin|wagner|روس|روسي|روسيا", None),
    "isis": (
        r"islamic state|\bisis\b|\bisil\b|\bda'?esh\b|\bdaish\b|khalid ibn al[- ]walid|caliphate|"
        r"داعش|د ا ع ش|د.اعش|تنظيم الدولة|الدولة الإسلامية|الدولة الاسلامية",
        r"\bIS\b"),
    "us_coalition": (
        r"coalition|u\.s\.|\bus[- ]led\b|united states|\bamerican|\bcentcom\b|pentagon|\bcjtf|"
        r"inherent resolve|\bbritish\b|royal air force|\braf\b|\bfrench\b|\bfrance\b|\busaf\b|"
        r"التحالف|أمريك|امريك|أميرك|اميرك|الولايات المتحدة|البريطاني|الفرنسي",
        r"\bUS\b|\bUSA\b|\bUK\b"),
    "turkey": (
        r"turk(?!istan)|ankara|euphrates shield|olive branch|peace spring|"
        r"تركي|تركيا|الأتراك|الاتراك|أنقرة|انقرة|درع الفرات|غصن الزيتون|نبع السلام",
        None),
    "opposition": (
        r"opposition|rebel|insurgent|free syrian army|\bfsa\b|ja[iy]sh al[- ]islam|ahrar al[- ]sham|"
        r"faylaq|sham legion|rahman corps|syrian national army|\bsna\b|national front for liberation|"
        r"\bnfl\b|zenki|zinki|ja[iy]sh al[- ]izza|southern front|armed (groups?|factions?)|militants?|"
        r"factions?|terrorists?|jihadists?|islamists?|gunmen|operations? room|\bliwa\b|mujahideen|"
        r"fatah halab|hawar kilis|levant front|jabhat al[- ]shamiya|lions of the east|"
        r"usud al[- ]sharqiya|army of conquest|ja[iy]sh al[- ](fatah|nasr|nukhba|ahrar|asha)|"
        r"ahmad al[- ]abdo|jabal al[- ]sheikh|elite army|sultan murad|hamza division|"
        r"nour al[- ]din|\b(13th|23rd|1st coastal|al[- ]wosta) division|sham corps|faylaq al[- ]sham|"
        r"army of revolutionaries|ja[iy]sh al[- ]thuwar|suq[ou]+r al[- ]sham|sham liberation army|"
        r"farouq|islamic front|syrian revolutionaries front|\bsrf\b|new syrian army|\bnsa\b|"
        r"jund al[- ]malahem|furqan|first regiment|"
        r"المعارضة|الفصائل|فصائل|الجيش الحر|الجيش الوطني|الثوار|المسلحين|المسلحة|مسلحين|"
        r"جيش الإسلام|جيش الاسلام|أحرار الشام|احرار الشام|فيلق|إرهابي|ارهابي|الإرهابية|الارهابية",
        None),
    "sdf_kurdish": (
        r"\bsdf\b|syrian democratic forces|\bypg\b|\bypj\b|kurd|\bpkk\b|self[- ]administration|"
        r"asayish|asayesh|\bqsd\b|manbij military council|\baanes\b|"
        r"قسد|ق س د|سوريا الديمقراطية|الوحدات الكردية|وحدات حماية|الكرد|كردي|الكردية|"
        r"الإدارة الذاتية|الادارة الذاتية|الأسايش|الاسايش|العمال الكردستاني",
        None),
    "hts_nusra": (
        r"\bhts\b|hay'?at tahrir|tahrir al[- ]sham|nusra|fateh al[- ]sham|fatah al[- ]sham|\bjfs\b|"
        r"al[- ]qa'?ida|al[- ]qaeda|hurras|"
        r"هيئة تحرير الشام|تحرير الشام|النصرة|فتح الشام|القاعدة|حراس الدين",
        None),
    "iran_hezbollah": (
        r"\biran|hezbollah|hizbollah|hizballah|hizbullah|\birgc\b|revolutionary guard|quds force|"
        r"fatemiyoun|zainabiyoun|nujaba|shi'?(a|ite) (muslim )?militias?|pro-?iran|"
        r"islamic resistance in iraq|"
        r"popular mobili[sz]ation|hashd|"
        r"إيران|ايران|إيراني|ايراني|حزب الله|الحرس الثوري|فاطميون|زينبيون",
        None),
    "israel": (
        r"israel|\bidf\b|zionist|إسرائيل|اسرائيل|إسرائيلي|اسرائيلي|الصهيوني|"
        r"جيش الاحتلال(?! ?(ال)?(روسي|تركي|التركي|الروسي|الأمريكي|الامريكي|الإيراني|الايراني))",
        None),
    "unknown": (
        r"unknown|unidentified|unclear|not (yet )?(known|identified|specified|clear)|anonymous|"
        r"undetermined|unspecified|unattributed|no claim|"
        r"مجهول|مجهولة|مجهولين|غير معروف|غير معروفة|غير محدد",
        None),
    "other": (
        r"jordan|\biraq|lebanese army|\begypt|saudi|\buae\b|emirati|qatar|tribal|\bclans?\b|civilians?|"
        r"الأردن|الاردن|العراق|عشائر|العشائر",
        None),
}
_ALIAS_RX: dict[str, tuple[re.Pattern[str], re.Pattern[str] | None]] = {
    c: (re.compile(ci, re.I), re.compile(cs) if cs else None) for c, (ci, cs) in PERP_ALIASES.items()
}
# Rewrites before matching: the opposition's "Syrian Coalition" is not the US-led one, and
# "anti-ISIS" / "Russian-backed" name someone other than the actor.
_REWRITES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"syrian (national |opposition )?coalition|national coalition for syrian|\betilaf\b", re.I),
     " opposition "),
    (re.compile(r"\b(anti|counter)[- ](isis|isil|daesh|is|islamic state)\b", re.I), " "),
    (re.compile(r"\b[\w.]+[- ]backed\b", re.I), " "),
    (re.compile(r"(?<![A-Za-z])U\.S\.(?=[A-Za-z -])"), " U.S. "),
)


def perp_classes(text: object) -> list[str]:
    """Every class a free text mentions, first mention first (the first is the primary)."""
    if text is None:
        return []
    t = unicodedata.normalize("NFKC", str(text)).replace("’", "'").replace("‘", "'")
    t = t.replace("\u0640", "")  # Arabic tatweel
    for rx, rep in _REWRITES:
        t = rx.sub(rep, t)
    found: list[tuple[int, int, str]] = []
    for order, c in enumerate(CLASSES):
        # search() finds the leftmost match, the first mention (the reference scans every match)
        pos = [m.start() for rx in _ALIAS_RX[c] if rx is not None and (m := rx.search(t))]
        if pos:
            found.append((min(pos), order, c))
    return [c for _, _, c in sorted(found)]


def as_class_name(v: object) -> str | None:
    """v itself as a class name ("Syrian Government" -> syrian_government), else None."""
    if isinstance(v, str):
        k = re.sub(r"[\s-]+", "_", v.strip().lower())
        if k in CLASSES:
            return k
    return None


def pred_class(claim: Mapping[str, Any]) -> str | None:
    """A claim's class: a valid perpetrator_class first, then its perpetrator text (a class name
    or aliases, then perpetrator_raw); unmatched text is 'other'; None if it names no one."""
    c = as_class_name(claim.get("perpetrator_class"))
    if c:
        return c
    text, raw = claim.get("perpetrator"), claim.get("perpetrator_raw")
    c = as_class_name(text)
    if c:
        return c
    for t in (text, raw):
        cls = perp_classes(t) if isinstance(t, str) else []
        if cls:
            return cls[0]
    if any(isinstance(t, str) and t.strip() for t in (text, raw)):
        return "other"
    return None


def _blank(v: object) -> bool:
    """Null, whitespace, or an empty list/dict: nothing stated."""
    return v is None or (isinstance(v, str) and not v.strip()) or (isinstance(v, (list, dict)) and not v)


def names_no_perpetrator(claim: Mapping[str, Any]) -> bool:
    """True when perpetrator, perpetrator_raw and perpetrator_class are all blank ("not stated")."""
    return all(_blank(claim.get(k)) for k in ("perpetrator", "perpetrator_raw", "perpetrator_class"))


def gold_classes(g: Mapping[str, Any]) -> tuple[str | None, set[str]]:
    """(primary class, accepted classes) of a gold incident; (None, set()) if it names no one."""
    acc: list[str] = []
    pc = g.get("perpetrator_class")
    if isinstance(pc, str) and pc in CLASSES:
        acc.append(pc)
    for c in g.get("perpetrator_classes") or []:
        if c in CLASSES and c not in acc:
            acc.append(c)
    perp = g.get("perpetrator")
    if not acc and isinstance(perp, str) and perp.strip():
        acc = perp_classes(perp) or ["other"]
    return (acc[0] if acc else None), set(acc)


def gold_classes_ordered(g: Mapping[str, Any]) -> list[str]:
    """The accepted gold classes, primary first, for showing in error rows."""
    prim, accepted = gold_classes(g)
    if prim is None:
        return []
    return [prim, *sorted(accepted - {prim})]


def side_classes(g: Mapping[str, Any]) -> list[str]:
    """The valid classes of a dyad's two sides (events with sides but no perpetrator)."""
    return [c for c in (g.get("side_classes") or []) if c in CLASSES]
