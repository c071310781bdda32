package org.jsna.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When jsna runs a command in a JVM of its own, and with what heap (README, "Memory"). */
class FittedHeapTest {

    private static final long MIB = 1L << 20;
    private static final long GIB = 1L << 30;
    /** Java's default limit on a 24 GiB machine. */
    private static final long DEFAULT = 6 * GIB;
    private static final List<String> JAR = List.of();

    @TempDir
    Path tmp;

    private static FittedHeap.Plan plan(List<String> args, List<String> jvm, Map<String, String> env, long bytes) {
        return FittedHeap.decide(args, jvm, env, DEFAULT, a -> bytes);
    }

    @Test
    void theHeapFollowsTheInputWithAQuarterToSpareAndAFloor() {
        // measured needs: 80 MiB for the benchmark's S (409 MiB of CSV), 256 MiB for its L (4,463 MiB)
        assertEquals(256 * MIB, FittedHeap.fitted(409 * MIB));
        assertEquals(320 * MIB, FittedHeap.fitted(4463 * MIB)); // 1.25 x (64 + 4463 / 24) = 312.5, up to 32s
        assertTrue(FittedHeap.fitted(4463 * MIB) >= 1.25 * 256 * MIB - 16 * MIB);
        assertEquals(256 * MIB, FittedHeap.fitted(0));
        // 10x L: 1.25 x (64 + 44630 / 24) = 2404.6 -> 2432 MiB
        assertEquals(2432 * MIB, FittedHeap.fitted(44630 * MIB));
        long previous = 0;
        for (long b = 0; b < 100 * GIB; b += 3 * GIB) {
            long h = FittedHeap.fitted(b);
            assertTrue(h >= previous && h % (32 * MIB) == 0, b + " -> " + h);
            previous = h;
        }
    }

    @Test
    void bigExtractsOfTheReadingCommandsGetTheFittedHeapWithARetry() {
        for (String command : List.of("report", "validate", "project")) {
            FittedHeap.Plan p = plan(List.of(command, "data", "--out", "o", "--formats", "csv"), JAR, Map.of(),
                    4463 * MIB);
            assertTrue(p.child() && p.retry(), command);
            assertEquals(320 * MIB, p.heap());
        }
        FittedHeap.Plan p = plan(List.of("--quiet", "report", "data", "--formats", "csv"), JAR,
                Map.of("JSNA_HEAP", "auto"), 300 * MIB);
        assertEquals(new FittedHeap.Plan(256 * MIB, true), p);
    }

    @Test
    void aReportWithChartsKeepsJavasHeapUnlessJsnaHeapSaysOtherwise() {
        long big = 4463 * MIB;
        for (List<String> args : List.of(List.of("report", "d"), List.of("report", "d", "--formats", "csv,png"),
                List.of("report", "d", "--formats=SVG"), List.of("report", "d", "--formats", "csv", "--formats", "html"),
                List.of("report", "d", "--formats", "xlsx,html,csv"))) {
            assertFalse(plan(args, JAR, Map.of(), big).child(), args.toString());
            assertTrue(plan(args, JAR, Map.of("JSNA_HEAP", "1g"), big).child(), args.toString());
        }
        for (List<String> args : List.of(List.of("report", "d", "--formats", "csv"),
                List.of("report", "d", "--formats=csv,xlsx"), List.of("report", "--formats", "XLSX", "d"))) {
            assertTrue(plan(args, JAR, Map.of(), big).child(), args.toString());
        }
        // validate and project draw no charts
        assertTrue(plan(List.of("validate", "d"), JAR, Map.of(), big).child());
        assertTrue(plan(List.of("project", "d", "--projections", "p.csv"), JAR, Map.of(), big).child());
    }

    @Test
    void smallExtractsOtherCommandsHelpAndVersionRunHere() {
        assertFalse(plan(List.of("report", "data", "--formats", "csv"), JAR, Map.of(), 255 * MIB).child());
        for (List<String> args : List.<List<String>>of(List.of("calc", "rate", "--input", "big.csv"), List.of("sample", "--out", "x"),
                List.of("indicators"), List.of("report", "--help"), List.of("--version"), List.of("-h"), List.<String>of(),
                List.of("help", "report"))) {
            assertFalse(plan(args, JAR, Map.of(), 9 * GIB).child(), args.toString());
        }
    }

    @Test
    void theUsersHeapOptionWinsWhereverItIsGiven() {
        List<String> args = List.of("report", "data", "--formats", "csv");
        for (String o : List.of("-Xmx2g", "-Xms1g", "-XX:MaxHeapSize=3g", "-XX:MaxRAMPercentage=50",
                "-XX:MaxRAM=8g", "-XX:MinRAMPercentage=10", "-XX:InitialRAMPercentage=5", "-XX:SoftMaxHeapSize=1g")) {
            assertFalse(plan(args, List.of("-Dx=y", o), Map.of(), 9 * GIB).child(), o);
            for (String variable : FittedHeap.OPTION_VARIABLES) {
                assertFalse(plan(args, JAR, Map.of(variable, " -Dfoo=1  " + o + " "), 9 * GIB).child(), variable);
            }
            assertFalse(plan(args, List.of(o), Map.of("JSNA_HEAP", "300m"), 9 * GIB).child(), "over JSNA_HEAP: " + o);
        }
        // other options are not a heap setting, and are passed on
        assertTrue(plan(args, List.of("-XX:TieredStopAtLevel=1", "-Djava.awt.headless=true"), Map.of(), 9 * GIB).child());
        assertTrue(plan(args, JAR, Map.of("JAVA_TOOL_OPTIONS", "-Dfile.encoding=UTF-8"), 9 * GIB).child());
    }

    @Test
    void theUsersCollectorWinsOverTheSerialOneOfTheChild() {
        for (String o : List.of("-XX:+UseG1GC", "-XX:+UseParallelGC", "-XX:+UseZGC", "-XX:-UseSerialGC",
                "-XX:+UseShenandoahGC")) {
            assertTrue(FittedHeap.userChoosesCollector(List.of("-Da=b", o), Map.of()), o);
            assertTrue(FittedHeap.userChoosesCollector(JAR, Map.of("JDK_JAVA_OPTIONS", "-Da=b " + o)), o);
        }
        for (String o : List.of("-XX:TieredStopAtLevel=1", "-XX:+UseStringDeduplication", "-Xss2m", "-XX:+UseNUMA")) {
            assertFalse(FittedHeap.userChoosesCollector(List.of(o), Map.of("JAVA_TOOL_OPTIONS", o)), o);
        }
    }

    @Test
    void anOptionThatWatchesTheJvmKeepsTheRunInIt() {
        List<String> args = List.of("report", "data", "--formats", "csv");
        for (String o : List.of("-javaagent:/opt/apm.jar", "-agentlib:jdwp=transport=dt_socket", "-agentpath:/p.so",
                "-Xlog:gc:file=gc.log", "-verbose:gc", "-Xloggc:gc.log", "-XX:StartFlightRecording=filename=r.jfr",
                "-XX:FlightRecorderOptions=stackdepth=128", "-XX:+PrintCompilation", "-XX:+LogCompilation",
                "-XX:+UnlockDiagnosticVMOptions", "-XX:NativeMemoryTracking=summary",
                "-XX:+HeapDumpOnOutOfMemoryError")) {
            assertFalse(plan(args, List.of("-Da=b", o), Map.of(), 9 * GIB).child(), o);
            assertFalse(plan(args, JAR, Map.of("JAVA_TOOL_OPTIONS", o), 9 * GIB).child(), o);
            assertFalse(plan(args, List.of(o), Map.of("JSNA_HEAP", "512m"), 9 * GIB).child(), "over JSNA_HEAP: " + o);
        }
        for (String o : List.of("-Dlog=1", "-XX:TieredStopAtLevel=1", "-XX:-PrintWarnings", "-Xshare:auto", "-Xss2m",
                "-Xlog:disable", "-Xlog:cds*=off")) {
            assertTrue(plan(args, List.of(o), Map.of(), 9 * GIB).child(), o);
        }
        // scripts/jsna's options with its class-data-sharing archive
        assertTrue(plan(args, List.of("-Djava.awt.headless=true", "-Xshare:auto", "-Xlog:cds*=off",
                "-XX:SharedArchiveFile=/x/target/jsna.jsa"), Map.of(), 9 * GIB).child());
    }

    @Test
    void notStartedAsJavaJarOrJsnaHeapJvmRunsHere() {
        List<String> args = List.of("report", "data", "--formats", "csv");
        assertFalse(plan(args, null, Map.of(), 9 * GIB).child());
        assertFalse(plan(args, JAR, Map.of("JSNA_HEAP", "jvm"), 9 * GIB).child());
        assertFalse(plan(args, JAR, Map.of("JSNA_HEAP", " JVM "), 9 * GIB).child());
    }

    @Test
    void aFittedHeapNearJavasOwnLimitGainsNothing() {
        // on a 2 GiB machine Java's limit is 512 MiB: a fitted 320 MiB is still worth it, 448 is not
        assertTrue(FittedHeap.decide(List.of("validate", "d"), JAR, Map.of(), 512 * MIB, a -> 4463 * MIB).child());
        assertFalse(FittedHeap.decide(List.of("validate", "d"), JAR, Map.of(), 512 * MIB, a -> 8 * GIB).child());
    }

    @Test
    void jsnaHeapSetsTheFirstHeapAtAnySizeAndRetriesOnlyBelowJavasLimit() {
        List<String> args = List.of("report", "data");
        assertEquals(new FittedHeap.Plan(512 * MIB, true), plan(args, JAR, Map.of("JSNA_HEAP", "512m"), 1));
        assertEquals(new FittedHeap.Plan(2 * GIB, true), plan(args, JAR, Map.of("JSNA_HEAP", "2G"), 1));
        assertEquals(new FittedHeap.Plan(65536 * 1024L, true), plan(args, JAR, Map.of("JSNA_HEAP", "65536k"), 1));
        assertEquals(new FittedHeap.Plan(32 * MIB, true), plan(args, JAR, Map.of("JSNA_HEAP", "33554432"), 1));
        // more than Java's own: no retry with less
        assertEquals(new FittedHeap.Plan(8 * GIB, false), plan(args, JAR, Map.of("JSNA_HEAP", "8g"), 1));
        for (String bad : List.of("lots", "-1m", "0", "15m", "1.5g", "m", "99999999999g")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> plan(args, JAR, Map.of("JSNA_HEAP", bad), 1), bad);
            assertTrue(e.getMessage().startsWith("JSNA_HEAP=" + bad + ": expected auto, jvm or a heap size"),
                    e.getMessage());
        }
        // a setting that cannot be read does not stop a command that reads no extract
        assertFalse(plan(List.of("--version"), JAR, Map.of("JSNA_HEAP", "lots"), 1).child());
    }

    @Test
    void theInputIsTheFilesNamedAndTheFilesInTheFoldersNamedButNotTheOutput() throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data"));
        Files.write(data.resolve("referrals.csv"), new byte[1000]);
        Files.write(data.resolve("services.csv"), new byte[2000]);
        Files.createDirectories(data.resolve("sub"));
        Files.write(data.resolve("sub/ignored.csv"), new byte[5000]);
        Path extra = Files.write(tmp.resolve("population.csv"), new byte[300]);
        Path out = Files.createDirectories(tmp.resolve("out"));
        Files.write(out.resolve("indicators.csv"), new byte[7000]);
        assertEquals(3000, FittedHeap.inputBytes(List.of("report", data.toString())));
        assertEquals(3300, FittedHeap.inputBytes(List.of("report", data.toString(), "--population", extra.toString(),
                "--out", out.toString())));
        assertEquals(3300, FittedHeap.inputBytes(List.of("report", data.toString(), "--population=" + extra,
                "--out=" + out)));
        assertEquals(0, FittedHeap.inputBytes(List.of("report", tmp.resolve("missing").toString(), "--formats", "csv",
                "bad\u0000name")));
    }
}
