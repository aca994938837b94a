// KLIC deliveries (IMKL 2.0 and 1.2.1): `Levering_*.zip` as Kadaster delivers it, or the
// `GI_gebiedsinformatielevering_*.xml` inside. Cables and pipes get their geometry through net:link
// (UtilityLink), theme and default depth through net:inNetwork (Utiliteitsnet), owner through the
// source holder code (Beheerder). Depths below ground are kept per vertex; NAP heights come from
// the ground level given, the delivery's maaiveldPeil, or an assumed flat ground
// (docs/data-model.md).
#include "KlicImport.h"

#include <bodemzicht/model/DatasetCopy.h>

#include "../Driver.h"

namespace bz::io::formats {

namespace {

using klic::KlicOptions;

class KlicDriver final : public Driver {
  public:
    KlicDriver()
        : Driver(
              {"klic",
               "KLIC delivery (IMKL 2.0 or 1.2.1): Levering_*.zip or its GI_*.xml",
               {"zip", "xml", "gml"},
               {"3d", "depth-below-ground", "depth-points", "planned", "protected-zones"},
               {{"depth-point-snap-m", FormatOption::Type::Number, "1.0",
                 "how far an unlinked depth point may lie from its element",
                 "defaults.depth_point_snap_m"},
                {"depth-point-influence-m", FormatOption::Type::Number, "25.0",
                 "a depth point's influence fades as exp(-distance / this)",
                 "defaults.depth_point_influence_m"},
                {"depth-point-uncertainty-growth", FormatOption::Type::Number, "0.02",
                 "a depth point's band grows by this many m per m along the element",
                 "defaults.depth_point_uncertainty_growth"},
                {"appurtenance-diameter-m", FormatOption::Type::Number, "0.3",
                 "size of an appurtenance, which KLIC gives as a point (assumed)",
                 "defaults.appurtenance_diameter_m"},
                {"cabinet-foundation-depth-m", FormatOption::Type::Number, "0.6",
                 "foundation depth of a cabinet (assumed)", "defaults.cabinet_foundation_depth_m"},
                {"manhole-depth-m", FormatOption::Type::Number, "1.5",
                 "depth of a manhole (assumed)", "defaults.manhole_depth_m"},
                {"assumed-ground-m", FormatOption::Type::Number, "",
                 "the flat ground (m NAP) where no ground level is known; empty: the "
                 "delivery's median maaiveldPeil, else 0",
                 ""}}}) {}

  private:
    Confidence doIdentify(OpenInfo& in) const override {
        const auto& ext = in.extension();
        if (ext == "zip") {
            for (const auto& entry : in.zipEntries())
                if (entry.ends_with(".xml") &&
                    entry.find("GI_gebiedsinformatielevering") != std::string::npos)
                    return Confidence::Yes;
            // Operators' examples: an IMKL feature collection under another name.
            return in.zipEntries().empty() || klic::imklFileInZip(in.source()).empty()
                       ? Confidence::No
                       : Confidence::Yes;
        }
        if (ext != "xml" && ext != "gml") return Confidence::No;
        return klic::hasImklHeader(in.header()) ? Confidence::Yes : Confidence::No;
    }

    core::Result<void> doOpen(OpenInfo& in, const ReadOptions& read, const DriverOptions& own,
                              model::Dataset& ds, ImportReport& report) const override {
        const std::string& path = in.source();
        std::string xml = path;
        if (in.extension() == "zip") {
            if (auto ok = klic::checkZipLimits(path); !ok) return ok;
            xml = klic::imklFileInZip(path);
            if (xml.empty())
                return core::fail(path, "",
                                  "not a KLIC delivery: no GI_gebiedsinformatielevering_*.xml or "
                                  "IMKL file inside");
        }
        KlicOptions options;
        options.depthPointSnapM = own.number("depth-point-snap-m");
        options.depthPointInfluenceM = own.number("depth-point-influence-m");
        options.depthPointUncertaintyGrowth = own.number("depth-point-uncertainty-growth");
        options.appurtenanceDiameterM = own.number("appurtenance-diameter-m");
        options.cabinetFoundationDepthM = own.number("cabinet-foundation-depth-m");
        options.manholeDepthM = own.number("manhole-depth-m");
        options.assumedGroundM = own.number("assumed-ground-m");
        options.coverByTheme = read.defaults.coverByTheme;
        options.defaultCoverM = read.defaults.defaultCoverM;
        options.assumedBandM = read.defaults.assumedBandM;
        options.pointObjects = read.defaults.pointObjects;

        auto delivery = klic::readDelivery(path, xml, report);
        if (!delivery) return std::unexpected(delivery.error());
        klic::DeliveryGround ground(*delivery, read.groundLevel, options.assumedGroundM);
        klic::CoverDepths covers(options, report, delivery->file);
        klic::addNetworks(*delivery, ground, covers, options, ds, report);
        auto attached = klic::addPointObjects(*delivery, ground, covers, options, ds, report);
        klic::addZones(*delivery, attached, ds, report);
        auto basis = ground.basis();
        model::mergeGround(ds.ground, basis);
        report.warn(
            {path, "", "ground level for depths below maaiveld: " + model::describe(basis)});
        return {};
    }
};

}  // namespace

void registerKlic(DriverTable& table) {
    table.add(std::make_unique<KlicDriver>());
}

}  // namespace bz::io::formats
