"""plan.to_json() and plan.to_json_bytes() against orjson.dumps on the same document, interleaved
(21 rounds of 100 calls each), medians: bytes against bytes, and str against str (orjson's bytes
decoded, as a caller who wants a str does).

Run: .venv/bin/python bench/bench_json_pair.py   (timings only; never a test)
"""
import json, statistics, time, orjson, aftercare
from datetime import datetime, timezone
t = aftercare.Treatment(device="pen", depth_mm=1.0, skin_type=3, indication="acne_scars",
                        treated_at=datetime(2026, 11, 21, 14, tzinfo=timezone.utc))
p = aftercare.plan(t, tz="Europe/London")
doc = json.loads(p.to_json())
assert orjson.dumps(doc, option=orjson.OPT_INDENT_2) + b"\n" == p.to_json_bytes()  # the same bytes
pairs = {
    "plan.to_json_bytes()": lambda: p.to_json_bytes(),
    "orjson.dumps(OPT_INDENT_2)": lambda: orjson.dumps(doc, option=orjson.OPT_INDENT_2),
    "plan.to_json() (str)": lambda: p.to_json(),
    "orjson.dumps(...).decode() (str)": lambda: orjson.dumps(doc, option=orjson.OPT_INDENT_2).decode(),
}
res = {k: [] for k in pairs}
for r in range(21):
    for k, f in pairs.items():
        s = time.perf_counter()
        for _ in range(100): f()
        res[k].append((time.perf_counter() - s) / 100 * 1e6)
for k, v in res.items(): print(f"{k:34} median {statistics.median(v):8.1f} µs  min {min(v):8.1f} µs  ({len(p.to_json_bytes())} bytes)")
for ours, theirs in (("plan.to_json_bytes()", "orjson.dumps(OPT_INDENT_2)"), ("plan.to_json() (str)", "orjson.dumps(...).decode() (str)")):
    ratios = [a / b for a, b in zip(res[ours], res[theirs])]
    print(f"interleaved ratio {ours} / {theirs}: median {statistics.median(ratios):.2f}")
