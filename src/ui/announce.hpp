// Announcements to assistive technology: a screen reader speaks a short text (sync finished, a form problem)
// without the focus moving. On GTK this is ATK's "announcement" signal (ATK 2.46), looked up at run time; where it
// is missing, ATK's "notification" signal, else a change of the accessible description, which screen readers
// report for the object that has it.
#pragma once

#include <wx/string.h>

class wxStaticText;
class wxWindow;

namespace kaiku::ui {

// Announces `text` at once, from `win`'s accessible object. Empty text is not announced.
void announce(wxWindow* win, const wxString& text);

// Announces a problem shown in `line` once the user pauses (a form checks as the user types: only the problem that
// is still shown a moment later is spoken). An empty text cancels a pending announcement for the line.
void announce_problem(wxWindow* line, const wxString& text);

// Shows `text` in a status or problem line (its accessible name follows), lays the line's parent out again and,
// with `spoken`, announces it.
void show_line(wxStaticText* line, const wxString& text, bool spoken);

// Which mechanism announce() uses here: "announcement", "notification" or "description" (for the log and tests).
const char* announce_mechanism();

}  // namespace kaiku::ui
