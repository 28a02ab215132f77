// Private to the command: what every subcommand shares (treatment options, the protocol, output).
#pragma once

#include <aftercare/aftercare.hpp>

#include <CLI/CLI.hpp>

#include <functional>
#include <string>
#include <vector>

namespace aftercare_cli {

constexpr int exit_bad_input = 2;

/// A subcommand: its CLI11 app and what runs when it was chosen. Each lives in a file of its own
/// (plan.cpp, triage.cpp, screen.cpp, course.cpp, protocol.cpp); main.cpp adds them. A new subcommand is a new
/// file with an add_NAME(CLI::App&) and one line in main.cpp.
struct command {
    CLI::App* app = nullptr;
    std::function<int()> run;
};

/// Everything that describes a treatment on the command line (shared by plan, triage and screen).
struct treatment_args {
    std::string device;
    double depth_mm = 0;
    std::string area = "face";
    std::string skin_type;
    std::vector<std::string> adjuncts;
    std::string indication;
    int session = 1;
    std::vector<std::string> history;
    std::string treated_at;
    std::string tz;
    std::string protocol_file;
};

struct output_args {
    std::string format = "text";
    std::string output;
};

void add_treatment_options(CLI::App& cmd, treatment_args& a);

struct resolved {
    aftercare::protocol protocol;
    aftercare::treatment treatment;
    const date::time_zone* zone = nullptr;
};

/// The protocol (--protocol or the default) and the treatment the options describe, checked.
resolved resolve(const treatment_args& a);

/// Writes `text` to -o FILE or standard output.
void emit(const output_args& o, const std::string& text);

[[noreturn]] void bad(const std::string& field, const std::string& value, const std::string& allowed, const std::string& message);

/// The whole of a file named by `option`.
std::string read_text_file(const std::string& path, const std::string& option);

command add_plan(CLI::App& app);
command add_triage(CLI::App& app);
command add_screen(CLI::App& app);
command add_course(CLI::App& app);
std::vector<command> add_protocol(CLI::App& app);

}  // namespace aftercare_cli
