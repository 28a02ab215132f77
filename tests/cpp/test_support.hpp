// Helpers shared by the test suites.
#pragma once

#include <aftercare/aftercare.hpp>

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <string_view>

namespace aftercare::test {

using namespace std::chrono_literals;
using namespace aftercare::literals;

/// A pen treatment at `depth` on the face, skin type III, ended 2026-11-21 14:00 UTC.
inline treatment example(needle_depth depth = 1.0_mm) {
    treatment t;
    t.device = device::pen;
    t.depth = depth;
    t.area = area::face;
    t.skin_type = skin_type{3};
    t.treated_at = date::sys_days{date::November / 21 / 2026} + 14h;
    return t;
}

inline std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

/// Runs `f`, which must throw E; returns the exception for further checks.
template <class E, class F>
E expect_throw(F&& f) {
    try {
        f();
    } catch (const E& e) {
        return e;
    }
    BOOST_FAIL("expected an exception that was not thrown");
    throw;  // unreachable
}

/// 1-based line of the first occurrence of `needle` in `text` (0 if absent).
inline std::size_t line_of(std::string_view text, std::string_view needle) {
    const auto pos = text.find(needle);
    if (pos == std::string_view::npos) return 0;
    return static_cast<std::size_t>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(pos), '\n')) + 1;
}

/// `text` with the first `from` replaced by `to`; fails the test if `from` is absent.
inline std::string replace_once(std::string text, std::string_view from, std::string_view to) {
    const auto pos = text.find(from);
    BOOST_REQUIRE_MESSAGE(pos != std::string::npos, "fixture text not found: " << from);
    text.replace(pos, from.size(), to);
    return text;
}

}  // namespace aftercare::test
