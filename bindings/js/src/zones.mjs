// Time zones from the JavaScript engine's Intl, for the WebAssembly core's zone source
// (bindings/js/wasm_zones.cpp). No tz database is shipped: Intl.DateTimeFormat with `timeZone`
// gives the wall-clock time of any instant in any zone, and the periods of constant offset the core
// asks for are found from it:
//  - the offset at an instant is the wall-clock time read as UTC minus the instant;
//  - a period's ends are where the offset changes, found by stepping a week at a time and then
//    halving to the second (two changes within one week would be missed; tests/zones.test.mjs
//    finds every change of every zone from 2010 to 2035 as the tz database has it);
//  - a period without a change within reach (back to 1970, two years ahead) ends where the search
//    stopped;
//  - daylight saving is in force when the offset is above those of the periods either side;
//  - Intl has no tz database abbreviations ("BST", "+04"): there are none, and an .ics file has
//    no TZNAME lines (RFC 5545 makes them optional).

const WEEK = 7 * 86400;
const EPOCH_FLOOR = -86400 * 7; // periods are looked for back to 1970 (what the .ics writer needs)
const SPAN_BACK = 60 * 365 * 86400;
const SPAN_AHEAD = 2 * 366 * 86400;
const NAME = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9][A-Za-z0-9_+-]*)*$/;

class IntlZone {
  constructor(name) {
    this.name = name;
    this.format = new Intl.DateTimeFormat('en-US', {
      timeZone: name, hourCycle: 'h23', era: 'short',
      year: 'numeric', month: 'numeric', day: 'numeric',
      hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    this.periods = []; // found so far, sorted by begin, not overlapping
  }

  offsetAt(t) {
    const f = {};
    for (const p of this.format.formatToParts(new Date(t * 1000))) f[p.type] = p.value;
    let year = Number(f.year);
    if (f.era === 'BC' || f.era === 'B') year = 1 - year;
    const wall = Date.UTC(year, Number(f.month) - 1, Number(f.day), Number(f.hour), Number(f.minute), Number(f.second));
    // Date.UTC maps years 0..99 to 1900..1999; the library works from 1850, so this never arises.
    return Math.round(wall / 1000) - t;
  }

  // The first second after `from` (stepping towards `to`) whose offset is not `offset`, or null.
  change(from, to, offset) {
    const dir = to > from ? 1 : -1;
    let a = from;
    while (dir > 0 ? a < to : a > to) {
      const b = dir > 0 ? Math.min(a + WEEK, to) : Math.max(a - WEEK, to);
      if (this.offsetAt(b) !== offset) {
        // offset(a) == offset, offset(b) != offset: halve to the boundary.
        let same = a;
        let other = b;
        while (Math.abs(other - same) > 1) {
          const mid = same + Math.trunc((other - same) / 2);
          if (this.offsetAt(mid) === offset) same = mid; else other = mid;
        }
        return other;
      }
      a = b;
    }
    return null;
  }

  periodAt(t) {
    for (const p of this.periods) if (p.begin <= t && t < p.end) return p.period;
    const offset = this.offsetAt(t);
    // Walking forward period by period (the usual way), the one found last ends at `t`: its end is
    // this one's begin if the offset changed there, else this one goes on from its begin.
    const previous = this.periods.find((p) => p.end === t);
    let begin;
    let offsetBefore = null; // the offset before `begin`, when `begin` is a change
    if (previous && previous.offset !== offset) {
      begin = t;
      offsetBefore = previous.offset;
    } else if (previous) {
      begin = previous.begin;
      offsetBefore = previous.offsetBefore;
    } else {
      const backTo = Math.max(t - SPAN_BACK, Math.min(EPOCH_FLOOR, t - 2 * WEEK));
      const before = this.change(t, backTo, offset);
      // Without a change in reach, the period is known to hold only as far as was looked: its ends
      // are where the search stopped, so an instant beyond them is looked up afresh.
      begin = before === null ? backTo : before + 1;
      if (before !== null) offsetBefore = this.offsetAt(before);
    }
    const after = this.change(t, t + SPAN_AHEAD, offset);
    const end = after === null ? t + SPAN_AHEAD : after;
    const dst = offsetBefore !== null && after !== null && offset > offsetBefore && offset > this.offsetAt(after);
    const record = { begin, end, offset, offsetBefore, period: { begin, end, offset, dst } };
    this.periods.push(record);
    return record.period;
  }
}

/** The zone source the core's loader passes to the module (Module.aftercareZones). */
export class IntlZones {
  constructor() {
    this.zones = new Map();
  }

  /** `name` if Intl knows the zone by that exact spelling, else null. Intl also accepts other
   *  letter cases ("europe/london"); the OS tz database does not, so neither does this. */
  find(name) {
    if (this.zones.has(name)) return name;
    if (!NAME.test(name)) return null;
    let resolved;
    try {
      resolved = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
    } catch {
      return null;
    }
    // The same zone in another letter case is a misspelling; another name is a link (Intl keeps
    // ICU's canonical names: "Asia/Kolkata" resolves to "Asia/Calcutta").
    if (resolved !== name && resolved.toLowerCase() === name.toLowerCase()) return null;
    if (resolved !== name && !/^[A-Z]/.test(name.split('/').pop())) return null;
    this.zones.set(name, new IntlZone(name));
    return name;
  }

  periodAt(name, t) {
    const zone = this.zones.get(name) ?? (this.find(name) === null ? null : this.zones.get(name));
    return zone ? zone.periodAt(t) : null;
  }
}
