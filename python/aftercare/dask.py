"""aftercare over Dask DataFrames: a cohort bigger than one machine, one partition at a time.

    import dask.dataframe as dd
    import aftercare.dask

    patients = dd.read_parquet("treatments/")          # device, depth_mm, skin_type, treated_at, ...
    plans = aftercare.dask.cohort(patients, tz="Europe/London")
    plans.groupby("code").end.max().compute()

Each partition goes through :func:`aftercare.cohort` (the loop in C++, the GIL released) on whichever
worker holds it; the output schema is fixed up front (``meta``), instants stay aware (in ``tz``) and
the ``patient`` column keeps the input's index labels, so the result equals the in-memory path on
the whole frame. A custom :class:`Protocol` travels to the workers by its text (it pickles).

Dask is an optional dependency (``pip install 'dask[dataframe,distributed]'``); it is imported
only here.
"""

from __future__ import annotations

from typing import Any

from aftercare._frame import cohort as _cohort
from aftercare._frame import schedules as _schedules
from aftercare._plan import TimeZone
from aftercare._protocol import Protocol

__all__ = ["cohort", "schedules"]

#: Columns whose categories depend on the rows (first-seen order): unknown in the meta.
_DATA_CATEGORIES = ["tier", "code", "title"]


def _require_dask() -> Any:
    try:
        import dask.dataframe as dd
    except ImportError as e:  # pragma: no cover - the test environment has dask
        raise ImportError("aftercare.dask needs dask: pip install 'dask[dataframe,distributed]'") from e
    return dd


def _cohort_partition(part: Any, protocol: Protocol | None, tz: TimeZone, errors: str) -> Any:
    return _cohort(part, protocol=protocol, tz=tz, errors=errors)


def cohort(frame: Any, *, protocol: Protocol | None = None, tz: TimeZone = "UTC", errors: str = "raise") -> Any:
    """:func:`aftercare.cohort` over a Dask DataFrame of treatments: a lazy Dask DataFrame with one
    row per (patient, entry) and the columns and dtypes of the in-memory result. With
    ``errors="raise"`` a bad row raises on ``compute()``, with the note naming its index label, as
    the in-memory path does; with ``errors="coerce"`` it is kept as a row of its own with
    ``error_field`` and ``error``, and the rest of its partition is made as usual."""
    dd = _require_dask()
    from dask.dataframe.utils import clear_known_categories

    meta = _cohort(frame._meta, protocol=protocol, tz=tz, errors=errors)
    meta = clear_known_categories(meta, cols=_DATA_CATEGORIES)  # type: ignore[no-untyped-call]
    return dd.map_partitions(_cohort_partition, frame, protocol, tz, errors, meta=meta, align_dataframes=False)


#: The schedules table's columns whose categories depend on the rows.
_SCHEDULE_DATA_CATEGORIES = ["time_zone", "code", "title", "entry"]


def _schedules_partition(part: Any, options: dict[str, Any]) -> Any:
    return _schedules(part, **options)


def schedules(frame: Any, **options: Any) -> Any:
    """:func:`aftercare.schedules` over a Dask DataFrame of treatments: a lazy Dask DataFrame with
    one row per (patient, reminder), each patient's reminders at their own local times. ``options``
    are those of :func:`aftercare.schedules` (tz, protocol, errors, wake, bed and the routine
    slots)."""
    dd = _require_dask()
    from dask.dataframe.utils import clear_known_categories

    meta = _schedules(frame._meta, **options)
    meta = clear_known_categories(meta, cols=_SCHEDULE_DATA_CATEGORIES)  # type: ignore[no-untyped-call]
    return dd.map_partitions(_schedules_partition, frame, options, meta=meta, align_dataframes=False)
