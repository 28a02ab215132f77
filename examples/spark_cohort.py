"""Plans and reminders of a cohort on Spark: aftercare.cohort and aftercare.schedules inside mapInPandas.

Run (needs pyspark and a JDK 17+; neither is in the project's venv):
    python examples/spark_cohort.py [PATIENTS]        # default 2000; prints what it checked and the cost

Spark's timestamps are not pandas' aware ones: a TimestampType column reaches pandas as naive wall
clock in the *session* zone, and TIMESTAMP_NTZ has no zone at all. So treatment times travel as
epoch seconds (a long) beside the patient's IANA zone (a string), aware timestamps are rebuilt inside
the function, and instants go back to Spark as epoch seconds (null where there is none); a
reminder's local wall-clock time goes back as TIMESTAMP_NTZ, which is what it is.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator

import numpy as np
import pandas as pd

import aftercare

PLAN_SCHEMA = "patient long, tier string, code string, kind string, start long, finish long"
REMINDER_SCHEMA = "patient long, time_zone string, code string, at long, local timestamp_ntz"


def epoch(instants: pd.Series) -> pd.Series:
    """Aware instants as nullable epoch seconds (NaT becomes null)."""
    seconds = instants.dt.tz_convert("UTC").dt.tz_localize(None).to_numpy("datetime64[s]").view("int64")
    return pd.Series(pd.array(seconds, dtype="Int64")).mask(instants.isna().to_numpy())


def treatments(batch: pd.DataFrame) -> pd.DataFrame:
    """A Spark batch (treated_epoch long, time_zone string, ...) as aftercare's treatment table."""
    aware = pd.to_datetime(batch["treated_epoch"], unit="s", utc=True)
    return batch.assign(treated_at=aware).drop(columns=["treated_epoch"]).set_index("patient_id")


def plans(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
    for batch in batches:
        out = aftercare.cohort(treatments(batch).drop(columns=["time_zone"]))
        yield pd.DataFrame({
            "patient": out["patient"].astype("int64"),
            "tier": out["tier"].astype(str),
            "code": out["code"].astype(str),
            "kind": out["kind"].astype(str),
            "start": epoch(out["start"]),
            "finish": epoch(out["finish"]),
        })


def reminders(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
    for batch in batches:
        out = aftercare.schedules(treatments(batch))  # each patient in the zone of its time_zone column
        yield pd.DataFrame({
            "patient": out["patient"].astype("int64"),
            "time_zone": out["time_zone"].astype(str),
            "code": out["code"].astype(str),
            "at": epoch(out["at"]),
            "local": out["local"].to_numpy("datetime64[us]"),  # the patient's wall clock, naive
        })


def patients(n: int, seed: int = 1) -> pd.DataFrame:
    """n patients as Spark would hold them: epoch seconds and a zone name instead of aware times."""
    rng = np.random.default_rng(seed)
    device = rng.choice(["pen", "rf"], n)
    return pd.DataFrame({
        "patient_id": np.arange(n, dtype=np.int64),
        "device": device,
        "depth_mm": np.where(device == "rf", rng.choice([0.5, 1.0, 2.0], n), rng.choice([0.25, 0.5, 1.0, 1.5], n)),
        "skin_type": rng.integers(1, 7, n),
        "indication": rng.choice(["acne_scars", "wrinkles"], n),
        "treated_epoch": 1_795_000_000 + rng.integers(0, 90 * 86_400, n),
        "time_zone": rng.choice(["Europe/London", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe"], n),
    })


def main() -> None:
    from pyspark.sql import SparkSession

    n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    spark = (SparkSession.builder.master("local[2]").appName("aftercare")
             .config("spark.sql.session.timeZone", "Pacific/Chatham")  # any zone: the results must not depend on it
             .config("spark.sql.execution.arrow.pyspark.enabled", "true")
             .config("spark.ui.enabled", "false").getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    given = patients(n)
    df = spark.createDataFrame(given).repartition(4)

    t0 = time.perf_counter()
    plan_rows = df.mapInPandas(plans, schema=PLAN_SCHEMA)
    plan_rows.write.format("noop").mode("overwrite").save()  # run it all, keep nothing
    plan_seconds = time.perf_counter() - t0
    t0 = time.perf_counter()
    reminder_rows = df.mapInPandas(reminders, schema=REMINDER_SCHEMA)
    reminder_rows.write.format("noop").mode("overwrite").save()
    reminder_seconds = time.perf_counter() - t0

    # The same rows as in memory, for a sample of the patients (Spark's row order is its own).
    sample = given[given["patient_id"] < 500]
    in_memory = next(plans(iter([sample])))
    on_spark = plan_rows.where("patient < 500").toPandas()
    key = ["patient", "code"]
    pd.testing.assert_frame_equal(on_spark.sort_values(key).reset_index(drop=True),
                                  in_memory.sort_values(key).reset_index(drop=True), check_dtype=False)
    in_memory_r = next(reminders(iter([sample])))
    on_spark_r = reminder_rows.where("patient < 500").toPandas()
    key = ["patient", "at", "code"]
    pd.testing.assert_frame_equal(on_spark_r.sort_values(key).reset_index(drop=True),
                                  in_memory_r.sort_values(key).reset_index(drop=True), check_dtype=False)
    print(f"{n} patients on local[2]: {plan_rows.count()} plan rows in {plan_seconds:.1f} s, "
          f"{reminder_rows.count()} reminders in {reminder_seconds:.1f} s; "
          f"the first 500 patients equal the in-memory path")
    spark.stop()


if __name__ == "__main__":
    main()
