package org.jsna.output.chart;

import java.awt.image.BufferedImage;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * An opaque chart image as a PNG file (8-bit RGB, no interlace), made straight from the image's
 * bytes. ImageIO's PNG writer copies every row of the image into a new raster, widens it to ints and
 * tries five filters on it, which cost about twice the deflating itself; here a row is turned from
 * the image's BGR bytes into the "Up" filter (the difference from the row above) in two passes, a row
 * equal to the one above (blank margins, the inside of bars) is all zeros without computing a
 * difference, and the rows are deflated by the JDK's zlib at level 2. Files are some 3% larger than
 * ImageIO's; decoded, they are the same pixels. The bytes depend only on the image: the same chart
 * makes the same file whatever thread or run drew it.
 *
 * <p>Only the chunks the format requires are written (IHDR, IDAT, IEND): no time stamp, no gamma.
 */
final class PngEncoder {

    /** zlib level: 1 to 3 are zlib's fast matcher and cost the same here; 2 packs a little tighter than 1. */
    static final int LEVEL = 2;

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    /** The filter byte of a PNG row: 2 = Up. */
    private static final byte UP = 2;

    private PngEncoder() {
    }

    /** The PNG file of {@code img}; an image that is not 3-byte BGR is copied into one first. */
    static byte[] encode(BufferedImage img) {
        BufferedImage bgr = asBgr(img);
        int w = bgr.getWidth();
        int h = bgr.getHeight();
        ComponentSampleModel sm = (ComponentSampleModel) bgr.getRaster().getSampleModel();
        byte[] src = ((DataBufferByte) bgr.getRaster().getDataBuffer()).getData();
        int stride = sm.getScanlineStride();
        int rowBytes = w * 3;
        // the filtered rows, each a filter byte and its RGB bytes: what zlib compresses
        byte[] raw = scratch((rowBytes + 1) * h);
        for (int y = 0; y < h; y++) {
            int s = y * stride;
            int d = y * (rowBytes + 1);
            raw[d++] = UP;
            if (y == 0) {
                for (int x = 0; x < rowBytes; x += 3) { // nothing above: Up is the row itself
                    raw[d + x] = src[s + x + 2];
                    raw[d + x + 1] = src[s + x + 1];
                    raw[d + x + 2] = src[s + x];
                }
                continue;
            }
            int p = s - stride;
            if (Arrays.equals(src, s, s + rowBytes, src, p, p + rowBytes)) {
                Arrays.fill(raw, d, d + rowBytes, (byte) 0); // the same as the row above
                continue;
            }
            up(src, s, p, raw, d, rowBytes);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length / 16 + 1024);
        out.writeBytes(SIGNATURE);
        byte[] ihdr = new byte[13];
        putInt(ihdr, 0, w);
        putInt(ihdr, 4, h);
        ihdr[8] = 8; // bits per sample
        ihdr[9] = 2; // colour type: RGB
        // compression 0 (deflate), filter method 0, interlace 0 (none)
        chunk(out, "IHDR", ihdr, ihdr.length);
        Deflater deflater = new Deflater(LEVEL);
        try {
            deflater.setInput(raw, 0, (rowBytes + 1) * h);
            deflater.finish();
            byte[] buf = new byte[1 << 16];
            while (!deflater.finished()) {
                int n = deflater.deflate(buf);
                if (n > 0) {
                    chunk(out, "IDAT", buf, n);
                }
            }
        } finally {
            deflater.end();
        }
        chunk(out, "IEND", new byte[0], 0);
        return out.toByteArray();
    }

    /**
     * The Up filter of one row, in RGB order: the byte differences from the row above (a loop the JIT
     * turns into vector instructions; Up works byte by byte, so the order of a pixel's bytes does not
     * matter to it), then blue and red swapped in each pixel.
     */
    private static void up(byte[] src, int s, int p, byte[] raw, int d, int rowBytes) {
        for (int i = 0; i < rowBytes; i++) {
            raw[d + i] = (byte) (src[s + i] - src[p + i]);
        }
        for (int x = d, end = d + rowBytes; x < end; x += 3) {
            byte b = raw[x];
            raw[x] = raw[x + 2];
            raw[x + 2] = b;
        }
    }

    /** The filtered rows' buffer of this thread (at least {@code size} bytes), kept from chart to chart. */
    private static final ThreadLocal<byte[]> SCRATCH = new ThreadLocal<>();

    private static byte[] scratch(int size) {
        byte[] b = SCRATCH.get();
        if (b == null || b.length < size) {
            b = new byte[size];
            SCRATCH.set(b);
        }
        return b;
    }

    /** The image itself when it is 3-byte BGR with rows of exactly 3 × width bytes, else a copy that is. */
    private static BufferedImage asBgr(BufferedImage img) {
        if (img.getType() == BufferedImage.TYPE_3BYTE_BGR
                && img.getRaster().getSampleModel() instanceof ComponentSampleModel sm
                && sm.getPixelStride() == 3 && img.getRaster().getSampleModelTranslateX() == 0
                && img.getRaster().getSampleModelTranslateY() == 0
                && img.getRaster().getDataBuffer().getNumBanks() == 1
                && img.getRaster().getDataBuffer().getOffset() == 0
                && Arrays.equals(sm.getBandOffsets(), new int[] {2, 1, 0})) {
            return img;
        }
        BufferedImage copy = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        java.awt.Graphics2D g = copy.createGraphics();
        try {
            g.drawImage(img, 0, 0, null);
        } finally {
            g.dispose();
        }
        return copy;
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data, int length) {
        byte[] head = new byte[8];
        putInt(head, 0, length);
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(t, 0, head, 4, 4);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data, 0, length);
        out.write(head, 0, 8);
        out.write(data, 0, length);
        byte[] tail = new byte[4];
        putInt(tail, 0, (int) crc.getValue());
        out.write(tail, 0, 4);
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }
}
