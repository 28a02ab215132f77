"""aftercare.cohort() from a thousand to a million patients, beside the hand-vectorised pandas merge;
aftercare.cohort_wide() (one row per patient) beside cohort().pivot(), which gives the same frame.

Run: .venv/bin/python bench/bench_cohort.py [--sizes 1000,10000,100000,1000000] [--repeat K]
     (make bench-python runs it at its default sizes)

Each (size, way) runs in a fresh Python process, so its peak memory is its own: the process's peak
resident set (getrusage's ru_maxrss) after the call, less its resident set just before it (the
interpreter, pandas, numpy and the input frame). "1st call" is the process's first call; "seconds"
the best of the others (--repeat calls in all, two at a million). The first call pays for touching
memory the process never had: on the development VM, first-touching 3.8 GB takes 4-8 s where
touching it again takes 0.4 s (numpy.ones, same process), so at a million patients the first call
measures the VM's memory as much as the code. Prints one table; timings are never test assertions.

The merge (bench_python.naive_merge) does far less than the core (see bench_python's docstring):
effects and restrictions by tier only, four columns. It is what an analyst writes instead.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from typing import Any

HERE = os.path.dirname(os.path.abspath(__file__))


def rss_kib() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * (os.sysconf("SC_PAGE_SIZE") // 1024)


def child(way: str, n: int, repeat: int) -> None:
    sys.path.insert(0, HERE)
    import bench_python  # noqa: PLC0415 - the same generator and merge as the main benchmark

    import aftercare

    frame = bench_python.cohort(n)
    protocol = json.loads((bench_python.ROOT / "data" / "protocols" / "microneedling.json").read_text(encoding="utf-8"))
    ways: dict[str, Callable[[], Any]] = {
        "aftercare.cohort": lambda: aftercare.cohort(frame),
        "pandas merge on tier": lambda: bench_python.naive_merge(protocol, frame),
        "aftercare.cohort_wide": lambda: aftercare.cohort_wide(frame),
        "cohort().pivot (finish)": lambda: aftercare.cohort(frame).pivot(index="patient", columns="code", values="finish"),
    }
    call = ways[way]

    before = rss_kib()
    times: list[float] = []
    rows = 0
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = call()
        times.append(time.perf_counter() - t0)
        rows = len(result)
        del result
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    print(json.dumps({"first": times[0], "seconds": min(times[1:] or times), "rows": rows, "peak_kib": max(0, peak - before)}))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,10000,100000,1000000")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--child", nargs=2, metavar=("WAY", "N"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.child[0], int(args.child[1]), args.repeat)
        return
    print(f"{'patients':>9} | {'way':<28} | {'rows':>11} | {'1st call s':>10} | {'seconds':>8} | {'µs/patient':>10} | {'peak MiB':>8} | {'B/patient':>9} | {'B/row':>6}")
    for n in (int(s) for s in args.sizes.split(",")):
        results = {}
        for way in ("aftercare.cohort", "pandas merge on tier", "aftercare.cohort_wide", "cohort().pivot (finish)"):
            out = subprocess.run([sys.executable, __file__, "--child", way, str(n), "--repeat", str(2 if n >= 1_000_000 else args.repeat)],
                                 check=True, capture_output=True, text=True).stdout
            r = results[way] = json.loads(out.strip().splitlines()[-1])
            peak = r["peak_kib"] * 1024
            print(f"{n:>9,} | {way:<28} | {r['rows']:>11,} | {r['first']:>10.3f} | {r['seconds']:>8.3f} | {r['seconds'] / n * 1e6:>10.2f} | "
                  f"{peak / 2**20:>8.0f} | {peak / n:>9,.0f} | {peak / max(1, r['rows']):>6.0f}")
        ratio = results["pandas merge on tier"]["seconds"] / results["aftercare.cohort"]["seconds"]
        first = results["pandas merge on tier"]["first"] / results["aftercare.cohort"]["first"]
        print(f"{'':>9} | {'merge time / cohort time':<28} | {'':>11} | {first:>10.2f} | {ratio:>8.2f}")
        ratio = results["cohort().pivot (finish)"]["seconds"] / results["aftercare.cohort_wide"]["seconds"]
        first = results["cohort().pivot (finish)"]["first"] / results["aftercare.cohort_wide"]["first"]
        print(f"{'':>9} | {'pivot time / wide time':<28} | {'':>11} | {first:>10.2f} | {ratio:>8.2f}")


if __name__ == "__main__":
    main()
