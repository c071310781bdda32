package org.jsna.aggregate;

import java.util.Arrays;
import java.util.List;
import org.jsna.input.ClientGroup;
import org.jsna.input.CodeLists;

/**
 * The folded counts behind every indicator: for each period, client group and place, every
 * {@link Measure}. A place is a locality ({@code 0..localities-1}, in reporting order),
 * {@link #unknownSlot()}, {@link #allSlot()} or a deprivation decile ({@link #decileSlot(int)}); read
 * the measures with {@link #count}, {@link #amount}, {@link #people}, {@link #bands} and {@link #values}.
 * Money in pounds; counts as longs. Filled by the {@link Aggregator}; read-only afterwards.
 */
public final class CountCube {
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
    final double[] population;
    /** Population per group and ESP band, clipped to the client group's range: index g * 19 + band. */
    final double[] bandPopulation;
    /** Clipped ESP2013 weights per client group: index c * 19 + band (0 outside the range). */
    final double[] bandWeights;

    final long[] referrals;
    /** In-range referrals by ESP band: g * 19 + band. */
    final long[] dsrCount;
    /** Referrals by source: g * SOURCES + k; and those with a known source. */
    final long[] sourceCount;
    final long[] sourceKnown;
    final long[] converted;
    final long[] conversionDenominator;
    final long[] referredPeople;
    final long[] repeatPeople;

    final long[] serviceUsers;
    final long[] events;
    final double[] cost;
    final long[] costPeople;
    /** Per group, the service users' total known costs as exact moments (people with no known cost left out). */
    final UserCosts[] userCosts;
    final double[] funderCost;
    final long[] funderPeople;
    final double[] funderTotal;
    final long[] funderTotalPeople;
    /**
     * Per group, the waits in days of referrals with a linked event: each distinct number of days, ascending, and
     * how many referrals waited that long.
     */
    final int[][] waitDays;
    final long[][] waitCounts;

    /**
     * For {@code jsna project} only (null otherwise): referrals, service users (placed by the period's first
     * event) and service events of an age inside the client group's range, per cell, sex (0 F, 1 M, 2 U)
     * and ESP band: index (cell * 3 + sex) * 19 + band.
     */
    final long[] cellReferrals;
    final long[] cellUsers;
    final long[] cellEvents;

    CountCube(int[] periodYears, List<String> periodLabels, List<ClientGroup> clientGroups, List<String> localities,
            int[] populationYear, String[] populationNote) {
        this(periodYears, periodLabels, clientGroups, localities, populationYear, populationNote, false);
    }

    CountCube(int[] periodYears, List<String> periodLabels, List<ClientGroup> clientGroups, List<String> localities,
            int[] populationYear, String[] populationNote, boolean bySexAndBand) {
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
        userCosts = new UserCosts[n];
        funderCost = new double[n * CodeLists.FUNDERS.size()];
        funderPeople = new long[n * CodeLists.FUNDERS.size()];
        funderTotal = new double[n];
        funderTotalPeople = new long[n];
        waitDays = new int[n][];
        waitCounts = new long[n][];
        cellReferrals = bySexAndBand ? new long[n * 3 * BANDS] : null;
        cellUsers = bySexAndBand ? new long[n * 3 * BANDS] : null;
        cellEvents = bySexAndBand ? new long[n * 3 * BANDS] : null;
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

    // ------------------------------------------------------------------ the measures

    private static final int BANDS = 19;

    /** The cell of a period, client group and place. */
    private int cell(int period, int clientGroup, int place) {
        return group(period, clientGroup, place);
    }

    /** A count measure at a period, client group and place (see {@link Measure.Kind#COUNT}). */
    public long count(Measure m, int period, int clientGroup, int place) {
        int g = cell(period, clientGroup, place);
        return switch (m) {
            case REFERRALS -> referrals[g];
            case REFERRALS_WITH_KNOWN_SOURCE -> sourceKnown[g];
            case CONVERTED_REFERRALS -> converted[g];
            case REFERRALS_WITH_KNOWN_OUTCOME -> conversionDenominator[g];
            case REPEAT_PEOPLE -> repeatPeople[g];
            case REFERRED_PEOPLE -> referredPeople[g];
            case SERVICE_USERS -> serviceUsers[g];
            case SERVICE_EVENTS -> events[g];
            case USER_COSTS -> userCosts[g].count();
            case WAITS -> Arrays.stream(waitCounts[g]).sum();
            default -> throw new IllegalArgumentException(m + " is not a count");
        };
    }

    /** One category of a count measure split by categories (e.g. referrals by source). */
    public long count(Measure m, int period, int clientGroup, int place, int category) {
        int g = cell(period, clientGroup, place);
        if (m == Measure.REFERRALS_BY_SOURCE) {
            return sourceCount[g * m.categories.size() + category];
        }
        throw new IllegalArgumentException(m + " has no categories of counts");
    }

    /** An amount: pounds of a money measure, or residents of {@link Measure#POPULATION}. */
    public double amount(Measure m, int period, int clientGroup, int place) {
        int g = cell(period, clientGroup, place);
        return switch (m) {
            case POPULATION -> population[g];
            case COST -> cost[g];
            case COST_WITH_KNOWN_FUNDER -> funderTotal[g];
            default -> throw new IllegalArgumentException(m + " is not an amount");
        };
    }

    /** One category of a money measure split by categories (pounds by funder). */
    public double amount(Measure m, int period, int clientGroup, int place, int category) {
        if (m == Measure.COST_BY_FUNDER) {
            return funderCost[cell(period, clientGroup, place) * m.categories.size() + category];
        }
        throw new IllegalArgumentException(m + " has no categories of amounts");
    }

    /** The distinct people behind a money measure's pounds (its disclosure count). */
    public long people(Measure m, int period, int clientGroup, int place) {
        int g = cell(period, clientGroup, place);
        return switch (m) {
            case COST -> costPeople[g];
            case COST_WITH_KNOWN_FUNDER -> funderTotalPeople[g];
            default -> throw new IllegalArgumentException(m + " has no people behind it");
        };
    }

    /** The distinct people behind one category of a money measure. */
    public long people(Measure m, int period, int clientGroup, int place, int category) {
        if (m == Measure.COST_BY_FUNDER) {
            return funderPeople[cell(period, clientGroup, place) * m.categories.size() + category];
        }
        throw new IllegalArgumentException(m + " has no categories of people");
    }

    /** A measure by ESP2013 band (19 values, band order of stats/Dsr). */
    public double[] bands(Measure m, int period, int clientGroup, int place) {
        int g = cell(period, clientGroup, place);
        double[] out = new double[BANDS];
        for (int b = 0; b < BANDS; b++) {
            out[b] = switch (m) {
                case POPULATION_BY_BAND -> bandPopulation[g * BANDS + b];
                case IN_RANGE_REFERRALS_BY_BAND -> dsrCount[g * BANDS + b];
                default -> throw new IllegalArgumentException(m + " is not by band");
            };
        }
        return out;
    }

    /** The ESP2013 weights of a client group, clipped to its age range (0 outside it). */
    public double[] bandWeights(int clientGroup) {
        double[] out = new double[BANDS];
        System.arraycopy(bandWeights, clientGroup * BANDS, out, 0, BANDS);
        return out;
    }

    /** The service users' total known costs of a cell ({@link Measure#USER_COSTS}), as exact moments. */
    public UserCosts userCosts(int period, int clientGroup, int place) {
        return userCosts[cell(period, clientGroup, place)];
    }

    /** The values of a distribution measure ({@link Measure#WAITS}), ascending (do not change the array). */
    public double[] values(Measure m, int period, int clientGroup, int place) {
        int g = cell(period, clientGroup, place);
        return switch (m) {
            case WAITS -> {
                long n = Arrays.stream(waitCounts[g]).sum();
                if (n > Integer.MAX_VALUE - 8) {
                    throw new OutOfMemoryError("more than " + (Integer.MAX_VALUE - 8) + " waits in one cell");
                }
                double[] out = new double[(int) n];
                int at = 0;
                for (int k = 0; k < waitDays[g].length; k++) {
                    Arrays.fill(out, at, at + (int) waitCounts[g][k], waitDays[g][k]);
                    at += (int) waitCounts[g][k];
                }
                yield out;
            }
            default -> throw new IllegalArgumentException(m + " is not a distribution");
        };
    }

    /** Whether the cube holds the counts by sex and band of {@link #bySexAndBand}. */
    public boolean hasSexAndBand() {
        return cellReferrals != null;
    }

    /**
     * For {@code jsna project}: the in-range records of {@link Measure#REFERRALS},
     * {@link Measure#SERVICE_USERS} (placed by the period's first event) or {@link Measure#SERVICE_EVENTS} at a
     * period, client group, locality or {@link #unknownSlot()}, sex (0 F, 1 M, 2 U, not known) and ESP band
     * (0..18); only in a cube built with them ({@link #hasSexAndBand()}).
     */
    public long bySexAndBand(Measure m, int period, int clientGroup, int place, int sex, int band) {
        if (cellReferrals == null) {
            throw new IllegalStateException("the cube was built without counts by sex and band");
        }
        int i = (cell(period, clientGroup, place) * 3 + sex) * BANDS + band;
        return switch (m) {
            case REFERRALS -> cellReferrals[i];
            case SERVICE_USERS -> cellUsers[i];
            case SERVICE_EVENTS -> cellEvents[i];
            default -> throw new IllegalArgumentException(m + " is not counted by sex and band");
        };
    }

    /** Number of periods. */
    public int periods() {
        return periodYears.length;
    }
}
