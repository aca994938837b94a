// How coarse frames drawn while the camera moves may be: adapted to a frame-time budget, so that
// the view stays fluid on slow machines (Mesa llvmpipe) and as exact as the budget allows on fast
// ones. Still frames are always exact; this only sets the level of detail of moving frames.
#pragma once

#include <algorithm>

namespace bz::render {

class MovingDetail {
  public:
    // budgetMs <= 0: fixed detail (the finest). The coarsening factor scales the pixel size the
    // level of detail is chosen for: clustering cells and polygon edges grow with it.
    explicit MovingDetail(double budgetMs = 20.0, double finest = 3.0, double coarsest = 8.0)
        : budget_(budgetMs), finest_(finest), coarsest_(coarsest), coarsening_(finest) {}

    double coarsening() const { return coarsening_; }
    double budgetMs() const { return budget_; }

    // A moving frame took `ms`. Returns true when the coarsening changed. Decisions follow the
    // mean of the last two frames, and wait two frames after each change: a change makes the
    // next frames build levels they had not used yet, which must not count against it.
    bool frameTook(double ms) {
        if (budget_ <= 0) return false;
        const double smoothed = havePrevious_ ? (ms + previous_) / 2 : ms;
        previous_ = ms;
        havePrevious_ = true;
        if (cooldown_ > 0) {
            --cooldown_;
            return false;
        }
        double next = coarsening_;
        if (smoothed > budget_)
            next = std::min(coarsest_, coarsening_ * kStep);
        else if (smoothed < kRelaxBelow * budget_)
            next = std::max(finest_, coarsening_ / kStep);
        if (next == coarsening_) return false;
        coarsening_ = next;
        cooldown_ = 2;
        havePrevious_ = false;
        return true;
    }

  private:
    static constexpr double kStep = 1.25;
    // Refine only well under the budget: each step adds about a fifth to the frame time.
    static constexpr double kRelaxBelow = 0.65;
    double budget_, finest_, coarsest_, coarsening_;
    double previous_ = 0;
    bool havePrevious_ = false;
    int cooldown_ = 0;
};

}  // namespace bz::render
