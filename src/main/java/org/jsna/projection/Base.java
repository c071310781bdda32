package org.jsna.projection;

import java.util.List;
import org.jsna.input.ClientGroup;

/**
 * What a projection starts from (docs/projection.md, "Base"): the council's own counts and population over the
 * base periods, summed over them.
 *
 * @param groups          client groups in catalogue order
 * @param localities      the lookup's localities in reporting order (no Unknown, no All)
 * @param periods         N, the number of base periods
 * @param counts          C by [measure][group][locality][sex 0 F, 1 M, 2 U][ESP band 0..18]: in-range records
 *                        of known locality (service users placed by each period's first event)
 * @param population      P by [group][locality][sex][band]: residents of the band's ages inside the group's
 *                        range, each base period its own estimate
 * @param userCost        per [group][locality]: known cost of the users placed there with a known cost
 * @param usersWithCost   per [group][locality]: those users
 * @param councilCost     per group: the same over the whole council, Unknown included
 * @param councilUsers    per group: the same users over the whole council
 * @param populationByAge [locality][sex][age 0..90] summed over the base periods (prevalence's base)
 */
public record Base(List<ClientGroup> groups, List<String> localities, int periods, long[][][][][] counts,
        double[][][][] population, double[][] userCost, long[][] usersWithCost, double[] councilCost,
        long[] councilUsers, double[][][] populationByAge) {

    /** ESP2013 five-year bands: 0-4 ... 85-89, 90+. */
    public static final int BANDS = 19;

    /** The band of an age 0..90 (90: 90 and over). */
    public static int band(int age) {
        return Math.min(age, 90) / 5;
    }
}
