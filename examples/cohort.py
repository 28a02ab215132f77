# %% [markdown]
# # A cohort's aftercare with pandas
#
# Two clinics (London and Kyiv) treated 240 patients over a season. What recovery can the cohort
# expect, when do restrictions lift, and how busy will follow-up be? Every window comes from the
# C++ core and its cited protocol; pandas only summarises. Run: `python examples/cohort.py [chart.png]`
# (tests/python/test_examples.py runs it). Not medical advice.

# %%
from __future__ import annotations

import sys
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd

import aftercare

pd.set_option("display.width", 120)
rng = np.random.default_rng(2026)
n = 240

# %% [markdown]
# ## The cohort: one treatment per row, columns named as `aftercare.Treatment`'s fields
# Each clinic records the end of treatment in its own zone: aware datetimes, never naive.

# %%
clinic = rng.choice(["London", "Kyiv"], n)
zones = {"London": ZoneInfo("Europe/London"), "Kyiv": ZoneInfo("Europe/Kyiv")}
device = rng.choice(["pen", "rf", "home_roller"], n, p=[0.6, 0.3, 0.1])
depth = np.select(
    [device == "home_roller", device == "rf"],
    [rng.choice([0.25, 0.5], n), rng.choice([0.5, 1.0, 2.0, 3.0], n)],
    rng.choice([0.5, 1.0, 1.5, 2.0, 2.5], n),
)
area = rng.choice(["face", "periorbital", "neck", "scalp", "back"], n, p=[0.6, 0.1, 0.1, 0.1, 0.1])
# The protocol's depth limits by area: at most 1.5 mm around the eyes, 2.5 mm on the scalp.
depth = np.where(area == "periorbital", np.minimum(depth, 1.5), np.where(area == "scalp", np.minimum(depth, 2.5), depth))
start = datetime(2026, 9, 1, 9, 0)
patients = pd.DataFrame(
    {
        "clinic": clinic,
        "device": device,
        "depth_mm": depth,
        "area": area,
        "skin_type": rng.integers(1, 7, n),
        "adjuncts": [["prp"] if x < 0.25 else [] for x in rng.random(n)],
        "indication": rng.choice(["acne_scars", "wrinkles", "texture", "pigmentation"], n),
        "session": rng.integers(1, 4, n),
        "treated_at": [
            (start + timedelta(days=int(d), hours=int(h))).replace(tzinfo=zones[c])
            for d, h, c in zip(rng.integers(0, 90, n), rng.integers(0, 9, n), clinic, strict=True)
        ],
    },
    index=pd.Index([f"P{i:04d}" for i in range(n)], name="patient"),
)

# %% [markdown]
# ## Every plan in one call: one row per (patient, entry), made in C++ without the GIL

# %%
plans = aftercare.cohort(patients, tz="UTC")
print(f"{len(patients)} patients -> {len(plans)} plan entries, {plans['code'].nunique()} distinct entries")
table = plans.merge(patients[["clinic", "device", "skin_type"]], left_on="patient", right_index=True)

# %% [markdown]
# ## How long does redness typically last, by device and depth tier? (days)

# %%
redness = table[table["code"] == "effect.redness"]
typical = (redness["end"].dt.total_seconds() / 86400).groupby([redness["device"], redness["tier"]], observed=True)
print("\nTypical redness (days) by device and depth tier")
print(typical.agg(["count", "median", "max"]).round(1).to_string())

# %% [markdown]
# ## When does strict sun avoidance end? Darker skin types (IV-VI) get longer protection.

# %%
sun = table[table["code"] == "restriction.sun"]
sun_days = (sun["end"].dt.total_seconds() / 86400).groupby(sun["skin_type"]).median()
print("\nSun restriction lifts after (median days) by Fitzpatrick skin type")
print(sun_days.to_string())

# %% [markdown]
# ## Follow-up load: next sessions per ISO week (the window opens), per clinic

# %%
nxt = table[table["code"] == "milestone.next_session"]
weeks = nxt["start"].dt.tz_convert("Europe/London").dt.strftime("%G-W%V")
load = nxt.groupby([weeks.rename("week"), nxt["clinic"]]).size().unstack(fill_value=0)
print("\nNext sessions due per week (first 6 weeks)")
print(load.head(6).to_string())

# %% [markdown]
# ## Who should be watched longest? Abnormal-after thresholds for bruising, longest first

# %%
bruising = table[table["code"] == "effect.bruising"].sort_values("abnormal_after", ascending=False)
print("\nLongest bruising windows")
print(bruising[["patient", "device", "tier", "end", "abnormal_after"]].head(5).to_string(index=False))

# %% [markdown]
# ## One patient in detail: the plan in the patient's own zone, and its timeline chart

# %%
first = patients.iloc[0]
one = aftercare.plan(aftercare.Treatment(**first.drop("clinic").to_dict()))
print(f"\n{first.name}: {one!r}")
print(one.to_dataframe()[["code", "onset", "end", "finish"]].head(4).to_string(index=False))
if len(sys.argv) > 1:
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(11, 9), layout="constrained")
    one.plot(ax)
    fig.savefig(sys.argv[1], dpi=100)
    print(f"chart saved to {sys.argv[1]}")
