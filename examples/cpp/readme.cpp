#include <aftercare/aftercare.hpp>
#include <fstream>
#include <iostream>
using namespace aftercare::literals;

int main() {
    aftercare::treatment t;
    t.device = aftercare::device::pen;  t.depth = 1.0_mm;  t.skin_type = aftercare::skin_type{3};
    const auto* london = aftercare::locate_zone("Europe/London");
    t.treated_at = aftercare::to_utc(aftercare::parse_local_time("2026-11-21T14:00", "treated_at"), *london);
    const aftercare::plan plan = aftercare::make_plan(t);           // embedded default protocol
    const aftercare::entry* redness = plan.find("effect.redness");  // onset 0 h, typical end 48 h, abnormal after 168 h
    std::cout << redness->title << " until " << aftercare::format_rfc3339(*redness->finish, london) << '\n';
    std::ofstream("plan.json") << aftercare::to_json(plan, {.zone = london});     // docs/schema/plan.schema.json
}
