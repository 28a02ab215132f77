// Check-in answers read from plain JSON and from a FHIR R4 QuestionnaireResponse (checkin.hpp).
// Every error names the JSON pointer, with the line and column in the text.
#include "aftercare/checkin.hpp"

#include "aftercare/error.hpp"
#include "aftercare/io/fhir.hpp"
#include "aftercare/time.hpp"
#include "protocol/json_locate.hpp"
#include "protocol/json_read.hpp"
#include "protocol/protocol_data.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <span>
#include <string>

namespace aftercare {

namespace detail {
const check_in_def& find_check_in(const protocol_data& d, std::string_view code, std::string_view field);
}

namespace {

using nlohmann::json;

/// A value for a message: a string's short escaped prefix, else what it is (never a whole dump).
std::string shown(const json& j) { return j.is_string() ? short_value(j.get_ref<const std::string&>()) : detail::describe(j); }

/// A JSON document being read: errors carry ORIGIN:LINE:COLUMN: POINTER.
class reader {
public:
    reader(std::string_view text, std::string_view origin, std::string_view what) : text_(text), origin_(origin), what_(what) {}

    json parse() const {
        try {
            return detail::read_json(text_);  // bounded depth, no duplicate keys, numbers in range
        } catch (const detail::json_read_error& e) {
            detail::reject_document(e, text_, origin_, what_);
        }
    }

    [[noreturn]] void fail(const std::string& ptr, const std::string& value, const std::string& allowed, const std::string& expected,
                           bool at_key = false) const {
        std::string where(origin_);
        if (auto off = detail::locate(text_, ptr, at_key)) {
            const auto pos = detail::position_of(text_, *off);
            where += ":" + std::to_string(pos.line) + ":" + std::to_string(pos.column);
        }
        const std::string shown_ptr = safe_pointer(ptr);  // a pointer holds keys: bounded and escaped
        throw invalid_value(ptr.empty() ? std::string(what_) : shown_ptr, value, allowed,
                            where + ": " + (ptr.empty() ? "(document)" : shown_ptr) + ": " + expected);
    }

    void keys(const json& j, const std::string& ptr, std::initializer_list<std::string_view> allowed) const {
        if (!j.is_object()) fail(ptr, shown(j), "an object", "expected an object, got " + shown(j));
        std::string list;
        for (std::string_view k : allowed) list += (list.empty() ? "" : ", ") + std::string(k);
        for (const auto& item : j.items()) {
            if (std::find(allowed.begin(), allowed.end(), item.key()) == allowed.end()) {
                fail(ptr + "/" + detail::escape_pointer_token(item.key()), short_value(item.key()), list,
                     "unknown key " + detail::jstr(item.key()) + "; expected one of: " + list + did_you_mean(item.key(), std::span(allowed.begin(), allowed.size())), true);
            }
        }
    }

    const std::string& string(const json& j, const std::string& ptr) const {
        if (!j.is_string()) fail(ptr, shown(j), "a string", "expected a string, got " + shown(j));
        return j.get_ref<const std::string&>();
    }

    template <code_enum E>
    E code(const json& j, const std::string& ptr) const {
        std::string allowed;
        for (auto c : detail::code_table<E>::codes) allowed += (allowed.empty() ? "" : ", ") + std::string(c);
        if (j.is_string()) {
            if (auto e = from_string<E>(j.get_ref<const std::string&>())) return *e;
        }
        fail(ptr, shown(j), allowed, std::string(detail::code_table<E>::field) + " '" + shown(j) + "' is not one of " + allowed);
    }

private:
    std::string_view text_;
    std::string_view origin_;
    std::string_view what_;
};

std::string child(const std::string& ptr, std::string_view key) { return ptr + "/" + detail::escape_pointer_token(key); }
std::string child(const std::string& ptr, std::size_t i) { return ptr + "/" + std::to_string(i); }

/// A FHIR dateTime with a time and a zone: YYYY-MM-DDThh:mm:ss[.fff](Z|+hh:mm|-hh:mm).
std::optional<date::sys_seconds> parse_instant(const std::string& s) {
    if (s.size() < 20 || s[10] != 'T') return std::nullopt;
    std::size_t i = 19;
    if (s[i] == '.') {
        ++i;
        const std::size_t digits = i;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
        if (i == digits) return std::nullopt;
    }
    std::chrono::seconds offset{0};
    const std::string zone = s.substr(i);
    if (zone != "Z") {
        if (zone.size() != 6 || (zone[0] != '+' && zone[0] != '-') || zone[3] != ':') return std::nullopt;
        for (std::size_t k : {1u, 2u, 4u, 5u}) {
            if (zone[k] < '0' || zone[k] > '9') return std::nullopt;
        }
        const int hh = (zone[1] - '0') * 10 + (zone[2] - '0'), mm = (zone[4] - '0') * 10 + (zone[5] - '0');
        if (hh > 14 || mm > 59) return std::nullopt;
        offset = std::chrono::hours{hh} + std::chrono::minutes{mm};
        if (zone[0] == '-') offset = -offset;
    }
    try {
        const date::local_seconds local = parse_local_time(s.substr(0, 19), "authored");
        return date::sys_seconds{local.time_since_epoch() - offset};
    } catch (const invalid_value&) {
        return std::nullopt;
    }
}

// --- plain JSON ---------------------------------------------------------------------------------

class plain_reader : public reader {
public:
    plain_reader(const plan& p, std::string_view text, zone_ref zone, std::string_view origin)
        : reader(text, origin, "answers"), p_(p), zone_(zone) {}

    check_in_answers run() const {
        const json root = parse();
        keys(root, "", {"check_in", "answered_at", "hours_after", "status", "symptoms", "free_text"});
        check_in_answers a;
        if (!root.contains("check_in")) fail("", "", "check_in", "missing key \"check_in\"");
        a.check_in = string(root.at("check_in"), "/check_in");
        try {
            (void)detail::find_check_in(p_.protocol().data(), a.check_in, "check_in");
        } catch (const invalid_value& e) {
            fail("/check_in", e.value(), e.allowed(), "check-in '" + e.value() + "' is not one of " + e.allowed());
        }
        const bool at = root.contains("answered_at"), after = root.contains("hours_after");
        if (at == after) fail("", "", "answered_at or hours_after", "expected exactly one of \"answered_at\" (local time) or \"hours_after\"");
        if (at) {
            const std::string& s = string(root.at("answered_at"), "/answered_at");
            date::local_seconds local{};
            try {
                local = parse_local_time(s, "answered_at");
            } catch (const invalid_value&) {
                fail("/answered_at", s, "a local time YYYY-MM-DDTHH:MM[:SS]", "answered_at '" + shown(root.at("answered_at")) + "' is not a local time YYYY-MM-DDTHH:MM[:SS]");
            }
            if (zone_ == nullptr) fail("/answered_at", s, "a time zone (--tz)", "answered_at is a local time and needs a time zone (--tz); or give hours_after");
            a.answered = to_utc(local, *zone_);
        } else {
            const json& v = root.at("hours_after");
            if (!v.is_number() || !std::isfinite(v.get<double>()) || v.get<double>() < 0 || v.get<double>() > 24.0 * 366 * 10) {
                fail("/hours_after", shown(v), "hours from 0 to 87840", "expected hours after treatment from 0 to 87840, got " + shown(v));
            }
            a.answered = std::chrono::seconds{std::llround(v.get<double>() * 3600.0)};
        }
        if (root.contains("status")) a.status = code<check_in_status>(root.at("status"), "/status");
        if (root.contains("free_text")) a.free_text = string(root.at("free_text"), "/free_text");
        if (root.contains("symptoms")) {
            const json& list = root.at("symptoms");
            if (!list.is_array()) fail("/symptoms", shown(list), "an array", "expected an array of symptoms, got " + shown(list));
            for (std::size_t i = 0; i < list.size(); ++i) a.symptoms.push_back(report(list[i], child("/symptoms", i), a));
        }
        return a;
    }

private:
    const plan& p_;
    zone_ref zone_;

    symptom_report report(const json& j, const std::string& ptr, const check_in_answers& a) const {
        keys(j, ptr, {"symptom", "severity", "signs"});
        if (!j.contains("symptom")) fail(ptr, "", "symptom", "missing key \"symptom\"");
        symptom_report r;
        r.symptom = code<symptom>(j.at("symptom"), child(ptr, "symptom"));
        for (const symptom_report& other : a.symptoms) {
            if (other.symptom == r.symptom) {
                const std::string c(to_string(r.symptom));
                fail(child(ptr, "symptom"), c, "each symptom once", "symptom '" + c + "' is answered twice");
            }
        }
        if (j.contains("severity")) r.severity = code<severity>(j.at("severity"), child(ptr, "severity"));
        if (j.contains("signs")) {
            const json& s = j.at("signs");
            const std::string sp = child(ptr, "signs");
            if (!s.is_array()) fail(sp, shown(s), "an array of signs", "expected an array of signs, got " + shown(s));
            for (std::size_t i = 0; i < s.size(); ++i) {
                const sign g = code<sign>(s[i], child(sp, i));
                if (r.signs.contains(g)) fail(child(sp, i), std::string(to_string(g)), "each sign once", "duplicate sign \"" + std::string(to_string(g)) + "\"");
                r.signs.insert(g);
            }
        }
        return r;
    }
};

// --- FHIR QuestionnaireResponse -----------------------------------------------------------------

class fhir_reader : public reader {
public:
    fhir_reader(const plan& p, std::string_view text, std::string_view origin) : reader(text, origin, "QuestionnaireResponse"), p_(p) {}

    check_in_answers run() {
        const json root = parse();
        if (!root.is_object()) fail("", shown(root), "a QuestionnaireResponse", "expected a QuestionnaireResponse object");
        if (!root.contains("resourceType") || root.at("resourceType") != "QuestionnaireResponse") {
            fail(root.contains("resourceType") ? "/resourceType" : "", root.contains("resourceType") ? shown(root.at("resourceType")) : "",
                 "QuestionnaireResponse", "expected resourceType \"QuestionnaireResponse\"");
        }
        check_in_answers a;
        a.check_in = check_in(root);
        if (!root.contains("status")) fail("", "", "status", "missing key \"status\"");
        const std::string& status = string(root.at("status"), "/status");
        if (status != "completed" && status != "amended") {
            fail("/status", status, "completed, amended", "status '" + shown(root.at("status")) + "' is not an answered response (expected completed or amended)");
        }
        if (!root.contains("authored")) fail("", "", "authored", "missing key \"authored\": when the check-in was answered");
        const std::string& authored = string(root.at("authored"), "/authored");
        const auto at = parse_instant(authored);
        if (!at) {
            fail("/authored", authored, "a dateTime with seconds and a zone", "authored '" + shown(root.at("authored")) + "' is not a dateTime YYYY-MM-DDThh:mm:ss with a zone (Z or +hh:mm)");
        }
        a.answered = *at;
        if (root.contains("item")) items(root.at("item"), "/item");
        for (const auto& [link, found] : answers_) {
            const std::string& ptr = found.second;
            const json& values = *found.first;
            if (link == "status") {
                a.status = code<check_in_status>(coding(values, ptr), ptr + "/0/valueCoding/code");
            } else if (link == "free_text") {
                if (values.size() != 1 || !values[0].contains("valueString")) fail(ptr, "", "one valueString", "expected one answer with valueString");
                a.free_text = string(values[0].at("valueString"), ptr + "/0/valueString");
            }
        }
        for (symptom s : all_values<symptom>()) {
            const std::string id = "symptom." + std::string(to_string(s));
            const auto present = answers_.find(id);
            const bool yes = present != answers_.end() && boolean(*present->second.first, present->second.second);
            const auto severity_it = answers_.find(id + ".severity");
            const auto signs_it = answers_.find(id + ".signs");
            if (!yes) {
                for (auto it : {severity_it, signs_it}) {
                    if (it != answers_.end()) fail(it->second.second, it->first, id + " answered true", it->first + " is answered but " + id + " is not answered true");
                }
                continue;
            }
            symptom_report r;
            r.symptom = s;
            if (severity_it != answers_.end()) {
                r.severity = code<severity>(coding(*severity_it->second.first, severity_it->second.second), severity_it->second.second + "/0/valueCoding/code");
            }
            if (signs_it != answers_.end()) {
                const json& values = *signs_it->second.first;
                for (std::size_t i = 0; i < values.size(); ++i) {
                    const std::string vp = child(signs_it->second.second, i);
                    if (!values[i].is_object() || !values[i].contains("valueCoding") || !values[i].at("valueCoding").contains("code")) {
                        fail(vp, shown(values[i]), "a valueCoding", "expected an answer with valueCoding.code");
                    }
                    const sign g = code<sign>(values[i].at("valueCoding").at("code"), vp + "/valueCoding/code");
                    if (r.signs.contains(g)) fail(vp, std::string(to_string(g)), "each sign once", "duplicate sign \"" + std::string(to_string(g)) + "\"");
                    r.signs.insert(g);
                }
            }
            a.symptoms.push_back(r);
        }
        return a;
    }

private:
    const plan& p_;
    std::map<std::string, std::pair<const json*, std::string>> answers_;  // linkId → (answer array, its pointer)
    std::vector<std::string> known_;                                     // the questionnaire's link ids

    std::string check_in(const json& root) {
        if (!root.contains("questionnaire")) fail("", "", "questionnaire", "missing key \"questionnaire\": the canonical of a check-in Questionnaire");
        const std::string& canonical = string(root.at("questionnaire"), "/questionnaire");
        const protocol& pr = p_.protocol();
        const auto bar = canonical.find('|');
        const std::string url = canonical.substr(0, bar);
        if (bar != std::string::npos && canonical.substr(bar + 1) != pr.version()) {
            fail("/questionnaire", canonical, "version " + std::string(pr.version()),
                 "questionnaire '" + shown(root.at("questionnaire")) + "' is for another protocol version (this plan's is " + std::string(pr.version()) + ")");
        }
        const auto slash = url.rfind('/');
        const std::string id = slash == std::string::npos ? url : url.substr(slash + 1);
        std::string allowed;
        for (const detail::check_in_def& c : pr.data().check_ins) {
            const std::string cid = fhir_id(c.code);
            allowed += (allowed.empty() ? "" : ", ") + cid;
            if (cid == id && url.size() >= 15 + cid.size() && url.compare(url.size() - cid.size() - 15, 15, "/Questionnaire/") == 0) {
                for (const question& q : check_in_questions(p_, c.code).items) known_.push_back(q.link_id);
                return std::string(c.code);
            }
        }
        fail("/questionnaire", canonical, ".../Questionnaire/ID with ID one of " + allowed,
             "questionnaire '" + shown(root.at("questionnaire")) + "' is not one of this protocol's check-in Questionnaires (.../Questionnaire/ID, ID one of " + allowed + ")");
    }

    void items(const json& list, const std::string& ptr) {
        if (!list.is_array()) fail(ptr, shown(list), "an array of items", "expected an array of items, got " + shown(list));
        for (std::size_t i = 0; i < list.size(); ++i) {
            const std::string ip = child(ptr, i);
            const json& it = list[i];
            keys(it, ip, {"id", "extension", "modifierExtension", "linkId", "definition", "text", "answer", "item"});
            if (!it.contains("linkId")) fail(ip, "", "linkId", "missing key \"linkId\"");
            const std::string& link = string(it.at("linkId"), child(ip, "linkId"));
            if (std::find(known_.begin(), known_.end(), link) == known_.end()) {
                fail(child(ip, "linkId"), link, "a linkId of the check-in's Questionnaire", "linkId '" + shown(it.at("linkId")) + "' is not a question of this check-in");
            }
            if (it.contains("answer")) {
                const std::string ap = child(ip, "answer");
                const json& answers = it.at("answer");
                if (!answers.is_array() || answers.empty()) fail(ap, shown(answers), "a non-empty array", "expected a non-empty array of answers");
                if (answers_.count(link) != 0) fail(child(ip, "linkId"), link, "each linkId once", "linkId '" + link + "' is answered twice");
                answers_[link] = {&answers, ap};
                for (std::size_t k = 0; k < answers.size(); ++k) {
                    if (answers[k].is_object() && answers[k].contains("item")) items(answers[k].at("item"), child(child(ap, k), "item"));
                }
            }
            if (it.contains("item")) items(it.at("item"), child(ip, "item"));
        }
    }

    const json& coding(const json& values, const std::string& ptr) const {
        if (values.size() != 1 || !values[0].is_object() || !values[0].contains("valueCoding") || !values[0].at("valueCoding").is_object() ||
            !values[0].at("valueCoding").contains("code")) {
            fail(ptr, shown(values), "one answer with valueCoding.code", "expected one answer with valueCoding.code");
        }
        return values[0].at("valueCoding").at("code");
    }

    bool boolean(const json& values, const std::string& ptr) const {
        if (values.size() != 1 || !values[0].is_object() || !values[0].contains("valueBoolean") || !values[0].at("valueBoolean").is_boolean()) {
            fail(ptr, shown(values), "one answer with valueBoolean", "expected one answer with valueBoolean true or false");
        }
        return values[0].at("valueBoolean").get<bool>();
    }
};

}  // namespace

check_in_answers answers_from_json(const plan& p, std::string_view json_text, zone_ref zone, std::string_view origin) {
    return plain_reader(p, json_text, zone, origin).run();
}

check_in_answers answers_from_fhir(const plan& p, std::string_view json_text, std::string_view origin) {
    return fhir_reader(p, json_text, origin).run();
}

}  // namespace aftercare
