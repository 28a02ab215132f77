// The whole command as a function: parse the arguments, run the chosen subcommand, report an error as
// one line. main.cpp calls it with the process's streams; the argument fuzzer (tests/fuzz/fuzz_cli.cpp)
// with string streams. Every subcommand added in main's list gets the same handling, without code of
// its own: CLI11's errors reworded in the project's voice (field, value, what is allowed, a "did you
// mean"), empty values rejected, library errors as one line with exit 2, a failed write with exit 1.
#include "common.hpp"

#include <algorithm>
#include <cctype>
#include <exception>
#include <iostream>
#include <string>
#include <vector>

namespace aftercare_cli {

namespace {

/// A message made safe for one line of a terminal: control characters escaped, at most 2000 bytes.
std::string one_line(const std::string& message) {
    std::string out;
    for (char c : message) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u == 0x7F) {
            static constexpr char hex[] = "0123456789abcdef";
            out += "\\x";
            out += hex[u >> 4U];
            out += hex[u & 0xFU];
        } else {
            out += c;
        }
        if (out.size() > 2000) {
            out += "…";
            break;
        }
    }
    return out;
}

/// "aftercare plan", "aftercare protocol check": how a (sub)command is written.
std::string path_of(const CLI::App* app) {
    std::string p = app->get_name();
    for (const CLI::App* a = app->get_parent(); a != nullptr; a = a->get_parent()) p = a->get_name() + " " + p;
    return p;
}

/// The deepest subcommand the arguments chose (the app itself when none).
CLI::App* chosen(CLI::App& app) {
    CLI::App* at = &app;
    while (true) {
        const auto subs = at->get_subcommands();
        if (subs.empty()) return at;
        at = subs.front();
    }
}

std::vector<std::string> subcommand_names(CLI::App* app) {
    std::vector<std::string> out;
    for (const CLI::App* s : app->get_subcommands([](CLI::App*) { return true; })) out.push_back(s->get_name());
    return out;
}

std::vector<std::string> option_names(CLI::App* app) {
    std::vector<std::string> out;
    for (const CLI::Option* o : app->get_options()) {
        for (const auto& l : o->get_lnames()) out.push_back("--" + l);
        for (const auto& s : o->get_snames()) out.push_back("-" + s);
    }
    return out;
}

std::string or_list(const std::vector<std::string>& items) {
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i > 0) out += i + 1 == items.size() ? " or " : ", ";
        out += items[i];
    }
    return out;
}

std::string suggestion(const std::string& value, const std::vector<std::string>& candidates) {
    std::vector<std::string_view> views(candidates.begin(), candidates.end());
    return aftercare::did_you_mean(value, views);
}

/// What an option takes, from its help text ("needle depth in mm").
std::string allowed_of(CLI::App* app, const std::string& name) {
    const CLI::Option* o = app->get_option_no_throw(name);
    if (o == nullptr || o->get_description().empty()) return {};
    return " (" + o->get_description() + ")";
}

/// The option named at the start of a CLI11 message ("--device: ...", "--device is required").
CLI::Option* leading_option(CLI::App* app, const std::string& message, std::string& name) {
    const std::size_t end = message.find_first_of(": ");
    name = message.substr(0, end);
    if (name.empty() || name[0] != '-') return nullptr;
    return app->get_option_no_throw(name);
}

/// CLI11's error in the project's voice.
std::string reword(CLI::App& app, const CLI::ParseError& e) {
    CLI::App* at = chosen(app);
    const std::string cmd = path_of(at);
    const std::string help = "; see '" + cmd + " --help'";
    const std::string what = e.what();
    std::string name;

    if (dynamic_cast<const CLI::ExtrasError*>(&e) != nullptr) {
        const std::vector<std::string> extras = at->remaining();
        const std::string first = extras.empty() ? std::string() : extras.front();
        if (!first.empty() && first[0] == '-' && first.size() > 1) {
            const std::string bare = first.substr(0, first.find('='));
            return "unknown option " + aftercare::quote_value(bare) + " for " + cmd + suggestion(bare, option_names(at)) + help;
        }
        if (at->get_subcommands([](CLI::App*) { return true; }).empty()) {
            return "unexpected argument " + aftercare::quote_value(first) + " for " + cmd +
                   " (each option takes one value; quote a value with spaces)" + help;
        }
        const auto subs = subcommand_names(at);
        return "unknown command " + aftercare::quote_value(first) + " for " + cmd + suggestion(first, subs) + "; expected " + or_list(subs);
    }
    if (const auto* r = dynamic_cast<const CLI::RequiredError*>(&e); r != nullptr) {
        if (what.starts_with("A subcommand") || what.starts_with("Exactly 1 option")) {
            const auto subs = subcommand_names(at);
            const std::vector<std::string> extras = at->remaining();
            if (!extras.empty() && extras.front().size() > 1 && extras.front().starts_with("-")) {
                const std::string bare = extras.front().substr(0, extras.front().find('='));
                return "unknown option " + aftercare::quote_value(bare) + " for " + cmd + suggestion(bare, option_names(at)) + help;
            }
            if (!extras.empty()) {
                return "unknown command " + aftercare::quote_value(extras.front()) + " for " + cmd + suggestion(extras.front(), subs) +
                       "; expected " + or_list(subs);
            }
            return cmd + " needs a command: " + or_list(subs) + help;
        }
        if (CLI::Option* o = leading_option(at, what, name); o != nullptr) return name + " is required" + allowed_of(at, name) + help;
        return one_line(what) + help;
    }
    if (dynamic_cast<const CLI::ArgumentMismatch*>(&e) != nullptr) {
        if (CLI::Option* o = leading_option(at, what, name); o != nullptr) {
            if (what.find("missing") != std::string::npos || what.find("At Least") != std::string::npos) {
                return name + " needs a value" + allowed_of(at, name) + help;
            }
            return name + " is given more than once (it takes one value)" + help;
        }
        return one_line(what) + help;
    }
    if (dynamic_cast<const CLI::ValidationError*>(&e) != nullptr) {
        // "--format: JSON not in {text,json,ics}"
        const auto colon = what.find(": ");
        const auto not_in = what.rfind(" not in {");
        if (colon != std::string::npos && not_in != std::string::npos && not_in > colon && what.back() == '}') {
            name = what.substr(0, colon);
            const std::string value = what.substr(colon + 2, not_in - colon - 2);
            std::vector<std::string> allowed;
            std::string list = what.substr(not_in + 9, what.size() - not_in - 10);
            for (std::size_t start = 0; start <= list.size();) {
                const auto comma = list.find(',', start);
                allowed.push_back(list.substr(start, comma - start));
                if (comma == std::string::npos) break;
                start = comma + 1;
            }
            return name + " " + aftercare::quote_value(value) + " is not one of " + or_list(allowed) + suggestion(value, allowed);
        }
        return one_line(what) + help;
    }
    if (dynamic_cast<const CLI::ConversionError*>(&e) != nullptr) {
        // "Could not convert: --sessions = abc" (an option CLI11 converts itself)
        constexpr std::string_view head = "Could not convert: ";
        const auto eq = what.find(" = ");
        if (what.starts_with(head) && eq != std::string::npos) {
            name = what.substr(head.size(), eq - head.size());
            return name + " " + aftercare::quote_value(what.substr(eq + 3)) + " is not a whole number" + allowed_of(at, name) + help;
        }
    }
    if (dynamic_cast<const CLI::ExcludesError*>(&e) != nullptr) {
        const auto ex = what.find(" excludes ");
        if (ex != std::string::npos) return what.substr(0, ex) + " and " + what.substr(ex + 10) + " cannot be used together" + help;
    }
    if (dynamic_cast<const CLI::RequiresError*>(&e) != nullptr) {
        const auto rq = what.find(" requires ");
        if (rq != std::string::npos) return what.substr(0, rq) + " needs " + what.substr(rq + 10) + help;
    }
    return one_line(what) + help;  // CLI11's own words, made one safe line
}

/// An empty value ("--indication ''") is never a choice: say so rather than treat it as missing.
void reject_empty_values(CLI::App& app) {
    for (CLI::App* at = &app;;) {
        for (const CLI::Option* o : at->get_options()) {
            if (o->get_type_size_max() == 0 || o->count() == 0) continue;  // a flag, or not given
            for (const std::string& v : o->results()) {
                if (v.empty()) {
                    const std::string name = o->get_name();
                    bad(name, "", o->get_description(), name + " is empty; expected " + (o->get_description().empty() ? "a value" : o->get_description()));
                }
            }
        }
        const auto subs = at->get_subcommands();
        if (subs.empty()) return;
        at = subs.front();
    }
}

/// The library names a field as its struct does ("morning", "birth_date"); the command says the
/// option that gave it ("--morning", "--birth-date") when the chosen subcommand has one.
std::string as_option(CLI::App& app, const aftercare::invalid_value& e) {
    std::string message = e.what();
    const std::string& field = e.field();
    if (field.empty() || field.starts_with("-")) return message;
    std::string name = "--" + field;
    std::replace(name.begin(), name.end(), '_', '-');
    if (chosen(app)->get_option_no_throw(name) == nullptr) return message;
    if (message.starts_with(field + " ")) message.replace(0, field.size(), name);
    return message;
}

}  // namespace

int run(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
    const output_scope scope(out);
    CLI::App app{"aftercare: evidence-based microneedling aftercare plans. Not medical advice.", "aftercare"};
    app.set_version_flag("--version", std::string(AFTERCARE_VERSION_STRING));
    app.require_subcommand(1);

    std::vector<command> commands = all_commands(app);

    if (argc <= 1) {
        err << "aftercare: no command given; usage: aftercare COMMAND [OPTIONS] with COMMAND one of "
            << or_list(subcommand_names(&app)) << " (see 'aftercare --help' and 'aftercare COMMAND --help')\n";
        return exit_bad_input;
    }
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        if (e.get_exit_code() == 0) {  // --help, --version
            app.exit(e, out, err);
            out.flush();
            if (!out) {
                err << "aftercare: cannot write to standard output\n";
                return exit_cannot_write;
            }
            return 0;
        }
        // A first word that is not a command: CLI11 says "A subcommand is required" or lists extras.
        if (!app.get_subcommands().empty() || argc < 2 || argv[1][0] == '-') {
            err << "aftercare: " << reword(app, e) << '\n';
        } else {
            const auto subs = subcommand_names(&app);
            err << "aftercare: unknown command " << aftercare::quote_value(argv[1]) << suggestion(argv[1], subs) << "; expected "
                << or_list(subs) << " (see 'aftercare --help')\n";
        }
        return exit_bad_input;
    }

    try {
        reject_empty_values(app);
        for (const command& c : commands) {
            if (*c.app) return c.run();
        }
    } catch (const aftercare::invalid_value& e) {
        err << "aftercare: " << one_line(as_option(app, e)) << '\n';
        return exit_bad_input;
    } catch (const aftercare::error& e) {
        err << "aftercare: " << one_line(e.what()) << '\n';
        return exit_bad_input;
    } catch (const write_error& e) {
        err << "aftercare: " << one_line(e.what()) << '\n';
        return exit_cannot_write;
    } catch (const std::bad_alloc&) {
        err << "aftercare: out of memory\n";
        return exit_cannot_write;
    } catch (const std::exception& e) {
        err << "aftercare: internal error: " << one_line(e.what()) << '\n';
        return 1;
    }
    return 0;
}

}  // namespace aftercare_cli
