#!/usr/bin/env bash
# Side-by-side: bodem clash vs PostGIS ST_3DDWithin (N-D GiST index) on the same networks.
# Usage: bash tools/scripts/bench-postgis.sh [BLOCKS] [CLEARANCE_M]   (as root; installs PostGIS)
# Both count the pairs (existing, proposed) whose surface distance, the 3D axis distance minus
# both radii, is below CLEARANCE_M; the counts must agree.
set -euo pipefail
cd "$(dirname "$0")/../.."
blocks=${1:-42}
clearance=${2:-0.5}
export DEBIAN_FRONTEND=noninteractive
dpkg-query -W -f='${Status}' postgresql-15-postgis-3 2>/dev/null | grep -q "install ok installed" ||
  { apt-get update && apt-get install -y --no-install-recommends postgresql-15 postgresql-15-postgis-3; }
pg_ctlcluster 15 main start 2>/dev/null || true
work=$(mktemp -d /tmp/bodem-postgis.XXXXXX)
chmod 755 "$work"
./build/tools/bodem sample --out "$work" --blocks "$blocks" >/dev/null
ogr2ogr -f GPKG "$work/nets.gpkg" "$work/district.gpkg" networks
segments=$(ogrinfo -ro -q -sql "SELECT SUM(ST_NPoints(geom) - 1) AS s FROM networks" "$work/nets.gpkg" | awk -F'= ' '/s \(/{print $2}')
echo "district: $blocks blocks, $segments network segments, clearance $clearance m"

echo "== bodem clash (2 threads) =="
# PostGIS's count is bodem's hard + clearance (bodem also reports pairs that are only possible
# within the depth and plan bands).
./build/tools/bodem clash "$work/nets.gpkg" --clearance "$clearance" --no-review --timings |
  grep -E "clashes:|by kind|timings"

echo "== PostGIS $(su postgres -c "psql -tAc 'select postgis_lib_version()'" 2>/dev/null || echo) =="
su postgres -c "dropdb --if-exists bodembench; createdb bodembench; psql -q -d bodembench -c 'CREATE EXTENSION postgis'"
su postgres -c "ogr2ogr -f PostgreSQL PG:dbname=bodembench $work/nets.gpkg -nln networks -lco GEOMETRY_NAME=geom -lco SPATIAL_INDEX=NONE -gt 65536"
maxd=$(su postgres -c "psql -tA -d bodembench -c 'select max(diameter_mm)/1000.0 from networks'")
su postgres -c "psql -d bodembench" <<SQL
\timing on
CREATE TABLE existing AS SELECT id, geom, coalesce(diameter_mm, 0) / 2000.0 AS r FROM networks WHERE status <> 'proposed';
CREATE TABLE proposed AS SELECT id, geom, coalesce(diameter_mm, 0) / 2000.0 AS r FROM networks WHERE status = 'proposed';
CREATE INDEX existing_nd ON existing USING GIST (geom gist_geometry_ops_nd);
ANALYZE existing; ANALYZE proposed;
-- The join: the index prefilters with the largest possible reach, the exact test applies the radii.
-- 1. count only
SELECT count(*) AS pairs FROM proposed p JOIN existing e
  ON ST_3DDWithin(e.geom, p.geom, $clearance + $maxd)
 WHERE ST_3DDistance(e.geom, p.geom) - e.r - p.r < $clearance;
-- 2. the report bodem writes: ids, surface distance, closest points
CREATE TABLE report AS
SELECT e.id AS a_id, p.id AS b_id, ST_3DDistance(e.geom, p.geom) - e.r - p.r AS distance_m,
       ST_3DShortestLine(e.geom, p.geom) AS closest
  FROM proposed p JOIN existing e ON ST_3DDWithin(e.geom, p.geom, $clearance + $maxd)
 WHERE ST_3DDistance(e.geom, p.geom) - e.r - p.r < $clearance;
SQL
rm -rf "$work"
