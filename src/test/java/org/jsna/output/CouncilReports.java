package org.jsna.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.jsna.Main;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Runs {@code jsna validate} and {@code jsna report} in process on a {@link Council} and checks
 * that the report is complete: exit 0, every table, the workbook, the page and the manifest, a PNG
 * and an SVG for every chart, each SVG well-formed XML, each PNG decodable, and a page that
 * references nothing but {@code data:} URIs and its own anchors.
 */
public final class CouncilReports {

    private CouncilReports() {
    }

    public record Result(int code, String out, String err) {
    }

    public static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Writes the council under {@code work}, validates it, reports it with every format; returns the output folder. */
    public static Path reportAndCheck(Council council, Path work) throws Exception {
        return reportAndCheck(council, work, true);
    }

    /**
     * As {@link #reportAndCheck(Council, Path)}; without {@code png} the run leaves out PNG charts
     * (--formats csv,xlsx,svg,html), which halves its time: PNG and SVG draw the same chart.
     */
    public static Path reportAndCheck(Council council, Path work, boolean png) throws Exception {
        Path in = work.resolve("in");
        Path out = work.resolve("out");
        council.write(in);
        Result v = run("validate", in.toString());
        assertEquals(0, v.code(), () -> "jsna validate on " + council + ":\n" + v.err());
        Result r = png ? run("report", in.toString(), "--out", out.toString(), "--threads", "2")
                : run("report", in.toString(), "--out", out.toString(), "--threads", "2", "--formats",
                        "csv,xlsx,svg,html");
        assertEquals(0, r.code(), () -> "jsna report on " + council + ":\n" + r.err());
        checkComplete(out, council.toString(), png);
        return out;
    }

    /** Every output of a default-format run is present and readable. */
    public static void checkComplete(Path out, String what) throws Exception {
        checkComplete(out, what, true);
    }

    /** Every output is present and readable; PNGs (one per SVG) only when {@code png}. */
    public static void checkComplete(Path out, String what, boolean withPng) throws Exception {
        for (String f : List.of("indicators.csv", "inequalities.csv", "data-quality.csv", "jsna.xlsx", "report.html",
                "manifest.json")) {
            assertTrue(Files.isRegularFile(out.resolve(f)), () -> f + " missing for " + what);
            assertTrue(Files.size(out.resolve(f)) > 0, () -> f + " empty for " + what);
        }
        Path charts = out.resolve("charts");
        assertTrue(Files.isDirectory(charts), () -> "charts/ missing for " + what);
        Set<String> png = new TreeSet<>();
        Set<String> svg = new TreeSet<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(charts)) {
            files = s.sorted(Comparator.naturalOrder()).toList();
        }
        DocumentBuilder xml = xmlParser();
        for (Path f : files) {
            String name = f.getFileName().toString();
            assertTrue(name.length() <= 200, () -> "file name too long: " + name);
            if (name.endsWith(".png")) {
                png.add(name.substring(0, name.length() - 4));
                BufferedImage img = ImageIO.read(f.toFile());
                assertNotNull(img, () -> "PNG not decodable: " + name + " for " + what);
                assertTrue(img.getWidth() > 0 && img.getHeight() > 0);
            } else if (name.endsWith(".svg")) {
                svg.add(name.substring(0, name.length() - 4));
                try {
                    Document d = xml.parse(f.toFile());
                    assertEquals("svg", d.getDocumentElement().getLocalName());
                } catch (Exception e) {
                    fail("SVG not well-formed: " + name + " for " + what + ": " + e.getMessage());
                }
            } else {
                fail("unexpected file in charts/: " + name);
            }
        }
        // charts/ may be empty: a council with no events and no population in the latest year has nothing to draw
        if (withPng) {
            assertEquals(png, svg, () -> "every chart as PNG and SVG for " + what);
        } else {
            assertTrue(png.isEmpty(), () -> "no PNG asked for " + what);
        }
        checkPage(out.resolve("report.html"), what, xml);
        // a repetitive 40,000-character name compresses past POI's zip-bomb guard when reading back
        org.apache.poi.openxml4j.util.ZipSecureFile.setMinInflateRatio(0.0001);
        try (InputStream is = Files.newInputStream(out.resolve("jsna.xlsx")); Workbook wb = new XSSFWorkbook(is)) {
            for (String sheet : List.of("indicators", "inequalities", "data-quality", "metadata")) {
                assertNotNull(wb.getSheet(sheet), () -> "sheet " + sheet + " for " + what);
            }
        }
        String manifest = Files.readString(out.resolve("manifest.json"));
        assertTrue(manifest.contains("\"report.html\""), () -> "manifest lists outputs for " + what);
    }

    /** The page is well-formed, refers only to data: URIs and its own anchors, and each embedded SVG parses. */
    static void checkPage(Path page, String what, DocumentBuilder xml) throws IOException {
        String html = Files.readString(page, StandardCharsets.UTF_8);
        // sentences read as sentences whatever the shape: no "1 localities", no sentence in lower case
        assertFalse(html.contains(" 1 localities"), () -> "'1 localities' in report.html for " + what);
        assertFalse(html.matches("(?s).*\\. [a-z]+ slope index.*"), () -> "lower-case sentence in report.html for " + what);
        Document doc;
        try {
            doc = xml.parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError("report.html not well-formed for " + what + ": " + e.getMessage(), e);
        }
        List<Element> all = new ArrayList<>();
        collect(doc.getDocumentElement(), all);
        for (Element el : all) {
            NamedNodeMap attrs = el.getAttributes();
            for (int i = 0; i < attrs.getLength(); i++) {
                Node a = attrs.item(i);
                String n = a.getNodeName().toLowerCase(java.util.Locale.ROOT);
                String v = a.getNodeValue();
                if (n.equals("src") || n.equals("srcset") || n.equals("poster") || n.equals("data")) {
                    assertTrue(v.startsWith("data:"), () -> n + "=" + v + " in report.html for " + what);
                }
                if (n.equals("href")) {
                    assertTrue(v.startsWith("#") || v.startsWith("data:"), () -> "href=" + v + " for " + what);
                }
                assertFalse(n.startsWith("on"), () -> "event handler " + n + " for " + what);
            }
            String tag = el.getTagName().toLowerCase(java.util.Locale.ROOT);
            assertFalse(Set.of("script", "iframe", "object", "embed", "link", "base").contains(tag),
                    () -> "<" + tag + "> in report.html for " + what);
            if (tag.equals("img")) {
                String src = el.getAttribute("src");
                assertTrue(src.startsWith("data:image/svg+xml;base64,"), () -> "img " + src);
                byte[] svg = Base64.getDecoder().decode(src.substring(src.indexOf(',') + 1));
                try {
                    xml.parse(new ByteArrayInputStream(svg));
                } catch (Exception e) {
                    fail("embedded SVG not well-formed for " + what + ": " + e.getMessage());
                }
                assertFalse(el.getAttribute("alt").isBlank(), () -> "img without alt text for " + what);
            }
        }
        assertFalse(java.util.regex.Pattern.compile("url\\(\\s*(?!['\"]?data:)").matcher(html).find(),
                () -> "CSS url() outside data: for " + what);
    }

    private static void collect(Element e, List<Element> out) {
        out.add(e);
        NodeList kids = e.getChildNodes();
        for (int i = 0; i < kids.getLength(); i++) {
            if (kids.item(i) instanceof Element k) {
                collect(k, out);
            }
        }
    }

    static DocumentBuilder xmlParser() throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setExpandEntityReferences(false);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
        DocumentBuilder b = f.newDocumentBuilder();
        b.setErrorHandler(new org.xml.sax.helpers.DefaultHandler() {
            @Override
            public void error(org.xml.sax.SAXParseException e) throws org.xml.sax.SAXException {
                throw e;
            }
        });
        return b;
    }

    /** Deletes a folder tree (test clean-up). */
    public static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
