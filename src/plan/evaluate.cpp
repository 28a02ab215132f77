// The numeric core: every window of a protocol for one treatment. No strings, no allocation once
// the evaluation buffer has its size.
#include "protocol/protocol_data.hpp"

#include <algorithm>

namespace aftercare::detail {

bool condition::always() const noexcept {
    return devices.empty() && areas.empty() && adjuncts.empty() && history.empty() && indications.empty() && skin_types == 0 && !depth_over &&
           !depth_max;
}

std::uint16_t protocol_data::find_entry(std::string_view code) const noexcept {
    for (std::size_t i = 0; i < entries.size(); ++i) {
        if (entries[i].code == code) return static_cast<std::uint16_t>(i);
    }
    return no_index;
}

std::size_t protocol_data::tier_index(needle_depth d) const noexcept {
    for (std::size_t i = 0; i < tiers.size(); ++i) {
        if (d <= tiers[i].max_depth) return i;
    }
    return tiers.size();
}

minutes resolve(const time_value& v, std::size_t tier, const evaluation& e) noexcept {
    if (!v.is_ref) return v.literal.at(tier);
    if (v.ref_stage != no_index) {
        return e.stage_until[v.ref_stage];
    }
    const window& w = e.windows[v.ref_entry];
    switch (v.ref_point) {
        case point::onset: return w.onset;
        case point::abnormal: return w.abnormal.value_or(w.end.value_or(w.onset));
        case point::end: break;
    }
    return w.end.value_or(w.onset);
}

namespace {

minutes apply(minutes value, const modifier& m) noexcept {
    return m.op == modifier_op::add ? value + m.amount : std::max(value, m.amount);
}

}  // namespace

void evaluate_entry(const protocol_data& p, const treatment& t, std::size_t tier, std::size_t k, evaluation& out, bool with_modifiers) {
    const entry_def& d = p.entries[k];
    minutes* const until = out.stage_until.data();  // (locals: stores through `out` would otherwise reload every size)
    window w;
    w.onset = resolve(d.onset, tier, out);
    if (d.end) w.end = resolve(*d.end, tier, out);
    if (d.abnormal) w.abnormal = resolve(*d.abnormal, tier, out);
    if (d.likely) w.likely = d.likely->at(tier);

    // Base stage ends; modifiers below may raise them.
    minutes* const stage = until + d.first_stage;
    const std::size_t stages = d.stages.size();
    for (std::size_t s = 0; s < stages; ++s) stage[s] = resolve(d.stages[s].until, tier, out);

    const std::size_t modifiers = with_modifiers ? d.modifiers.size() : 0;
    for (std::size_t i = 0; i < modifiers; ++i) {
        const modifier& m = d.modifiers[i];
        if (!m.when.matches(t)) continue;
        w.applied |= std::uint64_t{1} << i;
        switch (m.field) {
            case target::onset: w.onset = apply(w.onset, m); break;
            case target::end: w.end = apply(w.end.value_or(w.onset), m); break;
            case target::abnormal: w.abnormal = apply(w.abnormal.value_or(w.onset), m); break;
            case target::stage_until: stage[m.stage] = apply(stage[m.stage], m); break;
            case target::likelihood: w.likely = std::max(w.likely, m.raise_to); break;
            case target::interval: break;  // course modifiers only
        }
    }

    // A stage never ends before the one it follows; a stage that would is empty.
    for (std::size_t s = 1; s < stages; ++s) stage[s] = std::max(stage[s], stage[s - 1]);
    if (stages != 0) w.end = stage[stages - 1];

    out.windows[k] = w;
}

void evaluate(const protocol_data& p, const treatment& t, std::size_t tier, evaluation& out, bool with_modifiers) {
    const std::size_t n = p.entries.size();
    out.windows.resize(n);
    out.stage_until.resize(p.stage_count);
    for (std::size_t k = 0; k < n; ++k) evaluate_entry(p, t, tier, k, out, with_modifiers);
    evaluate_course(p, t, tier, out.course);
}

void evaluate_course(const protocol_data& p, const treatment& t, std::size_t tier, course_window& c) {
    // The course: next session and final assessment, from the indication.
    c = course_window{};
    auto modified = [&](minutes interval) {
        for (std::size_t i = 0; i < p.course.modifiers.size(); ++i) {
            const modifier& m = p.course.modifiers[i];
            if (!m.when.matches(t)) continue;
            c.applied |= std::uint64_t{1} << i;
            interval = apply(interval, m);
        }
        return interval;
    };
    if (!t.indication || !p.course.indications[static_cast<std::size_t>(*t.indication)].present) {
        if (t.indication || !p.course.default_interval) return;
        c.has_default = true;
        c.has_next = true;
        c.next_earliest = modified(p.course.default_interval->at(tier));
        if (p.course.default_interval_max) c.next_latest = std::max(c.next_earliest, p.course.default_interval_max->at(tier));
        return;
    }
    const indication_def& ind = p.course.indications[static_cast<std::size_t>(*t.indication)];
    c.has_indication = true;
    const minutes interval = modified(ind.interval.at(tier));
    c.sessions = ind.sessions.at(tier);
    const int remaining = std::max(0, c.sessions - t.session);
    c.has_next = remaining > 0;
    c.next_earliest = interval;
    if (ind.interval_max) c.next_latest = std::max(interval, ind.interval_max->at(tier));
    c.final_assessment = interval * remaining + ind.assess_after_last.at(tier);
}

}  // namespace aftercare::detail
