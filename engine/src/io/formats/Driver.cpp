#include "Driver.h"

#include <bodemzicht/core/Parse.h>
#include <bodemzicht/io/LocalPaths.h>

#include <cpl_string.h>
#include <cpl_vsi.h>

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "../GdalErrors.h"
#include <bodemzicht/io/ProjectWrite.h>

namespace bz::io::formats {

// [SECTION] OpenInfo

OpenInfo::OpenInfo(std::string source) : mSource(std::move(source)) {
    std::string ext = std::filesystem::path(mSource).extension().string();
    if (!ext.empty()) ext.erase(0, 1);
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    mExtension = ext;
    std::error_code ec;
    mLocalFile = isLocalPath(mSource) && std::filesystem::is_regular_file(mSource, ec);
}

OpenInfo::~OpenInfo() = default;

std::string_view OpenInfo::header() {
    if (!mHeader) {
        mHeader.emplace();
        if (mLocalFile) {
            detail::registerGdalOnce();
            if (VSILFILE* f = VSIFOpenL(mSource.c_str(), "rb")) {
                mHeader->resize(8192);
                mHeader->resize(VSIFReadL(mHeader->data(), 1, mHeader->size(), f));
                VSIFCloseL(f);
            }
        }
    }
    return *mHeader;
}

const std::vector<std::string>& OpenInfo::zipEntries() {
    if (!mZipEntries) {
        mZipEntries.emplace();
        if (mLocalFile && header().starts_with("PK")) {
            detail::registerGdalOnce();
            detail::GdalErrorCapture quiet;
            char** files = VSIReadDirRecursive(("/vsizip/" + mSource).c_str());
            for (char** f = files; f && *f; ++f) mZipEntries->push_back(*f);
            CSLDestroy(files);
        }
    }
    return *mZipEntries;
}

GDALDataset* OpenInfo::vector() {
    if (!mTriedVector) {
        mTriedVector = true;
        detail::registerGdalOnce();
        // A project left with a killed writer's journal can only be read once it is rolled back.
        if (mLocalFile) recoverInterruptedWrite(mSource);
        detail::GdalErrorCapture errors;
        // CSV columns stay text: "007" is an id, not the number 7; readers parse numbers checked.
        const char* csvOptions[] = {"AUTODETECT_TYPE=NO", "KEEP_GEOM_COLUMNS=NO", nullptr};
        mVector.reset(GDALDataset::Open(mSource.c_str(),
                                        GDAL_OF_VECTOR | GDAL_OF_READONLY | GDAL_OF_VERBOSE_ERROR,
                                        nullptr, csvOptions, nullptr));
        if (!mVector)
            mVectorError = "cannot be read as a vector data source" + errors.because(mSource);
    }
    return mVector.get();
}

const std::string& OpenInfo::vectorError() {
    vector();
    return mVectorError;
}

// [SECTION] options

DriverOptions::DriverOptions(const FormatInfo& format,
                             const std::map<std::string, std::string>& given) {
    for (const auto& o : format.options) {
        auto it = given.find(o.name);
        std::string value = it != given.end() ? it->second : o.defaultValue;
        if (o.type == FormatOption::Type::Number)
            mNumbers[o.name] = core::parseNumber(value).value_or(NAN);
        mValues[o.name] = std::move(value);
    }
}

double DriverOptions::number(std::string_view name) const {
    auto it = mNumbers.find(name);
    return it == mNumbers.end() ? NAN : it->second;
}

const std::string& DriverOptions::text(std::string_view name) const {
    static const std::string kNone;
    auto it = mValues.find(name);
    return it == mValues.end() ? kNone : it->second;
}

// [SECTION] driver

core::Result<DriverOptions> Driver::optionsFrom(const ReadOptions& options) const {
    std::map<std::string, std::string> mine;
    const std::string prefix = mInfo.name + ".";
    for (const auto& [key, value] : options.formatOptions) {
        if (!key.starts_with(prefix)) continue;
        const std::string name = key.substr(prefix.size());
        auto decl = std::find_if(mInfo.options.begin(), mInfo.options.end(),
                                 [&](const FormatOption& o) { return o.name == name; });
        if (decl == mInfo.options.end()) {
            std::string known;
            for (const auto& o : mInfo.options) known += (known.empty() ? "" : ", ") + o.name;
            return core::fail("", "",
                              "unknown option '" + key + "' (" + mInfo.name + " takes " +
                                  (known.empty() ? std::string("none") : known) + ")");
        }
        if (decl->type == FormatOption::Type::Number && !value.empty() &&
            !core::parseNumber(value))
            return core::fail("", "", "option '" + key + "': '" + value + "' is not a number");
        mine[name] = value;
    }
    return DriverOptions(mInfo, mine);
}

core::Result<void> Driver::open(OpenInfo& in, const ReadOptions& options, model::Dataset& ds,
                                ImportReport& report) const {
    const std::string who = mInfo.name + "::open()";
    auto own = optionsFrom(options);
    core::Result<void> result =
        own ? doOpen(in, options, *own, ds, report) : std::unexpected(own.error());
    if (!result) {
        if (result.error().who.empty()) result.error().who = who;
        if (result.error().file.empty()) result.error().file = in.source();
    }
    return result;
}

const Driver* DriverTable::byName(std::string_view name) const {
    for (const auto& d : mDrivers)
        if (d->info().name == name) return d.get();
    return nullptr;
}

const Driver* DriverTable::identify(OpenInfo& in) const {
    const Driver* unsure = nullptr;
    for (const auto& d : mDrivers) {
        Confidence c = d->identify(in);
        if (c == Confidence::Yes) return d.get();
        if (c == Confidence::Unsure && !unsure) unsure = d.get();
    }
    return unsure;
}

}  // namespace bz::io::formats
