"""Threads: the core calls release the GIL, and plans made concurrently are the same plans."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

from support import example, numbers

import aftercare
from aftercare import _core


def test_plans_from_several_threads_are_identical() -> None:
    cohort = [example(d / 20, device=dev, skin_type=s) for dev in ("pen", "rf") for d in range(10, 51, 5) for s in (2, 5)]
    expected = [numbers(aftercare.plan(t)) for t in cohort]
    expected_json = [aftercare.plan(t, tz="Europe/Kyiv").to_json() for t in cohort[:6]]

    def work(_: int) -> tuple[list[dict[str, object]], list[str]]:
        made = [numbers(aftercare.plan(t)) for t in cohort]
        batch = [numbers(p) for p in aftercare.plans(cohort)]
        assert made == batch
        return made, [aftercare.plan(t, tz="Europe/Kyiv").to_json() for t in cohort[:6]]

    with ThreadPoolExecutor(max_workers=4) as pool:
        for made, docs in pool.map(work, range(8)):
            assert made == expected
            assert docs == expected_json


def test_the_batch_loop_releases_the_gil() -> None:
    """While one thread is inside the C++ batch loop, Python code keeps running in another.

    If the GIL were held, the main thread could not run at all for the whole loop; so the longest
    pause it sees must be well below the loop's length. (A relative check, not a timing target.)
    """
    # every treatment its own session, so none shares another's evaluation (pens up to 2.4 mm)
    natives = _core.TreatmentBatch([example(1.0 + (i % 15) / 10, session=1 + i).native for i in range(20000)])
    started = time.perf_counter()
    _core.cohort_table(natives, None)
    alone = time.perf_counter() - started

    done = threading.Event()
    worker = threading.Thread(target=lambda: (_core.cohort_table(natives, None), done.set()))
    longest = 0.0
    ticks = 0
    worker.start()
    last = time.perf_counter()
    while not done.is_set():
        now = time.perf_counter()
        longest = max(longest, now - last)
        last = now
        ticks += 1
    worker.join()
    assert ticks > 100
    assert longest < 0.5 * alone, (longest, alone)
