// Every window of a protocol in order, for every treatment it distinguishes (after parsing).
#include "protocol/reader.hpp"

#include <vector>

namespace aftercare::detail {

namespace {

using reading::hours_text;

// The numeric representatives of a factor: values that every condition in the protocol treats
// alike give the same windows, so one of each class is enough to check.
template <class E, class Get>
std::vector<E> classes(const protocol_data& p, Get get) {
    std::vector<E> reps;
    std::vector<std::vector<bool>> signatures;
    for (E value : all_values<E>()) {
        std::vector<bool> sig;
        auto visit = [&](const condition& c) { sig.push_back(get(c).contains(value)); };
        for (const auto& e : p.entries) {
            visit(e.when);
            for (const auto& m : e.modifiers) visit(m.when);
        }
        for (const auto& m : p.course.modifiers) visit(m.when);
        if (std::find(signatures.begin(), signatures.end(), sig) == signatures.end()) {
            signatures.push_back(sig);
            reps.push_back(value);
        }
    }
    return reps;
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

// Every window must be in order for every treatment, after modifiers and references. Checked on
// one representative of each class of treatments the protocol's conditions distinguish.
void check_windows(const protocol_data& p) {
    const auto devices = classes<device>(p, [](const condition& c) { return c.devices; });
    const auto areas = classes<area>(p, [](const condition& c) { return c.areas; });
    const auto adjuncts = classes<adjunct>(p, [](const condition& c) { return c.adjuncts; });
    const auto flags = classes<history_flag>(p, [](const condition& c) { return c.history; });
    std::vector<int> skins;
    {
        std::vector<std::vector<bool>> sigs;
        for (int s = 1; s <= 6; ++s) {
            std::vector<bool> sig;
            auto visit = [&](const condition& c) { sig.push_back((c.skin_types & (1U << static_cast<unsigned>(s))) != 0); };
            for (const auto& e : p.entries) {
                visit(e.when);
                for (const auto& m : e.modifiers) visit(m.when);
            }
            for (const auto& m : p.course.modifiers) visit(m.when);
            if (std::find(sigs.begin(), sigs.end(), sig) == sigs.end()) {
                sigs.push_back(sig);
                skins.push_back(s);
            }
        }
    }
    // No indication, and one of each class of indications (the conditions that name indications
    // are few: the default protocol's split them into two classes).
    std::vector<std::optional<indication>> indications{std::nullopt};
    for (indication i : classes<indication>(p, [](const condition& c) { return c.indications; })) indications.emplace_back(i);

    auto fail_at = [&](std::string_view pointer, const std::string& what) {
        const auto off = locate(p.text, pointer);
        const auto pos = off ? position_of(p.text, *off) : text_position{0, 0, 0};
        throw protocol_error(p.origin, off ? pos.line : 0, off ? pos.column : 0, std::string(pointer), what);
    };

    evaluation ev;
    treatment t;
    t.depth = p.tiers.front().max_depth;
    for (std::size_t tier = 0; tier < p.tiers.size(); ++tier) {
        for (device dev : devices) {
            // Skip a device the limits keep out of this tier (RF tips start deeper than 0.25 mm).
            const depth_limit& lim = p.device_depth[static_cast<std::size_t>(dev)];
            const needle_depth tier_top = p.tiers[tier].max_depth;
            const needle_depth tier_floor = tier == 0 ? needle_depth{} : p.tiers[tier - 1].max_depth;
            if ((lim.min && tier_top < *lim.min) || (lim.max && *lim.max <= tier_floor)) continue;
            t.depth = tier_top;
            for (area ar : areas) {
                for (int skin : skins) {
                    for (std::size_t adj_mask = 0; adj_mask < (std::size_t{1} << adjuncts.size()); ++adj_mask) {
                        for (std::size_t flag_mask = 0; flag_mask < (std::size_t{1} << flags.size()); ++flag_mask) {
                            for (const auto& ind : indications) {
                                t.device = dev;
                                t.area = ar;
                                t.skin_type = skin_type{skin};
                                t.adjuncts = {};
                                for (std::size_t k = 0; k < adjuncts.size(); ++k) {
                                    if ((adj_mask >> k) & 1U) t.adjuncts.insert(adjuncts[k]);
                                }
                                t.history = {};
                                for (std::size_t k = 0; k < flags.size(); ++k) {
                                    if ((flag_mask >> k) & 1U) t.history.insert(flags[k]);
                                }
                                t.indication = ind;
                                evaluate(p, t, tier, ev);
                                for (std::size_t k = 0; k < p.entries.size(); ++k) {
                                    const entry_def& d = p.entries[k];
                                    const window& w = ev.windows[k];
                                    if (w.end && *w.end < w.onset) {
                                        fail_at(d.pointer, "reversed window: ends (" + hours_text(*w.end) + ") before it starts (" +
                                                               hours_text(w.onset) + ") for " + describe(t, p.tiers[tier].id));
                                    }
                                    if (w.abnormal && w.end && *w.abnormal < *w.end) {
                                        fail_at(d.pointer, "reversed window: abnormal_after_h (" + hours_text(*w.abnormal) +
                                                               ") is before typical_end_h (" + hours_text(*w.end) + ") for " +
                                                               describe(t, p.tiers[tier].id));
                                    }
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
