// Reading a whole file that comes from outside (training points, a session, a model). Only a
// regular file is read: a FIFO, a device such as /dev/zero or a directory is refused before a
// byte is read, so no reader blocks forever or reads without end, and no more than `max_bytes`
// are ever held. Every failure is one line naming the path.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "expected.hpp"

namespace al {

// The bytes of `path`. Errors: "PATH: cannot open: <reason>", "'PATH' is a directory",
// "'PATH' is not a regular file", "'PATH' is larger than 64 MB, the limit for <what>"
// (`what` names the kind of file, e.g. "a session"), "PATH: cannot read: <reason>".
Expected<std::string> read_regular_file(const std::string& path, std::size_t max_bytes,
                                        std::string_view what);

}  // namespace al
