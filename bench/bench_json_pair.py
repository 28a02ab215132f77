"""plan.to_json() against orjson.dumps on the same document, interleaved (21 rounds of 100 calls each), medians.

Run: .venv/bin/python bench/bench_json_pair.py   (timings only; never a test)
"""
import json, statistics, time, orjson, aftercare
from datetime import datetime, timezone
t = aftercare.Treatment(device="pen", depth_mm=1.0, skin_type=3, indication="acne_scars",
                        treated_at=datetime(2026, 11, 21, 14, tzinfo=timezone.utc))
p = aftercare.plan(t, tz="Europe/London")
doc = json.loads(p.to_json())
native = aftercare._core
def ours(): return p.to_json()
def ours_bytes(): return native.to_json(p.native, aftercare._core.zone("Europe/London"), 2)
def orj(): return orjson.dumps(doc, option=orjson.OPT_INDENT_2)
pairs = {"plan.to_json()": ours, "orjson.dumps(OPT_INDENT_2)": orj}
res = {k: [] for k in pairs}
for r in range(21):
    for k, f in pairs.items():
        s = time.perf_counter()
        for _ in range(100): f()
        res[k].append((time.perf_counter() - s) / 100 * 1e6)
for k, v in res.items(): print(f"{k:32} median {statistics.median(v):8.1f} µs  min {min(v):8.1f} µs  ({len(p.to_json())} chars)")
ratios = [a / b for a, b in zip(res["plan.to_json()"], res["orjson.dumps(OPT_INDENT_2)"])]
print(f"interleaved ratio aftercare/orjson: median {statistics.median(ratios):.2f}")
