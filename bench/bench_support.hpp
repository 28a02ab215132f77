// A small, dependency-free benchmark harness: median of repeated batches, plus allocation counts
// from a replaced global operator new (only in the benchmark binaries).
#pragma once

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <new>
#include <string>
#include <thread>
#include <vector>

namespace bench {

inline std::atomic<std::size_t> allocations{0};

struct result {
    double ns_per_op;
    double allocs_per_op;
};

/// Runs `f` in batches until ~0.2 s have passed, `rounds` times; reports the median batch.
template <class F>
result measure(F&& f, int rounds = 7) {
    using clock = std::chrono::steady_clock;
    std::size_t batch = 1;
    for (;;) {  // find a batch that takes ~20 ms
        const auto t0 = clock::now();
        for (std::size_t i = 0; i < batch; ++i) f();
        if (clock::now() - t0 > std::chrono::milliseconds(20) || batch > (1U << 26)) break;
        batch *= 2;
    }
    std::vector<double> ns;
    std::size_t allocs = 0;
    for (int r = 0; r < rounds; ++r) {
        const std::size_t a0 = allocations.load();
        const auto t0 = clock::now();
        for (std::size_t i = 0; i < batch; ++i) f();
        const auto t1 = clock::now();
        allocs = allocations.load() - a0;
        ns.push_back(std::chrono::duration<double, std::nano>(t1 - t0).count() / static_cast<double>(batch));
    }
    std::sort(ns.begin(), ns.end());
    return {ns[ns.size() / 2], static_cast<double>(allocs) / static_cast<double>(batch)};
}

inline void report(const char* name, const result& r) {
    std::printf("  %-58s %12.0f ns/op %10.1f allocs/op\n", name, r.ns_per_op, r.allocs_per_op);
}

/// Calls per second with every hardware thread running `per_thread` calls of `f` at once (the
/// hot paths are lock-free and share their inputs); prints "  <what> on N threads: X <unit>/s".
template <class F>
void throughput(const char* what, const char* unit, int per_thread, F&& f) {
    const unsigned threads = std::max(1U, std::thread::hardware_concurrency());
    const auto start = std::chrono::steady_clock::now();
    std::vector<std::thread> pool;
    pool.reserve(threads);
    for (unsigned i = 0; i < threads; ++i) {
        pool.emplace_back([&] {
            for (int k = 0; k < per_thread; ++k) f();
        });
    }
    for (auto& th : pool) th.join();
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("threads\n  %s on %u threads: %.0f %s/s\n", what, threads, static_cast<double>(threads) * per_thread / secs, unit);
}

}  // namespace bench

// Counting allocator for this binary only.
void* operator new(std::size_t n) {
    bench::allocations.fetch_add(1, std::memory_order_relaxed);
    if (void* p = std::malloc(n == 0 ? 1 : n)) return p;
    throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
