"""The vocabulary as :class:`enum.StrEnum` classes whose values are the core's stable codes.

A member *is* its code (``Device.PEN == "pen"``), so codes and members are interchangeable
everywhere: in arguments, in DataFrames, in JSON. The members mirror the C++ code tables
(include/aftercare/types.hpp); ``aftercare._core.codes()`` returns those tables and a test checks that
the two agree, so they cannot drift.
"""

from __future__ import annotations

from enum import StrEnum

__all__ = [
    "Adjunct",
    "Area",
    "Condition",
    "Decision",
    "Device",
    "EntryKind",
    "HistoryFlag",
    "Indication",
    "Likelihood",
    "Procedure",
    "ReminderAnchor",
    "ReminderKind",
    "ReminderMode",
    "RoutineSlot",
    "Severity",
    "Sign",
    "Symptom",
    "TriageLevel",
]


class Device(StrEnum):
    """The kind of device."""

    HOME_ROLLER = "home_roller"
    PEN = "pen"
    RF = "rf"


class Area(StrEnum):
    """The treated area."""

    FACE = "face"
    PERIORBITAL = "periorbital"
    NECK = "neck"
    DECOLLETAGE = "decolletage"
    SCALP = "scalp"
    BACK = "back"
    ABDOMEN = "abdomen"
    THIGHS = "thighs"
    ARMS = "arms"
    HANDS = "hands"


class Indication(StrEnum):
    """Why the course is done; decides the next session and the final assessment."""

    ACNE_SCARS = "acne_scars"
    WRINKLES = "wrinkles"
    TEXTURE = "texture"
    STRETCH_MARKS = "stretch_marks"
    HAIR_LOSS = "hair_loss"
    PIGMENTATION = "pigmentation"


class Adjunct(StrEnum):
    """Something added to the needling."""

    PRP = "prp"


class HistoryFlag(StrEnum):
    """Patient history that changes aftercare."""

    COLD_SORE_HISTORY = "cold_sore_history"
    PIGMENTATION_HISTORY = "pigmentation_history"
    ANTICOAGULANTS = "anticoagulants"


class EntryKind(StrEnum):
    """What a plan entry is."""

    EFFECT = "effect"
    RESTRICTION = "restriction"
    CARE = "care"
    MILESTONE = "milestone"
    RED_FLAG = "red_flag"


class Likelihood(StrEnum):
    """How likely an expected effect is, in increasing order."""

    RARE = "rare"
    POSSIBLE = "possible"
    COMMON = "common"
    EXPECTED = "expected"


class ReminderMode(StrEnum):
    """How a care step or milestone is turned into reminders."""

    NONE = "none"
    ONCE = "once"
    DAILY = "daily"


class RoutineSlot(StrEnum):
    """A routine time of the patient's day."""

    MORNING = "morning"
    MIDDAY = "midday"
    EVENING = "evening"
    BEDTIME = "bedtime"


class TriageLevel(StrEnum):
    """How urgently to act, in increasing order."""

    EXPECTED = "expected"
    MONITOR = "monitor"
    CONTACT_CLINIC = "contact_clinic"
    URGENT = "urgent"
    EMERGENCY = "emergency"


class Severity(StrEnum):
    """How bad a reported symptom is."""

    MILD = "mild"
    MODERATE = "moderate"
    SEVERE = "severe"


class Symptom(StrEnum):
    """A symptom a patient can report (red-flag entries list the ones they watch for)."""

    REDNESS = "redness"
    SWELLING = "swelling"
    PAIN = "pain"
    PEELING = "peeling"
    ITCHING = "itching"
    BLEEDING = "bleeding"
    BRUISING = "bruising"
    PUS = "pus"
    BLISTERS = "blisters"
    RASH = "rash"
    COLD_SORE = "cold_sore"
    BUMPS = "bumps"
    DARK_PATCHES = "dark_patches"
    GRID_MARKS = "grid_marks"
    LIP_SWELLING = "lip_swelling"
    BREATHING_DIFFICULTY = "breathing_difficulty"
    SKIN_BREAKDOWN = "skin_breakdown"
    DENT = "dent"
    NUMBNESS = "numbness"
    SWOLLEN_GLANDS = "swollen_glands"
    NEW_PATCHES = "new_patches"
    FEVER = "fever"


class Sign(StrEnum):
    """A sign that can come with a symptom."""

    SPREADING = "spreading"
    WORSENING = "worsening"
    REAPPEARED = "reappeared"
    WARM = "warm"
    FEVER = "fever"


class ReminderKind(StrEnum):
    """What a reminder is for."""

    ROUTINE = "routine"
    LIFTED = "lifted"
    CHECK_IN = "check_in"
    MILESTONE = "milestone"


class ReminderAnchor(StrEnum):
    """How a reminder's time is kept: at a wall-clock time of the patient's day, or a fixed time
    after the end of treatment (moved out of quiet hours)."""

    WALL_CLOCK = "wall_clock"
    ELAPSED = "elapsed"


class Condition(StrEnum):
    """Something in the patient's history that screening asks about."""

    ACTIVE_ACNE = "active_acne"
    OPEN_WOUND = "open_wound"
    ACTIVE_INFECTION = "active_infection"
    ACTIVE_COLD_SORE = "active_cold_sore"
    COLD_SORE_HISTORY = "cold_sore_history"
    ECZEMA = "eczema"
    PSORIASIS = "psoriasis"
    ROSACEA = "rosacea"
    VITILIGO = "vitiligo"
    KELOID_HISTORY = "keloid_history"
    ISOTRETINOIN = "isotretinoin"
    BLEEDING_DISORDER = "bleeding_disorder"
    ANTICOAGULANTS = "anticoagulants"
    PREGNANCY = "pregnancy"
    BREASTFEEDING = "breastfeeding"
    METAL_ALLERGY = "metal_allergy"
    ANAESTHETIC_ALLERGY = "anaesthetic_allergy"
    DIABETES_UNCONTROLLED = "diabetes_uncontrolled"
    IMMUNOSUPPRESSED = "immunosuppressed"
    SKIN_CANCER = "skin_cancer"
    SUNBURN = "sunburn"
    TAN = "tan"
    RECENT_SCAR = "recent_scar"
    PACEMAKER = "pacemaker"
    METAL_IMPLANT = "metal_implant"
    SCLERODERMA = "scleroderma"
    TATTOO_IN_AREA = "tattoo_in_area"
    RAISED_MOLES = "raised_moles"
    DIABETES_CONTROLLED = "diabetes_controlled"
    GOLD_ALLERGY = "gold_allergy"


class Procedure(StrEnum):
    """A recent procedure whose date matters before microneedling."""

    BOTULINUM_TOXIN = "botulinum_toxin"
    FILLER = "filler"
    ABLATIVE_LASER = "ablative_laser"
    NON_ABLATIVE_LASER = "non_ablative_laser"
    MEDIUM_DEEP_PEEL = "medium_deep_peel"
    FACIAL_SURGERY = "facial_surgery"


class Decision(StrEnum):
    """Whether to treat, in increasing order of restriction."""

    PROCEED = "proceed"
    CAUTION = "caution"
    NEEDS_CLEARANCE = "needs_clearance"
    DEFER = "defer"
    DO_NOT_TREAT = "do_not_treat"


#: The C++ code-table name (a key of ``_core.codes()``) of each enumeration.
CODE_TABLES: dict[type[StrEnum], str] = {
    Device: "device",
    Area: "area",
    Indication: "indication",
    Adjunct: "adjunct",
    HistoryFlag: "history",
    EntryKind: "kind",
    Likelihood: "likelihood",
    ReminderMode: "remind",
    RoutineSlot: "slot",
    TriageLevel: "level",
    Severity: "severity",
    Symptom: "symptom",
    Sign: "sign",
    ReminderKind: "reminder kind",
    ReminderAnchor: "anchor",
    Condition: "condition",
    Decision: "decision",
    Procedure: "procedure",
}
