#include "aftercare/io/json.hpp"

#include "aftercare/error.hpp"
#include "aftercare/time.hpp"
#include "aftercare/version.hpp"
#include "io/json_common.hpp"

#include <set>
#include <string>

namespace aftercare {

namespace detail {

json hours_json(std::chrono::minutes m) {
    if (m.count() % 60 == 0) return m.count() / 60;
    return static_cast<double>(m.count()) / 60.0;
}

json strings(std::span<const std::string_view> items) {
    json a = json::array();
    for (auto s : items) a.push_back(s);
    return a;
}

json document(std::string_view schema, const protocol& p, const treatment& t, const date::time_zone* zone) {
    json doc;
    doc["schema"] = schema;
    doc["generator"] = {{"name", "aftercare"}, {"version", AFTERCARE_VERSION_STRING}};
    doc["protocol"] = {{"id", p.id()}, {"version", p.version()}, {"title", p.title()}, {"disclaimer", p.disclaimer()}};
    json tj;
    tj["device"] = to_string(t.device);
    tj["depth_mm"] = t.depth.mm();
    tj["area"] = to_string(t.area);
    tj["skin_type"] = t.skin_type.value();
    tj["adjuncts"] = codes(t.adjuncts);
    tj["indication"] = t.indication ? json(to_string(*t.indication)) : json(nullptr);
    tj["session"] = t.session;
    tj["history"] = codes(t.history);
    tj["treated_at"] = t.treated_at ? json(format_rfc3339(*t.treated_at, zone)) : json(nullptr);
    doc["treatment"] = std::move(tj);
    doc["time_zone"] = zone != nullptr ? json(zone->name()) : json(nullptr);
    return doc;
}

namespace {

json entry_json(const entry& e, const date::time_zone* zone) {
    json j;
    j["code"] = e.code;
    j["kind"] = to_string(e.kind);
    j["title"] = e.title;
    if (!e.text.empty()) j["text"] = e.text;
    j["onset_h"] = hours_json(e.onset);
    if (e.end) j[e.kind == entry_kind::effect ? "typical_end_h" : "until_h"] = hours_json(*e.end);
    if (e.end_range) j["end_range_h"] = json::array({hours_json(e.end_range->first), hours_json(e.end_range->second)});
    if (e.abnormal_after) j["abnormal_after_h"] = hours_json(*e.abnormal_after);
    if (e.likely) j["likelihood"] = to_string(*e.likely);
    if (e.kind == entry_kind::restriction) {
        json stages = json::array();
        for (const stage& s : e.stages) {
            json st{{"code", s.code}, {"text", s.text}, {"lifted_text", s.lifted_text}, {"until_h", hours_json(s.until)}};
            if (s.until_at) st["until"] = format_rfc3339(*s.until_at, zone);
            stages.push_back(std::move(st));
        }
        j["stages"] = std::move(stages);
    }
    if (e.kind == entry_kind::care || e.kind == entry_kind::milestone) {
        j["remind"] = to_string(e.remind);
        if (!e.slots.empty()) j["slots"] = codes(e.slots);
    }
    if (e.level) {
        j["level"] = to_string(*e.level);
        j["symptoms"] = codes(e.symptoms);
        j["advice"] = e.advice;
    }
    if (e.start) j["start"] = format_rfc3339(*e.start, zone);
    if (e.finish) j["end"] = format_rfc3339(*e.finish, zone);
    j["sources"] = strings(e.sources);
    if (!e.notes.empty()) j["notes"] = strings(e.notes);
    return j;
}

void collect_keys(const json& j, std::set<std::string>& keys) {
    if (j.is_object()) {
        for (auto it = j.begin(); it != j.end(); ++it) {
            if (it.key() == "sources" && it->is_array()) {
                for (const auto& k : *it) keys.insert(k.get<std::string>());
            } else {
                collect_keys(*it, keys);
            }
        }
    } else if (j.is_array()) {
        for (const auto& x : j) collect_keys(x, keys);
    }
}

}  // namespace

json plan_json(const plan& p, const date::time_zone* zone) {
    json doc = document("aftercare.plan/1", p.protocol(), p.treatment(), zone);
    doc["tier"] = p.tier();
    json entries = json::array();
    for (const entry& e : p.entries()) entries.push_back(entry_json(e, zone));
    doc["entries"] = std::move(entries);
    json notes = json::array();
    for (const plan_note& n : p.notes()) notes.push_back({{"code", n.code}, {"text", n.text}, {"sources", strings(n.sources)}});
    doc["notes"] = std::move(notes);
    return doc;
}

}  // namespace detail

void check_json_options(const json_options& options) {
    if (options.indent < -1 || options.indent > max_json_indent) {
        const std::string v = std::to_string(options.indent);
        throw invalid_value("indent", v, "-1 (one line) to 16",
                            "indent " + v + " is outside -1 (one line) to " + std::to_string(max_json_indent) + " spaces per level");
    }
}

namespace detail {

void add_used_sources(json& doc, const protocol& p) {
    std::set<std::string> keys;
    collect_keys(doc, keys);
    json sources = json::object();
    for (const auto& k : keys) {
        if (const source* s = p.find_source(k)) {
            sources[k] = {{"citation", s->citation}, {"url", s->url}, {"tier", s->tier}};
        }
    }
    doc["sources"] = std::move(sources);
}

std::string finish(json& doc, const protocol& p, const json_options& options) {
    check_json_options(options);
    add_used_sources(doc, p);
    return doc.dump(options.indent, ' ', false, json::error_handler_t::replace) + (options.indent >= 0 ? "\n" : "");
}

}  // namespace detail

std::string to_json(const plan& p, const json_options& options) {
    detail::json doc = detail::plan_json(p, options.zone);
    return detail::finish(doc, p.protocol(), options);
}

}  // namespace aftercare
