// The engine's one thread pool: workers started once and shared by every parallel loop (the
// spatial index, the clash queries, the viewer's level-of-detail builds), instead of threads
// started per call. The calling thread always works too, and a thread waiting for its jobs runs
// queued jobs meanwhile, so loops may nest without deadlock.
//
//     core::ThreadPool::shared().parallelFor(n, [&](std::size_t i) { work(i); });
//     core::ThreadPool::shared().run(4, [&](unsigned worker) { ... });  // 4 workers side by side
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace bz::core {

class ThreadPool {
  public:
    // `threads` workers besides the caller (0: one per core less one).
    explicit ThreadPool(unsigned threads = 0);
    ~ThreadPool();
    ThreadPool(const ThreadPool&) = delete;
    ThreadPool& operator=(const ThreadPool&) = delete;

    // The process-wide pool: one thread per core (the caller included), at most core::Limits
    // threads.
    static ThreadPool& shared();

    // How many threads can work at once: the workers and the caller.
    unsigned concurrency() const { return static_cast<unsigned>(mWorkers.size()) + 1; }

    // Runs fn(w) for w in [0, workers) side by side (fn(0) on the calling thread) and returns
    // when all have returned. More workers than concurrency() still all run (queued).
    void run(unsigned workers, const std::function<void(unsigned)>& fn);

    // Runs job(i) for every i in [0, n), handed out in chunks of `grain` to at most `maxWorkers`
    // threads (0: concurrency()). The first exception thrown by a job is rethrown here.
    void parallelFor(std::size_t n, const std::function<void(std::size_t)>& job,
                     unsigned maxWorkers = 0, std::size_t grain = 1);

  private:
    struct Group;
    void post(std::function<void()> task);
    bool runOneQueued();
    void workerLoop();

    std::mutex mMutex;
    std::condition_variable mWake;
    std::deque<std::function<void()>> mQueue;
    std::vector<std::thread> mWorkers;
    bool mStop = false;
};

}  // namespace bz::core
