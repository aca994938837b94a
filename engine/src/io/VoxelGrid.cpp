#include <bodemzicht/io/VoxelGrid.h>

#include <bodemzicht/core/Limits.h>
#include <bodemzicht/io/LocalPaths.h>

#include <netcdf.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <expected>
#include <mutex>

#include <ogr_spatialref.h>

#include <cstdlib>

namespace bz::io {

namespace {

// The file open for one reading step; closed at the end of the scope.
struct NcFile {
    int id = -1;
    ~NcFile() {
        if (id >= 0) nc_close(id);
    }
};

std::string textAttribute(int nc, int var, const char* name) {
    std::size_t len = 0;
    nc_type type;
    if (nc_inq_att(nc, var, name, &type, &len) != NC_NOERR || type != NC_CHAR || len > 4096)
        return "";
    std::string s(len, '\0');
    if (nc_get_att_text(nc, var, name, s.data()) != NC_NOERR) return "";
    while (!s.empty() && s.back() == '\0') s.pop_back();
    return s;
}

bool numberAttribute(int nc, int var, const char* name, double& out) {
    std::size_t len = 0;
    nc_type type;
    if (nc_inq_att(nc, var, name, &type, &len) != NC_NOERR || len != 1 || type == NC_CHAR ||
        type == NC_STRING)
        return false;
    return nc_get_att_double(nc, var, name, &out) == NC_NOERR;
}

std::string ncError(int status) {
    return nc_strerror(status);
}

// Which axis a coordinate variable is: 0 x, 1 y, 2 z, -1 none.
int axisOf(int nc, int var, const std::string& name) {
    std::string axis = textAttribute(nc, var, "axis");
    std::string standard = textAttribute(nc, var, "standard_name");
    if (axis == "X" || standard == "projection_x_coordinate" || name == "x") return 0;
    if (axis == "Y" || standard == "projection_y_coordinate" || name == "y") return 1;
    if (axis == "Z" || standard == "depth" || standard == "altitude" || standard == "height" ||
        name == "z")
        return 2;
    return -1;
}

}  // namespace

struct VoxelGrid::Private {
    std::string path, version;
    std::vector<std::string> notes;
    model::GridGeometry grid;
    std::vector<model::FieldVariable> variables;
    std::vector<int> varIds;
    // Per file dimension of the variables: which axis it is, and whether the file runs it
    // downwards (the grid counts every axis upwards).
    std::array<int, 3> axisOfDim{};
    std::array<bool, 3> reversed{};
    std::array<int, 3> dimIds{};
    // Values per variable, read on first use: index i + nx * (j + ny * k).
    std::vector<std::vector<float>> values;
    std::unique_ptr<std::once_flag[]> loaded;

    void load(std::size_t v) const;
};

void VoxelGrid::Private::load(std::size_t v) const {
    auto* self = const_cast<Private*>(this);
    std::vector<float>& out = self->values[v];
    out.assign(grid.cellCount(), NAN);
    NcFile f;
    if (nc_open(path.c_str(), NC_NOWRITE, &f.id) != NC_NOERR) return;
    const int var = varIds[v];
    std::array<std::size_t, 3> len{};
    for (int d = 0; d < 3; ++d) nc_inq_dimlen(f.id, dimIds[d], &len[d]);
    std::vector<float> raw(grid.cellCount());
    if (nc_get_var_float(f.id, var, raw.data()) != NC_NOERR) return;
    double fill = NAN, missing = NAN;
    const bool hasFill = numberAttribute(f.id, var, "_FillValue", fill);
    const bool hasMissing = numberAttribute(f.id, var, "missing_value", missing);
    const int n[3] = {grid.nx, grid.ny, grid.nz};
    // The file's order: the last dimension varies fastest.
    std::size_t at = 0;
    for (std::size_t a = 0; a < len[0]; ++a)
        for (std::size_t b = 0; b < len[1]; ++b)
            for (std::size_t c = 0; c < len[2]; ++c, ++at) {
                const std::size_t fileIndex[3] = {a, b, c};
                int ijk[3] = {0, 0, 0};
                for (int d = 0; d < 3; ++d) {
                    const int axis = axisOfDim[d];
                    const int idx = static_cast<int>(fileIndex[d]);
                    ijk[axis] = reversed[d] ? n[axis] - 1 - idx : idx;
                }
                float value = raw[at];
                if ((hasFill && value == static_cast<float>(fill)) ||
                    (hasMissing && value == static_cast<float>(missing)) || !std::isfinite(value))
                    value = NAN;
                out[static_cast<std::size_t>(ijk[0]) +
                    static_cast<std::size_t>(n[0]) *
                        (static_cast<std::size_t>(ijk[1]) +
                         static_cast<std::size_t>(n[1]) * static_cast<std::size_t>(ijk[2]))] =
                    value;
            }
}

VoxelGrid::VoxelGrid(std::unique_ptr<Private> p) : d(std::move(p)) {}
VoxelGrid::VoxelGrid(VoxelGrid&&) noexcept = default;
VoxelGrid& VoxelGrid::operator=(VoxelGrid&&) noexcept = default;
VoxelGrid::~VoxelGrid() = default;

const std::string& VoxelGrid::path() const {
    return d->path;
}
const std::vector<std::string>& VoxelGrid::notes() const {
    return d->notes;
}

const std::string& VoxelGrid::modelVersion() const {
    return d->version;
}
const model::GridGeometry& VoxelGrid::grid() const {
    return d->grid;
}
const std::vector<model::FieldVariable>& VoxelGrid::variables() const {
    return d->variables;
}
std::string VoxelGrid::describe() const {
    return "grid " + d->path;
}

double VoxelGrid::cellValue(std::size_t v, int i, int j, int k) const {
    const auto& g = d->grid;
    if (v >= d->variables.size() || i < 0 || j < 0 || k < 0 || i >= g.nx || j >= g.ny || k >= g.nz)
        return NAN;
    std::call_once(d->loaded[v], [&] { d->load(v); });
    return d->values[v][static_cast<std::size_t>(i) +
                        static_cast<std::size_t>(g.nx) *
                            (static_cast<std::size_t>(j) +
                             static_cast<std::size_t>(g.ny) * static_cast<std::size_t>(k))];
}

namespace {

// The EPSG code a CF grid mapping variable gives (crs_wkt, spatial_ref or epsg_code); 0 when it
// gives none, -1 when it gives one PROJ cannot identify.
int gridMappingEpsg(int nc, int var) {
    std::string code = textAttribute(nc, var, "epsg_code");
    if (!code.empty()) {
        const auto colon = code.find(':');
        return std::atoi(code.c_str() + (colon == std::string::npos ? 0 : colon + 1));
    }
    for (const char* att : {"crs_wkt", "spatial_ref"}) {
        const std::string wkt = textAttribute(nc, var, att);
        if (wkt.empty()) continue;
        OGRSpatialReference srs;
        if (srs.importFromWkt(wkt.c_str()) != OGRERR_NONE) return -1;
        srs.AutoIdentifyEPSG();
        for (const char* node : {static_cast<const char*>(nullptr), "PROJCS"})
            if (const char* c = srs.GetAuthorityCode(node)) {
                const int epsg = std::atoi(c);
                if (epsg == 28992 || epsg == 7415) return epsg;
            }
        OGRSpatialReference rd;
        rd.importFromEPSG(28992);
        return srs.IsProjected() && srs.IsSame(&rd) ? 28992 : -1;
    }
    return 0;
}

// The cells of a coordinate from its CF bounds variable (len x 2): the lowest edge and the cell
// size; an error when the bounds are unreadable, not contiguous or not evenly sized.
struct PlacedCells {
    double lo, cell;
};
std::expected<PlacedCells, std::string> cellsFromBounds(int nc, const std::string& name,
                                                        const std::vector<double>& coords,
                                                        bool depths) {
    int var = -1, ndims = 0, dims[NC_MAX_VAR_DIMS];
    if (nc_inq_varid(nc, name.c_str(), &var) != NC_NOERR ||
        nc_inq_varndims(nc, var, &ndims) != NC_NOERR || ndims != 2 ||
        nc_inq_vardimid(nc, var, dims) != NC_NOERR)
        return std::unexpected("its bounds variable " + name + " is missing or not N x 2");
    std::size_t n = 0, two = 0;
    nc_inq_dimlen(nc, dims[0], &n);
    nc_inq_dimlen(nc, dims[1], &two);
    if (n != coords.size() || two != 2)
        return std::unexpected("its bounds variable " + name + " is not " +
                               std::to_string(coords.size()) + " x 2");
    std::vector<double> b(n * 2);
    if (nc_get_var_double(nc, var, b.data()) != NC_NOERR)
        return std::unexpected("cannot read its bounds variable " + name);
    if (depths)
        for (auto& v : b) v = -v;
    double lo = INFINITY, cell = NAN;
    for (std::size_t i = 0; i < n; ++i) {
        const double a = std::min(b[2 * i], b[2 * i + 1]), z = std::max(b[2 * i], b[2 * i + 1]);
        if (!std::isfinite(a) || !std::isfinite(z) || z <= a)
            return std::unexpected("its bounds " + name + " are empty or not finite at " +
                                   std::to_string(i));
        if (std::isnan(cell)) cell = z - a;
        if (std::abs((z - a) - cell) > 1e-6 * cell)
            return std::unexpected("its bounds " + name + " are not evenly sized");
        if (coords[i] < a - 1e-6 * cell || coords[i] > z + 1e-6 * cell)
            return std::unexpected("its coordinate lies outside its bounds " + name + " at " +
                                   std::to_string(i));
        lo = std::min(lo, a);
    }
    return PlacedCells{lo, cell};
}

bool isRd(int epsg) {
    return epsg == 28992 || epsg == 7415;
}

}  // namespace

core::Result<VoxelGrid> VoxelGrid::open(const std::string& path,
                                        const std::optional<std::string>& crs) {
    if (auto local = checkLocalPath(path, "the grid path"); !local)
        return std::unexpected(local.error());
    auto p = std::make_unique<Private>();
    p->path = path;
    NcFile f;
    if (int st = nc_open(path.c_str(), NC_NOWRITE, &f.id); st != NC_NOERR)
        return core::fail(path, "", "cannot open as netCDF: " + ncError(st));
    int nvars = 0;
    nc_inq_nvars(f.id, &nvars);
    p->version = textAttribute(f.id, NC_GLOBAL, "title");
    if (std::string c = textAttribute(f.id, NC_GLOBAL, "comment"); !c.empty())
        p->version += (p->version.empty() ? "" : "; ") + c;
    // The grid: the dimensions of the first 3D variable with x, y and z coordinate variables.
    bool haveGrid = false;
    for (int var = 0; var < nvars; ++var) {
        char name[NC_MAX_NAME + 1] = {};
        nc_type type;
        int ndims = 0, dims[NC_MAX_VAR_DIMS], natts = 0;
        if (nc_inq_var(f.id, var, name, &type, &ndims, dims, &natts) != NC_NOERR || ndims != 3)
            continue;
        if (type == NC_CHAR || type == NC_STRING) continue;
        if (!haveGrid) {
            std::array<bool, 3> seen{};
            bool ok = true;
            for (int dim = 0; dim < 3 && ok; ++dim) {
                char dimName[NC_MAX_NAME + 1] = {};
                std::size_t len = 0;
                nc_inq_dim(f.id, dims[dim], dimName, &len);
                int coord = -1;
                if (nc_inq_varid(f.id, dimName, &coord) != NC_NOERR || len < 1) {
                    ok = false;
                    break;
                }
                const int axis = axisOf(f.id, coord, dimName);
                if (axis < 0 || seen[axis]) {
                    ok = false;
                    break;
                }
                seen[axis] = true;
                std::vector<double> c(len);
                if (nc_get_var_double(f.id, coord, c.data()) != NC_NOERR)
                    return core::fail(path, "", std::string("cannot read coordinate ") + dimName);
                if (axis == 2 && textAttribute(f.id, coord, "positive") == "down")
                    for (auto& z : c) z = -z;  // depths: heights upwards
                // A regular grid: evenly spaced coordinates (cell centres).
                double step = len > 1 ? (c[len - 1] - c[0]) / static_cast<double>(len - 1) : 1.0;
                for (std::size_t i = 0; i < len; ++i)
                    if (!std::isfinite(c[i]) ||
                        std::abs(c[i] - (c[0] + step * static_cast<double>(i))) >
                            1e-6 * std::max(1.0, std::abs(step)))
                        return core::fail(path, "",
                                          std::string("coordinate ") + dimName +
                                              " is not evenly spaced: not a regular grid");
                if (step == 0)
                    return core::fail(path, "",
                                      std::string("coordinate ") + dimName + " has a zero step");
                p->axisOfDim[dim] = axis;
                p->reversed[dim] = step < 0;
                p->dimIds[dim] = dims[dim];
                double lo = std::min(c[0], c[len - 1]) - std::abs(step) / 2;
                const double cell = std::abs(step);
                // CF cell bounds, where given, place the cells: the coordinates may be edges.
                if (std::string b = textAttribute(f.id, coord, "bounds"); !b.empty()) {
                    auto placed = cellsFromBounds(
                        f.id, b, c, axis == 2 && textAttribute(f.id, coord, "positive") == "down");
                    if (!placed) return core::fail(path, dimName, placed.error());
                    if (std::abs(placed->lo + cell / 2 - std::min(c[0], c[len - 1])) > 1e-6 * cell)
                        p->notes.push_back(std::string("coordinate ") + dimName +
                                           " does not give the cell centres (its bounds " + b +
                                           " say so): the cells are placed by their bounds");
                    if (std::abs(placed->cell - cell) > 1e-6 * cell)
                        return core::fail(path, dimName,
                                          "the bounds " + b +
                                              " give cells of another size than the coordinate's "
                                              "spacing");
                    lo = placed->lo;
                }
                double* origin = axis == 0   ? &p->grid.origin.x
                                 : axis == 1 ? &p->grid.origin.y
                                             : &p->grid.origin.z;
                double* size = axis == 0   ? &p->grid.cellSize.x
                               : axis == 1 ? &p->grid.cellSize.y
                                           : &p->grid.cellSize.z;
                *origin = lo;
                *size = cell;
                (axis == 0   ? p->grid.nx
                 : axis == 1 ? p->grid.ny
                             : p->grid.nz) = static_cast<int>(len);
                // Coordinates in another CRS would be read as RD: refused.
                std::string epsg = textAttribute(f.id, coord, "epsg");
                if (!epsg.empty() && epsg != "28992" && epsg != "7415")
                    return core::fail(path, "",
                                      std::string("coordinate ") + dimName + " is in EPSG:" + epsg +
                                          ", not RD New + NAP (EPSG:28992 / 7415)");
            }
            if (!ok) continue;
            p->grid.hasZ = true;
            haveGrid = true;
            if (p->grid.cellCount() > core::limits().gridCells)
                return core::fail(
                    path, "",
                    core::overLimit("the grid's " + std::to_string(p->grid.cellCount()) + " voxels",
                                    "grid-cells"));
        }
        // A variable on exactly the grid's dimensions, in the same order.
        if (!std::equal(dims, dims + 3, p->dimIds.begin())) continue;
        model::FieldVariable fv;
        fv.name = name;
        const bool integer = type != NC_FLOAT && type != NC_DOUBLE;
        fv.categorical = integer && !fv.name.starts_with("kans") && !fv.name.starts_with("onz");
        fv.unit = textAttribute(f.id, var, "units");
        fv.description = textAttribute(f.id, var, "long_name");
        p->variables.push_back(std::move(fv));
        p->varIds.push_back(var);
    }
    if (!haveGrid || p->variables.empty())
        return core::fail(path, "",
                          "no 3D variable on x, y and z coordinates (a regular grid such as GeoTOP "
                          "was expected)");
    // The CRS: GeoTOP's epsg attributes, else the CF grid mapping, else what the user vouched for.
    bool rd = false;
    for (int dim = 0; dim < 3; ++dim) {
        char dimName[NC_MAX_NAME + 1] = {};
        nc_inq_dimname(f.id, p->dimIds[dim], dimName);
        int coord = -1;
        if (nc_inq_varid(f.id, dimName, &coord) == NC_NOERR &&
            !textAttribute(f.id, coord, "epsg").empty())
            rd = true;  // checked above: RD New or RD New + NAP
    }
    for (std::size_t v = 0; v < p->varIds.size() && !rd; ++v) {
        const std::string mapping = textAttribute(f.id, p->varIds[v], "grid_mapping");
        int mv = -1;
        if (mapping.empty() || nc_inq_varid(f.id, mapping.c_str(), &mv) != NC_NOERR) continue;
        const int epsg = gridMappingEpsg(f.id, mv);
        if (epsg == 0) continue;
        if (!isRd(epsg))
            return core::fail(
                path, p->variables[v].name,
                "its grid mapping '" + mapping + "' is " +
                    (epsg < 0 ? std::string("a CRS PROJ cannot identify")
                              : "EPSG:" + std::to_string(epsg)) +
                    ", not RD New (EPSG:28992 / 7415): grids are read in RD New only");
        rd = true;
    }
    if (!rd && crs) {
        const auto colon = crs->find(':');
        if (!isRd(std::atoi(crs->c_str() + (colon == std::string::npos ? 0 : colon + 1))))
            return core::fail(path, "",
                              "--crs " + *crs +
                                  ": grids are read in RD New only (EPSG:28992 or "
                                  "EPSG:7415)");
        rd = true;
    }
    if (!rd)
        return core::fail(path, "",
                          "has no CRS: neither epsg attributes on its coordinates nor a CF "
                          "grid_mapping (crs_wkt, spatial_ref or epsg_code); if it is in RD New, "
                          "say so with --crs EPSG:28992");
    p->values.resize(p->variables.size());
    p->loaded = std::make_unique<std::once_flag[]>(p->variables.size());
    return VoxelGrid(std::move(p));
}

}  // namespace bz::io
