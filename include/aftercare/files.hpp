// aftercare/files.hpp — reading an input file (a protocol, symptom reports) the same safe way
// everywhere: the library's load_protocol, the command's --protocol and --reports.
//
// Only a regular file is read (never a directory, a device such as /dev/zero, a FIFO or a socket,
// which would hang or never end), and at most max_input_file_bytes of it; JSON inside it may nest at
// most 64 levels deep (docs/protocol-format.md).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace aftercare {

/// The largest input file read: 16 MiB (the default protocol is about 110 KB).
inline constexpr std::size_t max_input_file_bytes = std::size_t{16} * 1024 * 1024;

/// The whole of the regular file `path`. Throws invalid_value naming `field` (e.g. "--reports"),
/// whose value() is the path and whose message says what the path is instead:
///
///     --reports '/tmp' cannot be read: it is a directory (expected a regular file of at most 16 MiB)
[[nodiscard]] std::string read_input_file(const std::string& path, std::string_view field);

}  // namespace aftercare
