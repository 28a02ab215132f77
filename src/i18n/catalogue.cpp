#include "i18n/catalogue.hpp"

#include "aftercare/error.hpp"
#include "protocol/json_locate.hpp"
#include "protocol/json_read.hpp"

#include <algorithm>
#include <cstdio>
#include <mutex>

extern const char aftercare_locale_en_json[];
extern const std::size_t aftercare_locale_en_json_size;
extern const char aftercare_locale_en_US_json[];
extern const std::size_t aftercare_locale_en_US_json_size;
extern const char aftercare_locale_es_json[];
extern const std::size_t aftercare_locale_es_json_size;
extern const char aftercare_locale_uk_json[];
extern const std::size_t aftercare_locale_uk_json_size;

namespace aftercare {

namespace {
constexpr std::array<std::string_view, 4> shipped{"en", "en-US", "es", "uk"};
constexpr std::array<plural_category, 2> english_categories{plural_category::one, plural_category::other};
constexpr std::array<plural_category, 3> spanish_categories{plural_category::one, plural_category::many, plural_category::other};
constexpr std::array<plural_category, 4> slavic_categories{plural_category::one, plural_category::few, plural_category::many,
                                                           plural_category::other};
constexpr std::array<std::string_view, plural_category_count> category_names{"zero", "one", "two", "few", "many", "other"};
constexpr std::array<std::string_view, 3> status_names{"machine", "reviewed", "source"};
constexpr std::array<std::string_view, 3> rule_names{"en", "es", "uk"};
}  // namespace

std::span<const plural_category> plural_categories(plural_rule rule) noexcept {
    switch (rule) {
        case plural_rule::english: return english_categories;
        case plural_rule::spanish: return spanish_categories;
        case plural_rule::east_slavic: return slavic_categories;
    }
    return english_categories;
}

std::string_view to_string(plural_category c) noexcept { return category_names[static_cast<std::size_t>(c)]; }
std::string_view to_string(review_status s) noexcept { return status_names[static_cast<std::size_t>(s)]; }
std::span<const std::string_view> shipped_locales() noexcept { return shipped; }

}  // namespace aftercare

namespace aftercare::detail {

using nlohmann::json;

std::string substitute(std::string_view pattern, std::initializer_list<message_arg> args) {
    std::string out;
    out.reserve(pattern.size() + 32);
    std::size_t i = 0;
    while (i < pattern.size()) {
        const char c = pattern[i];
        if ((c == '{' || c == '}') && i + 1 < pattern.size() && pattern[i + 1] == c) {
            out += c;
            i += 2;
            continue;
        }
        if (c == '{') {
            const std::size_t close = pattern.find('}', i);
            if (close != std::string_view::npos) {
                const std::string_view name = pattern.substr(i + 1, close - i - 1);
                const auto* it = std::find_if(args.begin(), args.end(), [&](const message_arg& a) { return a.first == name; });
                if (it != args.end()) {
                    out += it->second;
                    i = close + 1;
                    continue;
                }
            }
        }
        out += c;
        ++i;
    }
    return out;
}

std::vector<std::string> placeholders(std::string_view pattern) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        if (pattern[i] != '{') continue;
        if (i + 1 < pattern.size() && pattern[i + 1] == '{') {
            ++i;
            continue;
        }
        const std::size_t close = pattern.find('}', i);
        if (close == std::string_view::npos) break;
        out.emplace_back(pattern.substr(i + 1, close - i - 1));
        i = close;
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

const message* catalogue::find(std::string_view id) const noexcept {
    const auto it = messages.find(id);
    if (it != messages.end()) return &it->second;
    return base ? base->find(id) : nullptr;
}

std::string_view catalogue::text(std::string_view id) const noexcept {
    const message* m = find(id);
    return m && !m->plural ? std::string_view(m->text) : id;
}

std::string_view catalogue::word(std::string_view kind, std::string_view value) const {
    std::string id = "word.";
    id += kind;
    id += '.';
    id += value;
    const message* m = find(id);
    return m && !m->plural ? std::string_view(m->text) : value;
}

std::string catalogue::format(std::string_view id, std::initializer_list<message_arg> args) const {
    return substitute(text(id), args);
}

std::string catalogue::count(std::string_view id, std::int64_t n, std::initializer_list<message_arg> args) const {
    const message* m = find(id);
    if (!m || !m->plural) return std::string(id);
    const auto c = plural_of(rule, static_cast<std::uint64_t>(n < 0 ? -n : n));
    const std::string& form = m->forms[static_cast<std::size_t>(c)].empty() ? m->forms[static_cast<std::size_t>(plural_category::other)]
                                                                           : m->forms[static_cast<std::size_t>(c)];
    // {count} first, then the caller's names.
    std::string out = substitute(form, {{"count", std::to_string(n)}});
    for (const message_arg& a : args) out = substitute(out, {a});
    return out;
}

review_status catalogue::worst_status() const noexcept {
    review_status worst = review_status::source;
    for (const auto& [id, m] : messages) worst = std::min(worst, m.status);
    if (base) worst = std::min(worst, base->worst_status());
    return worst;
}

namespace {

std::string two(unsigned v) {
    std::array<char, 4> b{};
    std::snprintf(b.data(), b.size(), "%02u", v % 100);
    return b.data();
}

}  // namespace

std::string catalogue::time_of_day(std::chrono::minutes m) const {
    const auto total = ((m.count() % 1440) + 1440) % 1440;
    const unsigned h = static_cast<unsigned>(total / 60);
    const unsigned h12 = h % 12 == 0 ? 12 : h % 12;
    return substitute(time_pattern, {{"hh", two(h)}, {"h", std::to_string(h)}, {"h12", std::to_string(h12)}, {"mm", two(static_cast<unsigned>(total % 60))},
                                     {"ampm", h < 12 ? am : pm}});
}

std::string catalogue::short_day(date::local_days d) const {
    const date::year_month_day ymd{d};
    return substitute(short_date_pattern, {{"weekday", weekdays[date::weekday{d}.c_encoding()]},
                                           {"day", std::to_string(static_cast<unsigned>(ymd.day()))},
                                           {"month", months[static_cast<unsigned>(ymd.month()) - 1]},
                                           {"year", std::to_string(static_cast<int>(ymd.year()))}});
}

std::string catalogue::day(date::local_days d) const {
    const date::year_month_day ymd{d};
    return substitute(date_pattern, {{"weekday", weekdays[date::weekday{d}.c_encoding()]},
                                     {"day", std::to_string(static_cast<unsigned>(ymd.day()))},
                                     {"month", months[static_cast<unsigned>(ymd.month()) - 1]},
                                     {"year", std::to_string(static_cast<int>(ymd.year()))}});
}

std::string catalogue::local(date::local_seconds t) const {
    const auto d = date::floor<date::days>(t);
    return format("date.date_time", {{"date", day(d)}, {"time", time_of_day(std::chrono::duration_cast<std::chrono::minutes>(t - d))}});
}

std::string catalogue::short_local(date::local_seconds t) const {
    const auto d = date::floor<date::days>(t);
    return format("date.date_time", {{"date", short_day(d)}, {"time", time_of_day(std::chrono::duration_cast<std::chrono::minutes>(t - d))}});
}

std::string catalogue::decimal_text(double v) const {
    std::array<char, 32> buf{};
    const int n = std::snprintf(buf.data(), buf.size(), "%.1f", v);
    std::string out(buf.data(), static_cast<std::size_t>(n));
    if (decimal != ".") {
        const auto dot = out.find('.');
        if (dot != std::string::npos) out.replace(dot, 1, decimal);
    }
    return out;
}

std::string catalogue::number(std::string_view dotted) const {
    std::string out(dotted);
    const auto dot = out.find('.');
    if (dot != std::string::npos && decimal != ".") out.replace(dot, 1, decimal);
    return out;
}

std::string catalogue::hours(std::chrono::minutes m) const {
    constexpr std::chrono::minutes::rep per_day = 24 * 60;
    const auto total = m.count();
    if (total % per_day == 0 && total >= 2 * per_day) return count("duration.days", total / per_day);
    if (total % 60 == 0) return count("duration.hours", total / 60);
    return format("duration.hours_decimal", {{"value", decimal_text(static_cast<double>(total) / 60.0)}});
}

// --- reading a catalogue ----------------------------------------------------------------------

namespace {

class reader {
public:
    reader(std::string_view text, std::string_view origin) : text_(text), origin_(origin) {}

    [[noreturn]] void fail(const std::string& ptr, const std::string& expected) const {
        const auto at = locate(text_, ptr);
        const text_position pos = at ? position_of(text_, *at) : text_position{0, 0, 0};
        throw protocol_error(std::string(origin_), at ? pos.line : 0, at ? pos.column : 0, ptr, expected);
    }

    const json& member(const json& j, const std::string& ptr, std::string_view key) const {
        if (!j.contains(key)) fail(ptr, "missing key \"" + std::string(key) + "\"");
        return j.at(key);
    }

    std::string string(const json& j, const std::string& ptr) const {
        if (!j.is_string()) fail(ptr, "expected a string, got " + describe(j));
        std::string s = j.get<std::string>();
        for (const char c : s) {
            if (static_cast<unsigned char>(c) < 0x20 && c != '\n') fail(ptr, "expected text without control characters");
        }
        return s;
    }

    void only(const json& j, const std::string& ptr, std::initializer_list<std::string_view> allowed) const {
        if (!j.is_object()) fail(ptr, "expected an object, got " + describe(j));
        for (const auto& item : j.items()) {
            if (std::find(allowed.begin(), allowed.end(), item.key()) == allowed.end()) {
                std::string list;
                for (auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
                fail(ptr + "/" + escape_pointer_token(item.key()), "unknown key " + jstr(item.key()) + "; expected one of: " + list);
            }
        }
    }

    template <std::size_t N>
    void names(const json& j, const std::string& ptr, std::array<std::string, N>& out) const {
        if (!j.is_array() || j.size() != N) fail(ptr, "expected an array of " + std::to_string(N) + " strings");
        for (std::size_t i = 0; i < N; ++i) out[i] = string(j[i], ptr + "/" + std::to_string(i));
    }

    message read_message(const json& j, const std::string& ptr, plural_rule rule) const {
        only(j, ptr, {"text", "status", "zero", "one", "two", "few", "many", "other"});
        message m;
        m.origin = ptr;  // the JSON pointer; positions are looked up only for an error (a rescan per message would cost O(n²))
        const std::string st = string(member(j, ptr, "status"), ptr + "/status");
        const auto* s = std::find(status_names.begin(), status_names.end(), st);
        if (s == status_names.end()) fail(ptr + "/status", "status " + jstr(st) + " is not one of machine, reviewed, source");
        m.status = static_cast<review_status>(s - status_names.begin());
        if (j.contains("text")) {
            if (j.size() != 2) fail(ptr, "a message has either \"text\" or plural forms, not both");
            m.text = string(j.at("text"), ptr + "/text");
            return m;
        }
        m.plural = true;
        std::string expected;
        for (plural_category c : plural_categories(rule)) expected += (expected.empty() ? "" : ", ") + std::string(to_string(c));
        for (std::size_t c = 0; c < plural_category_count; ++c) {
            const std::string_view name = category_names[c];
            const auto cats = plural_categories(rule);
            const bool wanted = std::find(cats.begin(), cats.end(), static_cast<plural_category>(c)) != cats.end();
            if (j.contains(name) != wanted) {
                fail(ptr + (wanted ? "" : "/" + std::string(name)),
                     wanted ? "missing plural form \"" + std::string(name) + "\"; this locale's plural categories are " + expected
                            : "plural form \"" + std::string(name) + "\" is not a category of this locale (" + expected + ")");
            }
            if (wanted) m.forms[c] = string(j.at(name), ptr + "/" + std::string(name));
        }
        return m;
    }

    /// The "messages" object at `ptr` into `out`.
    void read_messages(const json& j, const std::string& ptr, plural_rule rule, std::map<std::string, message, std::less<>>& out) const {
        if (!j.is_object()) fail(ptr, "expected an object of messages, got " + describe(j));
        for (const auto& item : j.items()) {
            const std::string& id = item.key();
            const std::string mp = ptr + "/" + escape_pointer_token(id);
            if (id.empty() || id.size() > 128 ||
                !std::all_of(id.begin(), id.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-'; })) {
                fail(mp, "a message id is lower case letters, digits, '.', '_' and '-' (at most 128), got " + jstr(id));
            }
            out.emplace(id, read_message(item.value(), mp, rule));
        }
    }

    std::shared_ptr<catalogue> read(const json& root, const std::string& ptr, std::shared_ptr<const catalogue> base, bool whole_file) const {
        if (whole_file) {
            only(root, ptr, {"format", "locale", "name", "fallback", "plural", "dates", "messages"});
            const std::string f = string(member(root, ptr, "format"), ptr + "/format");
            if (f != "aftercare.catalogue/1") fail(ptr + "/format", "expected \"aftercare.catalogue/1\", got " + jstr(f));
        } else {
            only(root, ptr, {"locale", "name", "fallback", "plural", "dates", "messages"});
        }
        auto c = std::make_shared<catalogue>();
        if (base) *c = *base;  // dates and plural rule as the fallback's, unless given
        c->messages.clear();
        c->base = base;
        c->code = string(member(root, ptr, "locale"), ptr + "/locale");
        const bool ok_code = !c->code.empty() && c->code.size() <= 35 &&
                             std::all_of(c->code.begin(), c->code.end(), [](char ch) { return std::isalnum(static_cast<unsigned char>(ch)) || ch == '-'; });
        if (!ok_code) fail(ptr + "/locale", "expected a BCP 47 language tag (\"es\", \"en-US\"), got " + jstr(c->code));
        if (root.contains("name")) c->name = string(root.at("name"), ptr + "/name");
        if (root.contains("fallback")) c->fallback = string(root.at("fallback"), ptr + "/fallback");
        if (root.contains("plural")) {
            const std::string r = string(root.at("plural"), ptr + "/plural");
            const auto* it = std::find(rule_names.begin(), rule_names.end(), r);
            if (it == rule_names.end()) fail(ptr + "/plural", "plural rule " + jstr(r) + " is not one of en, es, uk (the CLDR rules the library has)");
            c->rule = static_cast<plural_rule>(it - rule_names.begin());
        } else if (!base) {
            fail(ptr, "missing key \"plural\" (en, es or uk: whose CLDR plural rule the locale uses)");
        }
        if (root.contains("dates")) {
            const std::string dp = ptr + "/dates";
            const json& d = root.at("dates");
            only(d, dp, {"weekdays", "months", "date", "short_date", "time", "am", "pm", "decimal"});
            if (d.contains("weekdays")) names(d.at("weekdays"), dp + "/weekdays", c->weekdays);
            if (d.contains("months")) names(d.at("months"), dp + "/months", c->months);
            if (d.contains("date")) c->date_pattern = string(d.at("date"), dp + "/date");
            if (d.contains("short_date")) c->short_date_pattern = string(d.at("short_date"), dp + "/short_date");
            if (d.contains("time")) c->time_pattern = string(d.at("time"), dp + "/time");
            if (d.contains("am")) c->am = string(d.at("am"), dp + "/am");
            if (d.contains("pm")) c->pm = string(d.at("pm"), dp + "/pm");
            if (d.contains("decimal")) c->decimal = string(d.at("decimal"), dp + "/decimal");
        } else if (!base) {
            fail(ptr, "missing key \"dates\" (the locale's day and month names and date and time formats)");
        }
        if (root.contains("messages")) read_messages(root.at("messages"), ptr + "/messages", c->rule, c->messages);
        return c;
    }

private:
    std::string_view text_;
    std::string_view origin_;
};

}  // namespace

std::shared_ptr<const catalogue> parse_catalogue(std::string_view json_text, std::string_view origin, std::shared_ptr<const catalogue> base) {
    json root;
    try {
        root = read_json(json_text);
    } catch (const json_read_error& e) {
        const text_position pos = position_of(json_text, e.offset);
        throw protocol_error(std::string(origin), pos.line, pos.column, e.pointer, explained(e, json_text));
    }
    return reader(json_text, origin).read(root, "", std::move(base), true);
}

std::shared_ptr<const catalogue> parse_catalogue_section(const nlohmann::json& j, std::string_view text, std::string_view origin,
                                                         const std::string& pointer, std::shared_ptr<const catalogue> base) {
    return reader(text, origin).read(j, pointer, std::move(base), false);
}

bool shipped_catalogue_exists(std::string_view code) noexcept {
    return std::find(shipped.begin(), shipped.end(), code) != shipped.end();
}

const std::shared_ptr<const catalogue>& shipped_catalogue(std::string_view code) {
    // Parsed once each, on first use (C++11 makes the initialisation thread-safe).
    static const std::shared_ptr<const catalogue> en =
        parse_catalogue({aftercare_locale_en_json, aftercare_locale_en_json_size}, "data/locales/en.json");
    if (code == "en") return en;
    static const std::shared_ptr<const catalogue> en_us =
        parse_catalogue({aftercare_locale_en_US_json, aftercare_locale_en_US_json_size}, "data/locales/en-US.json", en);
    if (code == "en-US") return en_us;
    static const std::shared_ptr<const catalogue> es =
        parse_catalogue({aftercare_locale_es_json, aftercare_locale_es_json_size}, "data/locales/es.json", en);
    if (code == "es") return es;
    static const std::shared_ptr<const catalogue> uk =
        parse_catalogue({aftercare_locale_uk_json, aftercare_locale_uk_json_size}, "data/locales/uk.json", en);
    if (code == "uk") return uk;
    std::string allowed;
    for (auto l : shipped) allowed += (allowed.empty() ? "" : ", ") + std::string(l);
    throw invalid_value("lang", short_value(code), allowed, "lang " + quote_value(code) + " is not a shipped locale; expected one of " + allowed);
}

const catalogue& english() { return *shipped_catalogue("en"); }

}  // namespace aftercare::detail
