package org.jsna.bench;

/**
 * What the JVM's default settings make of a program's memory on this machine, whatever the program does: it
 * holds {@code LIVE} MiB (built up evenly over {@code BUILD} seconds, in 256 KiB arrays, as a reader builds
 * its tables) and meanwhile makes short-lived 64 KiB arrays at {@code RATE} MB/s (0: as fast as it can) for
 * {@code SECONDS} seconds, on one thread. {@code scripts/bench --floor} runs it under {@code /usr/bin/time} with
 * no JVM options and reports its peak RSS beside jsna's: the floor any JVM program of that live size and
 * allocation rate meets on this machine (issue 8's 512 MiB target is measured with the default settings).
 *
 * <p>Usage: {@code java -cp jsna-bench.jar org.jsna.bench.HeapFloor LIVE BUILD SECONDS RATE}; prints what it
 * held, allocated and the heap the JVM committed.
 */
public final class HeapFloor {

    private static volatile long sink;

    private HeapFloor() {
    }

    public static void main(String[] args) {
        if (args.length != 4) {
            System.err.println("usage: HeapFloor LIVE_MIB BUILD_SECONDS SECONDS RATE_MB_PER_S");
            System.exit(2);
        }
        int liveMiB = Integer.parseInt(args[0]);
        double build = Double.parseDouble(args[1]);
        double seconds = Double.parseDouble(args[2]);
        int rate = Integer.parseInt(args[3]);
        int pieces = liveMiB * 4;
        long[][] live = new long[pieces][];
        long t0 = System.nanoTime();
        long end = t0 + (long) (seconds * 1e9);
        long allocated = 0;
        long s = 0;
        int built = 0;
        for (long now = t0; now < end; now = System.nanoTime()) {
            double elapsed = (now - t0) / 1e9;
            int want = build <= 0 ? pieces : (int) Math.min(pieces, pieces * elapsed / build);
            while (built < want) {
                live[built] = new long[32_768];
                live[built][built % 100] = built;
                built++;
            }
            if (rate <= 0 || allocated < elapsed * rate * 1_000_000) {
                for (int j = 0; j < 16; j++) {
                    byte[] g = new byte[65_536];
                    g[j] = 1;
                    s += g[0];
                }
                allocated += 16 * 65_536;
            } else {
                Thread.onSpinWait();
            }
        }
        sink = s + live.length;
        System.out.printf("held %d MiB, allocated %d MB, heap committed %d MiB%n", liveMiB, allocated / 1_000_000,
                Runtime.getRuntime().totalMemory() >> 20);
    }
}
