// The `aftercare` command: plans, protocol checks. Exit 0 on success, 2 on bad input with one line
// on stderr naming the field and what is allowed, never a stack trace.
#include <aftercare/aftercare.hpp>

#include <CLI/CLI.hpp>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

namespace {

constexpr int exit_bad_input = 2;

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

void add_treatment_options(CLI::App& cmd, treatment_args& a) {
    cmd.add_option("--device", a.device, "home_roller, pen or rf")->required();
    cmd.add_option("--depth", a.depth_mm, "needle depth in mm")->required();
    cmd.add_option("--area", a.area, "treated area (face, periorbital, neck, decolletage, scalp, back, abdomen, thighs, arms, hands)")
        ->capture_default_str();
    cmd.add_option("--skin-type", a.skin_type, "Fitzpatrick skin type, 1-6 or I-VI")->required();
    cmd.add_option("--adjunct", a.adjuncts, "an adjunct (prp); repeatable");
    cmd.add_option("--indication", a.indication, "acne_scars, wrinkles, texture, stretch_marks, hair_loss or pigmentation");
    cmd.add_option("--session", a.session, "which session of the course, from 1")->capture_default_str();
    cmd.add_option("--history", a.history, "cold_sore_history or pigmentation_history; repeatable");
    cmd.add_option("--treated-at", a.treated_at, "end of treatment, local time in --tz: YYYY-MM-DDTHH:MM");
    cmd.add_option("--tz", a.tz, "the patient's IANA time zone, e.g. Europe/London");
    cmd.add_option("--protocol", a.protocol_file, "a protocol file to use instead of the embedded default");
}

aftercare::skin_type parse_skin_type(const std::string& text) {
    static const char* roman[] = {"I", "II", "III", "IV", "V", "VI"};
    for (int i = 0; i < 6; ++i) {
        if (text == roman[i]) return aftercare::skin_type{i + 1};
    }
    if (text.size() == 1 && text[0] >= '0' && text[0] <= '9') return aftercare::skin_type{text[0] - '0'};
    throw aftercare::invalid_value("skin_type", text, "1–6 or I–VI",
                                   "skin_type '" + text + "' is not a Fitzpatrick skin type (1–6 or I–VI)");
}

struct resolved {
    aftercare::protocol protocol;
    aftercare::treatment treatment;
    const date::time_zone* zone = nullptr;
};

resolved resolve(const treatment_args& a) {
    resolved r{a.protocol_file.empty() ? aftercare::default_protocol() : aftercare::load_protocol(a.protocol_file), {}, nullptr};
    aftercare::treatment& t = r.treatment;
    t.device = aftercare::parse_code<aftercare::device>(a.device);
    t.depth = aftercare::needle_depth::from_mm(a.depth_mm);
    t.area = aftercare::parse_code<aftercare::area>(a.area);
    t.skin_type = parse_skin_type(a.skin_type);
    for (const auto& s : a.adjuncts) t.adjuncts.insert(aftercare::parse_code<aftercare::adjunct>(s));
    if (!a.indication.empty()) t.indication = aftercare::parse_code<aftercare::indication>(a.indication);
    t.session = a.session;
    for (const auto& s : a.history) t.history.insert(aftercare::parse_code<aftercare::history_flag>(s));
    if (!a.tz.empty()) r.zone = aftercare::locate_zone(a.tz, "--tz");
    if (!a.treated_at.empty()) {
        if (r.zone == nullptr) {
            throw aftercare::invalid_value("--tz", "", "an IANA time-zone name",
                                           "--tz is required with --treated-at (the local time needs its zone, e.g. --tz Europe/London)");
        }
        t.treated_at = aftercare::to_utc(aftercare::parse_local_time(a.treated_at, "--treated-at"), *r.zone);
    }
    aftercare::check_treatment(t, r.protocol);
    return r;
}

void emit(const output_args& o, const std::string& text) {
    if (o.output.empty() || o.output == "-") {
        std::cout << text;
        std::cout.flush();
        if (!std::cout) throw std::runtime_error("cannot write to standard output");
        return;
    }
    std::ofstream out(o.output, std::ios::binary);
    out << text;
    out.close();
    if (!out) {
        throw aftercare::invalid_value("--output", o.output, "a writable file", "--output '" + o.output + "' cannot be written");
    }
}

int run_plan(const treatment_args& a, const output_args& o) {
    const resolved r = resolve(a);
    const aftercare::plan p = aftercare::make_plan(r.treatment, r.protocol);
    if (o.format == "json") {
        emit(o, aftercare::to_json(p, {.zone = r.zone}));
    } else {
        emit(o, aftercare::to_text(p, {.zone = r.zone}));
    }
    return 0;
}

int run_protocol_check(const std::string& file) {
    const aftercare::protocol p = aftercare::load_protocol(file);
    std::cout << "ok: " << file << ": " << p.id() << " " << p.version() << ", " << p.tiers().size() << " depth tiers, "
              << p.sources().size() << " sources\n";
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"aftercare: evidence-based microneedling aftercare plans. Not medical advice.", "aftercare"};
    app.set_version_flag("--version", std::string(AFTERCARE_VERSION_STRING));
    app.require_subcommand(1);

    treatment_args targs;
    output_args oargs;

    CLI::App* plan = app.add_subcommand("plan", "the aftercare plan for one treatment");
    add_treatment_options(*plan, targs);
    plan->add_option("--format", oargs.format, "text or json")->check(CLI::IsMember({"text", "json"}))->capture_default_str();
    plan->add_option("-o,--output", oargs.output, "write to this file instead of standard output");

    CLI::App* protocol = app.add_subcommand("protocol", "check or print a protocol");
    protocol->require_subcommand(1);
    std::string check_file;
    CLI::App* check = protocol->add_subcommand("check", "validate a protocol file");
    check->add_option("FILE", check_file, "the protocol file")->required();
    CLI::App* dump = protocol->add_subcommand("dump", "print the embedded default protocol");

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        if (e.get_exit_code() == 0) return app.exit(e);  // --help, --version
        std::cerr << "aftercare: " << e.what() << '\n';
        return exit_bad_input;
    }

    try {
        if (*plan) return run_plan(targs, oargs);
        if (*check) return run_protocol_check(check_file);
        if (*dump) {
            std::cout << aftercare::default_protocol_text();
            return 0;
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
