// Private: what a plan holds. Built once by make_plan, then only read.
#pragma once

#include "aftercare/plan.hpp"

#include <string_view>
#include <vector>

namespace aftercare::detail {

struct plan_data {
    aftercare::protocol protocol;
    aftercare::treatment treatment;
    std::string_view tier;
    std::vector<entry> entries;
    std::vector<stage> stages;                // entries' stage spans point here
    std::vector<std::string_view> strings;    // entries' and notes' source keys and notes point here
    std::vector<plan_note> notes;
};

}  // namespace aftercare::detail
