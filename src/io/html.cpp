// The handout page (io/html.hpp): header, help boxes, timeline, day bands, checklist, next
// appointment, footer. Written straight into one string; the timeline is html_timeline.cpp, the
// clinic profile html_clinic.cpp, the style sheet html_style.cpp.
#include "aftercare/io/html.hpp"

#include "aftercare/time.hpp"
#include "aftercare/version.hpp"
#include "io/html_common.hpp"
#include "io/text_toolkit.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace aftercare {

namespace {

using std::chrono::minutes;
using detail::handout_clock;
using detail::html_escape;

constexpr minutes hour{60};

/// Small writer: text escaped, markup as given.
struct page {
    std::string out;
    page& raw(std::string_view s) {
        out += s;
        return *this;
    }
    page& text(std::string_view s) {
        html_escape(out, s);
        return *this;
    }
};

/// The day bands of clinic sheets, in hours after the end of treatment.
struct band {
    const char* title;
    minutes from;
    std::optional<minutes> to;
};
constexpr std::array<band, 4> bands{{
    {"The first day", minutes{0}, 24 * hour},
    {"Days 2 and 3", 24 * hour, 72 * hour},
    {"Days 4 to 7", 72 * hour, 168 * hour},
    {"Week 2 and later", 168 * hour, std::nullopt},
}};

bool overlaps(minutes from, std::optional<minutes> to, const band& b) {
    return (!b.to || from < *b.to) && (!to || *to > b.from);
}

std::string_view likelihood_words(likelihood l) {
    switch (l) {
        case likelihood::rare: return "rare";
        case likelihood::possible: return "possible";
        case likelihood::common: return "common";
        case likelihood::expected: return "";
    }
    return "";
}

std::string slot_words(enum_set<routine_slot> slots) {
    std::vector<std::string_view> w;
    for (auto s : slots) w.push_back(to_string(s) == "bedtime" ? "at bedtime" : to_string(s));
    std::string r;
    for (std::size_t i = 0; i < w.size(); ++i) {
        r += i == 0 ? "" : (i + 1 == w.size() ? " and " : ", ");
        r += w[i];
    }
    if (!r.empty()) r[0] = static_cast<char>(r[0] - 'a' + 'A');
    return r;
}

class writer {
public:
    writer(const plan& p, const reminder_schedule* s, const html_options& o, zone_ref zone)
        : p_(p), s_(s), o_(o), clock_(p, zone), clinician_(o.copy == handout_copy::clinician) {}

    std::string run() {
        pg_.out.reserve(48 * 1024);
        head();
        pg_.raw("<body>\n<main class=\"handout\">\n");
        top();
        help_boxes();
        timeline();
        day_bands();
        checklist();
        next_appointment();
        notes();
        if (clinician_) sources();
        footer();
        pg_.raw("</main>\n</body>\n</html>\n");
        return std::move(pg_.out);
    }

private:
    const plan& p_;
    const reminder_schedule* s_;
    const html_options& o_;
    handout_clock clock_;
    bool clinician_;
    page pg_;
    std::set<std::string_view> used_sources_;

    // --- pieces -------------------------------------------------------------------------------

    void numbers(std::string_view what, std::span<const std::string_view> sources) {
        if (!clinician_) return;
        pg_.raw(" <small class=\"num\">").text(what);
        if (!sources.empty()) {
            pg_.raw(what.empty() ? "[" : " [");
            for (std::size_t i = 0; i < sources.size(); ++i) {
                pg_.raw(i ? ", " : "").text(sources[i]);
                used_sources_.insert(sources[i]);
            }
            pg_.raw("]");
        }
        pg_.raw("</small>");
    }

    void head() {
        pg_.raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
        pg_.text(clinician_ ? "Aftercare plan (clinician's copy)" : "Your aftercare after microneedling");
        if (!o_.clinic.name.empty()) pg_.text(" — ").text(o_.clinic.name);
        pg_.raw("</title>\n<meta name=\"generator\" content=\"aftercare " AFTERCARE_VERSION_STRING "\">\n<style>\n");
        pg_.raw(handout_css());
        // The running footer names the protocol on every printed page.
        pg_.raw(o_.paper == paper_size::letter ? "@page { size: letter; }\n" : "@page { size: A4; }\n");
        pg_.raw("@page { @bottom-left { content: \"");
        css_string(std::string(p_.protocol().id()) + " " + std::string(p_.protocol().version()));
        pg_.raw("\"; } }\n</style>\n</head>\n");
    }

    void css_string(const std::string& s) {
        for (char c : s) {
            if (c == '"' || c == '\\') pg_.out += '\\';
            if (c == '<') {
                pg_.out += "\\3C ";
                continue;
            }
            if (static_cast<unsigned char>(c) < 0x20) continue;
            pg_.out += c;
        }
    }

    void top() {
        const clinic_details& c = o_.clinic;
        pg_.raw("<header class=\"top\">\n");
        if (!c.name.empty() || !c.logo.empty() || !c.address.empty() || !c.phone.empty() || !c.after_hours.empty()) {
            pg_.raw("<div class=\"clinic\">");
            if (!c.logo.empty()) {
                pg_.raw("<img class=\"logo\" src=\"").text(c.logo).raw("\" alt=\"").text(c.name.empty() ? "Clinic logo" : c.name).raw("\">");
            }
            pg_.raw("<div class=\"who\">");
            if (!c.name.empty()) pg_.raw("<p class=\"clinic-name\">").text(c.name).raw("</p>");
            if (!c.address.empty()) pg_.raw("<p class=\"address\">").text(c.address).raw("</p>");
            pg_.raw("</div>");
            if (!c.phone.empty() || !c.after_hours.empty()) {
                pg_.raw("<dl class=\"phones\">");
                if (!c.phone.empty()) pg_.raw("<dt>Clinic</dt><dd>").text(c.phone).raw("</dd>");
                if (!c.after_hours.empty()) pg_.raw("<dt>After hours</dt><dd>").text(c.after_hours).raw("</dd>");
                pg_.raw("</dl>");
            }
            pg_.raw("</div>\n");
        }
        pg_.raw("<h1>").text(clinician_ ? "Aftercare plan: clinician's copy" : "Your skin after microneedling").raw("</h1>\n");
        const treatment& t = p_.treatment();
        pg_.raw("<p class=\"patient\"><span class=\"label\">For</span> ");
        if (o_.patient_name.empty()) pg_.raw("<span class=\"blank\" aria-label=\"patient name\"></span>");
        else pg_.raw("<strong>").text(o_.patient_name).raw("</strong>");
        pg_.raw("</p>\n<p class=\"treatment\">");
        if (t.treated_at) {
            pg_.text("Treated on ").raw("<strong>").text(clock_.long_day(minutes{0})).raw("</strong>").text(" at ");
            const std::string at = clock_.when(minutes{0});
            pg_.text(at.substr(at.rfind(' ') + 1));
        } else {
            pg_.text("Treatment");
        }
        pg_.text(": microneedling (" + std::string(device_words(t.device)) + ", " + to_string(t.depth) + " mm), " +
                 area_words(t.area) + ".");
        if (clinician_) {
            pg_.raw(" <small class=\"num\">").text("depth tier " + std::string(p_.tier()) + ", skin type " + to_string(t.skin_type) +
                                                   ", session " + std::to_string(t.session));
            if (t.indication) pg_.text(", ").text(to_string(*t.indication));
            for (auto a : t.adjuncts) pg_.text(", ").text(to_string(a));
            if (t.treated_at) pg_.text(", ").text(format_rfc3339(*t.treated_at, o_.zone ? o_.zone : (s_ ? s_->zone() : nullptr)));
            pg_.raw("</small>");
        }
        pg_.raw("</p>\n</header>\n");
    }

    static std::string_view device_words(device d) {
        switch (d) {
            case device::home_roller: return "home roller";
            case device::pen: return "pen";
            case device::rf: return "radiofrequency";
        }
        return "";
    }
    static std::string area_words(area a) {
        std::string s(to_string(a));
        if (a == area::periorbital) return "around the eyes";
        if (a == area::decolletage) return "chest";
        return s;
    }

    void flag_item(const entry& e, bool with_advice) {
        pg_.raw("<li><strong>").text(e.title).raw("</strong>");
        if (e.onset > minutes{0}) pg_.raw(" <span class=\"when\">").text("from " + clock_.when(e.onset)).raw("</span>");
        else if (e.end) pg_.raw(" <span class=\"when\">").text("until " + clock_.when(*e.end)).raw("</span>");
        if (with_advice && !e.advice.empty()) pg_.raw(" <span class=\"advice\">").text(e.advice).raw("</span>");
        std::string n = "level " + std::string(to_string(*e.level));
        if (e.onset > minutes{0}) n += ", from " + detail::hours_text(e.onset);
        if (e.end) n += ", until " + detail::hours_text(*e.end);
        numbers(n, e.sources);
        pg_.raw("</li>\n");
    }

    void flag_list(triage_level level, bool with_advice) {
        pg_.raw("<ul>\n");
        for (const entry& e : p_.entries()) {
            if (e.kind == entry_kind::red_flag && e.level == level) flag_item(e, with_advice);
        }
        pg_.raw("</ul>\n");
    }

    /// The flags of `level` grouped by from when they apply: "At any time: A; B. From Sat 28 Nov: C; D."
    void grouped_flags(triage_level level) {
        std::map<minutes, std::vector<const entry*>> by_onset;
        for (const entry& e : p_.entries()) {
            if (e.kind == entry_kind::red_flag && e.level == level) by_onset[e.onset].push_back(&e);
        }
        pg_.raw("<ul class=\"groups\">\n");
        for (const auto& [onset, flags] : by_onset) {
            pg_.raw("<li><span class=\"lead\">").text(onset > minutes{0} ? "From " + clock_.when(onset) + ":" : "At any time:").raw("</span> <ul class=\"inline\">");
            for (std::size_t i = 0; i < flags.size(); ++i) {
                const entry& e = *flags[i];
                pg_.raw("<li>").text(e.title);
                if (e.end) pg_.raw(" <span class=\"when\">").text("until " + clock_.when(*e.end)).raw("</span>");
                std::string n = "level " + std::string(to_string(*e.level));
                if (e.onset > minutes{0}) n += ", from " + detail::hours_text(e.onset);
                if (e.end) n += ", until " + detail::hours_text(*e.end);
                numbers(n, e.sources);
                pg_.raw(i + 1 < flags.size() ? ";</li> " : ".</li>");
            }
            pg_.raw("</ul></li>\n");
        }
        pg_.raw("</ul>\n");
    }

    bool any_flag(triage_level level) const {
        return std::any_of(p_.entries().begin(), p_.entries().end(),
                           [&](const entry& e) { return e.kind == entry_kind::red_flag && e.level == level; });
    }

    void help_boxes() {
        const clinic_details& c = o_.clinic;
        pg_.raw("<div class=\"help\">\n");
        if (any_flag(triage_level::emergency)) {
            pg_.raw("<section class=\"box emergency\" aria-labelledby=\"h-emergency\">\n"
                    "<h2 id=\"h-emergency\">Call emergency services now if you have</h2>\n");
            flag_list(triage_level::emergency, false);
            pg_.raw("</section>\n");
        }
        pg_.raw("<section class=\"box call\" aria-labelledby=\"h-call\">\n<h2 id=\"h-call\">Call the clinic");
        if (!c.phone.empty()) pg_.raw(" <span class=\"phone\">").text(c.phone).raw("</span>");
        pg_.raw(" if you have</h2>\n");
        if (!c.after_hours.empty()) {
            pg_.raw("<p class=\"after-hours\">Out of hours: <strong>").text(c.after_hours).raw("</strong></p>\n");
        }
        if (any_flag(triage_level::urgent)) {
            pg_.raw("<h3>Today. If you cannot reach the clinic, get medical care today</h3>\n");
            flag_list(triage_level::urgent, false);
        }
        if (any_flag(triage_level::contact_clinic)) {
            pg_.raw("<h3>Soon, the same day if you can</h3>\n");
            grouped_flags(triage_level::contact_clinic);
        }
        pg_.raw("</section>\n</div>\n");
    }

    void timeline() {
        pg_.raw("<section class=\"timeline\" aria-labelledby=\"h-timeline\">\n<h2 id=\"h-timeline\">Your recovery at a glance</h2>\n");
        detail::timeline_svg(pg_.out, p_, clock_);
        pg_.raw("</section>\n");
    }

    // --- day bands ----------------------------------------------------------------------------

    void band_dates(const band& b) {
        pg_.raw(" <span class=\"dates\">");
        if (!clock_.dated()) {
            pg_.raw("</span>");
            return;
        }
        if (b.to) pg_.text(clock_.day(b.from) + " to " + clock_.day(*b.to - minutes{1}));
        else pg_.text("from " + clock_.day(b.from));
        pg_.raw("</span>");
    }

    void day_bands() {
        pg_.raw("<section class=\"days\" aria-labelledby=\"h-days\">\n<h2 id=\"h-days\">Day by day</h2>\n");
        std::set<std::string_view> seen;
        for (const band& b : bands) {
            pg_.raw("<section class=\"band\">\n<h3>").text(b.title);
            band_dates(b);
            pg_.raw("</h3>\n<div class=\"cols\">\n");
            column("What to expect", "expect", [&] { expect_items(b, seen); });
            column("What to do", "do", [&] {
                do_items(b, seen);
                lifted_items(b);
            });
            column("What to avoid", "avoid", [&] { avoid_items(b); });
            pg_.raw("</div>\n</section>\n");
        }
        pg_.raw("</section>\n");
    }

    template <class F>
    void column(const char* title, const char* cls, F items) {
        const auto start = pg_.out.size();
        pg_.raw("<div class=\"col ").raw(cls).raw("\"><h4>").raw(title).raw("</h4>\n<ul>\n");
        const auto before = pg_.out.size();
        items();
        if (pg_.out.size() == before) {
            pg_.out.resize(start);  // nothing new in this column
            return;
        }
        pg_.raw("</ul></div>\n");
    }

    void expect_items(const band& b, std::set<std::string_view>& seen) {
        for (const entry& e : p_.entries()) {
            if (e.kind == entry_kind::effect && overlaps(e.onset, e.end, b)) {
                if (!seen.insert(e.code).second) continue;
                pg_.raw("<li><strong>").text(e.title).raw("</strong>");
                const auto l = likelihood_words(*e.likely);
                if (!l.empty()) pg_.raw(" <span class=\"likely\">(").text(l).raw(")</span>");
                pg_.text(". ").text(e.text);
                if (e.onset > b.from) pg_.text(" From about " + clock_.when(e.onset) + ".");
                if (e.end) pg_.raw(" <span class=\"until\">").text("Usually gone by " + clock_.when(*e.end) + ".").raw("</span>");
                std::string n = detail::hours_text(e.onset) + "–" + detail::hours_text(*e.end);
                if (e.end_range) n += " (sources " + detail::hours_text(e.end_range->first) + "–" + detail::hours_text(e.end_range->second) + ")";
                if (e.abnormal_after) n += ", abnormal after " + detail::hours_text(*e.abnormal_after);
                numbers(n, e.sources);
                pg_.raw("</li>\n");
            } else if (e.kind == entry_kind::red_flag && e.level == triage_level::monitor && overlaps(e.onset, e.end, b)) {
                if (!seen.insert(e.code).second) continue;
                pg_.raw("<li class=\"watch\"><strong>").text(e.title).raw("</strong> <span class=\"likely\">(watch)</span>. ").text(e.text).text(" ").text(e.advice);
                numbers("level monitor" + (e.end ? ", until " + detail::hours_text(*e.end) : std::string{}), e.sources);
                pg_.raw("</li>\n");
            } else if (e.kind == entry_kind::milestone && e.code != "milestone.next_session" && e.code != "milestone.final_assessment" &&
                       overlaps(e.onset, e.onset + minutes{1}, b)) {
                pg_.raw("<li><strong>").text(e.title).raw("</strong>. ").text(e.text);
                pg_.raw(" <span class=\"until\">").text("From " + clock_.when(e.onset) + ".").raw("</span>");
                numbers("at " + detail::hours_text(e.onset), e.sources);
                pg_.raw("</li>\n");
            }
        }
    }

    void do_items(const band& b, std::set<std::string_view>& seen) {
        for (const entry& e : p_.entries()) {
            if (e.kind != entry_kind::care) continue;
            const bool once = e.remind == reminder_mode::once || (e.end && *e.end <= e.onset);
            const std::optional<minutes> end = once ? std::optional<minutes>{e.onset + minutes{1}} : e.end;
            if (!overlaps(e.onset, end, b)) continue;
            const std::string slots = slot_words(e.slots);
            if (!seen.insert(e.code).second) continue;
            pg_.raw("<li><strong>").text(e.title).raw("</strong>. ").text(e.text);
            pg_.raw(" <span class=\"until\">");
            if (once) {
                pg_.text(e.onset > minutes{0} ? " " + clock_.when(e.onset) + "." : " Today.");
            } else {
                if (!slots.empty()) pg_.text(" " + slots + ".");
                if (e.onset > b.from) pg_.text(" From " + clock_.when(e.onset) + ".");
                if (e.end) pg_.text(" Until " + clock_.when(*e.end) + ".");
            }
            pg_.raw("</span>");
            numbers(detail::hours_text(e.onset) + (e.end ? "–" + detail::hours_text(*e.end) : std::string{}), e.sources);
            pg_.raw("</li>\n");
        }
    }

    /// What is allowed again in band `b`: the restrictions whose last stage ends in it.
    void lifted_items(const band& b) {
        std::vector<const entry*> lifted;
        for (const entry& e : p_.entries()) {
            if (e.kind == entry_kind::restriction && !e.stages.empty() && e.end && *e.end >= b.from && (!b.to || *e.end < *b.to)) lifted.push_back(&e);
        }
        if (lifted.empty()) return;
        pg_.raw("<li class=\"lifted\"><strong>Allowed again:</strong> <ul class=\"inline\">");
        for (std::size_t i = 0; i < lifted.size(); ++i) {
            pg_.raw("<li>").text(lifted[i]->title).raw(" <span class=\"until\">").text("from " + clock_.when(*lifted[i]->end)).raw("</span>");
            pg_.raw(i + 1 < lifted.size() ? ";</li> " : ".</li>");
        }
        pg_.raw("</ul></li>\n");
    }

    void avoid_items(const band& b) {
        for (const entry& e : p_.entries()) {
            if (e.kind != entry_kind::restriction) continue;
            minutes from{0};
            for (std::size_t k = 0; k < e.stages.size(); ++k) {
                const stage& s = e.stages[k];
                if (s.until > from && overlaps(from, s.until, b) && from >= b.from) {
                    pg_.raw("<li><strong>").text(e.title).raw("</strong>. ").text(s.text);
                    pg_.raw(" <span class=\"until\">").text("Until " + clock_.when(s.until) + ".").raw("</span>");
                    numbers(detail::hours_text(from) + "–" + detail::hours_text(s.until), k == 0 ? e.sources : std::span<const std::string_view>{});
                    pg_.raw("</li>\n");
                }
                from = s.until;
            }
        }
    }

    // --- checklist ----------------------------------------------------------------------------

    struct check_row {
        std::string title;
        std::string detail;  // slot and time
        std::set<long> days;
    };

    std::vector<check_row> rows_from_plan() const {
        std::vector<check_row> rows;
        for (const entry& e : p_.entries()) {
            if (e.kind != entry_kind::care || e.remind == reminder_mode::none) continue;
            auto days_of = [&](minutes from, minutes to) {
                std::set<long> d;
                for (long i = clock_.day_index(from); i <= clock_.day_index(to - minutes{1}) && i < 400; ++i) d.insert(i);
                return d;
            };
            if (e.remind == reminder_mode::once || !e.end) {
                rows.push_back({std::string(e.title), slot_words(e.slots), {clock_.day_index(e.onset)}});
                continue;
            }
            if (e.slots.empty()) {
                rows.push_back({std::string(e.title), "", days_of(e.onset, *e.end)});
                continue;
            }
            for (auto slot : e.slots) rows.push_back({std::string(e.title), slot_words(enum_set<routine_slot>{slot}), days_of(e.onset, *e.end)});
        }
        return rows;
    }

    std::vector<check_row> rows_from_schedule() const {
        std::vector<check_row> rows;
        const treatment& t = p_.treatment();
        auto index = [&](date::sys_seconds at) { return clock_.day_index(std::chrono::duration_cast<minutes>(at - *t.treated_at)); };
        // Entries in plan order; within one, the series by slot, then its one-off reminders.
        for (const entry& e : p_.entries()) {
            if (e.kind != entry_kind::care) continue;
            for (const reminder_series& x : s_->series()) {
                if (x.entry != e.code) continue;
                check_row r{std::string(e.title), clock_time(x.first), {}};
                for (auto at : x.instants) r.days.insert(index(at));
                rows.push_back(std::move(r));
            }
            for (const reminder& m : s_->reminders()) {
                if (m.entry != e.code || m.series || m.kind != reminder_kind::routine) continue;
                rows.push_back({std::string(e.title), clock_time(m.local), {index(m.at)}});
            }
        }
        check_row checks{"Check your skin", "", {}};
        for (const reminder& m : s_->reminders()) {
            if (m.kind == reminder_kind::check_in) checks.days.insert(index(m.at));
        }
        if (!checks.days.empty()) rows.push_back(std::move(checks));
        return rows;
    }

    static std::string clock_time(date::local_seconds t) {
        const auto day = date::floor<date::days>(t);
        return format_time_of_day(std::chrono::duration_cast<minutes>(t - day));
    }

    void checklist() {
        const bool from_schedule = s_ != nullptr && p_.treatment().treated_at && !s_->reminders().empty();
        const std::vector<check_row> rows = from_schedule ? rows_from_schedule() : rows_from_plan();
        if (rows.empty()) return;
        long last = 0;
        for (const auto& r : rows) {
            if (!r.days.empty()) last = std::max(last, *r.days.rbegin());
        }
        constexpr long max_days = 14;
        const long columns = std::min(last + 1, max_days);
        pg_.raw("<section class=\"checklist\" aria-labelledby=\"h-check\">\n<h2 id=\"h-check\">Daily checklist</h2>\n"
                "<p class=\"hint\">Tick each box when it is done.");
        if (last + 1 > max_days) pg_.text(" Keep going after " + clock_.day(clock_.day_start(max_days - 1) + 12 * hour) + " where a line says so.");
        pg_.raw("</p>\n<table>\n<thead><tr><th scope=\"col\" class=\"what\">Care step</th>");
        for (long d = 0; d < columns; ++d) {
            const std::string label = clock_.day_label(d);  // "Sat 21": weekday over date
            const auto space = label.find(' ');
            pg_.raw("<th scope=\"col\">");
            if (space != std::string::npos) pg_.raw("<span class=\"d\">").text(label.substr(0, space)).raw("</span> ");
            pg_.raw("<span class=\"d\">").text(label.substr(space == std::string::npos ? 0 : space + 1)).raw("</span></th>");
        }
        pg_.raw("</tr></thead>\n<tbody>\n");
        for (const auto& r : rows) {
            pg_.raw("<tr><th scope=\"row\" class=\"what\">").text(r.title);
            std::string detail = r.detail;
            if (!r.days.empty() && *r.days.rbegin() >= columns) {
                detail += (detail.empty() ? "" : "; ") + std::string("until ") + clock_.day(clock_.day_start(*r.days.rbegin()) + 12 * hour);
            }
            if (!detail.empty()) pg_.raw(" <span class=\"slot\">").text(detail).raw("</span>");
            pg_.raw("</th>");
            for (long d = 0; d < columns; ++d) {
                if (r.days.contains(d)) pg_.raw("<td><span class=\"tick\" role=\"img\" aria-label=\"to do\"></span></td>");
                else pg_.raw("<td class=\"off\"></td>");
            }
            pg_.raw("</tr>\n");
        }
        pg_.raw("</tbody>\n</table>\n</section>\n");
    }

    // --- next appointment, notes, sources, footer ----------------------------------------------

    void next_appointment() {
        pg_.raw("<section class=\"next\" aria-labelledby=\"h-next\">\n<h2 id=\"h-next\">Your next appointment</h2>\n");
        const entry* next = p_.find("milestone.next_session");
        if (next) {
            pg_.raw("<p>").text(next->text).raw(" <strong>").text(clock_.long_day(next->onset));
            if (next->end) pg_.raw("</strong> to <strong>").text(clock_.long_day(*next->end));
            pg_.raw("</strong>.");
            numbers(detail::hours_text(next->onset) + (next->end ? "–" + detail::hours_text(*next->end) : std::string{}), next->sources);
            pg_.raw("</p>\n");
        }
        if (const entry* final_ = p_.find("milestone.final_assessment")) {
            // The protocol's text measures from the course's last session ("this long after"); the
            // page gives the date it comes to, and the clinician's copy the text as well.
            pg_.raw("<p><strong>").text(final_->title).raw("</strong>: ").text("from " + clock_.long_day(final_->onset) + ".");
            if (clinician_) pg_.text(" ").text(final_->text);
            numbers("at " + detail::hours_text(final_->onset), final_->sources);
            pg_.raw("</p>\n");
        }
        pg_.raw("<p class=\"booked\"><span class=\"label\">Booked for</span> <span class=\"blank\" aria-label=\"date and time\"></span></p>\n"
                "</section>\n");
    }

    void notes() {
        if (p_.notes().empty()) return;
        pg_.raw("<section class=\"notes\" aria-labelledby=\"h-notes\">\n<h2 id=\"h-notes\">Good to know</h2>\n<ul>\n");
        for (const plan_note& n : p_.notes()) {
            pg_.raw("<li>").text(n.text);
            numbers("", n.sources);
            pg_.raw("</li>\n");
        }
        pg_.raw("</ul>\n</section>\n");
    }

    void sources() {
        for (const plan_note& n : p_.notes()) used_sources_.insert(n.sources.begin(), n.sources.end());
        pg_.raw("<section class=\"sources\" aria-labelledby=\"h-sources\">\n<h2 id=\"h-sources\">Sources</h2>\n<ul>\n");
        for (auto key : used_sources_) {
            const source* src = p_.protocol().find_source(key);
            if (!src) continue;
            pg_.raw("<li><strong>").text(key).raw("</strong> ").text(src->citation);
            if (!src->tier.empty()) pg_.text(" (tier " + std::string(src->tier) + ")");
            if (!src->url.empty()) pg_.raw(" <span class=\"url\">").text(src->url).raw("</span>");
            pg_.raw("</li>\n");
        }
        pg_.raw("</ul>\n</section>\n");
    }

    void footer() {
        pg_.raw("<footer>\n<p>").text(p_.protocol().disclaimer()).raw("</p>\n<p class=\"protocol\">Protocol ");
        pg_.text(p_.protocol().id()).text(" version ").text(p_.protocol().version());
        pg_.raw(". Made with aftercare " AFTERCARE_VERSION_STRING ".</p>\n</footer>\n");
    }
};

}  // namespace

std::string to_html(const plan& p, const html_options& options) {
    return writer(p, nullptr, options, options.zone).run();
}

std::string to_html(const reminder_schedule& s, const html_options& options) {
    return writer(s.plan(), &s, options, options.zone ? options.zone : s.zone()).run();
}

// --- shared pieces -------------------------------------------------------------------------------

namespace detail {

void html_escape(std::string& out, std::string_view text) {
    for (char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            default: out += c;
        }
    }
}

handout_clock::handout_clock(const plan& p, zone_ref zone) : treated_at_(p.treatment().treated_at), zone_(zone) {}

date::local_seconds handout_clock::local(minutes offset) const {
    const auto instant = *treated_at_ + offset;
    return zone_ ? to_local(instant, *zone_) : date::local_seconds{instant.time_since_epoch()};
}

std::string handout_clock::when(minutes offset) const {
    if (!treated_at_) return hours_text(offset) + " after treatment";
    return short_local_text(local(offset));
}

std::string handout_clock::day(minutes offset) const {
    if (!treated_at_) return "day " + std::to_string(day_index(offset) + 1);
    return short_day_text(date::floor<date::days>(local(offset)));
}

std::string handout_clock::long_day(minutes offset) const {
    if (!treated_at_) return "day " + std::to_string(day_index(offset) + 1);
    return day_text(date::floor<date::days>(local(offset)));
}

long handout_clock::day_index(minutes offset) const {
    if (!treated_at_) return static_cast<long>(date::floor<date::days>(offset).count());
    return static_cast<long>((date::floor<date::days>(local(offset)) - date::floor<date::days>(local(minutes{0}))).count());
}

minutes handout_clock::day_start(long index) const {
    if (!treated_at_) return std::chrono::duration_cast<minutes>(date::days{index});
    const date::local_days d = date::floor<date::days>(local(minutes{0})) + date::days{index};
    const date::sys_seconds start = zone_ ? to_utc(date::local_seconds{d}, *zone_)  // a midnight in a gap: the gap's end
                                          : date::sys_seconds{date::local_seconds{d}.time_since_epoch()};
    return std::chrono::duration_cast<minutes>(start - *treated_at_);
}

std::string handout_clock::day_label(long index) const {
    if (!treated_at_) return std::to_string(index + 1);
    const date::local_days d = date::floor<date::days>(local(minutes{0})) + date::days{index};
    const date::year_month_day ymd{d};
    return std::string(weekday_names[date::weekday{d}.c_encoding()]) + " " + std::to_string(static_cast<unsigned>(ymd.day()));
}

}  // namespace detail

}  // namespace aftercare
