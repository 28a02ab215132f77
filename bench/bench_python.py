"""The Python package against what a data scientist would otherwise write.

Run: make bench-python   (or .venv/bin/python bench/bench_python.py [--patients N] [--repeat K])

Prints one table; timings are never test assertions. The alternatives read the protocol JSON and
compute windows in pure Python, or with a pandas merge on the depth tier. They do *less* than the
core: no modifiers (device, area, skin type, adjuncts, history), no references between windows,
no stages, no red flags or course milestones, and no sources, so their plans are wrong for RF,
PRP, periorbital, scalp/body and skin types IV-VI. They show the cost of the naive route, not an
equivalent.
"""

from __future__ import annotations

import argparse
import json
import pathlib
import platform
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from typing import Any

import numpy as np
import orjson
import pandas as pd

import aftercare

ROOT = pathlib.Path(__file__).resolve().parents[1]


def cohort(n: int, seed: int = 1) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    device = rng.choice(["pen", "rf"], n)
    depth = np.where(device == "rf", rng.choice([0.5, 1.0, 2.0, 3.0], n), rng.choice([0.25, 0.5, 1.0, 1.5, 2.5], n))
    area = rng.choice(["face", "neck", "scalp", "back"], n)
    depth = np.where(area == "scalp", np.minimum(depth, 2.5), depth)  # the protocol's depth limit for the scalp
    return pd.DataFrame(
        {
            "device": device,
            "depth_mm": depth,
            "area": area,
            "skin_type": rng.integers(1, 7, n),
            "indication": rng.choice(["acne_scars", "wrinkles"], n),
            "treated_at": pd.Timestamp("2026-11-21 09:00", tz="Europe/London")
            + pd.to_timedelta(rng.integers(0, 90 * 24, n), unit="h"),
        }
    )


def treatments(frame: pd.DataFrame) -> list[aftercare.Treatment]:
    return [
        aftercare.Treatment(device=r.device, depth_mm=r.depth_mm, area=r.area, skin_type=int(r.skin_type),
                            indication=r.indication, treated_at=r.treated_at.to_pydatetime())
        for r in frame.itertuples()
    ]


# --- the alternatives: the protocol file read by hand ------------------------------------------


def hours(value: dict[str, Any], tier: str) -> float | None:
    """A window in hours: a number, or by tier; None for a reference (not followed here)."""
    if "value" in value:
        return float(value["value"])
    if "by_tier" in value:
        return float(value["by_tier"][tier])
    return None


def naive_rows(protocol: dict[str, Any], frame: pd.DataFrame) -> pd.DataFrame:
    """Per patient, per entry, in pure Python: what a first script looks like."""
    tiers = [(t["max_depth_mm"], t["id"]) for t in protocol["tiers"]]
    rows = []
    for r in frame.itertuples():
        tier = next(t for limit, t in tiers if r.depth_mm <= limit)
        at = r.treated_at.to_pydatetime()
        for e in protocol["effects"]:
            onset, end = hours(e["onset_h"], tier), hours(e["typical_end_h"], tier)
            if onset is None or end is None:
                continue
            rows.append((r.Index, e["code"], at + timedelta(hours=onset), at + timedelta(hours=end)))
        for e in protocol["restrictions"]:
            until = hours(e["stages"][-1]["until_h"], tier)
            if until is not None:
                rows.append((r.Index, e["code"], at, at + timedelta(hours=until)))
    return pd.DataFrame(rows, columns=["patient", "code", "start", "finish"])


def naive_merge(protocol: dict[str, Any], frame: pd.DataFrame) -> pd.DataFrame:
    """Vectorised: a windows-by-tier table merged onto the patients, as a careful analyst would."""
    tiers = protocol["tiers"]
    windows = []
    for t in tiers:
        for e in protocol["effects"]:
            onset, end = hours(e["onset_h"], t["id"]), hours(e["typical_end_h"], t["id"])
            if onset is not None and end is not None:
                windows.append((t["id"], e["code"], onset, end))
        for e in protocol["restrictions"]:
            until = hours(e["stages"][-1]["until_h"], t["id"])
            if until is not None:
                windows.append((t["id"], e["code"], 0.0, until))
    table = pd.DataFrame(windows, columns=["tier", "code", "onset_h", "end_h"])
    limits = [t["max_depth_mm"] for t in tiers]
    patients = frame.assign(
        tier=pd.cut(frame["depth_mm"], [0.0, *limits], labels=[t["id"] for t in tiers]).astype(str)
    ).reset_index(names="patient")
    merged = patients.merge(table, on="tier")
    merged["start"] = merged["treated_at"] + pd.to_timedelta(merged["onset_h"], unit="h")
    merged["finish"] = merged["treated_at"] + pd.to_timedelta(merged["end_h"], unit="h")
    return merged[["patient", "code", "start", "finish"]]


# --- timing -----------------------------------------------------------------------------------


def naive_daily(schedule: aftercare.Schedule) -> list[datetime]:
    """The daily reminders by hand with zoneinfo: each series' wall-clock time on each of its days.
    Only the wall-clock part: no elapsed reminders, quiet hours, horizon or care windows."""
    out = []
    for s in schedule.series:
        day, clock, zone = s.first.date(), s.first.time(), s.first.tzinfo
        for i in range(s.count):
            out.append(datetime.combine(day + timedelta(days=i), clock, tzinfo=zone).astimezone(UTC))
    return out


def rrule_daily(schedule: aftercare.Schedule) -> list[datetime]:
    """The same daily reminders as a calendar library expands them: dateutil's rrule over each
    series' RRULE (FREQ=DAILY;COUNT=n from its DTSTART wall time), each wall time then placed in the
    zone with zoneinfo. Only the wall-clock part, as naive_daily."""
    from dateutil.rrule import DAILY, rrule

    out = []
    for s in schedule.series:
        for local in rrule(DAILY, count=s.count, dtstart=s.first.replace(tzinfo=None)):
            out.append(local.replace(tzinfo=s.first.tzinfo).astimezone(UTC))
    return out


def best(f: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        f()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--patients", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    n, repeat = args.patients, args.repeat

    frame = cohort(n)
    items = treatments(frame)
    protocol_text = (ROOT / "data" / "protocols" / "microneedling.json").read_text(encoding="utf-8")
    one = aftercare.plan(items[0], tz="Europe/London")
    reminders = aftercare.schedule(one)
    reports = [aftercare.SymptomReport("redness", after=timedelta(days=3)),
               aftercare.SymptomReport("pus", after=timedelta(hours=30), signs=["fever"])]
    first = items[0].treated_at
    assert first is not None
    later = first + timedelta(days=90)  # the reports' "now": after them whatever today's date is
    document = json.loads(one.to_json())  # the same document as Python objects, for orjson and json
    history = aftercare.PatientHistory(["rosacea", "tan"], isotretinoin_stopped="2026-07-31")

    def threaded(workers: int) -> Callable[[], object]:
        chunks = [items[i::workers] for i in range(workers)]

        def run() -> object:
            with ThreadPoolExecutor(workers) as pool:
                return list(pool.map(aftercare.plans, chunks))

        return run

    cases: list[tuple[str, str, Callable[[], object]]] = [
        ("aftercare", "plan(t) per patient", lambda: [aftercare.plan(t) for t in items]),
        ("aftercare", "plan(t).entries per patient (Python objects)", lambda: [aftercare.plan(t).entries for t in items]),
        ("aftercare", "plans(treatments): one C++ loop, GIL released", lambda: aftercare.plans(items)),
        ("aftercare", "plans() on 2 threads", threaded(2)),
        ("aftercare", "cohort(treatments) -> DataFrame", lambda: aftercare.cohort(items)),
        ("aftercare", "cohort(DataFrame) -> DataFrame (columns in, columns out)", lambda: aftercare.cohort(frame)),
        ("aftercare", "plan(t).to_dataframe() per patient + concat",
         lambda: pd.concat([aftercare.plan(t).to_dataframe() for t in items], ignore_index=True)),
        ("aftercare", "Treatment(...) construction per patient", lambda: treatments(frame)),
        ("aftercare", "schedules(DataFrame) -> reminders of all (C++, no GIL)", lambda: aftercare.schedules(frame)),
        ("aftercare", "schedule(plan(t)).to_dataframe() per patient + concat",
         lambda: pd.concat([aftercare.schedule(aftercare.plan(t)).to_dataframe(tz="UTC") for t in items], ignore_index=True)),
        ("by hand", "json.loads(protocol) + loop per patient (pure Python)",
         lambda: naive_rows(json.loads(protocol_text), frame)),
        ("by hand", "json.loads(protocol) + pandas merge on tier", lambda: naive_merge(json.loads(protocol_text), frame)),
    ]
    per_plan: list[tuple[str, str, Callable[[], object], int]] = [
        ("aftercare", "plan.to_json() (one plan, Europe/London; a str)", lambda: one.to_json(), 2000),
        ("aftercare", "plan.to_json_bytes() (the same, UTF-8 bytes)", lambda: one.to_json_bytes(), 2000),
        ("by hand", "orjson.dumps(the same document, as dicts; OPT_INDENT_2)",
         lambda: orjson.dumps(document, option=orjson.OPT_INDENT_2), 2000),
        ("by hand", "orjson.dumps(...).decode() (the same, a str)",
         lambda: orjson.dumps(document, option=orjson.OPT_INDENT_2).decode(), 2000),
        ("by hand", "orjson.dumps(the same document, as dicts; one line)", lambda: orjson.dumps(document), 2000),
        ("by hand", "json.dumps(the same document, as dicts; indent=2)", lambda: json.dumps(document, indent=2), 200),
        ("aftercare", "plan.to_text() (one plan)", lambda: one.to_text(), 2000),
        ("aftercare", "plan.to_dataframe() (one plan)", lambda: one.to_dataframe(), 200),
        ("aftercare", "schedule(plan) (Europe/London)", lambda: aftercare.schedule(one), 2000),
        ("aftercare", "schedule(plan).reminders (Python objects)", lambda: aftercare.schedule(one).reminders, 200),
        ("by hand", "zoneinfo loop over the daily series only", lambda: naive_daily(reminders), 200),
        ("by hand", "dateutil.rrule + zoneinfo over the daily series only", lambda: rrule_daily(reminders), 200),
        ("aftercare", "schedule.to_ics()", lambda: reminders.to_ics(), 500),
        ("aftercare", "schedule.to_dataframe()", lambda: reminders.to_dataframe(), 50),
        ("aftercare", "triage(plan, [2 reports])", lambda: aftercare.triage(one, reports, as_of=later), 2000),
        ("aftercare", "screen(history, treatment)", lambda: aftercare.screen(history, items[0], as_of="2026-11-20"), 2000),
        ("aftercare", "parse_protocol(default text)", lambda: aftercare.parse_protocol(protocol_text), 20),
        ("by hand", "json.loads(default protocol text)", lambda: json.loads(protocol_text), 20),
    ]

    print(f"aftercare {aftercare.__version__}, Python {platform.python_version()}, pandas {pd.__version__}, "
          f"{n} patients, best of {repeat}, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC")
    print(f"one plan: {len(one)} entries; the cohort table has "
          f"{len(aftercare.cohort(frame))} rows (the by-hand ones: {len(naive_merge(json.loads(protocol_text), frame))},"
          " without modifiers, stages, care, milestones or red flags)\n")
    reference = best(lambda: aftercare.cohort(frame), repeat)
    print(f"{'':10} {'cohort of ' + str(n):58} {'total ms':>10} {'µs/patient':>11} {'vs cohort(df)':>14}")
    for who, name, f in cases:
        s = best(f, repeat)
        print(f"{who:10} {name:58} {s * 1e3:10.1f} {s / n * 1e6:11.2f} {s / reference:13.1f}x")
    print(f"\n{'':10} {'single calls':58} {'µs/call':>10}")
    for who, name, f, k in per_plan:
        s = best(lambda f=f, k=k: [f() for _ in range(k)], max(1, repeat // 2)) / k  # type: ignore[misc]
        print(f"{who:10} {name:58} {s * 1e6:10.1f}")


if __name__ == "__main__":
    main()
