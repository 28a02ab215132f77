// How the same depth differs by device, area and skin type, and why (the notes cite the evidence).
#include <aftercare/aftercare.hpp>

#include <iostream>

namespace {
long hours(std::chrono::minutes m) { return std::chrono::duration_cast<std::chrono::hours>(m).count(); }
}  // namespace

int main() {
    using namespace aftercare::literals;
    aftercare::treatment pen;
    pen.depth = 1.0_mm;
    pen.skin_type = aftercare::skin_type{2};

    aftercare::treatment rf = pen;
    rf.device = aftercare::device::rf;

    aftercare::treatment darker = pen;
    darker.skin_type = aftercare::skin_type{5};
    darker.area = aftercare::area::periorbital;

    for (const auto& [name, t] : {std::pair{"pen, skin II", pen}, {"rf, skin II", rf}, {"pen, skin V, periorbital", darker}}) {
        const aftercare::plan p = aftercare::make_plan(t);
        const aftercare::entry& redness = *p.find("effect.redness");
        const aftercare::entry& bruising = *p.find("effect.bruising");
        const aftercare::entry& sun = *p.find("restriction.sun");
        std::cout << name << ": redness " << hours(*redness.end) << " h, bruising " << aftercare::to_string(*bruising.likely)
                  << " for " << hours(*bruising.end) << " h, sun protection " << hours(*sun.end) << " h\n";
        for (std::string_view note : redness.notes) std::cout << "  redness: " << note << '\n';
        for (std::string_view note : sun.notes) std::cout << "  sun: " << note << '\n';
        for (const aftercare::plan_note& n : p.notes()) std::cout << "  note: " << n.text << '\n';
    }
}
