package org.jsna.pipeline;

import java.util.List;
import org.jsna.aggregate.Aggregator;
import org.jsna.aggregate.CountCube;
import org.jsna.input.ClientGroup;
import org.jsna.projection.Base;
import org.jsna.projection.Measure;

/** The base of {@code jsna project} taken from the report's aggregation: the base periods' sums. */
final class ProjectionBase {

    private ProjectionBase() {
    }

    /**
     * @param cube  built with counts by sex and band ({@link Aggregator#bySexAndBand()})
     * @param agg   the aggregation (for the population by single year of age)
     * @param base  the base periods' indices in the cube
     */
    static Base of(CountCube cube, Aggregator agg, int[] base) {
        List<ClientGroup> groups = cube.clientGroups;
        int ng = groups.size();
        int nl = cube.localities.size();
        Measure[] measures = Measure.values();
        long[][][][][] counts = new long[measures.length][ng][nl][3][Base.BANDS];
        double[][] userCost = new double[ng][nl];
        long[][] users = new long[ng][nl];
        double[] councilCost = new double[ng];
        long[] councilUsers = new long[ng];
        double[][][] popByAge = new double[nl][2][91];
        for (int p : base) {
            double[][][] pop = agg.populationByAge(cube.populationYear[p]);
            for (int l = 0; l < nl; l++) {
                for (int s = 0; s < 2; s++) {
                    for (int a = 0; a <= 90; a++) {
                        popByAge[l][s][a] += pop[l][s][a];
                    }
                }
            }
            for (int g = 0; g < ng; g++) {
                for (int l = 0; l < nl; l++) {
                    for (Measure m : measures) {
                        org.jsna.aggregate.Measure cm = switch (m) {
                            case REFERRALS -> org.jsna.aggregate.Measure.REFERRALS;
                            case SERVICE_USERS -> org.jsna.aggregate.Measure.SERVICE_USERS;
                            case SERVICE_EVENTS -> org.jsna.aggregate.Measure.SERVICE_EVENTS;
                        };
                        for (int s = 0; s < 3; s++) {
                            for (int b = 0; b < Base.BANDS; b++) {
                                counts[m.ordinal()][g][l][s][b] += cube.bySexAndBand(cm, p, g, l, s, b);
                            }
                        }
                    }
                    org.jsna.aggregate.UserCosts u = cube.userCosts(p, g, l);
                    userCost[g][l] += u.total();
                    users[g][l] += u.count();
                }
                org.jsna.aggregate.UserCosts all = cube.userCosts(p, g, cube.allSlot());
                councilCost[g] += all.total();
                councilUsers[g] += all.count();
            }
        }
        double[][][][] population = new double[ng][nl][2][Base.BANDS];
        for (int g = 0; g < ng; g++) {
            ClientGroup cg = groups.get(g);
            int hi = Math.min(cg.maxAge(), 90);
            for (int l = 0; l < nl; l++) {
                for (int s = 0; s < 2; s++) {
                    for (int a = Math.max(0, cg.minAge()); a <= hi; a++) {
                        population[g][l][s][Base.band(a)] += popByAge[l][s][a];
                    }
                }
            }
        }
        return new Base(groups, cube.localities, base.length, counts, population, userCost, users, councilCost,
                councilUsers, popByAge);
    }
}
