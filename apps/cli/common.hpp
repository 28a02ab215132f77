// Private to the command: what every subcommand shares (treatment options, the protocol, output).
#pragma once

#include <aftercare/aftercare.hpp>

#include <CLI/CLI.hpp>

#include <functional>
#include <ostream>
#include <stdexcept>
#include <string>
#include <vector>

namespace aftercare_cli {

constexpr int exit_bad_input = 2;
constexpr int exit_cannot_write = 1;  // standard output or the -o file could not be written

/// The whole command (run.cpp): parses `argv`, runs the chosen subcommand writing its result to
/// `out`, reports any error as one line on `err`. Returns the exit code: 0, 2 for bad input (nothing
/// written to `out`, no -o file left), 1 when the output cannot be written. Never exits, never throws
/// except std::bad_alloc — so that the argument fuzzer can call it.
int run(int argc, const char* const* argv, std::ostream& out, std::ostream& err);

/// Writing the result failed (standard output full or closed, a disk full): exit 1, one line.
class write_error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// Where the subcommands' results go while run() runs (std::cout from main).
class output_scope {
public:
    explicit output_scope(std::ostream& out) noexcept;
    ~output_scope();
    output_scope(const output_scope&) = delete;
    output_scope& operator=(const output_scope&) = delete;

private:
    std::ostream* previous_;
};
std::ostream& output() noexcept;

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
    std::string depth_mm;
    std::string area = "face";
    std::string skin_type;
    std::vector<std::string> adjuncts;
    std::string indication;
    std::string session = "1";
    std::vector<std::string> history;
    std::string treated_at;
    std::string tz;
    std::string protocol_file;
    std::string lang = "en";
};

struct output_args {
    std::string format = "text";
    std::string output;
};

void add_treatment_options(CLI::App& cmd, treatment_args& a);

/// The patient's day, for reminders (plan, check-in follow-up).
struct reminder_args {
    std::string wake = "07:00";
    std::string bed = "22:30";
    std::string morning, midday, evening, bedtime;
};

void add_reminder_options(CLI::App& cmd, reminder_args& a);

aftercare::preferences parse_preferences(const reminder_args& a, const date::time_zone* zone);

struct resolved {
    aftercare::protocol protocol;
    aftercare::treatment treatment;
    const date::time_zone* zone = nullptr;
};

/// The protocol (--protocol or the default) and the treatment the options describe, checked.
resolved resolve(const treatment_args& a);

/// Writes `text` to -o FILE or the output (standard output). A file that cannot be written
/// completely is removed; throws invalid_value (cannot be created) or write_error.
void emit(const output_args& o, const std::string& text);

/// Writes `text` to the output (standard output); throws write_error when that fails.
void emit(const std::string& text);

/// A number in plain decimal notation ("1", "1.5", ".5"; no sign, exponent, hex, inf or nan), at
/// most `max`. Throws invalid_value naming `field`, whose allowed() is `allowed`.
double parse_decimal(const std::string& text, const std::string& field, const std::string& allowed, double max);

/// A whole number 1..max in plain digits. Throws invalid_value naming `field`.
int parse_whole(const std::string& text, const std::string& field, int max);

[[noreturn]] void bad(const std::string& field, const std::string& value, const std::string& allowed, const std::string& message);

/// The whole of a file named by `option`: a regular file of at most 16 MiB (aftercare/files.hpp).
std::string read_text_file(const std::string& path, const std::string& option);

/// Every subcommand (main.cpp): a new one is one line there.
std::vector<command> all_commands(CLI::App& app);

command add_plan(CLI::App& app);
command add_triage(CLI::App& app);
command add_screen(CLI::App& app);
command add_course(CLI::App& app);
std::vector<command> add_protocol(CLI::App& app);
std::vector<command> add_check_in(CLI::App& app);

}  // namespace aftercare_cli
