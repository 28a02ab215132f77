// Private: what a plan holds. Built once by make_plan, then only read. Its entries, stages, extra
// strings and notes live in one block (`store`); views that need nothing of this treatment's own
// (source lists no modifier changed, notes' sources) point into the protocol, which it keeps alive.
#pragma once

#include "aftercare/plan.hpp"

#include <cstddef>
#include <memory>
#include <span>
#include <string_view>

namespace aftercare::detail {

struct plan_data {
    aftercare::protocol protocol;
    aftercare::treatment treatment;
    std::string_view tier;
    std::span<entry> entries;
    std::span<stage> stages;                // entries' stage spans point here
    std::span<std::string_view> strings;    // source keys and notes that modifiers added
    std::span<plan_note> notes;
    std::unique_ptr<std::byte[]> store;     // behind the four spans above (all trivially destructible)
};

/// make_plan without the tier's copied entries: every window evaluated for the treatment (the
/// tests compare the two).
[[nodiscard]] plan make_plan_evaluated(const treatment& t, const protocol& p);

}  // namespace aftercare::detail
