// to_json for a plan, and the document pieces the other JSON exporters share (json_common.hpp).
#include "aftercare/io/json.hpp"
#include "aftercare/locale.hpp"

#include "aftercare/error.hpp"
#include "aftercare/time.hpp"
#include "aftercare/version.hpp"
#include "io/json_common.hpp"
#include "io/json_into.hpp"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <functional>
#include <string>

namespace aftercare {

namespace detail {

void document_writer::remember(std::string_view key) {
    // Open addressing on the key's address; a full table only costs a longer final sort.
    const auto h = static_cast<std::size_t>((reinterpret_cast<std::uintptr_t>(key.data()) * 0x9E3779B97F4A7C15ULL) >> 55);  // 9 bits
    for (std::size_t i = 0; i < seen_.size(); ++i) {
        const char*& slot = seen_[(h + i) & (seen_.size() - 1)];
        if (slot == key.data()) return;
        if (slot == nullptr) {
            slot = key.data();
            cite(key);
            return;
        }
    }
    cite(key);
}

void document_writer::cite(std::string_view key) {
    if (const source* s = protocol_->find_source(key)) used_.push_back(s);
}

void document_writer::sources(std::span<const std::string_view> keys) {
    w.key("sources");
    w.begin_array();
    for (std::string_view k : keys) {
        w.string(k);
        remember(k);
    }
    w.end_array();
}

void document_writer::hours(std::chrono::minutes m) {
    if (m.count() % 60 == 0) {
        w.integer(m.count() / 60);
    } else {
        w.number(static_cast<double>(m.count()) / 60.0);
    }
}

void document_writer::head(std::string_view schema, const treatment& t, zone_ref zone) {
    const protocol& p = *protocol_;
    w.begin_object();
    w.member("schema", schema);
    w.key("generator");
    w.begin_object();
    w.member("name", "aftercare");
    w.member("version", AFTERCARE_VERSION_STRING);
    w.end_object();
    // The locale of the document's texts, when it is not English (docs/languages.md); codes never change.
    if (locale_of(p) != "en") w.member("lang", locale_of(p));
    w.key("protocol");
    w.begin_object();
    w.member("id", p.id());
    w.member("version", p.version());
    w.member("title", p.title());
    w.member("disclaimer", p.disclaimer());
    w.end_object();
    w.key("treatment");
    w.begin_object();
    w.member("device", to_string(t.device));
    w.key("depth_mm");
    w.number(t.depth.mm());
    w.member("area", to_string(t.area));
    w.key("skin_type");
    w.integer(t.skin_type.value());
    w.key("adjuncts");
    codes(t.adjuncts);
    w.key("indication");
    if (t.indication) {
        w.string(to_string(*t.indication));
    } else {
        w.null();
    }
    w.key("session");
    w.integer(t.session);
    w.key("history");
    codes(t.history);
    w.key("treated_at");
    if (t.treated_at) {
        w.instant(*t.treated_at, zone);
    } else {
        w.null();
    }
    w.end_object();
    w.key("time_zone");
    if (zone != nullptr) {
        w.string(zone->name());
    } else {
        w.null();
    }
}

namespace {

void write_stages(document_writer& d, std::span<const stage> stages, zone_ref zone) {
    json_writer& w = d.w;
    w.key("stages");
    w.begin_array();
    for (const stage& s : stages) {
        w.begin_object();
        w.member("code", s.code);
        w.member("text", s.text);
        w.member("lifted_text", s.lifted_text);
        w.key("until_h");
        d.hours(s.until);
        if (s.until_at) {
            w.key("until");
            w.instant(*s.until_at, zone);
        }
        w.end_object();
    }
    w.end_array();
}

void write_entry(document_writer& d, const entry& e, zone_ref zone) {
    json_writer& w = d.w;
    w.begin_object();
    w.member("code", e.code);
    w.member("kind", to_string(e.kind));
    w.member("title", e.title);
    if (!e.text.empty()) w.member("text", e.text);
    w.key("onset_h");
    d.hours(e.onset);
    if (e.end) {
        w.key(e.kind == entry_kind::effect ? "typical_end_h" : "until_h");
        d.hours(*e.end);
    }
    if (e.end_range) {
        w.key("end_range_h");
        w.begin_array();
        d.hours(e.end_range->first);
        d.hours(e.end_range->second);
        w.end_array();
    }
    if (e.abnormal_after) {
        w.key("abnormal_after_h");
        d.hours(*e.abnormal_after);
    }
    if (e.likely) w.member("likelihood", to_string(*e.likely));
    if (e.kind == entry_kind::restriction) write_stages(d, e.stages, zone);
    if (e.kind == entry_kind::care || e.kind == entry_kind::milestone) {
        w.member("remind", to_string(e.remind));
        if (!e.slots.empty()) {
            w.key("slots");
            d.codes(e.slots);
        }
    }
    if (e.level) {
        w.member("level", to_string(*e.level));
        w.key("symptoms");
        d.codes(e.symptoms);
        w.member("advice", e.advice);
    }
    if (e.start) {
        w.key("start");
        w.instant(*e.start, zone);
    }
    if (e.finish) {
        w.key("end");
        w.instant(*e.finish, zone);
    }
    d.sources(e.sources);
    if (!e.notes.empty()) {
        w.key("notes");
        w.strings(e.notes);
    }
    w.end_object();
}

}  // namespace

void document_writer::plan_body(const plan& p, zone_ref zone) {
    w.member("tier", p.tier());
    w.key("entries");
    w.begin_array();
    for (const entry& e : p.entries()) write_entry(*this, e, zone);
    w.end_array();
    w.key("notes");
    w.begin_array();
    for (const plan_note& n : p.notes()) {
        w.begin_object();
        w.member("code", n.code);
        w.member("text", n.text);
        sources(n.sources);
        w.end_object();
    }
    w.end_array();
}

void document_writer::close() {
    // The protocol's sources are sorted by key, so their addresses sort as their keys do.
    std::sort(used_.begin(), used_.end(), std::less<>{});
    used_.erase(std::unique(used_.begin(), used_.end()), used_.end());
    w.key("sources");
    w.begin_object();
    for (const source* s : used_) {
        w.key(s->key);
        w.begin_object();
        w.member("citation", s->citation);
        w.member("url", s->url);
        w.member("tier", s->tier);
        w.end_object();
    }
    w.end_object();
    w.end_object();
}

}  // namespace detail

void check_json_options(const json_options& options) {
    if (options.indent < -1 || options.indent > max_json_indent) {
        const std::string v = std::to_string(options.indent);
        throw invalid_value("indent", v, "-1 (one line) to 16",
                            "indent " + v + " is outside -1 (one line) to " + std::to_string(max_json_indent) + " spaces per level");
    }
}

std::size_t detail::write_json(const plan& p, const json_options& options, json_storage& out) {
    detail::document_writer d(options, p.protocol(), 8192 + p.entries().size() * 1024, out);
    d.head("aftercare.plan/1", p.treatment(), options.zone);
    d.plan_body(p, options.zone);
    return std::move(d).finish_size();
}

std::string to_json(const plan& p, const json_options& options) { return detail::json_string(p, options); }

}  // namespace aftercare
