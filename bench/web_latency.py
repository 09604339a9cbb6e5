"""Web latency at scale: N synthetic incidents (with claims and reports) in SQLite, 8 concurrent clients.

    python bench/web_latency.py --n 1000000

Bulk-inserts straight into a fresh harmwatch SQLite file, starts `harmwatch serve` on loopback, warms it
(the first request builds the rollups), then measures p50/p95/p99 per endpoint over the filter mix
(none; one month; one admin1; one perpetrator; min killed 10; all together). Writes bench/out/web_latency.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import random
import socket
import sqlite3
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx

HERE = Path(__file__).resolve().parent
GOVS = [("Aleppo", 36.20, 37.16), ("Idlib", 35.93, 36.63), ("Hama", 35.13, 36.75), ("Homs", 34.73, 36.71),
        ("Damascus", 33.51, 36.29), ("Rif Dimashq", 33.52, 36.60), ("Deir ez-Zor", 35.33, 40.14),
        ("Raqqa", 35.95, 39.01), ("Al-Hasakah", 36.50, 40.75), ("Daraa", 32.62, 36.10), ("Latakia", 35.52, 35.79),
        ("Tartus", 34.89, 35.89), ("Quneitra", 33.13, 35.82), ("As-Suwayda", 32.71, 36.57)]
PERPS = [("Military Forces of Syria", "syrian_government"), ("Military Forces of Russia", "russia"),
         ("Islamic State (Syria)", "isis"), ("Military Forces of the United States", "us_coalition"),
         ("Military Forces of Turkey", "turkey"), ("Opposition rebels (Syria)", "opposition"),
         ("Syrian Democratic Forces", "sdf_kurdish"), ("Hayat Tahrir al-Sham", "hts_nusra"),
         ("Hezbollah", "iran_hezbollah"), ("Pro-government militias (Syria)", "syrian_government")]
EVENTS = [("Explosions/Remote violence", "Air/drone strike"),
          ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
          ("Violence against civilians", "Attack"), ("Battles", "Armed clash")]
GRADES = ["weak", "weak", "weak", "fair", "fair", "contested", "confirmed", "discounted"]
START = dt.date(2011, 3, 15)
DAYS = (dt.date(2024, 12, 31) - START).days


def generate(path: Path, n: int, seed: int = 7) -> None:
    """Fresh database (migrations + gazetteer via harmwatch), then bulk inserts with one sqlite3 connection."""
    from harmwatch.config import load_config
    from harmwatch.pipeline import open_store

    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    cfg = load_config(None, {"db": str(path), "progress": False}, environ={"HARMWATCH_CONFIG": "/nonexistent"})
    open_store(cfg).close()
    rnd = random.Random(seed)
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=OFF")
    con.execute("BEGIN")
    con.executemany("INSERT INTO sources (id, name, kind, enabled) VALUES (?, ?, ?, 1)",
                    [(i + 1, f"Source {i + 1}", "ngo") for i in range(40)])
    now = dt.datetime.now(dt.UTC).isoformat(sep=" ")
    batch = 20000
    for lo in range(0, n, batch):
        reps, claims, incs, links = [], [], [], []
        for i in range(lo, min(n, lo + batch)):
            sha = hashlib.sha256(str(i).encode()).hexdigest()
            day = START + dt.timedelta(days=int(rnd.random() ** 0.7 * DAYS))
            gov, glat, glon = GOVS[int(rnd.random() ** 1.3 * len(GOVS))]
            perp, pclass = PERPS[rnd.randrange(len(PERPS))]
            et, sub = EVENTS[rnd.randrange(len(EVENTS))]
            region = rnd.random() < 0.25
            lat = None if region else round(glat + rnd.uniform(-0.6, 0.6), 5)
            lon = None if region else round(glon + rnd.uniform(-0.6, 0.6), 5)
            killed = int(rnd.expovariate(1 / 6))
            high = None if rnd.random() < 0.2 else killed + rnd.randrange(0, 5)
            grade = GRADES[rnd.randrange(len(GRADES))]
            text = f"An {sub.lower()} hit {gov} on {day}, killing {killed} civilians, sources said."
            q0 = text.index("killing")
            ev = {"killed": {"start": q0, "end": q0 + 8 + len(str(killed)), "quote": f"killing {killed}"}}
            cdata = {"date_start": day.isoformat(), "date_end": day.isoformat(), "date_precision": "day",
                     "country": "SY",
                     "admin1": gov, "location": gov, "lat": lat, "lon": lon, "geo_precision": 3 if region else 1,
                     "perpetrator": perp, "perpetrator_class": pclass, "event_type": et, "sub_event_type": sub,
                     "killed_low": killed, "killed_high": high, "main": True, "evidence": ev}
            reps.append((i + 1, sha, f"r{i}", b"x", "text/plain", 1 + i % 40, f"Report {i}", day.isoformat(),
                         "metadata", now, "en", text, sha, 0))
            claims.append((i + 1, f"{sha[:16]}:0", i + 1, 0, 1, "bench", day.isoformat(), day.isoformat(), "SY", gov,
                           lat, lon, pclass, et, json.dumps(cdata)))
            idata = {"sources": [f"Source {1 + i % 40}"], "figures": {"killed": [
                {"claim": f"{sha[:16]}:0", "low": killed, "high": high, "quote": f"killing {killed}"}]},
                "representative_claim": f"{sha[:16]}:0", "grade_computed": grade}
            incs.append((f"inc-{i:012x}", now, now, day.isoformat(), day.isoformat(), "day", "SY", gov, gov, lat, lon,
                         3 if region else 1, perp, pclass, et, sub, killed, killed, high, killed, killed, high,
                         grade, "unreviewed", json.dumps(idata)))
            links.append((i + 1, f"inc-{i:012x}", '{"rule": "bench"}'))
        con.executemany("INSERT INTO reports (id, sha256, ext_id, raw, content_type, source_id, title, published, "
                        "published_from, retrieved_at, language, text, text_sha256, text_public) "
                        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", reps)
        con.executemany("INSERT INTO claims (id, key, report_id, n, main, extractor, date_start, date_end, country, "
                        "admin1, lat, lon, perpetrator_class, event_type, data) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                        claims)
        con.executemany("INSERT INTO incidents (id, created_at, updated_at, date_start, date_end, date_precision, "
                        "country, admin1, location, lat, lon, geo_precision, perpetrator, perpetrator_class, "
                        "event_type, sub_event_type, killed_low, killed_best, killed_high, civilians_killed_low, "
                        "civilians_killed_best, civilians_killed_high, grade, review_status, data) "
                        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", incs)
        con.executemany("INSERT INTO incident_claims (claim_id, incident_id, why) VALUES (?,?,?)", links)
        print(f"\rgenerated {min(n, lo + batch):,}/{n:,}", end="", file=sys.stderr, flush=True)
    con.execute("COMMIT")
    con.execute("ANALYZE")
    con.close()
    print(file=sys.stderr)


FILTERS = {
    "none": "",
    "one month": "date_from=2016-12-01&date_to=2016-12-31",
    "one admin1": "admin1=Aleppo",
    "one perpetrator": "perpetrator=russia",
    "min killed 10": "min_killed=10",
    "all together": "date_from=2016-12-01&date_to=2016-12-31&admin1=Aleppo&perpetrator=russia&min_killed=10",
}
ENDPOINTS = {"incidents list": "/incidents.json?{q}", "map data": "/incidents/map.json?{q}",
             "timeline": "/incidents/timeline.json?{q}", "incident page": "/incidents/{inc}"}


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return round(values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))], 2)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1_000_000, help="incidents to generate (default 1,000,000)")
    ap.add_argument("--db", default=str(HERE / "out" / "web_latency.db"))
    ap.add_argument("--reuse", action="store_true", help="keep an existing database of the right size")
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--rounds", type=int, default=10, help="requests per client per endpoint and filter")
    ap.add_argument("--out", default=str(HERE / "out" / "web_latency.json"))
    args = ap.parse_args()
    db = Path(args.db)
    db.parent.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    if not (args.reuse and db.exists()):
        generate(db, args.n)
    gen_s = time.perf_counter() - t0
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "HARMWATCH_CONFIG": "/nonexistent", "HARMWATCH_PROGRESS": "false"}
    server = subprocess.Popen([sys.executable, "-c", "from harmwatch.cli import main; main()", "--db", str(db),
                               "serve", "--port", str(port)], env=env, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                httpx.get(base + "/favicon.ico", timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.2)
        t1 = time.perf_counter()
        with httpx.Client(base_url=base, timeout=120) as c:
            c.get("/incidents/timeline.json")  # builds the rollups
            warm_s = time.perf_counter() - t1
            incs = [r["id"] for r in c.get("/incidents.json?min_killed=5").json()["incidents"]][:20]
            for ep in ENDPOINTS.values():  # one cold pass per endpoint and filter
                for q in FILTERS.values():
                    c.get(ep.format(q=q, inc=incs[0]))
        results: dict[str, dict[str, list[float]]] = {e: {f: [] for f in FILTERS} for e in ENDPOINTS}
        lock = threading.Lock()

        def client(k: int) -> None:
            rnd = random.Random(k)
            jobs = [(e, f) for e in ENDPOINTS for f in FILTERS for _ in range(args.rounds)]
            rnd.shuffle(jobs)
            with httpx.Client(base_url=base, timeout=120) as c:
                for e, f in jobs:
                    url = ENDPOINTS[e].format(q=FILTERS[f], inc=rnd.choice(incs))
                    t = time.perf_counter()
                    r = c.get(url)
                    ms = (time.perf_counter() - t) * 1000
                    assert r.status_code == 200, (url, r.status_code)
                    with lock:
                        results[e][f].append(ms)

        threads = [threading.Thread(target=client, args=(k,)) for k in range(args.clients)]
        t2 = time.perf_counter()
        for th in threads:
            th.start()
        for th in threads:
            th.join()
        wall = time.perf_counter() - t2
    finally:
        server.terminate()
        server.wait(10)
    report = {"n_incidents": args.n, "clients": args.clients, "rounds": args.rounds, "generate_s": round(gen_s, 1),
              "warmup_rollups_s": round(warm_s, 2), "wall_s": round(wall, 1), "target_p95_ms": 50, "endpoints": {}}
    for e, per in results.items():
        allv = [v for vs in per.values() for v in vs]
        report["endpoints"][e] = {"p50": pct(allv, 50), "p95": pct(allv, 95), "p99": pct(allv, 99),
                                  "mean": round(statistics.mean(allv), 2), "requests": len(allv),
                                  "by_filter": {f: {"p50": pct(v, 50), "p95": pct(v, 95), "p99": pct(v, 99)}
                                                for f, v in per.items()}}
    Path(args.out).write_text(json.dumps(report, indent=1))
    print(f"{args.n:,} incidents, {args.clients} concurrent clients, {wall:.1f}s")
    print(f"{'endpoint':16} {'p50':>8} {'p95':>8} {'p99':>8}   worst filter (p95)")
    for e, r in report["endpoints"].items():
        worst = max(r["by_filter"].items(), key=lambda kv: kv[1]["p95"])
        print(f"{e:16} {r['p50']:8.1f} {r['p95']:8.1f} {r['p99']:8.1f}   {worst[0]} {worst[1]['p95']:.1f}")
    print(f"→ {args.out}")


if __name__ == "__main__":
    main()
