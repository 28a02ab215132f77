// `--format pdf`: the handout printed by a headless Chromium (tagged PDF, text selectable). The
// engine is $AFTERCARE_CHROMIUM, else the first of chromium, chromium-browser, google-chrome on PATH.
#include "pdf.hpp"

#include <aftercare/error.hpp>

#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace aftercare_cli {

namespace {

namespace fs = std::filesystem;

std::string find_engine() {
    if (const char* e = std::getenv("AFTERCARE_CHROMIUM"); e && *e) return e;
    const char* path = std::getenv("PATH");
    std::stringstream dirs(path ? path : "/usr/bin:/bin");
    std::string dir;
    std::vector<std::string> folders;
    while (std::getline(dirs, dir, ':')) folders.push_back(dir.empty() ? "." : dir);
    for (const char* name : {"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"}) {
        for (const auto& d : folders) {
            const fs::path candidate = fs::path(d) / name;
            if (::access(candidate.c_str(), X_OK) == 0) return candidate.string();
        }
    }
    return {};
}

/// A temporary folder, removed when this goes out of scope.
struct temp_dir {
    fs::path path;
    temp_dir() {
        std::string templ = (fs::temp_directory_path() / "aftercare-pdf-XXXXXX").string();
        if (::mkdtemp(templ.data()) == nullptr) throw std::runtime_error("cannot create a temporary folder");
        path = templ;
    }
    ~temp_dir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
    temp_dir(const temp_dir&) = delete;
    temp_dir& operator=(const temp_dir&) = delete;
};

}  // namespace

std::string print_pdf(const std::string& html) {
    const std::string engine = find_engine();
    if (engine.empty()) {
        throw aftercare::invalid_value("--format", "pdf", "html, or pdf with Chromium installed",
                                       "--format pdf needs a PDF engine: install Chromium (Debian: apt-get install chromium) or set "
                                       "AFTERCARE_CHROMIUM to a Chrome or Chromium binary; or use --format html and print it from a browser");
    }
    temp_dir tmp;
    const fs::path page = tmp.path / "handout.html";
    const fs::path pdf = tmp.path / "handout.pdf";
    {
        std::ofstream out(page, std::ios::binary);
        out << html;
        if (!out) throw std::runtime_error("cannot write a temporary file");
    }
    std::vector<std::string> args{engine,
                                  "--headless",
                                  "--no-sandbox",
                                  "--disable-gpu",
                                  "--no-first-run",
                                  "--disable-extensions",
                                  "--user-data-dir=" + (tmp.path / "profile").string(),
                                  "--no-pdf-header-footer",
                                  "--print-to-pdf=" + pdf.string(),
                                  "file://" + page.string()};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    pid_t pid = 0;
    const int rc = ::posix_spawn(&pid, engine.c_str(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) {
        throw aftercare::invalid_value("--format", "pdf", "pdf with a working Chromium",
                                       "--format pdf: cannot start the PDF engine '" + engine + "': " + std::generic_category().message(rc));
    }
    // Never hang: a browser that has not finished in two minutes is stopped.
    int status = 0;
    for (int waited = 0;; ++waited) {
        const pid_t done = ::waitpid(pid, &status, WNOHANG);
        if (done == pid) break;
        if (done < 0) throw std::runtime_error("lost the PDF engine's process");
        if (waited >= 1200) {
            ::kill(pid, SIGKILL);
            ::waitpid(pid, &status, 0);
            throw std::runtime_error("the PDF engine did not finish within 120 s");
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    std::ifstream in(pdf, std::ios::binary);
    std::ostringstream buf;
    buf << in.rdbuf();
    std::string bytes = std::move(buf).str();
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || !bytes.starts_with("%PDF-")) {
        throw std::runtime_error("the PDF engine '" + engine + "' did not write a PDF");
    }
    return bytes;
}

}  // namespace aftercare_cli
