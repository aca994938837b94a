// Triangle meshes with per-cell colour and feature index, the building block of every solid the
// scene draws, and the actors that show them (private to the engine's VTK layer).
#pragma once

#include <vtkActor.h>
#include <vtkCellArray.h>
#include <vtkCellData.h>
#include <vtkFloatArray.h>
#include <vtkIdTypeArray.h>
#include <vtkImageData.h>
#include <vtkNew.h>
#include <vtkPointData.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper.h>
#include <vtkProperty.h>
#include <vtkSmartPointer.h>
#include <vtkTexture.h>
#include <vtkTubeFilter.h>
#include <vtkUnsignedCharArray.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include <bodemzicht/core/Vec.h>
#include <bodemzicht/model/Dataset.h>
#include <bodemzicht/render/ThemeColours.h>

namespace bz::render::detail {

// Triangle meshes with per-cell colour and feature index.
struct MeshBuilder {
    vtkNew<vtkPoints> points;
    vtkNew<vtkCellArray> polys;
    vtkNew<vtkUnsignedCharArray> colours;
    vtkNew<vtkIdTypeArray> features;
    MeshBuilder() {
        points->SetDataTypeToFloat();
        colours->SetNumberOfComponents(3);
        colours->SetName("colours");
        features->SetName("feature");
    }
    void triangle(vtkIdType a, vtkIdType b, vtkIdType c, Rgb col, long feature) {
        vtkIdType ids[3] = {a, b, c};
        polys->InsertNextCell(3, ids);
        colours->InsertNextTypedTuple(&col.r);
        features->InsertNextValue(feature);
    }
    vtkIdType point(double x, double y, double z) { return points->InsertNextPoint(x, y, z); }

    // A convex footprint (local coordinates, counter-clockwise) extruded between two levels.
    void prism(const std::vector<core::Vec2>& ring, double bottom, double top, Rgb col,
               long feature) {
        const std::size_t n = ring.size();
        if (n < 3 || top <= bottom) return;
        std::vector<vtkIdType> lo(n), hi(n);
        for (std::size_t i = 0; i < n; ++i) {
            lo[i] = point(ring[i].x, ring[i].y, bottom);
            hi[i] = point(ring[i].x, ring[i].y, top);
        }
        for (std::size_t i = 1; i + 1 < n; ++i) {
            triangle(hi[0], hi[i], hi[i + 1], col, feature);
            triangle(lo[0], lo[i + 1], lo[i], col, feature);
        }
        for (std::size_t i = 0; i < n; ++i) {
            std::size_t j = (i + 1) % n;
            triangle(lo[i], lo[j], hi[j], col, feature);
            triangle(lo[i], hi[j], hi[i], col, feature);
        }
    }
    static std::vector<core::Vec2> circle(core::Vec2 c, double r, int sides) {
        std::vector<core::Vec2> ring;
        for (int k = 0; k < sides; ++k) {
            double a = 2 * M_PI * k / sides;
            ring.push_back({c.x + r * std::cos(a), c.y + r * std::sin(a)});
        }
        return ring;
    }
    void cylinder(core::Vec2 c, double r, double bottom, double top, Rgb col, long feature,
                  int sides = 20) {
        prism(circle(c, r, sides), bottom, top, col, feature);
    }
    // A truncated cone between two levels, from `bottomRadius` to `topRadius`, closed.
    void frustum(core::Vec2 c, double bottomRadius, double topRadius, double bottom, double top,
                 Rgb col, long feature, int sides = 16) {
        if (top <= bottom || sides < 3) return;
        auto lo = circle(c, bottomRadius, sides), hi = circle(c, topRadius, sides);
        std::vector<vtkIdType> l(sides), h(sides);
        for (int i = 0; i < sides; ++i) {
            l[i] = point(lo[i].x, lo[i].y, bottom);
            h[i] = point(hi[i].x, hi[i].y, top);
        }
        for (int i = 1; i + 1 < sides; ++i) {
            triangle(h[0], h[i], h[i + 1], col, feature);
            triangle(l[0], l[i + 1], l[i], col, feature);
        }
        for (int i = 0; i < sides; ++i) {
            const int j = (i + 1) % sides;
            triangle(l[i], l[j], h[j], col, feature);
            triangle(l[i], h[j], h[i], col, feature);
        }
    }
    // A flat convex polygon (counter-clockwise) at height z, facing up.
    void lid(const std::vector<core::Vec2>& ring, double z, Rgb col, long feature) {
        std::vector<vtkIdType> ids;
        for (auto p : ring) ids.push_back(point(p.x, p.y, z));
        for (std::size_t i = 1; i + 1 < ids.size(); ++i)
            triangle(ids[0], ids[i], ids[i + 1], col, feature);
    }
    vtkSmartPointer<vtkPolyData> polyData() {
        auto pd = vtkSmartPointer<vtkPolyData>::New();
        pd->SetPoints(points);
        pd->SetPolys(polys);
        pd->GetCellData()->AddArray(colours);
        pd->GetCellData()->AddArray(features);
        return pd;
    }
};

// Two-point lines with a colour and feature per line (cell data): networks and bodies far away.
struct LineBuilder {
    vtkNew<vtkPoints> points;
    vtkNew<vtkCellArray> lines;
    vtkNew<vtkUnsignedCharArray> colours;
    vtkNew<vtkIdTypeArray> features;
    LineBuilder() {
        points->SetDataTypeToFloat();
        colours->SetNumberOfComponents(3);
        colours->SetName("colours");
        features->SetName("feature");
    }
    vtkIdType point(double x, double y, double z) { return points->InsertNextPoint(x, y, z); }
    void line(vtkIdType a, vtkIdType b, Rgb col, long feature) {
        vtkIdType ids[2] = {a, b};
        lines->InsertNextCell(2, ids);
        colours->InsertNextTypedTuple(&col.r);
        features->InsertNextValue(feature);
    }
    std::size_t count() const { return static_cast<std::size_t>(lines->GetNumberOfCells()); }
    vtkSmartPointer<vtkPolyData> polyData() {
        auto pd = vtkSmartPointer<vtkPolyData>::New();
        pd->SetPoints(points);
        pd->SetLines(lines);
        pd->GetCellData()->AddArray(colours);
        pd->GetCellData()->AddArray(features);
        return pd;
    }
};

// Polylines with a radius and colour per point and a feature per line: the axes that tubes are
// swept around (sweptTubes) or that are drawn as lines.
struct AxisBuilder {
    vtkNew<vtkPoints> points;
    vtkNew<vtkCellArray> lines;
    vtkNew<vtkFloatArray> radius;
    vtkNew<vtkUnsignedCharArray> colours;
    vtkNew<vtkIdTypeArray> features;
    std::vector<vtkIdType> open;  // the polyline being built
    AxisBuilder() {
        points->SetDataTypeToFloat();
        radius->SetName("radius");
        colours->SetNumberOfComponents(3);
        colours->SetName("colours");
        features->SetName("feature");
    }
    void point(double x, double y, double z, float r, Rgb c) {
        open.push_back(points->InsertNextPoint(x, y, z));
        radius->InsertNextValue(r);
        colours->InsertNextTypedTuple(&c.r);
    }
    // Ends the polyline being built as one line of `feature` (fewer than two points: dropped).
    void finish(long feature) {
        if (open.size() >= 2) {
            lines->InsertNextCell(static_cast<vtkIdType>(open.size()), open.data());
            features->InsertNextValue(feature);
        }
        open.clear();
    }
    bool empty() const { return lines->GetNumberOfCells() == 0; }
    vtkSmartPointer<vtkPolyData> polyData() {
        auto pd = vtkSmartPointer<vtkPolyData>::New();
        pd->SetPoints(points);
        pd->SetLines(lines);
        pd->GetPointData()->AddArray(colours);
        pd->GetPointData()->AddArray(radius);
        pd->GetPointData()->SetActiveScalars("radius");
        pd->GetCellData()->AddArray(features);
        return pd;
    }
};

// An actor coloured directly by the "colours" array (cell or point data), slightly glossy.
inline vtkSmartPointer<vtkActor> actorFor(vtkPolyData* pd, double opacity,
                                          bool cellColours = true) {
    vtkNew<vtkPolyDataMapper> mapper;
    mapper->SetInputData(pd);
    if (cellColours)
        mapper->SetScalarModeToUseCellFieldData();
    else
        mapper->SetScalarModeToUsePointFieldData();
    mapper->SelectColorArray("colours");
    mapper->SetColorModeToDirectScalars();
    mapper->ScalarVisibilityOn();
    auto actor = vtkSmartPointer<vtkActor>::New();
    actor->SetMapper(mapper);
    actor->GetProperty()->SetOpacity(opacity);
    actor->GetProperty()->SetSpecular(0.2);
    return actor;
}

// Points with a colour and feature per point (vertex cells), drawn as spheres a fixed number of
// pixels across: markers that stay visible at any distance and cost one vertex each.
struct PointBuilder {
    vtkNew<vtkPoints> points;
    vtkNew<vtkCellArray> verts;
    vtkNew<vtkUnsignedCharArray> colours;
    vtkNew<vtkIdTypeArray> features;
    PointBuilder() {
        colours->SetNumberOfComponents(3);
        colours->SetName("colours");
        features->SetName("feature");
    }
    void point(core::Vec3 p, Rgb c, long feature) {
        vtkIdType id = points->InsertNextPoint(p.x, p.y, p.z);
        verts->InsertNextCell(1, &id);
        colours->InsertNextTuple3(c.r, c.g, c.b);
        features->InsertNextValue(feature);
    }
    vtkIdType size() const { return points->GetNumberOfPoints(); }
    vtkSmartPointer<vtkActor> actor(double pixels) {
        auto pd = vtkSmartPointer<vtkPolyData>::New();
        pd->SetPoints(points);
        pd->SetVerts(verts);
        // Colours per point: the mapper's fast path (per-cell colours on vertices cost ~50 ms a
        // frame for 70 000 markers on llvmpipe, per-point ones next to nothing).
        pd->GetPointData()->AddArray(colours);
        pd->GetCellData()->AddArray(features);
        auto a = actorFor(pd, 1.0, false);
        a->GetProperty()->SetPointSize(static_cast<float>(pixels));
        a->GetProperty()->LightingOff();  // flat discs in their class colour, cheap to draw
        return a;
    }
};

// A hidden actor without geometry yet: a level of detail that is built on first use.
inline vtkSmartPointer<vtkActor> placeholderActor(double opacity, bool cellColours) {
    vtkNew<vtkPolyData> empty;
    auto actor = actorFor(empty, opacity, cellColours);
    actor->VisibilityOff();
    return actor;
}

// Tubes swept around polylines whose active point scalars are their radii (10 sides, capped).
// `banded`: with texture coordinates along their length in metres, for assumedDepthBands.
inline vtkSmartPointer<vtkPolyData> sweptTubes(vtkPolyData* axes, bool banded = false) {
    vtkNew<vtkTubeFilter> tube;
    tube->SetInputData(axes);
    tube->SetNumberOfSides(10);
    tube->SetVaryRadiusToVaryRadiusByAbsoluteScalar();
    tube->CappingOn();
    if (banded) {
        tube->SetGenerateTCoordsToUseLength();
        tube->SetTextureLength(1.0);
    }
    tube->Update();
    return tube->GetOutput();
}

// An assumed depth is shown by a pattern, not by another colour: tubes keep their legend colour
// and get a dark band every metre (a quarter of it), like a dashed line on a drawing. The texture
// modulates the colour, so the rest of the tube is exactly the theme colour.
inline void showAssumedDepthBands(vtkActor* actor) {
    vtkNew<vtkImageData> stripes;
    stripes->SetDimensions(8, 1, 1);
    stripes->AllocateScalars(VTK_UNSIGNED_CHAR, 3);
    auto* px = static_cast<unsigned char*>(stripes->GetScalarPointer());
    for (int i = 0; i < 8; ++i)
        for (int c = 0; c < 3; ++c) px[i * 3 + c] = i < 6 ? 255 : 60;
    vtkNew<vtkTexture> texture;
    texture->SetInputData(stripes);
    texture->RepeatOn();
    texture->InterpolateOff();
    actor->SetTexture(texture);
}

// Proposed objects keep their theme colour and get a white outline: the back faces of a slightly
// wider white tube show as a rim around the object from every direction (docs/viewer.md).
inline constexpr Rgb kProposalOutline{255, 255, 255};
inline float proposalOutlineRadius(float r) {
    return r + std::max(0.04f, 0.25f * r);
}
inline void showAsProposalOutline(vtkActor* actor) {
    actor->GetProperty()->FrontfaceCullingOn();
    actor->GetProperty()->LightingOff();
    actor->PickableOff();
}

// The radius a linear object is drawn with: half its outer diameter, 5 cm where that is unknown
// (for drawing only; the data keeps it unknown and the selection panel says so).
inline double drawnRadius(const model::LinearGeometry& l) {
    return std::isnan(l.outerDiameterM) ? 0.05 : l.outerDiameterM / 2;
}

// Whether any vertex of a linear object lies at an assumed or unknown depth: drawn differently.
inline bool depthAssumed(const model::Dataset& ds, const model::LinearGeometry& l) {
    for (std::uint32_t i = 0; i < l.vertexCount; ++i) {
        auto p = ds.vertexDepths[l.firstVertex + i].provenance;
        if (p == model::DepthProvenance::Assumed || p == model::DepthProvenance::Unknown)
            return true;
    }
    return false;
}

}  // namespace bz::render::detail
