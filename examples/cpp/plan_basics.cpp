// The plan for one treatment: what to expect, what to avoid and until when.
#include <aftercare/aftercare.hpp>

#include <iostream>

int main() {
    using namespace aftercare::literals;
    const date::time_zone* london = aftercare::locate_zone("Europe/London");

    aftercare::treatment t;
    t.device = aftercare::device::pen;
    t.depth = 1.0_mm;
    t.area = aftercare::area::face;
    t.skin_type = aftercare::skin_type{3};
    t.indication = aftercare::indication::acne_scars;
    t.treated_at = aftercare::to_utc(aftercare::parse_local_time("2026-11-21T14:00", "treated_at"), *london);

    const aftercare::plan plan = aftercare::make_plan(t);
    std::cout << "tier " << plan.tier() << ", " << plan.entries().size() << " entries\n";

    for (const aftercare::entry& e : plan.entries()) {
        if (e.kind == aftercare::entry_kind::effect) {
            std::cout << e.code << ": " << aftercare::to_string(*e.likely) << ", usually gone by "
                      << aftercare::format_rfc3339(*e.finish, london) << ", see the clinic after "
                      << std::chrono::duration_cast<std::chrono::hours>(*e.abnormal_after).count() << " h\n";
        }
    }
    for (const aftercare::stage& s : plan.find("restriction.makeup")->stages) {
        std::cout << s.code << " until " << aftercare::format_rfc3339(*s.until_at, london) << "; then: " << s.lifted_text << '\n';
    }
    const aftercare::entry* next = plan.find("milestone.next_session");
    std::cout << "next session between " << aftercare::format_rfc3339(*next->start, london) << " and "
              << aftercare::format_rfc3339(*next->finish, london) << '\n';
    std::cout << "redness sources:";
    for (std::string_view key : plan.find("effect.redness")->sources) std::cout << ' ' << key;
    std::cout << '\n';
}
