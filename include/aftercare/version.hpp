// aftercare — the library version, in one place.
//
// CMake (project version), pyproject.toml (scikit-build-core's regex provider) and the
// command's `--version` all read the three numbers below; change them here and nowhere else.
#pragma once

#define AFTERCARE_VERSION_MAJOR 0
#define AFTERCARE_VERSION_MINOR 1
#define AFTERCARE_VERSION_PATCH 0
#define AFTERCARE_VERSION_STRING "0.1.0"

namespace aftercare {

struct version_info {
    int major;
    int minor;
    int patch;
};

/// The library's version as compiled into the library (may differ from the header's if a
/// program is linked against another build).
[[nodiscard]] version_info library_version() noexcept;

}  // namespace aftercare
