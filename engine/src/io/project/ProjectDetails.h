// A project's detail records (private to io): one table per kind (detail_sewer_profile,
// detail_tree, detail_well, detail_contamination, detail_sewer_inspection,
// detail_sewer_observation, detail_sewer_condition), one row per record with the feature it belongs
// to (source_file, feature_id), so that a feature holds as many as it has and GIS tools join them.
// Projects written before these tables kept one record per feature in the object layers' own
// columns; those are read too.
#pragma once

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <string>

#include <bodemzicht/io/ImportReport.h>
#include <bodemzicht/model/Dataset.h>

#include "../OgrFields.h"

namespace bz::io::detail {

bool isDetailTable(const std::string& name);

class DetailWriter {
  public:
    // Creates the tables in `out`.
    static core::Result<DetailWriter> create(GDALDataset& out, const std::string& project);
    // Writes every detail record of feature `f`.
    core::Result<void> write(const model::Dataset& ds, const model::Feature& f,
                             const std::string& path);

  private:
    OGRLayer* mTables[model::kDetailKindCount] = {};
};

// Attaches the records of the detail tables to the features from `firstFeature` on (those this
// read added); a record whose feature is not there is reported.
void readDetails(GDALDataset& in, const std::string& source, model::Dataset& ds,
                 std::uint32_t firstFeature, ImportReport& report);

// A project written before the detail tables: the record in the object layer's own columns.
void readLegacyDetail(const OGRFeature& f, const FieldIndex& idx, model::Dataset& ds,
                      std::uint32_t feature);

}  // namespace bz::io::detail
