// make_plan: the numbers from evaluate(), the words and sources from the protocol.
#include "aftercare/plan.hpp"

#include "aftercare/error.hpp"
#include "aftercare/time.hpp"
#include "plan/plan_data.hpp"
#include "protocol/protocol_data.hpp"

#include <algorithm>
#include <bit>
#include <initializer_list>
#include <new>
#include <type_traits>
#include <string>

namespace aftercare {

namespace {

using detail::minutes;

std::string mm_text(needle_depth d) { return to_string(d) + " mm"; }

[[noreturn]] void reject(std::string field, std::string value, std::string allowed, const std::string& message) {
    throw invalid_value(std::move(field), std::move(value), std::move(allowed), message);
}

template <code_enum E>
void check_enum(E e) {
    if (to_string(e).empty()) {
        const auto raw = std::to_string(static_cast<unsigned>(e));
        std::string allowed;
        for (auto c : detail::code_table<E>::codes) allowed += (allowed.empty() ? "" : ", ") + std::string(c);
        reject(std::string(detail::code_table<E>::field), raw, allowed,
               std::string(detail::code_table<E>::field) + " " + raw + " is not one of " + allowed);
    }
}

// A plan's stores, carved out of one allocation sized for the most this protocol can need.
struct plan_store {
    entry* entries;
    stage* stages;
    std::string_view* strings;
    plan_note* notes;
    std::size_t entry_count = 0, stage_count = 0, string_count = 0, note_count = 0;
};

static_assert(std::is_trivially_destructible_v<entry> && std::is_trivially_destructible_v<stage> &&
              std::is_trivially_destructible_v<plan_note>);

template <class T>
std::size_t aligned_end(std::size_t offset, std::size_t n) {
    offset = (offset + alignof(T) - 1) / alignof(T) * alignof(T);
    return offset + n * sizeof(T);
}

plan_store allocate_store(detail::plan_data& out, const detail::protocol_data& d) {
    const std::size_t n_entries = d.entries.size() + 2, n_stages = d.stage_count, n_strings = d.plan_string_bound, n_notes = d.notes.size();
    const std::size_t e_end = aligned_end<entry>(0, n_entries);
    const std::size_t s_end = aligned_end<stage>(e_end, n_stages);
    const std::size_t k_end = aligned_end<std::string_view>(s_end, n_strings);
    const std::size_t n_end = aligned_end<plan_note>(k_end, n_notes);
    out.store.reset(new std::byte[n_end]);  // NOLINT: raw storage for trivially destructible arrays
    std::byte* base = out.store.get();
    auto at = [&](std::size_t end, std::size_t n, std::size_t size) { return base + (end - n * size); };
    return plan_store{reinterpret_cast<entry*>(at(e_end, n_entries, sizeof(entry))), reinterpret_cast<stage*>(at(s_end, n_stages, sizeof(stage))),
                      reinterpret_cast<std::string_view*>(at(k_end, n_strings, sizeof(std::string_view))),
                      reinterpret_cast<plan_note*>(at(n_end, n_notes, sizeof(plan_note)))};
}

// Appends de-duplicated strings for one entry to the plan's extra strings.
class span_builder {
public:
    explicit span_builder(plan_store& s) : s_(s), first_(s.string_count) {}
    void add(std::string_view v) {
        if (v.empty()) return;
        std::string_view* begin = s_.strings + first_;
        std::string_view* end = s_.strings + s_.string_count;
        if (std::find(begin, end, v) == end) new (end) std::string_view(v), ++s_.string_count;
    }
    /// Source keys: every one is a view of its source's own key (protocol_data::source_keys), so
    /// equal keys are the same address and a repeat is found without comparing text.
    void add(std::span<const std::string_view> keys) {
        for (const std::string_view k : keys) {
            std::string_view* begin = s_.strings + first_;
            std::string_view* end = s_.strings + s_.string_count;
            if (std::find_if(begin, end, [&](std::string_view v) { return v.data() == k.data(); }) == end) {
                new (end) std::string_view(k), ++s_.string_count;
            }
        }
    }
    [[nodiscard]] std::span<const std::string_view> view() const { return {s_.strings + first_, s_.string_count - first_}; }

private:
    plan_store& s_;
    std::size_t first_;
};

// One thread's evaluation buffer, reused by every make_plan on that thread: no allocation once sized.
detail::evaluation& thread_evaluation() {
    thread_local detail::evaluation ev;
    return ev;
}

}  // namespace

void check_treatment(const treatment& t, const protocol& p) {
    const detail::protocol_data& d = p.data();
    check_enum(t.device);
    check_enum(t.area);
    if (t.indication) check_enum(*t.indication);
    for (auto a : t.adjuncts) check_enum(a);
    for (auto h : t.history) check_enum(h);

    const auto lo = *d.depth.min, hi = *d.depth.max;
    if (t.depth <= needle_depth{} || t.depth < lo || hi < t.depth) {
        const std::string span = to_string(lo) + "–" + to_string(hi) + " mm";  // the messages are built only on failure
        reject("depth", mm_text(t.depth), span, "depth " + mm_text(t.depth) + " is outside " + span);
    }
    const detail::depth_limit& dev = d.device_depth[static_cast<std::size_t>(t.device)];
    const std::string_view device_name = to_string(t.device);
    if (dev.max && *dev.max < t.depth) {
        reject("depth", mm_text(t.depth), "at most " + mm_text(*dev.max) + " for " + std::string(device_name),
               "depth " + mm_text(t.depth) + " is too deep for a " + std::string(device_name) + " (at most " + mm_text(*dev.max) + ")");
    }
    if (dev.min && t.depth < *dev.min) {
        reject("depth", mm_text(t.depth), "at least " + mm_text(*dev.min) + " for " + std::string(device_name),
               "depth " + mm_text(t.depth) + " is too shallow for " + std::string(device_name) + " (at least " + mm_text(*dev.min) + ")");
    }
    const detail::depth_limit& ar = d.area_depth[static_cast<std::size_t>(t.area)];
    if (ar.max && *ar.max < t.depth) {
        const std::string area_name(to_string(t.area));
        reject("depth", mm_text(t.depth), "at most " + mm_text(*ar.max) + " on the " + area_name,
               "depth " + mm_text(t.depth) + " is too deep for the " + area_name + " area (at most " + mm_text(*ar.max) + ")");
    }
    if (!t.skin_type.ok()) {
        reject("skin_type", std::to_string(t.skin_type.value()), "I–VI (1–6)",
               "skin_type " + std::to_string(t.skin_type.value()) + " is outside Fitzpatrick I–VI (1–6)");
    }
    if (t.treated_at) check_instant_range(*t.treated_at, "treated_at");
    if (t.session < 1) {
        reject("session", std::to_string(t.session), "1 or more", "session " + std::to_string(t.session) + " is not 1 or more");
    }
}

plan::plan(std::shared_ptr<const detail::plan_data> data) noexcept : data_(std::move(data)) {}

std::span<const entry> plan::entries() const& noexcept { return data_->entries; }
std::span<const plan_note> plan::notes() const& noexcept { return data_->notes; }
std::string_view plan::tier() const& noexcept { return data_->tier; }
const treatment& plan::treatment() const& noexcept { return data_->treatment; }
const protocol& plan::protocol() const& noexcept { return data_->protocol; }

const entry* plan::find(std::string_view code) const& noexcept {
    for (const entry& e : data_->entries) {
        if (e.code == code) return &e;
    }
    return nullptr;
}

namespace {

std::optional<date::sys_seconds> instant(const treatment& t, minutes m) {
    if (!t.treated_at) return std::nullopt;
    return *t.treated_at + m;
}

// An entry of the protocol for this treatment: its words and fixed sources from the protocol, its
// times from the evaluation, and what its applied modifiers add (sources, notes) into the store.
void add_entry(plan_store& store, const detail::protocol_data& d, const treatment& t, const detail::entry_def& def,
               const detail::window& w, const detail::evaluation& ev) {
    const bool effect = def.kind == entry_kind::effect;
    // One aggregate: every field written once (a value-initialised entry, then assigned, wrote each twice).
    entry& e = *new (store.entries + store.entry_count++) entry{
        .code = def.code,
        .kind = def.kind,
        .title = def.title,
        .text = def.text,
        .onset = w.onset,
        .end = w.end,
        .end_range = def.end_range,
        .abnormal_after = w.abnormal,
        .likely = effect ? std::optional<likelihood>{w.likely} : std::nullopt,
        .stages = {},
        .remind = def.remind,
        .slots = def.slots,
        .level = def.kind == entry_kind::red_flag ? std::optional<triage_level>{def.level} : std::nullopt,
        .symptoms = def.symptoms,
        .advice = def.advice,
        .start = instant(t, w.onset),
        .finish = w.end ? instant(t, *w.end) : std::nullopt,
        .sources = {},
        .notes = {},
    };

    if (w.applied == 0) {
        e.sources = d.keys(def.plan_sources);  // the protocol's own list: nothing to copy
    } else if ((w.applied & (w.applied - 1)) == 0) {
        // One modifier applied: its list, made when the protocol was read, and its note in place.
        const detail::modifier& m = def.modifiers[static_cast<std::size_t>(std::countr_zero(w.applied))];
        e.sources = d.keys(m.plan_sources_with);
        if (!m.note.empty()) e.notes = {&m.note, 1};
    } else {
        span_builder src(store);
        src.add(d.keys(def.plan_sources));
        for (std::size_t i = 0; i < def.modifiers.size(); ++i) {
            if ((w.applied >> i) & 1U) src.add(d.keys(def.modifiers[i].sources));
        }
        e.sources = src.view();
        span_builder notes(store);
        for (std::size_t i = 0; i < def.modifiers.size(); ++i) {
            if ((w.applied >> i) & 1U) notes.add(def.modifiers[i].note);
        }
        e.notes = notes.view();
    }

    // Stages: only the non-empty ones (an earlier stage may already last as long).
    stage* first_stage = store.stages + store.stage_count;
    minutes previous{0};
    for (std::size_t s = 0; s < def.stages.size(); ++s) {
        const minutes until = ev.stage_until[def.first_stage + s];
        if (until <= previous) continue;
        new (store.stages + store.stage_count++) stage{def.stages[s].code, def.stages[s].text, def.stages[s].lifted_text, until, instant(t, until)};
        previous = until;
    }
    e.stages = {first_stage, static_cast<std::size_t>(store.stages + store.stage_count - first_stage)};
}

// A milestone of the course (next session window, final assessment) from the indication.
// `prepared` is the list own + value_sources made when the protocol was read (prepare_plans): the
// plan refers to it when no course modifier applies.
void add_course_entry(plan_store& store, const detail::protocol_data& d, const treatment& t, std::string_view code, std::string_view title,
                      std::string_view text, detail::source_span own, minutes onset, std::optional<minutes> end,
                      std::initializer_list<detail::source_span> value_sources, detail::source_span prepared,
                      std::span<const detail::source_span> prepared_with, std::uint64_t applied) {
    entry& e = *new (store.entries + store.entry_count++) entry{};
    e.code = code;
    e.kind = entry_kind::milestone;
    e.title = title;
    e.text = text;
    e.onset = onset;
    e.end = end;
    e.remind = reminder_mode::once;
    e.start = instant(t, onset);
    if (end) e.finish = instant(t, *end);
    e.stages = {store.stages + store.stage_count, std::size_t{0}};  // not 0: a null pointer too (ambiguous in libc++)
    if (applied == 0) {
        e.sources = d.keys(prepared);
        return;
    }
    if ((applied & (applied - 1)) == 0) {  // one modifier: its list, made when the protocol was read
        const auto i = static_cast<std::size_t>(std::countr_zero(applied));
        e.sources = d.keys(prepared_with[i]);
        if (!d.course.modifiers[i].note.empty()) e.notes = {&d.course.modifiers[i].note, 1};
        return;
    }
    span_builder src(store);
    src.add(d.keys(own));
    for (const detail::source_span& v : value_sources) src.add(d.keys(v));
    for (std::size_t i = 0; i < d.course.modifiers.size(); ++i) {
        if ((applied >> i) & 1U) src.add(d.keys(d.course.modifiers[i].sources));
    }
    e.sources = src.view();
    span_builder notes(store);
    for (std::size_t i = 0; i < d.course.modifiers.size(); ++i) {
        if ((applied >> i) & 1U) notes.add(d.course.modifiers[i].note);
    }
    e.notes = notes.view();
}

// The course from the indication (next session window and final assessment), or without one the
// protocol's default next-session window.
void add_course(plan_store& store, const detail::protocol_data& d, const treatment& t, const detail::course_window& c) {
    if (c.has_default) {
        const auto& cd = d.course;
        add_course_entry(store, d, t, "milestone.next_session", cd.next_title, cd.next_text, cd.next_sources, c.next_earliest, c.next_latest,
                         {cd.default_interval->sources, cd.default_interval_max ? cd.default_interval_max->sources : detail::source_span{}},
                         cd.default_next_plan_sources, cd.default_next_plan_sources_with, c.applied);
        return;
    }
    if (!c.has_indication) return;
    const detail::indication_def& ind = d.course.indications[static_cast<std::size_t>(*t.indication)];
    if (c.has_next) {
        add_course_entry(store, d, t, "milestone.next_session", d.course.next_title, d.course.next_text, d.course.next_sources, c.next_earliest,
                         c.next_latest, {ind.sessions.sources, ind.interval.sources, ind.interval_max ? ind.interval_max->sources : detail::source_span{}},
                         ind.next_plan_sources, ind.next_plan_sources_with, c.applied);
    }
    add_course_entry(store, d, t, "milestone.final_assessment", d.course.final_title, d.course.final_text, d.course.final_sources,
                     c.final_assessment, std::nullopt, {ind.sessions.sources, ind.interval.sources, ind.assess_after_last.sources},
                     ind.final_plan_sources, ind.final_plan_sources_with, c.applied);
}

void add_notes(plan_store& store, const detail::protocol_data& d, const treatment& t) {
    for (const auto& n : d.notes) {
        if (n.when.matches(t)) new (store.notes + store.note_count++) plan_note{n.code, n.text, d.keys(n.sources)};
    }
}

// A restriction that lifts at once (it ends at or before the end of treatment) is in no plan.
bool lifts_at_once(const detail::entry_def& def, const detail::window& w) noexcept {
    return def.kind == entry_kind::restriction && w.end.value_or(minutes{0}) <= minutes{0};
}

// Marks in `touched` the entries whose windows differ from the tier's base for `t`: those with a
// modifier that applies, and those whose times rest on a touched one (the protocol's dependents
// lists, or a pass over the references where it keeps none). Returns whether there is any.
bool touched_entries(const detail::protocol_data& d, const treatment& t, std::vector<std::uint8_t>& touched) {
    const bool linked = d.dependents.size() == d.entries.size();
    bool any = false;
    for (const std::uint16_t k : d.modified_entries) {
        for (const detail::modifier& m : d.entries[k].modifiers) {
            if (!m.when.matches(t)) continue;
            if (!any) touched.assign(d.entries.size(), 0);
            any = true;
            touched[k] = 1;
            if (linked) {
                for (const std::uint16_t j : d.dependents[k]) touched[j] = 1;
            }
            break;
        }
    }
    if (!any || linked) return any;
    for (std::size_t k = 0; k < d.entries.size(); ++k) {  // references point to earlier entries: one pass in order
        if (touched[k] != 0) continue;
        for (const std::uint16_t j : d.refers_to[k]) {
            if (touched[j] != 0) {
                touched[k] = 1;
                break;
            }
        }
    }
    return true;
}

// The entries of a plan from the tier's base: an untouched entry copied as it is there (the values
// add_entry writes) and given the treatment's instants; a touched one (`touched` non-null) made
// from its window in `ev`.
void entries_from_base(plan_store& store, const detail::protocol_data& d, const treatment& t, std::size_t tier,
                       const std::vector<std::uint8_t>* touched, const detail::evaluation& ev) {
    const detail::protocol_data::plan_base& base = d.plan_bases[tier];
    // (Locals: stores into the plan through `store` would otherwise make every size and pointer reload.)
    const std::size_t n = d.entries.size();
    const detail::entry_def* const defs = d.entries.data();
    const entry* const from = base.entries.data();
    const std::uint8_t* const lifts = base.lifts_at_once.data();
    const std::uint8_t* const marks = touched != nullptr ? touched->data() : nullptr;
    const bool timed = t.treated_at.has_value();
    const date::sys_seconds t0 = timed ? *t.treated_at : date::sys_seconds{};
    for (std::size_t k = 0; k < n; ++k) {
        const detail::entry_def& def = defs[k];
        if (!def.unconditional && !def.when.matches(t)) continue;
        if (marks != nullptr && marks[k] != 0) {
            const detail::window& w = ev.windows[k];
            if (lifts_at_once(def, w)) continue;
            add_entry(store, d, t, def, w, ev);
            continue;
        }
        if (lifts[k] != 0) continue;
        entry& e = *new (store.entries + store.entry_count++) entry(from[k]);
        stage* const first_stage = store.stages + store.stage_count;
        const std::size_t stages = from[k].stages.size();
        for (std::size_t i = 0; i < stages; ++i) new (first_stage + i) stage(from[k].stages[i]);
        store.stage_count += stages;
        e.stages = {first_stage, stages};
        if (timed) {
            e.start = t0 + e.onset;
            if (e.end) e.finish = t0 + *e.end;
            for (std::size_t i = 0; i < stages; ++i) first_stage[i].until_at = t0 + first_stage[i].until;
        }
    }
}

// This thread's marks of touched entries (touched_entries), reused like the evaluation buffer.
std::vector<std::uint8_t>& thread_touched() {
    thread_local std::vector<std::uint8_t> touched;
    return touched;
}

}  // namespace

void detail::prepare_plan_bases(protocol_data& d) {
    d.plan_bases.clear();
    d.bases_of = nullptr;
    const treatment none{};  // no modifier is applied, no instant set
    evaluation ev;
    for (std::size_t tier = 0; tier < d.tiers.size(); ++tier) {
        evaluate(d, none, tier, ev, false);
        protocol_data::plan_base& b = d.plan_bases.emplace_back();
        b.entries.resize(d.entries.size());
        b.stages.resize(d.stage_count);
        b.lifts_at_once.resize(d.entries.size());
        b.windows = ev.windows;
        b.stage_until = ev.stage_until;
        plan_store store{b.entries.data(), b.stages.data(), nullptr, nullptr};
        for (std::size_t k = 0; k < d.entries.size(); ++k) {
            const detail::window& w = ev.windows[k];
            b.lifts_at_once[k] = lifts_at_once(d.entries[k], w);
            add_entry(store, d, none, d.entries[k], w, ev);  // w.applied == 0: no extra strings
        }
    }
    d.bases_of = &d;
}

namespace {

plan make_plan(const treatment& t, const aftercare::protocol& p, bool may_copy_base) {
    check_treatment(t, p);
    const detail::protocol_data& d = p.data();
    const std::size_t tier = d.tier_index(t.depth);
    // Most treatments meet no entry modifier (a pen on the face, skin types I–III): their entries
    // are the tier's, copied. A modifier that applies re-evaluates its entry and those that refer to
    // it, the rest still copied. Without the bases (a protocol_data copied but not prepared, or
    // the tests' general path) every window is evaluated for the treatment.
    const bool bases = may_copy_base && d.bases_of == &d;
    std::vector<std::uint8_t>& touched = thread_touched();
    const bool any_touched = bases && touched_entries(d, t, touched);

    // 1. The numbers: the windows that differ from the tier's base (all of them without bases), and the course.
    detail::evaluation& ev = thread_evaluation();
    if (!bases) {
        detail::evaluate(d, t, tier, ev);
    } else {
        if (any_touched) {
            const detail::protocol_data::plan_base& base = d.plan_bases[tier];
            ev.windows = base.windows;  // same sizes every time: copies, no allocation
            ev.stage_until = base.stage_until;
            for (std::size_t k = 0; k < d.entries.size(); ++k) {
                if (touched[k] != 0) detail::evaluate_entry(d, t, tier, k, ev, true);
            }
        }
        detail::evaluate_course(d, t, tier, ev.course);
    }

    // 2. One block for the plan's entries, stages, extra strings and notes.
    auto out = std::make_shared<detail::plan_data>();
    out->protocol = p;
    out->treatment = t;
    out->tier = d.tiers[tier].id;
    plan_store store = allocate_store(*out, d);

    // 3. The entries that apply, with words and sources from the protocol; then the course and the notes.
    if (bases) {
        entries_from_base(store, d, t, tier, any_touched ? &touched : nullptr, ev);
    } else {
        for (std::size_t k = 0; k < d.entries.size(); ++k) {
            const detail::entry_def& def = d.entries[k];
            const detail::window& w = ev.windows[k];
            if (!def.unconditional && !def.when.matches(t)) continue;
            if (lifts_at_once(def, w)) continue;
            add_entry(store, d, t, def, w, ev);
        }
    }
    add_course(store, d, t, ev.course);
    add_notes(store, d, t);

    out->entries = {store.entries, store.entry_count};
    out->stages = {store.stages, store.stage_count};
    out->strings = {store.strings, store.string_count};
    out->notes = {store.notes, store.note_count};
    return plan{std::move(out)};
}

}  // namespace

plan make_plan(const treatment& t, const aftercare::protocol& p) { return make_plan(t, p, true); }

plan detail::make_plan_evaluated(const treatment& t, const aftercare::protocol& p) { return make_plan(t, p, false); }

}  // namespace aftercare
