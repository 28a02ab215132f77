"""Bad input, table-driven: the command, the Python API and what both read from files.

Each case is an input and the message it must give. The command must exit 2 with exactly one line on
stderr, nothing on stdout and no -o file; Python must raise aftercare.Error (a ValueError) for a bad
value and TypeError for a wrong type — never anything else (issue 9). The C++ table is
tests/cpp/bad_input_tests.cpp.
"""

from __future__ import annotations

import json
import os
import pathlib
import subprocess
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import pytest

import aftercare
from support import T0, example, one_line_error

B = ("--device", "pen", "--depth", "1.0", "--skin-type", "3")
T = (*B, "--treated-at", "2026-11-21T14:00", "--tz", "Europe/London", "--as-of", "2026-12-31T23:59")  # a timed treatment
AT = ("--treated-at", "2026-11-21T14:00", "--tz", "Europe/London")
AS_OF = ("--as-of", "2026-11-21")
LONG = "x" * 100_000
ESC = "\x1b[31mred"

# --- the command ------------------------------------------------------------------------------
# (arguments, parts of the one line on stderr). {dir} is a temporary directory, {big} a 17 MiB file,
# {fifo} a FIFO, {json:NAME} a file of REPORTS/PROTOCOLS below.
CLI_CASES: list[tuple[tuple[str, ...], tuple[str, ...]]] = [
    # no command, unknown commands and options, with "did you mean"
    ((), ("no command given; usage: aftercare COMMAND", "plan, triage, screen, course or protocol")),
    (("plna",), ("unknown command 'plna' (did you mean 'plan'?)",)),
    (("tirage",), ("unknown command 'tirage' (did you mean 'triage'?)",)),
    (("scren",), ("(did you mean 'screen'?)",)),
    (("protcol",), ("(did you mean 'protocol'?)",)),
    (("PLAN",), ("(did you mean 'plan'?)",)),
    (("frobnicate",), ("unknown command 'frobnicate'; expected plan, triage, screen, course or protocol",)),
    (("--frobnicate",), ("unknown option '--frobnicate' for aftercare",)),
    (("-x",), ("unknown option '-x'",)),
    (("protocol",), ("aftercare protocol needs a command: check or dump",)),
    (("protocol", "chek"), ("unknown command 'chek' for aftercare protocol (did you mean 'check'?)",)),
    (("protocol", "dmup"), ("(did you mean 'dump'?)",)),
    (("protocol", "check"), ("FILE is required",)),
    (("protocol", "dump", "extra"), ("unexpected argument 'extra' for aftercare protocol dump",)),
    (("plan", *B, "--depht", "1"), ("unknown option '--depht' for aftercare plan (did you mean '--depth'?)",)),
    (("plan", *B, "--devise", "pen"), ("(did you mean '--device'?)",)),
    (("plan", *B, "--skintype", "3"), ("(did you mean '--skin-type'?)",)),
    (("plan", *B, "--treated_at", "2026-11-21T14:00"), ("(did you mean '--treated-at'?)",)),
    (("plan", *B, "--formt", "json"), ("(did you mean '--format'?)",)),
    (("plan", *B, "--symptom", "pus"), ("unknown option '--symptom' for aftercare plan",)),
    (("triage", *B, "--symptm", "pus"), ("(did you mean '--symptom'?)",)),
    (("screen", *B, "--conditon", "pregnancy"), ("(did you mean '--condition'?)",)),
    (("plan", *B, "extra"), ("unexpected argument 'extra' for aftercare plan",)),
    (("plan", "--device", "pen", "--depth=1.0=2", "--skin-type", "3"), ("--depth '1.0=2' is not a depth in mm",)),
    # required options and missing values
    (("plan",), ("--device is required (home_roller, pen or rf)",)),
    (("plan", "--device", "pen", "--skin-type", "3"), ("--depth is required",)),
    (("plan", "--device", "pen", "--depth", "1.0"), ("--skin-type is required",)),
    (("triage",), ("--device is required",)),
    (("screen",), ("--device is required",)),
    (("plan", *B, "--depth"), ("--depth needs a value",)),
    (("plan", *B, "--tz"), ("--tz needs a value",)),
    (("plan", *B, "--format"), ("--format needs a value",)),
    (("plan", *B, "--device", "rf"), ("--device is given more than once (it takes one value)",)),
    (("plan", *B, "--tz", "UTC", "--tz", "UTC"), ("--tz is given more than once",)),
    # choices
    (("plan", *B, "--format", "JSON"), ("--format 'JSON' is not one of text, json, ics, html or pdf (did you mean 'json'?)",)),
    (("plan", *B, "--format", "xml"), ("--format 'xml' is not one of text, json, ics, html or pdf",)),
    (("plan", *B, "--format", "icss"), ("(did you mean 'ics'?)",)),
    (("triage", *B, "--format", "ics"), ("--format 'ics' is not one of text or json",)),
    (("screen", *B, *AS_OF, "--format", "jsn"), ("(did you mean 'json'?)",)),
    # codes, with "did you mean"
    (("plan", "--device", "laser", "--depth", "1.0", "--skin-type", "3"), ("device 'laser' is not one of home_roller, pen, rf",)),
    (("plan", "--device", "pn", "--depth", "1.0", "--skin-type", "3"), ("(did you mean 'pen'?)",)),
    (("plan", "--device", "Pen", "--depth", "1.0", "--skin-type", "3"), ("device 'Pen' is not one of", "(did you mean 'pen'?)")),
    (("plan", "--device", "home-roller", "--depth", "0.5", "--skin-type", "3"), ("(did you mean 'home_roller'?)",)),
    (("plan", *B, "--area", "fce"), ("area 'fce' is not one of", "(did you mean 'face'?)")),
    (("plan", *B, "--area", "legs"), ("area 'legs' is not one of face, periorbital",)),
    (("plan", *B, "--indication", "acne"), ("indication 'acne' is not one of acne_scars",)),
    (("plan", *B, "--indication", "wrinkle"), ("(did you mean 'wrinkles'?)",)),
    (("plan", *B, "--adjunct", "prq"), ("adjunct 'prq' is not one of prp", "(did you mean 'prp'?)")),
    (("plan", *B, "--history", "cold_sores"), ("--history 'cold_sores' is not one of", "(did you mean 'cold_sore_history'?)")),
    (("triage", *B, "--symptom", "rednes", "--hours-after", "3"), ("symptom 'rednes' is not one of", "(did you mean 'redness'?)")),
    (("triage", *B, "--symptom", "pus", "--hours-after", "3", "--severity", "bad"), ("severity 'bad' is not one of mild, moderate, severe",)),
    (("triage", *B, "--symptom", "pus", "--hours-after", "3", "--severity", "mlid"), ("(did you mean 'mild'?)",)),
    (("triage", *B, "--symptom", "pus", "--hours-after", "3", "--sign", "hot"), ("sign 'hot' is not one of",)),
    (("triage", *B, "--symptom", "pus", "--hours-after", "3", "--sign", "fevr"), ("(did you mean 'fever'?)",)),
    (("screen", *B, *AS_OF, "--condition", "pregnant"), ("condition 'pregnant' is not one of", "(did you mean 'pregnancy'?)")),
    (("plan", "--device", "pen", "--depth", "1.0", "--skin-type", "7"), ("--skin-type '7' is not a Fitzpatrick skin type (1–6 or I–VI)",)),
    (("plan", "--device", "pen", "--depth", "1.0", "--skin-type", "iii"), ("--skin-type 'iii' is not a Fitzpatrick skin type",)),
    (("plan", "--device", "pen", "--depth", "1.0", "--skin-type", "0"), ("--skin-type '0'",)),
    (("plan", "--device", "pen", "--depth", "1.0", "--skin-type", "3.0"), ("--skin-type '3.0'",)),
    # numbers: plain decimals only, in range
    (("plan", "--device", "pen", "--depth", "1mm", "--skin-type", "3"), ("--depth '1mm' is not a depth in mm such as 1.0",)),
    (("plan", "--device", "pen", "--depth", "0x1", "--skin-type", "3"), ("--depth '0x1' is not a depth in mm",)),
    (("plan", "--device", "pen", "--depth", "1e0", "--skin-type", "3"), ("--depth '1e0' is not a depth in mm",)),
    (("plan", "--device", "pen", "--depth", "inf", "--skin-type", "3"), ("--depth 'inf' is not a depth in mm",)),
    (("plan", "--device", "pen", "--depth", "nan", "--skin-type", "3"), ("--depth 'nan' is not",)),
    (("plan", "--device", "pen", "--depth", "-1", "--skin-type", "3"), ("--depth '-1' is not a depth in mm",)),
    (("plan", "--device", "pen", "--depth", " 1.0", "--skin-type", "3"), ("--depth ' 1.0' is not",)),
    (("plan", "--device", "pen", "--depth", "1.0.0", "--skin-type", "3"), ("--depth '1.0.0' is not",)),
    (("plan", "--device", "pen", "--depth", "1,0", "--skin-type", "3"), ("--depth '1,0' is not",)),
    (("plan", "--device", "pen", "--depth", ".", "--skin-type", "3"), ("--depth '.' is not",)),
    (("plan", "--device", "pen", "--depth", "5000", "--skin-type", "3"), ("--depth '5000' is more than 1000",)),
    (("plan", "--device", "pen", "--depth", "4.0", "--skin-type", "3"), ("depth 4.0 mm is outside",)),
    (("plan", "--device", "pen", "--depth", "0", "--skin-type", "3"), ("depth 0.0 mm is outside",)),
    (("plan", "--device", "pen", "--depth", "9" * 40, "--skin-type", "3"), ("--depth '999",)),
    (("plan", *B, "--session", "0"), ("--session '0' is not a whole number from 1 to 1000",)),
    (("plan", *B, "--session", "1001"), ("--session '1001' is not a whole number from 1 to 1000",)),
    (("plan", *B, "--session", "0x3"), ("--session '0x3' is not a whole number",)),
    (("plan", *B, "--session", "2.5"), ("--session '2.5' is not a whole number",)),
    (("plan", *B, "--session", "-1"), ("--session '-1' is not a whole number",)),
    (("plan", *B, "--session", "99999999999999999999"), ("--session '9999",)),
    (("triage", *B, "--symptom", "redness", "--hours-after", "0x1e"), ("--hours-after '0x1e' is not a number of hours",)),
    (("triage", *B, "--symptom", "redness", "--hours-after", "1e2"), ("--hours-after '1e2' is not",)),
    (("triage", *B, "--symptom", "redness", "--hours-after", "inf"), ("--hours-after 'inf' is not",)),
    (("triage", *B, "--symptom", "redness", "--hours-after", "-3"), ("--hours-after '-3' is before the end of treatment",)),
    (("triage", *B, "--symptom", "redness", "--hours-after", "98400"), ("--hours-after '98400' is more than 87840",)),
    (("triage", *B, "--symptom", "redness", "--hours-after", "3h"), ("--hours-after '3h' is not",)),
    # empty values are never a choice
    (("plan", *B, "--treated-at", "", "--tz", "UTC"), ("--treated-at is empty; expected",)),
    (("plan", *B, "--indication", ""), ("--indication is empty; expected acne_scars",)),
    (("plan", *B, "--bedtime", ""), ("--bedtime is empty",)),
    (("plan", *B, "--wake", ""), ("--wake is empty",)),
    (("plan", *B, "--tz", ""), ("--tz is empty",)),
    (("plan", *B, "--area", ""), ("--area is empty",)),
    (("plan", *B, "--adjunct", ""), ("--adjunct is empty",)),
    (("plan", *B, "--protocol", ""), ("--protocol is empty",)),
    (("plan", "--device", "", "--depth", "1.0", "--skin-type", "3"), ("--device is empty",)),
    (("plan", "--device", "pen", "--depth", "", "--skin-type", "3"), ("--depth is empty",)),
    (("plan", "--device", "pen", "--depth", "1.0", "--skin-type", ""), ("--skin-type is empty",)),
    (("screen", *B, "--birth-date", "", *AS_OF), ("--birth-date is empty",)),
    (("screen", *B, "--as-of", ""), ("--as-of is empty",)),
    (("screen", *B, *AS_OF, "--condition", ""), ("--condition is empty",)),
    (("triage", *B, "--symptom", "", "--hours-after", "3"), ("--symptom is empty",)),
    (("triage", *B, "--symptom", "pus", "--hours-after", ""), ("--hours-after is empty",)),
    (("triage", *B, "--reports", ""), ("--reports is empty",)),
    (("plan", *B, "-o", ""), ("--output is empty",)),
    # times of day, local times, dates
    (("plan", *B, "--wake", "7:00"), ("--wake '7:00' is not a time of day HH:MM",)),
    (("plan", *B, "--wake", "24:00"), ("--wake '24:00' is not a time of day",)),
    (("plan", *B, "--bed", "22:60"), ("--bed '22:60' is not a time of day",)),
    (("plan", *B, "--wake", "23:00", "--bed", "07:00"), ("--wake 23:00 is not before bed 07:00",)),
    (("plan", *B, "--morning", "21:00", "--evening", "08:00"), ("--morning 21:00 is not before evening 08:00",)),
    (("plan", *B, "--morning", "12:00", "--evening", "12:00"), ("--morning 12:00 is not before evening 12:00",)),
    (("plan", *B, "--midday", "03:00"), ("--midday 03:00 is outside waking hours 07:00–22:30",)),
    (("plan", *B, "--bedtime", "23:30"), ("--bedtime 23:30 is outside waking hours",)),
    (("plan", *B, "--treated-at", "2026-11-21T14:00"), ("--tz is required with --treated-at",)),
    (("plan", *B, "--treated-at", "2026-11-21", "--tz", "UTC"), ("--treated-at '2026-11-21' is not a local time YYYY-MM-DDTHH:MM[:SS]",)),
    (("plan", *B, "--treated-at", "2026-02-30T10:00", "--tz", "UTC"), ("--treated-at '2026-02-30T10:00' is not a local time",)),
    (("plan", *B, "--treated-at", "2026-11-21T25:00", "--tz", "UTC"), ("--treated-at '2026-11-21T25:00' is not",)),
    (("plan", *B, "--treated-at", "2026-11-21T14:00Z", "--tz", "UTC"), ("--treated-at '2026-11-21T14:00Z' is not",)),
    (("plan", *B, "--treated-at", "9999-01-01T07:00", "--tz", "UTC"), ("--treated-at 9999-01-01 is outside the dates the library works with (1850-01-01 to 2199-12-31)",)),
    (("plan", *B, "--treated-at", "0000-01-01T07:00", "--tz", "UTC"), ("--treated-at 0000-01-01 is outside",)),
    (("plan", *B, "--treated-at", "1849-12-31T23:59", "--tz", "UTC"), ("--treated-at 1849-12-31 is outside",)),
    (("plan", *B, "--treated-at", "2200-01-01T00:00", "--tz", "UTC"), ("--treated-at 2200-01-01 is outside",)),
    (("plan", *B, "--treated-at", "2026-11-21T14:00", "--tz", "Mars/Olympus"), ("--tz 'Mars/Olympus' is not a time zone in the tz database",)),
    (("plan", *B, "--treated-at", "2026-11-21T14:00", "--tz", "europe/london"), ("--tz 'europe/london' is not a time zone",)),
    (("screen", *B, "--as-of", "2026-13-01"), ("--as-of '2026-13-01' is not a date YYYY-MM-DD",)),
    (("screen", *B, "--as-of", "9999-01-01"), ("--as-of 9999-01-01 is outside the dates",)),
    (("screen", *B, "--as-of", "21/11/2026"), ("--as-of '21/11/2026' is not a date",)),
    (("screen", *B, *AS_OF, "--birth-date", "1849-06-01"), ("--birth-date 1849-06-01 is outside the dates",)),
    (("screen", *B, *AS_OF, "--birth-date", "2030-01-01"), ("--birth-date 2030-01-01 is in the future",)),
    (("screen", *B, *AS_OF, "--isotretinoin-stopped", "2026-02-29"), ("--isotretinoin-stopped '2026-02-29' is not a date",)),
    (("screen", *B, *AS_OF, "--radiotherapy-ended", "yesterday"), ("--radiotherapy-ended 'yesterday' is not a date",)),
    # triage reports on the command line
    (("triage", *B), ("give at least one --symptom S",)),
    (("triage", *B, "--symptom", "pus"), ("--symptom pus needs --seen-at LOCAL_TIME or --hours-after H",)),
    (("triage", *B, "--hours-after", "3"), ("--hours-after '3' comes before any --symptom",)),
    (("triage", *B, "--symptom", "pus", "--hours-after", "3", "--hours-after", "4"), ("--symptom pus has more than one --seen-at/--hours-after",)),
    (("triage", *B, "--symptom", "pus", "--hours-after", "3", "--sign", "warm", "--sign", "warm"), ("--symptom pus has --sign warm twice",)),
    (("triage", *B, "--symptom", "pus", "--hours-after", "3", "--severity", "mild", "--severity", "severe"), ("more than one --severity",)),
    (("triage", *B, "--symptom", "pus", "--seen-at", "2026-11-22T10:00"), ("--seen-at needs the treatment time",)),
    (("triage", *B, *AT, "--symptom", "pus", "--seen-at", "2026-11-20T10:00"), ("--seen-at 2026-11-20T10:00 is before the end of treatment",)),
    (("triage", *B, *AT, "--symptom", "pus", "--seen-at", "2026-11-30T10:00", "--as-of", "2026-11-25T10:00"), ("is in the future (after --as-of",)),
    (("triage", *B, *AT, "--symptom", "pus", "--seen-at", "2099-11-30T10:00"), ("is in the future (it is now",)),
    (("triage", *B, *AT, "--symptom", "pus", "--seen-at", "9999-11-30T10:00"), ("--seen-at 9999-11-30 is outside the dates",)),
    (("triage", *B, *AT, "--symptom", "pus", "--hours-after", "3", "--as-of", "2026-11-21"), ("--as-of '2026-11-21' is not a local time",)),
    (("triage", *B, "--symptom", "pus", "--hours-after", "3", "--as-of", "2026-11-21T10:00"), ("--as-of needs the treatment time",)),
    (("triage", *B, "--symptom", "pus", "--hours-after", "3", "--reports", "r.json"), ("--symptom and --reports cannot be used together",)),
    # files: not there, directories, devices, FIFOs, too large, not JSON
    (("plan", *B, "--protocol", "/nonexistent/p.json"), ("--protocol '/nonexistent/p.json' cannot be read: No such file or directory",)),
    (("plan", *B, "--protocol", "{dir}"), ("cannot be read: it is a directory (expected a regular file)",)),
    (("plan", *B, "--protocol", "/dev/zero"), ("--protocol '/dev/zero' cannot be read: it is not a regular file (a device, pipe or socket)",)),
    (("plan", *B, "--protocol", "/dev/urandom"), ("it is not a regular file",)),
    (("plan", *B, "--protocol", "{fifo}"), ("it is not a regular file",)),
    (("plan", *B, "--protocol", "{big}"), ("bytes; at most 16 MiB (16777216 bytes) is read",)),
    (("protocol", "check", "{dir}"), ("FILE", "it is a directory")),
    (("protocol", "check", "/dev/zero"), ("it is not a regular file",)),
    (("protocol", "check", "{fifo}"), ("it is not a regular file",)),
    (("protocol", "check", "/nonexistent"), ("No such file or directory",)),
    (("triage", *B, "--reports", "{dir}"), ("--reports", "it is a directory")),
    (("triage", *B, "--reports", "/dev/zero"), ("--reports '/dev/zero' cannot be read: it is not a regular file",)),
    (("triage", *B, "--reports", "{fifo}"), ("it is not a regular file",)),
    (("triage", *B, "--reports", "{big}"), ("at most 16 MiB",)),
    (("triage", *B, "--reports", "/nonexistent.json"), ("--reports '/nonexistent.json' cannot be read",)),
    (("plan", *B, "--protocol", "{json:not_json}"), ("not valid JSON",)),
    (("plan", *B, "--protocol", "{json:deep}"), ("nesting deeper than 64 levels",)),
    (("plan", *B, "--protocol", "{json:deep_in_title}"), ("/title/0/0/0", "nesting deeper than 64 levels")),
    (("plan", *B, "--protocol", "{json:number_overflow}"), ("number '1e400' is beyond the range of a double",)),
    (("plan", *B, "--protocol", "{json:duplicate_format}"), ("duplicate key \"format\" (first at 1:2)",)),
    (("plan", *B, "--protocol", "{json:huge_key}"), ("unknown key \"kkkk", "(200000 bytes)")),
    (("plan", *B, "--protocol", "{json:escape_key}"), ("unknown key \"\\x1b[31m",)),
    (("protocol", "check", "{json:deep}"), ("nesting deeper than 64 levels",)),
    (("protocol", "check", "{json:number_overflow}"), ("beyond the range of a double",)),
    (("triage", *B, "--reports", "{json:r_deep}"), ("nesting deeper than 64 levels",)),
    (("triage", *B, "--reports", "{json:r_overflow}"), ("/reports/0/hours_after", "beyond the range of a double")),
    (("triage", *B, "--reports", "{json:r_duplicate}"), ("duplicate key \"reports\" (first at 1:2)",)),
    (("triage", *B, "--reports", "{json:r_duplicate_inner}"), ("/reports/0/symptom", "duplicate key \"symptom\"")),
    (("triage", *B, "--reports", "{json:r_not_json}"), ("not valid JSON",)),
    (("triage", *B, "--reports", "{json:r_empty}"), ("not valid JSON",)),
    # check-in answers (plain JSON and a FHIR QuestionnaireResponse) are read with the same bounds
    (("check-in", "answer", *T, "--answers", "{json:deep}"), ("nesting deeper than 64 levels",)),
    (("check-in", "answer", *T, "--response", "{json:deep}"), ("nesting deeper than 64 levels",)),
    (("check-in", "answer", *T, "--answers", "{json:a_duplicate}"), ("duplicate key \"check_in\" (first at 1:2)",)),
    (("check-in", "answer", *T, "--answers", "{json:number_overflow}"), ("beyond the range of a double",)),
    (("check-in", "answer", *T, "--answers", "{json:huge_key}"), ("unknown key \"kkkk", "(200000 bytes)")),
    (("check-in", "answer", *T, "--answers", "{json:r_not_json}"), ("not valid JSON",)),
    (("check-in", "answer", *T, "--answers", "{fifo}"), ("--answers", "not a regular file")),
    (("check-in", "answer", *T, "--response", "{dir}"), ("--response", "it is a directory")),
    # the handout's clinic profile is read with the same bounds
    (("plan", *B, "--format", "html", "--clinic", "{json:c_deep}"), ("the clinic profile is not valid", "nesting deeper than 64 levels")),
    (("plan", *B, "--format", "html", "--clinic", "{json:c_deep_value}"), ("clinic.name must be a string, not an array",)),
    (("plan", *B, "--format", "html", "--clinic", "{json:c_duplicate}"), ("duplicate key \"name\" (first at 1:2)",)),
    (("plan", *B, "--format", "html", "--clinic", "{json:c_overflow}"), ("beyond the range of a double",)),
    (("plan", *B, "--format", "html", "--clinic", "{json:c_not_json}"), ("the clinic profile is not valid",)),
    (("plan", *B, "--format", "html", "--clinic", "{dir}"), ("cannot be read: it is not a regular file",)),
    (("plan", *B, "--format", "html", "--clinic", "{fifo}"), ("cannot be read: it is not a regular file",)),
    (("triage", *B, "--reports", "{json:r_array}"), ("expected an object {\"reports\": [...]}, got an array",)),
    (("triage", *B, "--reports", "{json:r_unknown}"), ("unknown key \"report\"; expected: reports (did you mean 'reports'?)",)),
    (("triage", *B, "--reports", "{json:r_no_list}"), ("expected a non-empty array of reports",)),
    (("triage", *B, "--reports", "{json:r_bad_code}"), ("symptom 'rednes' is not one of", "(did you mean 'redness'?)")),
    (("triage", *B, "--reports", "{json:r_escape_code}"), ("symptom '\\x1b[31mred'",)),
    (("triage", *B, "--reports", "{json:r_long_code}"), ("(100000 bytes)",)),
    (("triage", *B, "--reports", "{json:r_negative}"), ("expected hours after treatment from 0 to 87840, got number -1",)),
    (("triage", *B, "--reports", "{json:r_too_late}"), ("got number 98400",)),
    (("triage", *B, "--reports", "{json:r_hours_string}"), ("got string \"3\"",)),
    (("triage", *B, "--reports", "{json:r_both}"), ("expected exactly one of \"seen_at\" (local time) or \"hours_after\"",)),
    (("triage", *B, "--reports", "{json:r_seen_no_zone}"), ("seen_at is a local time and needs a time zone",)),
    (("triage", *B, *AT, "--reports", "{json:r_seen_9999}"), ("seen_at 9999-01-01 is outside the dates",)),
    (("triage", *B, "--reports", "{json:r_signs_object}"), ("expected an array of signs, got an object",)),
    (("triage", *B, "--reports", "{json:r_sign_twice}"), ("duplicate sign \"warm\"",)),
    (("triage", *B, "--reports", "{json:r_report_list}"), ("expected an object with symptom", "got an array")),
    # messages quote a short, escaped prefix with the length
    (("plan", "--device", LONG, "--depth", "1.0", "--skin-type", "3"), ("device 'xxxxxxxx", "…' (100000 bytes) is not one of",)),
    (("plan", "--device", ESC, "--depth", "1.0", "--skin-type", "3"), ("device '\\x1b[31mred' is not one of",)),
    (("plan", "--device", "pen\nrf", "--depth", "1.0", "--skin-type", "3"), ("device 'pen\\nrf'",)),
    (("plan", "--device", "pen\u009b", "--depth", "1.0", "--skin-type", "3"), ("device 'pen\\u009b'",)),
    (("plan", *B, "--tz", LONG, "--treated-at", "2026-11-21T14:00"), ("--tz 'xxx", "(100000 bytes) is not a time zone",)),
    (("plan", *B, "--wake", ESC), ("--wake '\\x1b[31mred' is not a time of day",)),
    (("plan", *B, "--treated-at", LONG, "--tz", "UTC"), ("(100000 bytes) is not a local time",)),
    (("plan", *B, "--" + "y" * 5000), ("unknown option '--yyyy", "(5002 bytes)")),
    (("screen", *B, "--as-of", LONG), ("(100000 bytes) is not a date",)),
    (("triage", *B, "--symptom", LONG, "--hours-after", "3"), ("(100000 bytes) is not one of",)),
    (("plan", *B, "--protocol", "/nonexistent/" + "z" * 5000), ("(5013 bytes) cannot be read",)),
    # plans that need more
    (("plan", *B, "--format", "ics"), ("--format ics needs --treated-at and --tz",)),
    (("plan", "--device", "home_roller", "--depth", "2.0", "--skin-type", "3"), ("depth 2.0 mm is too deep for a home_roller",)),
]


def _files(tmp: pathlib.Path) -> dict[str, str]:
    deep = "[" * 60_000 + "]" * 60_000
    texts = {
        "not_json": "{\"format\": ",
        "deep": deep,
        "deep_in_title": '{"format": "aftercare.protocol/1", "title": ' + deep + "}",
        "number_overflow": '{"format": "aftercare.protocol/1", "id": 1e400}',
        "duplicate_format": '{"format": "aftercare.protocol/1", "format": "aftercare.protocol/1"}',
        "huge_key": '{"' + "k" * 200_000 + '": 1}',
        "escape_key": '{"\\u001b[31m": 1}',
        "r_deep": '{"reports": ' + deep + "}",
        "r_overflow": '{"reports": [{"symptom": "pus", "hours_after": 1e400}]}',
        "r_duplicate": '{"reports": [], "reports": [{"symptom": "pus", "hours_after": 1}]}',
        "r_duplicate_inner": '{"reports": [{"symptom": "pus", "symptom": "redness", "hours_after": 1}]}',
        "r_not_json": "{reports: []}",
        "r_empty": "",
        "r_array": "[]",
        "r_unknown": '{"report": []}',
        "r_no_list": '{"reports": []}',
        "r_bad_code": '{"reports": [{"symptom": "rednes", "hours_after": 1}]}',
        "r_escape_code": '{"reports": [{"symptom": "\\u001b[31mred", "hours_after": 1}]}',
        "r_long_code": '{"reports": [{"symptom": "' + LONG + '", "hours_after": 1}]}',
        "r_negative": '{"reports": [{"symptom": "pus", "hours_after": -1}]}',
        "r_too_late": '{"reports": [{"symptom": "pus", "hours_after": 98400}]}',
        "r_hours_string": '{"reports": [{"symptom": "pus", "hours_after": "3"}]}',
        "r_both": '{"reports": [{"symptom": "pus", "hours_after": 3, "seen_at": "2026-11-22T10:00"}]}',
        "r_seen_no_zone": '{"reports": [{"symptom": "pus", "seen_at": "2026-11-22T10:00"}]}',
        "r_seen_9999": '{"reports": [{"symptom": "pus", "seen_at": "9999-01-01T10:00"}]}',
        "r_signs_object": '{"reports": [{"symptom": "pus", "hours_after": 3, "signs": {}}]}',
        "r_sign_twice": '{"reports": [{"symptom": "pus", "hours_after": 3, "signs": ["warm", "warm"]}]}',
        "r_report_list": '{"reports": [[]]}',
        "a_duplicate": '{"check_in": "check_in.24h", "check_in": "check_in.72h"}',
        "c_deep": '{"name": ' + deep + "}",
        "c_deep_value": '{"name": ' + "[" * 60 + "]" * 60 + "}",
        "c_duplicate": '{"name": "A", "name": "B"}',
        "c_overflow": '{"name": 1e400}',
        "c_not_json": '{"name": ',
    }
    out = {}
    for name, text in texts.items():
        path = tmp / f"{name}.json"
        path.write_text(text, encoding="utf-8")
        out[f"{{json:{name}}}"] = str(path)
    big = tmp / "big.json"
    with big.open("wb") as f:
        f.truncate(17 * 1024 * 1024)
    fifo = tmp / "fifo"
    os.mkfifo(fifo)
    (tmp / "dir").mkdir()
    out["{dir}"] = str(tmp / "dir")
    out["{big}"] = str(big)
    out["{fifo}"] = str(fifo)
    return out


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return _files(tmp_path_factory.mktemp("bad_input"))


@pytest.mark.parametrize(("args", "parts"), CLI_CASES, ids=[f"cli-{i}" for i in range(len(CLI_CASES))])
def test_command(run_cli: Callable[..., subprocess.CompletedProcess[str]], files: dict[str, str], tmp_path: pathlib.Path,
                 args: tuple[str, ...], parts: tuple[str, ...]) -> None:
    real = [files.get(a, a) for a in args]
    out = tmp_path / "out.txt"
    # With -o FILE as well (right after the subcommand, so that it never takes another option's
    # place): no file may be left behind.
    with_output = bool(real) and real[0] in {"plan", "triage", "screen"} and "-o" not in real
    if with_output:
        real = [real[0], "-o", str(out), *real[1:]]
    result = run_cli(*real)
    one_line_error(result, *parts)
    assert not out.exists()


def test_command_full_stdout(cli_path: pathlib.Path) -> None:
    with open("/dev/full", "w") as full:  # noqa: PTH123
        result = subprocess.run([str(cli_path), "plan", *B], stdout=full, stderr=subprocess.PIPE, text=True, check=False, timeout=60)
    assert result.returncode == 1
    assert result.stderr == "aftercare: cannot write to standard output: No space left on device\n"


def test_command_unwritable_output(run_cli: Callable[..., subprocess.CompletedProcess[str]], tmp_path: pathlib.Path) -> None:
    result = run_cli("plan", *B, "-o", str(tmp_path / "no" / "such" / "dir.txt"))
    one_line_error(result, "--output '", "cannot be written: No such file or directory")
    result = run_cli("plan", *B, "-o", str(tmp_path))
    one_line_error(result, "cannot be written: Is a directory")


def test_help_and_version_still_work(run_cli: Callable[..., subprocess.CompletedProcess[str]]) -> None:
    assert run_cli("--version").stdout.strip() == aftercare.__version__
    assert "Usage: aftercare plan [OPTIONS]" in run_cli("plan", "--help", check=True).stdout


# --- Python: bad values raise aftercare.Error -------------------------------------------------
PLAN = None  # filled lazily


def _plan() -> aftercare.Plan:
    global PLAN  # noqa: PLW0603
    if PLAN is None:
        PLAN = aftercare.plan(example())
    return PLAN


def _untimed_plan() -> aftercare.Plan:
    return aftercare.plan(example(treated_at=None))


def _treatment(**kw: Any) -> aftercare.Treatment:
    base: dict[str, Any] = {"device": "pen", "depth_mm": 1.0, "skin_type": 3}
    base.update(kw)
    return aftercare.Treatment(**base)


def _report(**kw: Any) -> aftercare.SymptomReport:
    base: dict[str, Any] = {"symptom": "redness", "after": timedelta(hours=3)}
    base.update(kw)
    symptom = base.pop("symptom")
    return aftercare.SymptomReport(symptom, **base)


def _triage(*reports: aftercare.SymptomReport, plan: aftercare.Plan | None = None, **kw: Any) -> aftercare.Assessment:
    return aftercare.triage(plan or _plan(), reports, **kw)


def _screen(history: aftercare.PatientHistory | None = None, **kw: Any) -> aftercare.Eligibility:
    kw.setdefault("as_of", date(2026, 11, 21))
    return aftercare.screen(history or aftercare.PatientHistory(), example(), **kw)


def _schedule(**kw: Any) -> aftercare.Schedule:
    return aftercare.schedule(_plan(), "Europe/London", **kw)


MINIMAL = pathlib.Path(__file__).resolve().parents[1] / "cpp" / "data" / "minimal_protocol.json"


def _minimal_with(old: str, new: str) -> str:
    text = MINIMAL.read_text(encoding="utf-8")
    assert old in text
    return text.replace(old, new, 1)


deep_json = "[" * 60_000 + "]" * 60_000
PY_VALUE_CASES: list[tuple[str, Callable[[], Any], str]] = [
    ("device", lambda: _treatment(device="laser"), "device 'laser' is not one of home_roller, pen, rf"),
    ("device-near", lambda: _treatment(device="pne"), "(did you mean 'pen'?)"),
    ("device-empty", lambda: _treatment(device=""), "device '' is not one of"),
    ("device-long", lambda: _treatment(device=LONG), "…' (100000 bytes) is not one of"),
    ("device-escape", lambda: _treatment(device=ESC), "device '\\x1b[31mred'"),
    ("area", lambda: _treatment(area="legs"), "area 'legs' is not one of"),
    ("area-near", lambda: _treatment(area="nekc"), "(did you mean 'neck'?)"),
    ("indication", lambda: _treatment(indication="acne"), "indication 'acne' is not one of"),
    ("adjunct", lambda: _treatment(adjuncts=["prq"]), "(did you mean 'prp'?)"),
    ("history", lambda: _treatment(history=["cold_sore"]), "history 'cold_sore' is not one of"),
    ("skin-type-7", lambda: aftercare.plan(_treatment(skin_type=7)), "skin_type 7 is outside Fitzpatrick I–VI (1–6)"),
    ("skin-type-0", lambda: aftercare.plan(_treatment(skin_type=0)), "skin_type 0 is outside"),
    ("skin-type-text", lambda: _treatment(skin_type="VII"), "skin_type 'VII' is not a Fitzpatrick skin type"),
    ("skin-type-huge", lambda: _treatment(skin_type=10**30), "is outside Fitzpatrick I–VI"),
    ("depth-deep", lambda: aftercare.plan(_treatment(depth_mm=4.0)), "depth 4.0 mm is outside"),
    ("depth-zero", lambda: aftercare.plan(_treatment(depth_mm=0)), "depth 0.0 mm is outside"),
    ("depth-negative", lambda: aftercare.plan(_treatment(depth_mm=-1.0)), "depth -1.0 mm is outside"),
    ("depth-nan", lambda: _treatment(depth_mm=float("nan")), "is not a finite depth in millimetres"),
    ("depth-inf", lambda: _treatment(depth_mm=float("inf")), "is not a finite depth"),
    ("depth-huge", lambda: _treatment(depth_mm=1e300), "is not a finite depth"),
    ("session-zero", lambda: aftercare.plan(_treatment(session=0)), "session 0 is not 1 or more"),
    ("treated-naive", lambda: _treatment(treated_at=datetime(2026, 11, 21, 14)), "is a naive datetime (no tzinfo)"),
    ("treated-9999", lambda: aftercare.plan(_treatment(treated_at=datetime(9999, 1, 1, tzinfo=UTC))), "treated_at in the year 9999 is outside the dates the library works with (1850-01-01 to 2199-12-31)"),
    ("treated-max", lambda: aftercare.plan(_treatment(treated_at=datetime.max.replace(tzinfo=UTC))), "treated_at in the year 9999 is outside"),
    ("treated-min", lambda: aftercare.plan(_treatment(treated_at=datetime.min.replace(tzinfo=UTC))), "treated_at in the year 1 is outside"),
    ("treated-1899", lambda: aftercare.plan(_treatment(treated_at=datetime(1849, 12, 31, 23, tzinfo=UTC))), "treated_at in the year 1849 is outside"),
    ("treated-2200", lambda: aftercare.plan(_treatment(treated_at=datetime(2200, 1, 1, tzinfo=UTC))), "in the year 2200 is outside"),
    ("check-9999", lambda: _treatment(treated_at=datetime(9999, 1, 1, tzinfo=UTC)).check(), "treated_at in the year 9999 is outside"),
    ("home-roller-deep", lambda: aftercare.plan(_treatment(device="home_roller", depth_mm=2.0)), "too deep for a home_roller"),
    ("plan-tz", lambda: aftercare.plan(example(), tz="Mars/Base"), "'Mars/Base' is not a time zone"),
    ("plan-tz-long", lambda: aftercare.plan(example(), tz=LONG), "(100000 bytes) is not a time zone"),
    ("plan-tz-empty", lambda: aftercare.plan(example(), tz=""), "'' is not a time zone"),
    # reports and triage
    ("symptom", lambda: _report(symptom="rednes"), "(did you mean 'redness'?)"),
    ("symptom-long", lambda: _report(symptom=LONG), "(100000 bytes)"),
    ("severity", lambda: _report(severity="bad"), "severity 'bad' is not one of mild, moderate, severe"),
    ("sign", lambda: _report(signs=["hot"]), "sign 'hot' is not one of"),
    ("sign-near", lambda: _report(signs=["fevr"]), "(did you mean 'fever'?)"),
    ("report-both", lambda: _report(seen_at=T0), "exactly one of"),
    ("report-none", lambda: aftercare.SymptomReport("pus"), "exactly one of"),
    ("after-max", lambda: _triage(_report(after=timedelta.max)), "reports[0].hours_after 23999999999 h is outside 0 to 87840 h"),
    ("after-4100-days", lambda: _triage(_report(after=timedelta(days=4100))), "reports[0].hours_after 98400 h is outside 0 to 87840 h (ten years"),
    ("after-negative", lambda: _triage(_report(after=timedelta(hours=-1))), "is before the end of treatment"),
    ("after-min", lambda: _triage(_report(after=timedelta.min)), "reports[0].hours_after -23999999976 h is outside 0 to 87840 h"),
    ("seen-before", lambda: _triage(_report(after=None, seen_at=T0 - timedelta(hours=1))), "is before the end of treatment"),
    ("seen-future", lambda: _triage(_report(after=None, seen_at=datetime.now(UTC) + timedelta(days=30))), "is in the future"),  # as_of: now
    ("seen-future-as-of", lambda: _triage(_report(after=None, seen_at=T0 + timedelta(days=3)), as_of=T0 + timedelta(days=1)), "is in the future (after"),
    ("seen-9999", lambda: _triage(_report(after=None, seen_at=datetime(9999, 1, 1, tzinfo=UTC))), "reports[0].seen_at in the year 9999 is outside"),
    ("seen-max", lambda: _triage(_report(after=None, seen_at=datetime.max.replace(tzinfo=UTC))), "is outside the dates"),
    ("seen-untimed", lambda: _triage(_report(after=None, seen_at=T0 + timedelta(hours=3)), plan=_untimed_plan()), "the plan has no treatment time"),
    ("seen-naive", lambda: _report(after=None, seen_at=datetime(2026, 11, 22)), "is a naive datetime"),
    ("as-of-9999", lambda: _triage(_report(), as_of=datetime(9999, 1, 1, tzinfo=UTC)), "as_of in the year 9999 is outside"),
    ("as-of-naive", lambda: _triage(_report(), as_of=datetime(2026, 11, 22)), "is a naive datetime"),
    ("future-after-now", lambda: _triage(_report(after=timedelta(days=3000))), "is in the future"),
    # protocols
    ("protocol-deep", lambda: aftercare.parse_protocol(deep_json), "nesting deeper than 64 levels"),
    ("protocol-deep-title", lambda: aftercare.parse_protocol('{"title": ' + deep_json + "}"), "/title/0/0/0/0"),
    ("protocol-deep-sources", lambda: aftercare.parse_protocol('{"sources": {"A": ' + '{"x": ' * 30_000 + "1" + "}" * 30_000 + "}}"), "nesting deeper than 64"),
    ("protocol-overflow", lambda: aftercare.parse_protocol('{"format": 1e400}'), "number '1e400' is beyond the range of a double"),
    ("protocol-overflow-negative", lambda: aftercare.parse_protocol('{"format": -1e999}'), "number '-1e999' is beyond"),
    ("protocol-duplicate", lambda: aftercare.parse_protocol('{"id": "a",\n "id": "b"}'), "<string>:2:2: /id: duplicate key \"id\" (first at 1:2)"),
    ("protocol-duplicate-escaped", lambda: aftercare.parse_protocol('{"id": "a", "\\u0069d": "b"}'), "duplicate key \"id\""),
    ("protocol-duplicate-nested", lambda: aftercare.parse_protocol('{"sources": {"A": {}, "A": {}}}'), "/sources/A: duplicate key \"A\""),
    ("protocol-not-json", lambda: aftercare.parse_protocol("{"), "not valid JSON"),
    ("protocol-empty", lambda: aftercare.parse_protocol(""), "not valid JSON"),
    ("protocol-key-long", lambda: aftercare.parse_protocol('{"' + "k" * 100_000 + '": 1}'), "(100000 bytes)"),
    ("protocol-key-escape", lambda: aftercare.parse_protocol('{"\\u001b[2J": 1}'), "unknown key \"\\x1b[2J\""),
    ("protocol-key-near", lambda: aftercare.parse_protocol('{"fromat": 1}'), "(did you mean 'format'?)"),
    ("protocol-string-long", lambda: aftercare.parse_protocol(_minimal_with('"aftercare.protocol/1"', '"' + LONG + '"')), "…\" (100000 bytes)"),
    ("protocol-string-escape", lambda: aftercare.parse_protocol(_minimal_with('"aftercare.protocol/1"', '"\\u001b[0m"')), "got string \"\\x1b[0m\""),
    ("protocol-object-for-string", lambda: aftercare.parse_protocol(_minimal_with('"aftercare.protocol/1"', '{"a": [1]}')), "/format: expected a non-empty string, got an object"),
    ("protocol-bad-utf8", lambda: aftercare.parse_protocol('{"format": "\udcff"}' if False else '{"format": "\\ud800"}'), "not valid JSON"),
    ("protocol-dir", lambda: aftercare.load_protocol("/tmp"), "cannot read the file: it is a directory"),
    ("protocol-dev-zero", lambda: aftercare.load_protocol("/dev/zero"), "cannot read the file: it is not a regular file (a device, pipe or socket)"),
    ("protocol-missing", lambda: aftercare.load_protocol("/nonexistent.json"), "cannot read the file: No such file or directory"),
    # screening
    ("screen-as-of", lambda: _screen(as_of="2026-13-01"), "as_of '2026-13-01' is not a date YYYY-MM-DD"),
    ("screen-as-of-9999", lambda: _screen(as_of=date(9999, 1, 1)), "as_of 9999-01-01 is outside the dates"),
    ("screen-as-of-min", lambda: _screen(as_of=date.min), "as_of 0001-01-01 is outside the dates"),
    ("screen-as-of-empty", lambda: _screen(as_of=""), "as_of is empty; expected a date YYYY-MM-DD"),
    ("screen-as-of-datetime", lambda: _screen(as_of=datetime(2026, 11, 21, tzinfo=UTC)), "is a datetime; pass a datetime.date"),
    ("screen-birth-1850", lambda: _screen(aftercare.PatientHistory(birth_date=date(1849, 1, 1))), "birth_date 1849-01-01 is outside the dates"),
    ("screen-birth-future", lambda: _screen(aftercare.PatientHistory(birth_date=date(2030, 1, 1))), "birth_date 2030-01-01 is in the future"),
    ("screen-birth-text", lambda: aftercare.PatientHistory(birth_date="01/01/2000"), "birth_date '01/01/2000' is not a date"),
    ("screen-birth-empty", lambda: aftercare.PatientHistory(birth_date=""), "birth_date is empty"),
    ("screen-condition", lambda: aftercare.PatientHistory(["pregnant"]), "(did you mean 'pregnancy'?)"),
    ("screen-iso-9999", lambda: _screen(aftercare.PatientHistory(isotretinoin_stopped=date(9999, 1, 1))), "isotretinoin_stopped 9999-01-01 is outside"),
    # schedules
    ("wake-after-bed", lambda: _schedule(wake="23:00", bed="07:00"), "wake 23:00 is not before bed 07:00"),
    ("morning-after-evening", lambda: _schedule(morning="21:00", evening="08:00"), "morning 21:00 is not before evening 08:00"),
    ("wake-text", lambda: _schedule(wake="7am"), "wake '7am' is not a time of day HH:MM"),
    ("wake-empty", lambda: _schedule(wake=""), "wake is empty; expected a time of day"),
    ("wake-seconds", lambda: _schedule(wake=time(7, 0, 30)), "is not a time of day in whole minutes"),
    ("wake-aware", lambda: _schedule(wake=time(7, tzinfo=UTC)), "has a tzinfo"),
    ("midday-quiet", lambda: _schedule(midday="03:00"), "midday 03:00 is outside waking hours"),
    ("horizon-negative", lambda: _schedule(horizon=timedelta(hours=-1)), "horizon -60 min is negative"),
    ("horizon-max", lambda: _schedule(horizon=timedelta.max), "horizon 23999999999 h is more than ten years (87840 h)"),
    ("horizon-4100-days", lambda: _schedule(horizon=timedelta(days=4100)), "horizon 98400 h is more than ten years"),
    ("schedule-tz", lambda: aftercare.schedule(_plan(), "Nowhere/Town"), "'Nowhere/Town' is not a time zone"),
    # JSON writers: indent
    ("indent-1025", lambda: _plan().to_json(indent=1025), "indent 1025 is outside -1 (one line) to 16 spaces per level"),
    ("indent-17", lambda: _plan().to_json(indent=17), "indent 17 is outside"),
    ("indent-minus-2", lambda: _plan().to_json(indent=-2), "indent -2 is outside"),
    ("indent-huge", lambda: _plan().to_json(indent=2**80), "is outside -1 (one line) to 16"),
    ("indent-schedule", lambda: _schedule().to_json(indent=100), "indent 100 is outside"),
    ("indent-triage", lambda: _triage(_report()).to_json(indent=1025), "indent 1025 is outside"),
    ("indent-screen", lambda: _screen().to_json(indent=-5), "indent -5 is outside"),
]


@pytest.mark.parametrize(("name", "call", "part"), PY_VALUE_CASES, ids=[c[0] for c in PY_VALUE_CASES])
def test_python_value(name: str, call: Callable[[], Any], part: str) -> None:
    with pytest.raises(aftercare.Error) as info:
        call()
    message = str(info.value)
    assert part in message, message
    assert "\n" not in message and "\x1b" not in message
    assert len(message) < 3000, len(message)


class _Weird:
    pass


PY_TYPE_CASES: list[tuple[str, Callable[[], Any], str]] = [
    ("plan-none", lambda: aftercare.plan(None), "treatment must be an aftercare.Treatment, not NoneType"),
    ("plan-dict", lambda: aftercare.plan({"device": "pen"}), "treatment must be an aftercare.Treatment, not dict"),
    ("plan-protocol-str", lambda: aftercare.plan(example(), protocol="x"), "protocol must be an aftercare.Protocol or None, not str"),
    ("plans-none", lambda: aftercare.plans(None), "treatments must be an iterable of aftercare.Treatment, not NoneType"),
    ("plans-item", lambda: aftercare.plans([example(), 3]), "treatments[1] must be an aftercare.Treatment, not int"),
    ("schedule-none", lambda: aftercare.schedule(None), "plan must be an aftercare.Plan, not NoneType"),
    ("schedule-treatment", lambda: aftercare.schedule(example()), "plan must be an aftercare.Plan, not Treatment"),
    ("schedule-horizon", lambda: aftercare.schedule(_plan(), "UTC", horizon=3), "horizon must be a datetime.timedelta or None, not int"),
    ("schedule-wake-int", lambda: aftercare.schedule(_plan(), "UTC", wake=7), "wake must be a datetime.time or \"HH:MM\", not int"),
    ("triage-none", lambda: aftercare.triage(None, []), "plan must be an aftercare.Plan, not NoneType"),
    ("triage-str", lambda: aftercare.triage(_plan(), "pus"), "reports must be an iterable of aftercare.SymptomReport, not str"),
    ("triage-report", lambda: aftercare.triage(_plan(), _report()), "reports must be an iterable of aftercare.SymptomReport, not SymptomReport"),
    ("triage-item", lambda: aftercare.triage(_plan(), [_report(), "pus"]), "reports[1] must be an aftercare.SymptomReport, not str"),
    ("triage-none-reports", lambda: aftercare.triage(_plan(), None), "reports must be an iterable of aftercare.SymptomReport, not NoneType"),
    ("triage-as-of-str", lambda: aftercare.triage(_plan(), [_report()], as_of="2026-11-22"), "as_of must be an aware datetime.datetime or None, not str"),
    ("screen-none", lambda: aftercare.screen(None, example(), as_of="2026-11-21"), "history must be an aftercare.PatientHistory, not NoneType"),
    ("screen-treatment", lambda: aftercare.screen(aftercare.PatientHistory(), None, as_of="2026-11-21"), "treatment must be an aftercare.Treatment, not NoneType"),
    ("screen-protocol", lambda: aftercare.screen(aftercare.PatientHistory(), example(), as_of="2026-11-21", protocol=1), "protocol must be an aftercare.Protocol or None, not int"),
    ("screen-as-of-int", lambda: aftercare.screen(aftercare.PatientHistory(), example(), as_of=20261121), "as_of must be a datetime.date or \"YYYY-MM-DD\", not int"),
    ("depth-str", lambda: _treatment(depth_mm="1.0"), "depth_mm must be a number (float or int) of millimetres, not str"),
    ("depth-none", lambda: _treatment(depth_mm=None), "depth_mm must be a number (float or int) of millimetres, not NoneType"),
    ("depth-bool", lambda: _treatment(depth_mm=True), "depth_mm must be a number (float or int) of millimetres, not bool"),
    ("session-str", lambda: _treatment(session="2"), "session must be an int, not str"),
    ("session-float", lambda: _treatment(session=2.0), "session must be an int, not float"),
    ("skin-type-float", lambda: _treatment(skin_type=3.0), "skin_type must be an int 1–6 or a str I–VI, not float"),
    ("skin-type-bool", lambda: _treatment(skin_type=True), "skin_type must be an int 1–6 or a str I–VI, not bool"),
    ("device-int", lambda: _treatment(device=1), "device must be"),
    ("treated-at-str", lambda: _treatment(treated_at="2026-11-21T14:00"), "treated_at must be an aware datetime.datetime, not str"),
    ("adjuncts-int", lambda: _treatment(adjuncts=5), "adjuncts must be a code or an iterable of codes, not int"),
    ("adjuncts-item", lambda: _treatment(adjuncts=[5]), "adjuncts codes must be str, not int"),
    ("report-after-int", lambda: _report(after=3), "after must be a datetime.timedelta"),
    ("report-seen-str", lambda: _report(after=None, seen_at="2026-11-22"), "seen_at must be an aware datetime.datetime, not str"),
    ("report-signs-int", lambda: _report(signs=3), "signs must be a code or an iterable of codes, not int"),
    ("history-birth-int", lambda: aftercare.PatientHistory(birth_date=2000), "birth_date must be a datetime.date or \"YYYY-MM-DD\", not int"),
    ("indent-str", lambda: _plan().to_json(indent="2"), "indent must be an int or None, not str"),
    ("indent-float", lambda: _plan().to_json(indent=2.0), "indent must be an int or None, not float"),
    ("indent-bool", lambda: _plan().to_json(indent=True), "indent must be an int or None, not bool"),
    ("parse-protocol-bytes", lambda: aftercare.parse_protocol(b"{}"), "text must be a str of JSON, not bytes"),
    ("parse-protocol-none", lambda: aftercare.parse_protocol(None), "text must be a str of JSON, not NoneType"),
    ("load-protocol-int", lambda: aftercare.load_protocol(3), "path must be a str or os.PathLike, not int"),
    ("tz-int", lambda: aftercare.plan(example(), tz=3), "must be"),
    ("weird-treatment", lambda: aftercare.plan(_Weird()), "treatment must be an aftercare.Treatment, not _Weird"),
]


@pytest.mark.parametrize(("name", "call", "part"), PY_TYPE_CASES, ids=[c[0] for c in PY_TYPE_CASES])
def test_python_type(name: str, call: Callable[[], Any], part: str) -> None:
    with pytest.raises(TypeError) as info:
        call()
    assert not isinstance(info.value, aftercare.Error)
    message = str(info.value)
    assert part in message, message
    assert "Invoked with" not in message and "incompatible" not in message, message  # not pybind11's signature dump


def test_tables_are_large_enough() -> None:
    # The issue asks for at least 300 cases across the command, C++ and Python; C++ has its own table.
    assert len(CLI_CASES) + len(PY_VALUE_CASES) + len(PY_TYPE_CASES) >= 300


def test_indent_in_range_still_writes_json() -> None:
    for indent in (None, -1, 0, 1, 16):
        json.loads(_plan().to_json(indent=indent))
