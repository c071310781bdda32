package org.jsna.sample;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Localities of {@code jsna sample --localities N} (any N but the default six): English-sounding
 * place names made of a first and a last part ("Ashford", "Thornbury"), unique, drawn from a
 * generator of their own so the rest of the data is drawn as with the named localities.
 */
final class LocalityNames {

    private static final String[] FIRST = {"Ash", "Bark", "Bel", "Birch", "Black", "Bram", "Brad", "Brent", "Broad",
        "Brom", "Burn", "Chal", "Church", "Clay", "Cold", "Cran", "Dun", "Elm", "Farn", "Frod", "Gold", "Hal", "Hart",
        "Haw", "Holm", "Kings", "Lang", "Lark", "Lin", "Long", "Marl", "Mill", "Ned", "Oak", "Red", "Rother", "Sand",
        "Shaw", "Stan", "Thorn", "Wal", "Whit", "Wood", "Wyn"};
    private static final String[] LAST = {"field", "ford", "gate", "ham", "ley", "moor", "bury", "ton", "wick",
        "worth", "by", "stead", "well", "dale", "borough", "hurst", "combe", "bridge", "wood", "thorpe", "mere",
        "stow", "cliffe", "minster", "brook", "hill"};

    /**
     * Localities in reporting order (alphabetical), the same names from the most to the least
     * deprived, and the relative number of small areas of each, in that deprivation order.
     */
    record Layout(List<String> reportingOrder, List<String> byDeprivation, double[] areaShare) {
    }

    private LocalityNames() {
    }

    /** Every name there is, in a fixed order (more than {@link SampleSettings#MAX_LOCALITIES}). */
    static List<String> all() {
        List<String> names = new ArrayList<>();
        for (String first : FIRST) {
            for (String last : LAST) {
                char end = first.charAt(first.length() - 1);
                // no "Millley" or "Woodwood"
                if (end == last.charAt(0) && first.length() > 1 && first.charAt(first.length() - 2) == end
                        || first.equalsIgnoreCase(last)) {
                    continue;
                }
                names.add(first + last);
            }
        }
        return names;
    }

    static Layout layout(int n, long seed) {
        Rng rng = new Rng(seed ^ 0x6C6F63616C697479L); // "locality": not the stream of the rest of the data
        List<String> names = all();
        shuffle(names, rng);
        List<String> chosen = new ArrayList<>(names.subList(0, n));
        List<String> byDeprivation = new ArrayList<>(chosen);
        shuffle(byDeprivation, rng);
        double[] share = new double[n];
        for (int i = 0; i < n; i++) {
            share[i] = 0.5 + rng.uniform(); // localities differ in size, up to three to one
        }
        Collections.sort(chosen);
        return new Layout(List.copyOf(chosen), List.copyOf(byDeprivation), share);
    }

    private static void shuffle(List<String> list, Rng rng) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            Collections.swap(list, i, j);
        }
    }
}
