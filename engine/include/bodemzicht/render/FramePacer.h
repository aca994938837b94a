// When the viewer draws what: fast moving frames while input arrives, one exact still frame a
// moment after the last input, then nothing until the next input (an idle viewer costs no CPU).
#pragma once

namespace bz::render {

// Frames while the camera moves trade exactness for speed (plain alpha blending instead of depth
// peeling, a coarse unlit ground, coarser level of detail); a still frame is exact.
enum class FrameQuality { Moving, Still };

class FramePacer {
  public:
    explicit FramePacer(double settleSeconds = 0.25) : settle_(settleSeconds) {}
    // Any input (mouse, keys, a panel being used) at time `now` (seconds).
    void input(double now) {
        lastInput_ = now;
        stillShown_ = false;
    }
    FrameQuality quality(double now) const {
        return now - lastInput_ < settle_ ? FrameQuality::Moving : FrameQuality::Still;
    }
    void shown(FrameQuality q) { stillShown_ = q == FrameQuality::Still; }
    // True once the still frame is on screen: wait for the next event instead of drawing.
    bool waiting() const { return stillShown_; }

  private:
    double settle_;
    double lastInput_ = -1e300;
    bool stillShown_ = false;
};

}  // namespace bz::render
