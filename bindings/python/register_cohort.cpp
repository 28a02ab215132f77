// Batch tables for pandas: columns in, columns out, the loop in C++ without the GIL.
//
//   treatments_from_columns(device=[...], depth_mm=[...], ...) -> list[Treatment]
//   cohort_table(treatments, protocol) -> dict of numpy arrays   (make_plan for each, then the table)
//   cohort_wide_table(treatments, protocol, errors, values) -> one row per treatment, a column per code
//   plan_table(plans) -> the same table for plans already made
//   schedules_table(treatments, zones, protocol, ...) -> one row per (patient, reminder)
//   triage_table(treatments, patient=[...], symptom=[...], ...) -> one row per report
//   screening_table(histories, treatments, as_of=[...]) -> one row per patient
//
// The table has one row per (plan, entry). Codes come as int codes plus their categories (pandas
// Categorical.from_codes; -1 is missing), durations and instants as int64 seconds with
// INT64_MIN as the missing value, which is numpy's NaT, so `.view("m8[s]")`/`.view("M8[s]")` is free.
#include "convert.hpp"
#include "register.hpp"

#include <aftercare/plan.hpp>
#include <aftercare/reminders.hpp>
#include <aftercare/screening.hpp>
#include <aftercare/time.hpp>
#include <aftercare/triage.hpp>
#include <aftercare/zones.hpp>

#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <deque>
#include <exception>
#include <limits>
#include <optional>
#include <string>
#include <span>
#include <string_view>
#include <thread>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <variant>
#include <vector>

namespace aftercare::python {

namespace {

constexpr std::int64_t nat = std::numeric_limits<std::int64_t>::min();

// A list of items, a pair (codes, distinct values) or an int64 array: see column_items.
using column_arg = py::object;
using optional_column_arg = py::object;

/// Interns strings: an index per distinct value, in first-seen order. `Value` is std::string_view
/// for strings that live as long as the plans, std::string to keep a copy of strings that die with
/// a schedule (a std::deque keeps the copies where the index's keys point).
template <class Value>
class basic_categories {
public:
    std::int32_t operator()(std::string_view s) {
        const auto it = index_.find(s);
        if (it != index_.end()) return it->second;
        const std::string_view kept = values_.emplace_back(s);
        return index_.emplace(kept, static_cast<std::int32_t>(values_.size() - 1)).first->second;
    }
    [[nodiscard]] std::size_t size() const noexcept { return values_.size(); }
    [[nodiscard]] std::string_view operator[](std::size_t i) const noexcept { return values_[i]; }
    [[nodiscard]] py::list to_list() const {
        py::list out;
        for (std::string_view s : values_) out.append(py::str(s.data(), s.size()));
        return out;
    }

private:
    std::unordered_map<std::string_view, std::int32_t> index_;
    std::deque<Value> values_;
};
using categories = basic_categories<std::string_view>;
using owned_categories = basic_categories<std::string>;

struct table {
    std::vector<std::int64_t> plan_index, onset, end, abnormal_after, start, finish;
    std::vector<std::int32_t> code, title, tier;
    std::vector<std::int8_t> kind, likelihood, level, remind;
    categories codes, titles, tiers;
};

template <class E>
std::int8_t code_of(const std::optional<E>& e) {
    return e ? static_cast<std::int8_t>(*e) : std::int8_t{-1};
}

std::int64_t seconds(const std::optional<std::chrono::minutes>& m) {
    return m ? std::chrono::duration_cast<std::chrono::seconds>(*m).count() : nat;
}

std::int64_t epoch(const std::optional<date::sys_seconds>& t) { return t ? t->time_since_epoch().count() : nat; }

/// Fills the table; no Python objects are touched (runs without the GIL).
void fill(table& t, const std::vector<plan>& plans) {
    std::size_t rows = 0;
    for (const plan& p : plans) rows += p.entries().size();
    for (auto* v : {&t.plan_index, &t.onset, &t.end, &t.abnormal_after, &t.start, &t.finish}) v->reserve(rows);
    t.tier.reserve(plans.size());
    for (std::size_t i = 0; i < plans.size(); ++i) {
        const plan& p = plans[i];
        t.tier.push_back(t.tiers(p.tier()));
        for (const entry& e : p.entries()) {
            t.plan_index.push_back(static_cast<std::int64_t>(i));
            t.code.push_back(t.codes(e.code));
            t.title.push_back(t.titles(e.title));
            t.kind.push_back(static_cast<std::int8_t>(e.kind));
            t.likelihood.push_back(code_of(e.likely));
            t.level.push_back(code_of(e.level));
            t.remind.push_back(static_cast<std::int8_t>(e.remind));
            t.onset.push_back(seconds(e.onset));
            t.end.push_back(seconds(e.end));
            t.abnormal_after.push_back(seconds(e.abnormal_after));
            t.start.push_back(epoch(e.start));
            t.finish.push_back(epoch(e.finish));
        }
    }
}

template <class T>
py::array_t<T> array(const std::vector<T>& v) {
    py::array_t<T> a(static_cast<py::ssize_t>(v.size()));
    if (!v.empty()) std::memcpy(a.mutable_data(), v.data(), v.size() * sizeof(T));
    return a;
}

py::typing::Dict<py::str, py::object> to_dict(const table& t) {
    py::typing::Dict<py::str, py::object> d;
    d["plan"] = array(t.plan_index);
    d["code"] = array(t.code);
    d["code_categories"] = t.codes.to_list();
    d["title"] = array(t.title);
    d["title_categories"] = t.titles.to_list();
    d["kind"] = array(t.kind);
    d["likelihood"] = array(t.likelihood);
    d["level"] = array(t.level);
    d["remind"] = array(t.remind);
    d["onset"] = array(t.onset);
    d["end"] = array(t.end);
    d["abnormal_after"] = array(t.abnormal_after);
    d["start"] = array(t.start);
    d["finish"] = array(t.finish);
    d["tier"] = array(t.tier);
    d["tier_categories"] = t.tiers.to_list();
    return d;
}

/// Treatments read from a table, kept in C++ (no Python object per row): one per input row,
/// nullopt for a row set aside while reading.
struct treatment_batch {
    std::vector<std::optional<treatment>> items;
};

std::size_t batch_index(const treatment_batch& b, py::ssize_t i) {
    const auto n = static_cast<py::ssize_t>(b.items.size());
    if (i < 0) i += n;
    if (i < 0 || i >= n) throw py::index_error("TreatmentBatch index out of range");
    return static_cast<std::size_t>(i);
}

/// Everything make_plan reads but the treatment time, which only shifts `start` and `finish`:
/// treatments equal but for it share one evaluation.
struct plan_key_hash {
    std::size_t operator()(const treatment& t) const noexcept {
        std::uint64_t h = static_cast<std::uint64_t>(t.device) | static_cast<std::uint64_t>(t.area) << 8U |
                          static_cast<std::uint64_t>(static_cast<std::uint8_t>(t.skin_type.value())) << 16U |
                          static_cast<std::uint64_t>(t.indication ? static_cast<unsigned>(*t.indication) + 1U : 0U) << 24U |
                          static_cast<std::uint64_t>(static_cast<std::uint32_t>(t.depth.micrometres())) << 32U;
        for (const std::uint64_t more : {static_cast<std::uint64_t>(t.adjuncts.bits()) | static_cast<std::uint64_t>(t.history.bits()) << 32U,
                                         static_cast<std::uint64_t>(static_cast<std::uint32_t>(t.session))}) {
            h ^= more + 0x9e3779b97f4a7c15ULL + (h << 6U) + (h >> 2U);
        }
        h ^= h >> 33U;  // splitmix's finaliser: the low bits depend on every field
        h *= 0xff51afd7ed558ccdULL;
        h ^= h >> 33U;
        return static_cast<std::size_t>(h);
    }
};

/// One entry of an evaluated plan, as the cohort table stores it.
struct template_row {
    std::int64_t onset, end, abnormal_after;
    std::int32_t code, title;
    std::int8_t kind, likelihood, level, remind;
};

/// The plans of a cohort, one evaluation per distinct treatment (but its time): their rows, and per
/// input row which evaluation it has (-1: none, the row failed or was set aside).
class cohort_plans {
public:
    explicit cohort_plans(const protocol& p) : protocol_(p) {
        first_.push_back(0);
        for (const depth_tier& t : p.tiers()) (void)tiers(t.id);  // the categories in depth order, shallowest first
    }

    /// The evaluation for `t` (made on first sight). Throws make_plan's error for a bad treatment.
    std::int32_t of(const treatment& t) {
        treatment key = t;
        key.treated_at.reset();
        const auto it = index_.find(key);
        if (it == index_.end()) return add(t, key);
        if (it->second < 0) (void)make_plan(t, protocol_);  // its error, exactly as make_plan reports it
        if (t.treated_at) check_instant_range(*t.treated_at, "treated_at");  // all make_plan checks beyond the key
        return it->second;
    }
    [[nodiscard]] std::size_t rows(std::int32_t k) const noexcept {
        return first_[static_cast<std::size_t>(k) + 1] - first_[static_cast<std::size_t>(k)];
    }
    [[nodiscard]] std::span<const template_row> entries(std::int32_t k) const noexcept {
        return {rows_.data() + first_[static_cast<std::size_t>(k)], rows(k)};
    }
    [[nodiscard]] std::int32_t tier(std::int32_t k) const noexcept { return tier_[static_cast<std::size_t>(k)]; }
    owned_categories codes, titles;  // owned: the evaluations' plans are not kept
    owned_categories tiers;          // every tier of the protocol, in its order

private:
    std::int32_t add(const treatment& t, const treatment& key) {
        std::optional<plan> made;
        try {
            made = make_plan(t, protocol_);
        } catch (const aftercare::error&) {
            index_.emplace(key, -1);
            throw;
        }
        const auto k = static_cast<std::int32_t>(tier_.size());
        tier_.push_back(tiers(made->tier()));
        for (const entry& e : made->entries()) {
            rows_.push_back({seconds(e.onset), seconds(e.end), seconds(e.abnormal_after), codes(e.code), titles(e.title),
                             static_cast<std::int8_t>(e.kind), code_of(e.likely), code_of(e.level), static_cast<std::int8_t>(e.remind)});
        }
        first_.push_back(rows_.size());
        index_.emplace(key, k);
        return k;
    }

    const protocol& protocol_;
    std::unordered_map<treatment, std::int32_t, plan_key_hash> index_;
    std::vector<template_row> rows_;
    std::vector<std::size_t> first_;  // rows_ of evaluation k: [first_[k], first_[k + 1])
    std::vector<std::int32_t> tier_;
};

/// A numpy array of n items of T, and where to write them (taken with the GIL, written without).
template <class T>
struct out_column {
    py::array_t<T> array;
    T* data;
    explicit out_column(std::size_t n) : array(static_cast<py::ssize_t>(n)), data(array.mutable_data()) {}
};

/// Category codes as pandas keeps them for that many categories (Categorical.from_codes would
/// otherwise copy them into the narrowest type): int8 below 127 categories, else int16, else int32.
using code_column = std::variant<out_column<std::int8_t>, out_column<std::int16_t>, out_column<std::int32_t>>;

code_column make_code_column(std::size_t n, std::size_t count) {
    if (count < 127) return code_column{std::in_place_index<0>, n};
    if (count < 32767) return code_column{std::in_place_index<1>, n};
    return code_column{std::in_place_index<2>, n};
}

py::object to_array(const code_column& c) {
    return std::visit([](const auto& x) -> py::object { return x.array; }, c);
}

/// The columns of a cohort table, allocated once its size is known and written without the GIL.
struct cohort_columns {
    out_column<std::int64_t> plan, onset, end, abnormal_after, start, finish;
    out_column<std::int8_t> kind, likelihood, level, remind;
    code_column code, title, tier;

    cohort_columns(std::size_t rows, std::size_t codes, std::size_t titles, std::size_t tiers)
        : plan(rows), onset(rows), end(rows), abnormal_after(rows), start(rows), finish(rows), kind(rows), likelihood(rows),
          level(rows), remind(rows), code(make_code_column(rows, codes)), title(make_code_column(rows, titles)),
          tier(make_code_column(rows, tiers)) {}

    /// Every entry of each input row's evaluation, its instants shifted to its time: the input rows
    /// [begin, end), from table row `r` on. Disjoint ranges may be written from different threads.
    void write(const cohort_plans& plans, const std::vector<std::int32_t>& evaluation, const treatment_batch& batch,
               std::size_t begin, std::size_t end_row, std::size_t r) {
        std::visit([&](auto& codes, auto& titles, auto& tiers) {
            for (std::size_t i = begin; i < end_row; ++i) {
                if (evaluation[i] < 0) continue;
                const auto& at = batch.items[i]->treated_at;
                const std::int64_t t0 = at ? at->time_since_epoch().count() : 0;
                const auto tier_code = static_cast<std::remove_reference_t<decltype(*tiers.data)>>(plans.tier(evaluation[i]));
                for (const template_row& e : plans.entries(evaluation[i])) {
                    tiers.data[r] = tier_code;
                    plan.data[r] = static_cast<std::int64_t>(i);
                    onset.data[r] = e.onset;
                    end.data[r] = e.end;
                    abnormal_after.data[r] = e.abnormal_after;
                    start.data[r] = at ? t0 + e.onset : nat;
                    finish.data[r] = at && e.end != nat ? t0 + e.end : nat;
                    kind.data[r] = e.kind;
                    likelihood.data[r] = e.likelihood;
                    level.data[r] = e.level;
                    remind.data[r] = e.remind;
                    codes.data[r] = static_cast<std::remove_reference_t<decltype(*codes.data)>>(e.code);
                    titles.data[r] = static_cast<std::remove_reference_t<decltype(*titles.data)>>(e.title);
                    ++r;
                }
            }
        }, code, title, tier);
    }
};

/// The reminders of many patients: one row per (patient, reminder).
struct reminder_table {
    std::vector<std::int64_t> patient, at, due, local, window_end;
    std::vector<std::int32_t> code, title, entry, zone;
    std::vector<std::int8_t> kind, anchor, slot;
    owned_categories codes, titles, entries, zones;  // a schedule's codes live as long as it
};

void add_reminders(reminder_table& t, std::int64_t patient, std::string_view zone, const reminder_schedule& s) {
    const std::int32_t z = t.zones(zone);
    for (const reminder& r : s.reminders()) {
        t.patient.push_back(patient);
        t.zone.push_back(z);
        t.code.push_back(t.codes(r.code));
        t.title.push_back(t.titles(r.title));
        t.entry.push_back(r.entry.empty() ? -1 : t.entries(r.entry));
        t.kind.push_back(static_cast<std::int8_t>(r.kind));
        t.anchor.push_back(static_cast<std::int8_t>(r.anchor));
        t.slot.push_back(code_of(r.slot));
        t.at.push_back(r.at.time_since_epoch().count());
        t.due.push_back(r.due.time_since_epoch().count());
        t.local.push_back(r.local.time_since_epoch().count());
        t.window_end.push_back(epoch(r.window_end));
    }
}

py::typing::Dict<py::str, py::object> to_dict(const reminder_table& t) {
    py::typing::Dict<py::str, py::object> d;
    d["patient"] = array(t.patient);
    d["time_zone"] = array(t.zone);
    d["time_zone_categories"] = t.zones.to_list();
    d["code"] = array(t.code);
    d["code_categories"] = t.codes.to_list();
    d["title"] = array(t.title);
    d["title_categories"] = t.titles.to_list();
    d["entry"] = array(t.entry);
    d["entry_categories"] = t.entries.to_list();
    d["kind"] = array(t.kind);
    d["anchor"] = array(t.anchor);
    d["slot"] = array(t.slot);
    d["at"] = array(t.at);
    d["due"] = array(t.due);
    d["local"] = array(t.local);
    d["window_end"] = array(t.window_end);
    return d;
}

/// A column argument: None (every row takes the default), a list of n items, a pair (codes,
/// values) of n int64 codes into a list of distinct values with -1 for a missing item (what
/// pandas.factorize gives), or a numpy int64 array of n numbers with INT64_MIN for a missing one
/// (epoch seconds). Items are read as borrowed handles: the column outlives the use.
class column_items {
public:
    column_items(py::handle value, std::size_t n, std::string_view name) {
        if (value.is_none()) return;
        const auto wrong = [&] {
            return py::value_error("column '" + std::string(name) + "' must be a list of " + std::to_string(n) +
                                   " values, a pair (codes, values) or an int64 array");
        };
        if (py::isinstance<py::list>(value)) {
            if (py::len(value) != n) throw wrong();
            values_ = py::reinterpret_borrow<py::object>(value);
            return;
        }
        if (py::isinstance<py::tuple>(value)) {
            const auto pair = py::reinterpret_borrow<py::tuple>(value);
            if (pair.size() != 2 || !py::isinstance<py::list>(pair[1])) throw wrong();
            numbers(pair[0], n, wrong);
            values_ = pair[1];
            const auto distinct = static_cast<std::int64_t>(py::len(values_));
            for (std::size_t i = 0; i < n; ++i) {
                if (number_[i] < -1 || number_[i] >= distinct) throw py::value_error("column '" + std::string(name) + "' has a code out of range");
            }
            return;
        }
        numbers(value, n, wrong);
    }

    [[nodiscard]] bool is_none() const noexcept { return values_.is_none() && number_ == nullptr; }

    /// Item i (None when the column is None or the item is missing). Not for an int64 array.
    [[nodiscard]] py::handle operator[](std::size_t i) const {
        if (values_.is_none()) return py::none();
        if (number_ == nullptr) return PyList_GET_ITEM(values_.ptr(), static_cast<py::ssize_t>(i));
        const std::int64_t code = number_[i];
        return code < 0 ? py::handle(py::none()) : py::handle(PyList_GET_ITEM(values_.ptr(), static_cast<py::ssize_t>(code)));
    }

    /// Item i's index among the distinct values of a (codes, values) column; -1 for a missing item
    /// or a column of another shape.
    [[nodiscard]] std::int64_t code(std::size_t i) const noexcept {
        return values_.is_none() || number_ == nullptr ? -1 : number_[i];
    }
    [[nodiscard]] std::size_t distinct() const noexcept {
        return values_.is_none() || number_ == nullptr ? 0 : static_cast<std::size_t>(py::len(values_));
    }

    /// Item i as an int64 (epoch seconds), nullopt when None or missing.
    [[nodiscard]] std::optional<std::int64_t> integer(std::size_t i) const {
        if (values_.is_none() && number_ != nullptr) {
            return number_[i] == nat ? std::nullopt : std::optional<std::int64_t>{number_[i]};
        }
        const py::handle v = (*this)[i];
        return v.is_none() ? std::nullopt : std::optional<std::int64_t>{v.cast<std::int64_t>()};
    }

private:
    template <class Wrong>
    void numbers(py::handle value, std::size_t n, const Wrong& wrong) {
        if (!py::isinstance<py::array_t<std::int64_t>>(value)) throw wrong();
        numbers_ = py::array_t<std::int64_t, py::array::c_style>::ensure(value);
        if (!numbers_ || numbers_.ndim() != 1 || static_cast<std::size_t>(numbers_.size()) != n) throw wrong();
        number_ = numbers_.data();
    }

    py::object values_ = py::none();  // the items, or the distinct values the codes point at
    py::array_t<std::int64_t, py::array::c_style> numbers_;
    const std::int64_t* number_ = nullptr;
};

py::handle item(const column_items& column, std::size_t i) { return column[i]; }

/// What `parse` makes of each item of a column, made once per distinct value of a (codes, values)
/// column and kept (a value that fails is parsed again, and fails again, on each of its rows);
/// every item of other columns is parsed on its own.
template <class T>
class parsed_column {
public:
    explicit parsed_column(const column_items& column) : column_(column), cache_(column.distinct()) {}

    template <class Parse>
    T operator()(std::size_t i, const Parse& parse) {
        const std::int64_t code = column_.code(i);
        if (code < 0) return parse(column_[i]);
        std::optional<T>& kept = cache_[static_cast<std::size_t>(code)];
        if (!kept) kept = parse(column_[i]);
        return *kept;
    }

private:
    const column_items& column_;
    std::vector<std::optional<T>> cache_;
};

/// errors="raise" or "coerce" (the pandas convention).
bool coerce_errors(const std::string& errors) {
    if (errors == "coerce") return true;
    if (errors == "raise") return false;
    throw py::value_error("errors must be 'raise' or 'coerce', not '" + errors + "'");
}

/// Raises `e` as its Python error with `row` set to the input position: the caller names the row
/// by its index label.
[[noreturn]] void raise_at_row(const aftercare::error& e, std::size_t row) {
    py::object exc = error_object(e);
    exc.attr("row") = row;
    PyErr_SetObject(reinterpret_cast<PyObject*>(Py_TYPE(exc.ptr())), exc.ptr());
    throw py::error_already_set();
}

/// The rows errors="coerce" set aside: input position, the error's field and its message.
struct row_failures {
    std::vector<std::int64_t> position;
    std::vector<std::string> field, message;
    void add(std::size_t row, const aftercare::error& e) {
        position.push_back(static_cast<std::int64_t>(row));
        const auto* v = dynamic_cast<const invalid_value*>(&e);  // a protocol or zone error has no field
        field.emplace_back(v != nullptr ? v->field() : std::string());
        message.emplace_back(e.what());
    }
    void put(py::typing::Dict<py::str, py::object>& d) const {
        d["failed"] = array(position);
        py::list f, msg;
        for (const auto& x : field) f.append(x);
        for (const auto& x : message) msg.append(x);
        d["failed_field"] = f;
        d["failed_message"] = msg;
    }
};

/// Every treatment's evaluation (-1: none), made without the GIL, and the table rows they add up
/// to. errors='raise': the first bad row raises its error with `row` set; 'coerce': it is listed.
struct cohort_evaluations {
    std::vector<std::int32_t> evaluation;  // per input row
    std::size_t rows = 0;
};

cohort_evaluations evaluate_cohort(cohort_plans& plans, const treatment_batch& batch, bool coerce, row_failures& failed);

/// A batch's plans under `errors`: the protocol (given, else the default), one evaluation per
/// distinct treatment, and the rows that failed.
struct cohort_run {
    protocol proto;
    cohort_plans plans;
    row_failures failed;
    cohort_evaluations evaluated;
    cohort_run(const treatment_batch& batch, const std::optional<protocol>& p, const std::string& errors)
        : proto(p ? *p : default_protocol()), plans(proto), evaluated(evaluate_cohort(plans, batch, coerce_errors(errors), failed)) {}
    cohort_run(const cohort_run&) = delete;
    cohort_run& operator=(const cohort_run&) = delete;
};

cohort_evaluations evaluate_cohort(cohort_plans& plans, const treatment_batch& batch, bool coerce, row_failures& failed) {
    const std::size_t n = batch.items.size();
    cohort_evaluations out{std::vector<std::int32_t>(n, -1), 0};
    std::exception_ptr failure;
    std::size_t failed_at = 0;
    {
        py::gil_scoped_release release;
        for (std::size_t i = 0; i < n; ++i) {
            if (!batch.items[i]) continue;  // set aside by treatments_from_columns
            try {
                const std::int32_t k = plans.of(*batch.items[i]);
                out.evaluation[i] = k;
                out.rows += plans.rows(k);
            } catch (const aftercare::error& e) {
                if (!coerce) {
                    failed_at = i;
                    failure = std::current_exception();
                    break;
                }
                failed.add(i, e);
            }
        }
    }
    if (failure) {
        try {
            std::rethrow_exception(failure);
        } catch (const aftercare::error& e) {
            raise_at_row(e, failed_at);
        }
    }
    return out;
}

/// What a wide cohort table holds for each (patient, code): an entry's instant or one of its times.
enum class wide_value : std::uint8_t { start, finish, onset, end, abnormal_after };

wide_value wide_value_of(const std::string& v) {
    static constexpr std::array<std::string_view, 5> names{"start", "finish", "onset", "end", "abnormal_after"};
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (v == names[i]) return static_cast<wide_value>(i);
    }
    throw py::value_error("values must be one of 'start', 'finish', 'onset', 'end', 'abnormal_after', not '" + v.substr(0, 40) + "'");
}

}  // namespace

void register_cohort(py::module_& m) {
    py::class_<treatment_batch>(m, "TreatmentBatch",
                                "Treatments of a table, kept in C++ (no object per row); None for a row set aside.")
        .def(py::init([](const py::list& items) {
                 treatment_batch b;
                 b.items.reserve(items.size());
                 for (py::handle item : items) {
                     if (item.is_none()) {
                         b.items.emplace_back();
                     } else {
                         b.items.emplace_back(item.cast<treatment>());
                     }
                 }
                 return b;
             }),
             py::arg("items"), "From a list of Treatment (native) or None.")
        .def("__len__", [](const treatment_batch& b) { return b.items.size(); })
        .def("__getitem__", [](const treatment_batch& b, py::ssize_t i) -> py::object {
            const auto& t = b.items[batch_index(b, i)];
            return t ? py::cast(*t) : py::none();
        }, py::arg("index"))
        .def("set_aside", [](treatment_batch& b, py::ssize_t i) { b.items[batch_index(b, i)].reset(); }, py::arg("index"),
             "Marks row `index` as set aside (None).")
        .def("present", [](const treatment_batch& b) {
            py::array_t<bool> out(static_cast<py::ssize_t>(b.items.size()));
            bool* data = out.mutable_data();
            for (std::size_t i = 0; i < b.items.size(); ++i) data[i] = b.items[i].has_value();
            return out;
        }, "Per row: whether it holds a treatment.");

    m.def("treatments_from_columns",
          [](const column_arg& device_col, const column_arg& depth_col, const optional_column_arg& area_col,
             const column_arg& skin_col, const optional_column_arg& adjuncts_col, const optional_column_arg& indication_col,
             const optional_column_arg& session_col, const optional_column_arg& treated_at_col,
             const optional_column_arg& history_col, const std::string& errors) {
              // the rows: the device column's length (its codes' for a pair)
              const std::size_t n = py::len(py::isinstance<py::tuple>(device_col) && py::len(device_col) == 2
                                                ? py::reinterpret_borrow<py::tuple>(device_col)[0] : device_col);
              const column_items device_c(device_col, n, "device"), depth(depth_col, n, "depth_mm"), area_c(area_col, n, "area"),
                                 skin(skin_col, n, "skin_type"), adj(adjuncts_col, n, "adjuncts"), ind(indication_col, n, "indication"),
                                 ses(session_col, n, "session"), at(treated_at_col, n, "treated_at"), hist(history_col, n, "history");
              const bool coerce = coerce_errors(errors);
              treatment_batch out;
              out.items.reserve(n);
              row_failures failed;
              parsed_column<device> devices(device_c);
              parsed_column<needle_depth> depths(depth);
              parsed_column<area> areas(area_c);
              parsed_column<skin_type> skins(skin);
              parsed_column<std::optional<indication>> indications(ind);
              parsed_column<std::optional<int>> sessions(ses);
              for (std::size_t i = 0; i < n; ++i) {
                  try {
                      treatment t;
                      t.device = devices(i, [](py::handle v) { return parse_code<device>(optional_code(v, "device").value_or("")); });
                      t.depth = depths(i, [](py::handle mm) {  // a missing depth is NaN, which from_mm rejects
                          return needle_depth::from_mm(mm.is_none() ? std::numeric_limits<double>::quiet_NaN() : mm.cast<double>());
                      });
                      if (!area_c.is_none()) t.area = areas(i, [](py::handle v) { return parse_code<area>(optional_code(v, "area").value_or("")); });
                      t.skin_type = skins(i, [](py::handle v) { return to_skin_type(v); });
                      for (const auto& c : code_list(item(adj, i), "adjuncts")) t.adjuncts.insert(parse_code<adjunct>(c));
                      t.indication = indications(i, [](py::handle v) -> std::optional<indication> {
                          if (auto code = optional_code(v, "indication")) return parse_code<indication>(*code);
                          return std::nullopt;
                      });
                      if (const auto session = sessions(i, [](py::handle v) -> std::optional<int> {
                              if (is_missing(v)) return std::nullopt;
                              return v.cast<int>();
                          })) {
                          t.session = *session;
                      }
                      if (const auto seconds = at.integer(i)) t.treated_at = date::sys_seconds{std::chrono::seconds{*seconds}};
                      for (const auto& c : code_list(item(hist, i), "history")) t.history.insert(parse_code<history_flag>(c));
                      out.items.emplace_back(t);
                  } catch (const aftercare::error& e) {
                      if (!coerce) raise_at_row(e, i);
                      failed.add(i, e);
                      out.items.emplace_back();
                  }
              }
              py::typing::Dict<py::str, py::object> result;
              result["treatments"] = py::cast(std::move(out));
              failed.put(result);
              return result;
          },
          py::kw_only(), py::arg("device"), py::arg("depth_mm"), py::arg("area") = py::none(), py::arg("skin_type"),
          py::arg("adjuncts") = py::none(), py::arg("indication") = py::none(), py::arg("session") = py::none(),
          py::arg("treated_at") = py::none(), py::arg("history") = py::none(), py::arg("errors") = "raise",
          "Treatments from columns (lists of equal length; None for a whole column takes the default) as "
          "{'treatments': TreatmentBatch, 'failed': positions, 'failed_field', 'failed_message'}. A bad row raises its error "
          "with `row` set to its position (errors='raise'), or is None in 'treatments' and listed in 'failed' "
          "(errors='coerce'). Missing "
          "items (None, NaN, pandas.NA) are None for indication and treated_at, none for adjuncts and history, 1 "
          "for session, and rejected for device, depth_mm, area and skin_type. treated_at holds int epoch seconds.");

    m.def("cohort_table", [](const treatment_batch& batch, const std::optional<protocol>& p, const std::string& errors) {
        const std::size_t n = batch.items.size();
        const cohort_run run(batch, p, errors);
        const cohort_plans& plans = run.plans;
        const std::vector<std::int32_t>& evaluation = run.evaluated.evaluation;
        const std::size_t rows = run.evaluated.rows;
        cohort_columns c(rows, plans.codes.size(), plans.titles.size(), plans.tiers.size());  // the result's own arrays, written in place
        {
            py::gil_scoped_release release;
            // Writing is bound by memory (and by the first touch of each new page): past a million
            // rows, a second thread writes the second half of the table.
            std::size_t mid = n, before_mid = rows;
            if (rows >= (1U << 20U) && std::thread::hardware_concurrency() > 1) {
                std::size_t counted = 0;
                for (mid = 0; mid < n && counted < rows / 2; ++mid) {
                    if (evaluation[mid] >= 0) counted += plans.rows(evaluation[mid]);
                }
                before_mid = counted;
            }
            std::thread second;
            if (mid < n) second = std::thread([&] { c.write(plans, evaluation, batch, mid, n, before_mid); });
            c.write(plans, evaluation, batch, 0, mid, 0);
            if (second.joinable()) second.join();
        }
        py::typing::Dict<py::str, py::object> d;
        d["plan"] = c.plan.array;
        d["code"] = to_array(c.code);
        d["code_categories"] = plans.codes.to_list();
        d["title"] = to_array(c.title);
        d["title_categories"] = plans.titles.to_list();
        d["kind"] = c.kind.array;
        d["likelihood"] = c.likelihood.array;
        d["level"] = c.level.array;
        d["remind"] = c.remind.array;
        d["onset"] = c.onset.array;
        d["end"] = c.end.array;
        d["abnormal_after"] = c.abnormal_after.array;
        d["start"] = c.start.array;
        d["finish"] = c.finish.array;
        d["tier"] = to_array(c.tier);
        d["tier_categories"] = plans.tiers.to_list();
        run.failed.put(d);
        return d;
    }, py::arg("treatments"), py::arg("protocol") = py::none(), py::arg("errors") = "raise",
       "The table of the plans' entries of every treatment (None: skipped), without the GIL: treatments equal "
       "but for their time share one make_plan, whose rows are shifted to each one's time, straight into the "
       "result's arrays (no plan is kept per patient). 'plan' holds input positions. A failing make_plan raises with `row` set (errors='raise') or "
       "is listed in 'failed' (errors='coerce').");

    m.def("cohort_wide_table", [](const treatment_batch& batch, const std::optional<protocol>& p, const std::string& errors,
                                  const std::string& values) {
        const wide_value what = wide_value_of(values);
        const std::size_t n = batch.items.size();
        const cohort_run run(batch, p, errors);
        const cohort_plans& plans = run.plans;
        const std::vector<std::int32_t>& evaluation = run.evaluated.evaluation;
        // The columns: every code of the cohort's plans, in code order (so the same codes give the
        // same columns, whatever the order of the rows).
        std::vector<std::int32_t> by_name(plans.codes.size());
        for (std::size_t i = 0; i < by_name.size(); ++i) by_name[i] = static_cast<std::int32_t>(i);
        std::sort(by_name.begin(), by_name.end(), [&](std::int32_t a, std::int32_t b) {
            return plans.codes[static_cast<std::size_t>(a)] < plans.codes[static_cast<std::size_t>(b)];
        });
        std::vector<std::size_t> column_of(by_name.size());
        for (std::size_t c = 0; c < by_name.size(); ++c) column_of[static_cast<std::size_t>(by_name[c])] = c;
        // One block, a row per code (each column of the frame contiguous), written in place.
        py::array_t<std::int64_t> block({static_cast<py::ssize_t>(by_name.size()), static_cast<py::ssize_t>(n)});
        code_column tier = make_code_column(n, plans.tiers.size());
        {
            py::gil_scoped_release release;
            std::int64_t* out = block.mutable_data();
            std::fill(out, out + by_name.size() * n, nat);
            std::visit([&](auto& tiers) {
                using code_t = std::remove_reference_t<decltype(*tiers.data)>;
                for (std::size_t i = 0; i < n; ++i) {
                    const std::int32_t k = evaluation[i];
                    tiers.data[i] = static_cast<code_t>(k < 0 ? -1 : plans.tier(k));
                    if (k < 0) continue;
                    const auto& at = batch.items[i]->treated_at;
                    const std::int64_t t0 = at ? at->time_since_epoch().count() : 0;
                    for (const template_row& e : plans.entries(k)) {
                        std::int64_t v = nat;
                        switch (what) {
                            case wide_value::start: v = at ? t0 + e.onset : nat; break;
                            case wide_value::finish: v = at && e.end != nat ? t0 + e.end : nat; break;
                            case wide_value::onset: v = e.onset; break;
                            case wide_value::end: v = e.end; break;
                            case wide_value::abnormal_after: v = e.abnormal_after; break;
                        }
                        out[column_of[static_cast<std::size_t>(e.code)] * n + i] = v;
                    }
                }
            }, tier);
        }
        py::list codes;
        for (const std::int32_t c : by_name) {
            const std::string_view code = plans.codes[static_cast<std::size_t>(c)];
            codes.append(py::str(code.data(), code.size()));
        }
        py::typing::Dict<py::str, py::object> d;
        d["codes"] = codes;
        d["values"] = block;
        d["tier"] = to_array(tier);
        d["tier_categories"] = plans.tiers.to_list();
        run.failed.put(d);
        return d;
    }, py::arg("treatments"), py::arg("protocol") = py::none(), py::arg("errors") = "raise", py::arg("values") = "finish",
       "One row per treatment, one column per entry code: 'values' (codes x treatments, int64 seconds, INT64_MIN "
       "for missing: the plan has no such entry, it has no time, or the row failed) holds each entry's start or "
       "finish (UTC epoch seconds) or its onset, end or abnormal_after (seconds after treatment); 'codes' the "
       "columns, in code order; 'tier' each row's tier code (-1: none). Evaluations as cohort_table, without the GIL.");

    m.def("schedules_table", [](const treatment_batch& batch, const std::vector<std::string>& zone_names,
                                const std::optional<protocol>& p, const std::string& errors, const optional_time_arg& wake,
                                const optional_time_arg& bed, const optional_time_arg& morning, const optional_time_arg& midday,
                                const optional_time_arg& evening, const optional_time_arg& bedtime) {
        const auto& treatments = batch.items;
        const bool coerce = coerce_errors(errors);
        if (zone_names.size() != treatments.size()) {
            throw py::value_error("zones must have one name per treatment (" + std::to_string(treatments.size()) + ")");
        }
        // the same for every patient but the zone; checked once, as schedule() does
        const preferences prefs = times_of_day(wake, bed, morning, midday, evening, bedtime);
        const protocol proto = p ? *p : default_protocol();
        reminder_table t;
        row_failures failed;
        std::exception_ptr failure;
        std::size_t failed_at = 0;
        {
            py::gil_scoped_release release;
            for (std::size_t i = 0; i < treatments.size() && !failure; ++i) {
                if (!treatments[i]) continue;  // set aside by treatments_from_columns
                try {
                    preferences mine = prefs;
                    mine.zone = locate_zone(zone_names[i], os_zones(), "time_zone");
                    add_reminders(t, static_cast<std::int64_t>(i), zone_names[i], schedule(make_plan(*treatments[i], proto), mine));
                } catch (const aftercare::error& e) {
                    if (coerce) {
                        failed.add(i, e);
                    } else {
                        failed_at = i;
                        failure = std::current_exception();
                    }
                }
            }
        }
        if (failure) {
            try {
                std::rethrow_exception(failure);
            } catch (const aftercare::error& e) {
                raise_at_row(e, failed_at);
            }
        }
        auto d = to_dict(t);
        failed.put(d);
        return d;
    }, py::arg("treatments"), py::arg("zones"), py::arg("protocol") = py::none(), py::arg("errors") = "raise",
       py::arg("wake") = py::none(), py::arg("bed") = py::none(), py::arg("morning") = py::none(), py::arg("midday") = py::none(),
       py::arg("evening") = py::none(), py::arg("bedtime") = py::none(),
       "make_plan and schedule for every treatment (None: skipped) in its zone (zones[i], an IANA name), and the "
       "table of all their reminders, without the GIL. 'patient' holds input positions. A failing row raises "
       "with `row` set (errors='raise') or is listed in 'failed' (errors='coerce').");

    m.def("triage_table", [](const treatment_batch& batch, const std::vector<std::int64_t>& patient,
                             const column_arg& symptom_col, const optional_column_arg& hours_col, const optional_column_arg& seen_col,
                             const optional_column_arg& severity_col, const optional_column_arg& signs_col,
                             const std::optional<std::int64_t>& as_of, const std::optional<protocol>& p, const std::string& errors) {
        const auto& treatments = batch.items;
        const bool coerce = coerce_errors(errors);
        const std::size_t n = patient.size();
        const column_items sym(symptom_col, n, "symptom"), hours(hours_col, n, "hours_after"), seen(seen_col, n, "seen_at"),
            sev(severity_col, n, "severity"), sig(signs_col, n, "signs");
        // Read every report (with the GIL: the items are Python objects), grouped by patient.
        std::vector<std::vector<std::size_t>> by_patient(treatments.size());
        std::vector<symptom_report> reports(n);
        row_failures failed;  // positions here are report rows
        for (std::size_t i = 0; i < n; ++i) {
            try {
                const auto who = patient[i];
                if (who < 0 || static_cast<std::size_t>(who) >= treatments.size()) {
                    throw invalid_value("patient", std::to_string(who), "a label of the treatments' index",
                                        "patient is not a label of the treatments' index");
                }
                symptom_report r;
                r.symptom = parse_code<symptom>(optional_code(item(sym, i), "symptom").value_or(""));
                if (const auto seconds = seen.integer(i)) {
                    r.seen = date::sys_seconds{std::chrono::seconds{*seconds}};
                } else if (!is_missing(item(hours, i))) {
                    const double h = item(hours, i).cast<double>();
                    if (!(h >= 0 && h <= 87840)) {
                        throw invalid_value("hours_after", std::to_string(h), "0 to 87840 h", "hours_after must be 0 to 87840 h");
                    }
                    r.seen = std::chrono::seconds{static_cast<std::int64_t>(h * 3600)};
                } else {
                    throw invalid_value("seen_at", "", "seen_at or hours_after", "a report needs seen_at or hours_after");
                }
                if (auto code = optional_code(item(sev, i), "severity")) r.severity = parse_code<severity>(*code);
                for (const auto& c : code_list(item(sig, i), "signs")) r.signs.insert(parse_code<sign>(c));
                reports[i] = r;
                by_patient[static_cast<std::size_t>(who)].push_back(i);
            } catch (const aftercare::error& e) {
                if (!coerce) raise_at_row(e, i);
                failed.add(i, e);
            }
        }
        const protocol proto = p ? *p : default_protocol();
        triage_options options;
        if (as_of) options.as_of = date::sys_seconds{std::chrono::seconds{*as_of}};
        std::vector<std::int64_t> row, after, seen_at;
        std::vector<std::int8_t> level, patient_level;
        std::vector<std::int32_t> rule;
        std::vector<std::int64_t> assessed;  // patients with an assessment
        owned_categories rules;
        std::exception_ptr failure;
        std::size_t failed_at = 0;
        {
            py::gil_scoped_release release;
            for (std::size_t who = 0; who < treatments.size() && !failure; ++who) {
                const auto& mine = by_patient[who];
                if (mine.empty()) continue;
                try {
                    if (!treatments[who]) throw invalid_value("patient", std::to_string(who), "a treatment that reads", "the patient's treatment row was set aside");
                    std::vector<symptom_report> given;
                    given.reserve(mine.size());
                    for (std::size_t i : mine) given.push_back(reports[i]);
                    const assessment a = triage(make_plan(*treatments[who], proto), given, options);
                    assessed.push_back(static_cast<std::int64_t>(who));
                    patient_level.push_back(static_cast<std::int8_t>(a.level));
                    for (std::size_t k = 0; k < mine.size(); ++k) {
                        const report_assessment& r = a.reports[k];
                        row.push_back(static_cast<std::int64_t>(mine[k]));
                        level.push_back(static_cast<std::int8_t>(r.level));
                        rule.push_back(rules(r.decided.rule));
                        after.push_back(r.after.count());
                        seen_at.push_back(epoch(r.seen_at));
                    }
                } catch (const aftercare::error& e) {
                    if (!coerce) {
                        failed_at = mine.front();
                        failure = std::current_exception();
                    } else {
                        for (std::size_t i : mine) failed.add(i, e);
                    }
                }
            }
        }
        if (failure) {
            try {
                std::rethrow_exception(failure);
            } catch (const aftercare::error& e) {
                raise_at_row(e, failed_at);
            }
        }
        py::typing::Dict<py::str, py::object> d;
        d["row"] = array(row);
        d["level"] = array(level);
        d["rule"] = array(rule);
        d["rule_categories"] = rules.to_list();
        d["after"] = array(after);
        d["seen_at"] = array(seen_at);
        d["assessed"] = array(assessed);
        d["patient_level"] = array(patient_level);
        failed.put(d);
        return d;
    }, py::arg("treatments"), py::kw_only(), py::arg("patient"), py::arg("symptom"), py::arg("hours_after") = py::none(),
       py::arg("seen_at") = py::none(), py::arg("severity") = py::none(), py::arg("signs") = py::none(),
       py::arg("as_of") = py::none(), py::arg("protocol") = py::none(), py::arg("errors") = "raise",
       "triage of report rows (patient: the treatment's position; seen_at int epoch seconds or hours_after) against "
       "each patient's plan, without the GIL: per report its row, level, deciding rule, time after treatment and "
       "instant. A bad report (or a patient whose plan fails) raises with `row` set to the report row "
       "(errors='raise') or is listed in 'failed' (errors='coerce').");

    m.def("screening_table", [](const std::vector<py::object>& history_items,
                                const treatment_batch& batch, const std::vector<py::object>& as_of,
                                const std::optional<protocol>& p, const std::string& errors) {
        const auto& treatments = batch.items;
        const bool coerce = coerce_errors(errors);
        const std::size_t n = treatments.size();
        if (history_items.size() != n || as_of.size() != n) throw py::value_error("histories, treatments and as_of must have one item per patient");
        // PatientHistory objects (or None), cast here: register_screening binds the class after this module part.
        std::vector<std::optional<patient_history>> histories(n);
        for (std::size_t i = 0; i < n; ++i) {
            if (!history_items[i].is_none()) histories[i] = history_items[i].cast<patient_history>();
        }
        row_failures failed;
        std::vector<std::optional<date::year_month_day>> days(n);
        for (std::size_t i = 0; i < n; ++i) {
            if (!treatments[i] || !histories[i]) continue;  // set aside while reading
            try {
                days[i] = to_civil_date(as_of[i], "as_of");
            } catch (const aftercare::error& e) {
                if (!coerce) raise_at_row(e, i);
                failed.add(i, e);
            }
        }
        const protocol proto = p ? *p : default_protocol();
        std::vector<std::int64_t> row, earliest;
        std::vector<std::int8_t> decision_code;
        std::vector<std::vector<std::string>> codes;
        std::exception_ptr failure;
        std::size_t failed_at = 0;
        {
            py::gil_scoped_release release;
            for (std::size_t i = 0; i < n && !failure; ++i) {
                if (!days[i]) continue;
                try {
                    const eligibility e = screen(*histories[i], *treatments[i], *days[i], proto);
                    row.push_back(static_cast<std::int64_t>(i));
                    decision_code.push_back(static_cast<std::int8_t>(e.decision));
                    earliest.push_back(e.earliest ? date::sys_days{*e.earliest}.time_since_epoch().count() : nat);
                    std::vector<std::string>& mine = codes.emplace_back();
                    for (const screening_finding& f : e.findings) mine.emplace_back(f.code);
                } catch (const aftercare::error& e) {
                    if (coerce) {
                        failed.add(i, e);
                    } else {
                        failed_at = i;
                        failure = std::current_exception();
                    }
                }
            }
        }
        if (failure) {
            try {
                std::rethrow_exception(failure);
            } catch (const aftercare::error& e) {
                raise_at_row(e, failed_at);
            }
        }
        py::typing::Dict<py::str, py::object> d;
        d["row"] = array(row);
        d["decision"] = array(decision_code);
        d["earliest"] = array(earliest);  // days since the epoch
        py::list findings;
        for (const auto& mine : codes) findings.append(py::cast(mine));
        d["findings"] = findings;
        failed.put(d);
        return d;
    }, py::arg("histories"), py::arg("treatments"), py::arg("as_of"), py::arg("protocol") = py::none(), py::arg("errors") = "raise",
       "screen() for every (history, treatment) on its as_of date (None items: set aside), without the GIL: per "
       "patient its row, decision, earliest date (days since the epoch) and the codes of its findings.");

    m.def("plan_table", [](const std::vector<plan>& plans) {
        table t;
        {
            py::gil_scoped_release release;
            fill(t, plans);
        }
        return to_dict(t);
    }, py::arg("plans"), "The table of the entries of plans already made.");
}

}  // namespace aftercare::python
