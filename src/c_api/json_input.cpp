#include "c_api/json_input.hpp"

#include "aftercare/error.hpp"
#include "aftercare/time.hpp"
#include "protocol/json_locate.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <string>

namespace aftercare::c_api {

namespace {

using nlohmann::json;

// A short prefix of a value for messages: at most 60 bytes, cut at a UTF-8 character boundary.
std::string shown(const json& j) {
    std::string s = j.is_string() ? j.get<std::string>() : j.dump(-1, ' ', false, json::error_handler_t::replace);
    if (s.size() <= 60) return s;
    std::size_t cut = 57;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
    return s.substr(0, cut) + "...";
}

class reader {
public:
    reader(std::string_view text, std::string_view what) : text_(text), what_(what) {}

    json parse() const {
        try {
            return json::parse(text_);
        } catch (const json::parse_error& e) {
            const auto at = detail::position_of(text_, e.byte == 0 ? 0 : e.byte - 1);
            std::string why = e.what();
            const auto colon = why.find(": ", why.find("parse error"));
            throw invalid_value(std::string(what_), "", "a JSON document",
                                std::string(what_) + ":" + std::to_string(at.line) + ":" + std::to_string(at.column) +
                                    ": not valid JSON: " + (colon == std::string::npos ? why : why.substr(colon + 2)));
        } catch (const json::out_of_range&) {
            // A number too large for a double (1e999): nlohmann reports it as out of range.
            throw invalid_value(std::string(what_), "", "a JSON document", std::string(what_) + ": not valid JSON: a number too large for a double");
        }
    }

    [[noreturn]] void fail(const std::string& ptr, const std::string& value, const std::string& allowed, const std::string& expected,
                           bool at_key = false) const {
        std::string where(what_);
        if (auto off = detail::locate(text_, ptr, at_key)) {
            const auto pos = detail::position_of(text_, *off);
            where += ":" + std::to_string(pos.line) + ":" + std::to_string(pos.column);
        }
        throw invalid_value(ptr.empty() ? std::string(what_) : ptr, value, allowed, where + ": " + (ptr.empty() ? "(document)" : ptr) + ": " + expected);
    }

    // Rethrows a core error about one member with the member's pointer as the field.
    template <class F>
    auto at(const std::string& ptr, F&& f) const -> decltype(f()) {
        try {
            return f();
        } catch (const time_zone_error&) {
            throw;
        } catch (const invalid_value& e) {
            fail(ptr, e.value(), e.allowed(), e.what());
        }
    }

    void object(const json& root, std::span<const std::string_view> keys) const {
        std::string list;
        for (auto k : keys) list += (list.empty() ? "" : ", ") + std::string(k);
        if (!root.is_object()) fail("", shown(root), "an object", "expected an object with " + list);
        for (const auto& [key, value] : root.items()) {
            if (std::find(keys.begin(), keys.end(), key) == keys.end()) {
                fail("/" + detail::escape_pointer_token(key), key, list, "unknown key \"" + key + "\"; expected one of: " + list, true);
            }
        }
    }

    const std::string& string(const json& j, const std::string& ptr, const std::string& what) const {
        if (!j.is_string()) fail(ptr, shown(j), what, "expected " + what + ", got " + shown(j));
        return j.get_ref<const std::string&>();
    }

    template <code_enum E>
    E code(const json& j, const std::string& ptr) const {
        std::string allowed;
        for (auto c : detail::code_table<E>::codes) allowed += (allowed.empty() ? "" : ", ") + std::string(c);
        if (j.is_string()) {
            if (auto e = from_string<E>(j.get_ref<const std::string&>())) return *e;
        }
        const std::string s = shown(j);
        fail(ptr, s, allowed, std::string(detail::code_table<E>::field) + " " + (j.is_string() ? "'" + s + "'" : s) + " is not one of " + allowed);
    }

    template <code_enum E>
    enum_set<E> codes(const json& j, const std::string& ptr) const {
        if (!j.is_array()) fail(ptr, shown(j), "an array of codes", "expected an array of codes, got " + shown(j));
        enum_set<E> out;
        for (std::size_t i = 0; i < j.size(); ++i) out.insert(code<E>(j[i], ptr + "/" + std::to_string(i)));
        return out;
    }

private:
    std::string_view text_;
    std::string_view what_;
};

}  // namespace

treatment_input treatment_from_json(std::string_view text, const zone_source& zones) {
    static constexpr std::array<std::string_view, 10> keys{"device", "depth_mm", "area", "skin_type", "adjuncts", "indication",
                                                           "session", "history", "treated_at", "time_zone"};
    const reader r(text, "treatment");
    const json root = r.parse();
    r.object(root, keys);
    for (const char* required : {"device", "depth_mm", "skin_type"}) {
        if (!root.contains(required)) r.fail("", "", required, std::string("missing key \"") + required + "\"");
    }
    treatment_input in;
    treatment& t = in.treatment;
    t.device = r.code<device>(root.at("device"), "/device");
    {
        const json& d = root.at("depth_mm");
        if (!d.is_number()) r.fail("/depth_mm", shown(d), "a number of millimetres", "expected a depth in mm, got " + shown(d));
        t.depth = r.at("/depth_mm", [&] { return needle_depth::from_mm(d.get<double>()); });
    }
    if (root.contains("area")) t.area = r.code<area>(root.at("area"), "/area");
    {
        const json& s = root.at("skin_type");
        if (s.is_number_integer()) {
            const auto v = s.get<std::int64_t>();
            if (v < 1 || v > 6) r.fail("/skin_type", shown(s), "1-6 or I-VI", "skin_type " + shown(s) + " is not a Fitzpatrick type (expected 1-6 or I-VI)");
            t.skin_type = skin_type{static_cast<int>(v)};
        } else if (s.is_string()) {
            t.skin_type = r.at("/skin_type", [&] { return parse_skin_type(s.get_ref<const std::string&>()); });
        } else {
            r.fail("/skin_type", shown(s), "1-6 or I-VI", "expected a Fitzpatrick skin type 1-6 or \"I\"-\"VI\", got " + shown(s));
        }
    }
    if (root.contains("adjuncts")) t.adjuncts = r.codes<adjunct>(root.at("adjuncts"), "/adjuncts");
    if (root.contains("indication") && !root.at("indication").is_null()) t.indication = r.code<indication>(root.at("indication"), "/indication");
    if (root.contains("session")) {
        const json& s = root.at("session");
        if (!s.is_number_integer() || s.get<std::int64_t>() < 1 || s.get<std::int64_t>() > 1000) {
            r.fail("/session", shown(s), "a whole number from 1", "expected the session number, a whole number from 1, got " + shown(s));
        }
        t.session = static_cast<int>(s.get<std::int64_t>());
    }
    if (root.contains("history")) t.history = r.codes<history_flag>(root.at("history"), "/history");
    if (root.contains("time_zone") && !root.at("time_zone").is_null()) {
        const std::string& name = r.string(root.at("time_zone"), "/time_zone", "an IANA time-zone name");
        in.zone = locate_zone(name, zones, "/time_zone");
    }
    if (root.contains("treated_at") && !root.at("treated_at").is_null()) {
        const std::string& s = r.string(root.at("treated_at"), "/treated_at", "a local time YYYY-MM-DDTHH:MM[:SS]");
        const date::local_seconds local = r.at("/treated_at", [&] { return parse_local_time(s, "treated_at"); });
        if (!in.zone) {
            r.fail("/treated_at", s, "with time_zone", "treated_at is a local time and needs \"time_zone\" (an IANA name such as Europe/London)");
        }
        t.treated_at = to_utc(local, *in.zone);
    }
    return in;
}

preferences preferences_from_json(std::string_view text) {
    preferences prefs;
    if (text.empty()) return prefs;
    static constexpr std::array<std::string_view, 6> keys{"wake", "bed", "morning", "midday", "evening", "bedtime"};
    const reader r(text, "preferences");
    const json root = r.parse();
    r.object(root, keys);
    auto time = [&](const char* key) -> std::optional<std::chrono::minutes> {
        if (!root.contains(key) || root.at(key).is_null()) return std::nullopt;
        const std::string ptr = std::string("/") + key;
        const std::string& s = r.string(root.at(key), ptr, "a time of day HH:MM");
        return r.at(ptr, [&] { return parse_time_of_day(s, key); });
    };
    if (auto v = time("wake")) prefs.wake = *v;
    if (auto v = time("bed")) prefs.bed = *v;
    prefs.morning = time("morning");
    prefs.midday = time("midday");
    prefs.evening = time("evening");
    prefs.bedtime = time("bedtime");
    return prefs;
}

history_input history_from_json(std::string_view text) {
    history_input in;
    if (text.empty()) return in;
    static constexpr std::array<std::string_view, 5> keys{"conditions", "isotretinoin_stopped", "radiotherapy_ended", "birth_date", "as_of"};
    const reader r(text, "history");
    const json root = r.parse();
    r.object(root, keys);
    if (root.contains("conditions")) in.history.conditions = r.codes<condition>(root.at("conditions"), "/conditions");
    auto day = [&](const char* key) -> std::optional<date::year_month_day> {
        if (!root.contains(key) || root.at(key).is_null()) return std::nullopt;
        const std::string ptr = std::string("/") + key;
        const std::string& s = r.string(root.at(key), ptr, "a date YYYY-MM-DD");
        return r.at(ptr, [&] { return parse_date(s, key); });
    };
    in.history.isotretinoin_stopped = day("isotretinoin_stopped");
    in.history.radiotherapy_ended = day("radiotherapy_ended");
    in.history.birth_date = day("birth_date");
    in.as_of = day("as_of");
    return in;
}

std::string pointer_for(std::string_view field) {
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 19> names{{
        {"depth", "/depth_mm"}, {"device", "/device"}, {"area", "/area"}, {"skin_type", "/skin_type"}, {"adjunct", "/adjuncts"},
        {"indication", "/indication"}, {"session", "/session"}, {"history", "/history"}, {"treated_at", "/treated_at"},
        {"wake", "/wake"}, {"bed", "/bed"}, {"morning", "/morning"}, {"midday", "/midday"}, {"evening", "/evening"},
        {"bedtime", "/bedtime"}, {"isotretinoin_stopped", "/isotretinoin_stopped"}, {"radiotherapy_ended", "/radiotherapy_ended"},
        {"birth_date", "/birth_date"}, {"condition", "/conditions"}}};
    for (const auto& [core, pointer] : names) {
        if (field == core) return std::string(pointer);
    }
    return std::string(field);
}

}  // namespace aftercare::c_api
