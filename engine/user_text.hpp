// User text (a path, a settings key or value, a CSV field) inside a one-line message. Whatever
// the user typed or a file held, the message stays one readable line: control characters are
// escaped (\n, \r, \t, \xNN), bytes that are not UTF-8 are shown as \xNN, characters that some
// displays break lines at (C1 controls, U+2028, U+2029) as \uNNNN, and text longer than
// kMessageTextBytes keeps its start and end around "…" with its length in bytes.
//
// A backslash is left as it is, so escaping is idempotent: a message already made printable can
// be passed through printable() again (the command line does, as a last guard) unchanged.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace al {

inline constexpr std::size_t kMessageTextBytes = 80;

// Whether `text` is well-formed UTF-8 (no overlong forms, no surrogates).
bool is_utf8(std::string_view text);

// `text` made printable, unquoted: for a path at the start of a message ("FILE:LINE: ...").
std::string printable(std::string_view text, std::size_t max_bytes = kMessageTextBytes);

// `text` made printable between single quotes: 'kernel.width', or for long text
// 'start…end' (10485760 bytes).
std::string quote_for_message(std::string_view text);

}  // namespace al
