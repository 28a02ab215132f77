// Private: the protocol's patient-facing texts as catalogue messages. Every text a patient can read
// has a stable message id derived from the code of what it belongs to (docs/languages.md):
//
//   protocol.title, protocol.disclaimer, tier.<id>.title, symptom.<code>.title, sign.<code>.title,
//   <entry code>.title / .text / .print_text / .advice, <entry code>.modifier.<n>.note (shown with the
//   entry it changed), <stage code>.text / .print_text / .lifted_text, <note code>.text,
//   course.<next_session|final_assessment>.title/.text, course.booking.title/.text/.window_title/
//   .window_text, course.rescreen.text, <course change code>.text, <course milestone code>.title/.text,
//   <check-in code>.title/.text, triage.action.<level>, <triage outcome code>.title/.text/.advice,
//   questions.<part>.text, questions.status.fine/.help, questions.severity.<level>,
//   <follow-up code>.title/.text, screening.<code>[.<n>].title/.reason/.advice and .after.reason/.advice.
//
// Evidence notes (the "note" of cited values and rules) and citations are the clinician's
// and stay in the protocol's own language.
#pragma once

#include "i18n/catalogue.hpp"
#include "protocol/protocol_data.hpp"

#include <functional>
#include <string>
#include <string_view>

namespace aftercare::detail {

/// Calls `f(id, text, pointer)` for every patient-facing text of `p`, in file order; `text` may be
/// replaced (by a view into p.strings).
void for_each_text(protocol_data& p, const std::function<void(const std::string& id, std::string_view& text, std::string_view pointer)>& f);

/// The same, read-only.
void for_each_text(const protocol_data& p, const std::function<void(const std::string& id, std::string_view text, std::string_view pointer)>& f);

/// A check-in reminder's message: its text, then the symptoms and signs it asks about, in `words`.
[[nodiscard]] std::string check_in_message(const protocol_data& p, const check_in_def& c, const catalogue& words);

/// False for the writers' words ("text.", "html.", "ics.", "date.", "duration.", "word.", "list.",
/// "notice." and check_in.message), true for an id of a protocol text.
[[nodiscard]] bool is_protocol_message(std::string_view id) noexcept;

/// The catalogue the writers of `p` take their words from (English unless localized).
[[nodiscard]] const catalogue& words_of(const protocol_data& p) noexcept;

}  // namespace aftercare::detail
