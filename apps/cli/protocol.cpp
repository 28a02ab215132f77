// `aftercare protocol check FILE` and `aftercare protocol dump`.
#include "common.hpp"

#include <iostream>
#include <memory>

namespace aftercare_cli {

namespace {

int run_protocol_check(const std::string& file) {
    const aftercare::protocol p = aftercare::parse_protocol(read_text_file(file, "FILE"), file);
    emit("ok: " + file + ": " + std::string(p.id()) + " " + std::string(p.version()) + ", " + std::to_string(p.tiers().size()) +
         " depth tiers, " + std::to_string(p.sources().size()) + " sources\n");
    return 0;
}

}  // namespace

std::vector<command> add_protocol(CLI::App& app) {
    CLI::App* protocol = app.add_subcommand("protocol", "check or print a protocol");
    protocol->require_subcommand(1);
    auto file = std::make_shared<std::string>();
    CLI::App* check = protocol->add_subcommand("check", "validate a protocol file");
    check->add_option("FILE", *file, "the protocol file")->required();
    CLI::App* dump = protocol->add_subcommand("dump", "print the embedded default protocol");
    return {{check, [file] { return run_protocol_check(*file); }},
            {dump, [] {
                 emit(std::string(aftercare::default_protocol_text()));
                 return 0;
             }}};
}

}  // namespace aftercare_cli
