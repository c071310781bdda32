package org.jsna.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Not jsna: the least a one-pass Java engine must do with a {@code jsna sample} council's referrals and
 * services, as a floor under issue 8's targets (scripts/bench --one-pass). On two threads, each file is read
 * in 8 MiB chunks cut at line ends, and each row is split at its commas (no quoting: the sample quotes
 * nothing) and folded at once: every id hashed into its thread's table (duplicates counted), every person
 * into a table of (person, fiscal year, client group), the date turned into a fiscal year, the client group
 * into a number by its first letters, the area code into its locality through an array, the age parsed, the
 * cost parsed as pence; counts by year, group, locality, sex and age, and cost and events by year, group and
 * locality, summed. What it leaves out, and jsna does: validating any field, line numbers, rejects, merging
 * the threads' tables (so a duplicate or a person across threads is not found), linking events to
 * referrals, every indicator past those sums, statistics, disclosure control and writing. Prints its own
 * time, the duplicates and the people found, to show the work was done.
 */
public final class OnePassFloor {
    private static final int CHUNK = 8 << 20;
    private static final int YEARS = 8; // fiscal years kept apart modulo 8 (the sample spans three)
    private static final int GROUPS = 6;

    private OnePassFloor() {
    }

    /** Open addressing over 64-bit hashes (0 stands for empty). */
    static final class LongSet {
        long[] slots = new long[1 << 16];
        int size;

        boolean add(long h) {
            long k = h == 0 ? 1 : h;
            int mask = slots.length - 1;
            int i = (int) (k ^ (k >>> 29)) & mask;
            while (true) {
                long v = slots[i];
                if (v == 0) {
                    slots[i] = k;
                    if (++size * 2 > slots.length) {
                        grow();
                    }
                    return true;
                }
                if (v == k) {
                    return false;
                }
                i = (i + 1) & mask;
            }
        }

        private void grow() {
            long[] old = slots;
            slots = new long[old.length * 2];
            size = 0;
            for (long v : old) {
                if (v != 0) {
                    add(v);
                }
            }
        }
    }

    /** One thread's sums. */
    static final class Sums {
        final LongSet ids = new LongSet();
        final LongSet people = new LongSet();
        final long[] referrals;
        final long[] events;
        final long[] pence;
        long duplicates;

        Sums(int localities) {
            referrals = new long[YEARS * GROUPS * localities * 2 * 121];
            events = new long[YEARS * GROUPS * localities];
            pence = new long[YEARS * GROUPS * localities];
        }
    }

    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        Path dir = Path.of(args[0]);
        // the lookup: area code number -> locality
        Map<String, Integer> localityIds = new HashMap<>();
        Map<Integer, Integer> byNumber = new HashMap<>();
        int min = Integer.MAX_VALUE;
        int max = 0;
        List<String> lookup = Files.readAllLines(dir.resolve("areas.csv"), StandardCharsets.UTF_8);
        for (String line : lookup.subList(1, lookup.size())) {
            String[] f = line.split(",", -1);
            int number = Integer.parseInt(f[0].substring(3));
            byNumber.put(number, localityIds.computeIfAbsent(f[2], k -> localityIds.size()));
            min = Math.min(min, number);
            max = Math.max(max, number);
        }
        int[] locality = new int[max - min + 1];
        for (Map.Entry<Integer, Integer> e : byNumber.entrySet()) {
            locality[e.getKey() - min] = e.getValue();
        }
        int first = min;
        int localities = localityIds.size();
        Set<Sums> all = ConcurrentHashMap.newKeySet();
        ThreadLocal<Sums> sums = ThreadLocal.withInitial(() -> {
            Sums s = new Sums(localities);
            all.add(s);
            return s;
        });
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<?>> tasks = new ArrayList<>();
        for (String name : List.of("referrals.csv", "services.csv")) {
            boolean referrals = name.startsWith("referrals");
            FileChannel ch = FileChannel.open(dir.resolve(name));
            long size = ch.size();
            long start = lineEnd(ch, 0);
            while (start < size) {
                long from = start;
                long to = Math.min(size, from + CHUNK);
                to = to == size ? size : lineEnd(ch, to);
                start = to;
                long end = to;
                tasks.add(pool.submit(() -> {
                    ByteBuffer buf = ByteBuffer.allocate((int) (end - from));
                    try {
                        ch.read(buf, from);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    fold(buf.array(), buf.position(), referrals, sums.get(), locality, first, localities);
                }));
            }
        }
        for (Future<?> t : tasks) {
            t.get();
        }
        pool.shutdown();
        long duplicates = 0;
        long people = 0;
        for (Sums s : all) {
            duplicates += s.duplicates;
            people += s.people.size;
        }
        System.out.printf("one pass: %d duplicate ids, %d people (by thread), %.0f ms%n", duplicates, people,
                (System.nanoTime() - t0) / 1e6);
    }

    /** The position after the line end at or after {@code pos}. */
    private static long lineEnd(FileChannel ch, long pos) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(4096);
        long p = pos;
        while (true) {
            b.clear();
            int n = ch.read(b, p);
            if (n <= 0) {
                return p;
            }
            for (int i = 0; i < n; i++) {
                if (b.get(i) == '\n') {
                    return p + i + 1;
                }
            }
            p += n;
        }
    }

    private static void fold(byte[] b, int n, boolean referrals, Sums s, int[] locality, int first, int localities) {
        int[] at = new int[24];
        int i = 0;
        while (i < n) {
            int k = 0;
            at[k++] = i;
            while (b[i] != '\n') {
                if (b[i] == ',' && k < at.length - 1) {
                    at[k++] = i + 1;
                }
                i++;
            }
            at[k] = i + 1;
            i++;
            if (!s.ids.add(hash(b, at[0], at[1] - 1))) {
                s.duplicates++;
            }
            long person = hash(b, at[1], at[2] - 1);
            if (referrals) {
                // referral_id,person_id,referral_date,client_group,area_code,sex,age,...
                int year = fiscalYear(b, at[2]);
                int group = group(b, at[3]);
                s.people.add(person * 31 + year * 7 + group);
                int loc = place(b, at[4], at[5] - 1, locality, first);
                int age = Math.min(120, whole(b, at[6], at[7] - 1));
                int sex = b[at[5]] == 'F' ? 0 : 1;
                s.referrals[(((year * GROUPS + group) * localities + loc) * 2 + sex) * 121 + age]++;
            } else {
                // event_id,person_id,client_group,service_type,start_date,end_date,units,cost,funder,referral_id,area_code
                int group = group(b, at[2]);
                int year = fiscalYear(b, at[4]);
                s.people.add(person * 31 + year * 7 + group);
                int cell = (year * GROUPS + group) * localities + place(b, at[10], at[11] - 1, locality, first);
                s.events[cell]++;
                s.pence[cell] += whole(b, at[7], at[8] - 1);
            }
        }
    }

    private static long hash(byte[] b, int from, int to) {
        long h = 0x9E3779B97F4A7C15L;
        for (int i = from; i < to; i++) {
            h = (h ^ b[i]) * 0xff51afd7ed558ccdL;
        }
        return h ^ (h >>> 32);
    }

    /** Digits of b[from, to), any point skipped (a cost of pounds and pence is read as pence). */
    private static int whole(byte[] b, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            if (b[i] != '.') {
                v = v * 10 + b[i] - '0';
            }
        }
        return v;
    }

    private static int fiscalYear(byte[] b, int at) {
        int year = (b[at] - '0') * 1000 + (b[at + 1] - '0') * 100 + (b[at + 2] - '0') * 10 + (b[at + 3] - '0');
        int month = (b[at + 5] - '0') * 10 + (b[at + 6] - '0');
        return Math.floorMod((month >= 4 ? year : year - 1) - 2000, YEARS);
    }

    private static int group(byte[] b, int at) {
        switch (b[at]) {
            case 'c':
                return b[at + 1] == 'h' ? 0 : 1;
            case 'o':
                return 2;
            case 'm':
                return 3;
            case 'l':
                return 4;
            default:
                return 5;
        }
    }

    /** The locality of an area code of the form E01nnnnnn; an empty or unknown code counts in locality 0. */
    private static int place(byte[] b, int from, int to, int[] locality, int first) {
        if (to - from < 4) {
            return 0;
        }
        int i = whole(b, from + 3, to) - first;
        return i >= 0 && i < locality.length ? locality[i] : 0;
    }
}
