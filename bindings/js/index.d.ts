// Types for the aftercare package (bindings/js/src/index.mjs). The objects in and out have the
// fields of the JSON schemas in docs/schema/ (treatment, plan, triage, screening); the result
// types are left open (Record) where the schema is the reference.

/** A treatment (docs/schema/treatment.schema.json). */
export interface Treatment {
  device: 'home_roller' | 'pen' | 'rf';
  depth_mm: number;
  /** Fitzpatrick type: 1–6, or "I"–"VI". */
  skin_type: 1 | 2 | 3 | 4 | 5 | 6 | string;
  area?: 'face' | 'periorbital' | 'neck' | 'decolletage' | 'scalp' | 'back' | 'abdomen' | 'thighs' | 'arms' | 'hands';
  adjuncts?: 'prp'[];
  indication?: string;
  session?: number;
  history?: string[];
  /** Local wall-clock time in `time_zone`: "2026-11-21T14:00". */
  treated_at?: string;
  /** An IANA zone: "Europe/London". */
  time_zone?: string;
}

/** Reminder preferences ("HH:MM" local times), every member optional (docs/reminders.md). */
export interface Preferences {
  wake?: string;
  bed?: string;
  morning?: string;
  midday?: string;
  evening?: string;
  bedtime?: string;
}

export interface SymptomReport {
  symptom: string;
  /** Local time in the plan's zone, "YYYY-MM-DDTHH:MM"; or hours_after. */
  seen_at?: string;
  hours_after?: number;
  severity?: 'mild' | 'moderate' | 'severe';
  signs?: string[];
}

export interface History {
  conditions?: string[];
  isotretinoin_stopped?: string;
  radiotherapy_ended?: string;
  birth_date?: string;
  as_of?: string;
  procedures?: Record<string, string>;
}

export interface Options {
  /** A protocol from parseProtocol(); the embedded default without one. */
  protocol?: Protocol;
}

export interface ScheduleOptions extends Options {
  preferences?: Preferences | string;
}

/** A plan, schedule, assessment or eligibility document, as its schema describes it. */
export type Document = Record<string, unknown> & { schema: string };

/** What the core rejected. */
export class AftercareError extends Error {
  /** 'invalid_argument' | 'invalid_json' | 'invalid_value' | 'time_zone' | 'protocol' | 'unsupported' | 'no_memory' | 'internal' */
  readonly status: string;
  /** "aftercare.invalid_value" */
  readonly id: string;
  /** The field at fault, a JSON pointer such as "/depth_mm". */
  readonly field: string;
  /** A short, escaped prefix of the value. */
  readonly value: string;
  /** What is allowed. */
  readonly allowed: string;
}

export class Protocol {
  readonly id: string;
  readonly version: string;
  /** Frees the protocol now; plans made from it are unaffected. */
  dispose(): void;
}

/** The library's version, "0.1.0". */
export const version: string;
/** The C interface's ABI version. */
export const abiVersion: number;

export function parseProtocol(text: string | object, origin?: string): Protocol;
export function defaultProtocol(): Protocol;

/** The plan without reminders (docs/schema/plan.schema.json). */
export function plan(treatment: Treatment | string, options?: Options): Document;
/** The plan as text ('text', the default), JSON text or the HTML handout. */
export function planText(treatment: Treatment | string, options?: Options & { format?: 'json' | 'text' | 'html' }): string;
/** The plan with its reminders: what `aftercare plan --format json` prints. */
export function schedule(treatment: Treatment | string, options?: ScheduleOptions): Document;
/** `aftercare plan --format json`, as text (byte-identical). */
export function toJson(treatment: Treatment | string, options?: ScheduleOptions): string;
/** `aftercare plan --format text`. */
export function toText(treatment: Treatment | string, options?: ScheduleOptions): string;
/** `aftercare plan --format ics`: needs treated_at and time_zone. */
export function toIcs(treatment: Treatment | string, options?: ScheduleOptions): string;
/** `aftercare plan --format html`: the patient's printable handout. */
export function toHtml(treatment: Treatment | string, options?: ScheduleOptions): string;

export function triage(treatment: Treatment | string, reports: { reports: SymptomReport[] } | string,
                       options?: Options & { asOf?: string; format?: 'json' }): Document;
export function triage(treatment: Treatment | string, reports: { reports: SymptomReport[] } | string,
                       options: Options & { asOf?: string; format: 'text' }): string;

export function screen(treatment: Treatment | string, history?: History | string, options?: Options & { format?: 'json' }): Document;
export function screen(treatment: Treatment | string, history: History | string, options: Options & { format: 'text' }): string;

/** The zone source the WebAssembly core uses: Intl.DateTimeFormat with timeZone. */
export class IntlZones {
  find(name: string): string | null;
  periodAt(name: string, utcSeconds: number): { begin: number; end: number; offset: number; dst: boolean } | null;
}
