"""aftercare over Dask DataFrames: a cohort bigger than one machine, one partition at a time
(cohort, schedules, screenings and triages).

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

import functools
from datetime import UTC, datetime

from aftercare._frame import cohort as _cohort
from aftercare._frame import schedules as _schedules
from aftercare._frame import screenings as _screenings
from aftercare._frame import triages as _triages
from aftercare._plan import TimeZone
from aftercare._protocol import Protocol

__all__ = ["cohort", "schedules", "screenings", "triages"]

#: Columns whose categories depend on the rows (first-seen order): unknown in the meta. (tier's are
#: the protocol's tiers, known.)
_DATA_CATEGORIES = ["code", "title"]


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


def _screenings_partition(part: Any, options: dict[str, Any]) -> Any:
    return _screenings(part, **options)


def screenings(frame: Any, **options: Any) -> Any:
    """:func:`aftercare.screenings` over a Dask DataFrame of patients (treatment and history
    columns, one row per patient): a lazy Dask DataFrame with one row per patient. ``options`` are
    those of :func:`aftercare.screenings` (as_of, protocol, errors)."""
    dd = _require_dask()
    meta = _screenings(frame._meta, **options)
    return dd.map_partitions(_screenings_partition, frame, options, meta=meta, align_dataframes=False)


#: The column that marks a report whose patient the treatments table has (after the join).
_KNOWN = "_aftercare_treatment_known"


def _triages_partition(part: Any, treatment_columns: list[str], report_columns: list[str], options: dict[str, Any]) -> Any:
    """One partition of reports joined with their patients' treatments: split back into the two
    tables :func:`aftercare.triages` takes (a patient missing from the treatments stays missing)."""
    known = part[part[_KNOWN].notna()]
    treatments = known.set_index("patient")[treatment_columns]
    treatments = treatments[~treatments.index.duplicated()]
    return _triages(treatments, part[report_columns], **options)


def triages(treatments: Any, reports: Any, *, as_of: datetime | None = None, **options: Any) -> Any:
    """:func:`aftercare.triages` over a Dask DataFrame of symptom reports: a lazy Dask DataFrame
    with one row per report. ``treatments`` is a pandas DataFrame (sent whole to every partition)
    or a Dask DataFrame, which is joined onto the reports by the ``patient`` label, so each
    partition carries its own patients' treatments. ``as_of`` defaults to the time of this call
    (not of each partition's run), so every partition judges against the same instant. Rows come
    in the reports' partition order; within a partition, as :func:`aftercare.triages` orders them.
    ``options``: protocol, errors."""
    dd = _require_dask()
    import pandas as pd

    options = {**options, "as_of": datetime.now(UTC) if as_of is None else as_of}
    report_columns = list(reports.columns)
    if isinstance(treatments, pd.DataFrame):
        meta = _triages(treatments.iloc[:0], reports._meta, **options)
        whole = functools.partial(_triages, treatments)  # the table itself, not a frame for Dask to align
        return dd.map_partitions(whole, reports, meta=meta, align_dataframes=False, **options)
    treatment_columns = [c for c in treatments.columns if c != _KNOWN]
    clash = sorted(set(treatment_columns) & set(report_columns))
    if clash:
        raise ValueError(f"treatments and reports share the columns {clash}; rename them before the join")
    marked = treatments.assign(**{_KNOWN: True})
    joined = reports.merge(marked, how="left", left_on="patient", right_index=True)
    meta = _triages(treatments._meta, reports._meta, **options)
    return dd.map_partitions(_triages_partition, joined, treatment_columns, report_columns, options, meta=meta,
                             align_dataframes=False)
