"""Score the Arabic reader (extract_claims_ar) on the self-written Arabic sample with the reference scorer,
and time it (reports/s on one core, with and without the geo resolver).

The sample (tests/fixtures/arabic-sample.jsonl) was written for harmwatch in the style of real Arabic
reports: its figures show that the rules work on the constructions they were written for, NOT real-world
accuracy on Airwars' Arabic sources.

    .venv/bin/python bench/arabic_eval.py [--gold PATH] [--score PATH] [--repeat N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from harmwatch.extract.arabic import extract_claims_ar, is_arabic, load_ar_patterns
from harmwatch.records import DocInput

REPO = Path(__file__).resolve().parents[1]
GOLD = REPO / "tests" / "fixtures" / "arabic-sample.jsonl"
SCORER = Path("/work/shared/eval/score.py")
OUT = REPO / "bench" / "out" / "arabic_eval.json"
BACKGROUND = (
    "وتشهد المنطقة منذ أسابيع تصعيداً عسكرياً متواصلاً، إذ تتعرض المدن والبلدات الواقعة على ضفتي نهر الفرات لقصف "
    "شبه يومي، وسط ظروف إنسانية صعبة يعيشها السكان بسبب انقطاع المياه والكهرباء وارتفاع أسعار المواد الغذائية.\n\n"
    "وطالب ناشطون وفعاليات مدنية المنظمات الدولية بالتدخل العاجل لحماية المدنيين وفتح ممرات آمنة لخروج العائلات "
    "الراغبة في مغادرة المنطقة، مؤكدين أن المستشفيات الميدانية تعاني من نقص حاد في الأدوية والكوادر الطبية.\n\n"
    "وعلى الصعيد الميداني، تواصل الأطراف المتحاربة تعزيز مواقعها على خطوط التماس، فيما تتحدث مصادر محلية عن "
    "وصول تعزيزات جديدة إلى محيط المدينة، في وقت لم يصدر فيه أي تعليق رسمي على التطورات الأخيرة."
)
FIELDS = ("found", "date_pm1", "admin1", "point_25km", "perpetrator_class", "killed_exact", "civilians_exact")


def _docs(path: Path) -> list[tuple[DocInput, dict[str, Any]]]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        r = json.loads(line)
        pub = dt.date.fromisoformat(r["published"]) if r.get("published") else None
        out.append((DocInput(id=r["id"], text=r.get("text") or "", published=pub, title=r.get("title"),
                             language=r.get("language")), r))
    return out


def _resolver() -> Any:
    from harmwatch.geo import Gazetteer, Resolver, shipped_places

    return Resolver(Gazetteer(shipped_places(["SY", "IQ"])), countries=("SY", "IQ"))


def _pred_line(doc: DocInput, claims: list[dict[str, Any]]) -> str:
    incs = []
    for c in claims:
        d = {k: v for k, v in c.items() if k != "evidence"}
        d["killed"] = c.get("killed_low")
        d["civilians_killed"] = c.get("civilians_killed_low")
        incs.append(d)
    return json.dumps({"id": doc.id, "incidents": incs}, ensure_ascii=False)


def _throughput(docs: list[DocInput], resolver: Any, repeat: int) -> dict[str, float]:
    p = load_ar_patterns()
    n = 0
    t0, c0 = time.perf_counter(), time.process_time()
    for _ in range(repeat):
        for d in docs:
            if resolver is not None:
                resolver._cache.clear()  # a fresh text each time, as in a real run
            extract_claims_ar(d, resolver, p)
            n += 1
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    return {"reports": n, "per_s_wall": round(n / wall, 1), "per_s_cpu": round(n / cpu, 1)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--gold", type=Path, default=GOLD)
    ap.add_argument("--score", type=Path, default=SCORER)
    ap.add_argument("--repeat", type=int, default=30)
    ap.add_argument("--out", type=Path, default=OUT)
    a = ap.parse_args(argv)
    rows = _docs(a.gold)
    docs = [d for d, _ in rows]
    not_ar = [d.id for d in docs if not is_arabic(d.text)]
    resolver = _resolver()
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as fh:
        for d in docs:
            fh.write(_pred_line(d, extract_claims_ar(d, resolver)) + "\n")
        pred = fh.name
    res = subprocess.run([sys.executable, str(a.score), str(a.gold), pred, "--json"], capture_output=True, text=True,
                         check=True)
    scores = json.loads(res.stdout)
    Path(pred).unlink()
    out: dict[str, Any] = {
        "set": str(a.gold.relative_to(REPO)) if a.gold.is_relative_to(REPO) else str(a.gold),
        "note": "self-written sample (written for harmwatch): shows the rules work, not real-world accuracy",
        "documents": len(docs),
        "not_detected_as_arabic": not_ar,
        "scores": scores,
        "throughput_no_geo": _throughput(docs, None, a.repeat),
        "throughput_geo": _throughput(docs, resolver, max(1, a.repeat // 3)),
    }
    # longer reports, closer to real source pages: each sample report followed by three paragraphs of the
    # background a news page carries (context, a statement, the front line; no figures), ~750 characters
    long_docs = [DocInput(f"long-{d.id}", d.text + "\n\n" + BACKGROUND, published=d.published) for d in docs]
    out["throughput_long_no_geo"] = _throughput(long_docs, None, max(1, a.repeat // 3))
    out["throughput_long_geo"] = _throughput(long_docs, resolver, max(1, a.repeat // 6))
    out["long_doc_chars_mean"] = round(sum(len(d.text) for d in long_docs) / max(1, len(long_docs)))
    a.out.parent.mkdir(parents=True, exist_ok=True)
    a.out.write_text(json.dumps(out, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    metrics = scores.get("metrics", {})
    print(f"Arabic sample: {len(docs)} docs (self-written; shows the rules work, not real-world accuracy)")
    print(f"  claims per doc {scores.get('mean_pred_incidents_per_doc')}, extra {scores.get('extra_claims_per_doc')}")
    for k in ("any_incident_found", "date_start_pm1d", "admin1", "point_25km", "perpetrator_class", "killed_exact",
              "civilians_killed_exact", "injured_in_range"):
        v = metrics.get(k) or {}
        acc, cov = v.get("accuracy"), v.get("coverage")
        acc_s = "-" if acc is None else f"{100 * acc:5.1f}%"
        cov_s = "-" if cov is None else f"{100 * cov:5.1f}%"
        print(f"  {k:24s} acc {acc_s}  cov {cov_s}  n={v.get('n')}")
    for k in ("throughput_no_geo", "throughput_geo", "throughput_long_no_geo", "throughput_long_geo"):
        print(f"  {k:24s} {out[k]}")
    print("wrote", a.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
