#include <bodemzicht/core/Limits.h>
#include <bodemzicht/core/ThreadPool.h>

#include <algorithm>
#include <atomic>
#include <exception>

namespace bz::core {

// The jobs of one run(): the caller waits until all have finished, running queued jobs (its
// own or others') while it waits.
struct ThreadPool::Group {
    std::mutex mutex;
    std::condition_variable done;
    unsigned pending = 0;
    std::exception_ptr error;
};

ThreadPool::ThreadPool(unsigned threads) {
    if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency()) - 1;
    mWorkers.reserve(threads);
    for (unsigned t = 0; t < threads; ++t) mWorkers.emplace_back([this] { workerLoop(); });
}

ThreadPool::~ThreadPool() {
    {
        std::lock_guard lock(mMutex);
        mStop = true;
    }
    mWake.notify_all();
    for (auto& w : mWorkers) w.join();
}

ThreadPool& ThreadPool::shared() {
    static ThreadPool pool(static_cast<unsigned>(
        std::min<std::uint64_t>(std::max(1u, std::thread::hardware_concurrency()),
                                std::max<std::uint64_t>(1, limits().threads)) -
        1));
    return pool;
}

void ThreadPool::post(std::function<void()> task) {
    {
        std::lock_guard lock(mMutex);
        mQueue.push_back(std::move(task));
    }
    mWake.notify_one();
}

bool ThreadPool::runOneQueued() {
    std::function<void()> task;
    {
        std::lock_guard lock(mMutex);
        if (mQueue.empty()) return false;
        task = std::move(mQueue.front());
        mQueue.pop_front();
    }
    task();
    return true;
}

void ThreadPool::workerLoop() {
    for (;;) {
        std::function<void()> task;
        {
            std::unique_lock lock(mMutex);
            mWake.wait(lock, [&] { return mStop || !mQueue.empty(); });
            if (mStop && mQueue.empty()) return;
            task = std::move(mQueue.front());
            mQueue.pop_front();
        }
        task();
    }
}

void ThreadPool::run(unsigned workers, const std::function<void(unsigned)>& fn) {
    if (workers == 0) return;
    if (workers == 1) {
        fn(0);
        return;
    }
    Group group;
    group.pending = workers - 1;
    auto guarded = [&](unsigned w) {
        try {
            fn(w);
        } catch (...) {
            std::lock_guard lock(group.mutex);
            if (!group.error) group.error = std::current_exception();
        }
    };
    for (unsigned w = 1; w < workers; ++w)
        post([&group, &guarded, w] {
            guarded(w);
            std::lock_guard lock(group.mutex);
            if (--group.pending == 0) group.done.notify_all();
        });
    guarded(0);
    // Help while waiting: a job of this group may still be queued behind others, or every worker
    // may itself be waiting on a nested loop.
    for (;;) {
        {
            std::unique_lock lock(group.mutex);
            if (group.pending == 0) break;
        }
        if (runOneQueued()) continue;
        std::unique_lock lock(group.mutex);
        group.done.wait_for(lock, std::chrono::milliseconds(1),
                            [&] { return group.pending == 0; });
    }
    if (group.error) std::rethrow_exception(group.error);
}

void ThreadPool::parallelFor(std::size_t n, const std::function<void(std::size_t)>& job,
                             unsigned maxWorkers, std::size_t grain) {
    if (n == 0) return;
    grain = std::max<std::size_t>(1, grain);
    const std::size_t chunks = (n + grain - 1) / grain;
    unsigned workers = maxWorkers ? std::min(maxWorkers, concurrency()) : concurrency();
    workers = static_cast<unsigned>(std::min<std::size_t>(workers, chunks));
    std::atomic<std::size_t> next{0};
    run(workers, [&](unsigned) {
        for (std::size_t c = next++; c < chunks; c = next++) {
            const std::size_t end = std::min(n, (c + 1) * grain);
            for (std::size_t i = c * grain; i < end; ++i) job(i);
        }
    });
}

}  // namespace bz::core
