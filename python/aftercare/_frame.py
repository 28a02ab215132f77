"""pandas conveniences: a plan as a DataFrame, and a whole cohort as one (the loop in C++).

pandas is an optional extra (``pip install aftercare[pandas]``); it is imported only here, only
when one of these is called.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, tzinfo
from typing import TYPE_CHECKING, Any

from aftercare import _core
from aftercare._enums import Decision, EntryKind, Likelihood, ReminderAnchor, ReminderKind, ReminderMode, RoutineSlot, Symptom, TriageLevel
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


def _aware(pd: Any, seconds: Any, tz: tzinfo) -> Any:
    """int64 UTC epoch seconds (INT64_MIN: NaT) as a datetime64[s, tz] array: a view of the same
    memory where pandas allows it (DatetimeArray._simple_new, what its own constructors end in),
    else one copy through the public constructor."""
    values = seconds.view("M8[s]")
    simple_new = getattr(pd.arrays.DatetimeArray, "_simple_new", None)
    if simple_new is not None:
        try:
            return simple_new(values, dtype=pd.DatetimeTZDtype("s", tz))
        except (TypeError, ValueError):  # pragma: no cover - another pandas' private signature
            pass
    return pd.DatetimeIndex(values, dtype=pd.DatetimeTZDtype("s", "UTC"), copy=False).tz_convert(tz).array


def _table_columns(pd: Any, table: dict[str, Any], tz: tzinfo) -> dict[str, Any]:
    """The shared columns of plan and cohort frames, from a _core table (see register_cohort.cpp)."""

    def categorical(name: str, categories: Iterable[str], *, ordered: bool = False) -> Any:
        return pd.Categorical.from_codes(table[name], categories=[str(c) for c in categories], ordered=ordered)

    def instants(name: str) -> Any:  # UTC seconds, shown in tz
        return _aware(pd, table.pop(name), tz)

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


def _column(pd: Any, series: Any, *, integers: bool = False) -> Any:
    """A column for the core: ``(codes, distinct values)`` when pandas can factorize it exactly (any
    dtype but object, or str items only), else its items; a missing item is None either way (code
    -1). ``integers``: integral floats (an int column with a gap) become ints, as in _integers."""
    import numpy as np

    if series.dtype == object and pd.api.types.infer_dtype(series, skipna=True) not in ("string", "empty"):
        return _integers(series) if integers else _objects(series)
    codes, distinct = pd.factorize(series, use_na_sentinel=True)
    values = np.asarray(distinct, dtype=object).tolist()
    if integers:
        values = [int(v) if isinstance(v, float) and v.is_integer() else v for v in values]
    return codes.astype(np.int64, copy=False), values


def _epoch_seconds(pd: Any, series: Any, failures: list[tuple[int, Error]] | None = None) -> Any:
    """treated_at as int UTC epoch seconds (floored): an int64 array with INT64_MIN where missing for
    a datetime64[..., tz] column, else a list with None where missing; naive values are rejected.

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
    seconds = ns // 1_000_000_000  # floored, as for objects
    seconds[ns == nat] = nat  # NaT stays the missing value
    return seconds


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

    def column(name: str, *, integers: bool = False) -> Any:  # missing items are the core's to judge (see _core docs)
        return _column(pd, frame[name], integers=integers) if name in frame.columns else None

    failures: list[tuple[int, Error]] | None = [] if errors == "coerce" else None
    treated_at = _epoch_seconds(pd, frame["treated_at"], failures) if "treated_at" in frame.columns else None
    read: dict[str, Any] = _core.treatments_from_columns(
        device=column("device"),
        depth_mm=_column(pd, frame["depth_mm"].astype("float64")),
        area=column("area"),
        skin_type=column("skin_type", integers=True),
        adjuncts=column("adjuncts"),
        indication=column("indication"),
        session=column("session", integers=True),
        treated_at=treated_at,
        history=column("history"),
        errors=errors,
    )
    if failures:  # rows whose treated_at was bad: set aside as the core sets its own bad rows aside
        import numpy as np

        already = set(read["failed"].tolist())
        extra = [(i, e) for i, e in failures if i not in already]
        for i, _ in extra:
            read["treatments"].set_aside(i)
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


def _default_index(pd: Any, labels: Any) -> bool:
    """Whether the labels are the positions 0, 1, 2, ... (a RangeIndex from 0 by 1)."""
    return isinstance(labels, pd.RangeIndex) and labels.start == 0 and labels.step == 1


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

    Reading the columns, making the plans and building the table all run in C++, without the GIL
    for the plans and the table. Treatments equal but for ``treated_at`` share one evaluation, and
    the table is written straight into the result's arrays: no plan is kept per patient, so the
    peak memory is about the result's own size (see docs/performance.md). The result has the columns of :meth:`Plan.to_dataframe` (without text,
    sources and notes) after ``patient`` (the input's index label, or position) and ``tier`` (an
    *ordered* categorical of the protocol's tiers, shallowest first);
    instants are in ``tz``.

    ``errors="raise"`` (the default): a bad row raises the error :func:`aftercare.plan` would, with
    a note naming the row's index label. ``errors="coerce"``: every bad row is kept as one row of
    its own (the patient, missing values elsewhere) with ``error_field`` and ``error`` (the
    message) set; those columns are missing on the rows of good plans. Rows stay in input order.
    """
    pd = require_pandas()
    batch = _Batch(pd, treatments, errors)
    table = batch.run(lambda natives: _core.cohort_table(natives, None if protocol is None else protocol.native, errors))
    rows = table.pop("plan")
    columns: dict[str, Any] = {
        # a default index's labels are the positions themselves: no copy of a column as long as the table
        "patient": rows if _default_index(pd, batch.labels) else batch.labels.take(rows),
        # the protocol's tiers, shallowest first: ordered, so `tier >= "moderate"` works
        "tier": pd.Categorical.from_codes(table.pop("tier"), categories=table["tier_categories"], ordered=True),
    }
    columns.update(_table_columns(pd, table, _core.zone(tz)))
    del table
    # copy=False: the columns are the arrays the core wrote, not copies (nor one 2-D block per dtype)
    return batch.with_failures(pd.DataFrame(columns, copy=False), rows)


_WIDE_VALUES = ("start", "finish", "onset", "end", "abnormal_after")


def cohort_wide(
    treatments: pd.DataFrame | Iterable[Treatment],
    values: str = "finish",
    *,
    protocol: Protocol | None = None,
    tz: TimeZone = "UTC",
    errors: str = "raise",
) -> pd.DataFrame:
    """The plans of a whole cohort as one wide DataFrame: one row per patient, one column per entry
    code, holding that entry's ``values``.

    ``treatments`` as for :func:`cohort`. ``values`` is ``"finish"`` (default: when each entry ends,
    e.g. when a restriction lifts) or ``"start"`` (aware ``datetime64[s, tz]`` in ``tz``, missing
    without a treatment time), or ``"onset"``, ``"end"`` or ``"abnormal_after"``
    (``timedelta64[s]`` after treatment). The index is the input's (its labels, or positions for
    Treatment objects); the columns are ``tier`` (the *ordered* categorical of :func:`cohort`), then
    every entry code of the cohort's plans in code order, missing where a patient's plan has no such
    entry. It holds what ``cohort(...).pivot(index="patient", columns="code", values=values)`` does,
    in a fraction of the memory: ~8 bytes per (patient, code) and no row per entry (see
    docs/performance.md). The plans are made as for :func:`cohort`, in C++ without the GIL, and the
    columns written straight into the result's memory.

    ``errors`` as for :func:`cohort`, except that a bad row stays in its place (every value missing)
    with ``error_field`` and ``error`` set; those two columns are missing on the rows of good plans.
    """
    if values not in _WIDE_VALUES:
        raise ValueError(f"values must be one of {', '.join(repr(v) for v in _WIDE_VALUES)}, not {values!r:.50}")
    pd = require_pandas()
    batch = _Batch(pd, treatments, errors)
    table = batch.run(lambda natives: _core.cohort_wide_table(
        natives, None if protocol is None else protocol.native, errors, values))
    block = table.pop("values")
    zone = _core.zone(tz)
    columns: dict[str, Any] = {
        "tier": pd.Categorical.from_codes(table.pop("tier"), categories=table["tier_categories"], ordered=True),
    }
    for code, row in zip(table["codes"], block):  # each row of the block is one column, contiguous
        columns[code] = _aware(pd, row, zone) if values in ("start", "finish") else row.view("m8[s]")
    # copy=False: the columns are the block the core wrote, not copies
    wide = pd.DataFrame(columns, index=batch.labels, copy=False)
    if errors == "coerce":
        field: list[str | None] = [None] * len(wide)
        message: list[str | None] = [None] * len(wide)
        for position, f, m in zip(batch.failed, batch.fields, batch.messages):
            field[position], message[position] = f, m
        wide["error_field"] = pd.array(field, dtype="string")
        wide["error"] = pd.array(message, dtype="string")
    return wide


class _Batch:
    """One batch call over a table of treatments: the treatments read from the frame (or Treatment
    objects), the core's call with every bad row raised with its index label or set aside
    (errors="coerce"), and the bad rows put back in input order."""

    def __init__(self, pd: Any, treatments: Any, errors: str) -> None:
        if errors not in ("raise", "coerce"):
            raise ValueError(f"errors must be 'raise' or 'coerce', not {errors!r}")
        self.pd = pd
        self.errors = errors
        self.failed: list[int] = []
        self.fields: list[str] = []
        self.messages: list[str] = []
        self.frame = treatments if isinstance(treatments, pd.DataFrame) else None
        if self.frame is None:
            self.objects = list(treatments)
            self.natives = _core.TreatmentBatch([t.native for t in self.objects])
            self.labels = pd.RangeIndex(len(self.natives))
        else:
            self.labels = treatments.index
            try:
                read = _natives_from_frame(pd, treatments, errors)
            except Error as e:
                _name_the_row(e, self.labels)
                raise
            self.natives = read["treatments"]
            self._add(read)

    def _add(self, result: dict[str, Any]) -> None:
        self.failed += result["failed"].tolist()
        self.fields += result["failed_field"]
        self.messages += result["failed_message"]

    def run(self, call: Any) -> dict[str, Any]:
        try:
            result: dict[str, Any] = call(self.natives)
        except Error as e:
            _name_the_row(e, self.labels)
            raise
        self._add(result)
        return result

    def with_failures(self, good: Any, rows: Any) -> Any:
        """``good`` (rows from input positions ``rows``), with error columns and the bad rows when
        errors="coerce"."""
        return _with_failures(self.pd, good, rows, self.errors, "patient", self.labels, self.failed, self.fields, self.messages)

    def zones(self, tz: TimeZone) -> list[str]:
        """Each patient's zone name: the ``time_zone`` column, else ``tz``, else the zone of the
        treatment time (a datetime64[..., tz] column's, each aware datetime's). "UTC" for a row
        without a treatment time (it has no reminders)."""
        n = len(self.natives)
        fallback = None if tz is None else _zone_name(tz)
        if self.frame is None:
            times = [t.treated_at for t in self.objects]
        elif "treated_at" in self.frame.columns:
            column = self.frame["treated_at"]
            dtype_zone = getattr(column.dtype, "tz", None)
            times = [None] * n if dtype_zone is not None else _objects(column)
            if dtype_zone is not None and fallback is None:
                fallback = _zone_name(dtype_zone)
        else:
            times = [None] * n
        given = _objects(self.frame["time_zone"]) if self.frame is not None and "time_zone" in self.frame.columns else [None] * n
        out = []
        for i in range(n):
            name = given[i] if isinstance(given[i], str) else fallback
            if name is None and times[i] is not None and getattr(times[i], "tzinfo", None) is not None:
                name = _zone_name(times[i].tzinfo)
            out.append(name if name is not None else "UTC")
        return out


def _with_failures(pd: Any, good: Any, rows: Any, errors: str, key: str, labels: Any, failed: list[int], fields: list[str],
                   messages: list[str]) -> Any:
    """errors="coerce": ``good`` with ``error_field`` and ``error`` columns, and a row of its own for
    each failed input position (``key`` its label), all in input order."""
    import numpy as np

    if errors == "raise":
        return good
    good["error_field"] = pd.array([None] * len(good), dtype="string")
    good["error"] = pd.array([None] * len(good), dtype="string")
    if not failed:
        return good
    bad = pd.DataFrame({name: good[name].iloc[:0].reindex(range(len(failed))) for name in good.columns})
    bad[key] = labels.take(failed)
    bad["error_field"] = pd.array(fields, dtype="string")
    bad["error"] = pd.array(messages, dtype="string")
    both = pd.concat([good, bad], ignore_index=True)
    order = np.argsort(np.concatenate([np.asarray(rows), np.asarray(failed, dtype=np.int64)]), kind="stable")
    return both.take(order).reset_index(drop=True)


def triages(
    treatments: pd.DataFrame | Iterable[Treatment],
    reports: pd.DataFrame,
    *,
    as_of: datetime | None = None,
    protocol: Protocol | None = None,
    errors: str = "raise",
) -> pd.DataFrame:
    """Triage of a table of symptom reports against each patient's plan: one row per report.

    ``reports`` has a ``patient`` column (labels of ``treatments``' index), ``symptom``, and when it
    was seen: ``seen_at`` (aware datetimes) or ``hours_after`` (hours since the end of treatment);
    optionally ``severity`` and ``signs`` (lists of codes). Each patient's plan is made once and all
    their reports assessed together, as :func:`aftercare.triage` would, in C++ without the GIL.
    ``as_of`` (an aware datetime, default now) rejects reports seen after it.

    Columns: report (the reports' index label), patient, symptom, level (an *ordered* categorical:
    ``level >= "urgent"`` works), rule (the rule that set the level), after (timedelta64[s]),
    seen_at (datetime64[s, UTC]). ``errors``: "raise" names the bad report by its index label;
    "coerce" keeps it as a row with ``error_field`` and ``error`` (every report of a patient whose
    plan cannot be made, too).
    """
    pd = require_pandas()
    batch = _Batch(pd, treatments, errors)
    if not isinstance(reports, pd.DataFrame) or "patient" not in reports.columns or "symptom" not in reports.columns:
        raise InvalidValueError(
            "reports must be a DataFrame with patient and symptom columns (and seen_at or hours_after)",
            field="reports", value=type(reports).__name__, allowed="a DataFrame with patient, symptom, seen_at or hours_after")
    positions = batch.labels.get_indexer(reports["patient"])
    if errors == "raise" and (positions < 0).any():
        at = int((positions < 0).argmax())
        label = reports["patient"].iloc[at]
        error = InvalidValueError(f"patient {label!r} is not a label of the treatments' index", field="patient",
                                  value=str(label)[:40], allowed="a label of the treatments' index")
        error.add_note(f"in the report with index label {reports.index[at]!r}")
        raise error
    if as_of is None:
        as_of = datetime.now(UTC)

    def column(name: str) -> list[Any] | None:
        return _objects(reports[name]) if name in reports.columns else None

    try:
        table = _core.triage_table(
            batch.natives, patient=positions.tolist(), symptom=_objects(reports["symptom"]),
            hours_after=column("hours_after"),
            seen_at=_epoch_seconds(pd, reports["seen_at"]) if "seen_at" in reports.columns else None,
            severity=column("severity"), signs=column("signs"),
            as_of=_core.epoch_seconds(as_of, "as_of"), protocol=None if protocol is None else protocol.native, errors=errors)
    except Error as e:
        row = getattr(e, "row", None)
        if row is not None:
            e.add_note(f"in the report with index label {reports.index[row]!r}")
        raise
    rows = table["row"]
    good = pd.DataFrame({
        "report": reports.index.take(rows),
        "patient": reports["patient"].take(rows).to_numpy(),
        "symptom": pd.Categorical(reports["symptom"].take(rows).to_numpy(), categories=[str(s) for s in Symptom]),
        "level": pd.Categorical.from_codes(table["level"], categories=[str(x) for x in TriageLevel], ordered=True),
        "rule": pd.Categorical.from_codes(table["rule"], categories=table["rule_categories"]),
        "after": table["after"].view("m8[s]"),
        "seen_at": pd.DatetimeIndex(table["seen_at"].view("M8[s]")).tz_localize("UTC").array,
    })
    failed = table["failed"].tolist()
    out = _with_failures(pd, good, rows, errors, "report", reports.index, failed, list(table["failed_field"]),
                         list(table["failed_message"]))
    if errors == "coerce" and failed:  # the rows are in report order: each report's patient, by position
        import numpy as np

        order = np.sort(np.concatenate([np.asarray(rows), np.asarray(failed, dtype=np.int64)]))
        out["patient"] = reports["patient"].to_numpy()[order]
    return out


def _days_to_seconds(days: Any) -> Any:
    """Days since the epoch as seconds, NaT (INT64_MIN) kept."""
    import numpy as np

    nat = np.iinfo(np.int64).min
    return np.where(days == nat, nat, days * 86400)


_HISTORY_COLUMNS = ("conditions", "isotretinoin_stopped", "radiotherapy_ended", "birth_date", "procedures")


def screenings(
    treatments: pd.DataFrame,
    *,
    as_of: Any = None,
    protocol: Protocol | None = None,
    errors: str = "raise",
) -> pd.DataFrame:
    """Eligibility screening of a whole table: one row per patient.

    ``treatments`` is a DataFrame with the treatment columns of :func:`cohort` and the history in
    columns named as :class:`PatientHistory`'s arguments: ``conditions`` (a list of codes),
    ``isotretinoin_stopped``, ``radiotherapy_ended``, ``birth_date`` (dates or "YYYY-MM-DD") and
    ``procedures`` (a dict of procedure code to date); missing columns and items are empty. The
    screening date is the ``as_of`` column, else the ``as_of`` argument (a date or "YYYY-MM-DD").
    The screenings run in C++ without the GIL.

    Columns: patient, decision (an *ordered* categorical: ``decision >= "defer"`` works), earliest
    (the first day a deferral ends, when known), findings (the codes, highest decision first).
    ``errors`` as for :func:`cohort`.
    """
    pd = require_pandas()
    batch = _Batch(pd, treatments, errors)
    frame = batch.frame if batch.frame is not None else pd.DataFrame(index=batch.labels)
    n = len(batch.natives)
    histories: list[Any] = []
    given = {name: (_objects(frame[name]) if name in frame.columns else [None] * n) for name in _HISTORY_COLUMNS}
    for i in range(n):
        try:
            histories.append(_core.PatientHistory(
                given["conditions"][i], isotretinoin_stopped=given["isotretinoin_stopped"][i],
                radiotherapy_ended=given["radiotherapy_ended"][i], birth_date=given["birth_date"][i],
                procedures=given["procedures"][i]))
        except Error as e:
            if errors == "raise":
                e.row = i  # type: ignore[attr-defined]
                _name_the_row(e, batch.labels)
                raise
            histories.append(None)
            if i not in batch.failed:
                batch.failed.append(i)
                batch.fields.append(getattr(e, "field", "") or "")
                batch.messages.append(str(e))
    days = _objects(frame["as_of"]) if "as_of" in frame.columns else [as_of] * n
    days = [as_of if d is None else d for d in days]
    present = batch.natives.present()
    if any(d is None for d, here in zip(days, present) if here):
        raise InvalidValueError("screenings need a screening date: an as_of column or the as_of argument",
                                field="as_of", value="", allowed="a date or 'YYYY-MM-DD'")
    table = batch.run(lambda natives: _core.screening_table(histories, natives, days, None if protocol is None else protocol.native, errors))
    order = sorted(range(len(batch.failed)), key=batch.failed.__getitem__)
    batch.failed = [batch.failed[k] for k in order]
    batch.fields = [batch.fields[k] for k in order]
    batch.messages = [batch.messages[k] for k in order]
    rows = table["row"]
    good = pd.DataFrame({
        "patient": batch.labels.take(rows),
        "decision": pd.Categorical.from_codes(table["decision"], categories=[str(d) for d in Decision], ordered=True),
        "earliest": _days_to_seconds(table["earliest"]).view("M8[s]"),
        "findings": table["findings"],
    })
    return batch.with_failures(good, rows)


def _zone_name(zone: Any) -> str:
    """An IANA name from a name, a ZoneInfo (key), a pytz zone (zone) or datetime.timezone.utc."""
    if isinstance(zone, str):
        return zone
    for attribute in ("key", "zone"):
        name = getattr(zone, attribute, None)
        if isinstance(name, str):
            return name
    return "UTC" if str(zone) in ("UTC", "UTC+00:00") else str(zone)


def schedules(
    treatments: pd.DataFrame | Iterable[Treatment],
    *,
    tz: TimeZone = None,
    protocol: Protocol | None = None,
    errors: str = "raise",
    wake: Any = None,
    bed: Any = None,
    morning: Any = None,
    midday: Any = None,
    evening: Any = None,
    bedtime: Any = None,
) -> pd.DataFrame:
    """The reminders of a whole cohort as one long DataFrame: one row per (patient, reminder).

    ``treatments`` as for :func:`cohort`. Each patient's reminders are at their own local times:
    the zone is the row's ``time_zone`` column (an IANA name), else ``tz``, else the zone of its
    ``treated_at``. The preferences (``wake``, ``bed`` and the routine slots, as for
    :func:`aftercare.schedule`) apply to every patient. Making every plan and schedule and building
    the table run in C++ without the GIL.

    Columns: patient (the index label), time_zone, code, kind, anchor, slot, title, entry
    (categoricals), at and due (datetime64[s, UTC]: patients' zones differ), local (the
    wall-clock reading of ``at`` in the patient's zone, naive datetime64[s]) and window_end.
    ``errors`` as for :func:`cohort`.
    """
    pd = require_pandas()
    batch = _Batch(pd, treatments, errors)
    zones = batch.zones(tz)
    table = batch.run(lambda natives: _core.schedules_table(
        natives, zones, None if protocol is None else protocol.native, errors,
        wake=wake, bed=bed, morning=morning, midday=midday, evening=evening, bedtime=bedtime))

    def categorical(name: str, categories: Iterable[Any]) -> Any:
        return pd.Categorical.from_codes(table[name], categories=[str(c) for c in categories])

    def instants(name: str) -> Any:
        return pd.DatetimeIndex(table[name].view("M8[s]")).tz_localize("UTC").array

    rows = table["patient"]
    good = pd.DataFrame({
        "patient": batch.labels.take(rows),
        "time_zone": categorical("time_zone", table["time_zone_categories"]),
        "code": categorical("code", table["code_categories"]),
        "kind": categorical("kind", ReminderKind),
        "anchor": categorical("anchor", ReminderAnchor),
        "slot": categorical("slot", RoutineSlot),
        "title": categorical("title", table["title_categories"]),
        "entry": categorical("entry", table["entry_categories"]),
        "at": instants("at"),
        "due": instants("due"),
        "local": table["local"].view("M8[s]"),
        "window_end": instants("window_end"),
    })
    return batch.with_failures(good, rows)
