// Reads a protocol from JSON text into protocol_data, rejecting anything that is not exactly the
// documented format (docs/protocol-format.md) with the file, line, column, JSON pointer and what
// was expected.
#include "aftercare/error.hpp"
#include "json_locate.hpp"
#include "protocol_data.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <tuple>

namespace aftercare::detail {

std::shared_ptr<const protocol_data> parse_protocol_data(std::string text, std::string origin);
void check_windows(const protocol_data& p);  // below; throws protocol_error

namespace {

using json = nlohmann::json;

std::string hours_text(minutes m) {
    std::ostringstream os;
    if (m.count() % 60 == 0) {
        os << m.count() / 60 << " h";
    } else {
        os << static_cast<double>(m.count()) / 60.0 << " h";
    }
    return os.str();
}

std::string describe(const json& j) {
    std::string dumped = j.dump(-1, ' ', false, json::error_handler_t::replace);
    if (dumped.size() > 40) dumped = dumped.substr(0, 37) + "...";
    switch (j.type()) {
        case json::value_t::object: return "an object";
        case json::value_t::array: return "an array";
        case json::value_t::string: return "string " + dumped;
        case json::value_t::boolean: return "boolean " + dumped;
        case json::value_t::null: return "null";
        default: return "number " + dumped;
    }
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
    parser(std::string text, std::string origin) : d_(std::make_shared<protocol_data>()) {
        d_->text = std::move(text);
        d_->origin = std::move(origin);
    }

    std::shared_ptr<const protocol_data> run() {
        json root;
        try {
            root = json::parse(d_->text);
        } catch (const json::parse_error& e) {
            const auto at = position_of(d_->text, e.byte == 0 ? 0 : e.byte - 1);
            std::string what = e.what();
            // "[json.exception.parse_error.101] parse error at line 3, column 5: syntax error while parsing ..."
            const auto colon = what.find(": ", what.find("parse error"));
            throw protocol_error(d_->origin, at.line, at.column, "",
                                 "not valid JSON: " + (colon == std::string::npos ? what : what.substr(colon + 2)));
        }
        document(root);
        check_windows(*d_);
        return d_;
    }

private:
    std::shared_ptr<protocol_data> d_;

    // --- errors ---------------------------------------------------------------------------------

    [[noreturn]] void fail(const std::string& ptr, const std::string& expected, bool at_key = false) const {
        std::size_t line = 0, column = 0;
        if (auto off = locate(d_->text, ptr, at_key)) {
            const auto pos = position_of(d_->text, *off);
            line = pos.line;
            column = pos.column;
        }
        throw protocol_error(d_->origin, line, column, ptr, expected);
    }

    static std::string child(const std::string& ptr, std::string_view key) { return ptr + "/" + escape_pointer_token(key); }
    static std::string child(const std::string& ptr, std::size_t i) { return ptr + "/" + std::to_string(i); }

    // --- shapes ---------------------------------------------------------------------------------

    void object(const json& j, const std::string& ptr, std::initializer_list<std::string_view> allowed,
                std::initializer_list<std::string_view> required) const {
        if (!j.is_object()) fail(ptr, "expected an object, got " + describe(j));
        for (const auto& [key, value] : j.items()) {
            if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
                fail(child(ptr, key), "unknown key \"" + key + "\"; expected one of: " + join(allowed), true);
            }
        }
        for (std::string_view key : required) {
            if (!j.contains(key)) fail(ptr, "missing key \"" + std::string(key) + "\"");
        }
    }

    const json& array(const json& j, const std::string& ptr, bool non_empty = true) const {
        if (!j.is_array()) fail(ptr, "expected an array, got " + describe(j));
        if (non_empty && j.empty()) fail(ptr, "expected a non-empty array");
        return j;
    }

    std::string_view str(const json& j, const std::string& ptr) const {
        if (!j.is_string() || j.get_ref<const std::string&>().empty()) fail(ptr, "expected a non-empty string, got " + describe(j));
        return d_->intern(j.get<std::string>());
    }

    std::string_view str_key(const json& obj, const std::string& ptr, std::string_view key) const {
        return str(obj.at(key), child(ptr, key));
    }

    static bool is_identifier(std::string_view s) {
        return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
    }

    std::string_view code(const json& j, const std::string& ptr, std::string_view prefix) const {
        const std::string_view c = str(j, ptr);
        const bool ok = c.starts_with(prefix) && c.size() > prefix.size() &&
                        std::all_of(c.begin() + static_cast<std::ptrdiff_t>(prefix.size()), c.end(), [](char ch) {
                            return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_' || ch == '.';
                        });
        if (!ok) fail(ptr, "expected a code \"" + std::string(prefix) + "name\" (lower case, digits, _ and .), got " + describe(j));
        return c;
    }

    double number(const json& j, const std::string& ptr) const {
        if (!j.is_number()) fail(ptr, "expected a number, got " + describe(j));
        const double v = j.get<double>();
        if (!std::isfinite(v)) fail(ptr, "expected a finite number");
        return v;
    }

    minutes hours(const json& j, const std::string& ptr) const {
        const double h = number(j, ptr);
        if (h < 0) fail(ptr, "expected hours >= 0, got " + describe(j));
        if (h > 24.0 * 366 * 10) fail(ptr, "expected hours up to ten years (87840), got " + describe(j));
        const double m = h * 60.0;
        if (std::abs(m - std::round(m)) > 1e-6) fail(ptr, "expected hours in whole minutes, got " + describe(j));
        return minutes{static_cast<minutes::rep>(std::llround(m))};
    }

    needle_depth depth_mm(const json& j, const std::string& ptr) const {
        const double mm = number(j, ptr);
        if (mm <= 0 || mm > 100) fail(ptr, "expected a depth in mm above 0, got " + describe(j));
        return needle_depth::from_mm(mm);
    }

    int count(const json& j, const std::string& ptr) const {
        if (!j.is_number_integer() || j.get<long long>() < 1 || j.get<long long>() > 1000) {
            fail(ptr, "expected a whole number from 1 to 1000, got " + describe(j));
        }
        return j.get<int>();
    }

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

    source_span sources(const json& obj, const std::string& ptr) const {
        if (!obj.contains("sources")) fail(ptr, "missing key \"sources\": every value needs at least one source");
        const std::string sp = child(ptr, "sources");
        const json& j = array(obj.at("sources"), sp);
        source_span span{static_cast<std::uint32_t>(d_->source_keys.size()), 0};
        std::set<std::string> seen;
        for (std::size_t i = 0; i < j.size(); ++i) {
            const std::string_view key = str(j[i], child(sp, i));
            const auto it = std::lower_bound(d_->sources.begin(), d_->sources.end(), key,
                                             [](const source& s, std::string_view k) { return s.key < k; });
            if (it == d_->sources.end() || it->key != key) {
                fail(child(sp, i), "unknown source \"" + std::string(key) + "\"; every source must be a key of /sources");
            }
            if (!seen.insert(std::string(key)).second) fail(child(sp, i), "duplicate source \"" + std::string(key) + "\"");
            d_->source_keys.push_back(it->key);
            ++span.count;
        }
        return span;
    }

    evidence_basis basis(const json& obj, const std::string& ptr) const {
        if (!obj.contains("basis")) return evidence_basis::typical;
        return enum_code<evidence_basis>(obj.at("basis"), child(ptr, "basis"));
    }

    std::string_view note(const json& obj, const std::string& ptr) const {
        return obj.contains("note") ? str(obj.at("note"), child(ptr, "note")) : std::string_view{};
    }

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

    std::string tier_list() const {
        std::string out;
        for (const auto& t : d_->tiers) out += (out.empty() ? "" : ", ") + std::string(t.id);
        return out;
    }

    cited<minutes> cited_hours(const json& j, const std::string& ptr) const {
        return cited_value<minutes>(j, ptr, [this](const json& v, const std::string& p) { return hours(v, p); }, hours_text, true);
    }

    // A time: cited hours, or {"ref": "code" | "code.stage", "at": "onset"|"end"|"abnormal"}.
    time_value time(const json& j, const std::string& ptr, std::size_t self) const {
        time_value v;
        v.pointer = d_->intern(ptr);
        if (j.is_object() && j.contains("ref")) {
            object(j, ptr, {"ref", "at"}, {"ref"});
            const std::string rp = child(ptr, "ref");
            const std::string_view target = str(j.at("ref"), rp);
            v.is_ref = true;
            std::uint16_t idx = find_before(target, self);
            if (idx == no_index) {
                const auto dot = target.rfind('.');
                if (dot != std::string_view::npos) {
                    const std::uint16_t owner = find_before(target.substr(0, dot), self);
                    if (owner != no_index) {
                        const entry_def& e = d_->entries[owner];
                        for (std::size_t s = 0; s < e.stages.size(); ++s) {
                            if (e.stages[s].short_code == target.substr(dot + 1)) {
                                idx = owner;
                                v.ref_stage = static_cast<std::uint16_t>(e.first_stage + s);
                            }
                        }
                    }
                }
            }
            if (idx == no_index) {
                fail(rp, "\"" + std::string(target) + "\" is not an entry (or restriction stage) defined earlier in the file");
            }
            v.ref_entry = idx;
            if (j.contains("at")) {
                const std::string ap = child(ptr, "at");
                const json& at = j.at("at");
                if (at == "onset") v.ref_point = point::onset;
                else if (at == "end") v.ref_point = point::end;
                else if (at == "abnormal") v.ref_point = point::abnormal;
                else fail(ap, "expected one of onset, end, abnormal, got " + describe(at));
                if (v.ref_stage != no_index && v.ref_point != point::end) fail(ap, "a stage reference can only be to its end");
            }
            return v;
        }
        v.literal = cited_hours(j, ptr);
        return v;
    }

    std::uint16_t find_before(std::string_view code, std::size_t self) const {
        const std::uint16_t i = d_->find_entry(code);
        return i < self ? i : no_index;
    }

    condition when(const json& j, const std::string& ptr) const {
        object(j, ptr, {"device", "area", "skin_type", "adjunct", "history", "indication"}, {});
        if (j.empty()) fail(ptr, "expected at least one of device, area, skin_type, adjunct, history, indication");
        condition c;
        if (j.contains("device")) c.devices = enum_codes<device>(j.at("device"), child(ptr, "device"));
        if (j.contains("area")) c.areas = enum_codes<area>(j.at("area"), child(ptr, "area"));
        if (j.contains("adjunct")) c.adjuncts = enum_codes<adjunct>(j.at("adjunct"), child(ptr, "adjunct"));
        if (j.contains("history")) c.history = enum_codes<history_flag>(j.at("history"), child(ptr, "history"));
        if (j.contains("indication")) c.indications = enum_codes<indication>(j.at("indication"), child(ptr, "indication"));
        if (j.contains("skin_type")) {
            const std::string sp = child(ptr, "skin_type");
            const json& a = array(j.at("skin_type"), sp);
            for (std::size_t i = 0; i < a.size(); ++i) {
                if (!a[i].is_number_integer() || a[i].get<int>() < 1 || a[i].get<int>() > 6) {
                    fail(child(sp, i), "expected a Fitzpatrick skin type 1–6, got " + describe(a[i]));
                }
                c.skin_types = static_cast<std::uint8_t>(c.skin_types | (1U << a[i].get<unsigned>()));
            }
        }
        return c;
    }

    // --- modifiers --------------------------------------------------------------------------------

    std::vector<modifier> modifiers(const json& obj, const std::string& ptr, const entry_def& d) const {
        std::vector<modifier> out;
        if (!obj.contains("modifiers")) return out;
        const std::string mp = child(ptr, "modifiers");
        const json& a = array(obj.at("modifiers"), mp);
        if (a.size() > max_modifiers) fail(mp, "expected at most " + std::to_string(max_modifiers) + " modifiers");
        for (std::size_t i = 0; i < a.size(); ++i) {
            const std::string p = child(mp, i);
            const json& j = a[i];
            object(j, p, {"when", "field", "stage", "add_h", "at_least_h", "likelihood", "basis", "sources", "note"}, {"when"});
            modifier m;
            m.pointer = d_->intern(p);
            m.when = when(j.at("when"), child(p, "when"));
            const bool has_add = j.contains("add_h"), has_min = j.contains("at_least_h"), has_raise = j.contains("likelihood");
            if (has_raise) {
                if (d.kind != entry_kind::effect) fail(child(p, "likelihood"), "only effects have a likelihood");
                if (has_add || has_min || j.contains("field") || j.contains("stage")) {
                    fail(p, "a likelihood modifier changes nothing else; use a separate modifier for a time");
                }
                m.field = target::likelihood;
                m.op = modifier_op::raise;
                m.raise_to = enum_code<likelihood>(j.at("likelihood"), child(p, "likelihood"));
            } else {
                if (has_add == has_min) fail(p, "expected exactly one of \"add_h\" or \"at_least_h\" (or \"likelihood\" for an effect)");
                m.op = has_add ? modifier_op::add : modifier_op::at_least;
                m.amount = hours(j.at(has_add ? "add_h" : "at_least_h"), child(p, has_add ? "add_h" : "at_least_h"));
                if (d.kind == entry_kind::restriction) {
                    if (!j.contains("stage") || j.contains("field")) fail(p, "a restriction modifier names a \"stage\" (and no \"field\")");
                    const std::string sp = child(p, "stage");
                    const std::string_view s = str(j.at("stage"), sp);
                    const auto it = std::find_if(d.stages.begin(), d.stages.end(), [&](const stage_def& st) { return st.short_code == s; });
                    if (it == d.stages.end()) fail(sp, "\"" + std::string(s) + "\" is not a stage of " + std::string(d.code));
                    m.field = target::stage_until;
                    m.stage = static_cast<std::uint8_t>(it - d.stages.begin());
                } else {
                    if (!j.contains("field") || j.contains("stage")) fail(p, "a modifier names the \"field\" it changes");
                    const std::string fp = child(p, "field");
                    const json& f = j.at("field");
                    if (f == "onset_h") m.field = target::onset;
                    else if ((f == "typical_end_h" && d.kind == entry_kind::effect) || (f == "until_h" && d.kind != entry_kind::effect && d.end)) m.field = target::end;
                    else if (f == "abnormal_after_h" && d.kind == entry_kind::effect) m.field = target::abnormal;
                    else fail(fp, d.kind == entry_kind::effect ? "expected one of onset_h, typical_end_h, abnormal_after_h, got " + describe(f)
                                                               : "expected onset_h or until_h (when the entry has one), got " + describe(f));
                }
            }
            m.basis = basis(j, p);
            m.sources = sources(j, p);
            m.note = note(j, p);
            out.push_back(m);
        }
        return out;
    }

    // --- sections ---------------------------------------------------------------------------------

    void document(const json& root) {
        object(root, "", {"format", "id", "version", "title", "disclaimer", "sources", "limits", "tiers", "symptoms", "signs",
                          "effects", "restrictions", "care", "milestones", "course", "notes", "red_flags", "check_ins", "triage", "screening"},
               {"format", "id", "version", "title", "disclaimer", "sources", "limits", "tiers", "symptoms", "signs", "effects",
                "restrictions", "care"});
        d_->format = str_key(root, "", "format");
        if (d_->format != "aftercare.protocol/1") fail("/format", "expected \"aftercare.protocol/1\", got " + describe(root.at("format")));
        d_->id = str_key(root, "", "id");
        d_->version = str_key(root, "", "version");
        d_->title = str_key(root, "", "title");
        d_->disclaimer = str_key(root, "", "disclaimer");
        sources_section(root.at("sources"));
        tiers_section(root.at("tiers"));
        limits_section(root.at("limits"));
        effects_section(root.at("effects"));
        symptoms_section(root.at("symptoms"), root.at("signs"));
        restrictions_section(root.at("restrictions"));
        care_section(root.at("care"), "/care", entry_kind::care, "care.");
        if (root.contains("milestones")) care_section(root.at("milestones"), "/milestones", entry_kind::milestone, "milestone.");
        if (root.contains("course")) course_section(root.at("course"));
        if (root.contains("notes")) notes_section(root.at("notes"));
        if (root.contains("red_flags")) red_flags_section(root.at("red_flags"));
        if (root.contains("check_ins")) check_ins_section(root.at("check_ins"));
        if (root.contains("triage")) triage_section(root.at("triage"));
        if (root.contains("screening")) screening_section(root.at("screening"));
    }

    void sources_section(const json& j) {
        if (!j.is_object()) fail("/sources", "expected an object of sources by key, got " + describe(j));
        if (j.empty()) fail("/sources", "expected at least one source");
        for (const auto& [key, value] : j.items()) {
            const std::string p = child("/sources", key);
            if (key.empty() || !std::all_of(key.begin(), key.end(), [](char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'; })) {
                fail(p, "a source key is upper case letters, digits and _, got \"" + key + "\"", true);
            }
            object(value, p, {"citation", "url", "tier", "note"}, {"citation", "tier"});
            source s;
            s.key = d_->intern(key);
            s.citation = str_key(value, p, "citation");
            s.url = value.contains("url") ? (value.at("url").is_string() ? d_->intern(value.at("url").get<std::string>()) : str(value.at("url"), child(p, "url")))
                                          : std::string_view{};
            s.tier = str_key(value, p, "tier");
            if (s.tier != "A" && s.tier != "B" && s.tier != "C" && s.tier != "local") {
                fail(child(p, "tier"), "expected one of A, B, C, local, got " + describe(value.at("tier")));
            }
            if (value.contains("note")) (void)str(value.at("note"), child(p, "note"));
            d_->sources.push_back(s);
        }
        std::sort(d_->sources.begin(), d_->sources.end(), [](const source& a, const source& b) { return a.key < b.key; });
    }

    void tiers_section(const json& j) {
        array(j, "/tiers");
        if (j.size() > max_tiers) fail("/tiers", "expected at most " + std::to_string(max_tiers) + " tiers");
        for (std::size_t i = 0; i < j.size(); ++i) {
            const std::string p = child("/tiers", i);
            object(j[i], p, {"id", "title", "max_depth_mm", "sources", "note"}, {"id", "title", "max_depth_mm", "sources"});
            depth_tier t;
            t.id = str_key(j[i], p, "id");
            if (!is_identifier(t.id)) fail(child(p, "id"), "expected a tier id of lower case letters, digits and _");
            for (const auto& prev : d_->tiers) {
                if (prev.id == t.id) fail(child(p, "id"), "duplicate tier \"" + std::string(t.id) + "\"");
            }
            t.title = str_key(j[i], p, "title");
            t.max_depth = depth_mm(j[i].at("max_depth_mm"), child(p, "max_depth_mm"));
            if (!d_->tiers.empty() && t.max_depth <= d_->tiers.back().max_depth) {
                fail(child(p, "max_depth_mm"), "tiers go from shallow to deep: expected more than " + to_string(d_->tiers.back().max_depth) + " mm");
            }
            d_->tier_sources.push_back(sources(j[i], p));
            (void)note(j[i], p);
            d_->tiers.push_back(t);
        }
    }

    depth_limit limit(const json& j, const std::string& ptr, bool both_required) const {
        object(j, ptr, {"min", "max", "basis", "sources", "note"}, {"sources"});
        depth_limit l;
        if (j.contains("min")) l.min = depth_mm(j.at("min"), child(ptr, "min"));
        if (j.contains("max")) l.max = depth_mm(j.at("max"), child(ptr, "max"));
        if (both_required && (!l.min || !l.max)) fail(ptr, "expected both \"min\" and \"max\"");
        if (!l.min && !l.max) fail(ptr, "expected \"min\", \"max\" or both");
        if (l.min && l.max && *l.max < *l.min) fail(child(ptr, "max"), "expected max >= min");
        (void)basis(j, ptr);
        l.sources = sources(j, ptr);
        (void)note(j, ptr);
        return l;
    }

    void limits_section(const json& j) {
        object(j, "/limits", {"depth_mm", "device_depth_mm"}, {"depth_mm"});
        d_->depth = limit(j.at("depth_mm"), "/limits/depth_mm", true);
        if (d_->tiers.back().max_depth < *d_->depth.max) {
            fail("/limits/depth_mm/max", "the deepest tier ends at " + to_string(d_->tiers.back().max_depth) +
                                             " mm; tiers must cover depths up to the maximum");
        }
        if (j.contains("device_depth_mm")) {
            const json& dd = j.at("device_depth_mm");
            object(dd, "/limits/device_depth_mm", {"home_roller", "pen", "rf"}, {});
            for (const auto& [key, value] : dd.items()) {
                const auto dev = *from_string<device>(key);
                d_->device_depth[static_cast<std::size_t>(dev)] = limit(value, child("/limits/device_depth_mm", key), false);
            }
        }
    }

    entry_def& new_entry(const json& j, const std::string& p, entry_kind kind, std::string_view prefix) {
        if (d_->entries.size() >= no_index - 1) fail(p, "too many entries");
        entry_def e;
        e.kind = kind;
        e.pointer = d_->intern(p);
        e.code = code(j.at("code"), child(p, "code"), prefix);
        if (d_->find_entry(e.code) != no_index) fail(child(p, "code"), "duplicate code \"" + std::string(e.code) + "\"");
        e.title = str_key(j, p, "title");
        if (j.contains("text")) e.text = str_key(j, p, "text");
        if (j.contains("when")) e.when = when(j.at("when"), child(p, "when"));
        e.sources = sources(j, p);
        d_->entries.push_back(std::move(e));
        return d_->entries.back();
    }

    void effects_section(const json& j) {
        array(j, "/effects");
        for (std::size_t i = 0; i < j.size(); ++i) {
            const std::string p = child("/effects", i);
            const json& x = j[i];
            object(x, p, {"code", "title", "text", "when", "sources", "likelihood", "onset_h", "typical_end_h", "abnormal_after_h", "modifiers"},
                   {"code", "title", "text", "sources", "likelihood", "onset_h", "typical_end_h", "abnormal_after_h"});
            const std::size_t self = d_->entries.size();
            entry_def& e = new_entry(x, p, entry_kind::effect, "effect.");
            e.likely = cited_value<likelihood>(
                x.at("likelihood"), child(p, "likelihood"),
                [this](const json& v, const std::string& vp) { return enum_code<likelihood>(v, vp); },
                [](likelihood l) { return std::string(to_string(l)); }, true);
            e.onset = time(x.at("onset_h"), child(p, "onset_h"), self);
            e.end = time(x.at("typical_end_h"), child(p, "typical_end_h"), self);
            e.abnormal = time(x.at("abnormal_after_h"), child(p, "abnormal_after_h"), self);
            for (std::size_t t = 0; t < d_->tiers.size(); ++t) {
                order(e.onset, *e.end, t, child(p, "typical_end_h"), "typical_end_h", "onset_h");
                order(*e.end, *e.abnormal, t, child(p, "abnormal_after_h"), "abnormal_after_h", "typical_end_h");
            }
            e.modifiers = modifiers(x, p, e);
        }
    }

    // A literal `later` must not be before a literal `earlier` in tier t.
    void order(const time_value& earlier, const time_value& later, std::size_t t, const std::string& ptr, std::string_view later_name,
               std::string_view earlier_name) const {
        if (earlier.is_ref || later.is_ref) return;  // checked over the treatment grid after parsing
        if (later.literal.at(t) < earlier.literal.at(t)) {
            fail(ptr, "reversed window: " + std::string(later_name) + " (" + hours_text(later.literal.at(t)) + ") is before " +
                          std::string(earlier_name) + " (" + hours_text(earlier.literal.at(t)) + ") in tier " + std::string(d_->tiers[t].id));
        }
    }

    void symptoms_section(const json& j, const json& signs) {
        std::vector<std::string_view> names(code_table<symptom>::codes.begin(), code_table<symptom>::codes.end());
        if (!j.is_object()) fail("/symptoms", "expected an object of symptoms by code, got " + describe(j));
        for (const auto& [key, value] : j.items()) {
            const auto s = from_string<symptom>(key);
            if (!s) fail(child("/symptoms", key), "unknown symptom \"" + key + "\"; expected one of: " + join(names), true);
            const std::string p = child("/symptoms", key);
            object(value, p, {"title", "effect"}, {"title"});
            symptom_def& def = d_->symptoms[static_cast<std::size_t>(*s)];
            def.title = str_key(value, p, "title");
            if (value.contains("effect")) {
                const std::string ep = child(p, "effect");
                const std::uint16_t idx = d_->find_entry(str(value.at("effect"), ep));
                if (idx == no_index || d_->entries[idx].kind != entry_kind::effect) fail(ep, "expected the code of an effect in /effects");
                def.effect = idx;
            }
        }
        for (std::string_view name : names) {
            if (!j.contains(name)) fail("/symptoms", "missing symptom \"" + std::string(name) + "\"; every symptom needs a title");
        }
        if (!signs.is_object()) fail("/signs", "expected an object of signs by code, got " + describe(signs));
        std::vector<std::string_view> sign_names(code_table<sign>::codes.begin(), code_table<sign>::codes.end());
        for (const auto& [key, value] : signs.items()) {
            const auto s = from_string<sign>(key);
            if (!s) fail(child("/signs", key), "unknown sign \"" + key + "\"; expected one of: " + join(sign_names), true);
            d_->signs[static_cast<std::size_t>(*s)] = str(value, child("/signs", key));
        }
        for (std::string_view name : sign_names) {
            if (!signs.contains(name)) fail("/signs", "missing sign \"" + std::string(name) + "\"");
        }
    }

    void restrictions_section(const json& j) {
        array(j, "/restrictions");
        for (std::size_t i = 0; i < j.size(); ++i) {
            const std::string p = child("/restrictions", i);
            const json& x = j[i];
            object(x, p, {"code", "title", "when", "sources", "stages", "modifiers"}, {"code", "title", "sources", "stages"});
            const std::size_t self = d_->entries.size();
            entry_def& e = new_entry(x, p, entry_kind::restriction, "restriction.");
            e.first_stage = static_cast<std::uint32_t>(d_->stage_count);
            const std::string sp = child(p, "stages");
            const json& stages = array(x.at("stages"), sp);
            for (std::size_t s = 0; s < stages.size(); ++s) {
                const std::string stp = child(sp, s);
                object(stages[s], stp, {"code", "text", "lifted_text", "until_h"}, {"code", "text", "lifted_text", "until_h"});
                stage_def st;
                st.short_code = str_key(stages[s], stp, "code");
                if (!is_identifier(st.short_code)) fail(child(stp, "code"), "expected a stage code of lower case letters, digits and _");
                for (const auto& prev : e.stages) {
                    if (prev.short_code == st.short_code) fail(child(stp, "code"), "duplicate stage \"" + std::string(st.short_code) + "\"");
                }
                st.code = d_->intern(std::string(e.code) + "." + std::string(st.short_code));
                st.text = str_key(stages[s], stp, "text");
                st.lifted_text = str_key(stages[s], stp, "lifted_text");
                st.until = time(stages[s].at("until_h"), child(stp, "until_h"), self);
                e.stages.push_back(st);
            }
            d_->stage_count += e.stages.size();
            e.modifiers = modifiers(x, p, e);
        }
    }

    void care_section(const json& j, const std::string& section, entry_kind kind, std::string_view prefix) {
        array(j, section, false);
        for (std::size_t i = 0; i < j.size(); ++i) {
            const std::string p = child(section, i);
            const json& x = j[i];
            object(x, p, {"code", "title", "text", "when", "sources", "onset_h", "until_h", "remind", "slots", "modifiers"},
                   {"code", "title", "text", "sources", "onset_h", "remind"});
            const std::size_t self = d_->entries.size();
            entry_def& e = new_entry(x, p, kind, prefix);
            if (kind == entry_kind::milestone && (e.code == "milestone.next_session" || e.code == "milestone.final_assessment")) {
                fail(child(p, "code"), "\"" + std::string(e.code) + "\" is made from /course; choose another code");
            }
            e.onset = time(x.at("onset_h"), child(p, "onset_h"), self);
            if (x.contains("until_h")) {
                e.end = time(x.at("until_h"), child(p, "until_h"), self);
                for (std::size_t t = 0; t < d_->tiers.size(); ++t) order(e.onset, *e.end, t, child(p, "until_h"), "until_h", "onset_h");
            }
            e.remind = enum_code<reminder_mode>(x.at("remind"), child(p, "remind"));
            if (x.contains("slots")) e.slots = enum_codes<routine_slot>(x.at("slots"), child(p, "slots"));
            if (e.remind == reminder_mode::daily && (e.slots.empty() || !e.end)) {
                fail(p, "a daily reminder needs \"slots\" and \"until_h\"");
            }
            if (e.remind == reminder_mode::once && e.slots.size() > 1) fail(child(p, "slots"), "a one-off reminder has at most one slot");
            if (e.remind == reminder_mode::none && !e.slots.empty()) fail(child(p, "slots"), "slots need \"remind\": \"once\" or \"daily\"");
            e.modifiers = modifiers(x, p, e);
        }
    }

    void course_section(const json& j) {
        object(j, "/course", {"next_session", "final_assessment", "indications", "modifiers"}, {"next_session", "final_assessment", "indications"});
        course_def& c = d_->course;
        auto head = [&](const char* key, std::string_view& title, std::string_view& text, source_span& src) {
            const std::string p = child("/course", key);
            object(j.at(key), p, {"title", "text", "sources"}, {"title", "text", "sources"});
            title = str_key(j.at(key), p, "title");
            text = str_key(j.at(key), p, "text");
            src = sources(j.at(key), p);
        };
        head("next_session", c.next_title, c.next_text, c.next_sources);
        head("final_assessment", c.final_title, c.final_text, c.final_sources);
        const std::string ip = "/course/indications";
        const json& inds = j.at("indications");
        if (!inds.is_object()) fail(ip, "expected an object of indications by code, got " + describe(inds));
        for (const auto& [key, value] : inds.items()) {
            const std::string p = child(ip, key);
            const auto ind = from_string<indication>(key);
            if (!ind) fail(p, "unknown indication \"" + key + "\"; expected one of: " + join(code_table<indication>::codes), true);
            object(value, p, {"sessions", "interval_h", "interval_max_h", "assess_after_last_h"}, {"sessions", "interval_h", "assess_after_last_h"});
            indication_def& def = c.indications[static_cast<std::size_t>(*ind)];
            def.present = true;
            def.sessions = cited_value<int>(
                value.at("sessions"), child(p, "sessions"), [this](const json& v, const std::string& vp) { return count(v, vp); },
                [](int n) { return std::to_string(n); }, false);
            def.interval = cited_hours(value.at("interval_h"), child(p, "interval_h"));
            if (value.contains("interval_max_h")) {
                def.interval_max = cited_hours(value.at("interval_max_h"), child(p, "interval_max_h"));
                for (std::size_t t = 0; t < d_->tiers.size(); ++t) {
                    if (def.interval_max->at(t) < def.interval.at(t)) {
                        fail(child(p, "interval_max_h"), "reversed window: interval_max_h is shorter than interval_h");
                    }
                }
            }
            def.assess_after_last = cited_hours(value.at("assess_after_last_h"), child(p, "assess_after_last_h"));
        }
        if (j.contains("modifiers")) {
            const std::string mp = "/course/modifiers";
            const json& a = array(j.at("modifiers"), mp);
            if (a.size() > max_modifiers) fail(mp, "expected at most " + std::to_string(max_modifiers) + " modifiers");
            for (std::size_t i = 0; i < a.size(); ++i) {
                const std::string p = child(mp, i);
                object(a[i], p, {"when", "field", "add_h", "at_least_h", "basis", "sources", "note"}, {"when", "field", "sources"});
                modifier m;
                m.pointer = d_->intern(p);
                m.when = when(a[i].at("when"), child(p, "when"));
                if (a[i].at("field") != "interval_h") fail(child(p, "field"), "expected \"interval_h\", got " + describe(a[i].at("field")));
                m.field = target::interval;
                const bool has_add = a[i].contains("add_h"), has_min = a[i].contains("at_least_h");
                if (has_add == has_min) fail(p, "expected exactly one of \"add_h\" or \"at_least_h\"");
                m.op = has_add ? modifier_op::add : modifier_op::at_least;
                m.amount = hours(a[i].at(has_add ? "add_h" : "at_least_h"), child(p, has_add ? "add_h" : "at_least_h"));
                m.basis = basis(a[i], p);
                m.sources = sources(a[i], p);
                m.note = note(a[i], p);
                c.modifiers.push_back(m);
            }
        }
    }

    void notes_section(const json& j) {
        array(j, "/notes", false);
        for (std::size_t i = 0; i < j.size(); ++i) {
            const std::string p = child("/notes", i);
            object(j[i], p, {"code", "text", "when", "basis", "sources"}, {"code", "text", "sources"});
            note_def n;
            n.pointer = d_->intern(p);
            n.code = code(j[i].at("code"), child(p, "code"), "note.");
            for (const auto& prev : d_->notes) {
                if (prev.code == n.code) fail(child(p, "code"), "duplicate code \"" + std::string(n.code) + "\"");
            }
            n.text = str_key(j[i], p, "text");
            if (j[i].contains("when")) n.when = when(j[i].at("when"), child(p, "when"));
            n.basis = basis(j[i], p);
            n.sources = sources(j[i], p);
            d_->notes.push_back(n);
        }
    }

    void red_flags_section(const json& j) {
        array(j, "/red_flags", false);
        for (std::size_t i = 0; i < j.size(); ++i) {
            const std::string p = child("/red_flags", i);
            const json& x = j[i];
            object(x, p, {"code", "title", "text", "advice", "when", "symptoms", "signs_all", "signs_any", "min_severity", "from_h", "until_h",
                          "past", "level", "basis", "sources", "note"},
                   {"code", "title", "text", "advice", "level", "sources"});
            const std::size_t self = d_->entries.size();
            entry_def& e = new_entry(x, p, entry_kind::red_flag, "red_flag.");
            e.advice = str_key(x, p, "advice");
            e.level = enum_code<triage_level>(x.at("level"), child(p, "level"));
            (void)basis(x, p);
            (void)note(x, p);
            if (x.contains("symptoms")) e.symptoms = enum_codes<symptom>(x.at("symptoms"), child(p, "symptoms"));
            if (x.contains("signs_all")) e.signs_all = enum_codes<sign>(x.at("signs_all"), child(p, "signs_all"));
            if (x.contains("signs_any")) e.signs_any = enum_codes<sign>(x.at("signs_any"), child(p, "signs_any"));
            if (x.contains("min_severity")) e.min_severity = enum_code<severity>(x.at("min_severity"), child(p, "min_severity"));
            if (e.symptoms.empty() && e.signs_all.empty() && e.signs_any.empty()) {
                fail(p, "a red flag needs \"symptoms\", \"signs_all\" or \"signs_any\"");
            }
            if (x.contains("past") && x.contains("from_h")) fail(child(p, "past"), "use \"past\" or \"from_h\", not both");
            if (x.contains("past")) {
                const std::string pp = child(p, "past");
                const std::uint16_t idx = find_before(str(x.at("past"), pp), self);
                if (idx == no_index || d_->entries[idx].kind != entry_kind::effect) fail(pp, "expected the code of an effect in /effects");
                e.past_effect = idx;
                e.onset.is_ref = true;
                e.onset.ref_entry = idx;
                e.onset.ref_point = point::abnormal;
                e.onset.pointer = d_->intern(pp);
            } else if (x.contains("from_h")) {
                e.onset = time(x.at("from_h"), child(p, "from_h"), self);
            }
            if (x.contains("until_h")) {
                e.end = time(x.at("until_h"), child(p, "until_h"), self);
                for (std::size_t t = 0; t < d_->tiers.size(); ++t) order(e.onset, *e.end, t, child(p, "until_h"), "until_h", "from_h");
            }
        }
    }

    // Check-ins (reminders.hpp): [{code "check_in.*", title, text, at_h (cited hours), symptoms?, sources}].
    void check_ins_section(const json& j) {
        array(j, "/check_ins", false);
        for (std::size_t i = 0; i < j.size(); ++i) {
            const std::string p = child("/check_ins", i);
            const json& x = j[i];
            object(x, p, {"code", "title", "text", "at_h", "symptoms", "sources"}, {"code", "title", "text", "at_h", "sources"});
            check_in_def c;
            c.pointer = d_->intern(p);
            c.code = code(x.at("code"), child(p, "code"), "check_in.");
            for (const auto& prev : d_->check_ins) {
                if (prev.code == c.code) fail(child(p, "code"), "duplicate code \"" + std::string(c.code) + "\"");
            }
            c.title = str_key(x, p, "title");
            c.text = str_key(x, p, "text");
            c.at = cited_hours(x.at("at_h"), child(p, "at_h"));
            if (x.contains("symptoms")) c.symptoms = enum_codes<symptom>(x.at("symptoms"), child(p, "symptoms"));
            // The reminder's message, composed once: the text, then what triage knows to ask about.
            std::string message(c.text);
            message += "\nSymptoms to look for: ";
            const char* separator = "";
            for (symptom s : all_values<symptom>()) {
                if (!c.symptoms.empty() && !c.symptoms.contains(s)) continue;
                message += separator;
                message += d_->symptoms[static_cast<std::size_t>(s)].title;
                separator = "; ";
            }
            message += ".\nSigns to note: ";
            separator = "";
            for (std::string_view sign_text : d_->signs) {
                message += separator;
                message += sign_text;
                separator = "; ";
            }
            message += '.';
            c.message = d_->intern(std::move(message));
            const source_span own = sources(x, p);
            // One span for both: the check-in's own keys, then at_h's that are not among them.
            c.sources = source_span{static_cast<std::uint32_t>(d_->source_keys.size()), 0};
            for (const source_span s : {own, c.at.sources}) {
                for (std::uint32_t k = s.first; k < s.first + s.count; ++k) {
                    const std::string_view key = d_->source_keys[k];
                    const auto first = d_->source_keys.begin() + static_cast<std::ptrdiff_t>(c.sources.first);
                    if (std::find(first, first + static_cast<std::ptrdiff_t>(c.sources.count), key) == first + static_cast<std::ptrdiff_t>(c.sources.count)) {
                        d_->source_keys.push_back(key);
                        ++c.sources.count;
                    }
                }
            }
            d_->check_ins.push_back(c);
        }
    }

    // --- triage: the window levels, the default, severity and the action for each level ------------

    triage_outcome outcome(const json& j, const std::string& ptr, std::string_view code, bool severe) const {
        if (severe) {
            object(j, ptr, {"raise_levels", "title", "text", "basis", "sources", "note"}, {"raise_levels", "title", "text", "sources"});
        } else {
            object(j, ptr, {"level", "title", "text", "advice", "basis", "sources", "note"}, {"level", "title", "text", "advice", "sources"});
        }
        triage_outcome o;
        o.code = code;
        o.pointer = d_->intern(ptr);
        if (!severe) {
            o.level = enum_code<triage_level>(j.at("level"), child(ptr, "level"));
            o.advice = str_key(j, ptr, "advice");
        }
        o.title = str_key(j, ptr, "title");
        o.text = str_key(j, ptr, "text");
        o.basis = basis(j, ptr);
        o.sources = sources(j, ptr);
        o.note = note(j, ptr);
        return o;
    }

    void triage_section(const json& j) {
        const std::string tp = "/triage";
        object(j, tp, {"actions", "early", "expected", "settling", "overdue", "not_covered", "severe"},
               {"actions", "early", "expected", "settling", "overdue", "not_covered", "severe"});
        triage_def& t = d_->triage;
        {
            const std::string ap = child(tp, "actions");
            const json& a = j.at("actions");
            object(a, ap, {"expected", "monitor", "contact_clinic", "urgent", "emergency", "basis", "sources", "note"},
                   {"expected", "monitor", "contact_clinic", "urgent", "emergency", "sources"});
            for (triage_level l : all_values<triage_level>()) {
                t.actions[static_cast<std::size_t>(l)] = str_key(a, ap, to_string(l));
            }
            (void)basis(a, ap);
            t.actions_sources = sources(a, ap);
            (void)note(a, ap);
        }
        t.early = outcome(j.at("early"), child(tp, "early"), "triage.early", false);
        t.expected = outcome(j.at("expected"), child(tp, "expected"), "triage.expected", false);
        t.settling = outcome(j.at("settling"), child(tp, "settling"), "triage.settling", false);
        t.overdue = outcome(j.at("overdue"), child(tp, "overdue"), "triage.overdue", false);
        t.not_covered = outcome(j.at("not_covered"), child(tp, "not_covered"), "triage.not_covered", false);
        const std::string sp = child(tp, "severe");
        t.severe = outcome(j.at("severe"), sp, "triage.severe", true);
        const json& raise = j.at("severe").at("raise_levels");
        if (!raise.is_number_integer() || raise.get<long long>() < 1 || raise.get<long long>() > 4) {
            fail(child(sp, "raise_levels"), "expected a whole number of levels from 1 to 4, got " + describe(raise));
        }
        t.severe_raise = raise.get<int>();
        // Later in the window is never less urgent.
        auto at_least = [&](const triage_outcome& later, const triage_outcome& earlier, std::string_view later_key, std::string_view earlier_key) {
            if (later.level < earlier.level) {
                fail(child(child(tp, later_key), "level"), "expected a level at least that of \"" + std::string(earlier_key) + "\" (" +
                                                               std::string(to_string(earlier.level)) + "), got " + std::string(to_string(later.level)));
            }
        };
        at_least(t.settling, t.expected, "settling", "expected");
        at_least(t.overdue, t.settling, "overdue", "settling");
        t.present = true;
    }

    // --- screening: one rule list per condition, the dated facts, and rules on the treatment -------

    int whole(const json& j, const std::string& ptr, int lo, int hi) const {
        if (!j.is_number_integer() || j.get<long long>() < lo || j.get<long long>() > hi) {
            fail(ptr, "expected a whole number from " + std::to_string(lo) + " to " + std::to_string(hi) + ", got " + describe(j));
        }
        return j.get<int>();
    }

    decision verdict(const json& obj, const std::string& ptr) const { return enum_code<decision>(obj.at("decision"), child(ptr, "decision")); }

    enum class rule_kind : std::uint8_t { condition, dated, age, treatment };

    screening_rule screening_rule_at(const json& j, const std::string& ptr, std::string_view code, rule_kind kind) const {
        switch (kind) {
            case rule_kind::condition:
                object(j, ptr, {"title", "decision", "reason", "advice", "when", "wait_days", "wait_months", "wait_years", "wait_from", "basis",
                                "sources", "note"},
                       {"title", "decision", "reason", "advice", "sources"});
                break;
            case rule_kind::dated:
                object(j, ptr, {"title", "decision", "reason", "advice", "wait_days", "wait_months", "wait_years", "after", "basis", "sources", "note"},
                       {"title", "decision", "reason", "advice", "after", "sources"});
                break;
            case rule_kind::age:
                object(j, ptr, {"title", "decision", "reason", "advice", "min_age_years", "after", "basis", "sources", "note"},
                       {"title", "decision", "reason", "advice", "min_age_years", "after", "sources"});
                break;
            case rule_kind::treatment:
                object(j, ptr, {"code", "title", "decision", "reason", "advice", "when", "basis", "sources", "note"},
                       {"code", "title", "decision", "reason", "advice", "when", "sources"});
                break;
        }
        screening_rule r;
        r.pointer = d_->intern(ptr);
        r.code = code;
        r.title = str_key(j, ptr, "title");
        r.verdict = verdict(j, ptr);
        r.reason = str_key(j, ptr, "reason");
        r.advice = str_key(j, ptr, "advice");
        if (j.contains("when")) r.when = when(j.at("when"), child(ptr, "when"));
        r.basis = basis(j, ptr);
        r.sources = sources(j, ptr);
        r.note = note(j, ptr);

        // The wait: at most one unit; dated rules need one, age has its own key.
        const auto show = [](int n) { return std::to_string(n); };
        int waits = 0;
        for (const auto& [key, in, hi] : {std::tuple{"wait_days", wait_period::unit::days, 3660}, std::tuple{"wait_months", wait_period::unit::months, 120},
                                          std::tuple{"wait_years", wait_period::unit::years, 10}, std::tuple{"min_age_years", wait_period::unit::years, 150}}) {
            if (!j.contains(key)) continue;
            ++waits;
            const int top = hi;
            const std::string wp = child(ptr, key);
            r.wait = cited_value<int>(
                j.at(key), wp, [this, top](const json& v, const std::string& vp) { return whole(v, vp, 0, top); }, show, false);
            r.wait_unit = in;
            if (r.wait->per_tier) fail(child(wp, "by_tier"), "expected one \"value\": a wait does not depend on the depth tier");
            if (r.wait->at(0) < 1) fail(child(wp, "value"), "expected a wait of at least 1, got 0");
        }
        if (waits > 1) fail(ptr, "expected at most one of \"wait_days\", \"wait_months\" or \"wait_years\"");
        if (kind == rule_kind::dated && waits == 0) fail(ptr, "missing key \"wait_days\", \"wait_months\" or \"wait_years\": the wait after the date");
        if (j.contains("wait_from")) {
            const std::string fp = child(ptr, "wait_from");
            if (j.at("wait_from") != "screening_date") fail(fp, "expected \"screening_date\", got " + describe(j.at("wait_from")));
            if (!r.wait) fail(fp, "\"wait_from\" needs a wait (\"wait_days\", \"wait_months\" or \"wait_years\")");
            r.wait_from_as_of = true;
        }
        if (j.contains("after")) {
            const std::string ap = child(ptr, "after");
            const json& a = j.at("after");
            object(a, ap, {"decision", "reason", "advice"}, {"decision", "reason", "advice"});
            r.has_after = true;
            r.after_verdict = verdict(a, ap);
            r.after_reason = str_key(a, ap, "reason");
            r.after_advice = str_key(a, ap, "advice");
        }
        return r;
    }

    void screening_section(const json& j) {
        const std::string sp = "/screening";
        object(j, sp, {"conditions", "isotretinoin_stopped", "radiotherapy", "age", "treatment"},
               {"conditions", "isotretinoin_stopped", "radiotherapy", "age"});
        screening_def& s = d_->screening;
        const std::vector<std::string_view> names(code_table<aftercare::condition>::codes.begin(), code_table<aftercare::condition>::codes.end());

        const std::string cp = child(sp, "conditions");
        const json& conds = j.at("conditions");
        if (!conds.is_object()) fail(cp, "expected an object of rule lists by condition code, got " + describe(conds));
        for (const auto& [key, value] : conds.items()) {
            const std::string p = child(cp, key);
            const auto c = from_string<aftercare::condition>(key);
            if (!c) fail(p, "unknown condition \"" + key + "\"; expected one of: " + join(names), true);
            const json& rules = array(value, p);
            auto& out = s.conditions[static_cast<std::size_t>(*c)];
            for (std::size_t i = 0; i < rules.size(); ++i) {
                const std::string rp = child(p, i);
                const bool last = i + 1 == rules.size();
                if (rules[i].is_object() && rules[i].contains("when") == last) {
                    fail(rp, last ? "the last rule applies to every other treatment: it has no \"when\""
                                  : "only the last rule may leave out \"when\" (the rules after it could never apply)");
                }
                out.push_back(screening_rule_at(rules[i], rp, to_string(*c), rule_kind::condition));
            }
        }
        for (std::string_view name : names) {
            if (!conds.contains(name)) fail(cp, "missing condition \"" + std::string(name) + "\"; every condition needs a rule");
        }

        s.isotretinoin_stopped = screening_rule_at(j.at("isotretinoin_stopped"), child(sp, "isotretinoin_stopped"), "isotretinoin_stopped", rule_kind::dated);
        s.radiotherapy = screening_rule_at(j.at("radiotherapy"), child(sp, "radiotherapy"), "radiotherapy", rule_kind::dated);
        s.age = screening_rule_at(j.at("age"), child(sp, "age"), "age", rule_kind::age);

        if (j.contains("treatment")) {
            const std::string tp = child(sp, "treatment");
            const json& rules = array(j.at("treatment"), tp, false);
            for (std::size_t i = 0; i < rules.size(); ++i) {
                const std::string rp = child(tp, i);
                if (!rules[i].is_object()) fail(rp, "expected an object, got " + describe(rules[i]));
                if (!rules[i].contains("code")) fail(rp, "missing key \"code\"");
                {
                    const std::string_view c = str(rules[i].at("code"), child(rp, "code"));
                    if (!is_identifier(c)) fail(child(rp, "code"), "expected a code of lower case letters, digits and _");
                    const bool taken = from_string<aftercare::condition>(c).has_value() || c == "isotretinoin_stopped" || c == "radiotherapy" ||
                                       c == "age" || std::any_of(s.treatment_rules.begin(), s.treatment_rules.end(),
                                                                 [&](const screening_rule& r) { return r.code == c; });
                    if (taken) fail(child(rp, "code"), "duplicate code \"" + std::string(c) + "\" (condition codes, isotretinoin_stopped, radiotherapy and age are taken)");
                    s.treatment_rules.push_back(screening_rule_at(rules[i], rp, c, rule_kind::treatment));
                }
            }
        }
        s.present = true;
    }
};

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
    std::vector<std::optional<indication>> indications{std::nullopt};
    for (indication i : all_values<indication>()) indications.emplace_back(i);

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

std::shared_ptr<const protocol_data> parse_protocol_data(std::string text, std::string origin) {
    return parser(std::move(text), std::move(origin)).run();
}

}  // namespace aftercare::detail
