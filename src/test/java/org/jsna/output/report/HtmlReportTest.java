package org.jsna.output.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jsna.indicators.ReportData;
import org.jsna.output.ReportFixture;
import org.jsna.output.chart.ChartRenderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.NodeList;

class HtmlReportTest {

    /** The page is written as well-formed markup, so an XML parser can check its structure. */
    static Document parse(String html) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setExpandEntityReferences(false);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void escapesEveryValueFromTheData(@TempDir Path dir) throws Exception {
        ReportData data = ReportFixture.nasty();
        Path file = dir.resolve("report.html");
        HtmlReport.write(data, dir, file);
        String html = Files.readString(file);
        assertFalse(html.contains("<script"), "no script element, escaped or injected");
        assertTrue(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;Co&#39;"));
        Document doc = parse(html);
        assertEquals(0, doc.getElementsByTagName("script").getLength());
        // the locality name reads back exactly as text in the table headers
        NodeList ths = doc.getElementsByTagName("th");
        boolean found = false;
        for (int i = 0; i < ths.getLength(); i++) {
            found |= ReportFixture.NASTY.equals(ths.item(i).getTextContent());
        }
        assertTrue(found);
        // no event-handler attributes anywhere, nothing fetched from outside
        NodeList all = doc.getElementsByTagName("*");
        for (int i = 0; i < all.getLength(); i++) {
            NamedNodeMap attrs = all.item(i).getAttributes();
            for (int a = 0; a < attrs.getLength(); a++) {
                String name = attrs.item(a).getNodeName();
                String value = attrs.item(a).getNodeValue();
                assertFalse(name.startsWith("on"), name);
                if (name.equals("src") || name.equals("href")) {
                    assertTrue(value.startsWith("data:") || value.startsWith("#"), value);
                }
            }
        }
        assertEquals(0, doc.getElementsByTagName("link").getLength());
    }

    /** Two client-group ids of one slug gave two sections one id: the second's links led to the first. */
    @Test
    void everyClientGroupHasItsOwnAnchor(@TempDir Path dir) throws Exception {
        java.util.Map<String, String> groups = new java.util.LinkedHashMap<>();
        groups.put("Physical Disability", "Physical disability (adults)");
        groups.put("physical-disability", "Physical disability (children)");
        groups.put("\u5b66\u4e60\u969c\u788d", "Learning disability");
        groups.put("\u7cbe\u795e\u5065\u5eb7", "Mental health");
        ReportData data = ReportFixture.build(ReportFixture.LOCALITIES, List.of("2023/24"), groups);
        Path file = dir.resolve("report.html");
        HtmlReport.write(data, dir, file);
        Document doc = parse(Files.readString(file));
        java.util.Set<String> ids = new java.util.HashSet<>();
        List<String> sections = new java.util.ArrayList<>();
        NodeList all = doc.getElementsByTagName("*");
        for (int i = 0; i < all.getLength(); i++) {
            String id = ((Element) all.item(i)).getAttribute("id");
            if (!id.isEmpty()) {
                assertTrue(ids.add(id), "id used twice: " + id);
                if (id.startsWith("g-")) {
                    sections.add(id);
                }
            }
        }
        assertEquals(4, sections.size(), sections.toString());
        // each contents link leads to its own group's section, whose heading is that group's label
        NodeList links = doc.getElementsByTagName("a");
        int toGroups = 0;
        for (int i = 0; i < links.getLength(); i++) {
            Element a = (Element) links.item(i);
            String href = a.getAttribute("href");
            if (href.startsWith("#g-")) {
                Element target = byId(doc, href.substring(1));
                assertTrue(target != null, href);
                assertEquals(a.getTextContent(), target.getElementsByTagName("h2").item(0).getTextContent(), href);
                toGroups++;
            }
        }
        assertTrue(toGroups >= 8, "contents and overview link every group: " + toGroups);
    }

    /** Seventeen locality columns ran off a printed A4 page: the table of all indicators comes in parts. */
    @Test
    void manyLocalitiesGetTheTableOfAllIndicatorsInParts(@TempDir Path dir) throws Exception {
        List<String> locs = new java.util.ArrayList<>();
        for (int i = 1; i <= 17; i++) {
            locs.add("Place " + i);
        }
        ReportData data = ReportFixture.build(locs, List.of("2023/24"), 1);
        Path file = dir.resolve("report.html");
        HtmlReport.write(data, dir, file);
        Document doc = parse(Files.readString(file));
        NodeList tables = doc.getElementsByTagName("table");
        List<String> seen = new java.util.ArrayList<>();
        int parts = 0;
        for (int i = 0; i < tables.getLength(); i++) {
            Element table = (Element) tables.item(i);
            if (!table.getAttribute("class").contains("matrix")) {
                continue;
            }
            parts++;
            NodeList heads = ((Element) table.getElementsByTagName("thead").item(0)).getElementsByTagName("th");
            List<String> cols = new java.util.ArrayList<>();
            for (int k = 0; k < heads.getLength(); k++) {
                cols.add(heads.item(k).getTextContent());
            }
            assertEquals("Indicator", cols.get(0));
            assertTrue(cols.contains("Whole area"), cols.toString());
            List<String> places = cols.stream().filter(c -> c.startsWith("Place ") || c.equals("Unknown")).toList();
            assertTrue(places.size() <= HtmlReport.MATRIX_COLUMNS, cols.toString());
            seen.addAll(places);
            // every body row has a cell for each column
            NodeList body = ((Element) table.getElementsByTagName("tbody").item(0)).getElementsByTagName("tr");
            for (int r = 0; r < body.getLength(); r++) {
                Element tr = (Element) body.item(r);
                assertEquals(cols.size(), tr.getElementsByTagName("th").getLength() + tr.getElementsByTagName("td")
                        .getLength());
            }
        }
        assertEquals(3, parts);
        List<String> want = new java.util.ArrayList<>(locs);
        if (seen.contains("Unknown")) {
            want.add("Unknown");
        }
        assertEquals(want, seen, "each locality once, in order");
    }

    private static Element byId(Document doc, String id) {
        NodeList all = doc.getElementsByTagName("*");
        for (int i = 0; i < all.getLength(); i++) {
            if (id.equals(((Element) all.item(i)).getAttribute("id"))) {
                return (Element) all.item(i);
            }
        }
        return null;
    }

    @Test
    void reportHasFindingsChartsTablesAndBackMatter(@TempDir Path dir) throws Exception {
        ReportData data = ReportFixture.build();
        // charts written by the run are reused; missing ones are rendered on the fly
        ChartRenderer.renderAll(data, dir.resolve("charts"), false, true, 2);
        Path file = dir.resolve("report.html");
        HtmlReport.write(data, dir, file);
        String html = Files.readString(file);
        Document doc = parse(html);
        for (String id : List.of("overview", "g-mental-health", "g-older-people", "g-learning-disability", "methods",
                "disclosure", "quality", "manifest")) {
            assertTrue(hasId(doc, id), id);
        }
        assertEquals("Joint strategic needs assessment: demand and inequalities",
                doc.getElementsByTagName("title").item(0).getTextContent());
        // findings in words: in the fixture Eastfield (x1.35) is higher and Riverside (x0.7) lower
        assertTrue(html.contains("Significantly <span class=\"hi\">higher</span> than the area: Eastfield"), "higher");
        assertTrue(html.matches("(?s).*<span class=\"lo\">lower</span>: [^<]*Riverside.*"), "lower");
        assertTrue(html.contains("demand is higher in more deprived areas"));
        assertTrue(html.contains("Not shown to protect confidentiality"));
        // every image is an embedded SVG with alt text
        NodeList imgs = doc.getElementsByTagName("img");
        assertTrue(imgs.getLength() >= 1 + 3 * 8, "charts: " + imgs.getLength());
        for (int i = 0; i < imgs.getLength(); i++) {
            Element img = (Element) imgs.item(i);
            String src = img.getAttribute("src");
            assertTrue(src.startsWith("data:image/svg+xml;base64,"));
            String svg = new String(Base64.getDecoder().decode(src.substring(src.indexOf(',') + 1)),
                    StandardCharsets.UTF_8);
            assertTrue(svg.contains("<svg"));
            assertFalse(img.getAttribute("alt").isEmpty());
        }
        // a deprivation chart's and a trend chart's values in their text alternative (WCAG 1.1.1: the page has no
        // table of them)
        assertTrue(html.contains(" (1 = most deprived): decile 1 "), "decile values in an alt text");
        assertTrue(html.contains(". Whole area: "), "trend values in an alt text");
        // comparison colours in the tables, said in words too for a screen reader (WCAG 1.3.1, 1.4.1: an
        // accessibility review found similar and not compared told apart by colour alone, the interval in a tooltip)
        assertTrue(html.contains("<td class=\"num hi\""));
        assertTrue(html.contains("<td class=\"num lo\""));
        assertTrue(html.contains("<span class=\"vh\">higher than the area; 95% CI "), "hidden words of a cell");
        assertTrue(html.contains("<span class=\"vh\">similar to the area"), "hidden words of a cell");
        // every table in a named, focusable box that scrolls it (the page itself never scrolls sideways)
        NodeList tables = doc.getElementsByTagName("table");
        for (int i = 0; i < tables.getLength(); i++) {
            Element box = (Element) tables.item(i).getParentNode();
            assertEquals("scroll", box.getAttribute("class"), "table " + i + " outside a scroll box");
            assertEquals("0", box.getAttribute("tabindex"));
            assertEquals("region", box.getAttribute("role"));
            assertFalse(box.getAttribute("aria-label").isEmpty());
        }
        // each chart with its data as a table under it, opened on request, the table named for the chart and
        // captioned for screen readers (WCAG 1.1.1: the sources, funnel and pyramid charts had only a title as text)
        NodeList figures = doc.getElementsByTagName("figure");
        assertEquals(imgs.getLength(), figures.getLength());
        for (int i = 0; i < figures.getLength(); i++) {
            Element fig = (Element) figures.item(i);
            NodeList details = fig.getElementsByTagName("details");
            assertEquals(1, details.getLength(), "figure " + i + " without its data table");
            Element table = (Element) ((Element) details.item(0)).getElementsByTagName("table").item(0);
            String caption = table.getElementsByTagName("caption").item(0).getTextContent();
            assertTrue(caption.startsWith("Data: "), caption);
            assertTrue(((Element) fig.getElementsByTagName("img").item(0)).getAttribute("alt")
                    .startsWith(caption.substring("Data: ".length())), caption);
            assertTrue(table.getElementsByTagName("td").getLength() > 0, caption);
        }
        assertTrue(html.contains("<summary>Data for this chart</summary>"));
        assertTrue(html.contains("<th scope=\"col\">Position in the funnel</th>"), "funnel table");
        assertTrue(html.contains("<th scope=\"col\">Primary care (%)</th>"), "sources table");
        assertTrue(html.contains("<th scope=\"col\">Women (% of all residents)</th>"), "pyramid table");
        // a visible mark for each comparison, so similar and not compared differ by more than colour (1.4.1); the
        // mark hidden from screen readers, which read the words
        assertTrue(html.matches("(?s).*<td class=\"num sim\"[^>]*><span aria-hidden=\"true\">● </span>.*"),
                "similar marked");
        assertTrue(html.contains("<td class=\"num hi\""));
        assertTrue(html.contains("<span aria-hidden=\"true\">▲ </span>"));
        assertFalse(html.matches("(?s).*<td class=\"num nc\"[^>]*><span aria-hidden.*"), "not compared: no mark");
        assertTrue(html.contains("not compared</span>: a value without a mark"));
        // every table has a caption (its name for screen readers)
        for (int i = 0; i < tables.getLength(); i++) {
            assertEquals(1, ((Element) tables.item(i)).getElementsByTagName("caption").getLength(), "table " + i);
        }
        assertTrue(html.contains("supp."));
        assertTrue(html.contains("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"));
        assertTrue(html.contains("@page{size:A4"));
        // the summary: Eastfield (x1.35, ~480 referrals, CI about +-2 per 1,000 around 24) is higher in mental health
        // and older people; in learning disability (rate ~1.2, ~25 referrals) its CI reaches below the area's 0.9.
        // Riverside (x0.7) is lower in the same two groups and suppressed in learning disability.
        assertTrue(html.contains("higher</span> than the area: Eastfield (2 of 3 client groups)"), "summary");
        assertTrue(html.contains("Riverside (2 of 3 client groups)"));
        assertTrue(html.contains("rose significantly with deprivation in 3 of 3 client groups"));
        // the inequality table lists every period of the fixture for each decile indicator: SII = -area value
        assertTrue(html.contains("Inequality by deprivation, every period"));
        assertTrue(html.contains("<td>2021/22</td><td class=\"num\">-14.0 (-16.8 to -11.2)</td>"), "SII row");
    }

    @Test
    void selfContainedWithoutWrittenCharts(@TempDir Path dir) throws Exception {
        ReportData data = ReportFixture.small();
        String html = HtmlReport.render(data, dir);
        Document doc = parse(html);
        assertTrue(doc.getElementsByTagName("img").getLength() > 5);
        assertFalse(Files.exists(dir.resolve("charts")), "nothing written beside the report");
    }

    private static boolean hasId(Document doc, String id) {
        NodeList all = doc.getElementsByTagName("*");
        for (int i = 0; i < all.getLength(); i++) {
            if (id.equals(((Element) all.item(i)).getAttribute("id"))) {
                return true;
            }
        }
        return false;
    }
}
