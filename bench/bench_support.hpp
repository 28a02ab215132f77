// A small, dependency-free benchmark harness: median of repeated batches, plus allocation counts
// from a replaced global operator new (only in the benchmark binaries).
#pragma once

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <new>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <unistd.h>

namespace bench {

// This thread's count (the measurements read the thread they run on): a counter shared by every
// thread would itself be the contention the scaling runs measure (each allocation a cache line
// passed between cores).
inline thread_local std::size_t allocations = 0;

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
        const std::size_t a0 = allocations;
        const auto t0 = clock::now();
        for (std::size_t i = 0; i < batch; ++i) f();
        const auto t1 = clock::now();
        allocs = allocations - a0;
        ns.push_back(std::chrono::duration<double, std::nano>(t1 - t0).count() / static_cast<double>(batch));
    }
    std::sort(ns.begin(), ns.end());
    return {ns[ns.size() / 2], static_cast<double>(allocs) / static_cast<double>(batch)};
}

inline void report(const char* name, const result& r) {
    std::printf("  %-58s %12.0f ns/op %10.1f allocs/op\n", name, r.ns_per_op, r.allocs_per_op);
}

/// Keeps a computed value alive, so the optimiser cannot drop the work that made it.
inline void keep(std::uint64_t x) { asm volatile("" : : "r"(x) : "memory"); }

/// The calling thread's CPU time in seconds (what the machine gave this thread, whatever else runs).
inline double thread_cpu_seconds() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

/// `threads` threads each running `per_thread` calls of `f` at once: the wall time and each
/// thread's own CPU time.
template <class F>
std::pair<double, std::vector<double>> run_on_threads(unsigned threads, int per_thread, F& f) {
    std::vector<double> cpu(threads);
    std::vector<std::thread> pool;
    pool.reserve(threads);
    const auto start = std::chrono::steady_clock::now();
    for (unsigned i = 0; i < threads; ++i) {
        pool.emplace_back([&, i] {
            const double c0 = thread_cpu_seconds();
            for (int k = 0; k < per_thread; ++k) f();
            cpu[i] = thread_cpu_seconds() - c0;
        });
    }
    for (auto& th : pool) th.join();
    return {std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), cpu};
}

/// The machine's stolen time so far, in seconds (the `steal` column of /proc/stat's first line:
/// time the hypervisor ran something else while this machine's virtual CPUs wanted to run); 0 where
/// there is no such file.
inline double steal_seconds() {
    std::FILE* f = std::fopen("/proc/stat", "r");
    if (f == nullptr) return 0;
    unsigned long long v[8] = {};
    const int n = std::fscanf(f, "cpu %llu %llu %llu %llu %llu %llu %llu %llu", &v[0], &v[1], &v[2], &v[3], &v[4], &v[5], &v[6], &v[7]);
    std::fclose(f);
    const long hz = sysconf(_SC_CLK_TCK);
    return n == 8 && hz > 0 ? static_cast<double>(v[7]) / static_cast<double>(hz) : 0;
}

/// Scaling: calls per second on one thread and on every hardware thread at once (the hot paths are
/// lock-free and share their inputs). Nine rounds, each one thread then all of them, so a slow spell
/// of the machine falls on both; the ratios are the rounds' medians. By wall clock and by CPU time
/// (calls per CPU-second of the threads: 1.0 means no thread slowed another; the wall ratio also
/// depends on how many cores the machine really gave), and the time the hypervisor stole from the
/// machine while the threads ran, as a share of the threads' wall time.
template <class F>
void throughput(const char* what, const char* unit, int per_thread, F&& f) {
    const unsigned threads = std::max(2U, std::thread::hardware_concurrency());
    const double calls = per_thread, all_calls = static_cast<double>(threads) * per_thread;
    std::vector<double> rate1, raten, wall_ratio, cpu_ratio;
    std::vector<double> per_thread_cpu;
    double stolen = 0, threads_wall = 0;
    for (int round = 0; round < 9; ++round) {
        const auto [w1, c1] = run_on_threads(1, per_thread, f);
        const double s0 = steal_seconds();
        const auto [wn, cn] = run_on_threads(threads, per_thread, f);
        stolen += steal_seconds() - s0;
        threads_wall += wn * threads;
        double cpu_total = 0;
        for (double c : cn) cpu_total += c;
        rate1.push_back(calls / w1);
        raten.push_back(all_calls / wn);
        wall_ratio.push_back(rate1.back() == 0 ? 0 : raten.back() / rate1.back());
        cpu_ratio.push_back((all_calls / cpu_total) / (calls / c1[0]));
        if (raten.back() >= *std::max_element(raten.begin(), raten.end())) per_thread_cpu = cn;
    }
    auto median = [](std::vector<double> v) {
        std::sort(v.begin(), v.end());
        return v[v.size() / 2];
    };
    std::printf("threads\n  %s: 1 thread %.0f %s/s; %u threads %.0f %s/s (medians of 9 rounds): %.2fx by wall clock"
                " (rounds %.2f-%.2f), %.2f of one thread's rate per CPU-second\n",
                what, median(rate1), unit, threads, median(raten), unit, median(wall_ratio),
                *std::min_element(wall_ratio.begin(), wall_ratio.end()), *std::max_element(wall_ratio.begin(), wall_ratio.end()),
                median(cpu_ratio));
    std::printf("    CPU seconds per thread in the fastest round on %u threads:", threads);
    for (double c : per_thread_cpu) std::printf(" %.3f", c);
    std::printf("; stolen by the hypervisor while %u threads ran: %.1f%% of their time\n", threads,
                threads_wall > 0 ? 100 * stolen / threads_wall : 0.0);
}

}  // namespace bench

// Counting allocator for this binary only.
void* operator new(std::size_t n) {
    ++bench::allocations;
    if (void* p = std::malloc(n == 0 ? 1 : n)) return p;
    throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
