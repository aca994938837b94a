// KLIC deliveries (IMKL 2.0 and 1.2.1): `Levering_*.zip` as Kadaster delivers it, or the
// `GI_gebiedsinformatielevering_*.xml` inside. Cables and pipes get their geometry through net:link
// (UtilityLink), theme and default depth through net:inNetwork (Utiliteitsnet), owner through the
// source holder code (Beheerder). DiepteTovMaaiveld/DiepteNAP points are attached to the nearest
// element of their network and interpolated along it (derived); otherwise the network's
// standaardDieptelegging applies, else the rule set's cover for the theme (assumed). Depths below
// ground are kept per vertex; NAP heights come from the ground level given, the delivery's
// maaiveldPeil, or an assumed flat ground (docs/data-model.md).
#pragma once

#include <limits>
#include <map>
#include <string>

#include <bodemzicht/io/ImportReport.h>
#include <bodemzicht/io/Raster.h>
#include <bodemzicht/model/Dataset.h>

namespace bz::io {

struct KlicImportOptions {
    model::GroundLevel groundLevel;       // to turn cover depths into NAP heights
    double depthPointSnapM = 1.0;  // how far an unlinked depth point may lie from its element
    double depthPointInfluenceM = 25.0;        // its influence fades as exp(-distance / this)
    double depthPointUncertaintyGrowth = 0.02;  // its band grows by this many m per m
    double assumedBandM = 0.5;  // the band of an assumed depth; "onbekend" is never tighter
    // Sizes of point objects, which KLIC gives as points only (the rule set's defaults; assumed).
    double appurtenanceDiameterM = 0.3;
    double cabinetFoundationDepthM = 0.6;
    double manholeDepthM = 1.5;
    // Cover depth of a network without standaardDieptelegging: per theme from the rule set,
    // else defaultCoverM (assumed, and said per network).
    std::map<std::string, double> coverByTheme;
    double defaultCoverM = 1.0;
    // The flat ground used where no ground level is known (NaN: the delivery's median
    // maaiveldPeil, else 0 m NAP); marked assumed (model::GroundBasis).
    double assumedGroundM = std::numeric_limits<double>::quiet_NaN();
};

// True for a .zip holding a GI_*.xml, or an XML file whose root is an IMKL feature collection.
bool isKlicDelivery(const std::string& path);

core::Result<void> importKlic(const std::string& path, const KlicImportOptions& options,
                              model::Dataset& dataset, ImportReport& report);

}  // namespace bz::io
