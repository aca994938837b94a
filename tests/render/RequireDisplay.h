// Rendering tests need an X display (Xvfb in CI). CI runs them under xvfb-run and must not skip; a
// developer without X may.
#pragma once

#include <bodemzicht/render/SceneRenderer.h>

#include <gtest/gtest.h>

#include <cstdlib>

#define REQUIRE_DISPLAY()                                                                      \
    do {                                                                                       \
        if (!bz::render::displayAvailable()) {                                                 \
            if (std::getenv("CI")) FAIL() << "no DISPLAY in CI: run the tests under xvfb-run"; \
            GTEST_SKIP() << "no DISPLAY: run under xvfb-run";                                  \
        }                                                                                      \
    } while (0)
