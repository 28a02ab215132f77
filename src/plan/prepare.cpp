// What make_plan can take from the protocol as is, derived once when the protocol is read: each
// entry's sources de-duplicated (its own, its likelihood's and every time's, references followed),
// its end range, and the bounds of a plan's own stores.
#include "protocol/protocol_data.hpp"

#include <algorithm>
#include <initializer_list>
#include <string_view>
#include <vector>

namespace aftercare::detail {

namespace {

// The literal a time comes down to: itself when it is a number, else the referenced point's.
const time_value& literal_of(const protocol_data& d, const time_value& v) {
    const time_value* cur = &v;
    for (int hops = 0; cur->is_ref && hops < 64; ++hops) {
        const entry_def& target = d.entries[cur->ref_entry];
        if (cur->ref_stage != no_index) {
            cur = &target.stages[cur->ref_stage - target.first_stage].until;
        } else if (cur->ref_point == point::abnormal && target.abnormal) {
            cur = &*target.abnormal;
        } else if (cur->ref_point != point::onset && target.end) {
            cur = &*target.end;
        } else if (cur->ref_point != point::onset && !target.stages.empty()) {
            cur = &target.stages.back().until;
        } else {
            cur = &target.onset;  // an onset, or an entry without an end
        }
    }
    return *cur;
}

// Appends the keys of `s` that keys[from..] does not hold yet, in order (`s` is itself in `keys`).
void append_new(std::vector<std::string_view>& keys, std::uint32_t from, source_span s) {
    for (std::uint32_t k = s.first; k < s.first + s.count; ++k) {
        const std::string_view key = keys[k];
        if (std::find(keys.begin() + static_cast<std::ptrdiff_t>(from), keys.end(), key) == keys.end()) keys.push_back(key);
    }
}

std::optional<std::pair<minutes, minutes>> range_of(const time_value& v) {
    if (v.is_ref || !v.literal.range) return std::nullopt;
    return v.literal.range;
}

}  // namespace

void prepare_plans(protocol_data& d) {
    std::size_t bound = 0;
    d.modified_entries.clear();
    d.refers_to.assign(d.entries.size(), {});
    for (std::size_t k = 0; k < d.entries.size(); ++k) {
        const entry_def& def = d.entries[k];
        if (!def.modifiers.empty()) d.modified_entries.push_back(static_cast<std::uint16_t>(k));
        std::vector<std::uint16_t>& to = d.refers_to[k];
        auto refer = [&](const time_value& v) {
            if (v.is_ref && std::find(to.begin(), to.end(), v.ref_entry) == to.end()) to.push_back(v.ref_entry);
        };
        refer(def.onset);
        if (def.end) refer(*def.end);
        if (def.abnormal) refer(*def.abnormal);
        for (const stage_def& st : def.stages) refer(st.until);
    }
    // Per entry, the later entries whose times rest on it (directly or through others), for
    // make_plan to mark what a modifier reaches. References point to earlier entries, so one pass
    // in order. The lists are kept only while they stay small (a long chain of references makes
    // them quadratic): without them make_plan walks the references instead.
    d.dependents.assign(d.entries.size(), {});
    std::vector<std::vector<std::uint16_t>> rests_on(d.entries.size());  // itself and what it rests on, ascending
    std::size_t kept = 0;
    const std::size_t budget = 16 * d.entries.size() + 4096;
    for (std::size_t k = 0; k < d.entries.size() && kept <= budget; ++k) {
        std::vector<std::uint16_t>& on = rests_on[k];
        for (const std::uint16_t j : d.refers_to[k]) on.insert(on.end(), rests_on[j].begin(), rests_on[j].end());
        on.push_back(static_cast<std::uint16_t>(k));
        std::sort(on.begin(), on.end());
        on.erase(std::unique(on.begin(), on.end()), on.end());
        kept += 2 * on.size();
        for (const std::uint16_t j : on) {
            if (j != k) d.dependents[j].push_back(static_cast<std::uint16_t>(k));
        }
    }
    if (kept > budget) d.dependents.clear();
    for (entry_def& def : d.entries) {
        const auto first = static_cast<std::uint32_t>(d.source_keys.size());
        auto add = [&](source_span s) { append_new(d.source_keys, first, s); };
        auto add_time = [&](const time_value& v) {
            const time_value& lit = literal_of(d, v);
            if (!lit.is_ref) add(lit.literal.sources);
        };
        add(def.sources);
        if (def.likely) add(def.likely->sources);
        add_time(def.onset);
        if (def.end) add_time(*def.end);
        if (def.abnormal) add_time(*def.abnormal);
        for (const stage_def& st : def.stages) add_time(st.until);
        def.plan_sources = source_span{first, static_cast<std::uint32_t>(d.source_keys.size()) - first};
        def.end_range = std::nullopt;
        if (def.end) def.end_range = range_of(*def.end);
        if (!def.stages.empty()) def.end_range = range_of(def.stages.back().until);
        def.unconditional = def.when.always();
        for (modifier& m : def.modifiers) {
            const auto with = static_cast<std::uint32_t>(d.source_keys.size());
            append_new(d.source_keys, with, def.plan_sources);
            append_new(d.source_keys, with, m.sources);
            m.plan_sources_with = source_span{with, static_cast<std::uint32_t>(d.source_keys.size()) - with};
        }
        // With two or more modifiers applied: the plan copies plan_sources and adds the modifiers' keys and notes.
        if (!def.modifiers.empty()) {
            bound += def.plan_sources.count;
            for (const modifier& m : def.modifiers) bound += m.sources.count + 1;
        }
    }
    // The course milestones' source lists without a course modifier, as add_course_entry builds them.
    auto course_list = [&](source_span own, std::initializer_list<source_span> values) {
        const auto first = static_cast<std::uint32_t>(d.source_keys.size());
        append_new(d.source_keys, first, own);
        for (const source_span v : values) append_new(d.source_keys, first, v);
        return source_span{first, static_cast<std::uint32_t>(d.source_keys.size()) - first};
    };
    // And with one course modifier applied: the list without, then the modifier's keys.
    auto with_each = [&](source_span prepared) {
        std::vector<source_span> out;
        for (const modifier& m : d.course.modifiers) {
            const auto first = static_cast<std::uint32_t>(d.source_keys.size());
            append_new(d.source_keys, first, prepared);
            append_new(d.source_keys, first, m.sources);
            out.push_back(source_span{first, static_cast<std::uint32_t>(d.source_keys.size()) - first});
        }
        return out;
    };
    for (indication_def& ind : d.course.indications) {
        if (!ind.present) continue;
        const source_span max = ind.interval_max ? ind.interval_max->sources : source_span{};
        ind.next_plan_sources = course_list(d.course.next_sources, {ind.sessions.sources, ind.interval.sources, max});
        ind.final_plan_sources = course_list(d.course.final_sources, {ind.sessions.sources, ind.interval.sources, ind.assess_after_last.sources});
        ind.next_plan_sources_with = with_each(ind.next_plan_sources);
        ind.final_plan_sources_with = with_each(ind.final_plan_sources);
    }
    if (d.course.default_interval) {
        d.course.default_next_plan_sources = course_list(
            d.course.next_sources, {d.course.default_interval->sources, d.course.default_interval_max ? d.course.default_interval_max->sources : source_span{}});
        d.course.default_next_plan_sources_with = with_each(d.course.default_next_plan_sources);
    }

    std::size_t course = d.course.next_sources.count + d.course.final_sources.count;
    std::size_t values = 0;
    for (const indication_def& ind : d.course.indications) {
        values = std::max<std::size_t>(values, ind.sessions.sources.count + ind.interval.sources.count +
                                                   (ind.interval_max ? ind.interval_max->sources.count : 0) + ind.assess_after_last.sources.count);
    }
    if (d.course.default_interval) {  // the next-session window without an indication
        values = std::max<std::size_t>(values, d.course.default_interval->sources.count +
                                                   (d.course.default_interval_max ? d.course.default_interval_max->sources.count : 0));
    }
    course += 2 * values;
    for (const modifier& m : d.course.modifiers) course += 2 * (m.sources.count + 1);
    d.plan_string_bound = bound + course;

    d.source_by_address.clear();
    for (std::size_t i = 0; i < d.sources.size(); ++i) d.source_by_address.emplace_back(d.sources[i].key.data(), static_cast<std::uint16_t>(i));
    std::sort(d.source_by_address.begin(), d.source_by_address.end());
}

std::size_t protocol_data::source_index(std::string_view key) const noexcept {
    const auto it = std::lower_bound(source_by_address.begin(), source_by_address.end(), key.data(),
                                     [](const std::pair<const char*, std::uint16_t>& a, const char* k) { return std::less<>{}(a.first, k); });
    if (it != source_by_address.end() && it->first == key.data() && sources[it->second].key.size() == key.size()) return it->second;
    const auto s = std::lower_bound(sources.begin(), sources.end(), key, [](const source& a, std::string_view k) { return a.key < k; });
    return s != sources.end() && s->key == key ? static_cast<std::size_t>(s - sources.begin()) : sources.size();
}

}  // namespace aftercare::detail
