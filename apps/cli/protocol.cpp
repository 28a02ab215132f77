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
    CLI::App* dump = protocol->add_subcommand("dump", "print the embedded default protocol, or with --messages its messages as a catalogue");
    auto messages = std::make_shared<bool>(false);
    auto from = std::make_shared<std::string>();
    auto lang = std::make_shared<std::string>("en");
    dump->add_flag("--messages", *messages, "print the protocol's messages as a catalogue file (docs/languages.md)");
    dump->add_option("--protocol", *from, "with --messages: a protocol file instead of the embedded default");
    dump->add_option("--lang", *lang, "with --messages: the locale (en, en-US, es, uk, or one of the protocol's catalogues)");
    return {{check, [file] { return run_protocol_check(*file); }},
            {dump, [messages, from, lang] {
                 if (!*messages) {
                     if (!from->empty() || *lang != "en") bad("--messages", "", "--messages", "--protocol and --lang go with --messages");
                     emit(std::string(aftercare::default_protocol_text()));
                     return 0;
                 }
                 const aftercare::protocol p = from->empty() ? aftercare::default_protocol() : aftercare::parse_protocol(read_text_file(*from, "--protocol"), *from);
                 try {
                     emit(aftercare::catalogue_json(p, *lang));
                 } catch (const aftercare::invalid_value& e) {
                     if (e.field() != "lang") throw;
                     bad("--lang", e.value(), e.allowed(), "--lang " + aftercare::quote_value(*lang) + " is not a language this protocol speaks; expected one of " + e.allowed());
                 }
                 return 0;
             }}};
}

}  // namespace aftercare_cli
