// The protocol reader's shapes and values: errors with positions, objects, strings, codes, numbers, cited values, times, conditions and modifiers.
#include "protocol/reader.hpp"

#include <cmath>
#include <set>
#include <tuple>

namespace aftercare::detail::reading {

parser::parser(std::string text, std::string origin) : d_(std::make_shared<protocol_data>()) {
    d_->text = std::move(text);
    d_->origin = std::move(origin);
}

std::shared_ptr<const protocol_data> parser::run() {
    json root;
    try {
        root = read_json(d_->text);
    } catch (const json_read_error& e) {
        const auto at = position_of(d_->text, e.offset);
        throw protocol_error(d_->origin, at.line, at.column, e.pointer,
                             explained(e, d_->text));
    }
    document(root);
    prepare_plans(*d_);   // check_windows reads the references it finds
    check_windows(*d_);
    prepare_plan_bases(*d_);
    return d_;
}

// --- errors ---------------------------------------------------------------------------------
[[noreturn]] void parser::fail(const std::string& ptr, const std::string& expected, bool at_key) const {
    std::size_t line = 0, column = 0;
    if (auto off = locate(d_->text, ptr, at_key)) {
        const auto pos = position_of(d_->text, *off);
        line = pos.line;
        column = pos.column;
    }
    throw protocol_error(d_->origin, line, column, ptr, expected);
}

// --- shapes ---------------------------------------------------------------------------------
void parser::object(const json& j, const std::string& ptr, std::initializer_list<std::string_view> allowed,
            std::initializer_list<std::string_view> required) const {
    if (!j.is_object()) fail(ptr, "expected an object, got " + describe(j));
    for (const auto& [key, value] : j.items()) {
        if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
            fail(child(ptr, key), "unknown key " + jstr(key) + "; expected one of: " + join(allowed) +
                                                   did_you_mean(key, std::span<const std::string_view>(allowed.begin(), allowed.size())),
                 true);
        }
    }
    for (std::string_view key : required) {
        if (!j.contains(key)) fail(ptr, "missing key " + jstr(key));
    }
}

const json& parser::array(const json& j, const std::string& ptr, bool non_empty) const {
    if (!j.is_array()) fail(ptr, "expected an array, got " + describe(j));
    if (non_empty && j.empty()) fail(ptr, "expected a non-empty array");
    return j;
}

std::string_view parser::str(const json& j, const std::string& ptr) const {
    if (!j.is_string() || j.get_ref<const std::string&>().empty()) fail(ptr, "expected a non-empty string, got " + describe(j));
    return d_->intern(j.get<std::string>());
}

std::string_view parser::str_key(const json& obj, const std::string& ptr, std::string_view key) const {
    return str(obj.at(key), child(ptr, key));
}

bool parser::is_identifier(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

std::string_view parser::code(const json& j, const std::string& ptr, std::string_view prefix) const {
    const std::string_view c = str(j, ptr);
    const bool ok = c.starts_with(prefix) && c.size() > prefix.size() &&
                    std::all_of(c.begin() + static_cast<std::ptrdiff_t>(prefix.size()), c.end(), [](char ch) {
                        return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_' || ch == '.';
                    });
    if (!ok) fail(ptr, "expected a code \"" + std::string(prefix) + "name\" (lower case, digits, _ and .), got " + describe(j));
    return c;
}

double parser::number(const json& j, const std::string& ptr) const {
    if (!j.is_number()) fail(ptr, "expected a number, got " + describe(j));
    const double v = j.get<double>();
    if (!std::isfinite(v)) fail(ptr, "expected a finite number");
    return v;
}

minutes parser::hours(const json& j, const std::string& ptr) const {
    const double h = number(j, ptr);
    if (h < 0) fail(ptr, "expected hours >= 0, got " + describe(j));
    if (h > 24.0 * 366 * 10) fail(ptr, "expected hours up to ten years (87840), got " + describe(j));
    const double m = h * 60.0;
    if (std::abs(m - std::round(m)) > 1e-6) fail(ptr, "expected hours in whole minutes, got " + describe(j));
    return minutes{static_cast<minutes::rep>(std::llround(m))};
}

needle_depth parser::depth_mm(const json& j, const std::string& ptr) const {
    const double mm = number(j, ptr);
    if (mm <= 0 || mm > 100) fail(ptr, "expected a depth in mm above 0, got " + describe(j));
    return needle_depth::from_mm(mm);
}

int parser::count(const json& j, const std::string& ptr) const {
    if (!j.is_number_integer() || j.get<long long>() < 1 || j.get<long long>() > 1000) {
        fail(ptr, "expected a whole number from 1 to 1000, got " + describe(j));
    }
    return j.get<int>();
}

source_span parser::sources(const json& obj, const std::string& ptr) const {
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
            fail(child(sp, i), "unknown source " + jstr(key) + "; every source must be a key of /sources");
        }
        if (!seen.insert(std::string(key)).second) fail(child(sp, i), "duplicate source " + jstr(key));
        d_->source_keys.push_back(it->key);
        ++span.count;
    }
    return span;
}

evidence_basis parser::basis(const json& obj, const std::string& ptr) const {
    if (!obj.contains("basis")) return evidence_basis::typical;
    return enum_code<evidence_basis>(obj.at("basis"), child(ptr, "basis"));
}

std::string_view parser::note(const json& obj, const std::string& ptr) const {
    return obj.contains("note") ? str(obj.at("note"), child(ptr, "note")) : std::string_view{};
}

std::string parser::tier_list() const {
    std::string out;
    for (const auto& t : d_->tiers) out += (out.empty() ? "" : ", ") + std::string(t.id);
    return out;
}

cited<minutes> parser::cited_hours(const json& j, const std::string& ptr) const {
    return cited_value<minutes>(j, ptr, [this](const json& v, const std::string& p) { return hours(v, p); }, hours_text, true);
}

// A time: cited hours, or {"ref": "code" | "code.stage", "at": "onset"|"end"|"abnormal"}.
time_value parser::time(const json& j, const std::string& ptr, std::size_t self) const {
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
            fail(rp, jstr(target) + " is not an entry (or restriction stage) defined earlier in the file");
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

std::uint16_t parser::find_before(std::string_view code, std::size_t self) const {
    const std::uint16_t i = d_->find_entry(code);
    return i < self ? i : no_index;
}

condition parser::when(const json& j, const std::string& ptr) const {
    object(j, ptr, {"device", "area", "skin_type", "adjunct", "history", "indication", "depth_mm"}, {});
    if (j.empty()) fail(ptr, "expected at least one of device, area, skin_type, adjunct, history, indication, depth_mm");
    condition c;
    if (j.contains("device")) c.devices = enum_codes<device>(j.at("device"), child(ptr, "device"));
    if (j.contains("area")) c.areas = enum_codes<area>(j.at("area"), child(ptr, "area"));
    if (j.contains("adjunct")) c.adjuncts = enum_codes<adjunct>(j.at("adjunct"), child(ptr, "adjunct"));
    if (j.contains("history")) c.history = enum_codes<history_flag>(j.at("history"), child(ptr, "history"));
    if (j.contains("indication")) c.indications = enum_codes<indication>(j.at("indication"), child(ptr, "indication"));
    if (j.contains("depth_mm")) {
        const std::string dp = child(ptr, "depth_mm");
        const json& dj = j.at("depth_mm");
        object(dj, dp, {"over", "max"}, {});
        if (dj.empty()) fail(dp, "expected \"over\", \"max\" or both");
        if (dj.contains("over")) c.depth_over = depth_mm(dj.at("over"), child(dp, "over"));
        if (dj.contains("max")) c.depth_max = depth_mm(dj.at("max"), child(dp, "max"));
        if (c.depth_over && c.depth_max && *c.depth_max <= *c.depth_over) fail(child(dp, "max"), "expected max > over: no depth would match");
    }
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
std::vector<modifier> parser::modifiers(const json& obj, const std::string& ptr, const entry_def& d) const {
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
        if (j.at("when").is_object() && j.at("when").contains("depth_mm")) {
            fail(child(child(p, "when"), "depth_mm"), "a modifier cannot depend on depth_mm; give the value by_tier instead", true);
        }
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
                if (it == d.stages.end()) fail(sp, jstr(s) + " is not a stage of " + std::string(d.code));
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

}  // namespace aftercare::detail::reading
