// Runs a fuzz target over every file in the given directories (corpus and found crashes), for
// builds without libFuzzer. Exit 0 when every input was handled without crashing.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

int main(int argc, char** argv) {
    std::vector<std::filesystem::path> dirs(argv + 1, argv + argc);
    if (const char* extra = std::getenv("AFTERCARE_EXTRA_CORPUS")) dirs.emplace_back(extra);  // NOLINT(concurrency-mt-unsafe)
    std::size_t n = 0;
    for (const auto& dir : dirs) {
        if (!std::filesystem::is_directory(dir)) continue;
        for (const auto& f : std::filesystem::directory_iterator(dir)) {
            if (!f.is_regular_file() || f.path().filename().string().starts_with('.')) continue;
            std::ifstream in(f.path(), std::ios::binary);
            const std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
            LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
            ++n;
        }
    }
    std::cout << "replayed " << n << " inputs\n";
    return n == 0 ? 1 : 0;
}
