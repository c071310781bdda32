package org.jsna.indicators;

import java.util.List;
import org.jsna.aggregate.Measure;

/**
 * The indicator catalogue (indicators.md): <b>each indicator is defined here, once</b> — its id,
 * label and unit, the {@link Measure}s of its numerator and denominator (what the aggregation
 * counts), the {@link Statistic} that turns them into a value with its intervals, its breakdowns
 * (deprivation deciles; categories come with a numerator split by categories), the base of records it
 * counts (for disclosure control) and the words charts use for it. The table ({@link IndicatorTable}),
 * inequalities, disclosure control, charts, the report and {@code jsna indicators} read these
 * definitions; a new indicator over existing measures is one entry here plus its tests.
 *
 * <p>Every core indicator measures demand and has polarity {@code none}.
 */
public enum Indicator {
    REFERRALS_RATE(define("referrals_rate", "Referrals received per 1,000 population")
            .numerator(Measure.REFERRALS, "referrals received in the period")
            .denominator(Measure.POPULATION, "population")
            .statistic(Statistic.CRUDE_RATE, 1000, "per 1,000", "Byar (exact Poisson < 10)")
            .deciles().base(Base.REFERRALS).shortName("Referrals per 1,000")),
    REFERRALS_DSR(define("referrals_dsr", "Referrals per 100,000 population, directly age-standardised (ESP2013)")
            .numerator(Measure.IN_RANGE_REFERRALS_BY_BAND, "referrals by ESP2013 5-year band of the age at referral")
            .denominator(Measure.POPULATION_BY_BAND, "population by band")
            .statistic(Statistic.DSR, 100_000, "per 100,000", "Dobson")
            .base(Base.REFERRALS).shortName("Referrals, age-standardised per 100,000")),
    REFERRAL_SOURCE_PCT(define("referral_source_pct", "Share of referrals by referral source")
            .numerator(Measure.REFERRALS_BY_SOURCE, "referrals from one source")
            .denominator(Measure.REFERRALS_WITH_KNOWN_SOURCE, "all referrals with a known source")
            .statistic(Statistic.PROPORTION, 100, "%", "Wilson")
            .categories("referral_source").base(Base.REFERRALS).shortName("Referrals by source, %")),
    REFERRAL_CONVERSION_PCT(define("referral_conversion_pct", "Referrals that led to a service")
            .numerator(Measure.CONVERTED_REFERRALS, "referrals with outcome service_provided")
            .denominator(Measure.REFERRALS_WITH_KNOWN_OUTCOME, "referrals with a known outcome other than ongoing")
            .statistic(Statistic.PROPORTION, 100, "%", "Wilson")
            .base(Base.REFERRALS).shortName("Referrals leading to a service, %")),
    REPEAT_REFERRAL_PCT(define("repeat_referral_pct", "People referred more than once in the period")
            .numerator(Measure.REPEAT_PEOPLE, "people with 2+ referrals in the period (same client group)")
            .denominator(Measure.REFERRED_PEOPLE, "people with 1+ referral")
            .statistic(Statistic.PROPORTION, 100, "%", "Wilson")
            .base(Base.REFERRALS).shortName("People referred 2+ times, %")),
    SERVICE_USERS_RATE(define("service_users_rate", "Service users per 1,000 population")
            .numerator(Measure.SERVICE_USERS, "distinct people with a service event starting in the period (same "
                    + "client group)")
            .denominator(Measure.POPULATION, "population")
            .statistic(Statistic.CRUDE_RATE, 1000, "per 1,000", "Byar (exact Poisson < 10)")
            .deciles().base(Base.SERVICES).shortName("Service users per 1,000")),
    SERVICE_EVENTS_RATE(define("service_events_rate", "Service events per 1,000 population")
            .numerator(Measure.SERVICE_EVENTS, "service events starting in the period")
            .denominator(Measure.POPULATION, "population")
            .statistic(Statistic.CRUDE_RATE, 1000, "per 1,000", "Byar (exact Poisson < 10)")
            .base(Base.SERVICES).shortName("Service events per 1,000")),
    COST_PER_HEAD(define("cost_per_head", "Cost of services per head of population")
            .numerator(Measure.COST, "total cost of events starting in the period")
            .denominator(Measure.POPULATION, "population")
            .statistic(Statistic.PER_HEAD, 1, "£ per head", "none")
            .base(Base.SERVICES).shortName("Cost per head, £")),
    COST_PER_USER(define("cost_per_user", "Cost of services per service user")
            .numerator(Measure.USER_COSTS, "total cost per distinct service user")
            .denominator(Measure.USER_COSTS, "service users")
            .statistic(Statistic.MEAN, 1, "£ mean", "Student's t-distribution")
            .base(Base.SERVICES).shortName("Cost per service user, £")),
    FUNDER_SHARE_PCT(define("funder_share_pct", "Share of cost by funder")
            .numerator(Measure.COST_BY_FUNDER, "cost by funder")
            .denominator(Measure.COST_WITH_KNOWN_FUNDER, "total cost with a known funder")
            .statistic(Statistic.SHARE, 100, "%", "none")
            .categories("funder").base(Base.SERVICES).shortName("Cost by funder, %")),
    WAIT_DAYS_MEDIAN(define("wait_days_median", "Median days from referral to first service")
            .numerator(Measure.WAITS, "days from referral to the first linked service event")
            .denominator(Measure.WAITS, "referrals with a linked event")
            .statistic(Statistic.MEDIAN, 1, "median days", "none")
            .base(Base.REFERRALS).shortName("Wait to first service, median days")),
    WAIT_DAYS_P90(define("wait_days_p90", "90th percentile of days from referral to first service")
            .numerator(Measure.WAITS, "days from referral to the first linked service event")
            .denominator(Measure.WAITS, "referrals with a linked event")
            .statistic(Statistic.P90, 1, "90th percentile days (nearest-rank)", "none")
            .base(Base.REFERRALS).shortName("Wait to first service, 90th centile days"));

    public final String id;
    public final String label;
    /** The numerator and denominator in words, and the measures they are made of. */
    public final String numerator;
    public final String denominator;
    public final Measure numeratorMeasure;
    public final Measure denominatorMeasure;
    /** How the value and its limits are computed, the multiplier of a rate or percentage. */
    public final Statistic statistic;
    public final double multiplier;
    public final String unit;
    /** The method of the catalogue (a row's own method may be narrower: Exact or Byars). */
    public final String method;
    /** True when the indicator also has deprivation-decile rows (and inequality measures). */
    public final boolean decile;
    /** The category_type of a category indicator (its numerator is split by categories), or null. */
    public final String categoryType;
    public final String polarity = "none";
    /** The records the indicator counts: indicators of one base share their disclosure pattern (docs/disclosure.md). */
    public final Base base;
    /** What the {@code count} column holds. */
    public final Quantity countKind;
    /** What the {@code denominator} column holds. */
    public final Quantity denominatorKind;
    /** A short label for crowded axes and tables. */
    public final String shortName;

    Indicator(Definition d) {
        this.id = d.id;
        this.label = d.label;
        this.numerator = d.numeratorText;
        this.denominator = d.denominatorText;
        this.numeratorMeasure = d.numerator;
        this.denominatorMeasure = d.denominator;
        this.statistic = d.statistic;
        this.multiplier = d.multiplier;
        this.unit = d.unit;
        this.method = d.method;
        this.decile = d.decile;
        this.categoryType = d.categoryType;
        this.base = d.base;
        this.countKind = quantity(d.numerator);
        this.denominatorKind = d.denominator == d.numerator && d.numerator.kind == Measure.Kind.VALUES
                ? Quantity.COUNT : quantity(d.denominator);
        this.shortName = d.shortName;
    }

    /** The categories of a category indicator (data.md's code list), or an empty list. */
    public List<String> categories() {
        return numeratorMeasure.categories == null ? List.of() : numeratorMeasure.categories;
    }

    private static Quantity quantity(Measure m) {
        return switch (m.kind) {
            case MONEY -> Quantity.MONEY;
            case POPULATION, BANDS -> m == Measure.POPULATION || m == Measure.POPULATION_BY_BAND ? Quantity.POPULATION
                    : Quantity.COUNT;
            case VALUES -> m == Measure.USER_COSTS ? Quantity.MONEY : Quantity.COUNT;
            default -> Quantity.COUNT;
        };
    }

    private static Definition define(String id, String label) {
        return new Definition(id, label);
    }

    /** The parts of a definition, named as they are given. */
    private static final class Definition {
        final String id;
        final String label;
        String numeratorText;
        String denominatorText;
        Measure numerator;
        Measure denominator;
        Statistic statistic;
        double multiplier;
        String unit;
        String method;
        boolean decile;
        String categoryType;
        Base base;
        String shortName;

        Definition(String id, String label) {
            this.id = id;
            this.label = label;
        }

        Definition numerator(Measure m, String text) {
            numerator = m;
            numeratorText = text;
            return this;
        }

        Definition denominator(Measure m, String text) {
            denominator = m;
            denominatorText = text;
            return this;
        }

        Definition statistic(Statistic s, double multiplier, String unit, String method) {
            this.statistic = s;
            this.multiplier = multiplier;
            this.unit = unit;
            this.method = method;
            return this;
        }

        Definition deciles() {
            decile = true;
            return this;
        }

        Definition categories(String type) {
            categoryType = type;
            return this;
        }

        Definition base(Base b) {
            base = b;
            return this;
        }

        Definition shortName(String name) {
            shortName = name;
            return this;
        }
    }

    /** The input records behind an indicator. */
    public enum Base {
        REFERRALS, SERVICES
    }

    /** What a count or denominator column holds: records or people, pounds, or residents (public). */
    public enum Quantity {
        COUNT, MONEY, POPULATION
    }


    /** A column of an indicator row that holds a count or an amount. */
    public enum Column {
        COUNT, DENOMINATOR
    }

    /** One column of one indicator (at a given period, client group and place). */
    public record Cell(Indicator indicator, Column column) {
    }

    /**
     * A fact that holds between indicators of one base at the same period, client group and place
     * (locality, {@code Unknown} or {@code All}) by their definitions: the sum of the {@code left}
     * cells is at most the {@code right} cell, or equal to it when {@code exact}. With
     * {@code areaOnly} it holds for the {@code All} row only (people are placed by their first record,
     * so a person's other records may lie in another locality). Disclosure control uses them as an
     * intruder would, to bound hidden counts from published ones.
     */
    public record Relation(List<Cell> left, Cell right, boolean exact, boolean areaOnly) {
    }

    private static Cell count(Indicator i) {
        return new Cell(i, Column.COUNT);
    }

    private static Cell den(Indicator i) {
        return new Cell(i, Column.DENOMINATOR);
    }

    private static Relation atMost(Cell left, Cell right) {
        return new Relation(List.of(left), right, false, false);
    }

    private static Relation same(Cell left, Cell right) {
        return new Relation(List.of(left), right, true, false);
    }

    /**
     * Users with a known cost are at most the users. Its slacks at {@code All} (users none of whose events in the
     * period and client group has a known cost) add up to at most data-quality.csv's events of unknown cost.
     */
    public static final Relation USERS_WITH_A_KNOWN_COST = atMost(den(COST_PER_USER), count(SERVICE_USERS_RATE));

    /** The relations between indicators of one base (see {@link Relation}). */
    public static final List<Relation> RELATIONS = List.of(
            atMost(count(REFERRALS_DSR), count(REFERRALS_RATE)), // in-range referrals
            atMost(den(REFERRAL_SOURCE_PCT), count(REFERRALS_RATE)), // referrals with a known source
            atMost(den(REFERRAL_CONVERSION_PCT), count(REFERRALS_RATE)),
            atMost(count(REFERRAL_CONVERSION_PCT), den(REFERRAL_CONVERSION_PCT)),
            atMost(den(REPEAT_REFERRAL_PCT), count(REFERRALS_RATE)), // a person placed here has a referral here
            atMost(count(REPEAT_REFERRAL_PCT), den(REPEAT_REFERRAL_PCT)),
            new Relation(List.of(den(REPEAT_REFERRAL_PCT), count(REPEAT_REFERRAL_PCT)), count(REFERRALS_RATE), false,
                    true), // every repeat person has two referrals or more
            atMost(count(WAIT_DAYS_MEDIAN), count(REFERRALS_RATE)), // referrals with a linked event
            same(count(WAIT_DAYS_MEDIAN), count(WAIT_DAYS_P90)),
            same(den(WAIT_DAYS_MEDIAN), count(WAIT_DAYS_MEDIAN)),
            same(den(WAIT_DAYS_P90), count(WAIT_DAYS_P90)),
            atMost(count(SERVICE_USERS_RATE), count(SERVICE_EVENTS_RATE)), // a user placed here has an event here
            USERS_WITH_A_KNOWN_COST,
            atMost(den(FUNDER_SHARE_PCT), count(COST_PER_HEAD)), // cost with a known funder
            new Relation(List.of(count(COST_PER_USER)), count(COST_PER_HEAD), true, true)); // all known cost

    /**
     * Pairs of a count of people ({@code left}) and the count of their records ({@code right}) that are 0
     * together at the {@code All} row of one period and client group: every record has a person (person_id is
     * required), and every person counted there has a record there. (At a locality a person's records may lie
     * elsewhere: people are placed by their first record.) An intruder reads a published 0 of either as the
     * other's 0, and a record as at least one person.
     */
    public static final List<Relation> ZERO_TOGETHER = List.of(
            new Relation(List.of(den(REPEAT_REFERRAL_PCT)), count(REFERRALS_RATE), false, true), // people referred
            new Relation(List.of(count(SERVICE_USERS_RATE)), count(SERVICE_EVENTS_RATE), false, true)); // users

    /**
     * A count that data-quality.csv and manifest.json publish for an input file and that is the sum,
     * over every period and client group, of one indicator's count at one place.
     *
     * @param indicator the indicator whose counts add up to it
     * @param place {@code All} or {@code Unknown}
     * @param role the input file ({@code referrals} or {@code services})
     * @param items the data-quality items that give the sum away (withheld when it would reveal a
     *        suppressed count)
     */
    public record FileTotal(Indicator indicator, String place, String role, List<String> items) {
    }

    /**
     * The file totals (docs/disclosure.md): each file's rows used (less those outside --from/--to; rows
     * read less rows rejected gives it too) is the sum of the {@code All} counts of
     * {@code referrals_rate} (referrals.csv) and {@code service_events_rate} (services.csv); its records
     * with an empty or unknown area the sum of their {@code Unknown} counts; and the referrals with an
     * age outside their group are the {@code All} referrals less the {@code All} in-range referrals, so
     * the sum of {@code referrals_dsr}'s {@code All} counts is known too.
     */
    public static final List<FileTotal> FILE_TOTALS = List.of(
            new FileTotal(REFERRALS_RATE, "All", "referrals", List.of("rows_read", "rows_used")),
            new FileTotal(REFERRALS_RATE, "Unknown", "referrals", List.of("unknown_area", "empty_area")),
            new FileTotal(SERVICE_EVENTS_RATE, "All", "services", List.of("rows_read", "rows_used")),
            new FileTotal(SERVICE_EVENTS_RATE, "Unknown", "services", List.of("unknown_area", "empty_area")),
            new FileTotal(REFERRALS_DSR, "All", "referrals", List.of("age_outside_group")));

    /** The file total whose sum the plain row of {@code ind} at {@code locality} is part of, or null. */
    public static FileTotal fileTotal(Indicator ind, String locality) {
        for (FileTotal t : FILE_TOTALS) {
            if (t.indicator() == ind && t.place().equals(locality)) {
                return t;
            }
        }
        return null;
    }

    /** True when the plain row of {@code ind} at {@code locality} is a member of a file total. */
    public static boolean inFileTotal(Indicator ind, String locality) {
        return fileTotal(ind, locality) != null;
    }

    /**
     * The indicator that stands for its base in disclosure control: the count of the records
     * themselves (referrals; people using services), which the other indicators of the base count
     * subsets of or amounts about. The first indicator of the base in catalogue order.
     */
    public static Indicator lead(Base base) {
        for (Indicator i : values()) {
            if (i.base == base) {
                return i;
            }
        }
        throw new IllegalArgumentException("no indicator of base " + base);
    }

    public static Indicator byId(String id) {
        for (Indicator i : values()) {
            if (i.id.equals(id)) {
                return i;
            }
        }
        throw new IllegalArgumentException("unknown indicator: " + id);
    }
}
