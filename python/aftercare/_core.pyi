"""
Private: the C++ core of the aftercare package. Use `import aftercare`.
"""
from __future__ import annotations
import collections.abc
import datetime
import numpy
import numpy.typing
import os
import typing
__all__: list[str] = ['Assessment', 'CheckInAnswers', 'CheckInAssessment', 'Course', 'Eligibility', 'PatientHistory', 'Plan', 'Protocol', 'Schedule', 'SymptomReport', 'Treatment', 'TreatmentBatch', 'assess_check_in', 'catalogue_json', 'check_in_codes', 'check_in_questionnaire', 'check_in_questions_json', 'check_treatment', 'codes', 'cohort_table', 'cohort_wide_table', 'default_protocol', 'default_protocol_text', 'epoch_seconds', 'follow_up', 'follow_up_due', 'handout_css', 'hours_text', 'library_version', 'load_protocol', 'locale_of', 'localize', 'make_plan', 'make_plans', 'parse_protocol', 'plan_course', 'plan_table', 'plural_category', 'review_of', 'schedule', 'schedule_to_html', 'schedules_table', 'screen', 'screening_table', 'shipped_locales', 'to_fhir', 'to_html', 'to_json', 'to_json_bytes', 'to_text', 'treatments_from_columns', 'triage', 'triage_table', 'zone']
class Treatment:
    """
    One microneedling session, as it was done (aftercare::treatment).
    """
    def __init__(self, *, device: str, depth_mm: typing.SupportsFloat | typing.SupportsIndex, area: str = 'face', skin_type: int | str, adjuncts: str | collections.abc.Iterable[str] | None = None, indication: str | None = None, session: typing.SupportsInt | typing.SupportsIndex = 1, treated_at: datetime.datetime | None = None, history: str | collections.abc.Iterable[str] | None = None) -> None:
        """
        Codes are checked here; limits (depth range, skin type I–VI, session >= 1) by make_plan. Missing values (None, NaN, pandas.NaT/NA) of indication, adjuncts, history and treated_at take their default.
        """
    def __repr__(self) -> str:
        ...
    @property
    def adjuncts(self) -> tuple[str, ...]:
        ...
    @property
    def area(self) -> str:
        ...
    @property
    def depth_mm(self) -> float:
        ...
    @property
    def depth_um(self) -> int:
        ...
    @property
    def device(self) -> str:
        ...
    @property
    def history(self) -> tuple[str, ...]:
        ...
    @property
    def indication(self) -> str | None:
        ...
    @property
    def session(self) -> int:
        ...
    @property
    def skin_type(self) -> int:
        ...
    @property
    def treated_at(self) -> datetime.datetime | None:
        """
        The end of treatment as an aware datetime in UTC, or None.
        """
class Protocol:
    """
    The clinical knowledge a plan is made from (aftercare::protocol).
    """
    def find_source(self, key: str) -> tuple[str, str, str, str] | None:
        ...
    def same_as(self, other: Protocol) -> bool:
        """
        True when both share the same parsed data.
        """
    def sources(self) -> list[tuple[str, str, str, str]]:
        """
        Every source as (key, citation, url, tier), sorted by key.
        """
    def tier_for(self, depth_mm: typing.SupportsFloat | typing.SupportsIndex) -> str | None:
        """
        The id of the tier that holds the depth, or None when it is deeper than every tier.
        """
    def tiers(self) -> list[tuple[str, str, float]]:
        """
        The depth tiers as (id, title, max_depth_mm), shallowest first.
        """
    @property
    def disclaimer(self) -> str:
        ...
    @property
    def id(self) -> str:
        ...
    @property
    def origin(self) -> str:
        ...
    @property
    def text(self) -> str:
        """
        The JSON text it was parsed from.
        """
    @property
    def title(self) -> str:
        ...
    @property
    def version(self) -> str:
        ...
class Plan:
    """
    The plan for one treatment (aftercare::plan): immutable and shared.
    """
    def __len__(self) -> int:
        ...
    def entries(self, tz: str | datetime.tzinfo | None = None) -> list[dict[str, typing.Any]]:
        """
        Every entry as a dict of plain values; instants are aware datetimes in `tz` (UTC when None).
        """
    def find(self, code: str) -> int | None:
        """
        The index of the entry with `code`, or None.
        """
    def notes(self) -> list[dict[str, typing.Any]]:
        """
        The plan's notes as dicts (code, text, sources).
        """
    @property
    def protocol(self) -> Protocol:
        ...
    @property
    def tier(self) -> str:
        ...
    @property
    def treatment(self) -> Treatment:
        ...
class TreatmentBatch:
    """
    Treatments of a table, kept in C++ (no object per row); None for a row set aside.
    """
    def __getitem__(self, index: typing.SupportsInt | typing.SupportsIndex) -> typing.Any:
        ...
    def __init__(self, items: list) -> None:
        """
        From a list of Treatment (native) or None.
        """
    def __len__(self) -> int:
        ...
    def present(self) -> numpy.typing.NDArray[numpy.bool]:
        """
        Per row: whether it holds a treatment.
        """
    def set_aside(self, index: typing.SupportsInt | typing.SupportsIndex) -> None:
        """
        Marks row `index` as set aside (None).
        """
class Schedule:
    """
    Reminders at the patient's local times (aftercare::reminder_schedule): immutable and shared.
    """
    def __len__(self) -> int:
        ...
    def horizon(self, tz: str | datetime.tzinfo | None = None) -> datetime.datetime | None:
        """
        The last instant a reminder may be due, or None without a treatment time.
        """
    def reminder_objects(self, tz: str | datetime.tzinfo | None, cls: typing.Any, kinds: dict, anchors: dict, slots: dict) -> tuple:
        """
        Every reminder as an instance of `cls` (aftercare.Reminder: a frozen, slotted dataclass; made without its __init__), sorted by instant; kinds, anchors and slots map each code to its enum member. Equal strings, source tuples and instants are shared between the records.
        """
    def reminders(self, tz: str | datetime.tzinfo | None = None) -> list[dict[str, typing.Any]]:
        """
        Every reminder as a dict of plain values, sorted by instant; instants are aware datetimes in `tz`.
        """
    def series(self, tz: str | datetime.tzinfo | None = None) -> list[dict[str, typing.Any]]:
        """
        Every daily series as a dict; `first` is the DTSTART wall-clock reading in the schedule's zone (fold=0), converted to `tz` when that is another zone.
        """
    def times(self) -> dict[str, datetime.time]:
        """
        The times of day used, after defaults: wake, bed, morning, midday, evening, bedtime.
        """
    def to_ics(self, calendar_name: str = '', duration: datetime.timedelta | None = None, alarm: bool = True) -> str:
        """
        The reminders as an iCalendar document (RFC 5545, CRLF line ends), as `aftercare plan --format ics` writes it. Raises InvalidValueError without a treatment time, or for a duration outside 1 min–24 h.
        """
    def to_json(self, tz: str | datetime.tzinfo | None = None, indent: typing.SupportsInt | typing.SupportsIndex = 2) -> str:
        """
        The plan and its reminders as JSON (docs/schema/plan.schema.json), as `aftercare plan --format json` writes it; the entries' instants in `tz` (the schedule's zone when None); indent -1 writes one line.
        """
    def to_json_bytes(self, tz: str | datetime.tzinfo | None = None, indent: typing.SupportsInt | typing.SupportsIndex = 2) -> bytes:
        """
        to_json's document as UTF-8 bytes.
        """
    def to_text(self, tz: str | datetime.tzinfo | None = None, sources: bool = True) -> str:
        """
        The plan and its reminders as readable text, as `aftercare plan` prints it.
        """
    @property
    def plan(self) -> Plan:
        ...
    @property
    def zone_name(self) -> str | None:
        """
        The IANA name of the schedule's zone as the tz database resolves it, or None.
        """
class SymptomReport:
    """
    One symptom as the patient reports it (aftercare::symptom_report).
    """
    def __init__(self, symptom: str, *, seen_at: datetime.datetime | None = None, after: datetime.timedelta | None = None, severity: str | None = None, signs: str | collections.abc.Iterable[str] | None = None) -> None:
        """
        Codes are checked here. Exactly one of seen_at (an aware datetime) or after (a timedelta since the end of treatment); times are checked against the plan by triage().
        """
    @property
    def after(self) -> datetime.timedelta | None:
        """
        The time since the end of treatment (a datetime.timedelta), or None when given as `seen_at`.
        """
    @property
    def seen_at(self) -> datetime.datetime | None:
        """
        When it was seen, as an aware datetime in UTC, or None when given as `after`.
        """
    @property
    def severity(self) -> str | None:
        ...
    @property
    def signs(self) -> tuple[str, ...]:
        ...
    @property
    def symptom(self) -> str:
        ...
class Assessment:
    """
    The verdict on symptom reports (aftercare::assessment); it holds its plan.
    """
    def __len__(self) -> int:
        ...
    def reports(self, tz: str | datetime.tzinfo | None = None) -> list[dict[str, typing.Any]]:
        """
        Each report's verdict as a dict of plain values, in the order given; instants are aware datetimes in `tz`.
        """
    def to_json(self, tz: str | datetime.tzinfo | None = None, indent: typing.SupportsInt | typing.SupportsIndex = 2) -> str:
        """
        The assessment as JSON (docs/schema/triage.schema.json), as `aftercare triage --format json` writes it; instants in `tz` (UTC, written Z, when None).
        """
    def to_json_bytes(self, tz: str | datetime.tzinfo | None = None, indent: typing.SupportsInt | typing.SupportsIndex = 2) -> bytes:
        """
        to_json's document as UTF-8 bytes.
        """
    def to_text(self, tz: str | datetime.tzinfo | None = None, sources: bool = True) -> str:
        """
        The assessment as readable text, as `aftercare triage` prints it; local times in `tz` (UTC when None).
        """
    @property
    def level(self) -> str:
        ...
    @property
    def plan(self) -> Plan:
        ...
class PatientHistory:
    """
    What the patient reports before treatment (aftercare::patient_history).
    """
    def __init__(self, conditions: str | collections.abc.Iterable[str] | None = None, *, isotretinoin_stopped: datetime.date | str | None = None, radiotherapy_ended: datetime.date | str | None = None, birth_date: datetime.date | str | None = None, procedures: dict[str, typing.Any] | None = None) -> None:
        """
        Condition codes are checked here; dates (datetime.date or "YYYY-MM-DD") against the screening date by screen().
        """
    @property
    def birth_date(self) -> datetime.date | None:
        ...
    @property
    def conditions(self) -> tuple[str, ...]:
        ...
    @property
    def isotretinoin_stopped(self) -> datetime.date | None:
        ...
    @property
    def procedures(self) -> dict[str, typing.Any]:
        """
        Recent procedures: {code: date}, the latest date of each.
        """
    @property
    def radiotherapy_ended(self) -> datetime.date | None:
        ...
class Eligibility:
    """
    The screening decision for one patient and one planned treatment (aftercare::eligibility).
    """
    def __len__(self) -> int:
        ...
    def findings(self) -> list[dict[str, typing.Any]]:
        """
        Every finding as a dict of plain values, highest decision first; `wait` is (count, unit) or None.
        """
    def to_json(self, tz: str | datetime.tzinfo | None = None, indent: typing.SupportsInt | typing.SupportsIndex = 2) -> str:
        """
        The decision as JSON (docs/schema/screening.schema.json), as `aftercare screen --format json` writes it; the treatment time in `tz` (UTC, written Z, when None).
        """
    def to_json_bytes(self, tz: str | datetime.tzinfo | None = None, indent: typing.SupportsInt | typing.SupportsIndex = 2) -> bytes:
        """
        to_json's document as UTF-8 bytes.
        """
    def to_text(self, sources: bool = True) -> str:
        """
        The decision as readable text, as `aftercare screen` prints it.
        """
    @property
    def as_of(self) -> datetime.date:
        ...
    @property
    def decision(self) -> str:
        ...
    @property
    def earliest(self) -> datetime.date | None:
        """
        With decision defer and a date on every deferring finding: the first day none applies.
        """
    @property
    def protocol(self) -> Protocol:
        ...
    @property
    def treatment(self) -> Treatment:
        ...
class Course:
    """
    A course of sessions planned from one treatment (aftercare::course).
    """
    def milestones(self, tz: str | datetime.tzinfo | None = None) -> list[dict[str, typing.Any]]:
        """
        The results milestones and the final assessment, in time order.
        """
    def reminders(self, tz: str | datetime.tzinfo | None = None) -> list[dict[str, typing.Any]]:
        """
        Booking reminders, in time order.
        """
    def sessions(self, tz: str | datetime.tzinfo | None = None) -> list[dict[str, typing.Any]]:
        """
        Every session as a dict of plain values; instants in `tz` (UTC when None).
        """
    def to_ics(self, tz: str | datetime.tzinfo | None = None) -> str:
        """
        The course as an iCalendar file (all-day session windows in `tz`).
        """
    def to_json(self, tz: str | datetime.tzinfo | None = None, indent: typing.SupportsInt | typing.SupportsIndex = 2) -> str:
        """
        The course as JSON (docs/schema/course.schema.json), as `aftercare course --format json` writes it.
        """
    def to_text(self, tz: str | datetime.tzinfo | None = None) -> str:
        """
        The course as readable text, as `aftercare course` prints it.
        """
    @property
    def notes(self) -> list[str]:
        ...
    @property
    def protocol(self) -> Protocol:
        ...
    @property
    def rescreen_text(self) -> str:
        ...
    @property
    def total_sessions(self) -> int:
        ...
    @property
    def treatment(self) -> Treatment:
        ...
class CheckInAnswers:
    """
    The answers to one check-in (aftercare::check_in_answers).
    """
    @staticmethod
    def from_fhir(plan: Plan, text: str, origin: str = '<string>') -> CheckInAnswers:
        """
        Answers from a FHIR R4 QuestionnaireResponse (JSON).
        """
    @staticmethod
    def from_json(plan: Plan, text: str, tz: str | datetime.tzinfo | None = None, origin: str = '<string>') -> CheckInAnswers:
        """
        Answers from plain JSON (docs/schema/check-in-answers.schema.json); answered_at is local time in `tz`.
        """
    def __init__(self, check_in: str, *, answered_at: datetime.datetime | None = None, after: datetime.timedelta | None = None, status: str | None = None, symptoms: collections.abc.Sequence[SymptomReport] = [], free_text: str = '') -> None:
        """
        Exactly one of answered_at (an aware datetime) or after (a timedelta); each symptom's own time is replaced by it.
        """
    def same_as(self, other: CheckInAnswers) -> bool:
        """
        True when both hold the same answers (check-in, time, status, symptoms, free text).
        """
    @property
    def after(self) -> datetime.timedelta | None:
        ...
    @property
    def answered_at(self) -> datetime.datetime | None:
        """
        When it was answered (aware, UTC), or None when given as `after`.
        """
    @property
    def check_in(self) -> str:
        ...
    @property
    def free_text(self) -> str:
        ...
    @property
    def status(self) -> str | None:
        ...
    @property
    def symptoms(self) -> list[SymptomReport]:
        ...
class CheckInAssessment:
    """
    The verdict on one check-in's answers (aftercare::check_in_assessment).
    """
    def to_json(self, tz: str | datetime.tzinfo | None = None, indent: typing.SupportsInt | typing.SupportsIndex = 2) -> str:
        """
        As `aftercare check-in answer --format json` writes it (docs/schema/check-in-assessment.schema.json).
        """
    @property
    def after(self) -> typing.Any:
        ...
    @property
    def check_in(self) -> str:
        ...
    @property
    def free_text(self) -> str:
        ...
    @property
    def help(self) -> typing.Any:
        ...
    @property
    def help_without_detail(self) -> bool:
        ...
    @property
    def level(self) -> str:
        ...
    @property
    def status(self) -> str | None:
        ...
    @property
    def symptom_reports(self) -> list[SymptomReport]:
        """
        The symptom reports triaged, each seen when the check-in was answered.
        """
    @property
    def triage(self) -> Assessment:
        ...
def assess_check_in(plan: Plan, answers: CheckInAnswers, as_of: datetime.datetime | None = None) -> CheckInAssessment:
    """
    Triage of the symptoms answered, seen when the check-in was answered; 'help' is at least a clinic call. Runs without the GIL.
    """
def catalogue_json(protocol: Protocol, lang: str = 'en') -> str:
    """
    The protocol's messages in `lang` as a catalogue file (JSON text).
    """
def check_in_codes(plan: Plan) -> list[str]:
    """
    The codes of the plan's check-ins, in protocol order.
    """
def check_in_questionnaire(plan: Plan, check_in: str, canonical_base: str = 'urn:aftercare:fhir', indent: typing.SupportsInt | typing.SupportsIndex = 2) -> str:
    """
    A check-in's questions as a FHIR R4 Questionnaire (JSON).
    """
def check_in_questions_json(plan: Plan, check_in: str, tz: str | datetime.tzinfo | None = None, indent: typing.SupportsInt | typing.SupportsIndex = 2) -> str:
    """
    A check-in's questions as plain JSON (docs/schema/check-in-questions.schema.json).
    """
def check_treatment(treatment: Treatment, protocol: Protocol | None = None) -> None:
    """
    Checks a treatment against the protocol's limits; raises InvalidValueError naming the field.
    """
def codes() -> dict[str, tuple[str, ...]]:
    """
    The stable codes of every enumeration, by its field name ("device": ("home_roller", "pen", "rf"), ...).
    """
def cohort_table(treatments: TreatmentBatch, protocol: Protocol | None = None, errors: str = 'raise') -> dict[str, typing.Any]:
    """
    The table of the plans' entries of every treatment (None: skipped), without the GIL: treatments equal but for their time share one make_plan, whose rows are shifted to each one's time, straight into the result's arrays (no plan is kept per patient). 'plan' holds input positions. A failing make_plan raises with `row` set (errors='raise') or is listed in 'failed' (errors='coerce').
    """
def cohort_wide_table(treatments: TreatmentBatch, protocol: Protocol | None = None, errors: str = 'raise', values: str = 'finish') -> dict[str, typing.Any]:
    """
    One row per treatment, one column per entry code: 'values' (codes x treatments, int64 seconds, INT64_MIN for missing: the plan has no such entry, it has no time, or the row failed) holds each entry's start or finish (UTC epoch seconds) or its onset, end or abnormal_after (seconds after treatment); 'codes' the columns, in code order; 'tier' each row's tier code (-1: none). Evaluations as cohort_table, without the GIL.
    """
def default_protocol() -> Protocol:
    """
    The embedded default protocol.
    """
def default_protocol_text() -> str:
    """
    The embedded default protocol's JSON text.
    """
def epoch_seconds(value: datetime.datetime, field: str = 'datetime') -> int:
    """
    The UTC epoch seconds (floored) of an aware datetime; a naive one raises InvalidValueError naming `field`.
    """
def follow_up(plan: Plan, schedule: Schedule, answered: collections.abc.Sequence[str], now: datetime.datetime, tz: str | datetime.tzinfo | None = None) -> dict[str, typing.Any]:
    """
    What is due at `now` when nobody answers: a dict with action (none, nudge, clinic_task), due, next_action, next_due, ...
    """
def follow_up_due(schedule: Schedule, tz: str | datetime.tzinfo | None = None) -> dict[str, typing.Any]:
    """
    The instants the non-response rules fall due (None: the rule does not apply).
    """
def handout_css() -> str:
    """
    The handout's style sheet.
    """
def hours_text(duration: typing.Any) -> str:
    """
    A window length as the core's writers show it: "3 d", "48 h", "1.5 h".
    """
def library_version() -> tuple[int, int, int]:
    """
    The (major, minor, patch) version compiled into the C++ library.
    """
def load_protocol(path: os.PathLike | str | bytes) -> Protocol:
    """
    Reads and parses a protocol file; raises ProtocolError (also when it cannot be read).
    """
def locale_of(protocol: Protocol) -> str:
    """
    The locale of the protocol's texts.
    """
def localize(protocol: Protocol, lang: str) -> Protocol:
    """
    The protocol with its texts and the writers' words in locale `lang`; raises InvalidValueError (lang) or ProtocolError.
    """
def make_plan(treatment: Treatment, protocol: Protocol | None = None) -> Plan:
    """
    The plan for a treatment (the default protocol when None). Runs without the GIL.
    """
def make_plans(treatments: collections.abc.Sequence[Treatment], protocol: Protocol | None = None) -> list[Plan]:
    """
    The plans for many treatments, made in one loop without the GIL.
    """
def parse_protocol(text: str, origin: str = '<string>') -> Protocol:
    """
    Parses a protocol from JSON text; raises ProtocolError with line, column and JSON pointer.
    """
def plan_course(treatment: Treatment, protocol: Protocol | None = None, sessions: typing.SupportsInt | typing.SupportsIndex | None = None) -> Course:
    """
    The course from the treatment under the protocol (the default when None), with `sessions` in all (the indication's number when None). Runs without the GIL.
    """
def plan_table(plans: collections.abc.Sequence[Plan]) -> dict[str, typing.Any]:
    """
    The table of the entries of plans already made.
    """
def plural_category(rule: str, n: typing.SupportsInt | typing.SupportsIndex) -> str:
    """
    The CLDR plural category of the integer n under a rule (en, es, uk).
    """
def review_of(protocol: Protocol) -> str:
    """
    The lowest review status of the protocol's messages: machine, reviewed or source.
    """
def schedule(plan: Plan, tz: str | datetime.tzinfo | None = None, wake: datetime.time | str | None = None, bed: datetime.time | str | None = None, morning: datetime.time | str | None = None, midday: datetime.time | str | None = None, evening: datetime.time | str | None = None, bedtime: datetime.time | str | None = None, horizon: datetime.timedelta | None = None) -> Schedule:
    """
    The reminders for a plan at the patient's local times (None: the library's default for that preference; the zone is required when the plan has a treatment time). Runs without the GIL.
    """
def schedule_to_html(schedule: Schedule, tz: str | datetime.tzinfo | None = None, clinic_file: str = '', clinic_json: str = '', patient: str = '', clinician: bool = False, paper: str = 'a4') -> str:
    """
    The handout of the schedule's plan with its reminder times; `tz` None: the schedule's zone.
    """
def schedules_table(treatments: TreatmentBatch, zones: collections.abc.Sequence[str], protocol: Protocol | None = None, errors: str = 'raise', wake: datetime.time | str | None = None, bed: datetime.time | str | None = None, morning: datetime.time | str | None = None, midday: datetime.time | str | None = None, evening: datetime.time | str | None = None, bedtime: datetime.time | str | None = None) -> dict[str, typing.Any]:
    """
    make_plan and schedule for every treatment (None: skipped) in its zone (zones[i], an IANA name), and the table of all their reminders, without the GIL. 'patient' holds input positions. A failing row raises with `row` set (errors='raise') or is listed in 'failed' (errors='coerce').
    """
def screen(history: PatientHistory, treatment: Treatment, as_of: datetime.date | str, protocol: Protocol | None = None) -> Eligibility:
    """
    Screens the history for the treatment on the date `as_of` (the planned treatment day) under the protocol (the default when None). Runs without the GIL.
    """
def screening_table(histories: collections.abc.Sequence[typing.Any], treatments: TreatmentBatch, as_of: collections.abc.Sequence[typing.Any], protocol: Protocol | None = None, errors: str = 'raise') -> dict[str, typing.Any]:
    """
    screen() for every (history, treatment) on its as_of date (None items: set aside), without the GIL: per patient its row, decision, earliest date (days since the epoch) and the codes of its findings.
    """
def shipped_locales() -> list[str]:
    """
    The locales the library ships.
    """
def to_fhir(plan: Plan, schedule: Schedule, *, subject: str, author: str = '', created: datetime.datetime | None = None, canonical_base: str = 'urn:aftercare:fhir', indent: typing.SupportsInt | typing.SupportsIndex = 2) -> str:
    """
    The plan and its schedule as a FHIR R4 Bundle (JSON), as `aftercare plan --format fhir` writes it.
    """
def to_html(plan: Plan, tz: str | datetime.tzinfo | None = None, clinic_file: str = '', clinic_json: str = '', patient: str = '', clinician: bool = False, paper: str = 'a4') -> str:
    """
    The printable handout (one self-contained HTML page); local dates in `tz` (UTC when None).
    """
def to_json(plan: Plan, tz: str | datetime.tzinfo | None = None, indent: typing.SupportsInt | typing.SupportsIndex = 2) -> str:
    """
    The plan as JSON (docs/schema/plan.schema.json); instants in `tz` (UTC, written Z, when None); indent -1 writes one line.
    """
def to_json_bytes(plan: Plan, tz: str | datetime.tzinfo | None = None, indent: typing.SupportsInt | typing.SupportsIndex = 2) -> bytes:
    """
    to_json's document as UTF-8 bytes (nothing decoded: for a file or a response).
    """
def to_text(plan: Plan, tz: str | datetime.tzinfo | None = None, sources: bool = True) -> str:
    """
    The plan as readable text; local dates and times in `tz` (UTC when None).
    """
def treatments_from_columns(*, device: typing.Any, depth_mm: typing.Any, area: typing.Any = None, skin_type: typing.Any, adjuncts: typing.Any = None, indication: typing.Any = None, session: typing.Any = None, treated_at: typing.Any = None, history: typing.Any = None, errors: str = 'raise') -> dict[str, typing.Any]:
    """
    Treatments from columns (lists of equal length; None for a whole column takes the default) as {'treatments': TreatmentBatch, 'failed': positions, 'failed_field', 'failed_message'}. A bad row raises its error with `row` set to its position (errors='raise'), or is None in 'treatments' and listed in 'failed' (errors='coerce'). Missing items (None, NaN, pandas.NA) are None for indication and treated_at, none for adjuncts and history, 1 for session, and rejected for device, depth_mm, area and skin_type. treated_at holds int epoch seconds.
    """
def triage(plan: Plan, reports: collections.abc.Sequence[SymptomReport], as_of: datetime.datetime | None = None) -> Assessment:
    """
    How urgently to act on the reports, against the plan and its protocol. A report seen before the end of treatment, or after `as_of` when given, is rejected. Runs without the GIL.
    """
def triage_table(treatments: TreatmentBatch, *, patient: collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex], symptom: typing.Any, hours_after: typing.Any = None, seen_at: typing.Any = None, severity: typing.Any = None, signs: typing.Any = None, as_of: typing.SupportsInt | typing.SupportsIndex | None = None, protocol: Protocol | None = None, errors: str = 'raise') -> dict[str, typing.Any]:
    """
    triage of report rows (patient: the treatment's position; seen_at int epoch seconds or hours_after) against each patient's plan, without the GIL: per report its row, level, deciding rule, time after treatment and instant. A bad report (or a patient whose plan fails) raises with `row` set to the report row (errors='raise') or is listed in 'failed' (errors='coerce').
    """
def zone(tz: str | datetime.tzinfo | None = None, field: str = 'tz') -> datetime.tzinfo:
    """
    The tzinfo for a zone argument: datetime.timezone.utc for None or UTC-as-timezone, else a zoneinfo.ZoneInfo checked against the library's tz database; raises TimeZoneError naming `field`.
    """
__version__: str = '0.1.0'
