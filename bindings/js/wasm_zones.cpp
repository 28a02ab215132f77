// The WebAssembly module's zone source: the C interface's aftercare_zone_source (aftercare.h)
// answered by the JavaScript engine's Intl, through the object the loader passes as
// Module.aftercareZones (bindings/js/src/zones.mjs). No tz database is compiled in.
//
// Instants cross as doubles (seconds since the epoch): exact for every second the library works
// with (1850–2199 is about 1e10 s, far below 2^53), and no 64-bit integer needs legalising.
#include "aftercare/aftercare.h"

#include <emscripten/emscripten.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>

// clang-format off
EM_JS(int, aftercare_js_find_zone, (const char* name, char* canonical, int capacity), {
    const found = Module.aftercareZones.find(UTF8ToString(name));
    if (found === null || found === undefined) return 1;
    stringToUTF8(found, canonical, capacity);
    return 0;
});

// out: begin, end (±Infinity when unbounded), offset seconds, daylight saving (0 or 1).
EM_JS(int, aftercare_js_period_at, (const char* name, double utc, double* out), {
    const p = Module.aftercareZones.periodAt(UTF8ToString(name), utc);
    if (p === null || p === undefined) return 1;
    HEAPF64[(out >> 3) + 0] = p.begin;
    HEAPF64[(out >> 3) + 1] = p.end;
    HEAPF64[(out >> 3) + 2] = p.offset;
    HEAPF64[(out >> 3) + 3] = p.dst ? 1 : 0;
    return 0;
});
// clang-format on

namespace {

std::int64_t to_instant(double t) {
    if (std::isnan(t)) return 0;
    if (t <= -9.2e18) return std::numeric_limits<std::int64_t>::min();
    if (t >= 9.2e18) return std::numeric_limits<std::int64_t>::max();
    return static_cast<std::int64_t>(t);
}

int find_zone(void*, const char* name, char* canonical, size_t capacity) {
    return aftercare_js_find_zone(name, canonical, static_cast<int>(capacity));
}

int period_at(void*, const char* name, int64_t utc, aftercare_zone_period* out) {
    double p[4] = {0, 0, 0, 0};
    if (aftercare_js_period_at(name, static_cast<double>(utc), p) != 0) return 1;
    out->begin = to_instant(p[0]);
    out->end = to_instant(p[1]);
    out->utc_offset = static_cast<int32_t>(p[2]);
    out->dst_minutes = p[3] != 0 ? 60 : 0;
    out->abbreviation[0] = '\0';  // Intl has no tz database abbreviations (docs/guide-js.md)
    return 0;
}

}  // namespace

extern "C" {

/// Makes Intl (Module.aftercareZones) the zone source; the loader calls it once at start-up.
EMSCRIPTEN_KEEPALIVE int aftercare_js_use_host_zones(void) {
    aftercare_zone_source source{};
    source.size = sizeof source;
    source.find_zone = find_zone;
    source.period_at = period_at;
    return aftercare_set_zone_source(&source, nullptr);
}

}  // extern "C"
