// make_plan: the numbers from evaluate(), the words and sources from the protocol.
#include "aftercare/plan.hpp"

#include "aftercare/error.hpp"
#include "aftercare/time.hpp"
#include "plan/plan_data.hpp"
#include "protocol/protocol_data.hpp"

#include <algorithm>
#include <initializer_list>
#include <string>

namespace aftercare {

namespace {

using detail::minutes;

std::string mm_text(needle_depth d) { return to_string(d) + " mm"; }

[[noreturn]] void reject(std::string field, std::string value, std::string allowed, const std::string& message) {
    throw invalid_value(std::move(field), std::move(value), std::move(allowed), message);
}

template <code_enum E>
void check_enum(E e) {
    if (to_string(e).empty()) {
        const auto raw = std::to_string(static_cast<unsigned>(e));
        std::string allowed;
        for (auto c : detail::code_table<E>::codes) allowed += (allowed.empty() ? "" : ", ") + std::string(c);
        reject(std::string(detail::code_table<E>::field), raw, allowed,
               std::string(detail::code_table<E>::field) + " " + raw + " is not one of " + allowed);
    }
}

// Collects de-duplicated strings for one entry into the plan's flat store.
class span_builder {
public:
    explicit span_builder(std::vector<std::string_view>& store) : store_(store), first_(store.size()) {}
    void add(std::string_view s) {
        if (s.empty()) return;
        if (std::find(store_.begin() + static_cast<std::ptrdiff_t>(first_), store_.end(), s) == store_.end()) store_.push_back(s);
    }
    void add(std::span<const std::string_view> many) {
        for (auto s : many) add(s);
    }
    [[nodiscard]] std::pair<std::size_t, std::size_t> range() const { return {first_, store_.size() - first_}; }

private:
    std::vector<std::string_view>& store_;
    std::size_t first_;
};

struct pending_spans {
    std::pair<std::size_t, std::size_t> sources, notes, stages;
};

}  // namespace

void check_treatment(const treatment& t, const protocol& p) {
    const detail::protocol_data& d = p.data();
    check_enum(t.device);
    check_enum(t.area);
    if (t.indication) check_enum(*t.indication);
    for (auto a : t.adjuncts) check_enum(a);
    for (auto h : t.history) check_enum(h);

    const auto lo = *d.depth.min, hi = *d.depth.max;
    const std::string span = to_string(lo) + "–" + to_string(hi) + " mm";
    if (t.depth <= needle_depth{} || t.depth < lo || hi < t.depth) {
        reject("depth", mm_text(t.depth), span, "depth " + mm_text(t.depth) + " is outside " + span);
    }
    const detail::depth_limit& dev = d.device_depth[static_cast<std::size_t>(t.device)];
    const std::string device_name(to_string(t.device));
    if (dev.max && *dev.max < t.depth) {
        reject("depth", mm_text(t.depth), "at most " + mm_text(*dev.max) + " for " + device_name,
               "depth " + mm_text(t.depth) + " is too deep for a " + device_name + " (at most " + mm_text(*dev.max) + ")");
    }
    if (dev.min && t.depth < *dev.min) {
        reject("depth", mm_text(t.depth), "at least " + mm_text(*dev.min) + " for " + device_name,
               "depth " + mm_text(t.depth) + " is too shallow for " + device_name + " (at least " + mm_text(*dev.min) + ")");
    }
    const detail::depth_limit& ar = d.area_depth[static_cast<std::size_t>(t.area)];
    if (ar.max && *ar.max < t.depth) {
        const std::string area_name(to_string(t.area));
        reject("depth", mm_text(t.depth), "at most " + mm_text(*ar.max) + " on the " + area_name,
               "depth " + mm_text(t.depth) + " is too deep for the " + area_name + " area (at most " + mm_text(*ar.max) + ")");
    }
    if (!t.skin_type.ok()) {
        reject("skin_type", std::to_string(t.skin_type.value()), "I–VI (1–6)",
               "skin_type " + std::to_string(t.skin_type.value()) + " is outside Fitzpatrick I–VI (1–6)");
    }
    if (t.treated_at) check_instant_range(*t.treated_at, "treated_at");
    if (t.session < 1) {
        reject("session", std::to_string(t.session), "1 or more", "session " + std::to_string(t.session) + " is not 1 or more");
    }
}

plan::plan(std::shared_ptr<const detail::plan_data> data) noexcept : data_(std::move(data)) {}

std::span<const entry> plan::entries() const& noexcept { return data_->entries; }
std::span<const plan_note> plan::notes() const& noexcept { return data_->notes; }
std::string_view plan::tier() const& noexcept { return data_->tier; }
const treatment& plan::treatment() const& noexcept { return data_->treatment; }
const protocol& plan::protocol() const& noexcept { return data_->protocol; }

const entry* plan::find(std::string_view code) const& noexcept {
    for (const entry& e : data_->entries) {
        if (e.code == code) return &e;
    }
    return nullptr;
}

plan make_plan(const treatment& t, const aftercare::protocol& p) {
    check_treatment(t, p);
    const detail::protocol_data& d = p.data();
    const std::size_t tier = d.tier_index(t.depth);

    detail::evaluation ev;
    detail::evaluate(d, t, tier, ev);

    auto out = std::make_shared<detail::plan_data>();
    out->protocol = p;
    out->treatment = t;
    out->tier = d.tiers[tier].id;
    out->entries.reserve(d.entries.size() + 2);
    out->stages.reserve(d.stage_count);
    out->strings.reserve(d.entries.size() * 12);
    std::vector<pending_spans> spans;
    spans.reserve(d.entries.size() + 2);

    auto at = [&](minutes m) -> std::optional<date::sys_seconds> {
        if (!t.treated_at) return std::nullopt;
        return *t.treated_at + m;
    };
    // Sources behind a time: its own when it is a number, the referenced value's otherwise.
    auto time_sources = [&](const detail::time_value& v, span_builder& b) {
        const detail::time_value* cur = &v;
        for (int hops = 0; cur->is_ref && hops < 64; ++hops) {
            const detail::entry_def& target = d.entries[cur->ref_entry];
            if (cur->ref_stage != detail::no_index) {
                cur = &target.stages[cur->ref_stage - target.first_stage].until;
            } else if (cur->ref_point == detail::point::abnormal && target.abnormal) {
                cur = &*target.abnormal;
            } else if (cur->ref_point != detail::point::onset && target.end) {
                cur = &*target.end;
            } else if (cur->ref_point != detail::point::onset && !target.stages.empty()) {
                cur = &target.stages.back().until;
            } else {
                cur = &target.onset;  // an onset, or an entry without an end
            }
        }
        if (!cur->is_ref) b.add(d.keys(cur->literal.sources));
    };
    auto range_of = [&](const detail::time_value& v) -> std::optional<std::pair<minutes, minutes>> {
        if (v.is_ref || !v.literal.range) return std::nullopt;
        return v.literal.range;
    };

    for (std::size_t k = 0; k < d.entries.size(); ++k) {
        const detail::entry_def& def = d.entries[k];
        const detail::window& w = ev.windows[k];
        if (!def.when.matches(t)) continue;
        if (def.kind == entry_kind::restriction && w.end.value_or(minutes{0}) <= minutes{0}) continue;  // lifts at once

        entry e;
        e.code = def.code;
        e.kind = def.kind;
        e.title = def.title;
        e.text = def.text;
        e.onset = w.onset;
        e.end = w.end;
        e.abnormal_after = w.abnormal;
        e.remind = def.remind;
        e.slots = def.slots;
        e.advice = def.advice;
        e.symptoms = def.symptoms;
        if (def.kind == entry_kind::effect) e.likely = w.likely;
        if (def.kind == entry_kind::red_flag) e.level = def.level;
        e.start = at(e.onset);
        if (e.end) e.finish = at(*e.end);

        pending_spans ps;
        span_builder src(out->strings);
        src.add(d.keys(def.sources));
        if (def.likely) src.add(d.keys(def.likely->sources));
        time_sources(def.onset, src);
        if (def.end) {
            time_sources(*def.end, src);
            e.end_range = range_of(*def.end);
        }
        if (def.abnormal) time_sources(*def.abnormal, src);
        for (const auto& st : def.stages) time_sources(st.until, src);
        if (!def.stages.empty()) e.end_range = range_of(def.stages.back().until);
        for (std::size_t i = 0; i < def.modifiers.size(); ++i) {
            if ((w.applied >> i) & 1U) src.add(d.keys(def.modifiers[i].sources));
        }
        ps.sources = src.range();

        span_builder notes(out->strings);
        for (std::size_t i = 0; i < def.modifiers.size(); ++i) {
            if ((w.applied >> i) & 1U) notes.add(def.modifiers[i].note);
        }
        ps.notes = notes.range();

        const std::size_t first_stage = out->stages.size();
        minutes previous{0};
        for (std::size_t s = 0; s < def.stages.size(); ++s) {
            const minutes until = ev.stage_until[def.first_stage + s];
            if (until <= previous) continue;  // an empty stage: an earlier one already lasts as long
            out->stages.push_back(stage{def.stages[s].code, def.stages[s].text, def.stages[s].lifted_text, until, at(until)});
            previous = until;
        }
        ps.stages = {first_stage, out->stages.size() - first_stage};

        out->entries.push_back(e);
        spans.push_back(ps);
    }

    // The course, from the indication (next session window and final assessment), or without one the
    // protocol's default next-session window.
    const detail::course_window& c = ev.course;
    if (c.has_indication || c.has_default) {
        auto course_entry = [&](std::string_view code, std::string_view title, std::string_view text, detail::source_span s,
                                minutes onset, std::optional<minutes> end, std::initializer_list<detail::source_span> value_sources) {
            entry e;
            e.code = code;
            e.kind = entry_kind::milestone;
            e.title = title;
            e.text = text;
            e.onset = onset;
            e.end = end;
            e.remind = reminder_mode::once;
            e.start = at(onset);
            if (end) e.finish = at(*end);
            pending_spans ps;
            span_builder src(out->strings);
            src.add(d.keys(s));
            for (const detail::source_span& v : value_sources) src.add(d.keys(v));
            for (std::size_t i = 0; i < d.course.modifiers.size(); ++i) {
                if ((c.applied >> i) & 1U) src.add(d.keys(d.course.modifiers[i].sources));
            }
            ps.sources = src.range();
            span_builder notes(out->strings);
            for (std::size_t i = 0; i < d.course.modifiers.size(); ++i) {
                if ((c.applied >> i) & 1U) notes.add(d.course.modifiers[i].note);
            }
            ps.notes = notes.range();
            ps.stages = {out->stages.size(), 0};
            out->entries.push_back(e);
            spans.push_back(ps);
        };
        if (c.has_default) {
            const auto& cd = d.course;
            course_entry("milestone.next_session", cd.next_title, cd.next_text, cd.next_sources, c.next_earliest, c.next_latest,
                         {cd.default_interval->sources, cd.default_interval_max ? cd.default_interval_max->sources : detail::source_span{}});
        } else {
            const detail::indication_def& ind = d.course.indications[static_cast<std::size_t>(*t.indication)];
            if (c.has_next) {
                course_entry("milestone.next_session", d.course.next_title, d.course.next_text, d.course.next_sources, c.next_earliest,
                             c.next_latest,
                             {ind.sessions.sources, ind.interval.sources, ind.interval_max ? ind.interval_max->sources : detail::source_span{}});
            }
            course_entry("milestone.final_assessment", d.course.final_title, d.course.final_text, d.course.final_sources,
                         c.final_assessment, std::nullopt, {ind.sessions.sources, ind.interval.sources, ind.assess_after_last.sources});
        }
    }

    // Plan notes.
    std::vector<std::pair<std::size_t, std::size_t>> note_spans;
    for (const auto& n : d.notes) {
        if (!n.when.matches(t)) continue;
        span_builder src(out->strings);
        src.add(d.keys(n.sources));
        out->notes.push_back(plan_note{n.code, n.text, {}});
        note_spans.push_back(src.range());
    }

    // Every store is final now; point the spans into it.
    const auto view = [&](std::pair<std::size_t, std::size_t> r) {
        return std::span<const std::string_view>(out->strings).subspan(r.first, r.second);
    };
    for (std::size_t i = 0; i < out->entries.size(); ++i) {
        out->entries[i].sources = view(spans[i].sources);
        out->entries[i].notes = view(spans[i].notes);
        out->entries[i].stages = std::span<const stage>(out->stages).subspan(spans[i].stages.first, spans[i].stages.second);
    }
    for (std::size_t i = 0; i < out->notes.size(); ++i) out->notes[i].sources = view(note_spans[i]);

    return plan{std::move(out)};
}

}  // namespace aftercare
