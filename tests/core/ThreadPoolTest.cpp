// The engine's one thread pool: every index once, loops nested in jobs finish (the waiting thread
// runs queued jobs), exceptions reach the caller, workers run side by side.
#include <bodemzicht/core/ThreadPool.h>

#include <gtest/gtest.h>

#include <atomic>
#include <set>
#include <stdexcept>
#include <vector>

using bz::core::ThreadPool;

TEST(ThreadPool, EveryIndexRunsExactlyOnceWhateverTheGrain) {
    ThreadPool pool(3);
    for (std::size_t grain : {1u, 7u, 1000u}) {
        std::vector<std::atomic<int>> hits(5003);
        pool.parallelFor(hits.size(), [&](std::size_t i) { ++hits[i]; }, 0, grain);
        for (std::size_t i = 0; i < hits.size(); ++i) ASSERT_EQ(hits[i], 1) << i << " " << grain;
    }
    pool.parallelFor(0, [](std::size_t) { FAIL(); });
}

TEST(ThreadPool, LoopsNestedInJobsFinishEvenWhenEveryWorkerWaits) {
    ThreadPool pool(2);
    std::atomic<int> inner{0};
    // 8 outer jobs on 3 threads, each waiting for 50 inner ones: without helping, all threads
    // would wait for queued work that nobody runs.
    pool.parallelFor(8, [&](std::size_t) {
        pool.parallelFor(50, [&](std::size_t) { ++inner; });
    });
    EXPECT_EQ(inner, 8 * 50);
}

TEST(ThreadPool, RunGivesEachWorkerItsNumberAndRethrowsTheFirstError) {
    ThreadPool pool(3);
    std::vector<int> seen(6, 0);
    pool.run(6, [&](unsigned w) { seen[w] += 1; });  // more workers than threads: queued
    EXPECT_EQ(seen, std::vector<int>(6, 1));
    EXPECT_THROW(pool.run(4,
                          [](unsigned w) {
                              if (w == 2) throw std::runtime_error("job 2 failed");
                          }),
                 std::runtime_error);
    // The pool still works after an error.
    std::atomic<int> n{0};
    pool.parallelFor(100, [&](std::size_t) { ++n; });
    EXPECT_EQ(n, 100);
}

TEST(ThreadPool, WorkersRunSideBySide) {
    ThreadPool pool(1);
    ASSERT_EQ(pool.concurrency(), 2u);
    // Two workers that each wait for the other: only possible when both run at once.
    std::atomic<int> arrived{0};
    pool.run(2, [&](unsigned) {
        ++arrived;
        while (arrived < 2) std::this_thread::yield();
    });
    EXPECT_EQ(arrived, 2);
}
