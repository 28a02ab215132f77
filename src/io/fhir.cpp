// The plan as a FHIR R4 Bundle: CarePlan (with contained Goals), PlanDefinition, Questionnaires.
// docs/guide-fhir.md describes every element; the tests check it with fhir.resources and FHIRPath rules.
#include "aftercare/io/fhir.hpp"

#include "aftercare/error.hpp"
#include "aftercare/time.hpp"
#include "io/text_toolkit.hpp"
#include "protocol/protocol_data.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

namespace aftercare {

namespace {

using json = nlohmann::ordered_json;

constexpr std::string_view timezone_extension = "http://hl7.org/fhir/StructureDefinition/timezone";
constexpr std::string_view careplan_category = "http://hl7.org/fhir/us/core/CodeSystem/careplan-category";
constexpr std::string_view plan_definition_type = "http://terminology.hl7.org/CodeSystem/plan-definition-type";

std::string escape_xml(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            default: out += c;
        }
    }
    return out;
}

std::string date_text(date::sys_seconds t, const zone_rules& zone) {
    return format_date(date::year_month_day{date::floor<date::days>(to_local(t, zone))});
}

std::string time_of_day_text(std::chrono::minutes m) { return format_time_of_day(m) + ":00"; }

/// "Patient/123", an absolute URL or a urn: the kinds of reference a receiver can resolve.
void check_reference(const std::string& ref, std::string_view field, std::initializer_list<std::string_view> types) {
    std::string allowed;
    for (std::string_view t : types) allowed += (allowed.empty() ? "" : ", ") + std::string(t) + "/ID";
    allowed += ", an absolute URL or urn:uuid:...";
    const std::string shown = ref.size() > 40 ? ref.substr(0, 37) + "..." : ref;
    auto reject = [&](const std::string& why) {
        throw invalid_value(std::string(field), shown, allowed, std::string(field) + " '" + shown + "' " + why + " (expected " + allowed + ")");
    };
    if (ref.empty()) reject("is empty: a FHIR reference is required");
    if (ref.size() > 1024 || std::any_of(ref.begin(), ref.end(), [](unsigned char c) { return c <= ' ' || c >= 0x7f; })) {
        reject("is not a reference");
    }
    if (ref.rfind("urn:uuid:", 0) == 0 || ref.rfind("https://", 0) == 0 || ref.rfind("http://", 0) == 0) return;
    const auto slash = ref.find('/');
    if (slash == std::string::npos) reject("is not a reference");
    const std::string type = ref.substr(0, slash), id = ref.substr(slash + 1);
    if (std::find(types.begin(), types.end(), type) == types.end()) reject("names a resource type that is not allowed here");
    const bool id_ok = !id.empty() && id.size() <= 64 && std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
    });
    if (!id_ok) reject("has an id that is not a FHIR id (1-64 of A-Z a-z 0-9 - .)");
}

json codeable_text(std::string_view text) { return json{{"text", text}}; }

json period(std::optional<date::sys_seconds> start, std::optional<date::sys_seconds> end, zone_ref zone) {
    json p = json::object();
    if (start) p["start"] = format_rfc3339(*start, zone);
    if (end) p["end"] = format_rfc3339(*end, zone);
    return p;
}

std::string questionnaire_canonical(const protocol& pr, std::string_view check_in, const fhir_options& o) {
    return fhir_canonical(o.canonical_base, "Questionnaire", fhir_id(check_in)) + "|" + std::string(pr.version());
}

std::string coding_system(const fhir_options& o, std::string_view name) { return fhir_canonical(o.canonical_base, "CodeSystem", name); }

json questionnaire_json(const questionnaire& q, const fhir_options& o) {
    const protocol& pr = q.protocol;
    json r;
    r["resourceType"] = "Questionnaire";
    r["id"] = fhir_id(q.check_in);
    r["url"] = fhir_canonical(o.canonical_base, "Questionnaire", fhir_id(q.check_in));
    r["version"] = pr.version();
    std::string name = "CheckIn";
    for (char c : q.check_in.substr(q.check_in.find('.') + 1)) {
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) name += c;
    }
    r["name"] = name;
    r["title"] = q.title;
    r["status"] = "active";
    r["subjectType"] = json::array({"Patient"});
    r["description"] = q.text;
    auto options = [&](const question& item, std::string_view system) {
        json a = json::array();
        for (const answer_option& opt : item.options) {
            a.push_back({{"valueCoding", {{"system", coding_system(o, system)}, {"code", opt.code}, {"display", opt.label}}}});
        }
        return a;
    };
    json items = json::array();
    json* group = nullptr;
    for (const question& item : q.items) {
        json j;
        j["linkId"] = item.link_id;
        j["text"] = item.text;
        switch (item.kind) {
            case question_kind::status:
                j["type"] = "choice";
                j["answerOption"] = options(item, "check-in-status");
                break;
            case question_kind::symptoms:
                j["type"] = "group";
                j["item"] = json::array();
                break;
            case question_kind::present:
                j["type"] = "boolean";
                break;
            case question_kind::severity:
            case question_kind::signs:
                j["type"] = "choice";
                j["enableWhen"] = json::array({{{"question", item.enable_when}, {"operator", "="}, {"answerBoolean", true}}});
                if (item.repeats) j["repeats"] = true;
                j["answerOption"] = options(item, item.kind == question_kind::severity ? "severity" : "sign");
                break;
            case question_kind::free_text:
                j["type"] = "text";
                break;
        }
        const bool in_group = item.kind == question_kind::present || item.kind == question_kind::severity || item.kind == question_kind::signs;
        if (in_group && group != nullptr) {
            (*group)["item"].push_back(std::move(j));
        } else {
            items.push_back(std::move(j));
            if (item.kind == question_kind::symptoms) group = &items.back();
        }
    }
    // A group needs at least one item (que-1); a check-in that asks no symptom has no group.
    json kept = json::array();
    for (json& j : items) {
        if (!(j["type"] == "group" && j["item"].empty())) kept.push_back(std::move(j));
    }
    r["item"] = std::move(kept);
    return r;
}

std::string narrative(const plan& p, const zone_rules& zone) {
    const protocol& pr = p.protocol();
    std::string div = "<div xmlns=\"http://www.w3.org/1999/xhtml\"><p><b>" + escape_xml(pr.title()) + "</b></p><p>" + escape_xml(pr.disclaimer()) + "</p>";
    const auto& t = p.treatment();
    div += "<p>Treatment ended " + escape_xml(detail::local_text(to_local(*t.treated_at, zone))) + " (" + escape_xml(zone.name()) + ").</p>";
    const std::pair<entry_kind, std::string_view> groups[] = {{entry_kind::effect, "What to expect"}, {entry_kind::restriction, "What to avoid"},
                                                              {entry_kind::care, "What to do"}, {entry_kind::milestone, "Milestones"},
                                                              {entry_kind::red_flag, "When to get help"}};
    for (const auto& [kind, heading] : groups) {
        std::string list;
        for (const entry& e : p.entries()) {
            if (e.kind != kind) continue;
            list += "<li><b>" + escape_xml(e.title) + "</b>";
            if (e.finish && kind != entry_kind::red_flag) {
                list += " (until " + escape_xml(detail::day_text(date::floor<date::days>(to_local(*e.finish, zone)))) + ")";
            }
            if (!e.text.empty()) list += ": " + escape_xml(e.text);
            if (!e.advice.empty()) list += " <i>" + escape_xml(e.advice) + "</i>";
            list += "</li>";
        }
        if (!list.empty()) div += "<h3>" + std::string(heading) + "</h3><ul>" + list + "</ul>";
    }
    div += "</div>";
    return div;
}

json activity(std::string_view title, std::string_view text) {
    json d;
    d["code"] = codeable_text(title);
    d["status"] = "scheduled";
    if (!text.empty()) d["description"] = text;
    return d;
}

}  // namespace

std::string fhir_id(std::string_view code) {
    std::string out(code.substr(0, 64));
    std::replace(out.begin(), out.end(), '_', '-');
    return out;
}

std::string fhir_canonical(std::string_view base, std::string_view type, std::string_view id) {
    std::string out(base);
    out += '/';
    out += type;
    out += '/';
    out += id;
    return out;
}

std::string to_fhir(const questionnaire& q, const fhir_options& options) { return questionnaire_json(q, options).dump(options.indent); }

std::string to_fhir(const plan& p, const reminder_schedule& s, const fhir_options& o) {
    if (&s.plan().data() != &p.data()) {
        throw invalid_value("schedule", "", "a schedule made from this plan", "the schedule was not made from this plan (schedule(plan, prefs))");
    }
    const auto& treated_at = p.treatment().treated_at;
    if (!treated_at || s.zone() == nullptr) {
        throw invalid_value("treated_at", "", "a plan with a treatment time", "a FHIR CarePlan needs the treatment time: the plan has no treated_at");
    }
    check_reference(o.subject, "subject", {"Patient", "Group"});
    if (!o.author.empty()) check_reference(o.author, "author", {"Patient", "Practitioner", "PractitionerRole", "Device", "RelatedPerson", "Organization", "CareTeam"});
    const protocol& pr = p.protocol();
    const zone_rules& zone = *s.zone();
    const std::string zone_name(zone.name());
    const std::string plan_definition = fhir_canonical(o.canonical_base, "PlanDefinition", fhir_id(pr.id()));
    const json subject = {{"reference", o.subject}};
    const bool has_questions = pr.data().questions.present;
    const std::vector<questionnaire> questionnaires = has_questions ? check_in_questions(p) : std::vector<questionnaire>{};

    json care;
    care["resourceType"] = "CarePlan";
    care["id"] = "plan";
    care["text"] = {{"status", "generated"}, {"div", narrative(p, zone)}};
    json contained = json::array();
    json goals = json::array();
    json activities = json::array();
    json notes = json::array();
    for (const entry& e : p.entries()) {
        switch (e.kind) {
            case entry_kind::effect:
            case entry_kind::milestone: {
                const std::optional<date::sys_seconds> due = e.kind == entry_kind::effect ? e.finish : e.start;
                json g;
                g["resourceType"] = "Goal";
                g["id"] = fhir_id(e.code);
                g["lifecycleStatus"] = "active";
                g["description"] = codeable_text(e.title);
                g["subject"] = subject;
                if (e.start) g["startDate"] = date_text(*e.start, zone);
                if (due) g["target"] = json::array({{{"dueDate", date_text(*due, zone)}}});
                if (!e.text.empty()) g["note"] = json::array({{{"text", e.text}}});
                goals.push_back({{"reference", "#" + fhir_id(e.code)}});
                contained.push_back(std::move(g));
                break;
            }
            case entry_kind::restriction: {
                std::optional<date::sys_seconds> from = e.start;
                auto add = [&](std::string_view title, std::string_view text, std::optional<date::sys_seconds> until) {
                    json d = activity(title, text);
                    d["doNotPerform"] = true;
                    d["scheduledPeriod"] = period(from, until, &zone);
                    activities.push_back({{"detail", std::move(d)}});
                    from = until;
                };
                if (e.stages.empty()) {
                    add(e.title, e.text, e.finish);
                } else {
                    for (const stage& st : e.stages) add(std::string(e.title) + " (" + std::string(st.code) + ")", st.text, st.until_at);
                }
                break;
            }
            case entry_kind::care: {
                json d = activity(e.title, e.text);
                std::vector<date::sys_seconds> events;
                json times = json::array(), zones = json::array();
                for (const reminder_series& x : s.series()) {
                    if (x.entry != e.code) continue;
                    events.insert(events.end(), x.instants.begin(), x.instants.end());
                    times.push_back(time_of_day_text(s.times().at(x.slot)));
                    zones.push_back({{"extension", json::array({{{"url", timezone_extension}, {"valueCode", zone_name}}})}});
                }
                for (const reminder& r : s.reminders()) {
                    if (r.entry == e.code && !r.series) events.push_back(r.at);
                }
                std::sort(events.begin(), events.end());
                if (events.empty()) {
                    if (e.start) d["scheduledPeriod"] = period(e.start, e.finish, &zone);
                } else {
                    json timing;
                    json ev = json::array();
                    for (const auto t : events) ev.push_back(format_rfc3339(t, &zone));
                    timing["event"] = std::move(ev);
                    if (!times.empty()) {
                        json repeat;
                        repeat["boundsPeriod"] = period(events.front(), events.back(), &zone);
                        repeat["frequency"] = times.size();
                        repeat["period"] = 1;
                        repeat["periodUnit"] = "d";
                        repeat["timeOfDay"] = std::move(times);
                        repeat["_timeOfDay"] = std::move(zones);
                        timing["repeat"] = std::move(repeat);
                    }
                    d["scheduledTiming"] = std::move(timing);
                }
                activities.push_back({{"detail", std::move(d)}});
                break;
            }
            case entry_kind::red_flag: {
                std::string text(e.title);
                if (e.level) text += " [" + std::string(to_string(*e.level)) + "]";
                text += ": " + std::string(e.text);
                if (!e.advice.empty()) text += " " + std::string(e.advice);
                notes.push_back({{"text", text}});
                break;
            }
        }
    }
    for (const reminder& r : s.reminders()) {
        if (r.kind != reminder_kind::check_in) continue;
        json d = activity(r.title, r.text);
        d["kind"] = "Task";
        if (has_questions) d["instantiatesCanonical"] = json::array({questionnaire_canonical(pr, r.code, o)});
        d["scheduledTiming"] = {{"event", json::array({format_rfc3339(r.at, &zone)})}};
        activities.push_back({{"detail", std::move(d)}});
    }
    if (!contained.empty()) care["contained"] = std::move(contained);
    care["instantiatesCanonical"] = json::array({plan_definition + "|" + std::string(pr.version())});
    care["status"] = "active";
    care["intent"] = "plan";
    care["category"] = json::array({{{"coding", json::array({{{"system", careplan_category}, {"code", "assess-plan"}}})}, {"text", "Aftercare plan"}}});
    care["title"] = pr.title();
    care["description"] = pr.disclaimer();
    care["subject"] = subject;
    care["period"] = period(treated_at, s.horizon(), &zone);
    if (o.created) care["created"] = format_rfc3339(*o.created, &zone);
    if (!o.author.empty()) care["author"] = {{"reference", o.author}};
    if (!goals.empty()) care["goal"] = std::move(goals);
    if (!activities.empty()) care["activity"] = std::move(activities);
    if (!notes.empty()) care["note"] = std::move(notes);

    json def;
    def["resourceType"] = "PlanDefinition";
    def["id"] = fhir_id(pr.id());
    def["url"] = plan_definition;
    def["version"] = pr.version();
    std::string name;
    bool upper = true;
    for (char c : pr.id()) {
        const bool alnum = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        if (!alnum) {
            upper = true;
            continue;
        }
        name += upper && c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
        upper = false;
    }
    if (name.empty() || !(name[0] >= 'A' && name[0] <= 'Z')) name = "P" + name;
    def["name"] = name;
    def["title"] = pr.title();
    def["type"] = {{"coding", json::array({{{"system", plan_definition_type}, {"code", "clinical-protocol"}}})}};
    def["status"] = "active";
    def["description"] = pr.disclaimer();
    std::set<std::string_view> used;
    for (const entry& e : p.entries()) used.insert(e.sources.begin(), e.sources.end());
    for (const questionnaire& q : questionnaires) used.insert(q.sources.begin(), q.sources.end());
    json artifacts = json::array();
    for (std::string_view key : used) {
        const source* src = pr.find_source(key);
        if (src == nullptr) continue;
        json a{{"type", "citation"}, {"label", key}, {"display", src->citation}};
        if (!src->url.empty()) a["url"] = src->url;
        artifacts.push_back(std::move(a));
    }
    if (!artifacts.empty()) def["relatedArtifact"] = std::move(artifacts);
    json actions = json::array();
    for (const entry& e : p.entries()) {
        if (e.kind == entry_kind::red_flag || e.kind == entry_kind::effect) continue;
        json a{{"title", e.title}};
        if (!e.text.empty()) a["description"] = e.text;
        a["code"] = json::array({{{"coding", json::array({{{"system", coding_system(o, "plan-entry")}, {"code", e.code}}})}}});
        actions.push_back(std::move(a));
    }
    for (const questionnaire& q : questionnaires) {
        actions.push_back({{"title", q.title}, {"description", q.text}, {"definitionCanonical", questionnaire_canonical(pr, q.check_in, o)}});
    }
    if (!actions.empty()) def["action"] = std::move(actions);

    json bundle;
    bundle["resourceType"] = "Bundle";
    bundle["type"] = "collection";
    json entries = json::array({{{"resource", std::move(care)}}, {{"resource", std::move(def)}}});
    for (const questionnaire& q : questionnaires) entries.push_back({{"resource", questionnaire_json(q, o)}});
    bundle["entry"] = std::move(entries);
    return bundle.dump(o.indent);
}

}  // namespace aftercare
