// Conversions between Python objects and the library's values; see convert.hpp.
#include "convert.hpp"

#include <aftercare/time.hpp>

#include <pybind11/gil_safe_call_once.h>

// The CPython datetime C API: PyDateTimeAPI is a per-translation-unit static, so only this file
// uses it, after ensure_datetime_api().
#include <datetime.h>

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <utility>

namespace aftercare::python {

namespace {

void ensure_datetime_api() {
    if (PyDateTimeAPI == nullptr) {
        PyDateTime_IMPORT;
        if (PyDateTimeAPI == nullptr) {
            throw py::error_already_set();
        }
    }
}

/// Python objects looked up once (under the GIL) and kept for the life of the process.
struct py_objects {
    py::object timezone_utc;
    py::object zoneinfo_type;
    py::object tzinfo_type;
    py::object errors_module;
};

const py_objects& objects() {
    PYBIND11_CONSTINIT static py::gil_safe_call_once_and_store<py_objects> storage;
    return storage
        .call_once_and_store_result([] {
            py_objects o;
            o.timezone_utc = py::module_::import("datetime").attr("timezone").attr("utc");
            o.zoneinfo_type = py::module_::import("zoneinfo").attr("ZoneInfo");
            o.tzinfo_type = py::module_::import("datetime").attr("tzinfo");
            o.errors_module = py::module_::import("aftercare._errors");
            return o;
        })
        .get_stored();
}

std::string type_name(py::handle value) { return py::str(py::type::handle_of(value).attr("__qualname__")); }

constexpr std::int64_t micro = 1'000'000;

// CPython's datetime field accessors are macros written with C casts; read them here only.
#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wold-style-cast"
#endif
struct civil_fields {
    int year, month, day, hour, minute, second, microsecond;
};
civil_fields civil_of(PyObject* dt) {
    return {PyDateTime_GET_YEAR(dt),        PyDateTime_GET_MONTH(dt),         PyDateTime_GET_DAY(dt),
            PyDateTime_DATE_GET_HOUR(dt),   PyDateTime_DATE_GET_MINUTE(dt),   PyDateTime_DATE_GET_SECOND(dt),
            PyDateTime_DATE_GET_MICROSECOND(dt)};
}
struct clock_fields {
    int hour, minute, second, microsecond;
    PyObject* tzinfo;  // borrowed; Py_None when naive
};
clock_fields clock_of(PyObject* t) {
    return {PyDateTime_TIME_GET_HOUR(t), PyDateTime_TIME_GET_MINUTE(t), PyDateTime_TIME_GET_SECOND(t),
            PyDateTime_TIME_GET_MICROSECOND(t), PyDateTime_TIME_GET_TZINFO(t)};
}
date::year_month_day ymd_of(PyObject* d) {
    return date::year{PyDateTime_GET_YEAR(d)} / date::month{static_cast<unsigned>(PyDateTime_GET_MONTH(d))} /
           date::day{static_cast<unsigned>(PyDateTime_GET_DAY(d))};
}
/// A timedelta in microseconds.
std::int64_t delta_us(PyObject* d) {
    return (std::int64_t{PyDateTime_DELTA_GET_DAYS(d)} * 86400 + std::int64_t{PyDateTime_DELTA_GET_SECONDS(d)}) * 1'000'000 +
           std::int64_t{PyDateTime_DELTA_GET_MICROSECONDS(d)};
}
/// A timedelta in whole seconds, floored, without going through microseconds (which overflow
/// int64 for the largest timedeltas, ±999,999,999 days): its microseconds are in [0, 1 s).
std::int64_t delta_whole_seconds(PyObject* d) {
    return std::int64_t{PyDateTime_DELTA_GET_DAYS(d)} * 86400 + std::int64_t{PyDateTime_DELTA_GET_SECONDS(d)};
}
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
    std::int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
    return q;
}

}  // namespace

bool is_missing(py::handle value) {
    if (value.is_none()) return true;
    // the common items first, which answer without a comparison: a str or an int is never missing
    if (PyUnicode_Check(value.ptr()) || PyLong_CheckExact(value.ptr())) return false;
    if (PyFloat_CheckExact(value.ptr())) return std::isnan(PyFloat_AS_DOUBLE(value.ptr()));
    if (type_name(value) == "NAType") return true;  // pandas.NA, whose comparisons are NA
    // NaN and pandas.NaT are the values not equal to themselves. PyObject_RichCompareBool would
    // short-cut on identity, so ask the object itself.
    PyObject* ne = PyObject_RichCompare(value.ptr(), value.ptr(), Py_NE);
    const int truth = ne != nullptr ? PyObject_IsTrue(ne) : -1;
    Py_XDECREF(ne);
    if (truth < 0) {
        PyErr_Clear();
        return false;
    }
    return truth == 1;
}

std::optional<std::string> optional_code(py::handle value, std::string_view field) {
    if (is_missing(value)) return std::nullopt;
    if (!py::isinstance<py::str>(value)) {
        throw py::type_error(std::string(field) + " must be a str code or None, not " + type_name(value));
    }
    return value.cast<std::string>();
}

date::sys_seconds to_sys_seconds(py::handle value, std::string_view field) {
    ensure_datetime_api();
    if (!PyDateTime_Check(value.ptr())) {
        throw py::type_error(std::string(field) + " must be an aware datetime.datetime, not " + type_name(value));
    }
    if (is_missing(value)) {
        throw invalid_value(std::string(field), "NaT", "an aware datetime (with tzinfo)",
                            std::string(field) + " is NaT (missing); pass an aware datetime or None");
    }
    const py::object offset = value.attr("utcoffset")();
    if (offset.is_none()) {
        const std::string text = py::str(value);
        throw invalid_value(std::string(field), text, "an aware datetime (with tzinfo)",
                            std::string(field) + " " + text +
                                " is a naive datetime (no tzinfo); pass an aware datetime, e.g. "
                                "datetime(2026, 11, 21, 14, 0, tzinfo=ZoneInfo(\"Europe/London\"))");
    }
    if (!PyDelta_Check(offset.ptr())) {
        throw py::type_error(std::string(field) + ": tzinfo.utcoffset() returned " + type_name(offset) + ", not a timedelta");
    }
    const civil_fields c = civil_of(value.ptr());
    const date::year_month_day ymd{date::year{c.year}, date::month{static_cast<unsigned>(c.month)},
                                   date::day{static_cast<unsigned>(c.day)}};
    const std::int64_t civil_seconds = std::int64_t{date::sys_days{ymd}.time_since_epoch().count()} * 86400 +
                                       std::int64_t{c.hour} * 3600 + std::int64_t{c.minute} * 60 + std::int64_t{c.second};
    const std::int64_t utc_us = civil_seconds * micro + std::int64_t{c.microsecond} - delta_us(offset.ptr());
    return date::sys_seconds{std::chrono::seconds{floor_div(utc_us, micro)}};
}

std::optional<date::sys_seconds> to_optional_sys_seconds(py::handle value, std::string_view field) {
    if (is_missing(value)) {
        ensure_datetime_api();
        if (value.is_none() || PyDateTime_Check(value.ptr())) return std::nullopt;
    }
    return to_sys_seconds(value, field);
}

namespace {

// The last zones resolved, by the argument's identity (a ZoneInfo, or the same str object passed
// again): resolving one again is a comparison of addresses instead of reading its key, looking the
// name up and asking ZoneInfo's cache. Each entry holds a reference to its argument, so the address
// cannot be reused while it is here. Used with the GIL held; never destroyed (no Python objects are
// released after the interpreter has gone).
struct resolved_zones {
    std::array<std::pair<py::object, zone>, 8> entries;
    std::size_t next = 0;

    [[nodiscard]] const zone* find(py::handle tz) const noexcept {
        for (const auto& [arg, z] : entries) {
            if (arg.ptr() == tz.ptr()) return &z;
        }
        return nullptr;
    }
    void add(py::handle tz, const zone& z) {
        entries[next] = {py::reinterpret_borrow<py::object>(tz), z};
        next = (next + 1) % entries.size();
    }
};

resolved_zones& resolved() {
    static auto* cache = new resolved_zones();  // NOLINT(cppcoreguidelines-owning-memory): see above
    return *cache;
}

// The zone for `tz`, looked up afresh (resolve_zone below, through the cache above).
zone resolve_new_zone(py::handle tz, std::string_view field) {
    const py_objects& o = objects();
    if (tz.equal(o.timezone_utc)) {
        return {nullptr, o.timezone_utc};
    }
    std::string key;
    py::object tzinfo;
    if (py::isinstance<py::str>(tz)) {
        key = tz.cast<std::string>();
    } else if (py::hasattr(tz, "key") && py::isinstance<py::str>(tz.attr("key"))) {
        key = tz.attr("key").cast<std::string>();  // zoneinfo.ZoneInfo
        if (py::isinstance(tz, o.zoneinfo_type)) tzinfo = py::reinterpret_borrow<py::object>(tz);
    } else if (py::hasattr(tz, "zone") && py::isinstance<py::str>(tz.attr("zone"))) {
        key = tz.attr("zone").cast<std::string>();  // pytz
    } else if (py::isinstance(tz, o.tzinfo_type)) {
        throw time_zone_error(std::string(field), py::str(tz).cast<std::string>());  // a fixed offset is not a zone
    } else {
        throw py::type_error(std::string(field) + " must be an IANA name (str), a zoneinfo.ZoneInfo or None, not " + type_name(tz));
    }
    const date::time_zone* z = locate_zone(key, field);
    const bool created = !tzinfo;
    if (created) {
        try {
            tzinfo = o.zoneinfo_type(key);
        } catch (const py::error_already_set&) {
            // The library's tz database knows the zone but Python's does not: say so the same way.
            throw time_zone_error(std::string(field), key);
        }
    }
    // The library's rules stand for the tzinfo's own only for the ZoneInfo of the key, the one
    // ZoneInfo(key) returns from its cache (not a subclass, nor ZoneInfo.from_file(..., key=key)).
    bool own = Py_TYPE(tzinfo.ptr()) == reinterpret_cast<PyTypeObject*>(o.zoneinfo_type.ptr());
    if (own && !created) own = o.zoneinfo_type(key).is(tzinfo);
    return {z, std::move(tzinfo), own};
}

}  // namespace

zone resolve_zone(py::handle tz, std::string_view field) {
    const py_objects& o = objects();
    if (tz.is_none() || tz.ptr() == o.timezone_utc.ptr()) {
        return {nullptr, o.timezone_utc};
    }
    if (const zone* known = resolved().find(tz)) return *known;
    zone z = resolve_new_zone(tz, field);
    // Only arguments that cannot change: a str, a ZoneInfo (its key is read-only).
    if (py::isinstance<py::str>(tz) || py::isinstance(tz, o.zoneinfo_type)) resolved().add(tz, z);
    return z;
}


namespace {

/// `t`'s UTC date and time fields with `tzinfo` attached, unconverted: what tzinfo.fromutc takes.
py::object utc_fields(date::sys_seconds t, py::handle tzinfo) {
    ensure_datetime_api();
    const auto day = date::floor<date::days>(t);
    const date::year_month_day ymd{day};
    const date::hh_mm_ss<std::chrono::seconds> hms{t - day};
    PyObject* out = PyDateTimeAPI->DateTime_FromDateAndTime(
        static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
        static_cast<int>(static_cast<unsigned>(ymd.day())), static_cast<int>(hms.hours().count()),
        static_cast<int>(hms.minutes().count()), static_cast<int>(hms.seconds().count()), 0, tzinfo.ptr(),
        PyDateTimeAPI->DateTimeType);
    if (out == nullptr) throw py::error_already_set();
    return py::reinterpret_steal<py::object>(out);
}

}  // namespace

py::object to_datetime(date::sys_seconds t, const zone& z) {
    if (z.tz == nullptr) return utc_fields(t, objects().timezone_utc);
    // A ZoneInfo reads the tz files the library reads: the local fields and the fold from the
    // library's own rules, what ZoneInfo.fromutc computes, without a call into Python. Only from
    // 1970 to 2036, the years of the files' own transitions (after them the library does not follow
    // a zone's rule: tests/python/test_time.py::test_core_offsets_after_2037); test_time.py's
    // test_datetimes_are_what_zoneinfo_makes_in_every_zone compares the two around clock changes.
    using namespace std::chrono_literals;
    constexpr date::sys_seconds from{0s}, until{2'114'380'800s};  // 1970-01-01, 2037-01-01
    if (z.zoneinfo && from <= t && t < until) {
        const date::sys_info info = z.tz->get_info(t);
        int fold = 0;  // 1 for the second of two equal wall-clock readings, after clocks went back
        if (t - info.begin < 48h && info.begin > from) {
            const date::sys_info before = z.tz->get_info(info.begin - 1s);
            if (before.offset > info.offset && t - info.begin < before.offset - info.offset) fold = 1;
        }
        const date::local_seconds local{t.time_since_epoch() + info.offset};
        const auto day = date::floor<date::days>(local);
        const date::year_month_day ymd{day};
        const date::hh_mm_ss<std::chrono::seconds> hms{local - day};
        ensure_datetime_api();
        PyObject* out = PyDateTimeAPI->DateTime_FromDateAndTimeAndFold(
            static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
            static_cast<int>(static_cast<unsigned>(ymd.day())), static_cast<int>(hms.hours().count()),
            static_cast<int>(hms.minutes().count()), static_cast<int>(hms.seconds().count()), 0, z.tzinfo.ptr(), fold,
            PyDateTimeAPI->DateTimeType);
        if (out == nullptr) throw py::error_already_set();
        return py::reinterpret_steal<py::object>(out);
    }
    // UTC's fields with the zone attached, then the zone's fromutc: what datetime.astimezone does
    return z.tzinfo.attr("fromutc")(utc_fields(t, z.tzinfo));
}

py::object to_optional_datetime(const std::optional<date::sys_seconds>& t, const zone& z) {
    if (!t) return py::none();
    return to_datetime(*t, z);
}

py::object to_wall_datetime(date::local_seconds local, const zone& z) {
    ensure_datetime_api();
    const auto day = date::floor<date::days>(local);
    const date::year_month_day ymd{day};
    const date::hh_mm_ss<std::chrono::seconds> hms{local - day};
    const py::object& tzinfo = z.tz == nullptr ? objects().timezone_utc : z.tzinfo;
    PyObject* out = PyDateTimeAPI->DateTime_FromDateAndTime(
        static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
        static_cast<int>(static_cast<unsigned>(ymd.day())), static_cast<int>(hms.hours().count()),
        static_cast<int>(hms.minutes().count()), static_cast<int>(hms.seconds().count()), 0, tzinfo.ptr(),
        PyDateTimeAPI->DateTimeType);
    if (out == nullptr) throw py::error_already_set();
    return py::reinterpret_steal<py::object>(out);
}

py::object to_timedelta(std::chrono::seconds d) {
    ensure_datetime_api();
    const std::int64_t s = d.count();
    const std::int64_t days = floor_div(s, 86400);
    PyObject* delta = PyDateTimeAPI->Delta_FromDelta(static_cast<int>(days), static_cast<int>(s - days * 86400), 0, 1,
                                                     PyDateTimeAPI->DeltaType);
    if (delta == nullptr) throw py::error_already_set();
    return py::reinterpret_steal<py::object>(delta);
}

std::chrono::minutes to_time_of_day(py::handle value, std::string_view field) {
    ensure_datetime_api();
    if (py::isinstance<py::str>(value)) return parse_time_of_day(value.cast<std::string>(), field);
    if (!PyTime_Check(value.ptr())) {
        throw py::type_error(std::string(field) + " must be a datetime.time or \"HH:MM\", not " + type_name(value));
    }
    const clock_fields c = clock_of(value.ptr());
    const std::string text = py::str(value);
    if (c.tzinfo != Py_None) {
        throw invalid_value(std::string(field), text, "a wall-clock time without tzinfo",
                            std::string(field) + " '" + text + "' has a tzinfo; a time of day is on the patient's wall clock, "
                            "in the zone given separately");
    }
    if (c.second != 0 || c.microsecond != 0) {
        throw invalid_value(std::string(field), text, "a time of day in whole minutes",
                            std::string(field) + " '" + text + "' is not a time of day in whole minutes");
    }
    return std::chrono::hours{c.hour} + std::chrono::minutes{c.minute};
}

std::optional<std::chrono::minutes> optional_time_of_day(py::handle value, std::string_view field) {
    if (value.is_none()) return std::nullopt;
    return to_time_of_day(value, field);
}

preferences times_of_day(py::handle wake, py::handle bed, py::handle morning, py::handle midday, py::handle evening,
                         py::handle bedtime) {
    preferences prefs;
    if (!wake.is_none()) prefs.wake = to_time_of_day(wake, "wake");
    if (!bed.is_none()) prefs.bed = to_time_of_day(bed, "bed");
    prefs.morning = optional_time_of_day(morning, "morning");
    prefs.midday = optional_time_of_day(midday, "midday");
    prefs.evening = optional_time_of_day(evening, "evening");
    prefs.bedtime = optional_time_of_day(bedtime, "bedtime");
    return prefs;
}

time_obj to_time(std::chrono::minutes time_of_day) {
    ensure_datetime_api();
    const auto m = time_of_day.count();
    PyObject* t = PyDateTimeAPI->Time_FromTime(static_cast<int>(m / 60), static_cast<int>(m % 60), 0, 0, Py_None,
                                               PyDateTimeAPI->TimeType);
    if (t == nullptr) throw py::error_already_set();
    return py::reinterpret_steal<time_obj>(t);
}

date::year_month_day to_civil_date(py::handle value, std::string_view field) {
    ensure_datetime_api();
    if (py::isinstance<py::str>(value)) return parse_date(value.cast<std::string>(), field);
    if (PyDateTime_Check(value.ptr())) {
        const std::string text = py::str(value);
        throw invalid_value(std::string(field), text, "a datetime.date",
                            std::string(field) + " '" + text + "' is a datetime; pass a datetime.date (its .date() "
                            "in the patient's zone)");
    }
    if (!PyDate_Check(value.ptr())) {
        throw py::type_error(std::string(field) + " must be a datetime.date or \"YYYY-MM-DD\", not " + type_name(value));
    }
    return ymd_of(value.ptr());
}

date_obj to_date(date::year_month_day d) {
    ensure_datetime_api();
    PyObject* out = PyDateTimeAPI->Date_FromDate(static_cast<int>(d.year()), static_cast<int>(static_cast<unsigned>(d.month())),
                                                 static_cast<int>(static_cast<unsigned>(d.day())), PyDateTimeAPI->DateType);
    if (out == nullptr) throw py::error_already_set();
    return py::reinterpret_steal<date_obj>(out);
}

optional_date_obj to_optional_date(const std::optional<date::year_month_day>& d) {
    if (!d) return optional_date_obj(py::none());
    return optional_date_obj(to_date(*d));
}

py::tuple to_str_tuple(std::span<const std::string_view> items) {
    py::tuple out(items.size());
    for (std::size_t i = 0; i < items.size(); ++i) out[i] = to_str(items[i]);
    return out;
}

std::chrono::seconds to_duration(py::handle value, std::string_view field) {
    ensure_datetime_api();
    if (!PyDelta_Check(value.ptr())) {
        throw py::type_error(std::string(field) + " must be a datetime.timedelta, not " + type_name(value));
    }
    return std::chrono::seconds{delta_whole_seconds(value.ptr())};
}

namespace {
// Filled during module init (under the GIL) by the register_<topic> functions; read-only after.
std::vector<std::pair<std::string_view, std::span<const std::string_view>>>& table_registry() {
    static std::vector<std::pair<std::string_view, std::span<const std::string_view>>> tables;
    return tables;
}
}  // namespace

void add_code_table(std::string_view field, std::span<const std::string_view> codes) {
    auto& tables = table_registry();
    for (const auto& t : tables) {
        if (t.first == field) return;  // a second module init in the same process
    }
    tables.emplace_back(field, codes);
}

std::span<const std::pair<std::string_view, std::span<const std::string_view>>> code_tables() { return table_registry(); }

std::vector<std::string> code_list(py::handle value, std::string_view field) {
    std::vector<std::string> out;
    if (is_missing(value)) return out;
    if (py::isinstance<py::str>(value)) {
        out.push_back(value.cast<std::string>());
        return out;
    }
    if (!py::isinstance<py::iterable>(value)) {
        throw py::type_error(std::string(field) + " must be a code or an iterable of codes, not " + type_name(value));
    }
    for (py::handle item : py::reinterpret_borrow<py::iterable>(value)) {
        if (!py::isinstance<py::str>(item)) {
            throw py::type_error(std::string(field) + " codes must be str, not " + type_name(item));
        }
        out.push_back(item.cast<std::string>());
    }
    return out;
}

skin_type to_skin_type(py::handle value) {
    if (is_missing(value)) {
        throw invalid_value("skin_type", "missing", "1–6 or I–VI", "skin_type is missing (expected a Fitzpatrick skin type 1–6 or I–VI)");
    }
    if (PyBool_Check(value.ptr())) {
        throw py::type_error("skin_type must be an int 1–6 or a str I–VI, not bool");
    }
    if (PyIndex_Check(value.ptr()) != 0) {  // int, numpy integers
        const auto index = py::reinterpret_steal<py::object>(PyNumber_Index(value.ptr()));
        if (!index) throw py::error_already_set();
        int overflow = 0;
        const long long n = PyLong_AsLongLongAndOverflow(index.ptr(), &overflow);
        if (n == -1 && PyErr_Occurred() != nullptr) throw py::error_already_set();
        if (overflow != 0 || n > 1'000'000 || n < -1'000'000) {  // beyond int: the library's message, here
            const std::string text = py::str(index);
            throw invalid_value("skin_type", text, "I–VI (1–6)", "skin_type " + text + " is outside Fitzpatrick I–VI (1–6)");
        }
        // Other out-of-range numbers are kept (like date::day); make_plan rejects them with the range.
        return skin_type{static_cast<int>(n)};
    }
    if (!py::isinstance<py::str>(value)) {
        throw py::type_error("skin_type must be an int 1–6 or a str I–VI, not " + type_name(value));
    }
    return parse_skin_type(value.cast<std::string>());
}

py::object error_object(const aftercare::error& e) {
    const py::object& m = objects().errors_module;
    const py::str message(e.what());
    const py::str id(std::string(e.id()));
    using namespace py::literals;
    if (const auto* p = dynamic_cast<const protocol_error*>(&e)) {
        return m.attr("ProtocolError")(message, "id"_a = id, "origin"_a = p->origin(), "line"_a = p->line(),
                                       "column"_a = p->column(), "pointer"_a = p->pointer(),
                                       "expected"_a = p->expected());
    }
    if (const auto* v = dynamic_cast<const invalid_value*>(&e)) {
        const char* cls = dynamic_cast<const time_zone_error*>(&e) != nullptr ? "TimeZoneError" : "InvalidValueError";
        return m.attr(cls)(message, "id"_a = id, "field"_a = v->field(), "value"_a = v->value(),
                           "allowed"_a = v->allowed());
    }
    return m.attr("Error")(message, "id"_a = id);
}

void raise_with_note(const aftercare::error& e, const std::string& note) {
    py::object exc = error_object(e);
    exc.attr("add_note")(note);
    PyErr_SetObject(reinterpret_cast<PyObject*>(Py_TYPE(exc.ptr())), exc.ptr());
    throw py::error_already_set();
}

}  // namespace aftercare::python
