package org.jsna.input;

import java.util.Arrays;

/**
 * Identifier text -> dense index (0, 1, 2, … in order of first insertion), read straight from the CSV
 * record buffer so that no String is made for an identifier. Open addressing with linear probing; each
 * slot holds the key's hash and index together, so a probe touches one array and the key characters
 * (kept in one growing char array) are compared only when the hashes agree. Much less memory than a
 * {@code HashMap<String,Integer>} and fewer cache misses per lookup.
 */
final class IdTable {
    /** High 32 bits: hash; low 32 bits: index + 1 (0 = free slot). */
    private long[] slots = new long[1 << 10];
    /** Per index: offset into {@link #chars} << 20 | length. */
    private long[] keys = new long[1 << 9];
    private char[] chars = new char[1 << 12];
    private int charLen;
    private int size;

    int size() {
        return size;
    }

    static int hash(char[] a, int s, int e) {
        int h = 0;
        for (int i = s; i < e; i++) {
            h = 31 * h + a[i];
        }
        // a full avalanche (MurmurHash3's finaliser): sequential ids must not land in adjacent slots
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        return h ^ (h >>> 16);
    }

    /** The index of the key a[s..e), or -1. */
    int get(char[] a, int s, int e) {
        int h = hash(a, s, e);
        int i = find(a, s, e, h);
        long slot = slots[i];
        return slot == 0 ? -1 : (int) slot - 1;
    }

    /** The index of a String key, or -1. */
    int get(String key) {
        char[] a = key.toCharArray();
        return get(a, 0, a.length);
    }

    /** Adds the key if absent; returns its index. */
    int add(char[] a, int s, int e) {
        int h = hash(a, s, e);
        int i = find(a, s, e, h);
        if (slots[i] != 0) {
            return (int) slots[i] - 1;
        }
        int len = e - s;
        if (len >= 1 << 20) {
            throw new IllegalArgumentException("identifier longer than 1,048,575 characters");
        }
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
        }
        if (charLen + len > chars.length) {
            chars = Arrays.copyOf(chars, Math.max(chars.length * 2, charLen + len));
        }
        System.arraycopy(a, s, chars, charLen, len);
        int k = size++;
        keys[k] = ((long) charLen << 20) | len;
        charLen += len;
        slots[i] = ((long) h << 32) | (k + 1L);
        if (size * 2 > slots.length) {
            rehash();
        }
        return k;
    }

    /** Ordinal (UTF-16 code unit) comparison of the keys of indices i and j, as String.compareTo. */
    int compare(int i, int j) {
        long ki = keys[i];
        long kj = keys[j];
        int oi = (int) (ki >>> 20);
        int li = (int) (ki & 0xFFFFF);
        int oj = (int) (kj >>> 20);
        int lj = (int) (kj & 0xFFFFF);
        int n = Math.min(li, lj);
        for (int k = 0; k < n; k++) {
            char a = chars[oi + k];
            char b = chars[oj + k];
            if (a != b) {
                return a - b;
            }
        }
        return li - lj;
    }

    /** The slot holding the key, or the free slot where it would go. */
    private int find(char[] a, int s, int e, int h) {
        int mask = slots.length - 1;
        int i = h & mask;
        int len = e - s;
        while (true) {
            long slot = slots[i];
            if (slot == 0) {
                return i;
            }
            if ((int) (slot >>> 32) == h) {
                long key = keys[(int) slot - 1];
                if ((int) (key & 0xFFFFF) == len && same(a, s, (int) (key >>> 20), len)) {
                    return i;
                }
            }
            i = (i + 1) & mask;
        }
    }

    private boolean same(char[] a, int s, int off, int len) {
        for (int j = 0; j < len; j++) {
            if (a[s + j] != chars[off + j]) {
                return false;
            }
        }
        return true;
    }

    private void rehash() {
        long[] old = slots;
        slots = new long[old.length * 2];
        int mask = slots.length - 1;
        for (long slot : old) {
            if (slot != 0) {
                int i = (int) (slot >>> 32) & mask;
                while (slots[i] != 0) {
                    i = (i + 1) & mask;
                }
                slots[i] = slot;
            }
        }
    }
}
