// JSON documents built as a value first (json_dom.hpp).
#include "io/json_dom.hpp"

#include <set>

namespace aftercare::detail {

namespace {

// Our own documents only (a few levels deep), so recursion is bounded.
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

json strings(std::span<const std::string_view> items) {
    json a = json::array();
    for (auto s : items) a.push_back(s);
    return a;
}

json hours_json(std::chrono::minutes m) {
    if (m.count() % 60 == 0) return m.count() / 60;
    return static_cast<double>(m.count()) / 60.0;
}

std::string finish(json& doc, const protocol& p, const json_options& options) {
    check_json_options(options);
    std::set<std::string> keys;
    collect_keys(doc, keys);
    json sources = json::object();
    for (const auto& k : keys) {
        if (const source* s = p.find_source(k)) {
            sources[k] = {{"citation", s->citation}, {"url", s->url}, {"tier", s->tier}};
        }
    }
    doc["sources"] = std::move(sources);
    return doc.dump(options.indent, ' ', false, json::error_handler_t::replace) + (options.indent >= 0 ? "\n" : "");
}

}  // namespace aftercare::detail
