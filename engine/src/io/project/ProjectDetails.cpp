#include "ProjectDetails.h"

#include <cmath>

#include "../GdalErrors.h"

namespace bz::io::detail {

using model::DetailKind;

namespace {

struct Column {
    const char* name;
    OGRFieldType type;
};

struct KindTable {
    DetailKind kind;
    const char* table;
    std::vector<Column> columns;
};

const std::vector<KindTable>& kinds() {
    static const std::vector<KindTable> k = {
        {DetailKind::SewerProfile,
         "detail_sewer_profile",
         {{"bob_begin_m", OFTReal},
          {"bob_end_m", OFTReal},
          {"width_mm", OFTReal},
          {"height_mm", OFTReal},
          {"shape", OFTString},
          {"system_type", OFTString}}},
        {DetailKind::Tree,
         "detail_tree",
         {{"species", OFTString},
          {"height_m", OFTReal},
          {"stem_diameter_m", OFTReal},
          {"crown_diameter_m", OFTReal},
          {"root_zone_diameter_m", OFTReal},
          {"root_depth_m", OFTReal},
          {"root_zone_provenance", OFTString}}},
        {DetailKind::Well,
         "detail_well",
         {{"screen_top_m", OFTReal},
          {"screen_bottom_m", OFTReal},
          {"volume_m3", OFTReal},
          {"well_temperature", OFTString},
          {"system_id", OFTString}}},
        {DetailKind::Contamination,
         "detail_contamination",
         {{"substance", OFTString},
          {"concentration", OFTReal},
          {"unit", OFTString},
          {"medium", OFTString}}},
    };
    return k;
}

void setReal(OGRFeature& f, const char* name, double v) {
    if (!std::isnan(v)) f.SetField(name, v);
}
void setText(OGRFeature& f, const char* name, const std::string& v) {
    if (!v.empty()) f.SetField(name, v.c_str());
}

// [SECTION] one record <-> one row (the same columns serve the legacy layer columns)

void toRow(const model::SewerProfile& s, OGRFeature& o) {
    setReal(o, "bob_begin_m", s.bobBeginM);
    setReal(o, "bob_end_m", s.bobEndM);
    setReal(o, "width_mm", s.widthMm);
    setReal(o, "height_mm", s.heightMm);
    setText(o, "shape", s.shape);
    setText(o, "system_type", s.systemType);
}
void toRow(const model::TreeDetail& t, OGRFeature& o) {
    setText(o, "species", t.species);
    setReal(o, "height_m", t.heightM);
    setReal(o, "stem_diameter_m", t.stemDiameterM);
    setReal(o, "crown_diameter_m", t.crownDiameterM);
    setReal(o, "root_zone_diameter_m", t.rootZoneDiameterM);
    setReal(o, "root_depth_m", t.rootDepthM);
    o.SetField("root_zone_provenance", std::string(model::toCode(t.rootZoneProvenance)).c_str());
}
void toRow(const model::WellDetail& w, OGRFeature& o) {
    o.SetField("screen_top_m", w.screenTopZ);
    o.SetField("screen_bottom_m", w.screenBottomZ);
    setReal(o, "volume_m3", w.storedVolumeM3);
    setText(o, "well_temperature", w.temperature);
    setText(o, "system_id", w.systemId);
}
void toRow(const model::ContaminationDetail& c, OGRFeature& o) {
    setText(o, "substance", c.substance);
    setReal(o, "concentration", c.concentration);
    setText(o, "unit", c.unit);
    setText(o, "medium", c.medium);
}

float real(const OGRFeature& f, const FieldIndex& idx, const char* name) {
    return static_cast<float>(num(f, idx(name)));
}

void attachFromRow(DetailKind kind, const OGRFeature& f, const FieldIndex& idx,
                   model::Dataset& ds, std::uint32_t feature) {
    switch (kind) {
        case DetailKind::SewerProfile: {
            model::SewerProfile s;
            s.bobBeginM = num(f, idx("bob_begin_m"));
            s.bobEndM = num(f, idx("bob_end_m"));
            s.widthMm = real(f, idx, "width_mm");
            s.heightMm = real(f, idx, "height_mm");
            s.shape = str(f, idx("shape"));
            s.systemType = str(f, idx("system_type"));
            ds.attach(feature, std::move(s));
            break;
        }
        case DetailKind::Tree: {
            model::TreeDetail t;
            t.species = str(f, idx("species"));
            t.heightM = real(f, idx, "height_m");
            t.stemDiameterM = real(f, idx, "stem_diameter_m");
            t.crownDiameterM = real(f, idx, "crown_diameter_m");
            t.rootZoneDiameterM = real(f, idx, "root_zone_diameter_m");
            t.rootDepthM = real(f, idx, "root_depth_m");
            if (auto p = model::provenanceFromCode(str(f, idx("root_zone_provenance"))))
                t.rootZoneProvenance = *p;
            ds.attach(feature, std::move(t));
            break;
        }
        case DetailKind::Well: {
            model::WellDetail w;
            w.screenTopZ = num(f, idx("screen_top_m"));
            w.screenBottomZ = num(f, idx("screen_bottom_m"));
            w.storedVolumeM3 = num(f, idx("volume_m3"));
            w.temperature = str(f, idx("well_temperature"));
            w.systemId = str(f, idx("system_id"));
            ds.attach(feature, std::move(w));
            break;
        }
        case DetailKind::Contamination: {
            model::ContaminationDetail c;
            c.substance = str(f, idx("substance"));
            c.concentration = num(f, idx("concentration"));
            c.unit = str(f, idx("unit"));
            c.medium = str(f, idx("medium"));
            ds.attach(feature, std::move(c));
            break;
        }
    }
}

}  // namespace

bool isDetailTable(const std::string& name) {
    for (const auto& k : kinds())
        if (name == k.table) return true;
    return false;
}

core::Result<DetailWriter> DetailWriter::create(GDALDataset& out, const std::string& project) {
    GdalErrorCapture errors;
    DetailWriter w;
    for (std::size_t i = 0; i < kinds().size(); ++i) {
        const auto& k = kinds()[i];
        OGRLayer* layer = out.CreateLayer(k.table, nullptr, wkbNone, nullptr);
        if (!layer)
            return core::fail(project, "",
                              std::string("cannot create table ") + k.table + errors.because(""));
        std::vector<Column> all = {{"feature_id", OFTString}, {"source_file", OFTString}};
        all.insert(all.end(), k.columns.begin(), k.columns.end());
        for (const auto& c : all) {
            OGRFieldDefn def(c.name, c.type);
            if (layer->CreateField(&def) != OGRERR_NONE)
                return core::fail(project, "",
                                  std::string("cannot add column ") + c.name + " to " + k.table +
                                      errors.because(""));
        }
        w.mTables[i] = layer;
    }
    return w;
}

core::Result<void> DetailWriter::write(const model::Dataset& ds, const model::Feature& f,
                                       const std::string& path) {
    GdalErrorCapture errors;
    for (std::uint32_t l = f.firstDetail; l != model::kNoDetail; l = ds.detailLinks[l].next) {
        const auto& link = ds.detailLinks[l];
        OGRLayer* layer = mTables[static_cast<int>(link.kind)];
        OGRFeature row(layer->GetLayerDefn());
        row.SetField("feature_id", f.id.c_str());
        row.SetField("source_file", ds.str(f.source).c_str());
        switch (link.kind) {
            case DetailKind::SewerProfile: toRow(ds.sewerProfiles[link.index], row); break;
            case DetailKind::Tree: toRow(ds.trees[link.index], row); break;
            case DetailKind::Well: toRow(ds.wells[link.index], row); break;
            case DetailKind::Contamination: toRow(ds.contaminations[link.index], row); break;
        }
        if (layer->CreateFeature(&row) != OGRERR_NONE)
            return core::fail(path, f.id, "cannot write its detail record" + errors.because(path));
    }
    return {};
}

void readDetails(GDALDataset& in, const std::string& source, model::Dataset& ds,
                 std::uint32_t firstFeature, ImportReport& report) {
    for (const auto& k : kinds()) {
        OGRLayer* layer = in.GetLayerByName(k.table);
        if (!layer) continue;
        layer->ResetReading();
        FieldIndex idx(layer->GetLayerDefn());
        for (auto& row : *layer) {
            // The feature by its id (the dataset's index), of this source and this read.
            const std::string id = str(*row, idx("feature_id"));
            const std::string file = str(*row, idx("source_file"));
            std::uint32_t feature = model::kNoDetail;
            for (std::uint32_t i : ds.findAll(id))
                if (i >= firstFeature && ds.str(ds.features[i].source) == file) {
                    feature = i;
                    break;
                }
            if (feature == model::kNoDetail) {
                report.warn({source, id,
                             std::string("a record of table ") + k.table +
                                 " belongs to no object of the project (not read)"});
                continue;
            }
            attachFromRow(k.kind, *row, idx, ds, feature);
        }
    }
}

void readLegacyDetail(const OGRFeature& f, const FieldIndex& idx, model::Dataset& ds,
                      std::uint32_t feature) {
    const model::ObjectType type = ds.features[feature].type;
    auto has = [&](const char* column) { return idx(column) >= 0; };
    if (type == model::ObjectType::SewerPipe && has("bob_begin_m"))
        attachFromRow(DetailKind::SewerProfile, f, idx, ds, feature);
    else if (type == model::ObjectType::Tree && has("species"))
        attachFromRow(DetailKind::Tree, f, idx, ds, feature);
    else if (type == model::ObjectType::Well && has("screen_top_m"))
        attachFromRow(DetailKind::Well, f, idx, ds, feature);
    else if (type == model::ObjectType::ContaminationZone && has("substance"))
        attachFromRow(DetailKind::Contamination, f, idx, ds, feature);
}

}  // namespace bz::io::detail
