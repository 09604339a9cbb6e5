"""Web latency at scale: N synthetic incidents (with claims and reports) in SQLite, 8 concurrent clients.

    python bench/web_latency.py --n 1000000            # --workers (default: CPU count), --reuse, --no-uncached

Bulk-inserts straight into a fresh harmwatch SQLite file (one transaction, no journal, indexes built after
the load), starts `harmwatch serve --workers N` on loopback as a person would, waits until every worker has
built its rollups, then measures p50/p95/p99 per endpoint over the filter mix (none; one month; one admin1;
one perpetrator; min killed 10; all together): a cold pass (first request of each, one client), then 8 and 1
concurrent clients. Everything runs twice: with the response cache, and with web_cache_entries=0 (every
request computed). The load average is recorded beside each phase. Writes bench/out/web_latency.json.
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
from typing import Any

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
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("PRAGMA journal_mode=OFF")  # a throwaway file: no journal, no syncs, a big page cache
    con.execute("PRAGMA synchronous=OFF")
    con.execute("PRAGMA cache_size=-400000")
    con.execute("PRAGMA temp_store=MEMORY")
    # secondary indexes are built once after the load (sorted) instead of row by row
    indexes = con.execute("SELECT name, sql FROM sqlite_master WHERE type='index' AND sql IS NOT NULL AND tbl_name "
                          "IN ('reports', 'claims', 'incidents', 'incident_claims')").fetchall()
    for name, _sql in indexes:
        con.execute(f'DROP INDEX "{name}"')
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
    print(f"\rindexing {len(indexes)} indexes…", end="", file=sys.stderr, flush=True)
    for _name, sql in indexes:
        con.execute(sql)
    con.execute("ANALYZE")
    con.execute("PRAGMA journal_mode=WAL")
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


def load() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def tree_cpu(pid: int) -> float:
    """CPU seconds used so far by a process and its descendants (from /proc)."""
    parents: dict[int, int] = {}
    cpu: dict[int, float] = {}
    tick = os.sysconf("SC_CLK_TCK")
    for d in Path("/proc").iterdir():
        if not d.name.isdigit():
            continue
        try:
            fields = (d / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(d.name)] = int(fields[1])
        cpu[int(d.name)] = (int(fields[11]) + int(fields[12])) / tick
    total = 0.0
    for p in cpu:
        q = p
        while q and q != pid:
            q = parents.get(q, 0)
        if q == pid:
            total += cpu[p]
    return total


def wait_idle(pid: int, quiet: float = 0.05, limit: float = 900) -> None:
    """Until the server and its workers stop using CPU (every worker has built its rollups)."""
    t_end = time.monotonic() + limit
    before = tree_cpu(pid)
    while time.monotonic() < t_end:
        time.sleep(1.5)
        now = tree_cpu(pid)
        if now - before < quiet * 1.5:
            return
        before = now


def start_server(db: Path, workers: int, cache: bool) -> tuple[subprocess.Popen[bytes], str, float]:
    """`harmwatch serve --workers N` on a free loopback port, as a person would start it; waits until warm."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "HARMWATCH_CONFIG": "/nonexistent", "HARMWATCH_PROGRESS": "false"}
    if not cache:
        env["HARMWATCH_WEB_CACHE_ENTRIES"] = "0"
    t0 = time.perf_counter()
    server = subprocess.Popen([sys.executable, "-c", "from harmwatch.cli import main; main()", "--db", str(db),
                               "serve", "--port", str(port), "--workers", str(workers)], env=env,
                              stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(3000):
        try:
            httpx.get(base + "/favicon.ico", timeout=1)
            break
        except httpx.HTTPError:
            time.sleep(0.2)
    with httpx.Client(base_url=base, timeout=600) as c:
        for _ in range(4 * workers):  # the first answers make the workers build their rollups
            c.get("/incidents/timeline.json")
    wait_idle(server.pid)
    return server, base, time.perf_counter() - t0


def stop_server(server: subprocess.Popen[bytes]) -> None:
    server.terminate()
    try:
        server.wait(20)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait(10)


def measure(base: str, clients: int, rounds: int, incs: list[str]) -> tuple[dict[str, dict[str, list[float]]], float]:
    """`clients` threads, each asking every endpoint × filter `rounds` times in its own shuffled order."""
    results: dict[str, dict[str, list[float]]] = {e: {f: [] for f in FILTERS} for e in ENDPOINTS}
    lock = threading.Lock()

    def client(k: int) -> None:
        rnd = random.Random(k)
        jobs = [(e, f) for e in ENDPOINTS for f in FILTERS for _ in range(rounds)]
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

    threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
    t0 = time.perf_counter()
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    return results, time.perf_counter() - t0


def summary(results: dict[str, dict[str, list[float]]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for e, per in results.items():
        allv = [v for vs in per.values() for v in vs]
        out[e] = {"p50": pct(allv, 50), "p95": pct(allv, 95), "p99": pct(allv, 99),
                  "mean": round(statistics.mean(allv), 2), "requests": len(allv),
                  "by_filter": {f: {"p50": pct(v, 50), "p95": pct(v, 95), "p99": pct(v, 99)}
                                for f, v in per.items()}}
    return out


def run_phases(db: Path, args: argparse.Namespace, cache: bool) -> dict[str, Any]:
    """One server: a cold pass (first request of each endpoint × filter), then 8 clients, then 1 client."""
    load_before = load()
    server, base, warm_s = start_server(db, args.workers, cache)
    try:
        with httpx.Client(base_url=base, timeout=120) as c:
            incs = [r["id"] for r in c.get("/incidents.json?min_killed=5").json()["incidents"]][:20]
            cold: dict[str, dict[str, list[float]]] = {e: {f: [] for f in FILTERS} for e in ENDPOINTS}
            for e, ep in ENDPOINTS.items():  # one cold request per endpoint and filter, one client
                for f, q in FILTERS.items():
                    t = time.perf_counter()
                    assert c.get(ep.format(q=q, inc=incs[0])).status_code == 200
                    cold[e][f].append((time.perf_counter() - t) * 1000)
        phase: dict[str, Any] = {"cache": cache, "workers": args.workers, "start_and_warm_s": round(warm_s, 1),
                                 "load_before": load_before,
                                 "cold_single_ms": {e: {f: round(v[0], 1) for f, v in per.items()}
                                                    for e, per in cold.items()}}
        for clients in (args.clients, 1):
            la = load()
            results, wall = measure(base, clients, args.rounds if clients > 1 else max(2, args.rounds // 2), incs)
            phase[f"clients_{clients}"] = {"clients": clients, "load_before": la, "load_after": load(),
                                           "wall_s": round(wall, 1), "endpoints": summary(results)}
    finally:
        stop_server(server)
    return phase


def print_phase(name: str, phase: dict[str, Any], target: float) -> None:
    for key in (k for k in phase if k.startswith("clients_")):
        p = phase[key]
        print(f"\n{name}: {p['clients']} client(s), {phase['workers']} workers, load {p['load_before']}"
              f" → {p['load_after']}, {p['wall_s']}s")
        print(f"{'endpoint':16} {'p50':>8} {'p95':>8} {'p99':>8}   worst filter (p95)")
        for e, r in p["endpoints"].items():
            worst = max(r["by_filter"].items(), key=lambda kv: kv[1]["p95"])
            flag = "" if r["p95"] < target else "  (over target)"
            print(f"{e:16} {r['p50']:8.1f} {r['p95']:8.1f} {r['p99']:8.1f}   {worst[0]} {worst[1]['p95']:.1f}{flag}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1_000_000, help="incidents to generate (default 1,000,000)")
    ap.add_argument("--db", default=None, help="database file (default bench/out/web_latency_<n>.db)")
    ap.add_argument("--reuse", action="store_true", help="keep an existing database file")
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                    help="`harmwatch serve --workers` (default: the CPU count)")
    ap.add_argument("--rounds", type=int, default=10, help="requests per client per endpoint and filter")
    ap.add_argument("--no-uncached", action="store_true",
                    help="skip the second server with the response cache off (web_cache_entries=0)")
    ap.add_argument("--out", default=None, help="JSON report (default bench/out/web_latency.json)")
    args = ap.parse_args()
    db = Path(args.db or HERE / "out" / f"web_latency_{args.n}.db")
    db.parent.mkdir(parents=True, exist_ok=True)
    out = Path(args.out or HERE / "out" / "web_latency.json")
    load_start = load()
    t0 = time.perf_counter()
    if not (args.reuse and db.exists()):
        generate(db, args.n)
    gen_s = time.perf_counter() - t0
    target = 50.0
    report: dict[str, Any] = {"n_incidents": args.n, "clients": args.clients, "workers": args.workers,
                              "cpus": os.cpu_count(), "rounds": args.rounds, "target_p95_ms": target,
                              "generate_s": round(gen_s, 1) if not args.reuse else None,
                              "db_mb": round(db.stat().st_size / 1e6), "load_at_start": load_start,
                              "filters": FILTERS, "phases": {}}
    report["phases"]["cached"] = run_phases(db, args, cache=True)
    if not args.no_uncached:
        report["phases"]["uncached"] = run_phases(db, args, cache=False)
    report["load_at_end"] = load()
    out.write_text(json.dumps(report, indent=1))
    print(f"\n{args.n:,} incidents (generated in {gen_s:.0f}s), {args.workers} workers, load at start {load_start}")
    for name, phase in report["phases"].items():
        print_phase(name, phase, target)
    print(f"→ {out}")


if __name__ == "__main__":
    main()
