// Built against the *installed* aftercare, from tests/package/run.cmake. Prints one line.
#include <aftercare/aftercare.hpp>

#include <iostream>

int main() {
    using namespace aftercare::literals;
    aftercare::treatment t;
    t.device = aftercare::device::pen;
    t.depth = 1.0_mm;
    t.skin_type = aftercare::skin_type{3};
    t.treated_at = aftercare::to_utc(aftercare::parse_local_time("2026-11-21T14:00", "treated_at"), *aftercare::locate_zone("Europe/London"));
    const aftercare::plan p = aftercare::make_plan(t);
    const aftercare::entry* redness = p.find("effect.redness");
    if (redness == nullptr || !redness->end) return 1;
    std::cout << "consumer ok: " << p.protocol().id() << " redness " << redness->end->count() / 60 << " h, "
              << p.entries().size() << " entries\n";
    return aftercare::to_json(p).find("\"schema\": \"aftercare.plan/1\"") == std::string::npos;
}
