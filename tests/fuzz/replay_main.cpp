// Runs a fuzz target over every file in the given directories (corpus and found crashes), for
// builds without libFuzzer. Exit 0 when every input was handled without crashing.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

int main(int argc, char** argv) {
    std::size_t n = 0;
    for (int i = 1; i < argc; ++i) {
        if (!std::filesystem::is_directory(argv[i])) continue;
        for (const auto& f : std::filesystem::directory_iterator(argv[i])) {
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
