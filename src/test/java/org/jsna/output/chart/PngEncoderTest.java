package org.jsna.output.chart;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jsna.indicators.ReportData;
import org.jsna.output.ReportFixture;
import org.junit.jupiter.api.Test;

/**
 * The chart PNGs are lossless: decoded by ImageIO (an independent decoder), a file holds exactly the
 * pixels that were drawn, whatever the image held (flat areas, repeated rows, noise, every byte
 * value), and it is a well-formed PNG (signature, chunk CRCs, RGB 8-bit header).
 */
class PngEncoderTest {

    @Test
    void decodesToTheSamePixels() throws IOException {
        SplittableRandom r = new SplittableRandom(8);
        for (int[] size : new int[][] {{1, 1}, {3, 2}, {257, 7}, {640, 480}}) {
            BufferedImage img = new BufferedImage(size[0], size[1], BufferedImage.TYPE_3BYTE_BGR);
            Graphics2D g = img.createGraphics();
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, size[0], size[1]);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(new Color(0, 114, 178));
            g.drawLine(0, 0, size[0], size[1]);
            g.setColor(new Color(230, 159, 0));
            g.fillOval(size[0] / 4, size[1] / 4, size[0] / 2 + 1, size[1] / 2 + 1);
            g.dispose();
            // noise in the last rows: every byte value, also below the row above (wrap-around differences)
            for (int y = Math.max(0, size[1] - 2); y < size[1]; y++) {
                for (int x = 0; x < size[0]; x++) {
                    img.setRGB(x, y, r.nextInt(1 << 24));
                }
            }
            assertSamePixels(img, decode(PngEncoder.encode(img)), size[0] + "×" + size[1]);
        }
    }

    @Test
    void aChartDecodesToThePixelsDrawnAndIsTheSameFileEachTime() throws IOException {
        ReportData data = ReportFixture.small();
        ChartSpec spec = ChartRenderer.plan(data).get("funnel--referrals-rate--mental-health--all--2023-24");
        assertNotNull(spec);
        JFreeChart chart = spec.builder().get();
        BufferedImage drawn = new BufferedImage(spec.width(), spec.height(), BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = drawn.createGraphics();
        chart.draw(g, new java.awt.Rectangle(0, 0, spec.width(), spec.height()));
        g.dispose();
        byte[] png = ChartRenderer.pngBytes(chart, spec.width(), spec.height());
        assertSamePixels(drawn, decode(png), "funnel chart");
        // the second drawing reuses this thread's image and buffer: same file
        assertArrayEquals(png, ChartRenderer.pngBytes(spec.builder().get(), spec.width(), spec.height()));
        wellFormed(png, spec.width(), spec.height());
    }

    @Test
    void otherImageTypesAreEncodedByTheirColours() throws IOException {
        BufferedImage argb = new BufferedImage(20, 10, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < 20; x++) {
            for (int y = 0; y < 10; y++) {
                argb.setRGB(x, y, (x * 12) << 16 | (y * 25) << 8 | (x + y));
            }
        }
        assertSamePixels(argb, decode(PngEncoder.encode(argb)), "TYPE_INT_RGB");
    }

    private static BufferedImage decode(byte[] png) throws IOException {
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        assertNotNull(img, "ImageIO decodes the file");
        return img;
    }

    private static void assertSamePixels(BufferedImage want, BufferedImage got, String what) {
        assertEquals(want.getWidth(), got.getWidth(), what);
        assertEquals(want.getHeight(), got.getHeight(), what);
        for (int y = 0; y < want.getHeight(); y++) {
            for (int x = 0; x < want.getWidth(); x++) {
                if (want.getRGB(x, y) != got.getRGB(x, y)) {
                    throw new AssertionError(what + ": pixel " + x + "," + y + " is "
                            + Integer.toHexString(got.getRGB(x, y)) + ", drawn " + Integer.toHexString(want.getRGB(x, y)));
                }
            }
        }
    }

    /** Signature, IHDR (size, 8-bit RGB, no interlace), each chunk's CRC, IEND last. */
    private static void wellFormed(byte[] png, int width, int height) {
        ByteBuffer b = ByteBuffer.wrap(png);
        byte[] sig = new byte[8];
        b.get(sig);
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, sig);
        String last = null;
        ByteArrayOutputStream types = new ByteArrayOutputStream();
        while (b.hasRemaining()) {
            int len = b.getInt();
            byte[] typeAndData = new byte[4 + len];
            b.get(typeAndData);
            CRC32 crc = new CRC32();
            crc.update(typeAndData);
            assertEquals((int) crc.getValue(), b.getInt(), "CRC");
            last = new String(typeAndData, 0, 4, java.nio.charset.StandardCharsets.US_ASCII);
            types.write(typeAndData, 0, 4);
            if (last.equals("IHDR")) {
                ByteBuffer h = ByteBuffer.wrap(typeAndData, 4, len);
                assertEquals(width, h.getInt());
                assertEquals(height, h.getInt());
                assertEquals(8, h.get());
                assertEquals(2, h.get());
                assertEquals(0, h.get());
                assertEquals(0, h.get());
                assertEquals(0, h.get());
            }
        }
        assertEquals("IEND", last);
        assertTrue(types.toString(java.nio.charset.StandardCharsets.US_ASCII).startsWith("IHDRIDAT"));
    }
}
