"""The C interface (include/aftercare/aftercare.h) through ctypes, from the *installed* shared library.

- A table of treatments across zones: schedules (JSON, text, .ics), triage and screening byte-identical
  to what the `aftercare` command prints.
- Bad input at every entry point: a status and an error object naming the field; never a crash.
- A host zone source backed by Python's zoneinfo agreeing with the default (the OS database through
  date-tz) for 50 zones across their 2026–2027 changes: the periods themselves, and schedules made
  around each change, .ics included.
"""

from __future__ import annotations

import bisect
import ctypes
import json
import pathlib
import subprocess
import zoneinfo
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import jsonschema
import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]

OK, INVALID_ARGUMENT, INVALID_JSON, INVALID_VALUE, TIME_ZONE, PROTOCOL, UNSUPPORTED = range(7)
JSON, TEXT, ICS, HTML = range(4)
LOCAL_UNIQUE, LOCAL_NONEXISTENT, LOCAL_AMBIGUOUS = range(3)
INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1


class ZonePeriod(ctypes.Structure):
    _fields_ = [
        ("begin", ctypes.c_int64),
        ("end", ctypes.c_int64),
        ("utc_offset", ctypes.c_int32),
        ("dst_minutes", ctypes.c_int32),
        ("abbreviation", ctypes.c_char * 16),
    ]


FIND_ZONE = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_char_p, ctypes.c_void_p, ctypes.c_size_t)
PERIOD_AT = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int64, ctypes.POINTER(ZonePeriod))
RELEASE = ctypes.CFUNCTYPE(None, ctypes.c_void_p)


class ZoneSource(ctypes.Structure):
    _fields_ = [
        ("size", ctypes.c_size_t),
        ("context", ctypes.c_void_p),
        ("find_zone", FIND_ZONE),
        ("period_at", PERIOD_AT),
        ("resolve_local", ctypes.c_void_p),  # NULL: derived from period_at
        ("release", RELEASE),
    ]


P = ctypes.c_void_p
PP = ctypes.POINTER(ctypes.c_void_p)


@pytest.fixture(scope="session")
def installed(cli_path: pathlib.Path, tmp_path_factory: pytest.TempPathFactory) -> pathlib.Path:
    """`cmake --install` of the build the command came from, into a fresh prefix."""
    prefix = tmp_path_factory.mktemp("prefix")
    subprocess.run(["cmake", "--install", str(cli_path.parent), "--prefix", str(prefix)], check=True, capture_output=True)
    return prefix


@pytest.fixture(scope="session")
def lib(installed: pathlib.Path) -> ctypes.CDLL:
    found = sorted(installed.glob("lib*/**/libaftercare_c.so.*"))
    assert found, f"no libaftercare_c.so installed under {installed}"
    c = ctypes.CDLL(str(found[0]))
    c.aftercare_abi_version.restype = ctypes.c_int
    c.aftercare_version.restype = ctypes.c_char_p
    c.aftercare_plan_new.argtypes = [P, ctypes.c_char_p, ctypes.c_size_t, PP, PP]
    c.aftercare_plan_write.argtypes = [P, ctypes.c_int, PP, ctypes.POINTER(ctypes.c_size_t), PP]
    c.aftercare_plan_free.argtypes = [P]
    c.aftercare_schedule_new.argtypes = [P, ctypes.c_char_p, ctypes.c_size_t, PP, PP]
    c.aftercare_schedule_write.argtypes = [P, ctypes.c_int, PP, ctypes.POINTER(ctypes.c_size_t), PP]
    c.aftercare_schedule_free.argtypes = [P]
    c.aftercare_triage.argtypes = [P, ctypes.c_char_p, ctypes.c_size_t, ctypes.c_char_p, ctypes.c_int, PP, ctypes.POINTER(ctypes.c_size_t), PP]
    c.aftercare_screen.argtypes = [P, ctypes.c_char_p, ctypes.c_size_t, ctypes.c_char_p, ctypes.c_size_t, ctypes.c_int, PP,
                                   ctypes.POINTER(ctypes.c_size_t), PP]
    c.aftercare_protocol_parse.argtypes = [ctypes.c_char_p, ctypes.c_size_t, ctypes.c_char_p, PP, PP]
    c.aftercare_protocol_default.argtypes = [PP, PP]
    c.aftercare_protocol_free.argtypes = [P]
    c.aftercare_free.argtypes = [P]
    for name in ("id", "field", "value", "allowed", "message"):
        f = getattr(c, f"aftercare_error_{name}")
        f.argtypes = [P]
        f.restype = ctypes.c_char_p
    c.aftercare_error_status.argtypes = [P]
    c.aftercare_error_free.argtypes = [P]
    c.aftercare_set_zone_source.argtypes = [ctypes.POINTER(ZoneSource), PP]
    c.aftercare_zone_period_at.argtypes = [ctypes.c_char_p, ctypes.c_int64, ctypes.POINTER(ZonePeriod), PP]
    return c


class Failure(Exception):
    def __init__(self, status: int, error: dict[str, str]) -> None:
        super().__init__(f"{status}: {error}")
        self.status = status
        self.error = error


def call(lib: ctypes.CDLL, fn: str, *args: object) -> None:
    """Calls `fn` with an error out-parameter; raises Failure with the error's fields (and frees it)."""
    err = ctypes.c_void_p()
    status = getattr(lib, fn)(*args, ctypes.byref(err))
    if status == OK:
        assert not err.value
        return
    assert err.value, f"{fn} failed ({status}) without an error object"
    e = {k: getattr(lib, f"aftercare_error_{k}")(err).decode() for k in ("id", "field", "value", "allowed", "message")}
    assert lib.aftercare_error_status(err) == status
    lib.aftercare_error_free(err)
    raise Failure(status, e)


def take(lib: ctypes.CDLL, out: ctypes.c_void_p, length: ctypes.c_size_t | None = None) -> bytes:
    text = ctypes.string_at(out.value)
    if length is not None:
        assert length.value == len(text)
    lib.aftercare_free(out)
    return text


def plan(lib: ctypes.CDLL, treatment: str | bytes) -> ctypes.c_void_p:
    b = treatment.encode() if isinstance(treatment, str) else treatment
    out = ctypes.c_void_p()
    call(lib, "aftercare_plan_new", None, b, len(b), ctypes.byref(out))
    return out


def schedule_outputs(lib: ctypes.CDLL, treatment: str, prefs: str | None = None, formats: tuple[int, ...] = (JSON, TEXT, ICS)) -> list[bytes]:
    p = plan(lib, treatment)
    s = ctypes.c_void_p()
    try:
        pb = prefs.encode() if prefs else None
        call(lib, "aftercare_schedule_new", p, pb, len(pb) if pb else 0, ctypes.byref(s))
        outs = []
        for f in formats:
            out, n = ctypes.c_void_p(), ctypes.c_size_t()
            call(lib, "aftercare_schedule_write", s, f, ctypes.byref(out), ctypes.byref(n))
            outs.append(take(lib, out, n))
        return outs
    finally:
        lib.aftercare_schedule_free(s)
        lib.aftercare_plan_free(p)


def sized(b: bytes) -> tuple[bytes, int]:
    return b, len(b)


def command(cli: pathlib.Path, *args: str) -> bytes:
    return subprocess.run([str(cli), *args], check=True, capture_output=True, timeout=60).stdout


def test_versions(lib: ctypes.CDLL, installed: pathlib.Path) -> None:
    assert lib.aftercare_abi_version() == 1
    header = (installed / "include" / "aftercare" / "aftercare.h").read_text()
    assert "#define AFTERCARE_ABI_VERSION 1\n" in header
    assert lib.aftercare_version().decode() in (ROOT / "include" / "aftercare" / "version.hpp").read_text()


# --- the table, against the command ----------------------------------------------------------

TREATMENTS = [
    ({"device": "pen", "depth_mm": 1.0, "skin_type": 3, "indication": "acne_scars"},
     ["--device", "pen", "--depth", "1.0", "--skin-type", "3", "--indication", "acne_scars"]),
    ({"device": "rf", "depth_mm": 3.0, "area": "thighs", "skin_type": "IV", "adjuncts": ["prp"], "indication": "stretch_marks", "session": 2},
     ["--device", "rf", "--depth", "3.0", "--area", "thighs", "--skin-type", "IV", "--adjunct", "prp", "--indication", "stretch_marks", "--session", "2"]),
    ({"device": "home_roller", "depth_mm": 0.3, "area": "scalp", "skin_type": 1, "indication": "hair_loss", "history": ["pigmentation_history"]},
     ["--device", "home_roller", "--depth", "0.3", "--area", "scalp", "--skin-type", "1", "--indication", "hair_loss", "--history", "pigmentation_history"]),
]
ZONES = ["Europe/Berlin", "America/Chicago", "Pacific/Auckland", "Asia/Tehran", "America/St_Johns", "Africa/Cairo"]
TIMES = ["2026-10-24T23:59", "2027-04-03T02:30"]  # the evening before a change; in a gap or overlap


@pytest.mark.parametrize("zone", ZONES)
@pytest.mark.parametrize("index", range(len(TREATMENTS)))
def test_outputs_are_the_commands(lib: ctypes.CDLL, cli_path: pathlib.Path, tmp_path: pathlib.Path, index: int, zone: str) -> None:
    fields, args = TREATMENTS[index]
    for when in TIMES:
        treatment = json.dumps({**fields, "treated_at": when, "time_zone": zone})
        base = [*args, "--treated-at", when, "--tz", zone]
        prefs = '{"wake": "05:45", "bed": "21:15", "midday": "12:10"}'
        ours = schedule_outputs(lib, treatment, prefs)
        for out, fmt in zip(ours, ("json", "text", "ics"), strict=True):
            assert out == command(cli_path, "plan", *base, "--wake", "05:45", "--bed", "21:15", "--midday", "12:10", "--format", fmt), fmt

        reports = '{"reports": [{"symptom": "bleeding", "hours_after": 2}, {"symptom": "itching", "hours_after": 100, "severity": "severe"}]}'
        (tmp_path / "r.json").write_text(reports)
        p = plan(lib, treatment)
        try:
            for fmt_code, fmt in ((JSON, "json"), (TEXT, "text")):
                out = ctypes.c_void_p()
                call(lib, "aftercare_triage", p, reports.encode(), len(reports), b"2027-06-01T00:00", fmt_code, ctypes.byref(out), None)
                theirs = command(cli_path, "triage", *base, "--reports", str(tmp_path / "r.json"), "--as-of", "2027-06-01T00:00", "--format", fmt)
                assert take(lib, out) == theirs
        finally:
            lib.aftercare_plan_free(p)
        history = '{"conditions": ["tan", "rosacea"], "radiotherapy_ended": "2026-01-15"}'
        out = ctypes.c_void_p()
        call(lib, "aftercare_screen", None, treatment.encode(), len(treatment), history.encode(), len(history), JSON, ctypes.byref(out), None)
        theirs = command(cli_path, "screen", *base, "--condition", "tan", "--condition", "rosacea", "--radiotherapy-ended", "2026-01-15", "--format", "json")
        assert take(lib, out) == theirs


# --- bad input at every entry point ----------------------------------------------------------

GOOD = '{"device": "pen", "depth_mm": 1.0, "skin_type": 3, "treated_at": "2026-11-21T14:00", "time_zone": "Europe/London"}'
BAD_TREATMENTS = [
    ("", INVALID_JSON, "treatment"),
    ("{", INVALID_JSON, "treatment"),
    ("\xff\xfe", INVALID_JSON, "treatment"),
    ("null", INVALID_VALUE, "treatment"),
    ('{"device": "pen", "depth_mm": 1.0, "skin_type": 3, "device": "rf"}', OK, ""),  # the last duplicate wins, as nlohmann reads it
    ('{"device": ["pen"], "depth_mm": 1.0, "skin_type": 3}', INVALID_VALUE, "/device"),
    ('{"device": "pen", "depth_mm": -1, "skin_type": 3}', INVALID_VALUE, "/depth_mm"),
    ('{"device": "pen", "depth_mm": 1.0, "skin_type": 3.5}', INVALID_VALUE, "/skin_type"),
    ('{"device": "pen", "depth_mm": 1.0, "skin_type": 3, "indication": "vanity"}', INVALID_VALUE, "/indication"),
    ('{"device": "pen", "depth_mm": 1.0, "skin_type": 3, "session": 1e9}', INVALID_VALUE, "/session"),
    ('{"device": "pen", "depth_mm": 1.0, "skin_type": 3, "treated_at": "yesterday", "time_zone": "UTC"}', INVALID_VALUE, "/treated_at"),
    ('{"device": "pen", "depth_mm": 1.0, "skin_type": 3, "time_zone": "../../etc/passwd"}', TIME_ZONE, "/time_zone"),
    ('{"device": "pen", "depth_mm": 1.0, "skin_type": 3, "time_zone": ""}', TIME_ZONE, "/time_zone"),
    ('{"device": "pen", "depth_mm": 1.0, "skin_type": 3, "x\\u0000y": 1}', INVALID_VALUE, "/x\\x00y"),  # NUL escaped
    ("[" * 100000, INVALID_JSON, "treatment"),
]


@pytest.mark.parametrize(("text", "status", "field"), BAD_TREATMENTS)
def test_bad_treatments(lib: ctypes.CDLL, text: str, status: int, field: str) -> None:
    b = text.encode("latin-1") if text.startswith("\xff") else text.encode()
    for entry in ("plan", "screen"):
        out = ctypes.c_void_p()
        try:
            if entry == "plan":
                call(lib, "aftercare_plan_new", None, b, len(b), ctypes.byref(out))
                lib.aftercare_plan_free(out)
            else:
                call(lib, "aftercare_screen", None, b, len(b), b'{"as_of": "2026-11-21"}', 23, JSON, ctypes.byref(out), None)
                lib.aftercare_free(out)
            assert status == OK
        except Failure as f:
            assert f.status == status, f.error
            assert f.error["field"] == field
            assert f.error["id"].startswith("aftercare.")
            assert "\n" not in f.error["message"] and f.error["message"]
            assert len(f.error["value"]) <= 80
            assert not out.value


def test_bad_input_to_every_other_entry_point(lib: ctypes.CDLL) -> None:
    p = plan(lib, GOOD)
    out, s = ctypes.c_void_p(), ctypes.c_void_p()
    cases = [
        (lambda: call(lib, "aftercare_schedule_new", p, *sized(b'{"bed": "7pm"}'), ctypes.byref(s)), INVALID_VALUE, "/bed"),
        (lambda: call(lib, "aftercare_schedule_new", p, *sized(b'{"bed": '), ctypes.byref(s)), INVALID_JSON, "preferences"),
        (lambda: call(lib, "aftercare_schedule_new", None, None, 0, ctypes.byref(s)), INVALID_ARGUMENT, "plan"),
        (lambda: call(lib, "aftercare_schedule_write", None, JSON, ctypes.byref(out), None), INVALID_ARGUMENT, "schedule"),
        (lambda: call(lib, "aftercare_plan_write", p, 7, ctypes.byref(out), None), INVALID_ARGUMENT, "format"),
        (lambda: call(lib, "aftercare_triage", p, *sized(b'{"reports": []}'), None, HTML, ctypes.byref(out), None), INVALID_ARGUMENT, "format"),
        (lambda: call(lib, "aftercare_plan_write", p, JSON, None, None), INVALID_ARGUMENT, "out"),
        (lambda: call(lib, "aftercare_triage", p, b"{]", 2, None, JSON, ctypes.byref(out), None), INVALID_JSON, "reports"),
        (lambda: call(lib, "aftercare_triage", p, *sized(b'{"reports": [{"symptom": "pus", "hours_after": 1e999}]}'), None, JSON,
                      ctypes.byref(out), None), INVALID_JSON, "/reports/0/hours_after"),
        (lambda: call(lib, "aftercare_plan_new", None, *sized(b'{"device": "pen", "depth_mm": 1e999, "skin_type": 3}'), ctypes.byref(out)),
         INVALID_JSON, "treatment"),
        (lambda: call(lib, "aftercare_triage", p, *sized(b'{"reports": [{"symptom": "pus", "seen_at": "2026-11-20T10:00"}]}'), None, JSON,
                      ctypes.byref(out), None), INVALID_VALUE, None),
        (lambda: call(lib, "aftercare_triage", p, *sized(b'{"reports": [{"symptom": "pus", "hours_after": 1}]}'), b"2026-13-01T00:00", JSON,
                      ctypes.byref(out), None), INVALID_VALUE, "as_of"),
        (lambda: call(lib, "aftercare_screen", None, GOOD.encode(), len(GOOD), *sized(b'{"birth_date": "1800-01-01"}'), JSON, ctypes.byref(out), None),
         INVALID_VALUE, "/birth_date"),
        (lambda: call(lib, "aftercare_protocol_parse", *sized(b'{"id": "x"}'), b"clinic.json", ctypes.byref(out)), PROTOCOL, None),
        (lambda: call(lib, "aftercare_protocol_parse", b"\x00", 1, None, ctypes.byref(out)), PROTOCOL, None),
        (lambda: call(lib, "aftercare_zone_period_at", b"Atlantis", 0, ctypes.byref(ZonePeriod())), TIME_ZONE, "name"),
        (lambda: call(lib, "aftercare_set_zone_source", ctypes.byref(ZoneSource(size=4)), ), INVALID_ARGUMENT, "size"),
    ]
    try:
        for i, (fn, status, field) in enumerate(cases):
            with pytest.raises(Failure) as e:
                fn()
            assert e.value.status == status, (i, e.value.error)
            if field is not None:
                assert e.value.error["field"] == field, (i, e.value.error)
            assert e.value.error["message"], i
            assert not out.value and not s.value, i
        # the protocol error reads like a compiler diagnostic, from the origin given
        with pytest.raises(Failure) as e:
            call(lib, "aftercare_protocol_parse", *sized(b'{"id": "x"}'), b"clinic.json", ctypes.byref(out))
        assert e.value.error["message"].startswith("clinic.json:")
    finally:
        lib.aftercare_plan_free(p)


def test_protocol_handle(lib: ctypes.CDLL) -> None:
    text = (ROOT / "data" / "protocols" / "microneedling.json").read_bytes()
    proto = ctypes.c_void_p()
    call(lib, "aftercare_protocol_parse", text, len(text), b"microneedling.json", ctypes.byref(proto))
    lib.aftercare_protocol_id.restype = ctypes.c_char_p
    lib.aftercare_protocol_id.argtypes = [P]
    assert lib.aftercare_protocol_id(proto) == b"aftercare.microneedling.default"
    p = ctypes.c_void_p()
    call(lib, "aftercare_plan_new", proto, GOOD.encode(), len(GOOD), ctypes.byref(p))
    lib.aftercare_protocol_free(proto)  # the plan keeps what it needs
    out = ctypes.c_void_p()
    call(lib, "aftercare_plan_write", p, JSON, ctypes.byref(out), None)
    doc = json.loads(take(lib, out))
    assert doc["schema"] == "aftercare.plan/1" and doc["time_zone"] == "Europe/London"
    lib.aftercare_plan_free(p)


# --- a host zone source from zoneinfo --------------------------------------------------------


def key(zone: zoneinfo.ZoneInfo, t: int) -> tuple[int, bool, str]:
    d = datetime.fromtimestamp(t, UTC).astimezone(zone)
    off, dst = d.utcoffset(), d.dst()
    assert off is not None and dst is not None
    return int(off.total_seconds()), bool(dst), d.tzname() or ""


class ZoneinfoSource:
    """aftercare_zone_source answered from zoneinfo: each period found by stepping a day at a time to
    the next change of (offset, dst, abbreviation), then bisecting to the second; periods cached."""

    LIMIT = 400 * 86400  # further than this without a change: unbounded

    def __init__(self) -> None:
        self.periods: dict[str, list[tuple[int, int, tuple[int, bool, str]]]] = {}
        self.calls = 0
        self.released = 0
        self.struct = ZoneSource(size=ctypes.sizeof(ZoneSource), context=None, find_zone=FIND_ZONE(self.find_zone),
                                 period_at=PERIOD_AT(self.period_at), resolve_local=None, release=RELEASE(self.release))

    def find_zone(self, _ctx: object, name: bytes, canonical: int, capacity: int) -> int:
        try:
            zoneinfo.ZoneInfo(name.decode())
        except (zoneinfo.ZoneInfoNotFoundError, ValueError, UnicodeDecodeError):
            return 1
        if len(name) + 1 > capacity:
            return 1
        ctypes.memmove(canonical, name + b"\0", len(name) + 1)
        return 0

    def edge(self, zone: zoneinfo.ZoneInfo, t: int, direction: int) -> int:
        """The first instant (direction 1) after t, or the last (-1) before t, whose key differs from t's."""
        k = key(zone, t)
        step = 86400
        a = t
        while abs(a - t) < self.LIMIT:
            b = a + direction * step
            if key(zone, b) != k:
                lo, hi = (a, b) if direction > 0 else (b, a)  # key(inside) == k on one side
                while hi - lo > 1:
                    mid = (lo + hi) // 2
                    if (key(zone, mid) != k) == (direction > 0):
                        hi = mid
                    else:
                        lo = mid
                return hi if direction > 0 else hi
            a = b
        return INT64_MAX if direction > 0 else INT64_MIN

    def period_at(self, _ctx: object, name: bytes, utc: int, out: ctypes._Pointer) -> int:
        self.calls += 1
        zname = name.decode()
        cache = self.periods.setdefault(zname, [])
        i = bisect.bisect_right(cache, (utc, INT64_MAX)) - 1
        if i >= 0 and cache[i][0] <= utc < cache[i][1]:
            begin, end, k = cache[i]
        else:
            zone = zoneinfo.ZoneInfo(zname)
            k = key(zone, utc)
            begin, end = self.edge(zone, utc, -1), self.edge(zone, utc, 1)
            bisect.insort(cache, (begin, end, k))
        p = out.contents
        p.begin, p.end = begin, end
        p.utc_offset = k[0]
        p.dst_minutes = 60 if k[1] else 0
        p.abbreviation = k[2].encode()[:15]
        return 0

    def release(self, _ctx: object) -> None:
        self.released += 1


def canonical_zones() -> list[str]:
    """The canonical zones of the tz database (zone1970.tab) that change offset in 2026 or 2027."""
    names = []
    for line in pathlib.Path("/usr/share/zoneinfo/zone1970.tab").read_text().splitlines():
        if line and not line.startswith("#"):
            names.append(line.split("\t")[2])
    out = []
    for name in sorted(names):
        zone = zoneinfo.ZoneInfo(name)
        start = int(datetime(2026, 1, 1, tzinfo=UTC).timestamp())
        if len({key(zone, start + d * 86400)[0] for d in range(0, 730, 5)}) > 1:
            out.append(name)
    return out


def changes(zone: zoneinfo.ZoneInfo) -> Iterator[int]:
    """The instants in 2026–2027 at which the zone's offset changes."""
    t = int(datetime(2026, 1, 1, tzinfo=UTC).timestamp())
    stop = int(datetime(2028, 1, 1, tzinfo=UTC).timestamp())
    k = key(zone, t)
    while t < stop:
        nxt = t + 86400
        if key(zone, nxt)[0] != k[0]:
            lo, hi = t, nxt
            while hi - lo > 1:
                mid = (lo + hi) // 2
                lo, hi = (mid, hi) if key(zone, mid)[0] == k[0] else (lo, mid)
            yield hi
            k = key(zone, nxt)
        t = nxt


def test_zoneinfo_source_agrees_with_the_default_for_50_zones(lib: ctypes.CDLL) -> None:
    zones = canonical_zones()
    assert len(zones) >= 50, len(zones)
    zones = zones[:: max(1, len(zones) // 50)][:50]  # spread over the alphabet (every continent)
    assert len(zones) == 50

    def period(name: str, t: int) -> tuple[int, int, int, bool, bytes]:
        p = ZonePeriod()
        call(lib, "aftercare_zone_period_at", name.encode(), t, ctypes.byref(p))
        return p.begin, p.end, p.utc_offset, p.dst_minutes != 0, p.abbreviation

    # What the default source (the OS database) says: periods around each change, and schedules
    # for a treatment the evening before each change and one in its skipped or repeated hour.
    probes: dict[str, list[int]] = {}
    treatments: list[str] = []
    expected_periods, expected_outputs = [], []
    for name in zones:
        zone = zoneinfo.ZoneInfo(name)
        cs = list(changes(zone))
        assert cs, name
        probes[name] = [t + d for t in cs for d in (-3600, -1, 0, 1, 3600)]
        expected_periods.append([period(name, t) for t in probes[name]])
        for c in cs[:2]:
            before = datetime.fromtimestamp(c, UTC).astimezone(zone)
            for local in (before - timedelta(days=1), before.replace(tzinfo=None) - timedelta(minutes=30)):
                at = local.strftime("%Y-%m-%dT%H:%M")
                treatments.append(json.dumps({"device": "pen", "depth_mm": 1.0, "skin_type": 3, "indication": "texture", "treated_at": at, "time_zone": name}))
    expected_outputs = [schedule_outputs(lib, t, formats=(JSON, ICS)) for t in treatments]

    source = ZoneinfoSource()
    call(lib, "aftercare_set_zone_source", ctypes.byref(source.struct))
    try:
        for name, want in zip(zones, expected_periods, strict=True):
            got = [period(name, t) for t in probes[name]]
            assert got == want, name
        for t, want_outputs in zip(treatments, expected_outputs, strict=True):
            assert schedule_outputs(lib, t, formats=(JSON, ICS)) == want_outputs, t
    finally:
        call(lib, "aftercare_set_zone_source", None)
    assert source.calls > 0
    assert source.released == 1  # nothing made with it is left
    assert len(treatments) >= 150


# --- the guide and the treatment schema ------------------------------------------------------


def test_guide_shows_what_the_example_prints() -> None:
    """The error docs/guide-apps.md shows is what examples/c/guide_example.c prints (its code blocks are
    checked as fragments of that file by test_doc_examples; c.guide_example builds and runs it)."""
    guide = (ROOT / "docs" / "guide-apps.md").read_text()
    output = (ROOT / "examples" / "c" / "guide_example.output").read_text()
    error_block = next(b for b in guide.split("```") if b.startswith("\nstatus "))
    assert error_block.strip() in output


def test_treatment_schema_agrees_with_the_reader(lib: ctypes.CDLL) -> None:
    schema = json.loads((ROOT / "docs" / "schema" / "treatment.schema.json").read_text())
    validator = jsonschema.Draft202012Validator(schema)
    for fields, _ in TREATMENTS:
        for zone in ZONES:
            doc = {**fields, "treated_at": TIMES[0], "time_zone": zone}
            validator.validate(doc)
            lib.aftercare_plan_free(plan(lib, json.dumps(doc)))
    # what the reader rejects for its shape, the schema rejects too
    for text, status, field in BAD_TREATMENTS:
        if status != INVALID_VALUE or field in ("/depth_mm",):
            continue  # depth limits are the protocol's; not JSON at all is not the schema's business
        try:
            doc = json.loads(text)
        except ValueError:
            continue
        assert not validator.is_valid(doc), text
