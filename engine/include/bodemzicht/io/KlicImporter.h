// KLIC deliveries (IMKL 2.0 and 1.2.1): `Levering_*.zip` as Kadaster delivers it, or the
// `GI_gebiedsinformatielevering_*.xml` inside. Cables and pipes get their geometry through net:link
// (UtilityLink), theme and default depth through net:inNetwork (Utiliteitsnet), owner through the
// source holder code (Beheerder). DiepteTovMaaiveld/DiepteNAP points are attached to the nearest
// element of their network and interpolated along it (derived); otherwise the network's
// standaardDieptelegging applies (assumed); otherwise the height stays unknown.
#pragma once

#include <string>

#include <bodemzicht/io/ImportReport.h>
#include <bodemzicht/io/Raster.h>
#include <bodemzicht/model/Dataset.h>

namespace bz::io {

struct KlicImportOptions {
    GroundLevel groundLevel;       // to turn cover depths into NAP heights
    double depthPointSnapM = 1.0;  // how far a depth point may lie from its element
    // Sizes of point objects, which KLIC gives as points only (the rule set's defaults; assumed).
    double appurtenanceDiameterM = 0.3;
    double cabinetFoundationDepthM = 0.6;
    double manholeDepthM = 1.5;
    double defaultCoverM = 1.0;  // for appurtenances of a net without standaardDieptelegging
};

// True for a .zip holding a GI_*.xml, or an XML file whose root is an IMKL feature collection.
bool isKlicDelivery(const std::string& path);

core::Result<void> importKlic(const std::string& path, const KlicImportOptions& options,
                              model::Dataset& dataset, ImportReport& report);

}  // namespace bz::io
