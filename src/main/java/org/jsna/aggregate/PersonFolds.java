package org.jsna.aggregate;

import java.util.Arrays;
import java.util.List;
import java.util.function.IntUnaryOperator;
import org.jsna.input.ClientGroup;
import org.jsna.input.CodeLists;
import org.jsna.stats.Dsr;

/**
 * The person-level folds of {@link Aggregator#finish()}: referrals, service events and waits into a
 * {@link CountCube}, from one set of records ({@link Records}) at a time — all of them, or one partition of
 * the people after another ({@link Spill}). Counts go straight into the cube; money is summed exactly, each
 * service user's total cost is collected and each wait counted per whole days, and {@link #finish()} puts
 * them into the cube sorted, so the cube does not depend on how the people were partitioned or numbered.
 */
final class PersonFolds {

    private static final int ONGOING = CodeLists.OUTCOMES.indexOf(CodeLists.ONGOING);
    private static final int SERVICE_PROVIDED = CodeLists.OUTCOMES.indexOf(CodeLists.SERVICE_PROVIDED);

    private final List<ClientGroup> groups;
    /** A date's period in the cube (-1: not reported). */
    private final IntUnaryOperator periodOf;
    /** An area's locality slot (Unknown for -1), and its decile slot (-1 none). */
    private final IntUnaryOperator slot;
    private final IntUnaryOperator decileSlot;
    /** Per referral slot: the earliest start of an event carrying its id, on or after its date. */
    private final GrowableArrays.Days firstLinked;

    private final CountCube c;
    private final int nf = CodeLists.FUNDERS.size();
    private final ExactMoney[] cost;
    private final ExactMoney[] funderCost;
    private final ExactMoney[] funderTotal;
    /** Per cube cell: the service users' total costs (exact moments). */
    private final UserCosts[] totals;
    /** (cell, days) of each wait. */
    private final GrowableArrays.Longs waits = new GrowableArrays.Longs();
    /**
     * The waits of the sets folded so far, as a count per (cell, days): sorted keys and their counts. Waits are
     * whole days, so each cell's median and 90th percentile come from these as from the list of every wait,
     * in the memory of the distinct days rather than of every referral.
     */
    private long[] waitKeys = new long[0];
    /**
     * What the three folds of a set of records work in (each fold its own), kept for the next set: a spilled run
     * folds 64 partitions one after another, and these arrays, made anew for each, were most of its garbage.
     */
    private int[] refOrder = new int[0];
    private int[] refPeriod = new int[0];
    private int[] evOrder = new int[0];
    private int[] evPeriod = new int[0];
    private int[] freeEvents = new int[0];
    private final IndexSort.Work refWork = new IndexSort.Work();
    private final IndexSort.Work evWork = new IndexSort.Work();
    private final IndexSort.Work freeWork = new IndexSort.Work();
    private long[] waitCounts = new long[0];
    private int waitN;

    PersonFolds(CountCube c, List<ClientGroup> groups, IntUnaryOperator period, IntUnaryOperator slot,
            IntUnaryOperator decileSlot, GrowableArrays.Days firstLinked) {
        this.c = c;
        this.groups = groups;
        this.periodOf = period;
        this.slot = slot;
        this.decileSlot = decileSlot;
        this.firstLinked = firstLinked;
        cost = money(c.groups());
        funderCost = money(c.groups() * nf);
        funderTotal = money(c.groups());
        totals = new UserCosts[c.groups()];
    }

    private void userTotal(int g, double value) {
        if (totals[g] == null) {
            totals[g] = new UserCosts();
        }
        totals[g].add(value);
    }

    /** Into the cube: the sums, each cell's users' totals and its waits sorted. */
    void finish() {
        for (int g = 0; g < c.groups(); g++) {
            c.cost[g] = cost[g].value();
            c.funderTotal[g] = funderTotal[g].value();
            for (int f = 0; f < nf; f++) {
                c.funderCost[g * nf + f] = funderCost[g * nf + f].value();
            }
            // each user's total once per cell, as exact moments: the same whatever the order the people were
            // numbered or partitioned in
            c.userCosts[g] = totals[g] == null ? new UserCosts() : totals[g];
        }
        countWaits();
        int i = 0;
        int[] empty = new int[0];
        Arrays.fill(c.waitDays, empty);
        Arrays.fill(c.waitCounts, new long[0]);
        while (i < waitN) {
            int g = (int) (waitKeys[i] >>> 32);
            int j = i;
            while (j < waitN && (int) (waitKeys[j] >>> 32) == g) {
                j++;
            }
            int[] days = new int[j - i];
            long[] counts = new long[j - i];
            for (int q = i; q < j; q++) {
                days[q - i] = (int) (waitKeys[q] & 0xFFFFFFFFL);
                counts[q - i] = waitCounts[q];
            }
            c.waitDays[g] = days;
            c.waitCounts[g] = counts;
            i = j;
        }
    }

    /** Adds the waits of the set just folded to the counts per (cell, days), and lets them go. */
    private void countWaits() {
        long[] sorted = waits.sorted();
        waits.size = 0;
        // the new waits' distinct keys and counts, in place
        int m = 0;
        long[] counts = new long[sorted.length];
        for (int i = 0; i < sorted.length; i++) {
            if (m > 0 && sorted[m - 1] == sorted[i]) {
                counts[m - 1]++;
            } else {
                sorted[m] = sorted[i];
                counts[m++] = 1;
            }
        }
        // merged into those so far from the back, in their own arrays (grown by half when full): first how many
        // keys the merge gives, then each written in its place
        int n = 0;
        for (int a = 0, b = 0; a < waitN || b < m; n++) {
            if (b == m || (a < waitN && waitKeys[a] < sorted[b])) {
                a++;
            } else if (a == waitN || sorted[b] < waitKeys[a]) {
                b++;
            } else {
                a++;
                b++;
            }
        }
        if (n > waitKeys.length) {
            int cap = (int) Math.min(Integer.MAX_VALUE - 8, Math.max(n, waitKeys.length + (long) waitKeys.length / 2));
            waitKeys = Arrays.copyOf(waitKeys, cap);
            waitCounts = Arrays.copyOf(waitCounts, cap);
        }
        int a = waitN - 1;
        int b = m - 1;
        for (int k = n - 1; k >= 0; k--) {
            if (b < 0 || (a >= 0 && waitKeys[a] > sorted[b])) {
                waitKeys[k] = waitKeys[a];
                waitCounts[k] = waitCounts[a--];
            } else if (a < 0 || sorted[b] > waitKeys[a]) {
                waitKeys[k] = sorted[b];
                waitCounts[k] = counts[b--];
            } else {
                waitKeys[k] = sorted[b];
                waitCounts[k] = waitCounts[a--] + counts[b--];
            }
        }
        waitN = n;
    }

    /**
     * Folds one set of records (all of them, or one partition of the people, {@code persons} of them
     * numbered from 0) into the cube and what {@link #finish()} completes.
     */
    void fold(Records r, int persons) {
        // the referral folds, the event folds and the waits write different parts of the cube and only read the
        // records, so they run side by side; the referral folds and the waits share the referrals' order
        java.util.concurrent.CompletableFuture<int[]> order = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> refOrder = byPersonGroupDate(r.referrals(), persons, r.refPerson, r.refGroup, r.refDate, r.refId,
                        refOrder, refWork));
        java.util.concurrent.CompletableFuture<Void> referrals = order.thenAcceptAsync(
                idx -> foldReferrals(r, idx));
        java.util.concurrent.CompletableFuture<Void> waits = order.thenAcceptAsync(
                idx -> foldWaits(r, idx, persons));
        foldEvents(r, persons);
        Tasks.joined(referrals);
        Tasks.joined(waits);
        countWaits();
    }

    /** The referral folds; {@code idx}: the referrals by person, client group, date, then smallest id. */
    private void foldReferrals(Records r, int[] idx) {
        int n = r.referrals();
        int all = c.allSlot();
        int ns = CodeLists.SOURCES.size();
        int[] period = refPeriod = room(refPeriod, n);
        for (int i = 0; i < n; i++) {
            period[i] = periodOf.applyAsInt(r.refDate.get(i));
            int p = period[i];
            if (p < 0) {
                continue;
            }
            int ci = r.refGroup.get(i);
            int area = r.refArea.get(i);
            int age = r.refAge.get(i);
            boolean inRange = groups.get(ci).contains(age);
            int src = r.refSource.get(i);
            int out = r.refOutcome.get(i);
            int ds = decileSlot.applyAsInt(area);
            int home = slot.applyAsInt(area);
            if (c.cellReferrals != null && inRange) {
                c.cellReferrals[(c.group(p, ci, home) * 3 + r.refSex.get(i)) * 19 + Dsr.esp2013Band(age)]++;
            }
            for (int s : new int[] {home, all, ds}) {
                if (s < 0) {
                    continue;
                }
                int g = c.group(p, ci, s);
                c.referrals[g]++;
                if (inRange) {
                    c.dsrCount[g * 19 + Dsr.esp2013Band(age)]++;
                }
                if (src >= 0) {
                    c.sourceCount[g * ns + src]++;
                    c.sourceKnown[g]++;
                }
                if (out >= 0 && out != ONGOING) {
                    c.conversionDenominator[g]++;
                    if (out == SERVICE_PROVIDED) {
                        c.converted[g]++;
                    }
                }
            }
        }
        // people: sorted by person, client group, date, then smallest referral id (ordinal)
        int i = 0;
        while (i < n) {
            int first = idx[i];
            int j = i;
            int count = 0;
            while (j < n && r.refPerson.get(idx[j]) == r.refPerson.get(first)
                    && r.refGroup.get(idx[j]) == r.refGroup.get(first) && period[idx[j]] == period[first]) {
                count++;
                j++;
            }
            int p = period[first];
            if (p >= 0) {
                int ci = r.refGroup.get(first);
                for (int s : new int[] {slot.applyAsInt(r.refArea.get(first)), all}) {
                    int g = c.group(p, ci, s);
                    c.referredPeople[g]++;
                    if (count >= 2) {
                        c.repeatPeople[g]++;
                    }
                }
            }
            i = j;
        }
    }

    private void foldEvents(Records r, int persons) {
        int n = r.events();
        int all = c.allSlot();
        int[] period = evPeriod = room(evPeriod, n);
        // money is summed exactly in decimal, so sums do not depend on row order and show no binary noise
        for (int i = 0; i < n; i++) {
            period[i] = periodOf.applyAsInt(r.evStart.get(i));
            int p = period[i];
            if (p < 0) {
                continue;
            }
            int ci = r.evGroup.get(i);
            int area = r.evArea.get(i);
            double amount = r.evCost.get(i);
            int fu = r.evFunder.get(i);
            boolean known = !Double.isNaN(amount);
            int age = r.evAge.get(i);
            if (c.cellEvents != null && groups.get(ci).contains(age)) {
                c.cellEvents[(c.group(p, ci, slot.applyAsInt(area)) * 3 + r.evSex.get(i)) * 19
                        + Dsr.esp2013Band(age)]++;
            }
            for (int twice = 0; twice < 2; twice++) {
                int g = c.group(p, ci, twice == 0 ? slot.applyAsInt(area) : all);
                c.events[g]++;
                if (known) {
                    cost[g].add(amount);
                    if (fu >= 0) {
                        funderCost[g * nf + fu].add(amount);
                        funderTotal[g].add(amount);
                    }
                }
            }
        }
        int[] idx = evOrder = byPersonGroupDate(n, persons, r.evPerson, r.evGroup, r.evStart, r.evId, evOrder,
                evWork);
        int slots = c.slots();
        // stamps mark (slot, funder or 'any cost' or 'known funder total') already counted for this run
        int[] stamp = new int[slots * (nf + 2)];
        Arrays.fill(stamp, -1);
        int run = 0;
        int i = 0;
        ExactMoney total = new ExactMoney();
        while (i < n) {
            int first = idx[i];
            int j = i;
            while (j < n && r.evPerson.get(idx[j]) == r.evPerson.get(first)
                    && r.evGroup.get(idx[j]) == r.evGroup.get(first) && period[idx[j]] == period[first]) {
                j++;
            }
            int p = period[first];
            if (p >= 0) {
                int ci = r.evGroup.get(first);
                int home = slot.applyAsInt(r.evArea.get(first));
                int ds = decileSlot.applyAsInt(r.evArea.get(first));
                for (int s : new int[] {home, all, ds}) {
                    if (s >= 0) {
                        c.serviceUsers[c.group(p, ci, s)]++;
                    }
                }
                int age = r.evAge.get(first);
                if (c.cellUsers != null && groups.get(ci).contains(age)) {
                    // placed, like the user count, by the period's first event: locality, sex and age
                    c.cellUsers[(c.group(p, ci, home) * 3 + r.evSex.get(first)) * 19 + Dsr.esp2013Band(age)]++;
                }
                total.reset();
                boolean anyCost = false;
                for (int k = i; k < j; k++) {
                    int e = idx[k];
                    double amount = r.evCost.get(e);
                    if (Double.isNaN(amount)) {
                        continue;
                    }
                    anyCost = true;
                    total.add(amount);
                    int fu = r.evFunder.get(e);
                    for (int twice = 0; twice < 2; twice++) {
                        int s = twice == 0 ? slot.applyAsInt(r.evArea.get(e)) : all;
                        int g = c.group(p, ci, s);
                        if (stamp[s * (nf + 2) + nf] != run) {
                            stamp[s * (nf + 2) + nf] = run;
                            c.costPeople[g]++;
                        }
                        if (fu >= 0) {
                            if (stamp[s * (nf + 2) + fu] != run) {
                                stamp[s * (nf + 2) + fu] = run;
                                c.funderPeople[g * nf + fu]++;
                            }
                            if (stamp[s * (nf + 2) + nf + 1] != run) {
                                stamp[s * (nf + 2) + nf + 1] = run;
                                c.funderTotalPeople[g]++;
                            }
                        }
                    }
                }
                if (anyCost) {
                    for (int s : new int[] {home, all}) {
                        userTotal(c.group(p, ci, s), total.value());
                    }
                }
            }
            run++;
            i = j;
        }
    }

    private static ExactMoney[] money(int n) {
        ExactMoney[] m = new ExactMoney[n];
        for (int i = 0; i < n; i++) {
            m[i] = new ExactMoney();
        }
        return m;
    }

    /** The waits; {@code order}: the referrals by person, client group, date, then smallest id. */
    private void foldWaits(Records r, int[] order, int persons) {
        int nr = r.referrals();
        int ne = r.events();
        // events without a referral id, sorted by person, client group, start
        int unlinked = 0;
        for (int e = 0; e < ne; e++) {
            unlinked += r.evFree.get(e);
        }
        int[] free = freeEvents = room(freeEvents, unlinked);
        int k = 0;
        for (int e = 0; e < ne; e++) {
            if (r.evFree.get(e) != 0) {
                free[k++] = e;
            }
        }
        IndexSort.byPerson(free, unlinked, r.evPerson, persons, (a, b) -> {
            int x = Integer.compare(r.evGroup.get(a), r.evGroup.get(b));
            return x != 0 ? x : Integer.compare(r.evStart.get(a), r.evStart.get(b));
        }, freeWork);
        int all = c.allSlot();
        // the referrals and the free events in one order (person, client group, date): the first free event
        // with a key >= the referral's only moves forward, so one walk through both finds every referral's
        int lo = 0;
        for (int q = 0; q < nr; q++) {
            int ref = order[q];
            int d = r.refDate.get(ref);
            int person = r.refPerson.get(ref);
            int group = r.refGroup.get(ref);
            while (lo < unlinked && compareEvent(r, person, group, d, free[lo]) > 0) {
                lo++;
            }
            int p = periodOf.applyAsInt(d);
            if (p < 0) {
                continue;
            }
            // the earliest event carrying the referral's id, on or after its date (found while reading)
            int best = firstLinked.get(r.refSlot.get(ref));
            if (lo < unlinked) {
                int e = free[lo];
                if (r.evPerson.get(e) == person && r.evGroup.get(e) == group && r.evStart.get(e) - d <= 365) {
                    best = Math.min(best, r.evStart.get(e));
                }
            }
            if (best == Integer.MAX_VALUE) {
                continue;
            }
            int days = best - d;
            for (int s : new int[] {slot.applyAsInt(r.refArea.get(ref)), all}) {
                waits.add(((long) c.group(p, group, s) << 32) | days);
            }
        }
    }

    /** Compares (person, group, start) with event e's. */
    private static int compareEvent(Records r, int person, int group, int start, int e) {
        int x = Integer.compare(person, r.evPerson.get(e));
        if (x == 0) {
            x = Integer.compare(group, r.evGroup.get(e));
        }
        if (x == 0) {
            x = Integer.compare(start, r.evStart.get(e));
        }
        return x;
    }

    /** An array of at least n places: {@code a} when it has them. */
    private static int[] room(int[] a, int n) {
        return a.length >= n ? a : new int[n];
    }

    /**
     * Record indices 0..n-1 sorted by person, client group, date, then identifier order, in the first n places of
     * {@code reuse} when it has them (else of a new array, returned).
     */
    private static int[] byPersonGroupDate(int n, int persons, GrowableArrays.Ints person, GrowableArrays.Bytes group,
            GrowableArrays.Ints date, GrowableArrays.Texts ids, int[] reuse, IndexSort.Work work) {
        int[] idx = IndexSort.identity(n, reuse);
        IndexSort.byPerson(idx, n, person, persons, (a, b) -> {
            int x = Integer.compare(group.get(a), group.get(b));
            if (x == 0) {
                x = Integer.compare(date.get(a), date.get(b));
            }
            if (x == 0) {
                x = ids.compare(a, b);
            }
            return x;
        }, work);
        return idx;
    }
}
