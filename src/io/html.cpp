// The handout page (io/html.hpp): header, help boxes, timeline, day bands, checklist, next
// appointment, footer. Written straight into one string; the timeline is html_timeline.cpp, the
// clinic profile html_clinic.cpp, the style sheet html_style.cpp.
#include "aftercare/io/html.hpp"

#include "aftercare/time.hpp"
#include "aftercare/version.hpp"
#include "io/html_common.hpp"
#include "io/text_toolkit.hpp"
#include "i18n/messages.hpp"

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
    const char* title;  // message id
    minutes from;
    std::optional<minutes> to;
};
constexpr std::array<band, 4> bands{{
    {"html.band.first_day", minutes{0}, 24 * hour},
    {"html.band.days_2_3", 24 * hour, 72 * hour},
    {"html.band.days_4_7", 72 * hour, 168 * hour},
    {"html.band.week_2", 168 * hour, std::nullopt},
}};

bool overlaps(minutes from, std::optional<minutes> to, const band& b) {
    return (!b.to || from < *b.to) && (!to || *to > b.from);
}

std::string_view likelihood_words(const detail::catalogue& w, likelihood l) {
    return l == likelihood::expected ? std::string_view{} : w.word("likelihood", to_string(l));
}

/// "Morning and evening": the first slot's word capitalised (html.slot.<code>.first), the others
/// joined with ", " and the locale's " and ".
std::string slot_words(const detail::catalogue& w, enum_set<routine_slot> slots) {
    std::string r;
    std::size_t i = 0;
    const std::size_t n = static_cast<std::size_t>(std::distance(slots.begin(), slots.end()));
    for (auto s : slots) {
        r += i == 0 ? "" : (i + 1 == n ? std::string(w.text("html.list.and")) : std::string(", "));
        r += w.text("html.slot." + std::string(to_string(s)) + (i == 0 ? ".first" : ""));
        ++i;
    }
    return r;
}

class writer {
public:
    writer(const plan& p, const reminder_schedule* s, const html_options& o, zone_ref zone)
        : p_(p), s_(s), o_(o), clock_(p, zone), w_(clock_.words()), clinician_(o.copy == handout_copy::clinician) {}

    std::string run() {
        pg_.out.reserve(48 * 1024);
        head();
        pg_.raw("<body>\n<main class=\"handout\">\n");
        top();
        help_boxes();
        timeline();
        day_bands();
        checklist();
        pg_.raw("<div class=\"closing\">\n");
        next_appointment();
        notes();
        pg_.raw("</div>\n");
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
    const detail::catalogue& w_;
    bool clinician_;
    page pg_;
    std::set<std::string_view> used_sources_;
    std::string todo_ = [this] {
        std::string s;
        detail::html_escape(s, w_.text("html.check.todo"));
        return s;
    }();

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
        pg_.raw("<!DOCTYPE html>\n<html lang=\"").text(locale_of(p_.protocol())).raw("\">\n<head>\n<meta charset=\"utf-8\">\n"
                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
        pg_.text(w_.text(clinician_ ? "html.title.clinician" : "html.title.patient"));
        if (!o_.clinic.name.empty()) pg_.text(" — ").text(o_.clinic.name);
        pg_.raw("</title>\n<meta name=\"generator\" content=\"aftercare " AFTERCARE_VERSION_STRING "\">\n<style>\n");
        pg_.raw(handout_css());
        // Other languages have longer words than the narrow day-band columns were drawn for: let the
        // browser hyphenate them (by the page's lang) rather than run a word past its column.
        if (locale_of(p_.protocol()) != "en") pg_.raw(".cols, .checklist th.what { hyphens: auto; overflow-wrap: break-word; }\n");
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
                pg_.raw("<img class=\"logo\" src=\"").text(c.logo).raw("\" alt=\"").text(c.name.empty() ? w_.text("html.logo_alt") : std::string_view(c.name)).raw("\">");
            }
            pg_.raw("<div class=\"who\">");
            if (!c.name.empty()) pg_.raw("<p class=\"clinic-name\">").text(c.name).raw("</p>");
            if (!c.address.empty()) pg_.raw("<p class=\"address\">").text(c.address).raw("</p>");
            pg_.raw("</div>");
            if (!c.phone.empty() || !c.after_hours.empty()) {
                pg_.raw("<dl class=\"phones\">");
                // A row (div) per number: laid out as a table, which WeasyPrint sizes right (a grid of
                // bold, unbreakable numbers it made too narrow, cutting the last digit).
                if (!c.phone.empty()) pg_.raw("<div><dt>").text(w_.text("html.phone.clinic")).raw("</dt><dd>").text(c.phone).raw("</dd></div>");
                if (!c.after_hours.empty()) pg_.raw("<div><dt>").text(w_.text("html.phone.after_hours")).raw("</dt><dd>").text(c.after_hours).raw("</dd></div>");
                pg_.raw("</dl>");
            }
            pg_.raw("</div>\n");
        }
        // The title block and the emergency box side by side on paper (stacked on a phone).
        pg_.raw("<div class=\"intro\">\n<div class=\"title\">\n<h1>").text(w_.text(clinician_ ? "html.h1.clinician" : "html.h1.patient")).raw("</h1>\n");
        if (review_of(p_.protocol()) == review_status::machine) pg_.raw("<p class=\"notice\">").text(w_.text("notice.machine")).raw("</p>\n");
        const treatment& t = p_.treatment();
        pg_.raw("<p class=\"patient\"><span class=\"label\">").text(w_.text("html.for")).raw("</span> ");
        if (o_.patient_name.empty()) pg_.raw("<span class=\"blank\" aria-label=\"").text(w_.text("html.patient_name")).raw("\"></span>");
        else pg_.raw("<strong>").text(o_.patient_name).raw("</strong>");
        pg_.raw("</p>\n<p class=\"treatment\">");
        if (t.treated_at) {
            std::string day = "<strong>";
            detail::html_escape(day, clock_.long_day(minutes{0}));
            day += "</strong>";
            std::string at;
            detail::html_escape(at, w_.time_of_day(clock_.minute_of_day(minutes{0})));
            detail::html_format(pg_.out, w_.text("html.treated"), {{"date", day}, {"time", at}});
        } else {
            pg_.text(w_.text("html.treatment_plain"));
        }
        pg_.text(w_.format("html.treatment", {{"device", w_.text("html.device." + std::string(to_string(t.device)))}, {"depth", w_.number(to_string(t.depth))},
                                              {"area", w_.text("html.area." + std::string(to_string(t.area)))}}));
        if (clinician_) {
            pg_.raw(" <small class=\"num\">").text(w_.format("html.num.treatment", {{"tier", p_.tier()}, {"skin_type", to_string(t.skin_type)},
                                                                                   {"session", std::to_string(t.session)}}));
            if (t.indication) pg_.text(", ").text(w_.word("indication", to_string(*t.indication)));
            for (auto a : t.adjuncts) pg_.text(", ").text(w_.word("adjunct", to_string(a)));
            if (t.treated_at) pg_.text(", ").text(format_rfc3339(*t.treated_at, o_.zone ? o_.zone : (s_ ? s_->zone() : nullptr)));
            pg_.raw("</small>");
        }
        pg_.raw("</p>\n</div>\n");
        emergency_box();
        pg_.raw("</div>\n</header>\n");
    }

    /// `s` without a doubled full stop at its end (a date that ends in an abbreviation, "2027 р.").
    static std::string sentence(std::string s) {
        if (s.ends_with("..")) s.pop_back();
        return s;
    }

    /// The clinician's numbers of a red flag: "level contact_clinic, from 72 h, until 14 d".
    std::string flag_numbers(const entry& e) const {
        std::string n = w_.format("html.num.level", {{"level", w_.word("level", to_string(*e.level))}});
        if (e.onset > minutes{0}) n += w_.format("html.num.from", {{"from", w_.hours(e.onset)}});
        if (e.end) n += w_.format("html.num.until", {{"until", w_.hours(*e.end)}});
        return n;
    }

    void flag_item(const entry& e, bool with_advice) {
        pg_.raw("<li><strong>").text(e.title).raw("</strong>");
        if (e.onset > minutes{0}) pg_.raw(" <span class=\"when\">").text(w_.format("html.from", {{"when", clock_.when(e.onset)}})).raw("</span>");
        else if (e.end) pg_.raw(" <span class=\"when\">").text(w_.format("html.until", {{"when", clock_.when(*e.end)}})).raw("</span>");
        if (with_advice && !e.advice.empty()) pg_.raw(" <span class=\"advice\">").text(e.advice).raw("</span>");
        numbers(flag_numbers(e), e.sources);
        pg_.raw("</li>\n");
    }

    /// The flags of `level`, each once by its title on the patient's copy (two rules may name the
    /// same sign, "Fever or chills" with and without a skin change); the clinician's copy lists each
    /// rule with its numbers.
    void flag_list(triage_level level, bool with_advice) {
        pg_.raw("<ul>\n");
        std::set<std::string_view> titles;
        for (const entry& e : p_.entries()) {
            if (e.kind != entry_kind::red_flag || e.level != level) continue;
            if (!titles.insert(e.title).second && !clinician_) continue;
            flag_item(e, with_advice);
        }
        pg_.raw("</ul>\n");
    }

    /// The flags of `level` grouped by from when they apply: "At any time: A; B. From Sat 28 Nov: C; D."
    void grouped_flags(triage_level level) {
        std::map<minutes, std::vector<const entry*>> by_onset;
        std::set<std::pair<minutes, std::string_view>> titles;  // each once per group on the patient's copy, as in flag_list
        for (const entry& e : p_.entries()) {
            if (e.kind != entry_kind::red_flag || e.level != level) continue;
            if (!titles.emplace(e.onset, e.title).second && !clinician_) continue;
            by_onset[e.onset].push_back(&e);
        }
        pg_.raw("<ul class=\"groups\">\n");
        for (const auto& [onset, flags] : by_onset) {
            pg_.raw("<li><span class=\"lead\">").text(onset > minutes{0} ? w_.format("html.group.from", {{"when", clock_.when(onset)}}) : std::string(w_.text("html.group.any"))).raw("</span> <ul class=\"inline\">");
            for (std::size_t i = 0; i < flags.size(); ++i) {
                const entry& e = *flags[i];
                pg_.raw("<li>").text(e.title);
                if (e.end) pg_.raw(" <span class=\"when\">").text(w_.format("html.until", {{"when", clock_.when(*e.end)}})).raw("</span>");
                numbers(flag_numbers(e), e.sources);
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

    void emergency_box() {
        if (!any_flag(triage_level::emergency)) return;
        pg_.raw("<section class=\"box emergency\" aria-labelledby=\"h-emergency\">\n"
                "<h2 id=\"h-emergency\">").text(w_.text("html.h.emergency")).raw("</h2>\n");
        flag_list(triage_level::emergency, false);
        pg_.raw("</section>\n");
    }

    void help_boxes() {
        const clinic_details& c = o_.clinic;
        pg_.raw("<div class=\"help\">\n");
        pg_.raw("<section class=\"box call\" aria-labelledby=\"h-call\">\n<h2 id=\"h-call\">");
        std::string phone;
        if (!c.phone.empty()) {
            phone = " <span class=\"phone\">";
            detail::html_escape(phone, c.phone);
            phone += "</span>";
        }
        detail::html_format(pg_.out, w_.text("html.h.call"), {{"phone", phone}});
        pg_.raw("</h2>\n");
        if (!c.after_hours.empty()) {
            std::string number = "<strong>";
            detail::html_escape(number, c.after_hours);
            number += "</strong>";
            pg_.raw("<p class=\"after-hours\">");
            detail::html_format(pg_.out, w_.text("html.out_of_hours"), {{"phone", number}});
            pg_.raw("</p>\n");
        }
        if (any_flag(triage_level::urgent)) {
            pg_.raw("<h3>").text(w_.text("html.h.urgent")).raw("</h3>\n");
            flag_list(triage_level::urgent, false);
        }
        if (any_flag(triage_level::contact_clinic)) {
            pg_.raw("<h3>").text(w_.text("html.h.soon")).raw("</h3>\n");
            grouped_flags(triage_level::contact_clinic);
        }
        pg_.raw("</section>\n</div>\n");
    }

    void timeline() {
        pg_.raw("<section class=\"timeline\" aria-labelledby=\"h-timeline\">\n<h2 id=\"h-timeline\">").text(w_.text("html.h.timeline")).raw("</h2>\n");
        detail::timeline_svg(pg_.out, p_, clock_);
        pg_.raw("</section>\n");
    }

    // --- day bands ----------------------------------------------------------------------------

    /// The patient's copy prints an entry's shorter `print_text` when the protocol has one (for a red
    /// flag it stands for text and advice); the clinician's copy keeps the full text.
    const detail::entry_def* def_of(const entry& e) const {
        const detail::protocol_data& d = p_.protocol().data();
        const auto i = d.find_entry(e.code);
        return i == detail::no_index ? nullptr : &d.entries[i];
    }
    std::string_view day_text(const entry& e) const {
        const detail::entry_def* d = clinician_ ? nullptr : def_of(e);
        return d && !d->print_text.empty() ? d->print_text : e.text;
    }
    std::string day_flag_text(const entry& e) const {
        const detail::entry_def* d = clinician_ ? nullptr : def_of(e);
        if (d && !d->print_text.empty()) return std::string(d->print_text);
        return std::string(e.text) + " " + std::string(e.advice);
    }
    std::string_view day_text(const entry& e, const stage& s) const {
        if (const detail::entry_def* d = clinician_ ? nullptr : def_of(e)) {
            for (const detail::stage_def& sd : d->stages) {
                if (sd.code == s.code && !sd.print_text.empty()) return sd.print_text;
            }
        }
        return s.text;
    }

    void band_dates(const band& b) {
        pg_.raw(" <span class=\"dates\">");
        if (!clock_.dated()) {
            pg_.raw("</span>");
            return;
        }
        if (b.to) pg_.text(w_.format("html.band.range", {{"from", clock_.day(b.from)}, {"to", clock_.day(*b.to - minutes{1})}}));
        else pg_.text(w_.format("html.band.from", {{"from", clock_.day(b.from)}}));
        pg_.raw("</span>");
    }

    void day_bands() {
        pg_.raw("<section class=\"days\" aria-labelledby=\"h-days\">\n<h2 id=\"h-days\">").text(w_.text("html.h.days")).raw("</h2>\n");
        std::set<std::string_view> seen;
        for (const band& b : bands) {
            pg_.raw("<section class=\"band\">\n<h3>").text(w_.text(b.title));
            band_dates(b);
            pg_.raw("</h3>\n");
            const auto open = pg_.out.size();
            pg_.raw("<div class=\"cols\">\n");
            const auto empty = pg_.out.size();
            column("html.col.expect", "expect", [&] { expect_items(b, seen); });
            column("html.col.do", "do", [&] { do_items(b, seen); });
            column("html.col.avoid", "avoid", [&] { avoid_items(b); });
            const bool only = pg_.out.size() == empty;  // no column: the band is its "Allowed again" line, if any
            if (only) pg_.out.resize(open);
            else pg_.raw("</div>\n");
            lifted_items(b, only);
            pg_.raw("</section>\n");
        }
        pg_.raw("</section>\n");
    }

    template <class F>
    void column(const char* title, const char* cls, F items) {
        const auto start = pg_.out.size();
        pg_.raw("<div class=\"col ").raw(cls).raw("\"><h4>").text(w_.text(title)).raw("</h4>\n<ul>\n");
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
                const auto l = likelihood_words(w_, *e.likely);
                if (!l.empty()) pg_.raw(" <span class=\"likely\">(").text(l).raw(")</span>");
                pg_.text(". ").text(day_text(e));
                if (e.onset > b.from) pg_.text(" " + w_.format("html.from_about", {{"when", clock_.when(e.onset)}}));
                if (e.end) pg_.raw(" <span class=\"until\">").text(w_.format("html.gone_by", {{"when", clock_.when(*e.end)}})).raw("</span>");
                std::string n = w_.hours(e.onset) + "–" + w_.hours(*e.end);
                if (e.end_range) n += w_.format("html.num.sources", {{"from", w_.hours(e.end_range->first)}, {"to", w_.hours(e.end_range->second)}});
                if (e.abnormal_after) n += w_.format("html.num.abnormal", {{"abnormal", w_.hours(*e.abnormal_after)}});
                numbers(n, e.sources);
                pg_.raw("</li>\n");
            } else if (e.kind == entry_kind::red_flag && e.level == triage_level::monitor && overlaps(e.onset, e.end, b)) {
                if (!seen.insert(e.code).second) continue;
                pg_.raw("<li class=\"watch\"><strong>").text(e.title).raw("</strong> <span class=\"likely\">(").text(w_.text("html.watch")).raw(")</span>. ").text(day_flag_text(e));
                numbers(flag_numbers(e), e.sources);
                pg_.raw("</li>\n");
            } else if (e.kind == entry_kind::milestone && e.code != "milestone.next_session" && e.code != "milestone.final_assessment" &&
                       overlaps(e.onset, e.onset + minutes{1}, b)) {
                pg_.raw("<li><strong>").text(e.title).raw("</strong>. ").text(day_text(e));
                pg_.raw(" <span class=\"until\">").text(w_.format("html.from_dot", {{"when", clock_.when(e.onset)}})).raw("</span>");
                numbers(w_.format("html.num.at", {{"at", w_.hours(e.onset)}}), e.sources);
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
            const std::string slots = slot_words(w_, e.slots);
            if (!seen.insert(e.code).second) continue;
            pg_.raw("<li><strong>").text(e.title).raw("</strong>. ").text(day_text(e));
            pg_.raw(" <span class=\"until\">");
            if (once) {
                pg_.text(e.onset > minutes{0} ? " " + clock_.when(e.onset) + "." : " " + std::string(w_.text("html.today")));
            } else {
                if (!slots.empty()) pg_.text(" " + slots + ".");
                if (e.onset > b.from) pg_.text(" " + w_.format("html.from_dot", {{"when", clock_.when(e.onset)}}));
                if (e.end) pg_.text(" " + w_.format("html.until_dot", {{"when", clock_.when(*e.end)}}));
            }
            pg_.raw("</span>");
            numbers(w_.hours(e.onset) + (e.end ? "–" + w_.hours(*e.end) : std::string{}), e.sources);
            pg_.raw("</li>\n");
        }
    }

    /// What is allowed again in band `b`, a line under its columns: the restrictions whose last stage
    /// ends in it. Each of them was listed, with its date, under an earlier band's "What to avoid", so
    /// print leaves the line out unless it is all the band has (`only`).
    void lifted_items(const band& b, bool only) {
        std::vector<const entry*> lifted;
        for (const entry& e : p_.entries()) {
            if (e.kind == entry_kind::restriction && !e.stages.empty() && e.end && *e.end >= b.from && (!b.to || *e.end < *b.to)) lifted.push_back(&e);
        }
        if (lifted.empty()) return;
        // One item per time, earliest first, each a sentence: "Makeup, Alcohol from Mon 23 Nov 14:00."
        // (a full stop, not a semicolon, before a group that starts "Sun, ...", lest it read as a day).
        std::stable_sort(lifted.begin(), lifted.end(), [](const entry* x, const entry* y) { return *x->end < *y->end; });
        pg_.raw(only ? "<div class=\"lifted only\"><strong>" : "<div class=\"lifted\"><strong>").text(w_.text("html.allowed_again")).raw("</strong> <ul class=\"inline\">");
        for (std::size_t i = 0; i < lifted.size();) {
            std::size_t j = i;
            pg_.raw("<li>");
            for (; j < lifted.size() && *lifted[j]->end == *lifted[i]->end; ++j) pg_.text(j > i ? ", " : "").text(lifted[j]->title);
            pg_.raw(" <span class=\"until\">").text(w_.format("html.from", {{"when", clock_.when(*lifted[i]->end)}})).raw("</span>");
            pg_.raw(j < lifted.size() ? ".</li> " : ".</li>");  // a space between the sentences
            i = j;
        }
        pg_.raw("</ul></div>\n");
    }

    void avoid_items(const band& b) {
        for (const entry& e : p_.entries()) {
            if (e.kind != entry_kind::restriction) continue;
            minutes from{0};
            for (std::size_t k = 0; k < e.stages.size(); ++k) {
                const stage& s = e.stages[k];
                if (s.until > from && overlaps(from, s.until, b) && from >= b.from) {
                    pg_.raw("<li><strong>").text(e.title).raw("</strong>. ").text(day_text(e, s));
                    pg_.raw(" <span class=\"until\">").text(w_.format("html.until_dot", {{"when", clock_.when(s.until)}})).raw("</span>");
                    numbers(w_.hours(from) + "–" + w_.hours(s.until), k == 0 ? e.sources : std::span<const std::string_view>{});
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
                rows.push_back({std::string(e.title), slot_words(w_, e.slots), {clock_.day_index(e.onset)}});
                continue;
            }
            if (e.slots.empty()) {
                rows.push_back({std::string(e.title), "", days_of(e.onset, *e.end)});
                continue;
            }
            for (auto slot : e.slots) rows.push_back({std::string(e.title), slot_words(w_, enum_set<routine_slot>{slot}), days_of(e.onset, *e.end)});
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
        check_row checks{std::string(w_.text("html.check.skin")), "", {}};
        for (const reminder& m : s_->reminders()) {
            if (m.kind == reminder_kind::check_in) checks.days.insert(index(m.at));
        }
        if (!checks.days.empty()) rows.push_back(std::move(checks));
        return rows;
    }

    std::string clock_time(date::local_seconds t) const {
        const auto day = date::floor<date::days>(t);
        return w_.time_of_day(std::chrono::duration_cast<minutes>(t - day));
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
        pg_.raw("<section class=\"checklist\" aria-labelledby=\"h-check\">\n<h2 id=\"h-check\">").text(w_.text("html.h.checklist")).raw("</h2>\n"
                "<p class=\"hint\">").text(w_.text("html.check.hint"));
        if (last + 1 > max_days) pg_.text(" " + w_.format("html.check.keep_going", {{"day", clock_.day(clock_.day_start(max_days - 1) + 12 * hour)}}));
        pg_.raw("</p>\n<table>\n<thead><tr><th scope=\"col\" class=\"what\">").text(w_.text("html.check.step")).raw("</th>");
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
                detail += (detail.empty() ? "" : "; ") + w_.format("html.until", {{"when", clock_.day(clock_.day_start(*r.days.rbegin()) + 12 * hour)}});
            }
            if (!detail.empty()) pg_.raw(" <span class=\"slot\">").text(detail).raw("</span>");
            pg_.raw("</th>");
            for (long d = 0; d < columns; ++d) {
                if (r.days.contains(d)) pg_.raw("<td><span class=\"tick\" role=\"img\" aria-label=\"").raw(todo_).raw("\"></span></td>");
                else pg_.raw("<td class=\"off\"></td>");
            }
            pg_.raw("</tr>\n");
        }
        pg_.raw("</tbody>\n</table>\n</section>\n");
    }

    // --- next appointment, notes, sources, footer ----------------------------------------------

    void next_appointment() {
        pg_.raw("<section class=\"next\" aria-labelledby=\"h-next\">\n<h2 id=\"h-next\">").text(w_.text("html.h.next")).raw("</h2>\n");
        const entry* next = p_.find("milestone.next_session");
        if (next) {
            pg_.raw("<p>").text(next->text).raw(" ");
            auto strong = [](const std::string& s) {
                std::string out = "<strong>";
                detail::html_escape(out, s);
                return out + "</strong>";
            };
            if (next->end) detail::html_format(pg_.out, w_.text("html.next.range"), {{"from", strong(clock_.long_day(next->onset))}, {"to", strong(clock_.long_day(*next->end))}});
            else pg_.raw(strong(clock_.long_day(next->onset)));
            if (!pg_.out.ends_with(".</strong>")) pg_.raw(".");  // a date that ends in "р." ends the sentence too
            numbers(w_.hours(next->onset) + (next->end ? "–" + w_.hours(*next->end) : std::string{}), next->sources);
            pg_.raw("</p>\n");
        }
        if (const entry* final_ = p_.find("milestone.final_assessment")) {
            // The protocol's text measures from the course's last session ("this long after"); the
            // page gives the date it comes to, and the clinician's copy the text as well.
            pg_.raw("<p><strong>").text(final_->title).raw("</strong>: ").text(sentence(w_.format("html.final_from", {{"date", clock_.long_day(final_->onset)}})));
            if (clinician_) pg_.text(" ").text(final_->text);
            numbers(w_.format("html.num.at", {{"at", w_.hours(final_->onset)}}), final_->sources);
            pg_.raw("</p>\n");
        }
        pg_.raw("<p class=\"booked\"><span class=\"label\">").text(w_.text("html.booked")).raw("</span> <span class=\"blank\" aria-label=\"")
            .text(w_.text("html.booked_aria")).raw("\"></span></p>\n</section>\n");
    }

    void notes() {
        if (p_.notes().empty()) return;
        pg_.raw("<section class=\"notes\" aria-labelledby=\"h-notes\">\n<h2 id=\"h-notes\">").text(w_.text("html.h.notes")).raw("</h2>\n<ul>\n");
        for (const plan_note& n : p_.notes()) {
            pg_.raw("<li>").text(n.text);
            numbers("", n.sources);
            pg_.raw("</li>\n");
        }
        pg_.raw("</ul>\n</section>\n");
    }

    void sources() {
        for (const plan_note& n : p_.notes()) used_sources_.insert(n.sources.begin(), n.sources.end());
        pg_.raw("<section class=\"sources\" aria-labelledby=\"h-sources\">\n<h2 id=\"h-sources\">").text(w_.text("html.h.sources")).raw("</h2>\n<ul>\n");
        for (auto key : used_sources_) {
            const source* src = p_.protocol().find_source(key);
            if (!src) continue;
            pg_.raw("<li><strong>").text(key).raw("</strong> ").text(src->citation);
            if (!src->tier.empty()) pg_.text(w_.format("html.source_tier", {{"tier", src->tier}}));
            if (!src->url.empty()) pg_.raw(" <span class=\"url\">").text(src->url).raw("</span>");
            pg_.raw("</li>\n");
        }
        pg_.raw("</ul>\n</section>\n");
    }

    void footer() {
        pg_.raw("<footer>\n<p>").text(p_.protocol().disclaimer()).raw("</p>\n<p class=\"protocol\">");
        pg_.text(w_.format("html.footer", {{"id", p_.protocol().id()}, {"version", p_.protocol().version()}, {"aftercare", AFTERCARE_VERSION_STRING}}));
        pg_.raw("</p>\n</footer>\n");
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

handout_clock::handout_clock(const plan& p, zone_ref zone)
    : treated_at_(p.treatment().treated_at), zone_(zone), w_(&words_of(p.protocol().data())) {}

void html_format(std::string& out, std::string_view pattern, std::initializer_list<message_arg> markup) {
    std::size_t i = 0;
    while (i < pattern.size()) {
        const std::size_t open = pattern.find('{', i);
        if (open == std::string_view::npos) break;
        const std::size_t close = pattern.find('}', open);
        if (close == std::string_view::npos) break;
        const std::string_view name = pattern.substr(open + 1, close - open - 1);
        const auto* it = std::find_if(markup.begin(), markup.end(), [&](const message_arg& a) { return a.first == name; });
        html_escape(out, pattern.substr(i, (it == markup.end() ? close + 1 : open) - i));
        if (it != markup.end()) out += it->second;
        i = close + 1;
    }
    html_escape(out, pattern.substr(std::min(i, pattern.size())));
}

std::chrono::minutes handout_clock::minute_of_day(minutes offset) const {
    const auto t = local(offset);
    return std::chrono::duration_cast<minutes>(t - date::floor<date::days>(t));
}

date::local_seconds handout_clock::local(minutes offset) const {
    const auto instant = *treated_at_ + offset;
    return zone_ ? to_local(instant, *zone_) : date::local_seconds{instant.time_since_epoch()};
}

std::string handout_clock::when(minutes offset) const {
    if (!treated_at_) return w_->format("html.clock.after", {{"hours", w_->hours(offset)}});
    return w_->short_local(local(offset));
}

std::string handout_clock::day(minutes offset) const {
    if (!treated_at_) return w_->format("html.clock.day", {{"day", std::to_string(day_index(offset) + 1)}});
    return w_->short_day(date::floor<date::days>(local(offset)));
}

std::string handout_clock::long_day(minutes offset) const {
    if (!treated_at_) return w_->format("html.clock.day", {{"day", std::to_string(day_index(offset) + 1)}});
    return w_->day(date::floor<date::days>(local(offset)));
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
    return w_->weekdays[date::weekday{d}.c_encoding()] + " " + std::to_string(static_cast<unsigned>(ymd.day()));
}

}  // namespace detail

}  // namespace aftercare
