"""Benchmark of data bundles: export, import and consolidation at province and country scale.

    python bench/bench_bundles.py [--quick]

Prints one JSON object. Figures:
- ``export_one_s``: export (build, sign, atomic write, read back) of one
  commune-period of the demo commune (goal < 1 s);
- ``sqlite_province``: import + consolidation of 126 bundles of one province
  into a fresh SQLite database (goal < 5 s);
- ``sqlite_country`` / ``postgres_country``: the same for 3,321 bundles, one per
  official commune (goals < 60 s on SQLite, < 120 s on PostgreSQL; PostgreSQL
  runs when ``NQ57_TEST_PG_URL`` names a server);
- ``peak_rss_mb`` of each import, measured in its own child process, to show
  that memory does not grow with the number of bundles (goal < 400 MB).

Synthetic bundles are made from one real export of the demo commune, varied
per commune cheaply (commune code and name, values and statuses shuffled
deterministically), each signed with its own key like a real installation.
``--quick`` uses smaller counts (the goals are still reported, scaled).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import random
import subprocess
import sys
import tempfile
import time
import uuid
import zipfile
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

PERIOD = "2026-10"
PROVINCE = 79  # Thành phố Hồ Chí Minh: the largest province (168 communes)
PROVINCE_COUNT = 126
COUNTRY_COUNT = 3321
GOALS = {
    "export_one_s": 1.0,
    "sqlite_province_s": 5.0,
    "sqlite_country_s": 60.0,
    "postgres_country_s": 120.0,
    "peak_rss_mb": 400.0,
}
STATUSES = ("not_started", "in_progress_on_time", "in_progress_overdue", "done_on_time", "done_late")


def _template(tmp: Path) -> tuple[Path, float]:
    """A demo commune exported once; returns the bundle and the export time (best of 3)."""
    from models.bundle.export import export_bundle
    from models.db import open_database
    from models.demo import build_demo

    db = open_database(tmp / "template.db")
    build_demo(db, commune_code=10993, today=dt.date(2026, 11, 21))
    out = tmp / "template-out"
    out.mkdir()
    best = float("inf")
    bundle = None
    for _ in range(3):
        t0 = time.perf_counter()
        bundle = export_bundle(db, period_code=PERIOD, out_dir=out)
        best = min(best, time.perf_counter() - t0)
    db.close()
    assert bundle is not None
    return bundle, best


def make_bundles(template: Path, out: Path, communes: list[Any]) -> None:
    """One signed bundle per commune, varied from ``template``."""
    from models.bundle import format as fmt
    from models.bundle.export import _zip_bytes, build_csv
    from models.bundle.keys import KeyPair

    with zipfile.ZipFile(template) as zf:
        data0 = zf.read(fmt.DATA)
        manifest0 = json.loads(zf.read(fmt.MANIFEST))
    out.mkdir(parents=True, exist_ok=True)
    created0 = dt.datetime(2026, 11, 10, 2, 0, tzinfo=dt.UTC)
    for c in communes:
        rng = random.Random(c.code)
        data = json.loads(data0)
        data["commune"].update(code=c.code, name=c.name, province_code=c.province_code, province_name=c.province.name)
        for ind in data["indicators"]:
            st = ind["state"]
            if st["value"] is not None:
                st["value"] = round(st["value"] * rng.uniform(0.6, 1.4), 1)
            if st["yes"] is not None:
                st["yes"] = rng.random() < 0.6
            if st["evaluation"] is not None:
                st["evaluation"] = rng.choice(("achieved", "not_achieved", "exceeded"))
        for task in data["tasks"]:
            if task["state"] is not None:
                task["state"]["status"] = rng.choice(STATUSES)
                task["state"]["percent"] = float(rng.randrange(0, 101, 5))
        data_bytes = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
        csv_bytes, n = build_csv(data)
        members = {fmt.DATA: data_bytes, fmt.DATAVALUES: csv_bytes}
        key = KeyPair.generate()
        manifest = dict(manifest0)
        manifest.update(
            bundle_id=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            created_at=(created0 + dt.timedelta(minutes=rng.randrange(0, 60 * 24 * 12))).isoformat(),
            province={"code": c.province_code, "name": c.province.name},
            commune={"code": c.code, "name": c.name},
            members={k: {"size": len(v), "sha256": hashlib.sha256(v).hexdigest()} for k, v in sorted(members.items())},
            signing_key={"algorithm": "Ed25519", "public_key": key.public_b64, "fingerprint": key.fingerprint},
        )
        manifest["counts"] = dict(manifest0["counts"], data_values=n)
        mbytes = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
        (out / f"{c.code}_{PERIOD}{fmt.FILE_SUFFIX}").write_bytes(_zip_bytes(members, mbytes, key.sign(mbytes)))


def child_import(db_url: str, folder: str, scope: str) -> dict[str, Any]:
    """Import every bundle of ``folder`` then run the consolidated views (in a child process)."""
    import resource

    from models.audit import Actor
    from models.bundle.import_ import Outcome, import_bundles
    from models.bundle.scope import parse_scope
    from models.db import open_database
    from models.services import consolidation as cons

    db = open_database(db_url)
    sc = parse_scope(scope)
    t0 = time.perf_counter()
    results = import_bundles(db, [Path(folder)], scope=sc, actor=Actor.system("bench"))
    t_import = time.perf_counter() - t0
    refused = [r.message for r in results if r.outcome is not Outcome.NEW]
    t1 = time.perf_counter()
    with db.session() as s:
        _, summary = cons.submissions(s, period_code=PERIOD, province_code=sc.province_code)
        table = cons.indicator_summary(s, period_code=PERIOD, province_code=sc.province_code)
        statuses = cons.status_distribution(s, period_code=PERIOD, province_code=sc.province_code)
        cells = sum(1 for _ in cons.indicator_by_commune(
            s, period_code=PERIOD, element_code=table[0].code, province_code=sc.province_code
        ))
        if sc.is_country:
            cons.province_overview(s, period_code=PERIOD)
            cons.status_by_province(s, period_code=PERIOD)
            cons.indicator_summary(s, period_code=PERIOD, province_code=None, by_province=True)
    t_cons = time.perf_counter() - t1
    db.close()
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "bundles": len(results),
        "imported": sum(1 for r in results if r.outcome is Outcome.NEW),
        "not_imported": refused[:3],
        "submitted": summary.submitted,
        "indicators": len(table),
        "communes_with_tasks": len(statuses),
        "cells_of_one_indicator": cells,
        "import_s": round(t_import, 2),
        "consolidation_s": round(t_cons, 2),
        "total_s": round(t_import + t_cons, 2),
        "per_bundle_ms": round(1000 * t_import / max(len(results), 1), 2),
        "peak_rss_mb": round(peak_kb / 1024, 1),
    }


def _run_child(db_url: str, folder: Path, scope: str) -> dict[str, Any]:
    proc = subprocess.run(
        [sys.executable, __file__, "--child", db_url, str(folder), scope],
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        return {"error": proc.stderr.strip().splitlines()[-1:] or ["?"]}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _pg_database(server: str) -> tuple[str, Any]:
    import psycopg
    from sqlalchemy.engine import make_url

    url = make_url(server)
    name = f"nq57_bench_{uuid.uuid4().hex[:8]}"
    conninfo = url.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(conninfo, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')

    def drop() -> None:
        with psycopg.connect(conninfo, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return url.set(database=name).render_as_string(hide_password=False), drop


def run(quick: bool) -> dict[str, Any]:
    """Run the benchmark; ``quick`` uses 30 and 300 bundles instead of 126 and 3,321."""
    from models import geo

    province_n = 30 if quick else PROVINCE_COUNT
    country_n = 300 if quick else COUNTRY_COUNT
    out: dict[str, Any] = {"quick": quick, "goals": GOALS, "period": PERIOD}
    with tempfile.TemporaryDirectory(prefix="nq57-bench-") as tmp_name:
        tmp = Path(tmp_name)
        template, export_s = _template(tmp)
        out["export_one_s"] = round(export_s, 3)
        out["bundle_bytes"] = template.stat().st_size

        province_communes = geo.communes_of(PROVINCE)[:province_n]
        all_communes = list(geo.communes())
        if country_n < len(all_communes):
            step = len(all_communes) / country_n
            all_communes = [all_communes[int(i * step)] for i in range(country_n)]
        t0 = time.perf_counter()
        make_bundles(template, tmp / "province", province_communes)
        make_bundles(template, tmp / "country", all_communes)
        out["generate_s"] = round(time.perf_counter() - t0, 1)

        out["sqlite_province"] = _run_child(str(tmp / "province.db"), tmp / "province", str(PROVINCE))
        out["sqlite_country"] = _run_child(str(tmp / "country.db"), tmp / "country", "all")
        server = os.environ.get("NQ57_TEST_PG_URL")
        if server:
            for key, folder, scope in (
                ("postgres_province", tmp / "province", str(PROVINCE)),
                ("postgres_country", tmp / "country", "all"),
            ):
                url, drop = _pg_database(server)
                try:
                    out[key] = _run_child(url, folder, scope)
                finally:
                    drop()
        else:
            out["postgres_country"] = "skipped: NQ57_TEST_PG_URL not set"

    def scaled(goal: float, n: int, full: int) -> float:
        return round(goal * n / full, 2)

    def figure(key: str, scenario: str, goal: float, n: int, full: int) -> None:
        got = out.get(scenario)
        if not isinstance(got, dict) or "total_s" not in got:
            results[key] = {"value": None, "goal": goal, "unit": "s", "ok": None, "note": str(got)}
            return
        g = scaled(goal, n, full)
        results[key] = {
            "value": got["total_s"],
            "goal": g,
            "unit": "s",
            "ok": got["total_s"] <= g,
            "note": f"{got['bundles']} gói" + (f" (chạy nhanh; mục tiêu {goal} s cho {full} gói, tỷ lệ theo số gói)" if n != full else ""),
        }

    results: dict[str, Any] = {
        "export_bundle_s": {
            "value": out["export_one_s"], "goal": GOALS["export_one_s"], "unit": "s",
            "ok": out["export_one_s"] <= GOALS["export_one_s"],
        }
    }
    figure("consolidate_126_sqlite_s", "sqlite_province", GOALS["sqlite_province_s"], province_n, PROVINCE_COUNT)
    figure("consolidate_3321_sqlite_s", "sqlite_country", GOALS["sqlite_country_s"], country_n, COUNTRY_COUNT)
    figure("consolidate_3321_postgres_s", "postgres_country", GOALS["postgres_country_s"], country_n, COUNTRY_COUNT)
    scenarios = ("sqlite_province", "sqlite_country", "postgres_province", "postgres_country")
    peaks = {
        k: out[k]["peak_rss_mb"] for k in scenarios if isinstance(out.get(k), dict) and "peak_rss_mb" in out[k]
    }
    if peaks:
        results["peak_memory_mb"] = {
            "value": max(peaks.values()), "goal": GOALS["peak_rss_mb"], "unit": "MB",
            "ok": max(peaks.values()) <= GOALS["peak_rss_mb"],
        }
    prov, country = out["sqlite_province"], out["sqlite_country"]
    if isinstance(prov, dict) and isinstance(country, dict) and "peak_rss_mb" in prov and "peak_rss_mb" in country:
        growth = round(country["peak_rss_mb"] - prov["peak_rss_mb"], 1)
        # Not growing: the country import peaks within 10% of the province import.
        flat = growth <= 0.1 * prov["peak_rss_mb"]
        results["memory_growth_with_bundles"] = {
            "value": 1 if flat else 0, "goal": 1, "unit": "bool", "ok": flat,
            "note": f"{prov['bundles']} gói: {prov['peak_rss_mb']} MB; {country['bundles']} gói: {country['peak_rss_mb']} MB",
        }
    for scenario in scenarios:
        got = out.get(scenario)
        if isinstance(got, dict) and "per_bundle_ms" in got:
            results[f"{scenario}_per_bundle_ms"] = {"value": got["per_bundle_ms"], "unit": "ms", "ok": None}
    out["results"] = results
    return out


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        print(json.dumps(child_import(sys.argv[2], sys.argv[3], sys.argv[4]), ensure_ascii=False))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    print(json.dumps(run(args.quick), ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
