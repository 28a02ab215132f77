// What every subcommand shares: treatment options, resolving them against the protocol, output.
#include "common.hpp"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <optional>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <system_error>

namespace aftercare_cli {

void add_treatment_options(CLI::App& cmd, treatment_args& a) {
    cmd.add_option("--device", a.device, "home_roller, pen or rf")->required();
    cmd.add_option("--depth", a.depth_mm, "needle depth in mm, e.g. 1.0")->required();
    cmd.add_option("--area", a.area, "treated area (face, periorbital, neck, decolletage, scalp, back, abdomen, thighs, arms, hands)")
        ->capture_default_str();
    cmd.add_option("--skin-type", a.skin_type, "Fitzpatrick skin type, 1-6 or I-VI")->required();
    cmd.add_option("--adjunct", a.adjuncts, "an adjunct (prp); repeatable");
    cmd.add_option("--indication", a.indication, "acne_scars, wrinkles, texture, stretch_marks, hair_loss or pigmentation");
    cmd.add_option("--session", a.session, "which session of the course, a whole number from 1")->capture_default_str();
    cmd.add_option("--history", a.history, "cold_sore_history or pigmentation_history; repeatable");
    cmd.add_option("--treated-at", a.treated_at, "end of treatment, local time in --tz: YYYY-MM-DDTHH:MM");
    cmd.add_option("--tz", a.tz, "the patient's IANA time zone, e.g. Europe/London");
    cmd.add_option("--protocol", a.protocol_file, "a protocol file to use instead of the embedded default");
    cmd.add_option("--lang", a.lang, "the patient's language: en, en-US, es, uk (or one of the protocol's catalogues)")->capture_default_str();
}

resolved resolve(const treatment_args& a) {
    resolved r{a.protocol_file.empty() ? aftercare::default_protocol()
                                       : aftercare::parse_protocol(read_text_file(a.protocol_file, "--protocol"), a.protocol_file),
               {}, nullptr};
    try {
        r.protocol = aftercare::localize(r.protocol, a.lang);
    } catch (const aftercare::invalid_value& e) {
        if (e.field() != "lang") throw;
        bad("--lang", e.value(), e.allowed(), "--lang " + aftercare::quote_value(a.lang) + " is not a language this protocol speaks; expected one of " + e.allowed());
    }
    aftercare::treatment& t = r.treatment;
    t.device = aftercare::parse_code<aftercare::device>(a.device);
    t.depth = aftercare::needle_depth::from_mm(parse_decimal(a.depth_mm, "--depth", "a depth in mm such as 1.0", 1000));
    t.area = aftercare::parse_code<aftercare::area>(a.area);
    t.skin_type = aftercare::parse_skin_type(a.skin_type);
    for (const auto& s : a.adjuncts) t.adjuncts.insert(aftercare::parse_code<aftercare::adjunct>(s));
    if (!a.indication.empty()) t.indication = aftercare::parse_code<aftercare::indication>(a.indication);
    t.session = parse_whole(a.session, "--session", 1000);
    for (const auto& s : a.history) t.history.insert(aftercare::parse_code<aftercare::history_flag>(s));
    if (!a.tz.empty()) r.zone = aftercare::locate_zone(a.tz, "--tz");
    if (!a.treated_at.empty()) {
        if (r.zone == nullptr) {
            throw aftercare::invalid_value("--tz", "", "an IANA time-zone name",
                                           "--tz is required with --treated-at (the local time needs its zone, e.g. --tz Europe/London)");
        }
        t.treated_at = aftercare::to_utc(aftercare::parse_local_time(a.treated_at, "--treated-at"), *r.zone);
    }
    aftercare::check_treatment(t, r.protocol);
    return r;
}

void add_reminder_options(CLI::App& cmd, reminder_args& a) {
    cmd.add_option("--wake", a.wake, "wake time HH:MM: reminders never come before it")->capture_default_str();
    cmd.add_option("--bed", a.bed, "bed time HH:MM: quiet hours run from it to --wake")->capture_default_str();
    cmd.add_option("--morning", a.morning, "morning routine time HH:MM (default: 30 min after --wake)");
    cmd.add_option("--midday", a.midday, "midday time HH:MM (default: 13:00)");
    cmd.add_option("--evening", a.evening, "evening routine time HH:MM (default: 90 min before --bed)");
    cmd.add_option("--bedtime", a.bedtime, "bedtime reminder time HH:MM (default: 30 min before --bed)");
}

aftercare::preferences parse_preferences(const reminder_args& a, const date::time_zone* zone) {
    aftercare::preferences prefs;
    prefs.zone = zone;
    prefs.wake = aftercare::parse_time_of_day(a.wake, "--wake");
    prefs.bed = aftercare::parse_time_of_day(a.bed, "--bed");
    auto slot = [](const std::string& text, const char* field) -> std::optional<std::chrono::minutes> {
        if (text.empty()) return std::nullopt;
        return aftercare::parse_time_of_day(text, field);
    };
    prefs.morning = slot(a.morning, "--morning");
    prefs.midday = slot(a.midday, "--midday");
    prefs.evening = slot(a.evening, "--evening");
    prefs.bedtime = slot(a.bedtime, "--bedtime");
    return prefs;
}

namespace {
thread_local std::ostream* current_output = nullptr;

std::string reason(int err) { return err != 0 ? ": " + std::generic_category().message(err) : std::string(); }
}  // namespace

output_scope::output_scope(std::ostream& out) noexcept : previous_(current_output) { current_output = &out; }
output_scope::~output_scope() { current_output = previous_; }
std::ostream& output() noexcept { return current_output != nullptr ? *current_output : std::cout; }

void emit(const std::string& text) {
    std::ostream& out = output();
    errno = 0;
    out << text;
    out.flush();
    if (!out) {
        const int err = errno;
        throw write_error("cannot write to standard output" + reason(err));
    }
}

void emit(const output_args& o, const std::string& text) {
    if (o.output.empty() || o.output == "-") {
        emit(text);
        return;
    }
    errno = 0;
    std::ofstream out(o.output, std::ios::binary | std::ios::trunc);
    if (!out) {
        const int err = errno;
        bad("--output", o.output, "a file that can be written", "--output " + aftercare::quote_value(o.output) + " cannot be written" + reason(err));
    }
    out << text;
    out.close();
    if (!out) {
        const int err = errno;
        std::remove(o.output.c_str());  // no partial file left behind
        throw write_error("--output " + aftercare::quote_value(o.output) + " could not be written completely" + reason(err) + "; removed");
    }
}

double parse_decimal(const std::string& text, const std::string& field, const std::string& allowed, double max) {
    // Digits, at most one '.', at least one digit: what a person writes. std::strtod would also take
    // "0x1e" (30), "1e3", "inf", "nan" and leading spaces.
    std::size_t digits = 0, dots = 0;
    for (char c : text) {
        if (c >= '0' && c <= '9') ++digits;
        else if (c == '.') ++dots;
        else {
            digits = 0;
            break;
        }
    }
    if (text.empty()) bad(field, text, allowed, field + " is empty; expected " + allowed);
    if (digits == 0 || dots > 1 || text.size() > 32) {
        bad(field, text, allowed, field + " " + aftercare::quote_value(text) + " is not " + allowed + " (plain digits and one '.')");
    }
    const double v = std::strtod(text.c_str(), nullptr);
    if (v > max) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%g", max);
        bad(field, text, allowed, field + " " + aftercare::quote_value(text) + " is more than " + buf);
    }
    return v;
}

int parse_whole(const std::string& text, const std::string& field, int max) {
    const std::string allowed = "a whole number from 1 to " + std::to_string(max);
    if (text.empty()) bad(field, text, allowed, field + " is empty; expected " + allowed);
    const bool digits = text.size() <= 9 && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
    const int v = digits ? std::stoi(text) : 0;
    if (!digits || v < 1 || v > max) bad(field, text, allowed, field + " " + aftercare::quote_value(text) + " is not " + allowed);
    return v;
}

[[noreturn]] void bad(const std::string& field, const std::string& value, const std::string& allowed, const std::string& message) {
    throw aftercare::invalid_value(field, value, allowed, message);
}

std::string read_text_file(const std::string& path, const std::string& option) { return aftercare::read_input_file(path, option); }

}  // namespace aftercare_cli
