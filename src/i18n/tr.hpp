// Translation helpers returning UTF-8 std::string, for code that keeps its text in std::string (kaikuctl).
// They read the global wxTranslations (i18n::install_global_translations); xgettext extracts them with
// -ktr -ktrn:1,2 (locales/CMakeLists.txt). Write whole sentences with printf-style placeholders and fill them in
// with i18n::format, which formats through wxString::Format (so the translated format string is checked against
// the arguments' types in debug builds).
#pragma once

#include <string>
#include <type_traits>
#include <utility>

#include <wx/string.h>

namespace kaiku::i18n {

// The msgid translated into the interface language, or the msgid itself.
std::string tr(const char* msgid);
// Singular or plural form for n, by the catalogue's plural rule (English: n == 1 is singular).
std::string trn(const char* singular, const char* plural, unsigned long n);

namespace detail {
inline wxString arg(const std::string& s) { return wxString::FromUTF8(s); }
inline wxString arg(const char* s) { return wxString::FromUTF8(s); }
template <typename T, typename = std::enable_if_t<std::is_arithmetic_v<T>>>
T arg(T v) { return v; }
}  // namespace detail

// printf-style formatting of a (translated) UTF-8 format; std::string and char* arguments are UTF-8.
template <typename... Args>
std::string format(const std::string& fmt, const Args&... args) {
    return wxString::Format(wxString::FromUTF8(fmt), detail::arg(args)...).utf8_string();
}

}  // namespace kaiku::i18n
