// The `aftercare` command: plans, triage, screening, protocol checks. Exit 0 on success, 2 on bad
// input with one line on stderr naming the field and what is allowed, never a stack trace. Each
// subcommand lives in a file of its own (plan.cpp, triage.cpp, screen.cpp, course.cpp, protocol.cpp).
#include "common.hpp"

#include <exception>
#include <iostream>
#include <string>
#include <vector>

int main(int argc, char** argv) {
    using namespace aftercare_cli;
    CLI::App app{"aftercare: evidence-based microneedling aftercare plans. Not medical advice.", "aftercare"};
    app.set_version_flag("--version", std::string(AFTERCARE_VERSION_STRING));
    app.require_subcommand(1);

    std::vector<command> commands{add_plan(app), add_triage(app), add_screen(app), add_course(app)};
    for (command& c : add_protocol(app)) commands.push_back(std::move(c));

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        if (e.get_exit_code() == 0) return app.exit(e);  // --help, --version
        std::cerr << "aftercare: " << e.what() << '\n';
        return exit_bad_input;
    }

    try {
        for (const command& c : commands) {
            if (*c.app) return c.run();
        }
    } catch (const aftercare::error& e) {
        std::cerr << "aftercare: " << e.what() << '\n';
        return exit_bad_input;
    } catch (const std::exception& e) {
        std::cerr << "aftercare: internal error: " << e.what() << '\n';
        return 1;
    }
    return 0;
}
