#!/usr/bin/env bash
# Installs every Debian 12 package Bodemzicht needs to build, run and test. Idempotent; run as root.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
packages=(
  build-essential cmake ninja-build pkg-config git
  libgtest-dev libgmock-dev
  libvtk9-dev
  libgdal-dev gdal-bin
  libproj-dev proj-bin proj-data
  libhdf5-dev hdf5-tools libnetcdf-dev netcdf-bin
  libglfw3-dev libimgui-dev libstb-dev libglew-dev
  xvfb xauth libgl1-mesa-dri mesa-utils
  libtomlplusplus-dev libcli11-dev nlohmann-json3-dev libexpat1-dev libserd-dev libgeos-dev
  libcairo2-dev libxml2-dev
  clang-16 libfuzzer-16-dev libclang-rt-16-dev
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup-deps: installing ${#missing[@]} missing packages: ${missing[*]}"
  apt-get update
  apt-get install -y --no-install-recommends "${missing[@]}"
else
  echo "setup-deps: all ${#packages[@]} packages present"
fi
