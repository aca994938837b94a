// GWSW sewer data in GWSW-OroX (Turtle, read with serd): pipes with BOB begin and end (m NAP),
// width, height (mm), shape, material, year and system type; manholes with ground level, depth,
// size and shape. The sewer is then exact in 3D: heights are measured, nothing is assumed.
#pragma once

#include <string>

#include <bodemzicht/io/ImportReport.h>
#include <bodemzicht/model/Dataset.h>

namespace bz::io {

// True for a Turtle file that uses the GWSW vocabulary.
bool isGwswTurtle(const std::string& path);

core::Result<void> importGwswTurtle(const std::string& path, model::Dataset& dataset,
                                    ImportReport& report);

// The common GIS export of GWSW (GeoPackage, GeoJSON, Shapefile, ...): line layers with the GWSW
// attribute names (BobBeginpuntLeiding, BobEindpuntLeiding, BreedteLeiding, HoogteLeiding,
// VormLeiding, MateriaalLeiding, Begindatum, Stelseltype; id from Naam/Leidingnaam/GUID/id).
bool isGwswGis(const std::string& source);
core::Result<void> importGwswGis(const std::string& source, model::Dataset& dataset,
                                 ImportReport& report);

}  // namespace bz::io
