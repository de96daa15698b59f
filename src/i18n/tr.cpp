#include "i18n/tr.hpp"

#include <wx/translation.h>

#include "i18n/catalog.hpp"

namespace kaiku::i18n {

std::string tr(const char* msgid) {
    if (const auto* t = wxTranslations::Get())
        if (const wxString* s = t->GetTranslatedString(wxString::FromUTF8(msgid), kDomain)) return s->utf8_string();
    return msgid;
}

std::string trn(const char* singular, const char* plural, unsigned long n) {
    if (const auto* t = wxTranslations::Get())
        if (const wxString* s = t->GetTranslatedString(wxString::FromUTF8(singular), static_cast<unsigned>(n), kDomain))
            return s->utf8_string();
    return n == 1 ? singular : plural;
}

}  // namespace kaiku::i18n
