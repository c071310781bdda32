package org.jsna.aggregate;

import org.jsna.input.CodeLists;
import java.util.List;
import org.jsna.input.ClientGroup;

/**
 * The folded counts behind every indicator, per group {@code g = (period * groups + clientGroup) * slots + slot}.
 * Slots: {@code 0..localities-1} the localities in reporting order, {@link #unknownSlot()}, {@link #allSlot()},
 * then the ten deprivation deciles ({@link #decileSlot(int)}). Money in pounds; counts as longs.
 */
public final class Cubes {
    /** Period starting years, ascending, and their labels. */
    public final int[] periodYears;
    public final List<String> periodLabels;
    public final List<ClientGroup> clientGroups;
    /** Localities in reporting order (without Unknown and All). */
    public final List<String> localities;
    /** Population mid-year used per period (-1: the population without a year), and a note when not its own. */
    public final int[] populationYear;
    public final String[] populationNote;
    /** Per period, its part-period note (indicators.md, "Part periods"), or null when complete; set by the run. */
    public final String[] partNote;

    /** Population of the client group's age range per group (NaN-free; 0 when none). */
    public final double[] population;
    /** Population per group and ESP band, clipped to the client group's range: index g * 19 + band. */
    public final double[] bandPopulation;
    /** Clipped ESP2013 weights per client group: index c * 19 + band (0 outside the range). */
    public final double[] bandWeights;

    public final long[] referrals;
    /** In-range referrals by ESP band: g * 19 + band. */
    public final long[] dsrCount;
    /** Referrals by source: g * SOURCES + k; and those with a known source. */
    public final long[] sourceCount;
    public final long[] sourceKnown;
    public final long[] converted;
    public final long[] conversionDenominator;
    public final long[] referredPeople;
    public final long[] repeatPeople;

    public final long[] serviceUsers;
    public final long[] events;
    public final double[] cost;
    public final long[] costPeople;
    /** Per group, each service user's total known cost (people with no known cost left out). */
    public final double[][] userTotals;
    public final double[] funderCost;
    public final long[] funderPeople;
    public final double[] funderTotal;
    public final long[] funderTotalPeople;
    /** Per group, wait days of referrals with a linked event, ascending. */
    public final int[][] waits;

    Cubes(int[] periodYears, List<String> periodLabels, List<ClientGroup> clientGroups, List<String> localities,
            int[] populationYear, String[] populationNote) {
        this.periodYears = periodYears;
        this.periodLabels = periodLabels;
        this.clientGroups = clientGroups;
        this.localities = localities;
        this.populationYear = populationYear;
        this.populationNote = populationNote;
        this.partNote = new String[periodYears.length];
        int n = groups();
        population = new double[n];
        bandPopulation = new double[n * 19];
        bandWeights = new double[clientGroups.size() * 19];
        referrals = new long[n];
        dsrCount = new long[n * 19];
        sourceCount = new long[n * CodeLists.SOURCES.size()];
        sourceKnown = new long[n];
        converted = new long[n];
        conversionDenominator = new long[n];
        referredPeople = new long[n];
        repeatPeople = new long[n];
        serviceUsers = new long[n];
        events = new long[n];
        cost = new double[n];
        costPeople = new long[n];
        userTotals = new double[n][];
        funderCost = new double[n * CodeLists.FUNDERS.size()];
        funderPeople = new long[n * CodeLists.FUNDERS.size()];
        funderTotal = new double[n];
        funderTotalPeople = new long[n];
        waits = new int[n][];
    }

    public int slots() {
        return localities.size() + 12;
    }

    public int unknownSlot() {
        return localities.size();
    }

    public int allSlot() {
        return localities.size() + 1;
    }

    /** Slot of deprivation decile 1..10. */
    public int decileSlot(int decile) {
        return localities.size() + 1 + decile;
    }

    public int groups() {
        return periodYears.length * clientGroups.size() * slots();
    }

    public int group(int period, int clientGroup, int slot) {
        return (period * clientGroups.size() + clientGroup) * slots() + slot;
    }
}
