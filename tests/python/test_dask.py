"""aftercare.dask on a real distributed.LocalCluster with worker processes: the same result as the
in-memory path, the declared schema, aware instants, and a bad row raising on compute()."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pandas as pd
import pytest

import aftercare
import aftercare.dask

dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")


def treatments(n: int, seed: int = 3) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    device = rng.choice(["pen", "rf"], n)
    depth = np.where(device == "rf", rng.choice([0.5, 1.0, 2.0], n), rng.choice([0.25, 0.5, 1.0, 1.5, 2.5], n))
    frame = pd.DataFrame(
        {
            "device": device,
            "depth_mm": depth,
            "area": rng.choice(["face", "neck", "scalp"], n),
            "skin_type": rng.integers(1, 7, n),
            "indication": rng.choice(["acne_scars", "wrinkles", None], n),
            "treated_at": pd.Timestamp("2026-10-20 09:00", tz="Europe/London")
            + pd.to_timedelta(rng.integers(0, 20 * 24, n), unit="h"),
        }
    )
    frame.index = pd.Index([f"p{i:05d}" for i in range(n)], name="id")  # labels, not positions
    return frame


@pytest.fixture(scope="module")
def client() -> Iterator[object]:
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        with distributed.Client(cluster) as c:
            yield c


def comparable(frame: pd.DataFrame) -> pd.DataFrame:
    """Categories whose order is first-seen (tier, code, title) as strings, and the patient labels as
    plain strings (Dask's from_pandas makes string labels pyarrow strings); the rest as they are."""
    out = frame.reset_index(drop=True).copy()
    for name in ("patient", "tier", "code", "title"):
        out[name] = out[name].astype(object).astype(str)
    return out


def test_cohort_on_a_cluster_equals_the_in_memory_path(client: object) -> None:
    frame = treatments(3000)
    lazy = aftercare.dask.cohort(dd.from_pandas(frame, npartitions=6), tz="Europe/Kyiv")
    distributed_result = lazy.compute()
    in_memory = aftercare.cohort(frame, tz="Europe/Kyiv")
    assert len(distributed_result) == len(in_memory) > 3000 * 30
    pd.testing.assert_frame_equal(comparable(distributed_result), comparable(in_memory))
    # the declared schema is what the workers produce; instants stay aware, in the zone asked for
    assert list(lazy.columns) == list(in_memory.columns)
    assert dict(lazy.dtypes.astype(str)) == dict(distributed_result.dtypes.astype(str))
    assert str(distributed_result["start"].dtype).endswith("Europe/Kyiv]")
    assert distributed_result["patient"].iloc[0] == "p00000"
    assert list(distributed_result["level"].cat.categories) == [str(x) for x in aftercare.TriageLevel]
    assert distributed_result["level"].cat.ordered


def test_a_custom_protocol_travels_to_the_workers(client: object) -> None:
    frame = treatments(200, seed=4)
    protocol = aftercare.parse_protocol(aftercare.default_protocol().text, origin="clinic.json")
    got = aftercare.dask.cohort(dd.from_pandas(frame, npartitions=2), protocol=protocol).compute()
    pd.testing.assert_frame_equal(comparable(got), comparable(aftercare.cohort(frame, protocol=protocol)))


def test_a_bad_row_raises_on_compute(client: object) -> None:
    frame = treatments(100, seed=5)
    frame.loc["p00042", "depth_mm"] = 9.0  # deeper than the protocol allows
    lazy = aftercare.dask.cohort(dd.from_pandas(frame, npartitions=3))
    with pytest.raises(aftercare.InvalidValueError, match="depth"):
        lazy.compute()


def test_coerce_on_a_cluster_equals_the_in_memory_path(client: object) -> None:
    frame = treatments(300, seed=6)
    frame.loc["p00042", "depth_mm"] = 9.0
    frame.loc["p00250", "device"] = "laser"
    lazy = aftercare.dask.cohort(dd.from_pandas(frame, npartitions=3), errors="coerce")
    got = lazy.compute()
    expected = aftercare.cohort(frame, errors="coerce")
    pd.testing.assert_frame_equal(comparable(got), comparable(expected))
    assert got.loc[got["error"].notna(), "patient"].tolist() == ["p00042", "p00250"]
    assert list(lazy.columns)[-2:] == ["error_field", "error"]


def test_schedules_on_a_cluster_equals_the_in_memory_path(client: object) -> None:
    frame = treatments(120, seed=8)
    frame.loc["p00007", "depth_mm"] = 9.0
    lazy = aftercare.dask.schedules(dd.from_pandas(frame, npartitions=3), errors="coerce", wake="06:30")
    got = lazy.compute()
    expected = aftercare.schedules(frame, errors="coerce", wake="06:30")
    assert len(got) == len(expected) > 120 * 20

    def flat(f: pd.DataFrame) -> pd.DataFrame:
        out = f.reset_index(drop=True).copy()
        for name in ("patient", "time_zone", "code", "title", "entry", "kind", "anchor", "slot"):
            out[name] = out[name].astype(object).where(out[name].notna(), None).astype(str)
        return out

    pd.testing.assert_frame_equal(flat(got), flat(expected))
    assert set(got["time_zone"].dropna().astype(str)) == {"Europe/London"}  # the treated_at column's zone
    assert got.loc[got["error"].notna(), "patient"].tolist() == ["p00007"]


def reports_for(frame: pd.DataFrame, n: int, seed: int = 6) -> pd.DataFrame:
    """Symptom reports of random patients of `frame` (and one unknown patient when asked)."""
    rng = np.random.default_rng(seed)
    return pd.DataFrame(
        {
            "patient": rng.choice(frame.index.to_numpy(), n),
            "symptom": rng.choice(["redness", "swelling", "pus", "bruising"], n),
            "hours_after": rng.choice([5.0, 30.0, 80.0, 300.0], n),
            "severity": rng.choice(["mild", "severe", None], n),
        },
        index=pd.Index([f"r{i:05d}" for i in range(n)], name="report"),
    )


def by_report(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.astype({"report": str, "patient": str, "rule": str}).sort_values("report").reset_index(drop=True)
    return out


AS_OF = pd.Timestamp("2026-12-30", tz="UTC").to_pydatetime()


def test_triages_on_a_cluster_equal_the_in_memory_path(client: object) -> None:
    frame = treatments(400, seed=7)
    reports = reports_for(frame, 1500)
    in_memory = aftercare.triages(frame, reports, as_of=AS_OF)
    lazy_reports = dd.from_pandas(reports, npartitions=4)
    # the treatments whole on every worker, or a Dask frame joined onto the reports by patient
    for given in (frame, dd.from_pandas(frame, npartitions=3)):
        lazy = aftercare.dask.triages(given, lazy_reports, as_of=AS_OF)
        got = lazy.compute()
        assert len(got) == len(reports)
        pd.testing.assert_frame_equal(by_report(got), by_report(in_memory))
        assert list(lazy.columns) == list(in_memory.columns)
        assert got["level"].cat.ordered


def test_triages_on_a_cluster_keep_an_unknown_patient_as_its_error(client: object) -> None:
    frame = treatments(50, seed=8)
    reports = reports_for(frame, 60, seed=9)
    reports.loc["r00007", "patient"] = "nobody"
    lazy = aftercare.dask.triages(dd.from_pandas(frame, npartitions=2), dd.from_pandas(reports, npartitions=3),
                                  as_of=AS_OF, errors="coerce")
    got = lazy.compute().set_index("report")
    assert got.loc["r00007", "error_field"] == "patient"
    assert got["error"].notna().sum() == 1
    with pytest.raises(aftercare.InvalidValueError, match="'nobody' is not a label"):
        aftercare.dask.triages(dd.from_pandas(frame, npartitions=2), dd.from_pandas(reports, npartitions=3), as_of=AS_OF).compute()


def test_screenings_on_a_cluster_equal_the_in_memory_path(client: object) -> None:
    frame = treatments(300, seed=10)
    rng = np.random.default_rng(11)
    frame["conditions"] = [list(rng.choice(["active_acne", "pregnancy", "keloid_history", "rosacea"], k)) for k in rng.integers(0, 3, len(frame))]
    frame["as_of"] = "2026-11-21"
    import dask

    # Dask turns object columns into strings unless told not to: a list of conditions would reach
    # the workers as its text ("['pregnancy']")
    with dask.config.set({"dataframe.convert-string": False}):
        lazy = aftercare.dask.screenings(dd.from_pandas(frame, npartitions=3))
        got = lazy.compute()
    in_memory = aftercare.screenings(frame)
    pd.testing.assert_frame_equal(got.astype({"patient": str}).reset_index(drop=True),
                                  in_memory.astype({"patient": str}).reset_index(drop=True))
    assert list(lazy.columns) == list(in_memory.columns)
    assert got["decision"].cat.ordered
