// The C interface (include/aftercare/aftercare.h): handles around the C++ values, JSON in and out,
// and a catch-all at every entry so that no exception crosses into C.
#include "aftercare/aftercare.h"

#include "aftercare/aftercare.hpp"
#include "c_api/host_zones.hpp"
#include "c_api/json_input.hpp"
#include "io/json_into.hpp"

#include <cstdlib>
#include <cstring>
#include <exception>
#include <memory>
#include <mutex>
#include <new>
#include <string>
#include <string_view>
#include <utility>

// --- the handles ------------------------------------------------------------------------------

struct aftercare_error {
    aftercare_status status = AFTERCARE_INTERNAL;
    std::string id, field, value, allowed, message;
    bool is_static = false;  // the out-of-memory error, never freed
};

struct aftercare_protocol {
    aftercare::protocol protocol;
    std::string id, version;
};

struct aftercare_plan {
    std::shared_ptr<const aftercare::zone_source> zones;  // first: outlives the zone it gave
    aftercare::zone_ref zone;
    aftercare::plan plan;
};

struct aftercare_schedule {
    std::shared_ptr<const aftercare::zone_source> zones;
    aftercare::zone_ref zone;
    aftercare::reminder_schedule schedule;
};

namespace {

using namespace aftercare;

// A failure the C layer itself detects (a NULL argument, an unknown format).
struct c_failure {
    aftercare_status status;
    std::string field, value, allowed, message;
};

[[noreturn]] void null_argument(const char* name) {
    throw c_failure{AFTERCARE_INVALID_ARGUMENT, name, "NULL", "a pointer", std::string(name) + " is NULL"};
}

aftercare_error no_memory_error{AFTERCARE_NO_MEMORY, "aftercare.no_memory", "", "", "", "out of memory", true};

// The text as valid UTF-8: a byte that does not start or continue a well-formed sequence is written
// as "\xNN" (a parse error's message quotes the input, which may be anything).
std::string utf8(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    std::size_t i = 0;
    while (i < s.size()) {
        const auto b = static_cast<unsigned char>(s[i]);
        std::size_t n = b == 0 ? 0 : b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
        bool ok = n != 0 && i + n <= s.size() && !(n == 2 && b < 0xC2) && !(n == 4 && b > 0xF4);
        for (std::size_t k = 1; ok && k < n; ++k) ok = (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80;
        if (ok && n == 3) {
            const auto c = static_cast<unsigned char>(s[i + 1]);
            ok = !(b == 0xE0 && c < 0xA0) && !(b == 0xED && c >= 0xA0);  // overlong, surrogates
        }
        if (ok && n == 4) {
            const auto c = static_cast<unsigned char>(s[i + 1]);
            ok = !(b == 0xF0 && c < 0x90) && !(b == 0xF4 && c >= 0x90);
        }
        if (ok) {
            out.append(s.substr(i, n));
            i += n;
        } else {
            static constexpr char hex[] = "0123456789ABCDEF";
            out += "\\x";
            out += hex[b >> 4];
            out += hex[b & 0xF];
            ++i;
        }
    }
    return out;
}

void report(aftercare_error** out, aftercare_status status, std::string_view id, std::string_view field, std::string_view value,
            std::string_view allowed, std::string_view message) noexcept {
    if (out == nullptr) return;
    try {
        auto e = std::make_unique<aftercare_error>();
        e->status = status;
        e->id = id;
        e->field = utf8(field);
        e->value = utf8(value);
        e->allowed = utf8(allowed);
        e->message = utf8(message);
        *out = e.release();
    } catch (...) {
        *out = &no_memory_error;
    }
}

// Runs `f`, turning every exception into a status and an error object.
template <class F>
aftercare_status guarded(aftercare_error** error, F&& f) noexcept {
    try {
        f();
        return AFTERCARE_OK;
    } catch (const c_failure& e) {
        report(error, e.status, e.status == AFTERCARE_UNSUPPORTED ? "aftercare.unsupported" : "aftercare.invalid_argument", e.field,
               e.value, e.allowed, e.message);
        return e.status;
    } catch (const protocol_error& e) {
        report(error, AFTERCARE_PROTOCOL, e.id(), e.pointer(), "", e.expected(), e.what());
        return AFTERCARE_PROTOCOL;
    } catch (const c_api::host_zone_failure& e) {
        report(error, AFTERCARE_TIME_ZONE, "aftercare.time_zone_error", e.field(), e.value(), e.allowed(), e.what());
        return AFTERCARE_TIME_ZONE;
    } catch (const time_zone_error& e) {
        report(error, AFTERCARE_TIME_ZONE, e.id(), c_api::pointer_for(e.field()), e.value(), e.allowed(), e.what());
        return AFTERCARE_TIME_ZONE;
    } catch (const invalid_value& e) {
        const aftercare_status s = e.allowed() == "a JSON document" ? AFTERCARE_INVALID_JSON : AFTERCARE_INVALID_VALUE;
        report(error, s, e.id(), c_api::pointer_for(e.field()), e.value(), e.allowed(), e.what());
        return s;
    } catch (const aftercare::error& e) {
        report(error, AFTERCARE_INVALID_VALUE, e.id(), "", "", "", e.what());
        return AFTERCARE_INVALID_VALUE;
    } catch (const std::bad_alloc&) {
        report(error, AFTERCARE_NO_MEMORY, "aftercare.no_memory", "", "", "", "out of memory");
        return AFTERCARE_NO_MEMORY;
    } catch (const std::exception& e) {
        report(error, AFTERCARE_INTERNAL, "aftercare.internal", "", "", "", std::string("internal error: ") + e.what());
        return AFTERCARE_INTERNAL;
    } catch (...) {
        report(error, AFTERCARE_INTERNAL, "aftercare.internal", "", "", "", "internal error: an unknown exception");
        return AFTERCARE_INTERNAL;
    }
}

std::string_view input(const char* text, std::size_t length, const char* name) {
    if (text == nullptr) null_argument(name);
    return {text, length};
}

// Text the caller frees with aftercare_free.
void give(const std::string& text, char** out, std::size_t* length) {
    char* buf = static_cast<char*>(std::malloc(text.size() + 1));
    if (buf == nullptr) throw std::bad_alloc();
    std::memcpy(buf, text.data(), text.size());
    buf[text.size()] = '\0';
    *out = buf;
    if (length != nullptr) *length = text.size();
}

// A JSON document written straight into memory the caller frees with aftercare_free: grown by
// realloc (nothing zero-filled), then the NUL and given as it is, no copy.
class malloc_storage final : public detail::json_storage {
public:
    malloc_storage() = default;
    malloc_storage(const malloc_storage&) = delete;
    malloc_storage& operator=(const malloc_storage&) = delete;
    ~malloc_storage() { std::free(text_); }
    char* grow(std::size_t at_least, std::size_t& capacity) override {
        void* grown = std::realloc(text_, at_least + 1);  // and the NUL's byte
        if (grown == nullptr) throw std::bad_alloc();
        text_ = static_cast<char*>(grown);
        capacity = at_least;
        return text_;
    }
    void give(std::size_t n, char** out, std::size_t* length) noexcept {
        text_[n] = '\0';
        *out = std::exchange(text_, nullptr);
        if (length != nullptr) *length = n;
    }

private:
    char* text_ = nullptr;
};

template <class T>
void give_json(const T& value, const json_options& options, char** out, std::size_t* length) {
    malloc_storage text;
    const std::size_t n = detail::write_json(value, options, text);
    text.give(n, out, length);
}

// A format as the int the caller passed. C lets any int through an enum parameter; in C++ reading
// one outside the enumerators' range is undefined, so the parameter is read as its bytes.
int code_of(aftercare_format format) noexcept {
    int v = 0;
    static_assert(sizeof v == sizeof format);
    std::memcpy(&v, &format, sizeof v);
    return v;
}

[[noreturn]] void unsupported(int format, const char* what, const char* allowed) {
    const std::string v = std::to_string(format);
    throw c_failure{AFTERCARE_INVALID_ARGUMENT, "format", v, allowed, "format " + v + " is not one for " + what + " (expected " + allowed + ")"};
}

/// The patient's copy of the handout, A4, in `zone` (the C interface has no clinic details yet).
html_options handout_options(zone_ref zone) {
    html_options o;
    o.zone = zone;
    return o;
}

// --- the process-wide zone source -------------------------------------------------------------

std::mutex zones_mutex;
std::shared_ptr<const zone_source>& current_zones_slot() {
    static std::shared_ptr<const zone_source> slot(std::shared_ptr<const zone_source>{}, &os_zones());  // not owned
    return slot;
}

std::shared_ptr<const zone_source> current_zones() {
    const std::lock_guard lock(zones_mutex);
    return current_zones_slot();
}

const protocol& protocol_of(const aftercare_protocol* p) { return p != nullptr ? p->protocol : default_protocol(); }

// Core errors about a treatment name the command's fields ("depth"); the C interface names the
// JSON member ("/depth_mm"). guarded() maps them through pointer_for.
c_api::treatment_input checked_treatment(std::string_view json, const protocol& proto, const zone_source& zones) {
    c_api::treatment_input in = c_api::treatment_from_json(json, zones);
    check_treatment(in.treatment, proto);
    return in;
}

}  // namespace

extern "C" {

int aftercare_abi_version(void) { return AFTERCARE_ABI_VERSION; }

const char* aftercare_version(void) { return AFTERCARE_VERSION_STRING; }

aftercare_status aftercare_error_status(const aftercare_error* e) { return e != nullptr ? e->status : AFTERCARE_OK; }
const char* aftercare_error_id(const aftercare_error* e) { return e != nullptr ? e->id.c_str() : ""; }
const char* aftercare_error_field(const aftercare_error* e) { return e != nullptr ? e->field.c_str() : ""; }
const char* aftercare_error_value(const aftercare_error* e) { return e != nullptr ? e->value.c_str() : ""; }
const char* aftercare_error_allowed(const aftercare_error* e) { return e != nullptr ? e->allowed.c_str() : ""; }
const char* aftercare_error_message(const aftercare_error* e) { return e != nullptr ? e->message.c_str() : ""; }
void aftercare_error_free(aftercare_error* e) {
    if (e != nullptr && !e->is_static) delete e;
}

void aftercare_free(char* text) { std::free(text); }

// --- protocols ----------------------------------------------------------------------------------

aftercare_status aftercare_protocol_default(aftercare_protocol** out, aftercare_error** error) {
    return guarded(error, [&] {
        if (out == nullptr) null_argument("out");
        const protocol& p = default_protocol();
        *out = new aftercare_protocol{p, std::string(p.id()), std::string(p.version())};
    });
}

aftercare_status aftercare_protocol_parse(const char* json, size_t length, const char* origin, aftercare_protocol** out,
                                          aftercare_error** error) {
    return guarded(error, [&] {
        const std::string_view text = input(json, length, "json");
        if (out == nullptr) null_argument("out");
        protocol p = parse_protocol(text, origin != nullptr ? std::string_view(origin) : std::string_view("<string>"));
        std::string id(p.id()), version(p.version());
        *out = new aftercare_protocol{std::move(p), std::move(id), std::move(version)};
    });
}

const char* aftercare_protocol_id(const aftercare_protocol* p) { return p != nullptr ? p->id.c_str() : ""; }
const char* aftercare_protocol_version(const aftercare_protocol* p) { return p != nullptr ? p->version.c_str() : ""; }
void aftercare_protocol_free(aftercare_protocol* p) { delete p; }

// --- plans --------------------------------------------------------------------------------------

aftercare_status aftercare_plan_new(const aftercare_protocol* protocol, const char* treatment_json, size_t length,
                                    aftercare_plan** out, aftercare_error** error) {
    return guarded(error, [&] {
        const std::string_view text = input(treatment_json, length, "treatment_json");
        if (out == nullptr) null_argument("out");
        auto zones = current_zones();
        const aftercare::protocol& proto = protocol_of(protocol);
        c_api::treatment_input in = checked_treatment(text, proto, *zones);
        plan p = make_plan(in.treatment, proto);
        *out = new aftercare_plan{std::move(zones), in.zone, std::move(p)};
    });
}

aftercare_status aftercare_plan_write(const aftercare_plan* plan, aftercare_format format_in, char** out, size_t* length,
                                      aftercare_error** error) {
    const int format = code_of(format_in);
    return guarded(error, [&] {
        if (plan == nullptr) null_argument("plan");
        if (out == nullptr) null_argument("out");
        switch (format) {
            case AFTERCARE_FORMAT_JSON: give_json(plan->plan, {.zone = plan->zone}, out, length); return;
            case AFTERCARE_FORMAT_TEXT: give(to_text(plan->plan, {.zone = plan->zone}), out, length); return;
            case AFTERCARE_FORMAT_HTML: give(to_html(plan->plan, handout_options(plan->zone)), out, length); return;
            default: unsupported(format, "a plan", "AFTERCARE_FORMAT_JSON, AFTERCARE_FORMAT_TEXT or AFTERCARE_FORMAT_HTML");
        }
    });
}

void aftercare_plan_free(aftercare_plan* plan) { delete plan; }

// --- schedules ----------------------------------------------------------------------------------

aftercare_status aftercare_schedule_new(const aftercare_plan* plan, const char* preferences_json, size_t length,
                                        aftercare_schedule** out, aftercare_error** error) {
    return guarded(error, [&] {
        if (plan == nullptr) null_argument("plan");
        if (out == nullptr) null_argument("out");
        preferences prefs = c_api::preferences_from_json(preferences_json != nullptr ? std::string_view(preferences_json, length) : "");
        prefs.zone = plan->zone;
        reminder_schedule s = schedule(plan->plan, prefs);
        *out = new aftercare_schedule{plan->zones, plan->zone, std::move(s)};
    });
}

aftercare_status aftercare_schedule_write(const aftercare_schedule* schedule, aftercare_format format_in, char** out,
                                          size_t* length, aftercare_error** error) {
    const int format = code_of(format_in);
    return guarded(error, [&] {
        if (schedule == nullptr) null_argument("schedule");
        if (out == nullptr) null_argument("out");
        switch (format) {
            case AFTERCARE_FORMAT_JSON: give_json(schedule->schedule, {.zone = schedule->zone}, out, length); return;
            case AFTERCARE_FORMAT_TEXT: give(to_text(schedule->schedule, {.zone = schedule->zone}), out, length); return;
            case AFTERCARE_FORMAT_ICS: give(to_ics(schedule->schedule), out, length); return;
            case AFTERCARE_FORMAT_HTML: give(to_html(schedule->schedule, handout_options(schedule->zone)), out, length); return;
            default: unsupported(format, "a schedule", "AFTERCARE_FORMAT_JSON, AFTERCARE_FORMAT_TEXT, AFTERCARE_FORMAT_ICS or AFTERCARE_FORMAT_HTML");
        }
    });
}

void aftercare_schedule_free(aftercare_schedule* schedule) { delete schedule; }

// --- triage and screening -----------------------------------------------------------------------

aftercare_status aftercare_triage(const aftercare_plan* plan, const char* reports_json, size_t length, const char* as_of,
                                  aftercare_format format_in, char** out, size_t* length_out, aftercare_error** error) {
    const int format = code_of(format_in);
    return guarded(error, [&] {
        if (plan == nullptr) null_argument("plan");
        const std::string_view text = input(reports_json, length, "reports_json");
        if (out == nullptr) null_argument("out");
        if (format != AFTERCARE_FORMAT_JSON && format != AFTERCARE_FORMAT_TEXT) {
            unsupported(format, "an assessment", "AFTERCARE_FORMAT_JSON or AFTERCARE_FORMAT_TEXT");
        }
        const std::vector<symptom_report> reports = reports_from_json(text, plan->zone, "reports");
        triage_options options;
        if (as_of != nullptr) {
            if (!plan->plan.treatment().treated_at || !plan->zone) {
                throw invalid_value("as_of", as_of, "a treatment with treated_at", "as_of needs the treatment time (treated_at and time_zone)");
            }
            options.as_of = to_utc(parse_local_time(as_of, "as_of"), *plan->zone);
        }
        const assessment a = triage(plan->plan, reports, options);
        if (format == AFTERCARE_FORMAT_JSON) {
            give_json(a, {.zone = plan->zone}, out, length_out);
        } else {
            give(to_text(a, {.zone = plan->zone}), out, length_out);
        }
    });
}

aftercare_status aftercare_screen(const aftercare_protocol* protocol, const char* treatment_json, size_t treatment_length,
                                  const char* history_json, size_t history_length, aftercare_format format_in, char** out,
                                  size_t* length_out, aftercare_error** error) {
    const int format = code_of(format_in);
    return guarded(error, [&] {
        const std::string_view text = input(treatment_json, treatment_length, "treatment_json");
        if (out == nullptr) null_argument("out");
        if (format != AFTERCARE_FORMAT_JSON && format != AFTERCARE_FORMAT_TEXT) {
            unsupported(format, "an eligibility", "AFTERCARE_FORMAT_JSON or AFTERCARE_FORMAT_TEXT");
        }
        const auto zones = current_zones();
        const aftercare::protocol& proto = protocol_of(protocol);
        const c_api::treatment_input in = checked_treatment(text, proto, *zones);
        const c_api::history_input h =
            c_api::history_from_json(history_json != nullptr ? std::string_view(history_json, history_length) : "");
        date::year_month_day as_of{};
        if (h.as_of) {
            as_of = *h.as_of;
        } else if (in.treatment.treated_at) {
            as_of = date::year_month_day{date::floor<date::days>(to_local(*in.treatment.treated_at, *in.zone))};
        } else {
            throw invalid_value("/as_of", "", "a date YYYY-MM-DD", "history: /as_of is required when the treatment has no treated_at");
        }
        const eligibility e = screen(h.history, in.treatment, as_of, proto);
        if (format == AFTERCARE_FORMAT_JSON) {
            give_json(e, {.zone = in.zone}, out, length_out);
        } else {
            give(to_text(e, {.zone = in.zone}), out, length_out);
        }
    });
}

// --- zones --------------------------------------------------------------------------------------

aftercare_status aftercare_set_zone_source(const aftercare_zone_source* source, aftercare_error** error) {
    return guarded(error, [&] {
        std::shared_ptr<const zone_source> next;
        if (source == nullptr) {
            next = std::shared_ptr<const zone_source>(std::shared_ptr<const zone_source>{}, &os_zones());
        } else {
            if (source->size < sizeof(aftercare_zone_source)) {
                throw c_failure{AFTERCARE_INVALID_ARGUMENT, "size", std::to_string(source->size), "sizeof(aftercare_zone_source)",
                                "source->size is " + std::to_string(source->size) + ", expected sizeof(aftercare_zone_source)"};
            }
            if (source->find_zone == nullptr) null_argument("find_zone");
            if (source->period_at == nullptr) null_argument("period_at");
            next = std::make_shared<const c_api::host_source>(*source);
        }
        const std::lock_guard lock(zones_mutex);
        current_zones_slot().swap(next);
        // `next` (the previous source) is released here or by the last plan that uses it.
    });
}

aftercare_status aftercare_zone_period_at(const char* name, int64_t utc, aftercare_zone_period* out, aftercare_error** error) {
    return guarded(error, [&] {
        if (name == nullptr) null_argument("name");
        if (out == nullptr) null_argument("out");
        const auto zones = current_zones();
        const zone_ref zone = locate_zone(name, *zones, "name");
        const date::sys_info info = zone->get_info(date::sys_seconds{std::chrono::seconds{utc}});
        aftercare_zone_period p{};
        auto clamp = [](date::sys_seconds t) { return static_cast<int64_t>(t.time_since_epoch().count()); };
        p.begin = clamp(info.begin);
        p.end = clamp(info.end);
        p.utc_offset = static_cast<int32_t>(info.offset.count());
        p.dst_minutes = static_cast<int32_t>(info.save.count());
        std::strncpy(p.abbreviation, info.abbrev.c_str(), sizeof p.abbreviation - 1);
        *out = p;
    });
}

}  // extern "C"
