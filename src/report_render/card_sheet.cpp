#include "report_render/card_sheet.hpp"

#include <cairo-pdf.h>
#include <cairo.h>
#include <zint.h>

#include <algorithm>
#include <memory>
#include <stdexcept>

#include "core/card_id.hpp"
#include "report_render/wx_support.hpp"
#include "store/repositories.hpp"

namespace kaiku::report_render {

using namespace detail;

namespace {

constexpr double kPt = 72.0 / 25.4;  // points per millimetre

std::string join(const std::vector<std::string>& parts) {
    std::string s;
    for (const auto& p : parts) s += (s.empty() ? "" : " / ") + p;
    return s;
}

struct ZintSymbol {
    zint_symbol* s = ZBarcode_Create();
    ~ZintSymbol() { ZBarcode_Delete(s); }
};

// Draws a barcode's modules (zint vector output) scaled into the rectangle; keep_aspect for 2D codes.
void draw_barcode(wxGraphicsContext& gc, int type, const std::string& data, double x, double y, double w, double h,
                  bool keep_aspect) {
    ZintSymbol z;
    if (!z.s) throw std::runtime_error("zint: out of memory");
    z.s->symbology = type;
    z.s->show_hrt = 0;
    z.s->input_mode = DATA_MODE;
    if (type == BARCODE_CODE39) z.s->height = 50;
    const int rc = ZBarcode_Encode_and_Buffer_Vector(z.s, reinterpret_cast<const unsigned char*>(data.data()),
                                                     static_cast<int>(data.size()), 0);
    if (rc >= ZINT_ERROR || !z.s->vector)
        throw std::runtime_error("cannot encode '" + data + "' as a barcode: " + z.s->errtxt);
    const zint_vector* v = z.s->vector;
    double sx = w / v->width, sy = h / v->height;
    if (keep_aspect) {
        sx = sy = std::min(sx, sy);
        x += (w - v->width * sx) / 2;
        y += (h - v->height * sy) / 2;
    }
    gc.SetPen(*wxTRANSPARENT_PEN);
    gc.SetBrush(*wxBLACK_BRUSH);
    // 2D modules overlap their neighbours a little: no anti-aliased seams between adjacent dark modules, which
    // confuse decoders on rasterised copies. (Bar widths of 1D codes are kept exact.)
    const double grow = keep_aspect ? 0.04 * sx : 0;
    wxGraphicsPath p = gc.CreatePath();
    for (const zint_vector_rect* r = v->rectangles; r; r = r->next)
        if (r->colour == -1 || r->colour == 7)
            p.AddRectangle(x + r->x * sx - grow, y + r->y * sy - grow, r->width * sx + 2 * grow,
                           r->height * sy + 2 * grow);
    gc.FillPath(p, wxWINDING_RULE);
}

void draw_field(wxGraphicsContext& gc, const std::string& label, double x, double y, double right, double size,
                const wxString& face) {
    gc.SetFont(font_in_units(face, size), wxColour(30, 30, 30));
    const std::string text = label + ":";
    const auto t = measure(gc, text);
    draw_text(gc, text, x, y);
    double line_x = x + t.w + size * 0.4, line_y = y + t.h - t.descent + 0.5;
    if (right - line_x < 12 * kPt) {  // too little room: the line goes under the label
        line_x = x;
        line_y += t.h;
    }
    gc.SetPen(gc.CreatePen(wxGraphicsPenInfo(wxColour(60, 60, 60)).Width(0.5)));
    gc.StrokeLine(line_x, line_y, right, line_y);
}

void draw_card(wxGraphicsContext& gc, const CardSheet& sheet, const std::string& id, double cx, double cy) {
    const auto& L = sheet.layout;
    const double pad = L.padding * kPt, w = L.card_width * kPt, h = L.card_height * kPt;
    const double left = cx + pad, right = cx + w - pad, top = cy + pad, bottom = cy + h - pad;
    const wxColour ink(20, 20, 20);

    // Bottom: the ID as text under a Code 39 barcode with quiet zones of at least 3 mm.
    const double id_size = 10.5;
    gc.SetFont(font_in_units(sheet.font_face, id_size, true), ink);
    const auto id_t = measure(gc, id);
    const double id_y = bottom - id_t.h;
    draw_text(gc, id, cx + (w - id_t.w) / 2, id_y);
    const double bar_h = 9 * kPt, bar_w = std::min(right - left - 6 * kPt, 70 * kPt);
    const double bar_y = id_y - 0.8 * kPt - bar_h;
    draw_barcode(gc, BARCODE_CODE39, id, cx + (w - bar_w) / 2, bar_y, bar_w, bar_h, false);

    // Top right: QR code.
    const double qr = std::min(19 * kPt, bar_y - top - 2 * kPt);
    draw_barcode(gc, BARCODE_QRCODE, id, right - qr, top, qr, qr, true);

    // Top left: title, area names, fields.
    const double col_r = right - qr - 2.5 * kPt;
    double y = top - 1;
    gc.SetFont(font_in_units(sheet.font_face, 12.5, true), ink);
    draw_text(gc, sheet.title, left, y);
    y += measure(gc, sheet.title).h + 0.3 * kPt;
    const double small = 7.5;
    gc.SetFont(font_in_units(sheet.font_face, small), wxColour(60, 60, 60));
    const std::string area = join(sheet.area_names);
    if (!area.empty()) {
        if (measure(gc, area).w <= col_r - left) {
            draw_text(gc, area, left, y);
            y += measure(gc, area).h;
        } else {
            for (const auto& n : sheet.area_names) {
                draw_text(gc, n, left, y);
                y += measure(gc, n).h;
            }
        }
    }
    // Fields sit just above the barcode, spaced evenly.
    std::vector<std::string> fields;
    if (!sheet.valid_until_labels.empty()) fields.push_back(join(sheet.valid_until_labels));
    if (!sheet.children_labels.empty()) fields.push_back(join(sheet.children_labels));
    const double field_h = small * 4 / 3 * 1.17 + 2.2 * kPt;
    double fy = std::max(y + 1.5 * kPt, bar_y - 2 * kPt - field_h * fields.size());
    for (const auto& f : fields) {
        draw_field(gc, f, left, fy, col_r, small, sheet.font_face);
        fy += field_h;
    }
}

void draw_crop_marks(wxGraphicsContext& gc, const CardSheetLayout& L) {
    gc.SetPen(gc.CreatePen(wxGraphicsPenInfo(*wxBLACK).Width(0.3)));
    const double x0 = L.margin_left, y0 = L.margin_top;
    const double x1 = x0 + L.columns * L.card_width + (L.columns - 1) * L.gap_x;
    const double y1 = y0 + L.rows * L.card_height + (L.rows - 1) * L.gap_y;
    const double gap = 1.5, len = 5;
    for (int c = 0; c < L.columns; ++c)
        for (double x : {x0 + c * (L.card_width + L.gap_x), x0 + c * (L.card_width + L.gap_x) + L.card_width}) {
            gc.StrokeLine(x * kPt, (y0 - gap) * kPt, x * kPt, std::max(y0 - gap - len, 0.0) * kPt);
            gc.StrokeLine(x * kPt, (y1 + gap) * kPt, x * kPt, std::min(y1 + gap + len, L.page_height) * kPt);
        }
    for (int r = 0; r < L.rows; ++r)
        for (double y : {y0 + r * (L.card_height + L.gap_y), y0 + r * (L.card_height + L.gap_y) + L.card_height}) {
            gc.StrokeLine((x0 - gap) * kPt, y * kPt, std::max(x0 - gap - len, 0.0) * kPt, y * kPt);
            gc.StrokeLine((x1 + gap) * kPt, y * kPt, std::min(x1 + gap + len, L.page_width) * kPt, y * kPt);
        }
}

}  // namespace

int card_sheet_page_count(const CardSheet& s) {
    const int per = std::max(s.layout.cards_per_page(), 1);
    return std::max(1, static_cast<int>((s.card_ids.size() + per - 1) / per));
}

void draw_card_sheet_page(wxGraphicsContext& gc, const CardSheet& s, int page) {
    const auto& L = s.layout;
    if (L.columns < 1 || L.rows < 1) throw std::invalid_argument("card sheet layout: no cards per page");
    if (page < 0 || page >= card_sheet_page_count(s)) throw std::out_of_range("card sheet: no such page");
    gc.PushState();
    gc.SetAntialiasMode(wxANTIALIAS_DEFAULT);
    gc.SetPen(*wxTRANSPARENT_PEN);
    gc.SetBrush(*wxWHITE_BRUSH);
    gc.DrawRectangle(0, 0, L.page_width * kPt, L.page_height * kPt);
    if (L.crop_marks) draw_crop_marks(gc, L);
    const std::size_t per = static_cast<std::size_t>(L.cards_per_page());
    for (std::size_t i = 0; i < per; ++i) {
        const std::size_t n = static_cast<std::size_t>(page) * per + i;
        if (n >= s.card_ids.size()) break;
        const int col = static_cast<int>(i) % L.columns, row = static_cast<int>(i) / L.columns;
        const double x = (L.margin_left + col * (L.card_width + L.gap_x)) * kPt;
        const double y = (L.margin_top + row * (L.card_height + L.gap_y)) * kPt;
        if (L.card_outlines) {
            gc.SetPen(gc.CreatePen(wxGraphicsPenInfo(wxColour(190, 190, 190)).Width(0.4)));
            gc.SetBrush(*wxTRANSPARENT_BRUSH);
            gc.DrawRoundedRectangle(x, y, L.card_width * kPt, L.card_height * kPt, 3.18 * kPt);
        }
        draw_card(gc, s, s.card_ids[n], x, y);
    }
    gc.PopState();
}

void write_card_sheet(const CardSheet& s, const std::string& path) {
    HeadlessWx wx_running;
    const auto& L = s.layout;
    cairo_surface_t* surface = cairo_pdf_surface_create(path.c_str(), L.page_width * kPt, L.page_height * kPt);
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Kaiku Admin");
    cairo_t* cr = cairo_create(surface);
    std::string error;
    {
        auto gc = context_for(cr);
        try {
            for (int p = 0; p < card_sheet_page_count(s); ++p) {
                draw_card_sheet_page(*gc, s, p);
                gc->Flush();
                cairo_show_page(cr);
            }
        } catch (const std::exception& e) {
            error = e.what();
        }
    }
    try {
        finish_file(cr, surface, path);
    } catch (const std::exception&) {
        if (error.empty()) throw;  // the drawing's own error says more
    }
    if (!error.empty()) throw std::runtime_error(error);
}

CardSheet card_sheet_for_batch(store::Database& db, const std::string& batch_id,
                               const std::vector<core::Language>& name_languages) {
    const auto batch = store::CardBatchRepository{db}.get(batch_id);
    if (!batch) throw std::runtime_error("no card batch '" + batch_id + "'");
    const auto area = store::AreaRepository{db}.get(batch->area_id);
    if (!area) throw std::runtime_error("card batch '" + batch_id + "': no area '" + batch->area_id + "'");
    CardSheet s;
    for (std::uint32_t n = batch->first_serial; n <= batch->last_serial && n <= core::kMaxCardSerial; ++n) {
        auto id = core::format_card_id(area->prefix, n);
        if (id.empty()) throw std::runtime_error("card batch '" + batch_id + "': invalid area prefix or serial");
        s.card_ids.push_back(std::move(id));
    }
    for (auto lang : name_languages) {
        const std::string& name = lang == core::Language::fi   ? area->name_fi
                                  : lang == core::Language::sv ? area->name_sv
                                                               : area->name_en;
        const std::string& shown = name.empty() ? area->name_fi : name;
        if (!shown.empty() && std::find(s.area_names.begin(), s.area_names.end(), shown) == s.area_names.end())
            s.area_names.push_back(shown);
    }
    return s;
}

}  // namespace kaiku::report_render
