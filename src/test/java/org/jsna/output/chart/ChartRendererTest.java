package org.jsna.output.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.jsna.indicators.ReportData;
import org.jsna.output.ReportFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class ChartRendererTest {

    private static final Pattern NAME = Pattern.compile(
            "(localities|deprivation|pyramid|sources|funnel|trend|spine)--[a-z0-9-]+--[a-z0-9-]+--[a-z0-9-]+--[a-z0-9-]+(-[0-9]+)?\\.(png|svg)");

    @Test
    void rendersEveryKindAsValidPngAndSvg(@TempDir Path dir) throws Exception {
        ReportData data = ReportFixture.small();
        Map<String, ChartSpec> plan = ChartRenderer.plan(data);
        List<Path> files = ChartRenderer.renderAll(data, dir, true, true, 2);
        assertEquals(plan.size() * 2, files.size());
        Set<String> kinds = new HashSet<>();
        for (Map.Entry<String, ChartSpec> e : plan.entrySet()) {
            ChartSpec spec = e.getValue();
            kinds.add(spec.kind());
            Path png = dir.resolve(e.getKey() + ".png");
            Path svg = dir.resolve(e.getKey() + ".svg");
            assertTrue(NAME.matcher(png.getFileName().toString()).matches(), png.getFileName().toString());
            BufferedImage img = ImageIO.read(png.toFile());
            assertEquals(spec.width(), img.getWidth(), png.toString());
            assertEquals(spec.height(), img.getHeight(), png.toString());
            Document doc = parseXml(svg);
            assertEquals("svg", doc.getDocumentElement().getLocalName() == null
                    ? doc.getDocumentElement().getNodeName() : doc.getDocumentElement().getLocalName());
            String text = doc.getDocumentElement().getTextContent();
            assertTrue(text.contains(firstWords(spec.title())), "title in " + svg + ": " + spec.title());
            // an image named for assistive technology, also as a file on its own
            assertEquals("img", doc.getDocumentElement().getAttribute("role"), svg.toString());
            assertEquals(spec.title(), doc.getDocumentElement().getAttribute("aria-label"), svg.toString());
        }
        assertEquals(Set.of("localities", "deprivation", "pyramid", "sources", "funnel", "trend", "spine"), kinds);
    }

    /**
     * Each thread draws its charts into one image, not cleared between charts: so every chart must cover every
     * pixel (its opaque background first). Drawn over noise and over a new image, every chart of every kind, of
     * the usual and the awkward council, has the same pixels.
     */
    @Test
    void everyChartCoversItsWholeImage() {
        int checked = 0;
        for (ReportData data : List.of(ReportFixture.small(), ReportFixture.nasty())) {
            for (Map.Entry<String, ChartSpec> e : ChartRenderer.plan(data).entrySet()) {
                ChartSpec spec = e.getValue();
                BufferedImage clean = new BufferedImage(spec.width(), spec.height(), BufferedImage.TYPE_3BYTE_BGR);
                BufferedImage noisy = new BufferedImage(spec.width(), spec.height(), BufferedImage.TYPE_3BYTE_BGR);
                byte[] noise = ((java.awt.image.DataBufferByte) noisy.getRaster().getDataBuffer()).getData();
                new java.util.SplittableRandom(checked).nextBytes(noise);
                for (BufferedImage img : List.of(clean, noisy)) {
                    java.awt.Graphics2D g = img.createGraphics();
                    spec.builder().get().draw(g, new java.awt.Rectangle(0, 0, spec.width(), spec.height()));
                    g.dispose();
                }
                org.junit.jupiter.api.Assertions.assertArrayEquals(
                        ((java.awt.image.DataBufferByte) clean.getRaster().getDataBuffer()).getData(), noise, e.getKey());
                checked++;
            }
        }
        assertTrue(checked > 20, "charts checked: " + checked);
    }

    @Test
    void namesFollowTheContract() {
        ReportData data = ReportFixture.small();
        Map<String, ChartSpec> plan = ChartRenderer.plan(data);
        assertTrue(plan.containsKey("localities--referrals-rate--mental-health--all--2023-24"), plan.keySet().toString());
        assertTrue(plan.containsKey("deprivation--referrals-rate--mental-health--all--2023-24"));
        assertTrue(plan.containsKey("pyramid--population--all--old-town--2023"));
        assertTrue(plan.containsKey("pyramid--population--all--all--2023"));
        assertTrue(plan.containsKey("sources--referral-source-pct--mental-health--all--2022-23"));
        assertTrue(plan.containsKey("funnel--referrals-rate--mental-health--all--2023-24"));
        assertTrue(plan.containsKey("trend--service-users-rate--mental-health--all--all"));
        assertTrue(plan.containsKey("spine--indicators--mental-health--eastfield--2023-24"));
    }

    @Test
    void markupInDataNeverShapesAPathAndIsEscapedInSvg(@TempDir Path dir) throws Exception {
        ReportData data = ReportFixture.nasty();
        List<Path> files = ChartRenderer.renderAll(data, dir, false, true, 2);
        assertFalse(files.isEmpty());
        for (Path f : files) {
            assertEquals(dir, f.getParent());
            assertTrue(NAME.matcher(f.getFileName().toString()).matches(), f.getFileName().toString());
            parseXml(f); // well-formed despite the locality name
        }
        Path spine = dir.resolve("spine--indicators--mental-health---script-alert--x----script-----co---2023-24.svg");
        assertTrue(Files.exists(spine), files.toString());
        String svg = Files.readString(spine);
        assertFalse(svg.contains("<script"));
        assertTrue(svg.contains("&lt;script&gt;"));
    }

    @Test
    void suppressedValuesAreGapsWithANote(@TempDir Path dir) throws Exception {
        ReportData data = ReportFixture.build(ReportFixture.LOCALITIES, List.of("2022/23", "2023/24"), 3);
        ChartRenderer.renderAll(data, dir, false, true, 2);
        // the fixture suppresses learning disability in Riverside in the latest period
        String svg = Files.readString(dir.resolve("localities--referrals-rate--learning-disability--all--2023-24.svg"));
        assertTrue(svg.contains("Riverside  (suppressed)"));
        assertTrue(svg.contains("and shown as gaps."));
        String trend = Files.readString(dir.resolve("trend--referrals-rate--learning-disability--all--all.svg"));
        assertTrue(trend.contains("A break in a line is a suppressed value."));
        String mh = Files.readString(dir.resolve("localities--referrals-rate--mental-health--all--2023-24.svg"));
        assertTrue(mh.contains("(none in this chart)"));
    }

    @Test
    void outputDoesNotDependOnTheNumberOfThreads(@TempDir Path dir) throws Exception {
        ReportData data = ReportFixture.small();
        List<Path> one = ChartRenderer.renderAll(data, dir.resolve("one"), false, true, 1);
        List<Path> three = ChartRenderer.renderAll(data, dir.resolve("three"), false, true, 3);
        assertEquals(one.size(), three.size());
        for (int i = 0; i < one.size(); i++) {
            assertEquals(one.get(i).getFileName(), three.get(i).getFileName());
            assertEquals(Files.readString(one.get(i)), Files.readString(three.get(i)), one.get(i).toString());
        }
    }

    @Test
    void chartsUseTheBundledFontFaces() {
        assertEquals("DejaVu Sans", Fonts.plain(12).getFontName(java.util.Locale.ROOT));
        assertEquals("DejaVu Sans Bold", Fonts.bold(12).getFontName(java.util.Locale.ROOT));
        assertEquals(12f, Fonts.bold(12).getSize2D());
    }

    @Test
    void pyramidTickLabelsHaveNoMinusSign() {
        ReportData data = ReportFixture.small();
        String name = "pyramid--population--all--all--2023";
        String svg = ChartRenderer.svgDocument(ChartRenderer.plan(data).get(name), name);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(">\\s*-\\d").matcher(svg);
        assertTrue(!m.find(), "a tick label with a minus sign in the pyramid");
        assertTrue(svg.contains(">2<") || svg.contains(">1<") || svg.contains(">0.5<"), "tick labels present");
    }

    @Test
    void svgCoordinatesHaveTwoPlacesInPlainNotation() {
        assertEquals("12.35", ChartRenderer.twoPlaces(12.3456));
        assertEquals("-0.5", ChartRenderer.twoPlaces(-0.5));
        assertEquals("3", ChartRenderer.twoPlaces(2.999));
        assertEquals("0.01", ChartRenderer.twoPlaces(0.0099));
        assertEquals("12345678", ChartRenderer.twoPlaces(12345678.0));
        assertEquals("-0.05", ChartRenderer.twoPlaces(-0.0549));
        assertEquals("-1234.1", ChartRenderer.twoPlaces(-1234.0951));
        assertEquals("0", ChartRenderer.twoPlaces(-0.004));
        assertEquals("92233720368547758.07", ChartRenderer.twoPlaces(1e300));
        // the same text as BigDecimal's plain notation of the value rounded to 1/100
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        for (int i = 0; i < 100_000; i++) {
            double v = (r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(-3, 9));
            long c = Math.round(v * 100);
            String want = c % 100 == 0 ? Long.toString(c / 100)
                    : java.math.BigDecimal.valueOf(c, 2).stripTrailingZeros().toPlainString();
            assertEquals(want, ChartRenderer.twoPlaces(v), "v = " + v);
        }
    }

    @Test
    void slugsAndClashes() {
        assertEquals("2023-24", Slug.of("2023/24"));
        assertEquals("-----etc-passwd", Slug.of("../../etc/passwd").substring(1));
        assertEquals("caf-", Slug.of("Café"));
        Slug.Namer n = new Slug.Namer();
        assertEquals("a", n.unique("a"));
        assertEquals("a-2", n.unique("a"));
        assertEquals("a-3", n.unique("a"));
    }

    @Test
    void funnelLimitsAreTheCountsWhoseExactLimitsReachTheExpectedCount() {
        // area rate 10 per 1,000 and n = 1,000: E = 10 expected events, so the limits (per 1,000 = counts) are
        // the count U whose exact lower limit is E and the count L whose exact upper limit is E
        double[] lim = Charts.funnelLimits(0.01, 1000, 1000);
        double upper95 = lim[1];
        double lower95 = lim[0];
        assertEquals(10, ChiSquaredDistribution.of(2 * upper95).inverseCumulativeProbability(0.025) / 2, 1e-6);
        assertEquals(10, ChiSquaredDistribution.of(2 * lower95 + 2).inverseCumulativeProbability(0.975) / 2, 1e-6);
        assertEquals(10, ChiSquaredDistribution.of(2 * lim[3]).inverseCumulativeProbability(0.001) / 2, 1e-6);
        assertTrue(lim[2] < lim[0] && lim[0] < 10 && 10 < lim[1] && lim[1] < lim[3]);
        // the same funnel at twice the population is narrower around the same rate
        double[] wide = Charts.funnelLimits(0.01, 2000, 1000);
        assertTrue(wide[1] < lim[1] && wide[0] > lim[0]);
    }

    private static String firstWords(String title) {
        int colon = title.indexOf(':');
        String s = colon > 0 ? title.substring(0, colon) : title;
        return s.length() > 30 ? s.substring(0, 30) : s;
    }

    static Document parseXml(Path svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(svg.toFile());
    }


    /**
     * A locality name may be up to a field's limit (1 MiB) long, a client group's label (jsna.yaml) nearly
     * as long. JFreeChart wraps and measures label text in time that grows with the square of its
     * length, so a 40,000-character name took minutes per chart: no text of a chart model (titles,
     * notes, bar and series keys, legend items, point names) may hold more than
     * {@value Wording#MAX_NAME} characters of a name.
     */
    @Test
    void veryLongLocalityNamesAndGroupLabelsAreShortenedInEveryChartText() {
        String longName = "Upper Wallop " + "x".repeat(5000);
        ReportData built = ReportFixture.build(List.of(longName, "Eastfield"), ReportFixture.PERIODS, 2);
        Map<String, String> groups = new java.util.LinkedHashMap<>();
        built.clientGroups().forEach((id, label) -> groups.put(id, label + " " + "x".repeat(5000)));
        ReportData data = new ReportData(built.indicators(), built.inequalities(), built.population(),
                built.dataQuality(), built.localities(), groups, built.periods(), built.suppression(),
                built.manifest(), built.partPeriods(), built.populationNotes());
        String tooMuch = "x".repeat(Wording.MAX_NAME);
        int charts = 0;
        for (ChartSpec spec : ChartRenderer.plan(data).values()) {
            org.jfree.chart.JFreeChart chart = spec.builder().get();
            charts++;
            for (String text : texts(chart)) {
                assertFalse(text.contains(tooMuch), () -> spec.kind() + " chart holds a text of " + text.length()
                        + " characters: " + text.substring(0, 60) + "...");
            }
        }
        assertTrue(charts > 0);
    }

    /** Every text a chart model holds: title, subtitles, dataset keys, legend items, point names. */
    private static List<String> texts(org.jfree.chart.JFreeChart chart) {
        List<String> out = new java.util.ArrayList<>();
        if (chart.getTitle() != null) {
            out.add(chart.getTitle().getText());
        }
        for (Object t : chart.getSubtitles()) {
            if (t instanceof org.jfree.chart.title.TextTitle) {
                out.add(((org.jfree.chart.title.TextTitle) t).getText());
            }
        }
        org.jfree.chart.plot.Plot plot = chart.getPlot();
        org.jfree.chart.LegendItemCollection legend = null;
        if (plot instanceof org.jfree.chart.plot.CategoryPlot) {
            org.jfree.chart.plot.CategoryPlot p = (org.jfree.chart.plot.CategoryPlot) plot;
            for (int i = 0; i < p.getDatasetCount(); i++) {
                org.jfree.data.category.CategoryDataset d = p.getDataset(i);
                if (d != null) {
                    d.getRowKeys().forEach(k -> out.add(String.valueOf(k)));
                    d.getColumnKeys().forEach(k -> out.add(String.valueOf(k)));
                }
            }
            legend = p.getFixedLegendItems();
        } else if (plot instanceof org.jfree.chart.plot.XYPlot) {
            org.jfree.chart.plot.XYPlot p = (org.jfree.chart.plot.XYPlot) plot;
            for (int i = 0; i < p.getDatasetCount(); i++) {
                org.jfree.data.xy.XYDataset d = p.getDataset(i);
                for (int s = 0; d != null && s < d.getSeriesCount(); s++) {
                    out.add(String.valueOf(d.getSeriesKey(s)));
                }
                if (p.getRenderer(i) instanceof LabelledPointRenderer) {
                    out.addAll(((LabelledPointRenderer) p.getRenderer(i)).names());
                }
            }
            legend = p.getFixedLegendItems();
        }
        for (int i = 0; legend != null && i < legend.getItemCount(); i++) {
            out.add(legend.get(i).getLabel());
        }
        return out;
    }
}
