"""HTML ingest throughput: harmwatch's whole fetch-less ingest beside trafilatura's extraction alone.

    python bench/ingest_throughput.py [--pages N] [--repeat R]

Pages are built from the FA-KES dev texts (../shared/eval/fakes-dev.jsonl; the bundled samples when it is
missing) wrapped in realistic page chrome: head metadata, navigation, sidebar, scripts, cookie banner, footer.
The floor is trafilatura.bare_extraction over the same bytes with the parameters ingest uses; harmwatch's
figure is `ingest_paths(..., extract=False)` over the folder: reading, main text + metadata, dateline,
hashing, dedupe checks and one SQLite transaction per report. Target: harmwatch ≤ 1.5 × the floor.
"""

from __future__ import annotations

import argparse
import html
import json
import sys
import tempfile
import time
from pathlib import Path

import trafilatura

from harmwatch.config import load_config
from harmwatch.pipeline import ingest_paths, open_store

REPO = Path(__file__).resolve().parents[1]
FAKES = REPO.parent / "shared" / "eval" / "fakes-dev.jsonl"
OUT = REPO / "bench" / "out" / "ingest_throughput.json"
TARGET = 1.5

CHROME = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title} | {site}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta property="og:site_name" content="{site}"><meta property="og:title" content="{title}">
<meta property="article:published_time" content="{published}T08:30:00+03:00">
<meta name="description" content="{lead}">
<link rel="stylesheet" href="/static/site.css"><script src="/static/analytics.js" async></script>
<script>window.dataLayer=window.dataLayer||[];
function gtag(){{dataLayer.push(arguments)}}gtag('js',new Date());</script>
</head><body class="article-page">
<div id="cookie-banner">We use cookies to improve your experience. <a href="/privacy">Privacy policy</a>
<button>Accept</button></div>
<header class="site-header"><a class="logo" href="/">{site}</a>
<nav class="main-nav"><ul>{nav}</ul></nav>
<form class="search" action="/search"><input name="q" placeholder="Search"></form></header>
<div class="breadcrumbs"><a href="/">Home</a> › <a href="/news">News</a> › <a href="/news/syria">Syria</a></div>
<main><article class="story"><h1 class="headline">{title}</h1>
<div class="byline">By staff reporter · <time datetime="{published}">{published}</time></div>
<div class="share"><a href="#">Facebook</a> <a href="#">Twitter</a> <a href="#">WhatsApp</a></div>
<div class="story-body">{paragraphs}</div>
<div class="tags">Tags: <a href="/tag/syria">Syria</a> <a href="/tag/civilians">Civilians</a></div>
</article>
<aside class="sidebar"><h3>Most read</h3><ol>{most_read}</ol>
<div class="ad">Advertisement</div><h3>Newsletter</h3><p>Get the daily briefing in your inbox.</p></aside></main>
<footer><ul>{footer}</ul><p>© 2017 {site}. All rights reserved.</p></footer>
<script>document.querySelectorAll('.share a').forEach(function(a){{a.onclick=function(){{return false}}}});</script>
</body></html>"""
SECTIONS = ["World", "Middle East", "Syria", "Iraq", "Yemen", "Politics", "Opinion", "Video", "Photos", "About"]


def load_docs() -> list[dict[str, str]]:
    """The FA-KES dev texts, or the bundled samples when the shared sets are not beside the repo."""
    if FAKES.exists():
        return [json.loads(line) for line in FAKES.read_text(encoding="utf-8").splitlines() if line.strip()]
    docs = []
    for p in sorted((REPO / "samples").glob("*.txt")):
        docs.append({"id": p.stem, "text": p.read_text(encoding="utf-8"), "title": p.stem, "source": "samples"})
    return docs


def page(doc: dict[str, str], n: int) -> bytes:
    """One realistic news page around a text: the text split into paragraphs inside page chrome."""
    text = doc["text"]
    sentences = [s.strip() for s in text.replace("\n", " ").split(". ") if s.strip()]
    paras = [". ".join(sentences[i:i + 3]) for i in range(0, len(sentences), 3)] or [text]
    title = doc.get("title") or " ".join(text.split()[:10])
    esc = html.escape
    return CHROME.format(
        title=esc(title), site=esc(doc.get("source") or "News Agency").upper(), published=doc.get("published")
        or "2017-01-01", lead=esc(paras[0][:160]),
        nav="".join(f'<li><a href="/{s.lower()}">{s}</a></li>' for s in SECTIONS),
        paragraphs="".join(f"<p>{esc(p)}{'' if p.endswith('.') else '.'}</p>" for p in paras),
        most_read="".join(f'<li><a href="/news/{n}-{i}">Story headline number {i} of the day</a></li>'
                          for i in range(8)),
        footer="".join(f'<li><a href="/{s.lower()}">{s}</a></li>' for s in ["Contact", "Terms", "Privacy", "Careers"]),
    ).encode("utf-8")


def trafilatura_alone(raws: list[bytes]) -> float:
    """Seconds for trafilatura's extraction (same parameters as harmwatch's HTML reader) of every page."""
    start = time.perf_counter()
    for raw in raws:
        trafilatura.bare_extraction(raw, include_comments=False, with_metadata=True, include_tables=True,
                                    favor_precision=False,
                                    date_extraction_params={"extensive_search": False, "original_date": True})
    return time.perf_counter() - start


def harmwatch_ingest(folder: Path, work: Path, rep: int) -> tuple[float, int]:
    """Seconds for harmwatch's whole ingest of the folder into a fresh SQLite database (opened beforehand)."""
    db = work / f"bench-{rep}.db"
    cfg = load_config(None, {"db": str(db), "progress": False}, environ={"HARMWATCH_CONFIG": str(work / "none")})
    store = open_store(cfg)
    try:
        start = time.perf_counter()
        summary = ingest_paths(store, cfg, [folder], extract=False)
        took = time.perf_counter() - start
    finally:
        store.close()
    if summary.failed:
        print(f"  {len(summary.failed)} pages failed, e.g. {summary.failed[0]}", file=sys.stderr)
    return took, len(summary.ingested) + len(summary.aliases) + len(summary.duplicates)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, default=0, help="Use only the first N texts (default: all).")
    ap.add_argument("--repeat", type=int, default=2, help="Runs of each side; the best run counts.")
    args = ap.parse_args()
    docs = load_docs()[: args.pages or None]
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        folder = work / "pages"
        folder.mkdir()
        raws = []
        for n, doc in enumerate(docs):
            raw = page(doc, n)
            (folder / f"page-{n:05d}.html").write_bytes(raw)
            raws.append(raw)
        floors, ours = [], []
        stored = 0
        for rep in range(args.repeat):  # interleaved, so load on the machine hits both sides alike
            floors.append(trafilatura_alone(raws))
            took, stored = harmwatch_ingest(folder, work, rep)
            ours.append(took)
    floor, whole = min(floors), min(ours)
    ratio = whole / floor
    result = {
        "pages": len(raws), "bytes": sum(len(r) for r in raws), "source": str(FAKES if FAKES.exists() else "samples"),
        "trafilatura_seconds": round(floor, 3), "trafilatura_pages_per_s": round(len(raws) / floor, 1),
        "harmwatch_seconds": round(whole, 3), "harmwatch_pages_per_s": round(len(raws) / whole, 1),
        "stored": stored, "ratio": round(ratio, 3), "target_ratio": TARGET, "meets_target": ratio <= TARGET,
        "runs": {"trafilatura": [round(x, 3) for x in floors], "harmwatch": [round(x, 3) for x in ours]},
    }
    print(f"{len(raws)} pages ({result['bytes'] / 1e6:.1f} MB of HTML)")
    print(f"  trafilatura extraction alone : {result['trafilatura_pages_per_s']:8.1f} pages/s  ({floor:.2f} s)")
    print(f"  harmwatch ingest, no extract : {result['harmwatch_pages_per_s']:8.1f} pages/s  ({whole:.2f} s)")
    print(f"  ratio {ratio:.2f} (target ≤ {TARGET}) {'OK' if ratio <= TARGET else 'OVER TARGET'}")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
