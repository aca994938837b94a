// Turns GDAL's CPLErrors in a scope into text we can attach to a bz::core::Error, instead of
// letting GDAL print them to stderr on its own.
#pragma once

#include <cpl_error.h>

#include <string>

namespace bz::io::detail {

class GdalErrorCapture {
  public:
    GdalErrorCapture() { CPLPushErrorHandlerEx(&handler, this); }
    ~GdalErrorCapture() { CPLPopErrorHandler(); }
    GdalErrorCapture(const GdalErrorCapture&) = delete;
    GdalErrorCapture& operator=(const GdalErrorCapture&) = delete;
    const std::string& text() const { return mText; }

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
