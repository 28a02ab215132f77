// Reads a protocol from JSON text into protocol_data, rejecting anything that is not exactly the
// documented format (docs/protocol-format.md) with the file, line, column, JSON pointer and what
// was expected: the document head, sources, tiers and depth limits.
#include "protocol/reader.hpp"

#include "i18n/messages.hpp"

#include <map>

#include <cmath>
#include <set>
#include <tuple>

namespace aftercare::detail::reading {

// --- sections ---------------------------------------------------------------------------------
void parser::document(const json& root) {
    object(root, "", {"format", "id", "version", "title", "disclaimer", "sources", "limits", "tiers", "symptoms", "signs",
                      "effects", "restrictions", "care", "milestones", "course", "notes", "red_flags", "check_ins", "questions", "follow_up", "triage", "screening", "catalogues"},
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
    if (root.contains("questions")) questions_section(root.at("questions"));
    if (root.contains("follow_up")) follow_up_section(root.at("follow_up"));
    if (root.contains("screening")) screening_section(root.at("screening"));
    if (root.contains("catalogues")) catalogues_section(root.at("catalogues"));  // last: it checks ids against every text
}

// --- catalogues: the protocol's own messages by locale (docs/languages.md) ----------------------
void parser::catalogues_section(const json& j) {
    if (!j.is_object()) fail("/catalogues", "expected an object of catalogues by locale (\"es\": {\"messages\": {...}}), got " + describe(j));
    // What a message may be: a text of this protocol (no placeholders) or a word of the writers.
    std::map<std::string, std::string, std::less<>> texts;
    for_each_text(*d_, [&](const std::string& id, std::string_view text, std::string_view) { texts.emplace(id, text); });
    const catalogue& en = english();
    for (const auto& [lang, value] : j.items()) {
        const std::string cp = child("/catalogues", lang);
        if (!value.is_object()) fail(cp, "expected a catalogue object for locale " + jstr(lang) + ", got " + describe(value));
        if (value.contains("locale")) fail(child(cp, "locale"), "the locale is the key (" + jstr(lang) + "); leave \"locale\" out", true);
        json with_locale = value;
        with_locale["locale"] = lang;
        const bool shipped = shipped_catalogue_exists(lang);
        std::shared_ptr<const catalogue> c =
            parse_catalogue_section(with_locale, d_->text, d_->origin, cp, shipped ? shipped_catalogue(lang) : nullptr);
        for (const auto& [id, m] : c->messages) {
            const std::string mp = child(child(cp, "messages"), id);
            const auto t = texts.find(id);
            const message* word = t == texts.end() && !is_protocol_message(id) ? en.find(id) : nullptr;
            if (t == texts.end() && word == nullptr) {
                fail(mp, "locale " + jstr(lang) + ": " + jstr(id) + " is not a message of this protocol (a text's code and field, such as "
                             "\"restriction.makeup.title\", or a word of the writers in data/locales/en.json)", true);
            }
            const bool plural_source = word != nullptr && word->plural;
            if (m.plural != plural_source) {
                fail(mp, "locale " + jstr(lang) + ": message " + jstr(id) + (plural_source ? " has plural forms in English: give one per plural category"
                                                                                         : " is a plain text in English: give \"text\", not plural forms"));
            }
            const std::string source = word ? (word->plural ? word->forms[static_cast<std::size_t>(plural_category::other)] : word->text) : t->second;
            const std::string& mine = m.plural ? m.forms[static_cast<std::size_t>(plural_category::other)] : m.text;
            if (placeholders(mine) != placeholders(source)) {
                std::string want;
                for (const auto& n : placeholders(source)) want += (want.empty() ? "{" : ", {") + n + "}";
                fail(mp, "locale " + jstr(lang) + ": message " + jstr(id) + " must use the placeholders of the English (" + (want.empty() ? "none" : want) + ")");
            }
        }
        if (!shipped) {
            // A new locale speaks every word of the writers itself: English would otherwise show through.
            for (const auto& [id, m] : en.messages) {
                if (is_protocol_message(id) || c->messages.count(id)) continue;
                fail(cp, "locale " + jstr(lang) + " is not shipped, so its catalogue needs every word of the writers; missing " + jstr(id));
            }
        }
        d_->catalogues.push_back(std::move(c));
    }
}

void parser::sources_section(const json& j) {
    if (!j.is_object()) fail("/sources", "expected an object of sources by key, got " + describe(j));
    if (j.empty()) fail("/sources", "expected at least one source");
    for (const auto& [key, value] : j.items()) {
        const std::string p = child("/sources", key);
        if (key.empty() || !std::all_of(key.begin(), key.end(), [](char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'; })) {
            fail(p, "a source key is upper case letters, digits and _, got " + jstr(key) + "", true);
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

void parser::tiers_section(const json& j) {
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

depth_limit parser::limit(const json& j, const std::string& ptr, bool both_required) const {
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

void parser::limits_section(const json& j) {
    object(j, "/limits", {"depth_mm", "device_depth_mm", "area_depth_mm"}, {"depth_mm"});
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
    if (j.contains("area_depth_mm")) {
        const std::string ap = "/limits/area_depth_mm";
        const json& ad = j.at("area_depth_mm");
        if (!ad.is_object()) fail(ap, "expected an object of depth limits by area code, got " + describe(ad));
        for (const auto& [key, value] : ad.items()) {
            const std::string p = child(ap, key);
            const auto ar = from_string<area>(key);
            if (!ar) fail(p, "unknown area \"" + key + "\"; expected one of: " + join(code_table<area>::codes), true);
            depth_limit l = limit(value, p, false);
            if (l.min) fail(child(p, "min"), "an area limit has only \"max\"", true);
            d_->area_depth[static_cast<std::size_t>(*ar)] = l;
        }
    }
}

}  // namespace aftercare::detail::reading

namespace aftercare::detail {

std::shared_ptr<const protocol_data> parse_protocol_data(std::string text, std::string origin) {
    return reading::parser(std::move(text), std::move(origin)).run();
}

}  // namespace aftercare::detail
