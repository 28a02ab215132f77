// The handout's style sheet, inlined into every page. Large type, dark text on white, colour never
// the only signal (every box has a heading, every bar a row name), print rules for A4 and Letter
// (the page size is set by the paper the printer has; margins and breaks are set here).
#include "aftercare/io/html.hpp"

namespace aftercare {

std::string_view handout_css() noexcept {
    return R"css(:root { --ink: #111; --muted: #3d4450; --line: #8a94a3; --emergency: #a4001d; --emergency-bg: #fdecee;
  --call: #0b4a8b; --call-bg: #eaf2fb; --effect: #b4530a; --avoid: #1d4ed8; }
* { box-sizing: border-box; }
html { font-family: "DejaVu Sans", "Noto Sans", Verdana, Arial, sans-serif; color: var(--ink); background: #fff;
  font-size: 18px; line-height: 1.4; -webkit-text-size-adjust: 100%; }
body { margin: 0; }
.handout { max-width: 52rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.7rem; margin: 0.3rem 0 0.2rem; line-height: 1.2; }
h2 { font-size: 1.25rem; margin: 1.1rem 0 0.4rem; break-after: avoid; page-break-after: avoid; }
h3 { font-size: 1.05rem; margin: 0.6rem 0 0.25rem; break-after: avoid; }
h4 { font-size: 1rem; margin: 0 0 0.2rem; }
p { margin: 0.2rem 0; }
ul { margin: 0.1rem 0 0.3rem; padding-left: 1.2rem; }
li { margin: 0.12rem 0; }
small.num { color: var(--muted); font-size: 0.8em; white-space: normal; }
.url { overflow-wrap: anywhere; font-size: 0.8em; }
.clinic { display: flex; flex-wrap: wrap; align-items: center; gap: 0.4rem 1rem; border-bottom: 3px solid var(--ink);
  padding-bottom: 0.4rem; }
.clinic .logo { max-height: 3.2rem; max-width: 10rem; }
.clinic .who { flex: 1 1 12rem; }
.clinic-name { font-size: 1.3rem; font-weight: bold; }
.address { color: var(--muted); }
.phones { display: table; border-collapse: collapse; margin: 0; font-size: 1.05rem; }
.phones div { display: table-row; }
.phones dt, .phones dd { display: table-cell; }
.phones dt { color: var(--muted); padding-right: 0.6rem; }
.phones dd { margin: 0; font-weight: bold; white-space: nowrap; }
.patient .label, .booked .label { color: var(--muted); }
.blank { display: inline-block; min-width: 14rem; border-bottom: 1.5px solid var(--ink); height: 1.1em; vertical-align: bottom; }
.treatment { color: var(--ink); }
.help { display: grid; gap: 0.6rem; margin-top: 0.7rem; }
.intro .emergency { margin-top: 0.7rem; }
.box { border: 3px solid; border-radius: 6px; padding: 0.4rem 0.8rem 0.5rem; break-inside: avoid; }
.box h2 { margin: 0 0 0.2rem; }
.box ul { margin-bottom: 0.1rem; }
.emergency { border-color: var(--emergency); background: var(--emergency-bg); }
.emergency h2 { color: var(--emergency); }
.call { border-color: var(--call); background: var(--call-bg); }
.call h2 { color: var(--call); }
.call h3 { font-size: 1rem; margin-top: 0.35rem; }
.call ul { columns: 2 18rem; column-gap: 1.5rem; }
.call ul li { break-inside: avoid; }
.call ul.groups, .call ul.findings { columns: auto; }  /* the notebook views' findings: one column, full width */
.call ul.groups > li { margin: 0.15rem 0; }
.call .lead { font-weight: bold; }
.phone { white-space: nowrap; }
.when, .until, .likely { color: var(--muted); }
.when { white-space: nowrap; }
.advice { display: block; }
.timeline-figure { margin: 0; overflow-x: auto; }
.timeline-svg { width: 100%; height: auto; display: block; font-family: inherit; }
.tl-label { font-size: 12px; text-anchor: end; fill: var(--ink); }
.tl-day, .tl-date { font-size: 11px; text-anchor: middle; fill: var(--muted); }
.tl-date { font-size: 12px; fill: var(--ink); font-weight: bold; }
.tl-more { font-size: 11px; text-anchor: end; fill: #fff; font-weight: bold; }
.tl-legend { font-size: 13px; fill: var(--ink); }
.tl-mname { font-size: 12px; fill: #0f5c56; font-weight: bold; }
.tl-effect { fill: var(--effect); }
.tl-effect.rare { fill: #e3a873; }
.tl-avoid.s0 { fill: var(--avoid); }
.tl-avoid.s1 { fill: #6f8fe8; }
.tl-avoid.s2 { fill: #a9bdf2; }
.tl-lift { fill: #fff; stroke: var(--ink); stroke-width: 2; }
.tl-milestone { fill: #0f766e; }
.tl-band { fill: #f1f3f5; }
.band { border-left: 6px solid var(--call); padding: 0.1rem 0 0.2rem 0.7rem; margin: 0.5rem 0 0.7rem; }
.band h3 { margin-top: 0; font-size: 1.15rem; }
.dates { font-weight: normal; color: var(--muted); font-size: 0.95rem; margin-left: 0.4rem; }
.cols { columns: 3 13rem; column-gap: 1.2rem; }
.col { break-inside: auto; }
.col h4 { break-after: avoid; }
.col + .col { margin-top: 0.3rem; }
ul.inline { display: inline; padding: 0; }
ul.inline li { display: inline; }
.col h4 { border-bottom: 1.5px solid var(--line); }
.col.avoid h4::before { content: "\2715  "; }
.col.do h4::before { content: "\2713  "; }
.lifted { margin: 0.25rem 0 0; }
.checklist table { border-collapse: collapse; width: 100%; table-layout: fixed; }
.checklist th, .checklist td { border: 1px solid var(--line); padding: 0.15rem; text-align: center; }
.checklist th.what { text-align: left; width: 27%; font-weight: normal; padding-left: 0.3rem; }
.checklist tbody th.what { font-weight: bold; }
.checklist thead th { font-size: 0.7rem; font-weight: bold; }
.checklist .slot { font-weight: normal; font-size: 0.85em; color: var(--muted); }
.checklist .d { display: block; line-height: 1.1; }
.checklist td.off { background: #eceff3; }
.tick { display: inline-block; width: 1.05rem; height: 1.05rem; border: 2px solid var(--ink); border-radius: 2px; vertical-align: middle; }
.hint { color: var(--muted); }
.next p { font-size: 1.05rem; }
.booked { margin-top: 0.6rem; }
footer { margin-top: 1.2rem; border-top: 1.5px solid var(--line); padding-top: 0.3rem; color: var(--muted); font-size: 0.85rem; }
@media (max-width: 40rem) {
  html { font-size: 17px; }
  .handout { padding: 0.6rem; }
  .checklist th.what { width: 34%; }
  .checklist thead th { font-size: 0.55rem; }
  .checklist th, .checklist td { padding: 0.05rem; }
  .tick { width: 0.8rem; height: 0.8rem; border-width: 1.5px; }
  .blank { min-width: 10rem; }
  .timeline-svg { min-width: 38rem; }  /* readable on a phone: the picture scrolls sideways in its frame */
}
@page { margin: 7mm 8mm 9mm;
  @bottom-left { font-family: "DejaVu Sans", sans-serif; font-size: 8pt; color: #3d4450; }
  @bottom-right { content: "page " counter(page) " of " counter(pages); font-family: "DejaVu Sans", sans-serif; font-size: 8pt; color: #3d4450; } }
@media print {
  /* 10 pt type with the spacing that print needs and a screen does not: the default plan's every line
     on as few sheets as the text allows. */
  html { font-size: 10pt; line-height: 1.1;
    font-family: "DejaVu Sans Condensed", "DejaVu Sans", "Noto Sans", "Arial Narrow", Arial, sans-serif; }
  h1 { font-size: 1.45rem; margin: 0.2rem 0 0.1rem; }
  h2 { font-size: 1.15rem; margin: 0.3rem 0 0.15rem; }
  h3 { margin: 0.3rem 0 0.15rem; }
  ul { margin: 0 0 0.15rem; }
  li { margin: 0.04rem 0; }
  .patient { margin-right: 1.2rem; }
  .intro { display: flex; gap: 0.8rem; align-items: flex-start; }
  .intro .title { flex: 1 1 50%; }
  .intro .emergency { flex: 1 1 50%; margin-top: 0.4rem; }
  .checklist h2, .checklist .hint { display: inline; }
  .checklist .hint { margin-left: 0.6rem; }
  .checklist table { margin-top: 0.25rem; }
  .closing { display: flex; gap: 1.2rem; align-items: flex-start; }
  .closing > * { flex: 1 1 50%; }
  footer p { display: inline; }
  footer { font-size: 9pt; }
  .checklist thead th { font-size: 8pt; }
  .checklist .slot { font-size: 9pt; }
  .help { margin-top: 0.3rem; gap: 0.3rem; }
  .box { padding: 0.2rem 0.5rem 0.25rem; }
  .band { margin: 0.15rem 0 0.2rem; padding: 0 0 0 0.5rem; border-left-width: 4px; }
  .cols { column-gap: 0.9rem; }
  .col + .col { margin-top: 0.15rem; }
  .checklist th, .checklist td { padding: 0.05rem 0.1rem; }
  .checklist th.what { width: 30%; }
  .tick { width: 0.8rem; height: 0.8rem; border-width: 1.5px; }
  .next p { font-size: 1rem; }
  .booked { margin-top: 0.15rem; }
  footer { margin-top: 0.15rem; padding-top: 0.15rem; }
  .closing h2 { margin-top: 0.2rem; }
  .call h3 { margin-top: 0.2rem; }
  .call ul.groups > li { margin: 0.05rem 0; }
  .handout { max-width: none; padding: 0; }
  /* on paper each restriction's "until" date says when it lifts: the band's line of what is allowed
     again is left out, unless it is all the band has */
  .lifted:not(.only) { display: none; }
  .box, .band h3, .checklist tr, .timeline-figure, .next, li { break-inside: avoid; page-break-inside: avoid; }
  /* in a band's columns a long item may go on in the next column (two lines at least on each side):
     whole items leave a column's foot half empty */
  .cols li { break-inside: auto; page-break-inside: auto; orphans: 2; widows: 2; }
  /* the checklist whole on one page when it fits: a row or two left at a page's foot reads as the whole list */
  .checklist { break-inside: avoid; page-break-inside: avoid; }
  .emergency, .call, .checklist td.off { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  a { color: inherit; text-decoration: none; }
}
)css";
}

}  // namespace aftercare
