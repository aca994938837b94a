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
    // What to say after "cannot ...": GDAL's messages, or, where GDAL gave none (it often gives
    // none for a missing file), whether `path` exists at all.
    std::string because(const std::string& path) const {
        if (!mText.empty()) return ": " + mText;
        VSIStatBufL stat;
        if (!path.empty() && VSIStatL(path.c_str(), &stat) != 0) return ": no such file";
        return " (GDAL gave no reason)";
    }

  private:
    static void CPL_STDCALL handler(CPLErr level, CPLErrorNum, const char* msg) {
        auto* self = static_cast<GdalErrorCapture*>(CPLGetErrorHandlerUserData());
        if (level < CE_Warning || !self) return;
        if (!self->mText.empty()) self->mText += "; ";
        self->mText += msg;
    }
    std::string mText;
};

void registerGdalOnce();

}  // namespace bz::io::detail
