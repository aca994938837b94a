// Turns GDAL's CPLErrors in a scope into text we can attach to a bz::core::Error, instead of
// letting GDAL print them to stderr on its own.
#pragma once

#include <cpl_error.h>
#include <cpl_vsi.h>

#include <string>

namespace bz::io::detail {

class GdalErrorCapture {
  public:
    GdalErrorCapture() { CPLPushErrorHandlerEx(&handler, this); }
    ~GdalErrorCapture() { CPLPopErrorHandler(); }
    GdalErrorCapture(const GdalErrorCapture&) = delete;
    GdalErrorCapture& operator=(const GdalErrorCapture&) = delete;
    const std::string& text() const { return mText; }
    // Did GDAL report a failure (not just a warning) in this scope?
    bool failed() const { return mFailed; }
    // What to say after "PATH: cannot ...": GDAL's messages without the path it repeats, or,
    // where GDAL gave none (it often gives none for a missing file), whether `path` exists.
    std::string because(const std::string& path) const {
        VSIStatBufL stat;
        const bool missing = !path.empty() && VSIStatL(path.c_str(), &stat) != 0;
        if (missing && (mText.empty() || mText.find("No such file") != std::string::npos))
            return ": no such file";
        if (mText.empty()) return " (GDAL gave no reason)";
        std::string text = mText;
        for (const std::string& echo : {"`" + path + "' ", path + ": "})
            for (auto at = text.find(echo); !path.empty() && at != std::string::npos;
                 at = text.find(echo))
                text.erase(at, echo.size());
        return ": " + text;
    }

  private:
    static void CPL_STDCALL handler(CPLErr level, CPLErrorNum, const char* msg) {
        auto* self = static_cast<GdalErrorCapture*>(CPLGetErrorHandlerUserData());
        if (level < CE_Warning || !self) return;
        if (level >= CE_Failure) self->mFailed = true;
        if (!self->mText.empty()) self->mText += "; ";
        self->mText += msg;
    }
    std::string mText;
    bool mFailed = false;
};

void registerGdalOnce();

}  // namespace bz::io::detail
