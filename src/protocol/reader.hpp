// Private: the protocol reader (docs/protocol-format.md). One parser class; its shapes and cited values
// are in values.cpp, the document head in reader.cpp, and each group of sections in a file of its own:
// plan_sections.cpp (effects, symptoms, restrictions, care, milestones, course, notes),
// triage_sections.cpp (red flags, check-ins, triage) and screening_section.cpp. check_windows.cpp
// checks every window after parsing. A new protocol section goes into the file of its group.
#pragma once

#include "aftercare/error.hpp"
#include "protocol/json_locate.hpp"
#include "protocol/json_read.hpp"
#include "protocol/protocol_data.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <initializer_list>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>

namespace aftercare::detail {

/// Reads and checks a protocol: the whole of it, or a protocol_error naming the position.
std::shared_ptr<const protocol_data> parse_protocol_data(std::string text, std::string origin);

/// Every window in order for every treatment (check_windows.cpp); throws protocol_error.
void check_windows(const protocol_data& p);

namespace reading {

using json = nlohmann::json;

// Hours as the protocol file states them ("72 h", "1.5 h"): messages about a file quote its own unit,
// unlike the writers (io/text_toolkit.hpp) that show a patient "3 d".
inline std::string hours_text(minutes m) {
    std::ostringstream os;
    if (m.count() % 60 == 0) {
        os << m.count() / 60 << " h";
    } else {
        os << static_cast<double>(m.count()) / 60.0 << " h";
    }
    return os.str();
}

template <class Range>
std::string join(const Range& items) {
    std::string out;
    for (const auto& s : items) {
        if (!out.empty()) out += ", ";
        out += s;
    }
    return out;
}

class parser {
public:
    parser(std::string text, std::string origin);

    std::shared_ptr<const protocol_data> run();

private:
    std::shared_ptr<protocol_data> d_;

    // --- errors ---------------------------------------------------------------------------------

    [[noreturn]] void fail(const std::string& ptr, const std::string& expected, bool at_key = false) const;

    static std::string child(const std::string& ptr, std::string_view key) { return ptr + "/" + escape_pointer_token(key); }
    static std::string child(const std::string& ptr, std::size_t i) { return ptr + "/" + std::to_string(i); }

    // --- shapes ---------------------------------------------------------------------------------

    void object(const json& j, const std::string& ptr, std::initializer_list<std::string_view> allowed,
                std::initializer_list<std::string_view> required) const;

    const json& array(const json& j, const std::string& ptr, bool non_empty = true) const;

    std::string_view str(const json& j, const std::string& ptr) const;

    std::string_view str_key(const json& obj, const std::string& ptr, std::string_view key) const;

    static bool is_identifier(std::string_view s);

    std::string_view code(const json& j, const std::string& ptr, std::string_view prefix) const;

    double number(const json& j, const std::string& ptr) const;

    minutes hours(const json& j, const std::string& ptr) const;

    needle_depth depth_mm(const json& j, const std::string& ptr) const;

    int count(const json& j, const std::string& ptr) const;

    template <code_enum E>
    E enum_code(const json& j, const std::string& ptr) const {
        if (j.is_string()) {
            if (auto e = from_string<E>(j.get_ref<const std::string&>())) return *e;
        }
        fail(ptr, "expected one of " + join(code_table<E>::codes) + ", got " + describe(j));
    }

    template <code_enum E>
    enum_set<E> enum_codes(const json& j, const std::string& ptr) const {
        array(j, ptr);
        enum_set<E> out;
        for (std::size_t i = 0; i < j.size(); ++i) {
            const E e = enum_code<E>(j[i], child(ptr, i));
            if (out.contains(e)) fail(child(ptr, i), "duplicate \"" + std::string(to_string(e)) + "\"");
            out.insert(e);
        }
        return out;
    }

    source_span sources(const json& obj, const std::string& ptr) const;

    evidence_basis basis(const json& obj, const std::string& ptr) const;

    std::string_view note(const json& obj, const std::string& ptr) const;

    // --- cited values -----------------------------------------------------------------------------

    // `read` turns one JSON value into T; `less` orders T (deeper tiers may not go down).
    template <class T, class Read, class Show>
    cited<T> cited_value(const json& j, const std::string& ptr, Read read, Show show, bool monotonic) const {
        object(j, ptr, {"value", "by_tier", "range", "basis", "sources", "note"}, {});
        cited<T> c;
        c.pointer = d_->intern(ptr);
        const bool has_value = j.contains("value"), has_tiers = j.contains("by_tier");
        if (has_value == has_tiers) fail(ptr, "expected exactly one of \"value\" or \"by_tier\"");
        if (has_value) {
            c.by_tier.fill(read(j.at("value"), child(ptr, "value")));
        } else {
            const std::string tp = child(ptr, "by_tier");
            const json& bt = j.at("by_tier");
            if (!bt.is_object()) fail(tp, "expected an object with one value per tier, got " + describe(bt));
            for (const auto& item : bt.items()) {
                const std::string& key = item.key();  // not a structured binding: clang 14 cannot capture those
                const bool known = std::any_of(d_->tiers.begin(), d_->tiers.end(), [&](const depth_tier& t) { return t.id == key; });
                if (!known) fail(child(tp, key), "unknown tier \"" + key + "\"; expected one of: " + tier_list(), true);
            }
            c.per_tier = true;
            for (std::size_t i = 0; i < d_->tiers.size(); ++i) {
                const std::string key(d_->tiers[i].id);
                if (!bt.contains(key)) fail(tp, "missing tier \"" + key + "\"; by_tier needs every tier: " + tier_list());
                c.by_tier[i] = read(bt.at(key), child(tp, key));
                if (monotonic && i > 0 && c.by_tier[i] < c.by_tier[i - 1]) {
                    fail(child(tp, key), "deeper tiers may not be shorter: " + key + " (" + show(c.by_tier[i]) + ") < " +
                                             std::string(d_->tiers[i - 1].id) + " (" + show(c.by_tier[i - 1]) + ")");
                }
            }
        }
        if (j.contains("range")) {
            const std::string rp = child(ptr, "range");
            const json& r = j.at("range");
            if (!r.is_array() || r.size() != 2) fail(rp, "expected [min, max], got " + describe(r));
            const T lo = read(r[0], child(rp, 0)), hi = read(r[1], child(rp, 1));
            if (hi < lo) fail(rp, "expected min <= max, got [" + show(lo) + ", " + show(hi) + "]");
            c.range = std::pair{lo, hi};
            for (std::size_t i = 0; i < d_->tiers.size(); ++i) {
                if (c.by_tier[i] < lo || hi < c.by_tier[i]) {
                    fail(has_value ? child(ptr, "value") : child(child(ptr, "by_tier"), d_->tiers[i].id),
                         "value " + show(c.by_tier[i]) + " is outside its range " + show(lo) + "–" + show(hi));
                }
            }
        }
        c.basis = basis(j, ptr);
        c.sources = sources(j, ptr);
        c.note = note(j, ptr);
        return c;
    }

    std::string tier_list() const;

    cited<minutes> cited_hours(const json& j, const std::string& ptr) const;

    // A time: cited hours, or {"ref": "code" | "code.stage", "at": "onset"|"end"|"abnormal"}.
    time_value time(const json& j, const std::string& ptr, std::size_t self) const;

    std::uint16_t find_before(std::string_view code, std::size_t self) const;

    condition when(const json& j, const std::string& ptr) const;

    // --- modifiers --------------------------------------------------------------------------------

    std::vector<modifier> modifiers(const json& obj, const std::string& ptr, const entry_def& d) const;

    // --- sections ---------------------------------------------------------------------------------

    void document(const json& root);

    void sources_section(const json& j);

    void tiers_section(const json& j);

    depth_limit limit(const json& j, const std::string& ptr, bool both_required) const;

    void limits_section(const json& j);

    entry_def& new_entry(const json& j, const std::string& p, entry_kind kind, std::string_view prefix);

    void effects_section(const json& j);

    // A literal `later` must not be before a literal `earlier` in tier t.
    void order(const time_value& earlier, const time_value& later, std::size_t t, const std::string& ptr, std::string_view later_name,
               std::string_view earlier_name) const;

    void symptoms_section(const json& j, const json& signs);

    void restrictions_section(const json& j);

    void care_section(const json& j, const std::string& section, entry_kind kind, std::string_view prefix);

    void course_section(const json& j);

    void course_plan_parts(const json& j);

    void notes_section(const json& j);

    void red_flags_section(const json& j);

    // Check-ins (reminders.hpp): [{code "check_in.*", title, text, at_h (cited hours), symptoms?, sources}].
    void check_ins_section(const json& j);

    // --- triage: the window levels, the default, severity and the action for each level ------------

    triage_outcome outcome(const json& j, const std::string& ptr, std::string_view code, bool severe) const;

    void triage_section(const json& j);

    // --- check-in questions and non-response rules (checkin.hpp) -------------------------------------

    question_def question(const json& j, const std::string& ptr, std::initializer_list<std::string_view> extra) const;

    void questions_section(const json& j);

    follow_up_rule follow_up_rule_at(const json& j, const std::string& ptr, std::string_view code) const;

    void follow_up_section(const json& j);

    // One span for `a` then the keys of `b` not in it.
    source_span merged(source_span a, source_span b) const;

    // --- screening: one rule list per condition, the dated facts, and rules on the treatment -------

    int whole(const json& j, const std::string& ptr, int lo, int hi) const;

    decision verdict(const json& obj, const std::string& ptr) const { return enum_code<decision>(obj.at("decision"), child(ptr, "decision")); }

    enum class rule_kind : std::uint8_t { condition, dated, age, treatment, procedure };

    screening_rule screening_rule_at(const json& j, const std::string& ptr, std::string_view code, rule_kind kind) const;

    template <class E, std::size_t N>
    void rule_lists(const json& j, const std::string& ptr, std::array<std::vector<screening_rule>, N>& out, rule_kind kind) const;

    void screening_section(const json& j);
    void catalogues_section(const json& j);
};

}  // namespace reading
}  // namespace aftercare::detail
