package org.jsna.indicators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The audit's propagation itself (the attack tests cover what it finds). */
class DisclosureAuditTest {

    /**
     * Published £0s beside amounts of billions: the sum's rounding put a £0's lower bound at 3.8e-6, which the
     * bound then "moved" back to 0 every pass, so each propagation ran all 500 passes (a helper's council with
     * service costs of £1.2 million: 18 s of trials instead of 0.8 s). A bound moves only when it really does.
     * (The amounts were found by simulating the propagation's arithmetic.)
     */
    @Test
    void publishedZerosBesideLargeAmountsEndThePropagation() {
        double[] amounts = {0, 0, 19_096_325_486.27, 4_365_543_504.73, 940_695_844.01, 0};
        IndicatorRow[] table = new IndicatorRow[amounts.length + 1];
        double sum = 0;
        for (int i = 0; i < amounts.length; i++) {
            table[i] = DisclosureTest.row("cost_per_head", "L" + i, "", "", 0);
            table[i].count = amounts[i];
            sum += amounts[i];
        }
        table[amounts.length] = DisclosureTest.row("cost_per_head", "All", "", "", 0);
        table[amounts.length].count = sum;
        table[2].suppressed = true;
        DisclosureAudit audit = new DisclosureAudit(table, Disclosure.Geography.NONE);
        double[][] b = audit.bounds();
        assertTrue(audit.lastPasses <= 5, "passes: " + audit.lastPasses);
        // the hidden amount is the rest of the sum: the audit pins it (and hides another row for it)
        assertEquals(amounts[2], b[0][2], 1e-4);
        assertEquals(amounts[2], b[1][2], 1e-4);
        assertEquals(1, audit.pinnedNow().size());
    }
}
