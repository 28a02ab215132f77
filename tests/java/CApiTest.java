// The C interface from Java through JNA (Debian's libjna-java), standing in for Kotlin on Android:
// the same calls a Kotlin binding makes (docs/guide-apps.md). For a table of treatments across
// zones the schedule (JSON, text, .ics), triage and screening are byte-identical to the command's;
// bad input comes back as a status and an error object; threads share one plan; and a zone source
// backed by java.time's ZoneRules (what an Android app has) gives the OS database's output.
import com.sun.jna.Callback;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.ptr.PointerByReference;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

public final class CApiTest {
    /** The binding: one Java method per C function (size_t is 64-bit here). */
    public interface Aftercare extends Library {
        Aftercare C = Native.load("aftercare_c", Aftercare.class);

        int aftercare_abi_version();
        String aftercare_version();
        int aftercare_plan_new(Pointer protocol, byte[] json, long length, PointerByReference out, PointerByReference error);
        void aftercare_plan_free(Pointer plan);
        int aftercare_schedule_new(Pointer plan, byte[] json, long length, PointerByReference out, PointerByReference error);
        int aftercare_schedule_write(Pointer schedule, int format, PointerByReference out, Pointer length, PointerByReference error);
        void aftercare_schedule_free(Pointer schedule);
        int aftercare_triage(Pointer plan, byte[] json, long length, String asOf, int format, PointerByReference out, Pointer length2,
                             PointerByReference error);
        int aftercare_screen(Pointer protocol, byte[] treatment, long tlen, byte[] history, long hlen, int format, PointerByReference out,
                             Pointer length, PointerByReference error);
        void aftercare_free(Pointer text);
        int aftercare_error_status(Pointer error);
        String aftercare_error_field(Pointer error);
        String aftercare_error_message(Pointer error);
        void aftercare_error_free(Pointer error);
        int aftercare_set_zone_source(ZoneSource source, PointerByReference error);
    }

    static final int OK = 0, JSON = 0, TEXT = 1, ICS = 2;

    /** A failed call, with what the error object said. */
    static final class AftercareException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;
        final String field;

        AftercareException(int status, String field, String message) {
            super(message);
            this.status = status;
            this.field = field;
        }
    }

    /** Turns a status into a result or an exception, and frees the error object (who frees what). */
    static void check(int status, PointerByReference error) {
        if (status == OK) return;
        Pointer e = error.getValue();
        AftercareException ex = new AftercareException(status, Aftercare.C.aftercare_error_field(e), Aftercare.C.aftercare_error_message(e));
        Aftercare.C.aftercare_error_free(e);
        throw ex;
    }

    /** The library's text as a Java string, freed at once. */
    static String take(PointerByReference out) {
        Pointer p = out.getValue();
        try {
            return p.getString(0, "UTF-8");
        } finally {
            Aftercare.C.aftercare_free(p);
        }
    }

    static byte[] utf8(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    static Pointer plan(String json) {
        PointerByReference out = new PointerByReference(), err = new PointerByReference();
        byte[] b = utf8(json);
        check(Aftercare.C.aftercare_plan_new(null, b, b.length, out, err), err);
        return out.getValue();
    }

    static String schedule(Pointer plan, String prefs, int format) {
        PointerByReference s = new PointerByReference(), out = new PointerByReference(), err = new PointerByReference();
        byte[] b = prefs == null ? null : utf8(prefs);
        check(Aftercare.C.aftercare_schedule_new(plan, b, b == null ? 0 : b.length, s, err), err);
        try {
            check(Aftercare.C.aftercare_schedule_write(s.getValue(), format, out, null, err), err);
            return take(out);
        } finally {
            Aftercare.C.aftercare_schedule_free(s.getValue());
        }
    }

    static String command(List<String> args) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(args).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (InputStream in = p.getInputStream()) {
            in.transferTo(buf);
        }
        if (p.waitFor() != 0) throw new IllegalStateException("command failed: " + args);
        return buf.toString(StandardCharsets.UTF_8);
    }

    static int failures = 0, checks = 0;

    static void expect(boolean ok, String what) {
        ++checks;
        if (!ok) {
            ++failures;
            System.err.println("FAIL: " + what);
        }
    }

    static void same(String ours, String theirs, String what) {
        boolean eq = ours.equals(theirs);
        expect(eq, what);
        if (!eq) {
            int i = 0;
            while (i < ours.length() && i < theirs.length() && ours.charAt(i) == theirs.charAt(i)) ++i;
            System.err.println("  first difference at " + i + ": ours '" + ours.substring(i, Math.min(ours.length(), i + 40)) + "' command '"
                               + theirs.substring(i, Math.min(theirs.length(), i + 40)) + "'");
        }
    }

    // --- a zone source from java.time (what a Kotlin app on Android has) ---------------------------

    /** struct aftercare_zone_period */
    @Structure.FieldOrder({"begin", "end", "utc_offset", "dst_minutes", "abbreviation"})
    public static class ZonePeriod extends Structure {
        public long begin, end;
        public int utc_offset, dst_minutes;
        public byte[] abbreviation = new byte[16];

        public ZonePeriod(Pointer p) {
            super(p);
        }
    }

    public interface FindZone extends Callback {
        int invoke(Pointer context, String name, Pointer canonical, long capacity);
    }

    public interface PeriodAt extends Callback {
        int invoke(Pointer context, String name, long utc, Pointer out);
    }

    /** struct aftercare_zone_source (resolve_local and release left NULL). */
    @Structure.FieldOrder({"size", "context", "find_zone", "period_at", "resolve_local", "release"})
    public static class ZoneSource extends Structure {
        public long size;
        public Pointer context;
        public FindZone find_zone;
        public PeriodAt period_at;
        public Pointer resolve_local;
        public Pointer release;
    }

    static final AtomicInteger hostCalls = new AtomicInteger();

    static ZoneSource javaTimeSource() {
        ZoneSource src = new ZoneSource();
        src.size = src.size();
        src.find_zone = (context, name, canonical, capacity) -> {
            try {
                String id = ZoneId.of(name).getId();  // the name as asked, as the OS database keeps it
                byte[] b = utf8(id);
                if (b.length + 1 > capacity) return 1;
                canonical.write(0, b, 0, b.length);
                canonical.setByte(b.length, (byte) 0);
                return 0;
            } catch (RuntimeException e) {
                return 1;
            }
        };
        src.period_at = (context, name, utc, out) -> {
            hostCalls.incrementAndGet();
            ZoneRules rules = ZoneId.of(name).getRules();
            Instant at = Instant.ofEpochSecond(utc);
            ZoneOffsetTransition prev = rules.previousTransition(at.plusSeconds(1));
            ZoneOffsetTransition next = rules.nextTransition(at);
            ZonePeriod p = new ZonePeriod(out);
            p.begin = prev == null ? Long.MIN_VALUE : prev.toEpochSecond();
            p.end = next == null ? Long.MAX_VALUE : next.toEpochSecond();
            p.utc_offset = rules.getOffset(at).getTotalSeconds();
            p.dst_minutes = (int) rules.getDaylightSavings(at).toMinutes();
            Arrays.fill(p.abbreviation, (byte) 0);
            p.write();
            return 0;
        };
        src.write();
        return src;
    }

    public static void main(String[] args) throws Exception {
        String cli = args[0];
        Path work = Path.of(args[1]);
        expect(Aftercare.C.aftercare_abi_version() == 1, "ABI version 1");
        expect(Aftercare.C.aftercare_version().matches("\\d+\\.\\d+\\.\\d+"), "version");

        String[][] treatments = {
            {"{\"device\": \"pen\", \"depth_mm\": 1.0, \"skin_type\": 3, \"indication\": \"acne_scars\", \"treated_at\": \"%s\", \"time_zone\": \"%s\"}",
             "--device pen --depth 1.0 --skin-type 3 --indication acne_scars"},
            {"{\"device\": \"rf\", \"depth_mm\": 2.0, \"area\": \"back\", \"skin_type\": \"VI\", \"indication\": \"stretch_marks\", \"session\": 3,"
             + " \"treated_at\": \"%s\", \"time_zone\": \"%s\"}",
             "--device rf --depth 2.0 --area back --skin-type VI --indication stretch_marks --session 3"},
        };
        String[] zones = {"Europe/London", "America/Los_Angeles", "Australia/Sydney", "Asia/Tokyo", "America/Santiago", "Africa/Casablanca"};
        String[] times = {"2026-03-28T19:45", "2026-10-30T08:00"};
        String[] formats = {"json", "text", "ics"};
        Path reports = work.resolve("reports.json");
        String reportsJson = "{\"reports\": [{\"symptom\": \"pain\", \"hours_after\": 20, \"severity\": \"moderate\"}, {\"symptom\": \"rash\", \"hours_after\": 3}]}";
        Files.writeString(reports, reportsJson);
        int compared = 0;
        for (String[] t : treatments) {
            for (String zone : zones) {
                for (String time : times) {
                    String json = String.format(t[0], time, zone);
                    List<String> base = new ArrayList<>(List.of(t[1].split(" ")));
                    base.addAll(List.of("--treated-at", time, "--tz", zone));
                    Pointer plan = plan(json);
                    try {
                        for (int f = JSON; f <= ICS; ++f) {
                            List<String> cmd = new ArrayList<>(List.of(cli, "plan"));
                            cmd.addAll(base);
                            cmd.addAll(List.of("--format", formats[f]));
                            same(schedule(plan, null, f), command(cmd), "schedule " + zone + " " + time + " " + formats[f]);
                            ++compared;
                        }
                        PointerByReference out = new PointerByReference(), err = new PointerByReference();
                        byte[] r = utf8(reportsJson);
                        check(Aftercare.C.aftercare_triage(plan, r, r.length, "2027-01-15T12:00", JSON, out, null, err), err);
                        List<String> cmd = new ArrayList<>(List.of(cli, "triage"));
                        cmd.addAll(base);
                        cmd.addAll(List.of("--reports", reports.toString(), "--as-of", "2027-01-15T12:00", "--format", "json"));
                        same(take(out), command(cmd), "triage " + zone + " " + time);
                        byte[] tj = utf8(json), h = utf8("{\"conditions\": [\"keloid_history\"], \"birth_date\": \"2001-02-03\"}");
                        check(Aftercare.C.aftercare_screen(null, tj, tj.length, h, h.length, TEXT, out, null, err), err);
                        cmd = new ArrayList<>(List.of(cli, "screen"));
                        cmd.addAll(base);
                        cmd.addAll(List.of("--condition", "keloid_history", "--birth-date", "2001-02-03", "--format", "text"));
                        same(take(out), command(cmd), "screen " + zone + " " + time);
                    } finally {
                        Aftercare.C.aftercare_plan_free(plan);
                    }
                }
            }
        }
        System.out.println("table: " + compared + " schedule outputs identical to the command's");

        // bad input: a status and an error naming the field
        String[][] bad = {{"{\"device\": \"pen\", \"depth_mm\": 1.0, \"skin_type\": 3, \"area\": \"elbow\"}", "/area", "3"},
                          {"{\"device\": \"pen\"", "treatment", "2"},
                          {"{\"device\": \"pen\", \"depth_mm\": 1.0, \"skin_type\": 3, \"time_zone\": \"Nowhere/Town\"}", "/time_zone", "4"},
                          {"\"\u00e9\"", "treatment", "3"}};
        for (String[] b : bad) {
            try {
                Aftercare.C.aftercare_plan_free(plan(b[0]));
                expect(false, "no error for " + b[0]);
            } catch (AftercareException e) {
                expect(e.field.equals(b[1]) && e.status == Integer.parseInt(b[2]), b[0] + " -> " + e.status + " " + e.field + ": " + e.getMessage());
            }
        }

        // threads sharing one plan
        Pointer shared = plan(String.format(treatments[0][0], times[1], "Europe/London"));
        String expected = schedule(shared, null, ICS);
        AtomicInteger wrong = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 4; ++i) {
            Thread th = new Thread(() -> {
                for (int k = 0; k < 25; ++k) {
                    if (!schedule(shared, "{\"wake\": \"07:00\"}", ICS).equals(expected)) wrong.incrementAndGet();
                }
            });
            threads.add(th);
            th.start();
        }
        for (Thread th : threads) th.join();
        expect(wrong.get() == 0, "threads: " + wrong.get() + " different outputs");
        Aftercare.C.aftercare_plan_free(shared);

        // java.time as the zone source: the JSON and text match the OS database's (java.time has no
        // zone abbreviations to give, so the .ics's TZNAME lines are the one thing that differs)
        List<String> os = new ArrayList<>();
        for (String zone : zones) {
            Pointer p = plan(String.format(treatments[0][0], times[0], zone));
            os.add(schedule(p, null, JSON) + schedule(p, null, TEXT));
            Aftercare.C.aftercare_plan_free(p);
        }
        ZoneSource src = javaTimeSource();
        PointerByReference err = new PointerByReference();
        check(Aftercare.C.aftercare_set_zone_source(src, err), err);
        for (int i = 0; i < zones.length; ++i) {
            Pointer p = plan(String.format(treatments[0][0], times[0], zones[i]));
            same(schedule(p, null, JSON) + schedule(p, null, TEXT), os.get(i), "java.time zone source " + zones[i]);
            Aftercare.C.aftercare_plan_free(p);
        }
        expect(hostCalls.get() > 0, "java.time was asked");
        check(Aftercare.C.aftercare_set_zone_source(null, err), err);
        System.out.println("java.time zone source: " + zones.length + " zones identical to the OS database");

        System.out.println(checks + " checks, " + failures + " failed");
        System.exit(failures == 0 ? 0 : 1);
    }
}
