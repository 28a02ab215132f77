"""The patient's language (docs/languages.md): catalogues against CLDR (babel), --lang on the command,
lang= in Python, the .po round trip for translators, and a clinic's own messages."""

from __future__ import annotations

import datetime as dt
import json
import re

import icalendar
import jsonschema
import pytest
from babel import Locale
from babel.dates import get_day_names, get_month_names
from conftest import EXAMPLE, ROOT, load_schema

import aftercare
from aftercare import _core

LOCALES = ("en", "en-US", "es", "uk")
TRANSLATED = ("es", "uk")


def catalogue_file(lang: str) -> dict:
    return json.loads((ROOT / "data" / "locales" / f"{lang}.json").read_text(encoding="utf-8"))


# --- the catalogues against CLDR ---------------------------------------------------------------

@pytest.mark.parametrize("lang", ["en", "es", "uk"])
def test_plural_rules_are_cldrs(lang: str) -> None:
    rule = Locale.parse(lang).plural_form
    for n in [*range(0, 250), 1000, 1001, 1011, 1021, 1000000, 2000000, 1000001]:
        assert _core.plural_category(lang, n) == rule(n), n


@pytest.mark.parametrize("lang", TRANSLATED)
def test_plural_messages_give_exactly_the_locales_categories(lang: str) -> None:
    categories = set(Locale.parse(lang).plural_form.tags) | {"other"}
    plural = {k: v for k, v in catalogue_file(lang)["messages"].items() if "text" not in v}
    assert plural
    for mid, m in plural.items():
        assert set(m) - {"status"} == categories, mid


@pytest.mark.parametrize("lang", TRANSLATED)
def test_day_and_month_names_are_cldrs(lang: str) -> None:
    dates = catalogue_file(lang)["dates"]
    days = get_day_names("abbreviated", context="format", locale=lang)
    assert dates["weekdays"] == [days[6], *(days[i] for i in range(6))]  # babel counts from Monday
    months = get_month_names("abbreviated", context="format", locale=lang)
    assert dates["months"] == [months[i] for i in range(1, 13)]


def test_en_us_clock_and_date_order_are_cldrs() -> None:
    from babel.dates import format_date, format_time

    when = dt.datetime(2026, 11, 22, 7, 30)
    ours = aftercare.default_protocol("en-US")
    assert ours.lang == "en-US"
    assert format_time(when, "h:mm a", locale="en_US").replace("\u202f", " ") == "7:30 AM"
    assert format_date(when, "EEE, MMM d, y", locale="en_US") == "Sun, Nov 22, 2026"
    p = aftercare.plan(aftercare.Treatment(device="pen", depth_mm=1.0, area="face", skin_type=3,
                                           treated_at=dt.datetime(2026, 11, 21, 14, 0, tzinfo=dt.timezone.utc)),
                       protocol=ours, tz="America/New_York")
    text = aftercare.schedule(p, "America/New_York").to_text(sources=False)
    assert re.search(r"\b\d{1,2}:\d\d (AM|PM)\b", text)
    assert "Sat, Nov 21, 2026" in text  # month before day
    assert not re.search(r"\b(1[3-9]|2[0-3]):\d\d\b", text)


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_message_is_translated_and_marked_machine(lang: str) -> None:
    en = catalogue_file("en")["messages"]
    mine = catalogue_file(lang)["messages"]
    assert set(mine) == set(en)
    placeholder = re.compile(r"\{(\w+)\}")
    for mid, m in mine.items():
        assert m["status"] == "machine", mid
        source = en[mid].get("text", en[mid].get("other"))
        for form, text in m.items():
            if form != "status":
                assert text.strip(), (mid, form)
                assert set(placeholder.findall(text)) == set(placeholder.findall(source)), (mid, form)


# --- Python: lang= ------------------------------------------------------------------------------

TREATMENT = dict(device="pen", depth_mm=1.0, area="face", skin_type=3)


def treatment() -> aftercare.Treatment:
    return aftercare.Treatment(**TREATMENT, treated_at=dt.datetime(2026, 11, 21, 14, 0, tzinfo=dt.timezone.utc))


def test_lang_in_python_changes_words_not_codes() -> None:
    en = aftercare.plan(treatment(), tz="Europe/Madrid")
    es = aftercare.plan(treatment(), tz="Europe/Madrid", lang="es")
    assert [e.code for e in es] == [e.code for e in en]
    assert es.protocol.lang == "es" and es.protocol.review_status == "machine"
    assert en.protocol.lang == "en" and en.protocol.review_status == "source"
    assert next(e for e in es if e.code == "restriction.makeup").title == "Maquillaje"
    uk = aftercare.plan(treatment(), lang="uk")
    assert next(e for e in uk if e.code == "effect.redness").title == "Почервоніння"
    assert aftercare.shipped_locales() == LOCALES


def test_lang_reaches_screening_and_course() -> None:
    h = aftercare.PatientHistory(conditions=["eczema"])
    e = aftercare.screen(h, aftercare.Treatment(**TREATMENT), as_of="2026-11-21", lang="uk")
    assert e.findings[0].title == "Екзема"
    c = aftercare.course(aftercare.Treatment(**TREATMENT, indication="acne_scars"), lang="es")
    assert c.total_sessions >= 1


def test_bad_lang_is_a_typed_error() -> None:
    with pytest.raises(aftercare.InvalidValueError) as e:
        aftercare.plan(treatment(), lang="xx")
    assert e.value.field == "lang"
    assert "en, en-US, es, uk" in str(e.value)
    with pytest.raises(TypeError, match="lang"):
        aftercare.plan(treatment(), lang=3)  # type: ignore[arg-type]


# --- the command: --lang ------------------------------------------------------------------------

@pytest.mark.parametrize("lang", TRANSLATED)
def test_cli_text_html_ics_json_in_each_locale(run_cli, lang: str) -> None:
    words = catalogue_file(lang)["messages"]
    text = run_cli("plan", *EXAMPLE, "--lang", lang, check=True).stdout
    assert words["text.heading.expect"]["text"] in text
    assert "What to expect" not in text
    html = run_cli("plan", *EXAMPLE, "--lang", lang, "--format", "html", check=True).stdout
    assert f'<html lang="{lang}">' in html and '<p class="notice">' in html
    ics = run_cli("plan", *EXAMPLE, "--lang", lang, "--format", "ics", check=True).stdout
    cal = icalendar.Calendar.from_ical(ics)
    summaries = {str(ev["X-AFTERCARE-CODE"]): str(ev["SUMMARY"]) for ev in cal.walk("VEVENT")}
    assert summaries["care.cleanse.morning"] == words["care.cleanse.title"]["text"]
    doc = json.loads(run_cli("plan", *EXAMPLE, "--lang", lang, "--format", "json", check=True).stdout)
    jsonschema.validate(doc, load_schema("plan"))
    assert doc["lang"] == lang
    assert any(e["code"] == "restriction.makeup" for e in doc["entries"])
    tri = json.loads(run_cli("triage", *EXAMPLE, "--symptom", "pus", "--hours-after", "30", "--lang", lang, "--format", "json", check=True).stdout)
    jsonschema.validate(tri, load_schema("triage"))
    assert tri["lang"] == lang
    scr = json.loads(run_cli("screen", *EXAMPLE, "--condition", "eczema", "--lang", lang, "--format", "json", check=True).stdout)
    jsonschema.validate(scr, load_schema("screening"))
    assert scr["findings"][0]["title"] == words["screening.eczema.title"]["text"]


def test_cli_english_has_no_lang_field(run_cli) -> None:
    doc = json.loads(run_cli("plan", *EXAMPLE, "--format", "json", check=True).stdout)
    assert "lang" not in doc
    assert run_cli("plan", *EXAMPLE, check=True).stdout == run_cli("plan", *EXAMPLE, "--lang", "en", check=True).stdout


def test_cli_bad_lang_is_one_line_exit_2(run_cli) -> None:
    r = run_cli("plan", *EXAMPLE, "--lang", "klingon")
    assert r.returncode == 2 and r.stdout == ""
    assert r.stderr.count("\n") == 1
    assert "--lang 'klingon'" in r.stderr and "en, en-US, es, uk" in r.stderr


def test_cli_protocol_messages_is_the_en_catalogue(run_cli) -> None:
    out = run_cli("protocol", "dump", "--messages", check=True).stdout
    assert out == (ROOT / "data" / "locales" / "en.json").read_text(encoding="utf-8")
    es = json.loads(run_cli("protocol", "dump", "--messages", "--lang", "es", check=True).stdout)
    assert es["messages"] == catalogue_file("es")["messages"]


# --- translators: .po and back ------------------------------------------------------------------

@pytest.mark.parametrize("lang", TRANSLATED)
def test_po_round_trip(lang: str) -> None:
    cat = aftercare.default_protocol().catalogue(lang)
    po = aftercare.catalogue_to_po(cat)
    assert 'msgctxt "restriction.makeup.title"' in po
    assert 'msgid "Makeup"' in po
    assert "#, fuzzy" in po  # machine translations are fuzzy until reviewed
    back = aftercare.catalogue_from_po(po, into=cat)
    assert back == cat
    # A translator's edit, reviewed (fuzzy cleared), comes back as such.
    edited = po.replace('#, fuzzy\nmsgctxt "restriction.makeup.title"', 'msgctxt "restriction.makeup.title"')
    title = cat["messages"]["restriction.makeup.title"]["text"]
    edited = edited.replace(f'msgstr "{title}"', 'msgstr "Reviewed title"', 1)
    again = aftercare.catalogue_from_po(edited, into=cat)
    assert again["messages"]["restriction.makeup.title"] == {"text": "Reviewed title", "status": "reviewed"}


def test_po_with_a_foreign_id_is_refused() -> None:
    cat = aftercare.default_protocol().catalogue("es")
    po = aftercare.catalogue_to_po(cat).replace('msgctxt "restriction.makeup.title"', 'msgctxt "restriction.makeup.titel"')
    with pytest.raises(ValueError, match="restriction.makeup.titel"):
        aftercare.catalogue_from_po(po, into=cat)


# --- a clinic's own messages --------------------------------------------------------------------

def test_clinic_overrides_one_message_and_adds_its_own_text(tmp_path) -> None:
    doc = json.loads(aftercare.default_protocol().text)
    makeup = next(r for r in doc["restrictions"] if r["code"] == "restriction.makeup")
    makeup["title"] = "Make-up and concealer"
    path = tmp_path / "clinic.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(aftercare.ProtocolError) as e:
        aftercare.load_protocol(path).localized("es")
    assert "no 'es' message for restriction.makeup.title" in str(e.value)
    assert e.value.pointer.startswith("/restrictions/") and e.value.line > 0
    doc["catalogues"] = {"es": {"messages": {"restriction.makeup.title": {"text": "Maquillaje y corrector", "status": "reviewed"}}}}
    path.write_text(json.dumps(doc), encoding="utf-8")
    p = aftercare.plan(treatment(), protocol=aftercare.load_protocol(path), lang="es")
    assert next(x for x in p if x.code == "restriction.makeup").title == "Maquillaje y corrector"
    assert next(x for x in p if x.code == "restriction.sun").title == "Sol"
    jsonschema.validate(doc, load_schema("protocol"))
