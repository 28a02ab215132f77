// Every window of a protocol in order, for every treatment it distinguishes (after parsing).
#include "protocol/reader.hpp"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <vector>

namespace aftercare::detail {

namespace {

using reading::hours_text;

// The representatives of a factor for some conditions: values that all of them treat alike give
// the same windows, so one of each class (its first value) is enough to check. `optional`: a factor
// a treatment may lack (adjuncts, history, indication), whose values no condition names are as good
// as none, so they are left out.
template <class E, class Contains>
std::vector<E> classes(const std::vector<E>& values, const std::vector<const condition*>& conditions, Contains contains,
                       bool optional = false) {
    std::vector<E> reps;
    std::vector<std::vector<bool>> signatures;
    if (optional) signatures.emplace_back(conditions.size(), false);
    for (E value : values) {
        std::vector<bool> sig;
        sig.reserve(conditions.size());
        for (const condition* c : conditions) sig.push_back(contains(*c, value));
        if (std::find(signatures.begin(), signatures.end(), sig) == signatures.end()) {
            signatures.push_back(std::move(sig));
            reps.push_back(value);
        }
    }
    return reps;
}

template <class E>
std::vector<E> values_of() {
    const auto all = all_values<E>();
    return std::vector<E>(all.begin(), all.end());
}

std::string describe(const treatment& t, std::string_view tier) {
    std::string s = "device " + std::string(to_string(t.device)) + ", area " + std::string(to_string(t.area)) + ", skin type " +
                    to_string(t.skin_type) + ", tier " + std::string(tier);
    if (!t.adjuncts.empty()) s += ", prp";
    for (auto h : t.history) s += ", " + std::string(to_string(h));
    if (t.indication) s += ", indication " + std::string(to_string(*t.indication));
    return s;
}

}  // namespace

// Every window must be in order for every treatment, after modifiers and references. An entry's
// window depends on the tier and on the modifiers of the entries linked to it by references (its
// times refer to earlier ones). So the entries are checked in groups joined by references: each
// group on one representative of each class of treatments its modifiers' conditions distinguish,
// evaluating only its own entries (their references stay inside the group, so what the evaluation
// holds for other entries is never read). The work is at most that of checking every entry on the
// classes of the whole protocol, and memory stays linear.
void check_windows(const protocol_data& p) {
    const std::size_t n = p.entries.size();
    // The groups: entries joined by references (prepare_plans() has linked them), each in order.
    std::vector<std::size_t> root(n);
    for (std::size_t k = 0; k < n; ++k) root[k] = k;
    auto find = [&](std::size_t k) {
        while (root[k] != k) k = root[k] = root[root[k]];
        return k;
    };
    for (std::size_t k = 0; k < n; ++k) {
        for (const std::uint16_t j : p.refers_to[k]) root[find(k)] = find(j);
    }
    std::vector<std::vector<std::uint16_t>> groups;
    {
        std::vector<std::size_t> group_of(n, n);
        for (std::size_t k = 0; k < n; ++k) {
            std::size_t& g = group_of[find(k)];
            if (g == n) g = groups.size(), groups.emplace_back();
            groups[g].push_back(static_cast<std::uint16_t>(k));
        }
    }

    auto fail_at = [&](std::string_view pointer, const std::string& what) {
        const auto off = locate(p.text, pointer);
        const auto pos = off ? position_of(p.text, *off) : text_position{0, 0, 0};
        throw protocol_error(p.origin, off ? pos.line : 0, off ? pos.column : 0, std::string(pointer), what);
    };
    auto check = [&](std::size_t k, const window& w, const treatment& t, std::size_t tier) {
        const entry_def& d = p.entries[k];
        if (w.end && *w.end < w.onset) {
            fail_at(d.pointer, "reversed window: ends (" + hours_text(*w.end) + ") before it starts (" + hours_text(w.onset) + ") for " +
                                   describe(t, p.tiers[tier].id));
        }
        if (w.abnormal && w.end && *w.abnormal < *w.end) {
            fail_at(d.pointer, "reversed window: abnormal_after_h (" + hours_text(*w.abnormal) + ") is before typical_end_h (" +
                                   hours_text(*w.end) + ") for " + describe(t, p.tiers[tier].id));
        }
    };

    const std::vector<device> all_devices = values_of<device>();
    const std::vector<area> all_areas = values_of<area>();
    const std::vector<adjunct> all_adjuncts = values_of<adjunct>();
    const std::vector<history_flag> all_flags = values_of<history_flag>();
    const std::vector<indication> all_indications = values_of<indication>();
    const std::vector<int> all_skins{1, 2, 3, 4, 5, 6};
    evaluation ev;  // sized once; each combination overwrites its group's entries, in order
    ev.windows.resize(n);
    ev.stage_until.resize(p.stage_count);
    treatment t;
    for (const std::vector<std::uint16_t>& group : groups) {
        std::vector<const condition*> conditions;
        for (const std::uint16_t j : group) {
            for (const modifier& m : p.entries[j].modifiers) conditions.push_back(&m.when);
        }
        const auto areas = classes(all_areas, conditions, [](const condition& c, area v) { return c.areas.contains(v); });
        const auto adjuncts = classes(all_adjuncts, conditions, [](const condition& c, adjunct v) { return c.adjuncts.contains(v); }, true);
        const auto flags = classes(all_flags, conditions, [](const condition& c, history_flag v) { return c.history.contains(v); }, true);
        const auto skins = classes(all_skins, conditions, [](const condition& c, int s) { return (c.skin_types & (1U << static_cast<unsigned>(s))) != 0; });
        // No indication, and one of each class of indications.
        std::vector<std::optional<indication>> indications{std::nullopt};
        for (indication i : classes(all_indications, conditions, [](const condition& c, indication v) { return c.indications.contains(v); }, true)) {
            indications.emplace_back(i);
        }
        for (std::size_t tier = 0; tier < p.tiers.size(); ++tier) {
            // The devices the limits let into this tier (RF tips start deeper than 0.25 mm), by class.
            const needle_depth tier_top = p.tiers[tier].max_depth;
            const needle_depth tier_floor = tier == 0 ? needle_depth{} : p.tiers[tier - 1].max_depth;
            std::vector<device> allowed;
            for (device dev : all_devices) {
                const depth_limit& lim = p.device_depth[static_cast<std::size_t>(dev)];
                if (!((lim.min && tier_top < *lim.min) || (lim.max && *lim.max <= tier_floor))) allowed.push_back(dev);
            }
            t.depth = tier_top;
            for (device dev : classes(allowed, conditions, [](const condition& c, device v) { return c.devices.contains(v); })) {
                for (area ar : areas) {
                    for (int skin : skins) {
                        for (std::size_t adj_mask = 0; adj_mask < (std::size_t{1} << adjuncts.size()); ++adj_mask) {
                            for (std::size_t flag_mask = 0; flag_mask < (std::size_t{1} << flags.size()); ++flag_mask) {
                                for (const auto& ind : indications) {
                                    t.device = dev;
                                    t.area = ar;
                                    t.skin_type = skin_type{skin};
                                    t.adjuncts = {};
                                    for (std::size_t b = 0; b < adjuncts.size(); ++b) {
                                        if ((adj_mask >> b) & 1U) t.adjuncts.insert(adjuncts[b]);
                                    }
                                    t.history = {};
                                    for (std::size_t b = 0; b < flags.size(); ++b) {
                                        if ((flag_mask >> b) & 1U) t.history.insert(flags[b]);
                                    }
                                    t.indication = ind;
                                    for (const std::uint16_t j : group) evaluate_entry(p, t, tier, j, ev, true);
                                    for (const std::uint16_t j : group) check(j, ev.windows[j], t, tier);
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

}  // namespace aftercare::detail
