// aftercare for JavaScript: the C++ core compiled to WebAssembly (aftercare_core.mjs), through its C
// interface (include/aftercare/aftercare.h). Plain objects in, plain objects out, with the fields
// of the JSON schemas the `aftercare` command writes (docs/schema/); the output is byte-identical
// to the command's for the same input.
//
//     import * as aftercare from 'aftercare';
//     const plan = aftercare.schedule({device: 'pen', depth_mm: 1.0, area: 'face', skin_type: 3,
//                                      treated_at: '2026-11-21T14:00', time_zone: 'Europe/London'});
//     for (const e of plan.entries) console.log(e.code, e.end);
//
// Every call makes and frees its own handles, so nothing leaks and nothing needs disposing except
// a Protocol (dispose() it, or leave it to the garbage collector).
import createAftercareCore from './aftercare_core.mjs';
import { IntlZones } from './zones.mjs';

export { IntlZones };

const core = await createAftercareCore({ aftercareZones: new IntlZones() });
if (core._aftercare_js_use_host_zones() !== 0) throw new Error('aftercare: could not install the Intl zone source');

const FORMAT = { json: 0, text: 1, ics: 2, html: 3 };
const STATUS = ['ok', 'invalid_argument', 'invalid_json', 'invalid_value', 'time_zone', 'protocol', 'unsupported', 'no_memory', 'internal'];

/** What the core rejected: the field at fault (a JSON pointer such as "/depth_mm"), a short
 *  prefix of the value, what is allowed, and the one-line message. */
export class AftercareError extends Error {
  constructor(status, id, field, value, allowed, message) {
    super(message);
    this.name = 'AftercareError';
    /** 'invalid_value', 'invalid_json', 'time_zone', 'protocol', … (aftercare_status). */
    this.status = STATUS[status] ?? String(status);
    /** The library's error id: "aftercare.invalid_value". */
    this.id = id;
    this.field = field;
    this.value = value;
    this.allowed = allowed;
  }
}

/** The library's version ("0.1.0") and the C interface's ABI version. */
export const version = core.UTF8ToString(core._aftercare_version());
export const abiVersion = core._aftercare_abi_version();

// --- marshalling ------------------------------------------------------------------------------

// Runs fn(scope) and frees everything the scope allocated, whatever happens.
function scoped(fn) {
  const owned = [];
  const scope = {
    // UTF-8 bytes of `text` on the heap: [pointer, length].
    text(text) {
      const length = core.lengthBytesUTF8(text);
      const p = core._malloc(length + 1);
      owned.push(() => core._free(p));
      core.stringToUTF8(text, p, length + 1);
      return [p, length];
    },
    // A pointer-sized out slot, zeroed.
    slot() {
      const p = core._malloc(4);
      owned.push(() => core._free(p));
      core.setValue(p, 0, 'i32');
      return p;
    },
    // Frees `free(handle)` at the end of the scope.
    own(handle, free) {
      owned.push(() => free(handle));
      return handle;
    },
  };
  try {
    return fn(scope);
  } finally {
    for (let i = owned.length - 1; i >= 0; --i) owned[i]();
  }
}

// Throws the AftercareError behind a failing status.
function check(status, errorSlot) {
  if (status === 0) return;
  const e = core.getValue(errorSlot, 'i32');
  if (e === 0) throw new AftercareError(status, '', '', '', '', `aftercare: status ${STATUS[status] ?? status}`);
  const s = (f) => core.UTF8ToString(f(e));
  const error = new AftercareError(status, s(core._aftercare_error_id), s(core._aftercare_error_field), s(core._aftercare_error_value),
    s(core._aftercare_error_allowed), s(core._aftercare_error_message));
  core._aftercare_error_free(e);
  throw error;
}

// The text a writing call (one that ends in `char** out, size_t* length, aftercare_error** error`)
// gives: write(out, error) makes the call; the text is read and freed.
function written(s, write) {
  const out = s.slot();
  const err = s.slot();
  check(write(out, err), err);
  const p = core.getValue(out, 'i32');
  const text = core.UTF8ToString(p);
  core._aftercare_free(p);
  return text;
}

function json(value, field) {
  if (typeof value === 'string') return value;
  if (value === null || typeof value !== 'object') {
    throw new AftercareError(1, 'aftercare.invalid_argument', field, String(value).slice(0, 40), 'an object',
      `${field} must be an object (or its JSON text), not ${value === null ? 'null' : typeof value}`);
  }
  return JSON.stringify(value);
}

function formatOf(format, allowed) {
  if (!allowed.includes(format)) {
    throw new AftercareError(1, 'aftercare.invalid_argument', 'format', String(format).slice(0, 40), allowed.join(', '),
      `format ${JSON.stringify(String(format).slice(0, 40))} is not one of ${allowed.join(', ')}`);
  }
  return FORMAT[format];
}

// --- protocols --------------------------------------------------------------------------------

const protocols = new FinalizationRegistry((handle) => core._aftercare_protocol_free(handle));

/** A loaded protocol (docs/protocol-format.md). Pass it as `{protocol}` to the functions below;
 *  without one they use the embedded default protocol. */
export class Protocol {
  #handle;
  constructor(handle) {
    this.#handle = handle;
    protocols.register(this, handle, this);
    /** "aftercare.microneedling.default" */
    this.id = core.UTF8ToString(core._aftercare_protocol_id(handle));
    /** "1.0.0" */
    this.version = core.UTF8ToString(core._aftercare_protocol_version(handle));
  }
  /** @internal the C handle (0 once disposed). */
  get handle() {
    if (this.#handle === 0) throw new AftercareError(1, 'aftercare.invalid_argument', 'protocol', this.id, 'a protocol not yet disposed', 'protocol was disposed');
    return this.#handle;
  }
  /** Frees the protocol now (plans made from it are unaffected). */
  dispose() {
    if (this.#handle !== 0) {
      protocols.unregister(this);
      core._aftercare_protocol_free(this.#handle);
      this.#handle = 0;
    }
  }
}

/** A protocol from its JSON text (or object); `origin` names it in error messages. */
export function parseProtocol(text, origin = '<string>') {
  return scoped((s) => {
    const [p, n] = s.text(json(text, 'protocol'));
    const [o] = s.text(origin);
    const out = s.slot();
    const err = s.slot();
    check(core._aftercare_protocol_parse(p, n, o, out, err), err);
    return new Protocol(core.getValue(out, 'i32'));
  });
}

/** The embedded default protocol. */
export function defaultProtocol() {
  return scoped((s) => {
    const out = s.slot();
    const err = s.slot();
    check(core._aftercare_protocol_default(out, err), err);
    return new Protocol(core.getValue(out, 'i32'));
  });
}

// --- plans and schedules ----------------------------------------------------------------------

function makePlan(s, treatment, options) {
  const [t, n] = s.text(json(treatment, 'treatment'));
  const out = s.slot();
  const err = s.slot();
  check(core._aftercare_plan_new(options?.protocol ? options.protocol.handle : 0, t, n, out, err), err);
  return s.own(core.getValue(out, 'i32'), core._aftercare_plan_free);
}

function makeSchedule(s, treatment, options) {
  const plan = makePlan(s, treatment, options);
  const prefs = options?.preferences;
  const [p, n] = prefs === undefined || prefs === null ? [0, 0] : s.text(json(prefs, 'preferences'));
  const out = s.slot();
  const err = s.slot();
  check(core._aftercare_schedule_new(plan, p, n, out, err), err);
  return s.own(core.getValue(out, 'i32'), core._aftercare_schedule_free);
}

function writeSchedule(treatment, options, format) {
  return scoped((s) => {
    const schedule = makeSchedule(s, treatment, options);
    return written(s, (out, err) => core._aftercare_schedule_write(schedule, format, out, 0, err));
  });
}

/** The plan for a treatment (docs/schema/plan.schema.json), without reminders. */
export function plan(treatment, options = {}) {
  return JSON.parse(planText(treatment, { ...options, format: 'json' }));
}

/** The plan as the JSON text or readable text the library writes (`format`: 'json' | 'text' | 'html'). */
export function planText(treatment, options = {}) {
  const format = formatOf(options.format ?? 'text', ['json', 'text', 'html']);
  return scoped((s) => {
    const p = makePlan(s, treatment, options);
    return written(s, (out, err) => core._aftercare_plan_write(p, format, out, 0, err));
  });
}

/** The plan with its reminders at the patient's local times: what `aftercare plan --format json`
 *  prints. `options.preferences`: {wake, bed, morning, midday, evening, bedtime} ("07:00"). */
export function schedule(treatment, options = {}) {
  return JSON.parse(writeSchedule(treatment, options, FORMAT.json));
}

/** The same as JSON text, byte for byte what `aftercare plan --format json` prints. */
export function toJson(treatment, options = {}) {
  return writeSchedule(treatment, options, FORMAT.json);
}

/** The plan and reminders as readable text: `aftercare plan --format text`. */
export function toText(treatment, options = {}) {
  return writeSchedule(treatment, options, FORMAT.text);
}

/** The reminders as an iCalendar file (RFC 5545, CRLF): `aftercare plan --format ics`. */
export function toIcs(treatment, options = {}) {
  return writeSchedule(treatment, options, FORMAT.ics);
}

/** The patient's printable handout (one self-contained HTML page): `aftercare plan --format html`. */
export function toHtml(treatment, options = {}) {
  return writeSchedule(treatment, options, FORMAT.html);
}

// --- triage and screening ---------------------------------------------------------------------

/** Triage of symptom reports against the treatment's plan (docs/schema/triage.schema.json).
 *  `reports`: {reports: [{symptom, seen_at | hours_after, severity, signs}]}. `options.asOf`
 *  ("YYYY-MM-DDTHH:MM", local) rejects reports seen after it; `options.format: 'text'` returns
 *  the text the command prints instead of the object. */
export function triage(treatment, reports, options = {}) {
  const format = formatOf(options.format ?? 'json', ['json', 'text']);
  const text = scoped((s) => {
    const p = makePlan(s, treatment, options);
    const [r, n] = s.text(json(reports, 'reports'));
    const [asOf] = options.asOf === undefined || options.asOf === null ? [0] : s.text(String(options.asOf));
    return written(s, (out, err) => core._aftercare_triage(p, r, n, asOf, format, out, 0, err));
  });
  return format === FORMAT.json ? JSON.parse(text) : text;
}

/** Eligibility screening before a treatment (docs/schema/screening.schema.json). `history`:
 *  {conditions, isotretinoin_stopped, radiotherapy_ended, birth_date, as_of, procedures}. */
export function screen(treatment, history = {}, options = {}) {
  const format = formatOf(options.format ?? 'json', ['json', 'text']);
  const text = scoped((s) => {
    const [t, tn] = s.text(json(treatment, 'treatment'));
    const [h, hn] = s.text(json(history, 'history'));
    const protocol = options.protocol ? options.protocol.handle : 0;
    return written(s, (out, err) => core._aftercare_screen(protocol, t, tn, h, hn, format, out, 0, err));
  });
  return format === FORMAT.json ? JSON.parse(text) : text;
}
