"""pandas conveniences: a plan as a DataFrame, and a whole cohort as one (the loop in C++).

pandas is an optional extra (``pip install aftercare[pandas]``); it is imported only here, only
when one of these is called.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import tzinfo
from typing import TYPE_CHECKING, Any

from aftercare import _core
from aftercare._enums import EntryKind, Likelihood, ReminderMode, TriageLevel
from aftercare._errors import Error, InvalidValueError
from aftercare._plan import Plan, TimeZone
from aftercare._protocol import Protocol
from aftercare._treatment import Treatment

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["cohort", "plan_frame"]

#: Columns of a treatment table: (name, required).
TREATMENT_COLUMNS = (
    ("device", True),
    ("depth_mm", True),
    ("area", False),
    ("skin_type", True),
    ("adjuncts", False),
    ("indication", False),
    ("session", False),
    ("treated_at", False),
    ("history", False),
)


def require_pandas() -> Any:
    """The pandas module, or an ImportError that says which extra to install."""
    try:
        import pandas
    except ImportError as e:  # pragma: no cover - the test environment has pandas
        raise ImportError(
            "aftercare: DataFrames need pandas, an optional extra: pip install 'aftercare[pandas]'"
        ) from e
    return pandas


def _table_columns(pd: Any, table: dict[str, Any], tz: tzinfo) -> dict[str, Any]:
    """The shared columns of plan and cohort frames, from a _core table (see register_cohort.cpp)."""

    def categorical(name: str, categories: Iterable[str], *, ordered: bool = False) -> Any:
        return pd.Categorical.from_codes(table[name], categories=[str(c) for c in categories], ordered=ordered)

    def instants(name: str) -> Any:
        index = pd.DatetimeIndex(table[name].view("M8[s]")).tz_localize("UTC").tz_convert(tz)
        return index.array

    return {
        "code": categorical("code", table["code_categories"]),
        "kind": categorical("kind", EntryKind),
        "title": categorical("title", table["title_categories"]),
        "onset": table["onset"].view("m8[s]"),
        "end": table["end"].view("m8[s]"),
        "abnormal_after": table["abnormal_after"].view("m8[s]"),
        "likelihood": categorical("likelihood", Likelihood, ordered=True),
        "level": categorical("level", TriageLevel, ordered=True),
        "remind": categorical("remind", ReminderMode),
        "start": instants("start"),
        "finish": instants("finish"),
    }


def plan_frame(plan: Plan, tz: tzinfo) -> pd.DataFrame:
    """Plan.to_dataframe(): one row per entry."""
    pd = require_pandas()
    table = _core.plan_table([plan.native])
    columns = _table_columns(pd, table, tz)
    entries = plan.entries
    columns["text"] = pd.array([e.text for e in entries], dtype="string")
    columns["sources"] = [e.sources for e in entries]
    columns["notes"] = [e.notes for e in entries]
    return pd.DataFrame(columns)


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and value != value) or type(value).__name__ in ("NAType", "NaTType")


def _objects(series: Any) -> list[Any]:
    return [None if _missing(v) else v for v in series.tolist()]


def _integers(series: Any) -> list[Any]:
    """An integer column as ints (pandas makes an int column with a gap float), missing as None."""
    return [int(v) if isinstance(v, float) and v.is_integer() else v for v in _objects(series)]


def _epoch_seconds(pd: Any, series: Any, failures: list[tuple[int, Error]] | None = None) -> list[int | None]:
    """treated_at as int UTC epoch seconds (floored), None where missing; naive values are rejected.

    An object column is judged item by item: a bad item raises its error with ``row`` set to its
    position, or, when ``failures`` is given (errors="coerce"), is None and listed there."""
    import numpy as np

    dtype = series.dtype
    if isinstance(dtype, pd.DatetimeTZDtype):
        utc = series.dt.tz_convert("UTC")
    elif pd.api.types.is_datetime64_dtype(dtype):
        raise InvalidValueError(
            f"treated_at column of dtype {dtype} holds naive datetimes; localize it first, "
            "e.g. df['treated_at'].dt.tz_localize('Europe/London')",
            field="treated_at",
            value=str(dtype),
            allowed="aware datetimes (datetime64[..., tz] or aware datetime objects)",
        )
    else:  # objects: aware datetimes, perhaps in several zones, and missing values
        out: list[int | None] = []
        for i, v in enumerate(_objects(series)):
            try:
                out.append(None if v is None else _core.epoch_seconds(v, "treated_at"))
            except Error as e:
                e.row = i  # type: ignore[attr-defined]
                if failures is None:
                    raise
                failures.append((i, e))
                out.append(None)
        return out
    ns = utc.to_numpy(dtype="datetime64[ns]").view(np.int64)
    nat = np.iinfo(np.int64).min
    return [None if v == nat else int(v // 1_000_000_000) for v in ns.tolist()]


def _natives_from_frame(pd: Any, frame: Any, errors: str = "raise") -> dict[str, Any]:
    missing = [name for name, required in TREATMENT_COLUMNS if required and name not in frame.columns]
    if missing:
        raise InvalidValueError(
            f"cohort column {missing[0]!r} is missing; a treatment table needs device, depth_mm and skin_type "
            "(and may have area, adjuncts, indication, session, treated_at, history)",
            field=missing[0],
            value="",
            allowed=", ".join(name for name, _ in TREATMENT_COLUMNS),
        )

    def column(name: str) -> list[Any] | None:  # missing items are the core's to judge (see _core docs)
        return frame[name].tolist() if name in frame.columns else None

    failures: list[tuple[int, Error]] | None = [] if errors == "coerce" else None
    treated_at = _epoch_seconds(pd, frame["treated_at"], failures) if "treated_at" in frame.columns else None
    read: dict[str, Any] = _core.treatments_from_columns(
        device=frame["device"].tolist(),
        depth_mm=frame["depth_mm"].astype("float64").tolist(),
        area=column("area"),
        skin_type=_integers(frame["skin_type"]),
        adjuncts=column("adjuncts"),
        indication=column("indication"),
        session=_integers(frame["session"]) if "session" in frame.columns else None,
        treated_at=treated_at,
        history=column("history"),
        errors=errors,
    )
    if failures:  # rows whose treated_at was bad: set aside as the core sets its own bad rows aside
        import numpy as np

        already = set(read["failed"].tolist())
        extra = [(i, e) for i, e in failures if i not in already]
        for i, _ in extra:
            read["treatments"][i] = None
        positions = read["failed"].tolist() + [i for i, _ in extra]
        fields = list(read["failed_field"]) + [getattr(e, "field", "treated_at") or "treated_at" for _, e in extra]
        messages = list(read["failed_message"]) + [str(e) for _, e in extra]
        order = sorted(range(len(positions)), key=positions.__getitem__)
        read["failed"] = np.asarray([positions[k] for k in order], dtype=read["failed"].dtype)
        read["failed_field"] = [fields[k] for k in order]
        read["failed_message"] = [messages[k] for k in order]
    return read


def _name_the_row(error: Error, labels: Any) -> None:
    """Adds a note naming the failing row by its index label (the core gives its position)."""
    row = getattr(error, "row", None)
    if row is not None:
        error.add_note(f"in the row with index label {labels[row]!r}")


def cohort(
    treatments: pd.DataFrame | Iterable[Treatment],
    *,
    protocol: Protocol | None = None,
    tz: TimeZone = "UTC",
    errors: str = "raise",
) -> pd.DataFrame:
    """The plans of a whole cohort as one long DataFrame: one row per (patient, entry).

    ``treatments`` is either an iterable of :class:`Treatment` or a DataFrame with one treatment
    per row, in columns named as Treatment's fields (device, depth_mm, skin_type; optionally area,
    adjuncts, indication, session, treated_at, history; other columns are ignored). ``treated_at``
    must be aware (a ``datetime64[..., tz]`` column, or aware datetime objects).

    Reading the columns, making every plan and building the table all run in C++, the plans
    without the GIL. The result has the columns of :meth:`Plan.to_dataframe` (without text,
    sources and notes) after ``patient`` (the input's index label, or position) and ``tier``;
    instants are in ``tz``.

    ``errors="raise"`` (the default): a bad row raises the error :func:`aftercare.plan` would, with
    a note naming the row's index label. ``errors="coerce"``: every bad row is kept as one row of
    its own (the patient, missing values elsewhere) with ``error_field`` and ``error`` (the
    message) set; those columns are missing on the rows of good plans. Rows stay in input order.
    """
    if errors not in ("raise", "coerce"):
        raise ValueError(f"errors must be 'raise' or 'coerce', not {errors!r}")
    pd = require_pandas()
    import numpy as np

    failed: list[int] = []
    fields: list[str] = []
    messages: list[str] = []
    try:
        if isinstance(treatments, pd.DataFrame):
            labels = treatments.index
            read = _natives_from_frame(pd, treatments, errors)
            natives = read["treatments"]
            failed += read["failed"].tolist()
            fields += read["failed_field"]
            messages += read["failed_message"]
        else:
            natives = [t.native for t in treatments]
            labels = pd.RangeIndex(len(natives))
        table = _core.cohort_table(natives, None if protocol is None else protocol.native, errors)
    except Error as e:
        _name_the_row(e, labels)
        raise
    failed += table["failed"].tolist()
    fields += table["failed_field"]
    messages += table["failed_message"]
    rows = table["plan"]
    tiers = np.full(len(natives), -1, dtype=table["tier"].dtype)  # by input position
    tiers[table["tier_plan"]] = table["tier"]
    columns: dict[str, Any] = {
        "patient": labels.take(rows),
        "tier": pd.Categorical.from_codes(tiers[rows], categories=table["tier_categories"]),
    }
    columns.update(_table_columns(pd, table, _core.zone(tz)))
    good = pd.DataFrame(columns)
    if errors == "raise":
        return good
    good["error_field"] = pd.array([None] * len(good), dtype="string")
    good["error"] = pd.array([None] * len(good), dtype="string")
    if not failed:
        return good
    bad = pd.DataFrame({name: good[name].iloc[:0].reindex(range(len(failed))) for name in good.columns})
    bad["patient"] = labels.take(failed)
    bad["error_field"] = pd.array(fields, dtype="string")
    bad["error"] = pd.array(messages, dtype="string")
    both = pd.concat([good, bad], ignore_index=True)
    order = np.argsort(np.concatenate([np.asarray(rows), np.asarray(failed, dtype=np.int64)]), kind="stable")
    return both.take(order).reset_index(drop=True)
