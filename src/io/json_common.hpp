// Private: the pieces of the JSON documents that every exporter (plan, reminders, triage,
// screening) shares, written through json_writer without a DOM.
#pragma once

#include "aftercare/io/json.hpp"
#include "aftercare/plan.hpp"
#include "io/json_writer.hpp"

#include <array>
#include <chrono>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace aftercare::detail {

/// A document being written: the writer, and the source keys it has cited so far, for the
/// "sources" map that closes it. Every "sources" array goes through sources() so none is missed.
class document_writer {
public:
    document_writer(const json_options& options, const protocol& p, std::size_t reserve = 16384)
        : w((check_json_options(options), options.indent), reserve), protocol_(&p) {}  // indent range first
    /// Writing into `storage`: finish with finish_size().
    document_writer(const json_options& options, const protocol& p, std::size_t reserve, json_storage& storage)
        : w((check_json_options(options), options.indent), reserve, storage), protocol_(&p) {}

    json_writer w;

    /// "sources": [keys...], remembering the keys.
    void sources(std::span<const std::string_view> keys);
    /// The codes of a set, in enumerator order, as an array.
    template <class E>
    void codes(enum_set<E> set) {
        w.begin_array();
        for (E e : set) w.string(to_string(e));
        w.end_array();
    }
    /// Hours as a number: an integer when whole, otherwise a decimal.
    void hours(std::chrono::minutes m);
    /// Opens the document object and writes its head: schema, generator, protocol (id, version,
    /// title, disclaimer), treatment (instants in `zone`) and time_zone.
    void head(std::string_view schema, const treatment& t, zone_ref zone);
    /// "tier", "entries" and "notes" of a plan, instants in `zone`.
    void plan_body(const plan& p, zone_ref zone);
    /// "sources": {KEY: {citation, url, tier}} for every key cited, sorted by key; closes the
    /// document and returns its text.
    [[nodiscard]] std::string finish() && {
        close();
        return std::move(w).take();
    }
    /// finish() into the storage given: the document's length.
    [[nodiscard]] std::size_t finish_size() && {
        close();
        return std::move(w).size();
    }

private:
    void close();  // the "sources" map and the document's closing brace
    void remember(std::string_view key);
    void cite(std::string_view key);

    const protocol* protocol_;
    // The sources cited, looked up once per key address (every key is a view into the protocol's
    // own source list); the final map sorts them and drops repeats.
    std::vector<const source*> used_;
    std::array<const char*, 512> seen_{};
};

}  // namespace aftercare::detail
