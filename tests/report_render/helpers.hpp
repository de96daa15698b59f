// Read-back helpers for the rendering tests: run poppler-utils/zbarimg, inspect PNG pixels with cairo.
#pragma once

#include <cairo.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <set>
#include <stdexcept>
#include <string>

namespace kaiku::test {

inline std::string run(const std::string& cmd) {
    std::string out;
    FILE* p = popen((cmd + " 2>/dev/null").c_str(), "r");
    if (!p) throw std::runtime_error("cannot run " + cmd);
    std::array<char, 4096> buf{};
    std::size_t n;
    while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
    pclose(p);
    return out;
}

inline bool have_tool(const std::string& name) { return !run("command -v " + name).empty(); }

inline std::filesystem::path temp_dir(const std::string& name) {
    auto d = std::filesystem::temp_directory_path() / ("kaiku-report-tests-" + name);
    std::filesystem::remove_all(d);
    std::filesystem::create_directories(d);
    return d;
}

struct PngStats {
    int width = 0, height = 0;
    double non_white = 0;  // share of pixels that are not (near) white
    std::set<unsigned> colours;  // distinct opaque colours, quantised to 4 bits per channel
    bool ok() const { return width > 0; }
};

inline PngStats png_stats(const std::string& path) {
    PngStats s;
    cairo_surface_t* img = cairo_image_surface_create_from_png(path.c_str());
    if (cairo_surface_status(img) == CAIRO_STATUS_SUCCESS) {
        cairo_surface_flush(img);
        s.width = cairo_image_surface_get_width(img);
        s.height = cairo_image_surface_get_height(img);
        const int stride = cairo_image_surface_get_stride(img);
        const auto fmt = cairo_image_surface_get_format(img);
        const unsigned char* data = cairo_image_surface_get_data(img);
        long dark = 0;
        for (int y = 0; y < s.height; ++y)
            for (int x = 0; x < s.width; ++x) {
                const auto px = *reinterpret_cast<const std::uint32_t*>(data + y * stride + x * 4);
                const unsigned a = fmt == CAIRO_FORMAT_RGB24 ? 255 : px >> 24;
                const unsigned r = (px >> 16) & 255, g = (px >> 8) & 255, b = px & 255;
                if (a > 200 && (r < 235 || g < 235 || b < 235)) ++dark;
                if (a > 200) s.colours.insert(((r >> 4) << 8) | ((g >> 4) << 4) | (b >> 4));
            }
        s.non_white = double(dark) / (double(s.width) * s.height);
    }
    cairo_surface_destroy(img);
    return s;
}

// Copies a rectangle of a PNG into another PNG.
inline void crop_png(const std::string& src, int x, int y, int w, int h, const std::string& dst) {
    cairo_surface_t* in = cairo_image_surface_create_from_png(src.c_str());
    cairo_surface_t* out = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
    cairo_t* cr = cairo_create(out);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_set_source_surface(cr, in, -x, -y);
    cairo_paint(cr);
    cairo_destroy(cr);
    cairo_surface_write_to_png(out, dst.c_str());
    cairo_surface_destroy(out);
    cairo_surface_destroy(in);
}

// Quantised colour key as in PngStats::colours.
inline unsigned colour_key(unsigned r, unsigned g, unsigned b) { return ((r >> 4) << 8) | ((g >> 4) << 4) | (b >> 4); }

}  // namespace kaiku::test
