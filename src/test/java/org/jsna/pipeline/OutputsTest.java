package org.jsna.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.jsna.output.Council;
import org.jsna.output.CouncilReports;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The output stage draws charts, the workbook and the tables on a pool of threads: what it writes
 * must not depend on how many threads there are or in which order the tasks finished, and the page
 * must embed the very SVG documents the chart files hold, also when no chart file is asked for.
 */
class OutputsTest {

    @TempDir
    static Path tmp;

    private static Path in;

    @BeforeAll
    static void council() throws IOException {
        Council c = new Council();
        c.localities = List.of("Northgate", "Riverside", "Eastfield", "Old Town");
        c.areasPerLocality = 3;
        c.years = 1;
        c.referrals = 400;
        c.services = 500;
        c.seed = 11;
        in = tmp.resolve("in");
        c.write(in);
    }

    private static Path report(String name, String... extra) {
        Path out = tmp.resolve(name);
        List<String> args = new ArrayList<>(List.of("report", in.toString(), "--out", out.toString()));
        args.addAll(List.of(extra));
        CouncilReports.Result r = CouncilReports.run(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        return out;
    }

    @Test
    void everyFileIsTheSameWithOneThreadAsWithThree() throws IOException {
        Path one = report("one", "--threads", "1");
        Path three = report("three", "--threads", "3");
        List<String> files = files(one);
        assertEquals(files, files(three));
        assertTrue(files.stream().filter(f -> f.startsWith("charts/")).count() > 20, files.toString());
        for (String f : files) {
            byte[] a = Files.readAllBytes(one.resolve(f));
            byte[] b = Files.readAllBytes(three.resolve(f));
            switch (f) {
                case "manifest.json" -> { } // run times, the command line and the hashes of the files compared here
                case "report.html" -> assertEquals(withoutRun(a), withoutRun(b), f);
                case "jsna.xlsx" -> sameSheets(one.resolve(f), three.resolve(f));
                default -> assertArrayEquals(a, b, f);
            }
        }
    }

    @Test
    void thePageEmbedsTheChartFilesAndDrawsThemWhenNoneIsWritten() throws IOException {
        Path all = report("all", "--formats", "svg,html");
        Path page = report("page", "--formats", "html");
        assertFalse(Files.exists(page.resolve("charts")), "no chart files asked for");
        List<String> embedded = images(Files.readString(page.resolve("report.html")));
        assertTrue(embedded.size() > 5, "figures on the page: " + embedded.size());
        assertEquals(images(Files.readString(all.resolve("report.html"))), embedded);
        // each figure of the page is one of the chart files, byte for byte
        List<String> svgFiles = new ArrayList<>();
        for (String f : files(all)) {
            if (f.endsWith(".svg")) {
                svgFiles.add(java.util.Base64.getEncoder().encodeToString(Files.readAllBytes(all.resolve(f))));
            }
        }
        for (String img : embedded) {
            assertTrue(svgFiles.contains(img), "a figure that is no chart file");
        }
    }

    private static List<String> images(String html) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("src=\"data:image/svg\\+xml;base64,([^\"]+)\"").matcher(html);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /** The page without what differs between runs: the command line, the run's times. */
    private static String withoutRun(byte[] html) {
        return new String(html, StandardCharsets.UTF_8)
                .replaceAll("<dt>(command_line|started|finished)</dt><dd>[^<]*</dd>", "")
                .replaceAll(" on \\d{4}-\\d\\d-\\d\\dT[0-9:]+Z", "");
    }

    /** Every sheet the same, byte for byte, but the metadata's run rows (command line, times). */
    private static void sameSheets(Path a, Path b) throws IOException {
        try (ZipFile za = new ZipFile(a.toFile()); ZipFile zb = new ZipFile(b.toFile())) {
            List<String> names = new ArrayList<>();
            za.stream().map(ZipEntry::getName).sorted().forEach(names::add);
            assertEquals(names, zb.stream().map(ZipEntry::getName).sorted().toList());
            for (String n : names) {
                if (n.equals("docProps/core.xml")) {
                    continue; // the time the workbook was made
                }
                String x = new String(za.getInputStream(za.getEntry(n)).readAllBytes(), StandardCharsets.UTF_8);
                String y = new String(zb.getInputStream(zb.getEntry(n)).readAllBytes(), StandardCharsets.UTF_8);
                if (n.equals("xl/worksheets/sheet5.xml")) {
                    String run = "<t>(command_line|started|finished)</t></is></c><c [^>]*><is><t>[^<]*</t>";
                    x = x.replaceAll(run, "");
                    y = y.replaceAll(run, "");
                }
                assertEquals(x, y, n);
            }
        }
    }

    private static List<String> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString().replace('\\', '/')).sorted()
                    .toList();
        }
    }
}
