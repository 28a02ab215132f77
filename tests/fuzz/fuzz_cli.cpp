// libFuzzer target: the command's argument parser and everything it runs, through run() (the
// whole command without exiting). The input is the argument list, NUL-separated; a first byte
// picks a subcommand and common options so that the fuzzer starts deep. Whatever the arguments:
// exit 0 with output and nothing on stderr, or exit 2 (1: output) with exactly one line on stderr
// and nothing on standard output. Arguments that would write or read files (-o, --output,
// --protocol, --reports, protocol check) are dropped: the fuzzer must not touch the disk.
#include "../../apps/cli/common.hpp"

#include <cstdlib>
#include <sstream>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const std::vector<std::vector<std::string>> starts{
        {},
        {"plan"},
        {"plan", "--device", "pen", "--depth", "1.0", "--skin-type", "3"},
        {"plan", "--device", "pen", "--depth", "1.0", "--skin-type", "3", "--treated-at", "2026-11-21T14:00", "--tz", "Europe/London"},
        {"triage", "--device", "pen", "--depth", "1.0", "--skin-type", "3"},
        {"triage", "--device", "pen", "--depth", "1.0", "--skin-type", "3", "--treated-at", "2026-11-21T14:00", "--tz", "Europe/London",
         "--as-of", "2026-11-30T10:00"},
        {"screen", "--device", "pen", "--depth", "1.0", "--skin-type", "3", "--as-of", "2026-11-21"},
        {"protocol"},
    };
    if (size == 0) return 0;
    std::vector<std::string> args{"aftercare"};
    const auto& start = starts[data[0] % starts.size()];
    args.insert(args.end(), start.begin(), start.end());
    std::string current;
    for (std::size_t i = 1; i < size; ++i) {
        if (data[i] == 0) {
            args.push_back(current);
            current.clear();
        } else {
            current += static_cast<char>(data[i]);
        }
    }
    if (size > 1) args.push_back(current);
    for (const std::string& a : args) {
        if (a.starts_with("-o") || a.starts_with("--o") || a.starts_with("--pro") || a.starts_with("--rep") || a == "check") return 0;
    }
    std::vector<const char*> argv;
    for (const std::string& a : args) argv.push_back(a.c_str());
    std::ostringstream out, err;
    const int rc = aftercare_cli::run(static_cast<int>(argv.size()), argv.data(), out, err);
    const std::string e = err.str();
    if (rc == 0) {
        if (!e.empty()) std::abort();
    } else {
        if (rc != 2 && rc != 1) std::abort();
        if (!out.str().empty()) std::abort();
        if (e.empty() || e.back() != '\n' || e.find('\n') != e.size() - 1 || !e.starts_with("aftercare: ")) std::abort();
    }
    return 0;
}
