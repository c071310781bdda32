package org.jsna.aggregate;

import java.time.LocalDate;
import java.util.List;
import org.jsna.input.AreaRecord;
import org.jsna.input.ClientGroup;
import org.jsna.input.PopulationRecord;
import org.jsna.input.ReferralRecord;
import org.jsna.input.ServiceRecord;

/** Feeds hand-made records into an {@link Aggregator}, reusing record instances as a reader would. */
public final class Fixture {
    public static final ClientGroup MH = new ClientGroup("mental_health", "Mental health", 18, 64);
    public static final ClientGroup OP = new ClientGroup("older_people", "Older people", 65, ClientGroup.OPEN);

    public final Aggregator agg;
    private final AreaRecord area = new AreaRecord();
    private final PopulationRecord pop = new PopulationRecord();
    private final ReferralRecord ref = new ReferralRecord();
    private final ServiceRecord ev = new ServiceRecord();
    private int refIndex;
    private int evIndex;

    public Fixture(List<ClientGroup> groups, PeriodScheme scheme, LocalDate from, LocalDate to) {
        agg = new Aggregator(groups, null, scheme, from, to);
    }

    public Fixture() {
        this(List.of(MH, OP), PeriodScheme.FISCAL_YEAR, null, null);
    }

    public Fixture area(String code, String locality, int decile) {
        area.areaCode = code;
        area.locality = locality;
        area.imdDecile = decile;
        agg.area(area);
        return this;
    }

    public Fixture pop(String code, char sex, int low, int high, int year, long people) {
        pop.areaCode = code;
        pop.sex = sex;
        pop.ageLow = low;
        pop.ageHigh = high;
        pop.year = year;
        pop.population = people;
        agg.population(pop);
        return this;
    }

    /** Adds a referral and returns its index. */
    public int referral(int person, String date, String group, String areaCode, int age, String source,
            String outcome) {
        ref.referralIndex = refIndex++;
        ref.personIndex = person;
        ref.date = (int) LocalDate.parse(date).toEpochDay();
        ref.clientGroup = group;
        ref.areaCode = areaCode;
        ref.sex = 'F';
        ref.age = age;
        ref.source = source;
        ref.outcome = outcome;
        agg.referral(ref);
        return ref.referralIndex;
    }

    /** Adds an event; referral -1 none, -2 an id not found. */
    public void event(int person, String start, String group, String areaCode, int age, double cost, String funder,
            int referral) {
        ev.eventIndex = evIndex++;
        ev.personIndex = person;
        ev.startDate = (int) LocalDate.parse(start).toEpochDay();
        ev.clientGroup = group;
        ev.serviceType = "home_care";
        ev.areaCode = areaCode;
        ev.sex = 'F';
        ev.age = age;
        ev.cost = cost;
        ev.funder = funder;
        ev.referralIndex = referral >= 0 ? referral : -1;
        ev.referralIdNotFound = referral == -2;
        agg.service(ev);
    }
}
