package org.jsna.aggregate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.jsna.input.AreaTable;
import org.jsna.input.ClientGroup;
import org.jsna.input.CodeLists;
import org.jsna.input.PopulationBatch;
import org.jsna.input.RecordBatch;
import org.jsna.input.ReferralBatch;
import org.jsna.input.ServiceBatch;

/** Feeds hand-made records into an {@link Aggregator}, one record per batch, as a reader would hand them on. */
public final class Fixture {
    public static final ClientGroup MH = new ClientGroup("mental_health", "Mental health", 18, 64);
    public static final ClientGroup OP = new ClientGroup("older_people", "Older people", 65, ClientGroup.OPEN);

    public final Aggregator agg;
    private final List<ClientGroup> groups;
    private final List<String> codes = new ArrayList<>();
    private final List<String> localities = new ArrayList<>();
    private final List<Byte> deciles = new ArrayList<>();
    private boolean areasGiven;
    private int refIndex;
    private int evIndex;

    public Fixture(List<ClientGroup> groups, PeriodScheme scheme, LocalDate from, LocalDate to) {
        this.groups = groups;
        agg = new Aggregator(groups, null, scheme, from, to);
    }

    public Fixture() {
        this(List.of(MH, OP), PeriodScheme.FISCAL_YEAR, null, null);
    }

    public Fixture area(String code, String locality, int decile) {
        if (areasGiven) {
            throw new IllegalStateException("areas come before every other record");
        }
        codes.add(code);
        localities.add(locality);
        deciles.add((byte) decile);
        return this;
    }

    private void giveAreas() {
        if (!areasGiven) {
            areasGiven = true;
            byte[] d = new byte[deciles.size()];
            for (int i = 0; i < d.length; i++) {
                d[i] = deciles.get(i);
            }
            List<String> names = new ArrayList<>();
            codes.forEach(c -> names.add(null));
            agg.areas(new AreaTable(List.copyOf(codes), List.copyOf(localities), d, names));
        }
    }

    private int areaOf(String code) {
        if (code == null || code.isEmpty()) {
            return RecordBatch.AREA_EMPTY;
        }
        int a = codes.indexOf(code);
        return a < 0 ? RecordBatch.AREA_UNKNOWN : a;
    }

    private int groupOf(String id) {
        for (int g = 0; g < groups.size(); g++) {
            if (groups.get(g).id().equals(id)) {
                return g;
            }
        }
        throw new IllegalArgumentException("no client group " + id);
    }

    public Fixture pop(String code, char sex, int low, int high, int year, long people) {
        giveAreas();
        PopulationBatch b = new PopulationBatch("population.csv", 1);
        int a = codes.indexOf(code);
        if (a < 0) {
            b.rowsOutsideLookup = 1;
        } else {
            int i = b.next();
            b.area[i] = a;
            b.sex[i] = (byte) (sex == 'M' ? 1 : 0);
            b.ageLow[i] = (byte) low;
            b.ageHigh[i] = (byte) high;
            b.year[i] = year;
            b.population[i] = people;
        }
        agg.population(b);
        return this;
    }

    /** Adds a referral and returns its index. */
    public int referral(int person, String date, String group, String areaCode, int age, String source,
            String outcome) {
        giveAreas();
        ReferralBatch b = new ReferralBatch(1);
        int i = b.next();
        b.referral[i] = refIndex++;
        b.date[i] = (int) LocalDate.parse(date).toEpochDay();
        b.group[i] = (byte) groupOf(group);
        b.area[i] = areaOf(areaCode);
        b.age[i] = (byte) Math.min(age, 120);
        b.sex[i] = 0;
        b.source[i] = (byte) CodeLists.index(CodeLists.SOURCES, source);
        b.outcome[i] = (byte) CodeLists.index(CodeLists.OUTCOMES, outcome);
        id(b, "R", b.referral[i], person);
        agg.referrals(b);
        return b.referral[i];
    }

    /** Adds an event; referral -1 none, -2 an id not found. */
    public void event(int person, String start, String group, String areaCode, int age, double cost, String funder,
            int referral) {
        giveAreas();
        ServiceBatch b = new ServiceBatch(1);
        int i = b.next();
        b.event[i] = evIndex++;
        b.start[i] = (int) LocalDate.parse(start).toEpochDay();
        b.group[i] = (byte) groupOf(group);
        b.area[i] = areaOf(areaCode);
        b.age[i] = (byte) Math.min(age, 120);
        b.cost[i] = cost;
        b.funder[i] = (byte) CodeLists.index(CodeLists.FUNDERS, funder);
        b.referral[i] = referral >= 0 ? referral : referral == -2 ? ServiceBatch.REFERRAL_NOT_FOUND
                : ServiceBatch.NO_REFERRAL;
        id(b, "E", b.event[i], person);
        agg.services(b);
    }

    /**
     * Gives the batch's one record an id and its person's: the record's index scrambled into base 36, so that the
     * ids' ordinal order (which breaks a person's ties, as "R1a" &lt; "R9") is not the order the records were added
     * in; the person as "P" and its number.
     */
    private static void id(RecordBatch b, String kind, int index, int person) {
        byte[] id = (kind + Long.toString((index * 2654435761L) & 0x7fffffffL, 36))
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        b.ids.room(1, id.length);
        b.ids.set(0, id, 0, id.length);
        byte[] p = ("P" + person).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        b.persons.room(1, p.length);
        b.persons.set(0, p, 0, p.length);
    }
}
