#include "ui/card_sheet_output.hpp"

#include <map>
#include <memory>

#include <wx/checkbox.h>
#include <wx/choice.h>
#include <wx/config.h>
#include <wx/dialog.h>
#include <wx/filedlg.h>
#include <wx/filename.h>
#include <wx/intl.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/translation.h>

#include "report_render/card_sheet.hpp"
#include "ui/accessibility.hpp"
#include "ui/services.hpp"

namespace kaiku::ui {

namespace {

// The card's printed texts in a language of the card, which need not be the interface's: Swedish labels on a
// Finnish desktop. One catalogue per language, loaded on first use (UI thread).
std::string in_language(core::Language lang, const wxString& msgid) {
    static std::map<core::Language, std::unique_ptr<wxTranslations>> catalogues;
    auto& t = catalogues[lang];
    if (!t) {
        t = std::make_unique<wxTranslations>();
        t->SetLanguage(wxString::FromUTF8(std::string(core::enum_name(lang))));
        t->AddCatalog("kaiku-admin");
    }
    const wxString* s = lang == core::Language::en ? nullptr : t->GetTranslatedString(msgid);
    return (s ? *s : msgid).utf8_string();
}

struct SheetChoice {
    std::vector<core::Language> languages;
    bool crop_marks = false;
};

bool ask_sheet_options(wxWindow* parent, SheetChoice& out) {
    wxDialog dialog(parent, wxID_ANY, _("Card Sheet"));
    auto* intro = new wxStaticText(&dialog, wxID_ANY,
                                   _("Ten cards on each A4 page of business-card stock (85.6 \u00d7 54 mm): the card "
                                     "ID as text, a Code 39 barcode and a QR code, the area's name and a field "
                                     "for the last valid day."));
    intro->Wrap(dialog.FromDIP(420));
    auto* language_label = new wxStaticText(&dialog, wxID_ANY, _("&Language on the cards:"));
    auto* language = new wxChoice(&dialog, wxID_ANY);
    for (const wxString& s : {_("Finnish and Swedish"), _("Finnish"), _("Swedish"), _("English")}) language->Append(s);
    language->SetSelection(static_cast<int>(wxConfigBase::Get()->ReadLong("/card-sheet/languages", 0)));
    set_accessible(language, _("Language on the cards"), "sheet-language");
    auto* crop = new wxCheckBox(&dialog, wxID_ANY, _("&Crop marks for cutting plain paper"));
    crop->SetValue(wxConfigBase::Get()->ReadBool("/card-sheet/crop-marks", false));
    set_accessible(crop, _("Crop marks for cutting plain paper"), "sheet-crop-marks");
    auto* row = new wxBoxSizer(wxHORIZONTAL);
    row->Add(language_label, wxSizerFlags().CenterVertical().Border(wxRIGHT, dialog.FromDIP(6)));
    row->Add(language, wxSizerFlags(1));
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(intro, wxSizerFlags().Border(wxALL, dialog.FromDIP(10)));
    sizer->Add(row, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT | wxBOTTOM, dialog.FromDIP(10)));
    sizer->Add(crop, wxSizerFlags().Border(wxLEFT | wxRIGHT | wxBOTTOM, dialog.FromDIP(10)));
    sizer->Add(dialog.CreateStdDialogButtonSizer(wxOK | wxCANCEL), wxSizerFlags().Expand().Border(wxALL, dialog.FromDIP(6)));
    dialog.SetSizerAndFit(sizer);
    dialog.SetEscapeId(wxID_CANCEL);
    language->SetFocus();
    if (dialog.ShowModal() != wxID_OK) return false;
    using L = core::Language;
    static const std::vector<L> choices[] = {{L::fi, L::sv}, {L::fi}, {L::sv}, {L::en}};
    const int i = std::max(0, language->GetSelection());
    out.languages = choices[i];
    out.crop_marks = crop->GetValue();
    wxConfigBase::Get()->Write("/card-sheet/languages", static_cast<long>(i));
    wxConfigBase::Get()->Write("/card-sheet/crop-marks", out.crop_marks);
    return true;
}

}  // namespace

void save_card_sheet(wxWindow* parent, Services& services, const std::string& batch_id, OutputDone done) {
    SheetChoice choice;
    if (!ask_sheet_options(parent, choice)) return;
    wxFileDialog files(parent, _("Save As"), wxConfigBase::Get()->Read("/export/dir", wxString()),
                       "kaikukortti-cards.pdf", _("PDF document (*.pdf)|*.pdf"), wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
    if (files.ShowModal() != wxID_OK) return;
    wxFileName name(files.GetPath());
    if (name.GetExt().Lower() != "pdf") name.SetFullName(name.GetFullName() + ".pdf");
    wxConfigBase::Get()->Write("/export/dir", name.GetPath());
    std::vector<std::string> valid_until, children;
    for (const auto lang : choice.languages) {
        // TRANSLATORS: printed on the card, followed by a line where the issuer writes the card's last valid day
        valid_until.push_back(in_language(lang, wxTRANSLATE("Valid until")));
        // TRANSLATORS: printed on the card, followed by a box where the issuer writes the number of children
        children.push_back(in_language(lang, wxTRANSLATE("Children")));
    }
    const wxString path = name.GetFullPath();
    struct Written {
        std::string error;
        std::size_t cards = 0;
        int pages = 0;
    };
    services.read<Written>(
        [batch_id, choice, valid_until, children, file = path.utf8_string()](store::Database& db) {
            Written w;
            try {
                auto sheet = report_render::card_sheet_for_batch(db, batch_id, choice.languages);
                sheet.valid_until_labels = valid_until;
                sheet.children_labels = children;
                sheet.layout.crop_marks = choice.crop_marks;
                report_render::write_card_sheet(sheet, file);
                w.cards = sheet.card_ids.size();
                w.pages = report_render::card_sheet_page_count(sheet);
            } catch (const std::exception& e) {
                w.error = e.what();
            }
            return w;
        },
        [path, done = std::move(done)](Loaded<Written> loaded) {
            const std::string error = loaded.ok() ? loaded.value.error : loaded.error;
            if (!error.empty())
                return done(wxString::Format(_("Could not save %s: %s"), path, wxString::FromUTF8(error)));
            // TRANSLATORS: %d cards, then %s is a file path
            done(wxString::Format(wxPLURAL("%d card saved to %s.", "%d cards saved to %s.",
                                           static_cast<int>(loaded.value.cards)),
                                  static_cast<int>(loaded.value.cards), path));
        });
}

}  // namespace kaiku::ui
