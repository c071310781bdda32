package org.jsna.output.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Paint;
import java.awt.Shape;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.CategoryItemRenderer;
import org.jsna.indicators.IndicatorRow;
import org.jsna.indicators.ReportData;
import org.jsna.output.ReportFixture;
import org.jsna.output.report.HtmlReport;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The accessibility review of the chart files (WCAG 2.2 AA), a chart file being publishable on its own:
 * each SVG names and describes itself ({@code <title>}, {@code <desc>}: 1.1.1); higher, similar and lower
 * are told by a marker's shape as well as its colour, with a legend that shows the shapes (1.4.1); the
 * segments of the sources chart are separated and numbered as in the key (1.4.1, 1.4.11).
 */
class ChartAccessibilityTest {

    static Document parse(String svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    static List<Element> children(Element e) {
        List<Element> out = new ArrayList<>();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c) {
                out.add(c);
            }
        }
        return out;
    }

    /** The text of the SVG's desc, as a reader gets it (entities resolved). */
    static String desc(String svg) throws Exception {
        return children(parse(svg).getDocumentElement()).get(1).getTextContent();
    }

    // ---------------------------------------------------------------- title and desc

    @Test
    void everySvgStartsWithItsTitleAndADescriptionInWords() throws Exception {
        ReportData data = ReportFixture.small();
        ReportTables rows = new ReportTables(data);
        int n = 0;
        for (Map.Entry<String, ChartSpec> e : ChartRenderer.plan(data).entrySet()) {
            ChartSpec spec = e.getValue();
            Element root = parse(ChartRenderer.svgDocument(spec, e.getKey())).getDocumentElement();
            List<Element> kids = children(root);
            assertEquals("title", kids.get(0).getLocalName(), e.getKey());
            assertEquals("desc", kids.get(1).getLocalName(), e.getKey());
            assertEquals(spec.title(), kids.get(0).getTextContent());
            String desc = kids.get(1).getTextContent();
            // the report's alt text, reused, then more
            String alt = ChartText.alt(rows, spec.title(), spec.kind(), spec.subject(), spec.clientGroup(), spec.period());
            assertTrue(desc.startsWith(alt.endsWith(".") ? alt : alt + "."), () -> e.getKey() + ": " + desc);
            assertTrue(desc.length() < 4000, e.getKey());
            // described for assistive technology: aria-describedby names the desc, ids unique to the chart
            assertEquals(kids.get(1).getAttribute("id"), root.getAttribute("aria-describedby"));
            assertTrue(kids.get(1).getAttribute("id").startsWith(e.getKey().replace('-', '_')));
            assertEquals("img", root.getAttribute("role"));
            n++;
        }
        assertTrue(n > 20);
    }

    @Test
    void aDescriptionSaysWhatTheChartShows() throws Exception {
        ReportData data = ReportFixture.build(ReportFixture.LOCALITIES, List.of("2022/23", "2023/24"), 3);
        ReportTables rows = new ReportTables(data);
        Map<String, ChartSpec> plan = ChartRenderer.plan(data);
        String loc = desc(ChartRenderer.svgDocument(plan.get("localities--referrals-rate--mental-health--all--2023-24"), "a"));
        assertTrue(loc.startsWith("Referrals received per 1,000 population, by locality: Mental health, 2023/24."), loc);
        IndicatorRow east = rows.get("referrals_rate", "2023/24", "mental_health", "Eastfield");
        assertTrue(loc.contains("Eastfield " + Wording.num(east.value) + " ("
                + ("similar".equals(east.comparedToArea95) ? "similar to" : east.comparedToArea95 + " than")
                + " the area)"), loc);
        assertTrue(loc.contains("Whole area " + Wording.num(rows.get("referrals_rate", "2023/24", "mental_health", "All").value)),
                loc);
        // a suppressed locality is said to be suppressed, with no value and no comparison
        String ld = desc(ChartRenderer.svgDocument(plan.get("localities--referrals-rate--learning-disability--all--2023-24"), "b"));
        assertTrue(ld.contains("Riverside suppressed,") || ld.endsWith("Riverside suppressed."), ld);
        String dep = desc(ChartRenderer.svgDocument(plan.get("deprivation--referrals-rate--mental-health--all--2023-24"), "c"));
        assertTrue(dep.contains("(1 = most deprived): decile 1 "), dep);
        String funnel = desc(ChartRenderer.svgDocument(plan.get("funnel--referrals-rate--mental-health--all--2023-24"), "d"));
        assertTrue(funnel.contains("Above the upper 95% limit: ") && funnel.contains("Within the 95% limits: "), funnel);
        String sources = desc(ChartRenderer.svgDocument(plan.get("sources--referral-source-pct--mental-health--all--2023-24"), "e"));
        assertTrue(sources.contains("Whole area: Primary care "), sources);
        String spine = null;
        for (Map.Entry<String, ChartSpec> e : plan.entrySet()) {
            if (e.getKey().startsWith("spine--indicators--mental-health--eastfield")) {
                spine = desc(ChartRenderer.svgDocument(e.getValue(), e.getKey()));
            }
        }
        assertNotNull(spine);
        assertTrue(spine.contains("Eastfield: Referrals per 1,000: " + Wording.num(east.value)), spine);
        // the pyramid's shares, the first band's worked out here from the fixture's population
        String pyramid = null;
        for (Map.Entry<String, ChartSpec> e : plan.entrySet()) {
            if (e.getKey().startsWith("pyramid--population--all--all--")) {
                pyramid = desc(ChartRenderer.svgDocument(e.getValue(), e.getKey()));
                int year = Integer.parseInt(e.getValue().period());
                double all = 0;
                double men = 0;
                double women = 0;
                String first = null;
                for (org.jsna.indicators.PopulationCell c : data.population()) {
                    if (c.year() == year && !"All".equals(c.locality())) {
                        all += c.population();
                        if (c.ageBand().startsWith("0-")) {
                            first = c.ageBand();
                            men += c.sex() == 'M' ? c.population() : 0;
                            women += c.sex() == 'F' ? c.population() : 0;
                        }
                    }
                }
                assertTrue(pyramid.contains("men and women: " + first + " " + Wording.num(100 * men / all) + " and "
                        + Wording.num(100 * women / all) + "; "), pyramid);
            }
        }
        assertNotNull(pyramid);
    }

    @Test
    void theReportsAltTextIsTheSharedOne() throws Exception {
        ReportData data = ReportFixture.small();
        ReportTables rows = new ReportTables(data);
        String html = HtmlReport.render(data, null);
        int n = 0;
        for (ChartSpec spec : ChartRenderer.plan(data).values()) {
            if (!spec.kind().equals(ChartRenderer.DEPRIVATION) && !spec.kind().equals(ChartRenderer.TREND)) {
                continue;
            }
            String alt = ChartText.alt(rows, spec.title(), spec.kind(), spec.subject(), spec.clientGroup(), spec.period());
            if (html.contains("alt=\"" + org.jsna.output.Markup.escape(alt) + "\"")) {
                n++;
            }
        }
        assertTrue(n > 3, "deprivation and trend figures with the shared alt text: " + n);
    }

    @Test
    void namesAreEscapedInTheTitleAndDescription() throws Exception {
        List<String> names = List.of("Ynys Môn & <Co>", "O'Brien \"Quarter\"", "🏥 Health 👍 zone", "حي الزهور",
                "שכונה ירוקה", "Tab\tand\u0007bell");
        ReportData data = ReportFixture.build(names, List.of("2023/24"), 1);
        int checked = 0;
        for (Map.Entry<String, ChartSpec> e : ChartRenderer.plan(data).entrySet()) {
            String kind = e.getValue().kind();
            if (!kind.equals(ChartRenderer.LOCALITIES) && !kind.equals(ChartRenderer.SPINE)) {
                continue;
            }
            String svg = ChartRenderer.svgDocument(e.getValue(), e.getKey());
            Document doc = parse(svg); // well-formed: the bell, which XML forbids, is dropped
            String text = children(doc.getDocumentElement()).get(0).getTextContent() + " "
                    + children(doc.getDocumentElement()).get(1).getTextContent();
            assertFalse(text.contains("\u0007"));
            if (kind.equals(ChartRenderer.LOCALITIES)) {
                for (String name : names.subList(0, 5)) {
                    assertTrue(text.contains(name + " "), () -> name + " in " + text);
                }
                assertTrue(text.contains("Tab\tandbell"), text);
            } else {
                String loc = e.getValue().locality();
                assertTrue(text.contains(org.jsna.output.Markup.xmlChars(loc) + ":"), text);
            }
            // markup never written raw
            assertFalse(svg.contains("<Co>"));
            checked++;
        }
        assertTrue(checked > 5);
    }

    @Test
    void aDescriptionNeverGivesASuppressedValue() throws Exception {
        ReportData data = SuppressedNeverDrawnTest.poisoned(List.of("2022/23", "2023/24"));
        int suppressedSaid = 0;
        for (Map.Entry<String, ChartSpec> e : ChartRenderer.plan(data).entrySet()) {
            String d = desc(ChartRenderer.svgDocument(e.getValue(), e.getKey()));
            Matcher m = SuppressedNeverDrawnTest.MILLIONS.matcher(d);
            assertFalse(m.find(), () -> e.getKey() + " describes a suppressed cell: " + d);
            for (String p : SuppressedNeverDrawnTest.POISON) {
                assertFalse(d.contains(p), () -> e.getKey() + " says " + p + ": " + d);
            }
            // a poisoned row says "higher": never repeated for a suppressed locality
            assertFalse(Pattern.compile("suppressed \\(higher").matcher(d).find(), d);
            if (d.contains("suppressed")) {
                suppressedSaid++;
            }
        }
        assertTrue(suppressedSaid > 5, "descriptions that say a value is suppressed: " + suppressedSaid);
    }

    // ---------------------------------------------------------------- comparisons by shape

    private static String cmp(IndicatorRow r) {
        return ReportTables.shown(r) ? r.comparedToArea95 : null;
    }

    private static void assertSameShape(Shape expected, Shape actual, String what) {
        assertNotNull(actual, what);
        assertEquals(new java.awt.geom.Area(expected).getBounds2D(), new java.awt.geom.Area(actual).getBounds2D(), what);
        assertTrue(new java.awt.geom.Area(expected).equals(new java.awt.geom.Area(actual)), what);
    }

    @Test
    void localityBarsCarryTheirComparisonMarker() throws Exception {
        ReportData data = ReportFixture.build(ReportFixture.LOCALITIES, List.of("2023/24"), 3);
        ReportTables rows = new ReportTables(data);
        boolean higher = false;
        boolean lower = false;
        for (String group : data.clientGroups().keySet()) {
            JFreeChart chart = Charts.localities(rows, "referrals_rate", "2023/24", group);
            CiBarRenderer r = (CiBarRenderer) ((CategoryPlot) chart.getPlot()).getRenderer();
            List<String> locs = Charts.localitiesWithUnknown(rows, "referrals_rate", "2023/24", group);
            for (int i = 0; i < locs.size(); i++) {
                String c = cmp(rows.get("referrals_rate", "2023/24", group, locs.get(i)));
                Shape expected = Palette.comparisonShape(c);
                if (expected == null) {
                    assertNull(r.mark(i), locs.get(i));
                } else {
                    assertSameShape(expected, r.mark(i), group + " " + locs.get(i));
                }
                higher |= "higher".equals(c);
                lower |= "lower".equals(c);
            }
            legendHasShapes(((CategoryPlot) chart.getPlot()).getFixedLegendItems());
            // drawn in the SVG (and so in the PNG: the same drawing): a triangle per higher or lower bar
            String svg = svgOf(chart);
            long triangles = Pattern.compile("<path[^>]* d='M[-0-9.]+,[-0-9.]+L[-0-9.]+,[-0-9.]+L[-0-9.]+,[-0-9.]+L?[-0-9.,]*Z'")
                    .matcher(svg).results().count();
            long compared = 0;
            for (String l : locs) {
                String c = cmp(rows.get("referrals_rate", "2023/24", group, l));
                compared += "higher".equals(c) || "lower".equals(c) ? 1 : 0;
            }
            assertTrue(triangles >= compared, group + ": " + triangles + " triangles for " + compared + " bars");
        }
        assertTrue(higher && lower, "the fixture has localities higher and lower than the area");
    }

    private static String svgOf(JFreeChart chart) {
        org.jfree.svg.SVGGraphics2D g = new org.jfree.svg.SVGGraphics2D(1000, 600);
        chart.draw(g, new java.awt.Rectangle(0, 0, 1000, 600));
        return g.getSVGElement();
    }

    /** The comparison entries of a legend show the three markers, not colour boxes. */
    private static void legendHasShapes(LegendItemCollection legend) {
        int marked = 0;
        for (int i = 0; i < legend.getItemCount(); i++) {
            org.jfree.chart.LegendItem item = legend.get(i);
            String label = item.getLabel();
            String c = label.startsWith("Higher") || label.startsWith("Above") ? "higher"
                    : label.startsWith("Lower") || label.startsWith("Below") ? "lower"
                    : label.startsWith("Similar") || label.startsWith("Within") ? "similar" : null;
            if (c != null) {
                assertSameShape(Palette.comparisonShape(c), item.getShape(), label);
                assertEquals(Palette.comparison(c), item.getFillPaint(), label);
                assertTrue(item.isShapeOutlineVisible(), label);
                marked++;
            }
        }
        assertTrue(marked > 0, "comparison entries in the legend");
    }

    @Test
    void spineAndFunnelPointsAreShapedByTheirComparison() {
        ReportData data = ReportFixture.build(ReportFixture.LOCALITIES, List.of("2023/24"), 3);
        ReportTables rows = new ReportTables(data);
        int shaped = 0;
        for (String group : data.clientGroups().keySet()) {
            for (String loc : data.localities()) {
                JFreeChart chart = Charts.spine(rows, loc, "2023/24", group);
                CategoryPlot plot = (CategoryPlot) chart.getPlot();
                CategoryItemRenderer pr = plot.getRenderer(1);
                List<String> ids = new ArrayList<>();
                for (String id : rows.plainIndicatorIds()) {
                    if (rows.get(id, "2023/24", group, loc) != null) {
                        ids.add(id);
                    }
                }
                for (int c = 0; c < ids.size(); c++) {
                    String cm = cmp(rows.get(ids.get(c), "2023/24", group, loc));
                    Shape expected = Palette.comparisonShape(cm);
                    if (expected != null) {
                        assertSameShape(expected, pr.getItemShape(0, c), loc + " " + ids.get(c));
                        shaped++;
                    }
                }
                legendHasShapes(plot.getFixedLegendItems());
            }
            JFreeChart funnel = Charts.funnel(rows, "referrals_rate", "2023/24", group);
            XYPlot plot = (XYPlot) funnel.getPlot();
            LabelledPointRenderer lr = (LabelledPointRenderer) plot.getRenderer(0);
            for (int i = 0; i < plot.getDataset(0).getItemCount(0); i++) {
                Paint p = lr.getItemPaint(0, i);
                String c = p.equals(Palette.HIGHER) ? "higher" : p.equals(Palette.LOWER) ? "lower" : "similar";
                assertSameShape(Palette.comparisonShape(c), lr.getItemShape(0, i), group + " funnel point " + i);
            }
            legendHasShapes(plot.getFixedLegendItems());
        }
        assertTrue(shaped > 20);
    }

    // ---------------------------------------------------------------- the sources chart

    @Test
    void sourceSegmentsAreSeparatedAndNumberedAsInTheKey() throws Exception {
        ReportData data = ReportFixture.build(ReportFixture.LOCALITIES, List.of("2023/24"), 3);
        ReportTables rows = new ReportTables(data);
        JFreeChart chart = Charts.sources(rows, "2023/24", "mental_health");
        CategoryPlot plot = (CategoryPlot) chart.getPlot();
        SegmentRenderer r = (SegmentRenderer) plot.getRenderer();
        List<String> cats = rows.categories(Charts.SOURCE_ID, Charts.SOURCE_TYPE);
        assertEquals(8, cats.size());
        // a white line between neighbours: every colour then needs its contrast with white only
        assertTrue(r.isDrawBarOutline());
        for (int i = 0; i <= cats.size(); i++) {
            assertEquals(Color.WHITE, r.getItemOutlinePaint(i, 0));
            assertTrue(((java.awt.BasicStroke) r.getItemOutlineStroke(i, 0)).getLineWidth() >= 1.5f);
        }
        // each category its own colour (8 sources, 8 colours: none repeated) and its number
        java.util.Set<Paint> paints = new java.util.HashSet<>();
        for (int i = 0; i < cats.size(); i++) {
            paints.add(r.getItemPaint(i, 0));
            assertEquals(Integer.toString(i + 1), r.key(i));
        }
        assertEquals(cats.size(), paints.size());
        assertEquals("S", r.key(cats.size()));
        LegendItemCollection legend = plot.getFixedLegendItems();
        for (int i = 0; i < legend.getItemCount(); i++) {
            assertTrue(legend.get(i).getLabel().matches("([1-8]|S) .+"), legend.get(i).getLabel());
        }
        // the numbers are written in the segments, in black or white, whichever reads on the fill
        String svg = svgOf(chart);
        Matcher m = Pattern.compile(
                "<text[^>]*style='fill: ?rgb\\((\\d+),(\\d+),(\\d+)\\);[^']*font-weight: ?bold;[^']*'[^>]*>([1-8S])</text>")
                .matcher(svg);
        int numbers = 0;
        while (m.find()) {
            numbers++;
            Color text = new Color(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
            assertTrue(text.equals(Color.BLACK) || text.equals(Color.WHITE), text.toString());
        }
        assertTrue(numbers >= 5 * 7, "segment numbers written: " + numbers);
    }
}
