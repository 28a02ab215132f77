// zones.hpp: the zone-source interface, the OS database behind it, and the local-time resolution
// derived from periods (what a host source that only gives periods gets).
#include "test_support.hpp"

#include <aftercare/zones.hpp>

#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>

#include <map>
#include <memory>
#include <mutex>
#include <vector>

using namespace aftercare;
using namespace aftercare::test;
namespace bdata = boost::unit_test::data;

namespace {

/// A host-like source: periods only (get_info(local) is the derived default), answered from the OS
/// database but never through date's own local resolution; it counts its calls.
class periods_only final : public zone_rules {
public:
    explicit periods_only(const date::time_zone& z) : zone_(&z) {}
    const std::string& name() const noexcept override { return zone_->name(); }
    date::sys_info get_info(date::sys_seconds t) const override {
        ++calls;
        return zone_->get_info(t);
    }
    using zone_rules::get_info;
    mutable std::size_t calls = 0;

private:
    const date::time_zone* zone_;
};

class periods_source final : public zone_source {
public:
    const zone_rules* find(std::string_view name) const override {
        const std::lock_guard lock(mutex_);
        auto& slot = zones_[std::string(name)];
        if (!slot) {
            const zone_rules* os = os_zones().find(name);
            if (os == nullptr) return nullptr;
            slot = std::make_unique<periods_only>(*os->os_zone());
        }
        return slot.get();
    }

private:
    mutable std::mutex mutex_;
    mutable std::map<std::string, std::unique_ptr<periods_only>> zones_;
};

const char* const zone_names[] = {"Europe/London", "America/New_York", "Australia/Lord_Howe", "Pacific/Chatham",
                                  "America/Sao_Paulo", "Africa/Casablanca", "Asia/Kolkata", "UTC"};

}  // namespace

BOOST_AUTO_TEST_SUITE(zones_tests)

BOOST_AUTO_TEST_CASE(the_os_source_is_date_tz) {
    const zone_rules* london = os_zones().find("Europe/London");
    BOOST_TEST_REQUIRE(london != nullptr);
    BOOST_TEST(london->name() == "Europe/London");
    BOOST_TEST((london->os_zone() == date::locate_zone("Europe/London")));
    BOOST_TEST((os_zones().find("Mars/Base") == nullptr));
    BOOST_TEST((os_zones().find("") == nullptr));
    // a zone_ref from a date zone names the same rules, every time; null stays null
    const zone_ref a = locate_zone("Europe/London");
    const zone_ref b = date::locate_zone("Europe/London");
    BOOST_TEST((a == b && a.get() == london));
    BOOST_TEST((zone_ref(static_cast<const date::time_zone*>(nullptr)) == nullptr));
    BOOST_CHECK_THROW((void)locate_zone("Mars/Base", os_zones(), "/time_zone"), time_zone_error);
    try {
        (void)locate_zone("Mars/Base", os_zones(), "/time_zone");
    } catch (const time_zone_error& e) {
        BOOST_TEST(e.field() == "/time_zone");
        BOOST_TEST(e.value() == "Mars/Base");
    }
}

// Every quarter hour of the days around each 2026–2027 change: the resolution derived from periods
// is date's own (result, and both periods).
BOOST_DATA_TEST_CASE(derived_local_resolution_is_dates, bdata::make(zone_names), name) {
    const date::time_zone* zone = date::locate_zone(name);
    const periods_only derived(*zone);
    std::size_t compared = 0, non_unique = 0;
    // The local days around each change in 2026–2027; a zone without changes: its first day of 2026.
    std::vector<date::local_days> days;
    date::sys_info info = zone->get_info(date::sys_days{date::January / 1 / 2026});
    const date::sys_seconds stop = date::sys_days{date::January / 1 / 2028};
    while (info.end < stop) {
        days.push_back(date::floor<date::days>(date::local_seconds{info.end.time_since_epoch() + info.offset}));
        info = zone->get_info(info.end);
    }
    if (days.empty()) days.push_back(date::local_days{date::January / 1 / 2026});
    for (const date::local_days around : days) {
        for (date::local_seconds t = around - date::days{1}; t < around + date::days{2}; t += std::chrono::minutes{15}) {
            const date::local_info want = zone->get_info(t);
            const date::local_info got = derived.get_info(t);
            BOOST_TEST(got.result == want.result);
            BOOST_TEST((got.first.begin == want.first.begin && got.first.end == want.first.end && got.first.offset == want.first.offset));
            BOOST_TEST(got.first.abbrev == want.first.abbrev);
            if (want.result != date::local_info::unique) {
                ++non_unique;
                BOOST_TEST((got.second.begin == want.second.begin && got.second.offset == want.second.offset));
            }
            ++compared;
        }
    }
    BOOST_TEST(compared > 0u);
    const bool changes = std::string_view(name) != "UTC" && std::string_view(name) != "Asia/Kolkata" && std::string_view(name) != "America/Sao_Paulo";
    BOOST_TEST((non_unique > 0u) == changes);
}

// The whole output through a source that is not the OS database: byte-identical.
BOOST_DATA_TEST_CASE(outputs_through_another_source_are_identical, bdata::make(zone_names), name) {
    const periods_source source;
    const zone_ref os = locate_zone(name);
    const zone_ref other = locate_zone(name, source);
    BOOST_TEST((other->os_zone() == nullptr));
    for (const auto wall : {local(2026, 3, 27, 21, 0), local(2026, 10, 24, 23, 30), local(2027, 3, 26, 22, 15)}) {
        treatment t_os = example(), t_other = example();
        t_os.indication = t_other.indication = indication::acne_scars;
        t_os.treated_at = to_utc(wall, *os);
        t_other.treated_at = to_utc(wall, *other);
        BOOST_TEST((t_os.treated_at == t_other.treated_at));
        const plan p = make_plan(t_os);
        preferences a, b;
        a.zone = os;
        b.zone = other;
        const reminder_schedule sa = schedule(p, a), sb = schedule(p, b);
        BOOST_TEST((sb.zone() == other));
        BOOST_TEST(to_json(sa) == to_json(sb));
        BOOST_TEST(to_text(sa) == to_text(sb));
        BOOST_TEST(to_ics(sa) == to_ics(sb));
        BOOST_TEST(to_json(p, {.zone = os}) == to_json(p, {.zone = other}));
        BOOST_TEST(format_rfc3339(*t_os.treated_at, os) == format_rfc3339(*t_os.treated_at, other));
    }
    BOOST_TEST(static_cast<const periods_only&>(*other).calls > 0u);
}

BOOST_AUTO_TEST_SUITE_END()
