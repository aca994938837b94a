#include <bodemzicht/drawing/Drawing.h>

#include <cairo-pdf.h>
#include <cairo-svg.h>

#include <algorithm>
#include <cmath>
#include <filesystem>

namespace bz::drawing {

core::Result<void> writeDrawing(const std::string& path, int width, int height,
                                const std::string& what,
                                const std::function<void(cairo_t*)>& draw) {
    std::string ext = std::filesystem::path(path).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    const std::string tmp = path + ".tmp";
    cairo_surface_t* surface = nullptr;
    if (ext == ".svg")
        surface = cairo_svg_surface_create(tmp.c_str(), width, height);
    else if (ext == ".pdf")
        surface = cairo_pdf_surface_create(tmp.c_str(), width, height);
    else if (ext == ".png")
        surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, width, height);
    else
        return core::fail(path, "", what + " is written as .svg, .png or .pdf");
    if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
        std::string why = cairo_status_to_string(cairo_surface_status(surface));
        cairo_surface_destroy(surface);
        return core::fail(path, "", "cannot create the drawing: " + why);
    }
    cairo_t* cr = cairo_create(surface);
    draw(cr);
    cairo_status_t status = cairo_status(cr);
    cairo_destroy(cr);
    if (status == CAIRO_STATUS_SUCCESS && ext == ".png")
        status = cairo_surface_write_to_png(surface, tmp.c_str());
    cairo_surface_finish(surface);
    if (status == CAIRO_STATUS_SUCCESS) status = cairo_surface_status(surface);
    cairo_surface_destroy(surface);
    std::error_code ec;
    if (status != CAIRO_STATUS_SUCCESS) {
        std::filesystem::remove(tmp, ec);
        return core::fail(
            path, "", std::string("cannot write the drawing: ") + cairo_status_to_string(status));
    }
    std::filesystem::rename(tmp, path, ec);
    if (ec) return core::fail(path, "", "cannot write the drawing: " + ec.message());
    return {};
}

void setColour(cairo_t* cr, Colour c, double alpha) {
    cairo_set_source_rgba(cr, c.r, c.g, c.b, alpha);
}

void text(cairo_t* cr, double x, double y, const std::string& s, double size, bool right) {
    cairo_set_font_size(cr, size);
    cairo_text_extents_t e;
    cairo_text_extents(cr, s.c_str(), &e);
    cairo_move_to(cr, right ? x - e.x_advance : x, y);
    cairo_show_text(cr, s.c_str());
}

double niceStep(double range, int count) {
    const double raw = range / std::max(count, 1);
    const double p = std::pow(10, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (raw <= m * p) return m * p;
    return 10 * p;
}

}  // namespace bz::drawing
