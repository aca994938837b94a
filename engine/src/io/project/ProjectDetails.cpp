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
          {"system_type", OFTString},
          {"begin_node", OFTString},
          {"end_node", OFTString}}},
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
        {DetailKind::SewerInspection,
         "detail_sewer_inspection",
         {{"inspection_id", OFTString},    {"object_kind", OFTString},
          {"object_ref", OFTString},       {"node_1", OFTString},
          {"node_2", OFTString},           {"start_node", OFTString},
          {"inspection_date", OFTString},  {"direction", OFTString},
          {"bob_begin_m", OFTReal},        {"bob_end_m", OFTReal},
          {"height_mm", OFTReal},          {"width_mm", OFTReal},
          {"shape", OFTString},            {"material", OFTString},
          {"expected_length_m", OFTReal},  {"inspected_length_m", OFTReal},
          {"ribx_file", OFTString},        {"ribx_version", OFTString},
          {"header", OFTString},           {"node_1_x", OFTReal},
          {"node_1_y", OFTReal},           {"node_2_x", OFTReal},
          {"node_2_y", OFTReal}}},
        {DetailKind::SewerObservation,
         "detail_sewer_observation",
         {{"inspection_id", OFTString}, {"sequence", OFTInteger},   {"code", OFTString},
          {"char_1", OFTString},        {"char_2", OFTString},      {"char_3", OFTString},
          {"quant_1", OFTString},       {"quant_2", OFTString},     {"value_1", OFTReal},
          {"value_2", OFTReal},         {"distance_m", OFTReal},    {"clock_1", OFTInteger},
          {"clock_2", OFTInteger},      {"continuous", OFTString},  {"at_joint", OFTInteger},
          {"remark", OFTString},        {"photo", OFTString},       {"video", OFTString},
          {"other", OFTString},         {"condition_class", OFTInteger},
          {"aspect", OFTString},        {"known_code", OFTInteger}}},
        {DetailKind::SewerCondition,
         "detail_sewer_condition",
         {{"condition_class", OFTInteger},    {"structural_class", OFTInteger},
          {"operational_class", OFTInteger},  {"infiltration_class", OFTInteger},
          {"observations", OFTInteger},       {"classified", OFTInteger},
          {"unknown_codes", OFTInteger},      {"class_1", OFTInteger},
          {"class_2", OFTInteger},            {"class_3", OFTInteger},
          {"class_4", OFTInteger},            {"class_5", OFTInteger},
          {"inspection_date", OFTString},     {"inspection_id", OFTString},
          {"table_name", OFTString}}},
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
    setText(o, "begin_node", s.beginNode);
    setText(o, "end_node", s.endNode);
}
void toRow(const model::SewerInspection& s, OGRFeature& o) {
    setText(o, "inspection_id", s.id);
    setText(o, "object_kind", s.objectKind);
    setText(o, "object_ref", s.objectRef);
    setText(o, "node_1", s.node1);
    setText(o, "node_2", s.node2);
    setText(o, "start_node", s.startNode);
    setText(o, "inspection_date", s.date.toString());
    setText(o, "direction", s.direction);
    setReal(o, "bob_begin_m", s.bobBeginM);
    setReal(o, "bob_end_m", s.bobEndM);
    setReal(o, "height_mm", s.heightMm);
    setReal(o, "width_mm", s.widthMm);
    setText(o, "shape", s.shape);
    setText(o, "material", s.material);
    setReal(o, "expected_length_m", s.expectedLengthM);
    setReal(o, "inspected_length_m", s.inspectedLengthM);
    setText(o, "ribx_file", s.file);
    setText(o, "ribx_version", s.version);
    setText(o, "header", s.header);
    setReal(o, "node_1_x", s.x1);
    setReal(o, "node_1_y", s.y1);
    setReal(o, "node_2_x", s.x2);
    setReal(o, "node_2_y", s.y2);
}
void toRow(const model::SewerObservation& s, OGRFeature& o) {
    setText(o, "inspection_id", s.inspectionId);
    o.SetField("sequence", static_cast<int>(s.sequence));
    setText(o, "code", s.code);
    setText(o, "char_1", s.char1);
    setText(o, "char_2", s.char2);
    setText(o, "char_3", s.char3);
    setText(o, "quant_1", s.quant1);
    setText(o, "quant_2", s.quant2);
    setReal(o, "value_1", s.value1);
    setReal(o, "value_2", s.value2);
    setReal(o, "distance_m", s.distanceM);
    if (s.clock1 >= 0) o.SetField("clock_1", s.clock1);
    if (s.clock2 >= 0) o.SetField("clock_2", s.clock2);
    setText(o, "continuous", s.continuous);
    o.SetField("at_joint", s.atJoint ? 1 : 0);
    setText(o, "remark", s.remark);
    setText(o, "photo", s.photo);
    setText(o, "video", s.video);
    setText(o, "other", s.other);
    if (s.conditionClass > 0) o.SetField("condition_class", s.conditionClass);
    setText(o, "aspect", s.aspect);
    o.SetField("known_code", s.knownCode ? 1 : 0);
}
void toRow(const model::SewerCondition& c, OGRFeature& o) {
    o.SetField("condition_class", c.overall);
    o.SetField("structural_class", c.structural);
    o.SetField("operational_class", c.operational);
    o.SetField("infiltration_class", c.infiltration);
    o.SetField("observations", c.observations);
    o.SetField("classified", c.classified);
    o.SetField("unknown_codes", c.unknownCodes);
    for (int k = 0; k < 5; ++k)
        o.SetField(("class_" + std::to_string(k + 1)).c_str(), c.perClass[k]);
    setText(o, "inspection_date", c.inspected.toString());
    setText(o, "inspection_id", c.inspectionId);
    setText(o, "table_name", c.table);
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
int integer(const OGRFeature& f, const FieldIndex& idx, const char* name, int unset = 0) {
    int i = idx(name);
    return i >= 0 && f.IsFieldSetAndNotNull(i) ? f.GetFieldAsInteger(i) : unset;
}
model::Date dateOf(const OGRFeature& f, const FieldIndex& idx, const char* name) {
    return model::Date::parse(str(f, idx(name))).value_or(model::Date{});
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
            s.beginNode = str(f, idx("begin_node"));
            s.endNode = str(f, idx("end_node"));
            ds.attach(feature, std::move(s));
            break;
        }
        case DetailKind::SewerInspection: {
            model::SewerInspection s;
            s.id = str(f, idx("inspection_id"));
            s.objectKind = str(f, idx("object_kind"));
            s.objectRef = str(f, idx("object_ref"));
            s.node1 = str(f, idx("node_1"));
            s.node2 = str(f, idx("node_2"));
            s.startNode = str(f, idx("start_node"));
            s.date = dateOf(f, idx, "inspection_date");
            s.direction = str(f, idx("direction"));
            s.bobBeginM = num(f, idx("bob_begin_m"));
            s.bobEndM = num(f, idx("bob_end_m"));
            s.heightMm = real(f, idx, "height_mm");
            s.widthMm = real(f, idx, "width_mm");
            s.shape = str(f, idx("shape"));
            s.material = str(f, idx("material"));
            s.expectedLengthM = real(f, idx, "expected_length_m");
            s.inspectedLengthM = real(f, idx, "inspected_length_m");
            s.file = str(f, idx("ribx_file"));
            s.version = str(f, idx("ribx_version"));
            s.header = str(f, idx("header"));
            s.x1 = num(f, idx("node_1_x"));
            s.y1 = num(f, idx("node_1_y"));
            s.x2 = num(f, idx("node_2_x"));
            s.y2 = num(f, idx("node_2_y"));
            ds.attach(feature, std::move(s));
            break;
        }
        case DetailKind::SewerObservation: {
            model::SewerObservation s;
            s.inspectionId = str(f, idx("inspection_id"));
            s.sequence = static_cast<std::uint32_t>(integer(f, idx, "sequence"));
            s.code = str(f, idx("code"));
            s.char1 = str(f, idx("char_1"));
            s.char2 = str(f, idx("char_2"));
            s.char3 = str(f, idx("char_3"));
            s.quant1 = str(f, idx("quant_1"));
            s.quant2 = str(f, idx("quant_2"));
            s.value1 = num(f, idx("value_1"));
            s.value2 = num(f, idx("value_2"));
            s.distanceM = num(f, idx("distance_m"));
            s.clock1 = integer(f, idx, "clock_1", -1);
            s.clock2 = integer(f, idx, "clock_2", -1);
            s.continuous = str(f, idx("continuous"));
            s.atJoint = integer(f, idx, "at_joint") != 0;
            s.remark = str(f, idx("remark"));
            s.photo = str(f, idx("photo"));
            s.video = str(f, idx("video"));
            s.other = str(f, idx("other"));
            s.conditionClass = integer(f, idx, "condition_class");
            s.aspect = str(f, idx("aspect"));
            s.knownCode = integer(f, idx, "known_code", 1) != 0;
            ds.attach(feature, std::move(s));
            break;
        }
        case DetailKind::SewerCondition: {
            model::SewerCondition c;
            c.overall = integer(f, idx, "condition_class");
            c.structural = integer(f, idx, "structural_class");
            c.operational = integer(f, idx, "operational_class");
            c.infiltration = integer(f, idx, "infiltration_class");
            c.observations = integer(f, idx, "observations");
            c.classified = integer(f, idx, "classified");
            c.unknownCodes = integer(f, idx, "unknown_codes");
            for (int k = 0; k < 5; ++k)
                c.perClass[k] = integer(f, idx, ("class_" + std::to_string(k + 1)).c_str());
            c.inspected = dateOf(f, idx, "inspection_date");
            c.inspectionId = str(f, idx("inspection_id"));
            c.table = str(f, idx("table_name"));
            ds.attach(feature, std::move(c));
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
            case DetailKind::SewerInspection: toRow(ds.inspections[link.index], row); break;
            case DetailKind::SewerObservation: toRow(ds.observations[link.index], row); break;
            case DetailKind::SewerCondition: toRow(ds.conditions[link.index], row); break;
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
