// A source format's driver (GDAL's driver idea with Magnum's guard rails; private to io):
//  * identify(): a cheap look at the path, its header bytes and, when needed, the source opened
//    once for all drivers (OpenInfo): yes, no or unsure;
//  * open(): reads the source; the non-virtual wrapper checks the options against the format's
//    declarations and names the driver in every error, so no driver repeats that;
//  * registerXxx(DriverTable&): the format's name, extensions, capabilities and options.
// DriverTable.cpp lists the register functions: adding a format is a folder under formats/ and one
// line there.
#pragma once

#include <gdal_priv.h>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <bodemzicht/io/ImportReport.h>
#include <bodemzicht/io/SourceReader.h>
#include <bodemzicht/model/Dataset.h>

namespace bz::io::formats {

enum class Confidence { No, Unsure, Yes };

// The source as the drivers' identify() steps see it. Everything is looked at lazily and at most
// once: the header bytes, a zip's entries, the source opened as a GDAL vector dataset.
class OpenInfo {
  public:
    explicit OpenInfo(std::string source);
    ~OpenInfo();
    OpenInfo(const OpenInfo&) = delete;
    OpenInfo& operator=(const OpenInfo&) = delete;

    const std::string& source() const { return mSource; }
    const std::string& extension() const { return mExtension; }  // lower-case, no dot
    bool isLocalFile() const { return mLocalFile; }
    // The first 8 KiB of a local file; empty for anything else.
    std::string_view header();
    // A local zip's entries (paths inside it); empty for other sources.
    const std::vector<std::string>& zipEntries();
    // The source as a read-only GDAL vector dataset (CSV: every column as text), or nullptr;
    // vectorError() then says why.
    GDALDataset* vector();
    const std::string& vectorError();

  private:
    std::string mSource, mExtension;
    bool mLocalFile = false;
    std::optional<std::string> mHeader;
    std::optional<std::vector<std::string>> mZipEntries;
    bool mTriedVector = false;
    std::unique_ptr<GDALDataset> mVector;
    std::string mVectorError;
};

// The options a driver was given, with its declared defaults filled in.
class DriverOptions {
  public:
    DriverOptions(const FormatInfo& format, const std::map<std::string, std::string>& given);
    double number(std::string_view name) const;  // NaN for an empty value
    const std::string& text(std::string_view name) const;

  private:
    std::map<std::string, std::string, std::less<>> mValues;
    std::map<std::string, double, std::less<>> mNumbers;
};

class Driver {
  public:
    virtual ~Driver() = default;
    const FormatInfo& info() const { return mInfo; }

    Confidence identify(OpenInfo& in) const { return doIdentify(in); }
    // Reads `in` into `ds` (which the caller keeps apart from other sources). Errors carry who
    // ("klic::open()"), where and what.
    core::Result<void> open(OpenInfo& in, const ReadOptions& options, model::Dataset& ds,
                            ImportReport& report) const;
    // The given options that are meant for this format ("NAME" -> value), checked: an unknown
    // name or a value that is not a number is an error.
    core::Result<DriverOptions> optionsFrom(const ReadOptions& options) const;

  protected:
    explicit Driver(FormatInfo info) : mInfo(std::move(info)) {}

  private:
    virtual Confidence doIdentify(OpenInfo& in) const = 0;
    virtual core::Result<void> doOpen(OpenInfo& in, const ReadOptions& options,
                                      const DriverOptions& own, model::Dataset& ds,
                                      ImportReport& report) const = 0;
    FormatInfo mInfo;
};

class DriverTable {
  public:
    void add(std::unique_ptr<Driver> driver) { mDrivers.push_back(std::move(driver)); }
    const std::vector<std::unique_ptr<Driver>>& all() const { return mDrivers; }
    const Driver* byName(std::string_view name) const;
    // The first driver that says yes, else the first that is unsure; nullptr when all say no.
    const Driver* identify(OpenInfo& in) const;

  private:
    std::vector<std::unique_ptr<Driver>> mDrivers;
};

// The table of every format (DriverTable.cpp), built once.
const DriverTable& drivers();

}  // namespace bz::io::formats
