package org.jsna.output.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.jsna.indicators.ReportData;
import org.jsna.output.ReportFixture;
import org.jsna.output.chart.ChartRenderer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.Pdf;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.print.PrintOptions;

/**
 * End to end in a real browser: report.html opened from disk in headless Chromium (Debian's
 * {@code chromium} and {@code chromium-driver}); every image must load, the console must show no
 * error, and a screenshot and an A4 print are saved under {@code target/browser-test/}. Selenium
 * Manager is never asked to download anything: the driver and browser paths are given explicitly.
 * Skipped, saying so, where no browser is installed.
 */
class ReportBrowserTest {

    private static final String BROWSER = System.getProperty("jsna.chromium", "/usr/bin/chromium");
    private static final String DRIVER = System.getProperty("jsna.chromedriver", "/usr/bin/chromedriver");

    /**
     * Selenium logs a warning when the installed Chromium is newer than the DevTools (CDP) versions it
     * bundles; this test talks WebDriver only, never CDP, and the build prints no warnings. Held in a
     * field so that the level stays set (java.util.logging keeps loggers weakly).
     */
    private static final java.util.logging.Logger CDP_VERSION_FINDER =
            java.util.logging.Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

    static {
        CDP_VERSION_FINDER.setLevel(Level.SEVERE);
    }

    @Test
    void reportLoadsInHeadlessChromiumWithEveryImageAndNoConsoleError() throws Exception {
        boolean present = new File(BROWSER).canExecute() && new File(DRIVER).canExecute();
        Assumptions.assumeTrue(present, "skipped: no headless Chromium here (need " + BROWSER + " and " + DRIVER
                + "; on Debian: apt-get install chromium chromium-driver)");

        Path out = Path.of("target", "browser-test").toAbsolutePath();
        Files.createDirectories(out);
        ReportData data = ReportFixture.build();
        ChartRenderer.renderAll(data, out.resolve("charts"), false, true, 2);
        Path report = out.resolve("report.html");
        HtmlReport.write(data, out, report);
        Path profile = Files.createTempDirectory("jsna-chromium-profile");

        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,1800", "--user-data-dir=" + profile);
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(DRIVER)).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        try {
            driver.get(report.toUri().toString());
            JavascriptExecutor js = driver;
            // a 2 MB page of data: URIs on a busy machine: count once the document is complete and the
            // number of images has settled (a suite run once counted 20 of 25 images)
            Object total = -1;
            for (int i = 0; i < 40; i++) {
                Object now = js.executeScript("return document.readyState === 'complete' ? document.images.length : -1;");
                if (((Number) now).intValue() >= 0 && now.equals(total)) {
                    break;
                }
                total = now;
                Thread.sleep(250);
            }
            @SuppressWarnings("unchecked")
            List<String> broken = (List<String>) js.executeScript(
                    "return Array.from(document.images).filter(i => !(i.complete && i.naturalWidth > 0))"
                            + ".map(i => i.alt);");
            assertTrue(((Number) total).intValue() > 20, "images: " + total);
            assertEquals(List.of(), broken, "images that did not load");

            List<String> errors = new ArrayList<>();
            for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
                if (e.getLevel().intValue() >= Level.SEVERE.intValue()) {
                    errors.add(e.getMessage());
                }
            }
            assertEquals(List.of(), errors, "console errors");
            assertEquals("Joint strategic needs assessment: demand and inequalities", driver.getTitle());

            File shot = driver.getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), out.resolve("report-screenshot.png"), StandardCopyOption.REPLACE_EXISTING);
            PrintOptions print = new PrintOptions();
            print.setPageSize(new org.openqa.selenium.print.PageSize(29.7, 21.0));
            Pdf pdf = driver.print(print);
            byte[] bytes = Base64.getDecoder().decode(pdf.getContent());
            Files.write(out.resolve("report-a4.pdf"), bytes);
            assertTrue(new String(bytes, 0, 5, java.nio.charset.StandardCharsets.ISO_8859_1).startsWith("%PDF"));
        } finally {
            driver.quit();
            service.stop();
        }
    }
}
