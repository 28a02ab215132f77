// The `aftercare` command: plans, triage, screening, protocol checks. Exit 0 on success, 2 on bad
// input with one line on stderr naming the field and what is allowed, 1 when the output cannot be
// written; never a stack trace. Each subcommand lives in a file of its own (plan.cpp, triage.cpp,
// screen.cpp, course.cpp, protocol.cpp, check_in.cpp) and is one line in all_commands below; run.cpp
// parses and reports errors for all of them alike.
#include "common.hpp"

#include <iostream>
#include <vector>

namespace aftercare_cli {

std::vector<command> all_commands(CLI::App& app) {
    std::vector<command> commands{add_plan(app), add_triage(app), add_screen(app), add_course(app)};
    for (command& c : add_protocol(app)) commands.push_back(std::move(c));
    for (command& c : add_check_in(app)) commands.push_back(std::move(c));
    return commands;
}

}  // namespace aftercare_cli

#ifndef AFTERCARE_CLI_NO_MAIN  // the argument fuzzer (tests/fuzz/fuzz_cli.cpp) calls run() itself
int main(int argc, char** argv) {
    std::ios::sync_with_stdio(false);
    return aftercare_cli::run(argc, argv, std::cout, std::cerr);
}
#endif
