"""pandas: Plan.to_dataframe and aftercare.cohort (columns in, columns out, the loop in C++)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd
import pytest
from support import T0, H, example

import aftercare


def test_plan_dataframe_columns_and_dtypes() -> None:
    p = aftercare.plan(example(), tz="Europe/London")
    df = p.to_dataframe()
    assert list(df.columns) == ["code", "kind", "title", "onset", "end", "abnormal_after", "likelihood", "level",
                                "remind", "start", "finish", "text", "sources", "notes"]
    assert len(df) == len(p)
    assert df["code"].tolist() == [e.code for e in p]
    assert isinstance(df["kind"].dtype, pd.CategoricalDtype)
    assert list(df["kind"].cat.categories) == ["effect", "restriction", "care", "milestone", "red_flag"]
    assert df["likelihood"].cat.ordered and df["level"].cat.ordered
    for col in ("onset", "end", "abnormal_after"):
        assert df[col].dtype == np.dtype("m8[s]"), col
    for col in ("start", "finish"):
        assert isinstance(df[col].dtype, pd.DatetimeTZDtype), col
        assert str(df[col].dt.tz) == "Europe/London"
    row = df.set_index("code").loc["effect.redness"]
    assert row["end"] == pd.Timedelta(hours=48)
    assert row["abnormal_after"] == pd.Timedelta(days=7)
    assert row["finish"] == pd.Timestamp("2026-11-23 14:00", tz="Europe/London")
    assert row["likelihood"] == "expected"
    assert pd.isna(df.set_index("code").loc["restriction.sun", "abnormal_after"])
    assert df.set_index("code").loc["red_flag.airway", "level"] == "emergency"
    assert (df["level"] >= "urgent").sum() >= 1  # ordered categories compare
    assert df["sources"].map(len).gt(0).all()


def test_dataframe_zone_can_be_chosen_per_call() -> None:
    p = aftercare.plan(example())
    assert str(p.to_dataframe()["start"].dt.tz) == "UTC"
    kyiv = p.to_dataframe("Europe/Kyiv")
    assert str(kyiv["start"].dt.tz) == "Europe/Kyiv"
    assert kyiv["start"].iloc[0] == pd.Timestamp(T0)


def test_relative_plan_dataframe_keeps_aware_dtypes() -> None:
    df = aftercare.plan(example(treated_at=None)).to_dataframe()
    assert isinstance(df["start"].dtype, pd.DatetimeTZDtype)
    assert df["start"].isna().all() and df["finish"].isna().all()
    assert df["onset"].notna().all()


def cohort_frame(n: int = 60) -> pd.DataFrame:
    rng = np.random.default_rng(7)
    devices = rng.choice(["pen", "rf"], n)
    depth = np.where(devices == "rf", rng.choice([0.5, 1.0, 2.0, 3.0], n), rng.choice([0.25, 0.5, 1.0, 1.5, 2.5], n))
    area = rng.choice(["face", "neck", "scalp", "back"], n)
    depth = np.where(area == "scalp", np.minimum(depth, 2.5), depth)  # the scalp's depth limit
    return pd.DataFrame(
        {
            "name": [f"patient {i}" for i in range(n)],  # ignored
            "device": devices,
            "depth_mm": depth,
            "area": area,
            "skin_type": rng.integers(1, 7, n),
            "adjuncts": [["prp"] if x else [] for x in rng.integers(0, 2, n)],
            "indication": rng.choice(["acne_scars", "wrinkles", None], n),
            "session": rng.integers(1, 4, n),
            "treated_at": pd.Timestamp("2026-11-21 09:00", tz="Europe/London")
            + pd.to_timedelta(rng.integers(0, 90 * 24, n), unit="h"),
            "history": [("cold_sore_history",) if x == 0 else None for x in rng.integers(0, 5, n)],
        },
        index=pd.Index([f"p{i:03d}" for i in range(n)], name="id"),
    )


def test_cohort_from_a_dataframe_equals_plan_by_plan() -> None:
    frame = cohort_frame()
    long = aftercare.cohort(frame, tz="Europe/London")
    assert list(long.columns[:4]) == ["patient", "tier", "code", "kind"]
    assert set(long["patient"]) == set(frame.index)
    assert str(long["start"].dt.tz) == "Europe/London"
    for label in ("p000", "p017", "p059"):
        r = frame.loc[label]
        # A row as Treatment's arguments: missing values (None, NaN) take the defaults.
        t = aftercare.Treatment(**r.drop("name").to_dict())
        one = aftercare.plan(t, tz="Europe/London").to_dataframe()
        mine = long[long["patient"] == label].reset_index(drop=True)
        assert (mine["tier"] == aftercare.plan(t).tier).all()
        for col in ("onset", "end", "abnormal_after", "start", "finish"):
            pd.testing.assert_series_equal(mine[col], one[col], check_names=False)
        assert mine["code"].astype(str).tolist() == one["code"].astype(str).tolist()


def test_cohort_from_treatments_and_summary() -> None:
    cohort = [example(d, device="rf") for d in (0.5, 1.0, 2.0, 3.0)] + [example(1.0, treated_at=None)]
    long = aftercare.cohort(cohort)
    assert long["patient"].tolist()[:1] == [0] and long["patient"].max() == 4
    redness = long[long["code"] == "effect.redness"].set_index("patient")["end"]
    assert redness.iloc[:4].is_monotonic_increasing  # rf, deeper and deeper
    assert long[long["patient"] == 4]["start"].isna().all()
    assert str(long["start"].dt.tz) == "UTC"
    # Long to wide: when does each patient's sun restriction lift?
    sun = long[long["code"] == "restriction.sun"].pivot(index="patient", columns="code", values="finish")
    assert sun.iloc[0, 0] == pd.Timestamp(T0 + 672 * H)  # RF: daily SPF for 4 weeks (restriction.sun's RF modifier)


def test_cohort_rejects_bad_rows_naming_them() -> None:
    frame = cohort_frame(5)
    frame.loc["p003", "device"] = "laser"
    with pytest.raises(aftercare.InvalidValueError) as info:
        aftercare.cohort(frame)
    assert str(info.value) == "device 'laser' is not one of home_roller, pen, rf"
    assert info.value.__notes__ == ["in the row with index label 'p003'"]  # the label, not the position
    frame = cohort_frame(5)
    frame.loc["p001", "depth_mm"] = 9.0
    with pytest.raises(aftercare.InvalidValueError, match="depth 9.0 mm is outside") as info2:
        aftercare.cohort(frame)
    assert info2.value.__notes__ == ["in the row with index label 'p001'"]  # make_plan's error too


def test_cohort_coerce_keeps_each_bad_row_with_its_error() -> None:
    frame = cohort_frame(6)
    frame.loc["p001", "device"] = "laser"  # rejected while reading the columns
    frame.loc["p004", "depth_mm"] = 9.0     # rejected by make_plan
    with pytest.raises(aftercare.InvalidValueError):
        aftercare.cohort(frame)
    long = aftercare.cohort(frame, errors="coerce")
    good = aftercare.cohort(frame.drop(index=["p001", "p004"]))
    # the good rows are the same rows a clean table gives, in input order, with no error
    ok = long[long["error"].isna()].drop(columns=["error_field", "error"]).reset_index(drop=True)
    pd.testing.assert_frame_equal(ok, good)
    bad = long[long["error"].notna()]
    assert bad["patient"].tolist() == ["p001", "p004"]
    assert bad["error_field"].tolist() == ["device", "depth"]
    assert bad["error"].iloc[0] == "device 'laser' is not one of home_roller, pen, rf"
    assert bad["error"].iloc[1].startswith("depth 9.0 mm is outside")
    assert bad["code"].isna().all() and bad["start"].isna().all() and bad["tier"].isna().all()
    assert list(dict.fromkeys(long["patient"])) == list(frame.index)  # input order kept
    assert long["tier"].dtype == good["tier"].dtype and long["start"].dtype == good["start"].dtype
    clean = aftercare.cohort(frame.drop(index=["p001", "p004"]), errors="coerce")
    assert clean["error"].isna().all() and len(clean) == len(good)
    with pytest.raises(ValueError, match="errors must be 'raise' or 'coerce', not 'ignore'"):
        aftercare.cohort(frame, errors="ignore")


def test_cohort_rejects_naive_and_missing_columns() -> None:
    frame = cohort_frame(3)
    naive = frame.assign(treated_at=frame["treated_at"].dt.tz_localize(None))
    with pytest.raises(aftercare.InvalidValueError, match="naive datetimes; localize it first") as info:
        aftercare.cohort(naive)
    assert info.value.field == "treated_at"
    objects = frame.assign(treated_at=pd.Series([datetime(2026, 1, 1, 9), None, None], index=frame.index, dtype=object))
    with pytest.raises(aftercare.InvalidValueError, match="^treated_at 2026-01-01 09:00:00 is a naive datetime"):
        aftercare.cohort(objects)
    with pytest.raises(aftercare.InvalidValueError, match="cohort column 'skin_type' is missing") as info3:
        aftercare.cohort(frame.drop(columns="skin_type"))
    assert info3.value.field == "skin_type"


def test_integer_columns_with_gaps_and_missing_required_values() -> None:
    frame = pd.DataFrame({"device": ["pen", "pen"], "depth_mm": [1.0, 1.0], "skin_type": [3, np.nan],
                          "session": [np.nan, 2]})
    assert frame["skin_type"].dtype == np.float64  # as pandas does with a gap
    with pytest.raises(aftercare.InvalidValueError) as info:
        aftercare.cohort(frame)
    assert str(info.value) == "skin_type is missing (expected a Fitzpatrick skin type 1–6 or I–VI)"
    assert info.value.__notes__ == ["in the row with index label 1"]
    long = aftercare.cohort(frame.fillna({"skin_type": 4}))
    assert long["patient"].nunique() == 2
    with pytest.raises(aftercare.InvalidValueError, match="^area '' is not one of face, ") as info2:
        aftercare.cohort(frame.fillna({"skin_type": 4}).assign(area=["face", None]))
    assert info2.value.__notes__ == ["in the row with index label 1"]


def test_cohort_accepts_aware_objects_in_several_zones_and_missing_values() -> None:
    frame = pd.DataFrame(
        {
            "device": ["pen", "pen", "pen"],
            "depth_mm": [1.0, 1.0, 1.0],
            "skin_type": ["III", 3, "3"],
            "treated_at": [T0, datetime(2026, 11, 21, 16, 0, tzinfo=ZoneInfo("Europe/Kyiv")), None],
            "indication": [np.nan, None, pd.NA],
        }
    )
    long = aftercare.cohort(frame)
    starts = long[long["code"] == "effect.redness"]["start"].tolist()
    assert starts[0] == starts[1] == pd.Timestamp(T0) and pd.isna(starts[2])


@pytest.mark.parametrize("values", ["finish", "start", "onset", "end", "abnormal_after"])
def test_cohort_wide_is_the_long_table_pivoted(values: str) -> None:
    frame = cohort_frame()
    frame.loc["p010", "treated_at"] = pd.NaT  # no instants for this one
    long = aftercare.cohort(frame, tz="Europe/Kyiv")
    wide = aftercare.cohort_wide(frame, values, tz="Europe/Kyiv")
    assert wide.index.equals(frame.index) and wide.index.name == "id"
    codes = sorted(set(long["code"].astype(str)))
    assert list(wide.columns) == ["tier", *codes]  # every code of the cohort's plans, in code order
    pivoted = long.pivot(index="patient", columns="code", values=values).reindex(index=frame.index, columns=codes)
    pivoted.columns = pd.Index(codes)
    pd.testing.assert_frame_equal(wide[codes], pivoted, check_names=False)
    kind = pd.DatetimeTZDtype("s", "Europe/Kyiv") if values in ("start", "finish") else np.dtype("m8[s]")
    assert (wide[codes].dtypes == kind).all()
    tiers = long.drop_duplicates("patient").set_index("patient")["tier"]
    pd.testing.assert_series_equal(wide["tier"], tiers.reindex(frame.index), check_names=False, check_index_type=False)
    assert wide["tier"].cat.ordered
    if values == "onset":  # every entry has an onset: missing exactly where a patient's plan lacks the code
        present = long.assign(one=1).pivot(index="patient", columns="code", values="one").reindex(index=frame.index, columns=codes)
        assert (wide[codes].isna().to_numpy() == present.isna().to_numpy()).all()
        assert wide[codes].isna().any().any()  # the cohort's plans differ in their entries


def test_cohort_wide_one_patient_by_hand() -> None:
    t = example(2.0, device="rf")
    wide = aftercare.cohort_wide([example(), t])
    assert wide.index.equals(pd.RangeIndex(2))  # Treatment objects: positions
    plan = aftercare.plan(t)
    for e in plan:
        if e.finish is None:
            assert pd.isna(wide.loc[1, e.code]), e.code
        else:
            assert wide.loc[1, e.code] == pd.Timestamp(e.finish), e.code
    assert wide.loc[1, "tier"] == plan.tier
    assert wide.loc[1, "restriction.sun"] == pd.Timestamp(T0 + 672 * H)  # RF: daily SPF for 4 weeks


def test_cohort_wide_errors_keep_rows_in_place() -> None:
    frame = cohort_frame(6)
    frame.loc["p001", "device"] = "laser"  # rejected while reading the columns
    frame.loc["p004", "depth_mm"] = 9.0     # rejected by make_plan
    with pytest.raises(aftercare.InvalidValueError) as info:
        aftercare.cohort_wide(frame)
    assert info.value.__notes__ == ["in the row with index label 'p001'"]
    wide = aftercare.cohort_wide(frame, errors="coerce")
    assert wide.index.equals(frame.index)
    good = aftercare.cohort_wide(frame.drop(index=["p001", "p004"]))
    pd.testing.assert_frame_equal(wide.loc[good.index, good.columns], good)
    assert wide["error_field"].tolist()[1] == "device" and wide["error_field"].tolist()[4] == "depth"
    assert wide.loc["p004", "error"].startswith("depth 9.0 mm is outside")
    assert wide.loc[good.index, "error"].isna().all()
    codes = [c for c in wide.columns if c not in ("tier", "error_field", "error")]
    assert wide.loc[["p001", "p004"], codes].isna().all().all() and wide.loc[["p001", "p004"], "tier"].isna().all()
    with pytest.raises(ValueError, match="values must be one of 'start', 'finish', 'onset', 'end', 'abnormal_after', not 'lifts'"):
        aftercare.cohort_wide(frame, "lifts")
    with pytest.raises(ValueError, match="errors must be 'raise' or 'coerce'"):
        aftercare.cohort_wide(frame, errors="ignore")
    empty = aftercare.cohort_wide([])
    assert len(empty) == 0 and list(empty.columns) == ["tier"]


def test_empty_cohort() -> None:
    long = aftercare.cohort([])
    assert len(long) == 0 and "finish" in long.columns
    assert isinstance(long["finish"].dtype, pd.DatetimeTZDtype)


def test_timedelta_columns_do_arithmetic() -> None:
    df = aftercare.plan(example()).to_dataframe()
    lasting = (df["end"] - df["onset"]).dropna()
    assert (lasting >= timedelta(0)).all()
    assert (df["start"] + df["end"] - df["onset"]).dropna().iloc[0] == datetime(2026, 11, 23, 14, tzinfo=UTC)


def test_cohort_object_treated_at_column_judged_row_by_row() -> None:
    """treated_at as aware datetime objects (several zones): a naive one is that row's error, named
    by its label with errors="raise", and set aside with errors="coerce"."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    frame = cohort_frame(4)
    stamps = [datetime(2026, 11, 21, 14, 0, tzinfo=ZoneInfo(z)) for z in ("Europe/London", "Asia/Tokyo", "America/New_York", "UTC")]
    stamps[2] = datetime(2026, 11, 21, 14, 0)  # naive
    frame["treated_at"] = pd.Series(stamps, index=frame.index, dtype=object)
    with pytest.raises(aftercare.Error) as info:
        aftercare.cohort(frame)
    assert info.value.__notes__ == [f"in the row with index label {frame.index[2]!r}"]
    long = aftercare.cohort(frame, errors="coerce")
    bad = long[long["error"].notna()]
    assert bad["patient"].tolist() == [frame.index[2]]
    assert bad["error_field"].tolist() == ["treated_at"]
    assert "naive" in bad["error"].iloc[0] or "aware" in bad["error"].iloc[0]
    good = aftercare.cohort(frame.drop(index=[frame.index[2]]))
    ok = long[long["error"].isna()].drop(columns=["error_field", "error"]).reset_index(drop=True)
    pd.testing.assert_frame_equal(ok, good)
    # a row bad in two columns is one error row (the core's reading comes first)
    frame.loc[frame.index[2], "device"] = "laser"
    both = aftercare.cohort(frame, errors="coerce")
    assert both["error"].notna().sum() == 1
    assert both.loc[both["error"].notna(), "error_field"].tolist() == ["device"]


def _schedules_frame() -> pd.DataFrame:
    from zoneinfo import ZoneInfo

    rows = [
        ("pen", 1.0, 3, "face", datetime(2026, 3, 26, 14, 0), "Europe/London"),
        ("rf", 2.0, 4, "neck", datetime(2026, 3, 5, 9, 30), "America/New_York"),
        ("home_roller", 0.25, 2, "scalp", datetime(2026, 10, 1, 18, 0), "Australia/Lord_Howe"),
        ("pen", 1.5, 5, "face", datetime(2026, 11, 21, 8, 0), "Asia/Kathmandu"),
    ]
    index = pd.Index(["p1", "p2", "p3", "p4"], name="id")
    return pd.DataFrame(
        {
            "device": [r[0] for r in rows],
            "depth_mm": [r[1] for r in rows],
            "skin_type": [r[2] for r in rows],
            "area": [r[3] for r in rows],
            "treated_at": pd.Series([r[4].replace(tzinfo=ZoneInfo(r[5])) for r in rows], dtype=object, index=index),
        },
        index=index,
    )


def test_schedules_is_every_patients_schedule_in_their_own_zone() -> None:
    frame = _schedules_frame()
    long = aftercare.schedules(frame, wake="06:30", bed="22:00")
    assert list(long["patient"].unique()) == list(frame.index)
    for label, row in frame.iterrows():
        t = aftercare.Treatment(device=row["device"], depth_mm=row["depth_mm"], skin_type=row["skin_type"], area=row["area"],
                                treated_at=row["treated_at"])
        one = aftercare.schedule(aftercare.plan(t), wake="06:30", bed="22:00").to_dataframe()
        mine = long[long["patient"] == label].reset_index(drop=True)
        assert len(mine) == len(one) > 10
        assert (mine["time_zone"].astype(str) == row["treated_at"].tzinfo.key).all()
        for name in ("code", "kind", "anchor", "slot", "title"):
            assert mine[name].astype(object).where(mine[name].notna(), None).tolist() == \
                one[name].astype(object).where(one[name].notna(), None).tolist(), name
        assert mine["entry"].astype(object).where(mine["entry"].notna(), None).tolist() == \
            one["entry"].astype(object).where(one["entry"].notna(), None).tolist()
        assert (mine["at"] == one["at"].dt.tz_convert("UTC")).all()
        assert (mine["due"] == one["due"].dt.tz_convert("UTC")).all()
        assert (mine["local"] == one["local"]).all()  # the patient's wall clock, across their DST change
    assert str(long["at"].dtype) == "datetime64[s, UTC]" and str(long["local"].dtype) == "datetime64[s]"


def test_schedules_zone_from_a_column_or_tz_and_bad_rows() -> None:
    frame = _schedules_frame()
    frame["treated_at"] = pd.to_datetime(frame["treated_at"].map(lambda d: d.replace(tzinfo=None))).dt.tz_localize("UTC")
    frame["time_zone"] = ["Asia/Tokyo", None, "Europe/Kyiv", "Mars/Olympus"]
    with pytest.raises(aftercare.TimeZoneError) as info:
        aftercare.schedules(frame, tz="Europe/Paris")
    assert info.value.__notes__ == ["in the row with index label 'p4'"]
    long = aftercare.schedules(frame, tz="Europe/Paris", errors="coerce")
    zones = long.groupby("patient", observed=True)["time_zone"].first().dropna().astype(str).to_dict()
    assert zones == {"p1": "Asia/Tokyo", "p2": "Europe/Paris", "p3": "Europe/Kyiv"}  # p4: its error row only
    bad = long[long["error"].notna()]
    assert bad["patient"].tolist() == ["p4"] and bad["error_field"].tolist() == ["time_zone"]
    assert "Mars/Olympus" in bad["error"].iloc[0]
    # without a zone column or tz, the datetime64[ns, UTC] column's zone is every patient's
    plain = aftercare.schedules(frame.drop(columns=["time_zone"]))
    assert set(plain["time_zone"].astype(str)) == {"UTC"}
    with pytest.raises(aftercare.InvalidValueError, match="wake"):
        aftercare.schedules(frame.drop(columns=["time_zone"]), wake="25:00")


def test_triages_is_each_patients_triage() -> None:
    london = ZoneInfo("Europe/London")
    patients = pd.DataFrame(
        {"device": ["pen", "rf", "pen"], "depth_mm": [1.0, 2.0, 9.0], "skin_type": [3, 4, 2],
         "treated_at": pd.to_datetime(["2026-11-21 14:00", "2026-11-22 10:00", "2026-11-23 09:00"]).tz_localize(london)},
        index=["ann", "bo", "cy"])
    reports = pd.DataFrame(
        {"patient": ["ann", "bo", "ann", "cy", "zed"], "symptom": ["redness", "redness", "pus", "redness", "swelling"],
         "hours_after": [30.0, 200.0, None, 5.0, 5.0],
         "seen_at": pd.Series([None, None, datetime(2026, 11, 22, 20, 0, tzinfo=london), None, None], dtype=object,
                              index=["r1", "r2", "r3", "r4", "r5"]),
         "signs": [None, None, ["fever"], None, None], "severity": [None, "severe", None, None, None]},
        index=["r1", "r2", "r3", "r4", "r5"])
    as_of = datetime(2026, 12, 30, tzinfo=london)
    with pytest.raises(aftercare.InvalidValueError, match="patient 'zed' is not a label") as info:
        aftercare.triages(patients, reports, as_of=as_of)
    assert info.value.__notes__ == ["in the report with index label 'r5'"]
    with pytest.raises(aftercare.InvalidValueError, match="depth 9.0 mm") as info2:
        aftercare.triages(patients, reports.drop(index="r5"), as_of=as_of)
    assert info2.value.__notes__ == ["in the report with index label 'r4'"]
    table = aftercare.triages(patients, reports, as_of=as_of, errors="coerce")
    assert table["report"].tolist() == ["r1", "r2", "r3", "r4", "r5"]  # the reports' order
    assert table["level"].cat.ordered and list(table["level"].cat.categories) == [str(x) for x in aftercare.TriageLevel]
    for label in ("ann", "bo"):
        mine = reports[reports["patient"] == label]
        t = aftercare.Treatment(device=patients.loc[label, "device"], depth_mm=patients.loc[label, "depth_mm"],
                                skin_type=patients.loc[label, "skin_type"], treated_at=patients.loc[label, "treated_at"].to_pydatetime())
        given = [aftercare.SymptomReport(
            r.symptom,
            seen_at=r.seen_at if isinstance(r.seen_at, datetime) else None,
            after=None if isinstance(r.seen_at, datetime) else timedelta(hours=r.hours_after),
            severity=r.severity if isinstance(r.severity, str) else None,
            signs=r.signs or []) for r in mine.itertuples()]
        one = aftercare.triage(aftercare.plan(t), given, as_of=as_of)
        got = table[table["patient"] == label]
        assert got["level"].astype(str).tolist() == [str(r.level) for r in one.reports]
        assert got["rule"].astype(str).tolist() == [r.decided.rule for r in one.reports]
    assert (table.loc[table["report"] == "r3", "level"] >= "urgent").all()  # pus with fever
    bad = table[table["error"].notna()]
    assert bad["report"].tolist() == ["r4", "r5"] and bad["patient"].tolist() == ["cy", "zed"]
    assert bad["error_field"].tolist() == ["depth", "patient"]


def test_screenings_is_each_patients_screening() -> None:
    frame = pd.DataFrame(
        {"device": ["pen", "rf", "pen", "pen"], "depth_mm": [1.0, 2.0, 1.0, 1.0], "skin_type": [3, 6, 2, 3],
         "conditions": [["active_acne"], None, ["flu"], ["pregnancy"]],
         "isotretinoin_stopped": [None, None, None, "2026-10-01"],
         "as_of": ["2026-11-21", "2026-11-21", "2026-11-21", "2026-11-22"]},
        index=["a", "b", "c", "d"])
    with pytest.raises(aftercare.InvalidValueError, match="condition 'flu'") as info:
        aftercare.screenings(frame)
    assert info.value.__notes__ == ["in the row with index label 'c'"]
    table = aftercare.screenings(frame, errors="coerce")
    assert table["patient"].tolist() == ["a", "b", "c", "d"]
    assert table["decision"].cat.ordered and list(table["decision"].cat.categories) == [str(d) for d in aftercare.Decision]
    for label in ("a", "b", "d"):
        r = frame.loc[label]
        one = aftercare.screen(
            aftercare.PatientHistory(r["conditions"] or [], isotretinoin_stopped=r["isotretinoin_stopped"] if isinstance(r["isotretinoin_stopped"], str) else None),
            aftercare.Treatment(device=r["device"], depth_mm=r["depth_mm"], skin_type=r["skin_type"]), as_of=r["as_of"])
        got = table[table["patient"] == label].iloc[0]
        assert got["decision"] == str(one.decision)
        assert got["findings"] == [f.code for f in one.findings]
        assert (pd.isna(got["earliest"]) and one.earliest is None) or got["earliest"].date() == one.earliest
    assert table.loc[table["patient"] == "d", "earliest"].iloc[0] == pd.Timestamp("2027-04-01")
    assert (table.loc[table["decision"].notna(), "decision"] >= "caution").all()
    bad = table[table["error"].notna()]
    assert bad["patient"].tolist() == ["c"] and bad["error_field"].tolist() == ["condition"]
    with pytest.raises(aftercare.InvalidValueError, match="screening date"):
        aftercare.screenings(frame.drop(columns=["as_of"]).drop(index=["c"]))


def test_cohort_tier_is_ordered_by_depth() -> None:
    """tier's categories are the protocol's tiers, shallowest first, whichever the rows meet first."""
    frame = pd.DataFrame({"device": ["pen"] * 3, "depth_mm": [2.0, 0.25, 1.0], "skin_type": [3, 3, 3]})
    long = aftercare.cohort(frame)
    assert long["tier"].cat.ordered
    assert list(long["tier"].cat.categories) == [t.id for t in aftercare.default_protocol().tiers]
    deep = aftercare.default_protocol().tier_for(2.0)
    assert deep is not None
    assert set(long.loc[long["tier"] >= deep.id, "patient"]) == {0}


def test_triages_coerce_with_repeated_report_labels() -> None:
    """Report labels need not be unique: a bad report still names its own patient."""
    patients = pd.DataFrame({"device": ["pen", "pen"], "depth_mm": [1.0, 9.0], "skin_type": [3, 3],
                             "treated_at": pd.to_datetime(["2026-11-21 14:00"] * 2).tz_localize("UTC")}, index=["ann", "bo"])
    reports = pd.DataFrame({"patient": ["ann", "bo", "ann"], "symptom": ["redness", "redness", "swelling"],
                            "hours_after": [5.0, 5.0, 30.0]}, index=["same", "same", "other"])
    table = aftercare.triages(patients, reports, as_of=datetime(2026, 12, 30, tzinfo=UTC), errors="coerce")
    assert table["report"].tolist() == ["same", "same", "other"]
    assert table["patient"].tolist() == ["ann", "bo", "ann"]
    assert table["error_field"].isna().tolist() == [True, False, True]
    assert table["error_field"].iloc[1] == "depth"
