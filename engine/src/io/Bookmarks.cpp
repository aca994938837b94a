#include <bodemzicht/io/Bookmarks.h>

#include <ogrsf_frmts.h>

#include <cmath>
#include <memory>

#include "GdalErrors.h"
#include "ProjectTables.h"

namespace bz::io {

namespace {

constexpr const char* kTable = "viewer_bookmarks";
constexpr const char* kNumbers[] = {"px", "py", "pz", "fx", "fy", "fz", "ux", "uy", "uz"};

}  // namespace

core::Result<std::vector<CameraBookmark>> readBookmarks(const std::string& project) {
    auto ds = detail::openProjectTables(project, "to read bookmarks");
    if (!ds) return std::unexpected(ds.error());
    std::vector<CameraBookmark> out;
    OGRLayer* layer = (*ds)->GetLayerByName(kTable);
    if (!layer) return out;
    for (auto& f : *layer) {
        CameraBookmark b;
        b.name = f->GetFieldAsString("name");
        double v[9];
        for (int i = 0; i < 9; ++i) {
            int k = f->GetFieldIndex(kNumbers[i]);
            if (k < 0 || !f->IsFieldSetAndNotNull(k))
                return core::fail(project, b.name,
                                  std::string("bookmark without ") + kNumbers[i] + " in " + kTable);
            v[i] = f->GetFieldAsDouble(k);
        }
        b.position = {v[0], v[1], v[2]};
        b.focalPoint = {v[3], v[4], v[5]};
        b.viewUp = {v[6], v[7], v[8]};
        out.push_back(std::move(b));
    }
    return out;
}

core::Result<void> writeBookmarks(const std::string& project,
                                  const std::vector<CameraBookmark>& bookmarks) {
    auto writer = detail::TableWriter::open(project, "to store bookmarks");
    if (!writer) return std::unexpected(writer.error());
    detail::GdalErrorCapture errors;
    std::vector<std::pair<const char*, OGRFieldType>> columns{{"name", OFTString}};
    for (const char* n : kNumbers) columns.emplace_back(n, OFTReal);
    auto table = writer->replace(kTable, columns);
    if (!table) return std::unexpected(table.error());
    OGRLayer* layer = *table;
    for (const auto& b : bookmarks) {
        OGRFeature f(layer->GetLayerDefn());
        f.SetField("name", b.name.c_str());
        const double v[9] = {b.position.x,   b.position.y,   b.position.z,
                             b.focalPoint.x, b.focalPoint.y, b.focalPoint.z,
                             b.viewUp.x,     b.viewUp.y,     b.viewUp.z};
        for (int i = 0; i < 9; ++i) f.SetField(kNumbers[i], v[i]);
        if (layer->CreateFeature(&f) != OGRERR_NONE)
            return core::fail(project, b.name,
                              "cannot store the bookmark" + errors.because(project));
    }
    return writer->commit();
}

}  // namespace bz::io
