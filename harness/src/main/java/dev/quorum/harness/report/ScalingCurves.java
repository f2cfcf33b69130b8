package dev.quorum.harness.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * How the resolve rate grows with the number of samples, computed offline from a run's graded candidates.
 *
 * <p>For an ordering of an instance's samples and a k, looking only at the first k samples:
 * <ul>
 *   <li><b>coverage@k</b>: some sample resolves (an oracle picking the best; the ceiling of any selector);</li>
 *   <li><b>selected@k</b>: the group Quorum's selection ranked highest among the groups with a member in the first k
 *       resolves. This replays the run's final ranking restricted to the first k samples; it does not re-run the
 *       tests or the judge on the subset (group sizes would shrink, the judge might order the finalists otherwise),
 *       so it is exact at k = N and an approximation below. A run that abstained counts as unresolved for every k;</li>
 *   <li><b>random@k</b>: a sample drawn uniformly from the non-empty ones among the first k resolves (its
 *       expectation: the share of them that resolve);</li>
 *   <li><b>majority@k</b>: the largest group among the first k resolves (ties: the group seen first);</li>
 *   <li><b>$@k</b>: the instance's fixed cost (localization, tests, judge) plus the first k trajectories' cost.</li>
 * </ul>
 * Each value is averaged over instances. The point estimate is the expectation over every ordering of each
 * instance's samples (enumerated exactly when an instance has at most {@value #EXACT_UP_TO} samples, else
 * estimated from the sampled orderings); the interval is the 2.5th–97.5th percentile of the instance mean over
 * {@code orderings} random orderings (one per instance per draw, seeded), so it shows how much the order in which
 * samples arrive matters, not the uncertainty from having few instances. An instance with fewer than k samples uses
 * all of them.
 */
public final class ScalingCurves {
    static final int EXACT_UP_TO = 7;

    private ScalingCurves() {
    }

    /**
     * One instance's samples, graded.
     *
     * @param resolved  trajectory → whether its patch resolves the instance (empty patches: false)
     * @param groupOf   trajectory → selection's group id; absent for an empty patch
     * @param ranking   selection's final order of groups (first = chosen); empty when the run abstained
     * @param usd       trajectory → its model cost
     * @param fixedUsd  what the instance cost besides the trajectories
     */
    public record Instance(String id, List<Integer> trajectories, Map<Integer, Boolean> resolved,
                           Map<Integer, String> groupOf, List<String> ranking, Map<Integer, Double> usd,
                           double fixedUsd) {
        public Instance {
            trajectories = List.copyOf(trajectories);
            resolved = Map.copyOf(resolved);
            groupOf = Map.copyOf(groupOf);
            ranking = List.copyOf(ranking);
            usd = Map.copyOf(usd);
            if (trajectories.isEmpty()) {
                throw new IllegalArgumentException("instance " + id + " has no samples");
            }
        }
    }

    /** A mean with its interval. */
    public record Estimate(double mean, double low, double high) {
    }

    public record Point(int k, Estimate coverage, Estimate selected, Estimate random, Estimate majority,
                        Estimate usd) {
    }

    /**
     * @param exact     whether the means are exact expectations over all orderings (else sampled)
     */
    public record Curves(int instances, int maxSamples, int orderings, long seed, boolean exact, List<Point> points) {
        public Curves {
            points = List.copyOf(points);
        }
    }

    private enum Metric { COVERAGE, SELECTED, RANDOM, MAJORITY, USD }

    public static Curves compute(List<Instance> instances, int orderings, long seed) {
        if (instances.isEmpty()) {
            throw new IllegalArgumentException("no graded instances to draw curves from");
        }
        if (orderings < 1) {
            throw new IllegalArgumentException("orderings must be at least 1, was " + orderings);
        }
        int maxN = instances.stream().mapToInt(i -> i.trajectories().size()).max().orElseThrow();
        boolean exact = instances.stream().allMatch(i -> i.trajectories().size() <= EXACT_UP_TO);
        Metric[] metrics = Metric.values();
        // draws[metric][k-1][draw]: the instance mean in one random draw of orderings
        double[][][] draws = new double[metrics.length][maxN][orderings];
        double[][] expected = new double[metrics.length][maxN];
        SplittableRandom random = new SplittableRandom(seed);
        for (Instance instance : instances) {
            int[] order = new int[instance.trajectories().size()];
            for (int d = 0; d < orderings; d++) {
                shuffle(order, random);
                double[][] values = evaluate(instance, order, maxN);
                for (int m = 0; m < metrics.length; m++) {
                    for (int k = 0; k < maxN; k++) {
                        draws[m][k][d] += values[m][k] / instances.size();
                    }
                }
            }
            if (exact) {
                double[][] mean = exactExpectation(instance, maxN);
                for (int m = 0; m < metrics.length; m++) {
                    for (int k = 0; k < maxN; k++) {
                        expected[m][k] += mean[m][k] / instances.size();
                    }
                }
            }
        }
        if (!exact) {
            for (int m = 0; m < metrics.length; m++) {
                for (int k = 0; k < maxN; k++) {
                    expected[m][k] = Arrays.stream(draws[m][k]).average().orElse(0);
                }
            }
        }
        List<Point> points = new ArrayList<>();
        for (int k = 0; k < maxN; k++) {
            Estimate[] e = new Estimate[metrics.length];
            for (int m = 0; m < metrics.length; m++) {
                double[] sorted = draws[m][k].clone();
                Arrays.sort(sorted);
                e[m] = new Estimate(expected[m][k], percentile(sorted, 0.025), percentile(sorted, 0.975));
            }
            points.add(new Point(k + 1, e[0], e[1], e[2], e[3], e[4]));
        }
        return new Curves(instances.size(), maxN, orderings, seed, exact, points);
    }

    /** The expectation of every metric over all orderings of one instance's samples. */
    private static double[][] exactExpectation(Instance instance, int maxN) {
        int n = instance.trajectories().size();
        double[][] sum = new double[Metric.values().length][maxN];
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        long count = 0;
        do {
            double[][] values = evaluate(instance, order, maxN);
            for (int m = 0; m < sum.length; m++) {
                for (int k = 0; k < maxN; k++) {
                    sum[m][k] += values[m][k];
                }
            }
            count++;
        } while (nextPermutation(order));
        for (double[] row : sum) {
            for (int k = 0; k < maxN; k++) {
                row[k] /= count;
            }
        }
        return sum;
    }

    /** Every metric for k = 1..maxN, the samples taken in {@code order} (indices into the trajectory list). */
    static double[][] evaluate(Instance instance, int[] order, int maxN) {
        double[][] values = new double[Metric.values().length][maxN];
        int n = order.length;
        boolean covered = false;
        int nonEmpty = 0;
        int nonEmptyResolved = 0;
        double usd = instance.fixedUsd();
        Map<String, Integer> groupCounts = new HashMap<>();
        Map<String, Integer> firstSeen = new HashMap<>();
        Map<String, Boolean> groupResolved = new HashMap<>();
        for (int k = 0; k < maxN; k++) {
            if (k < n) {
                int t = instance.trajectories().get(order[k]);
                boolean resolved = instance.resolved().getOrDefault(t, false);
                covered |= resolved;
                usd += instance.usd().getOrDefault(t, 0.0);
                String group = instance.groupOf().get(t);
                if (group != null) {
                    nonEmpty++;
                    nonEmptyResolved += resolved ? 1 : 0;
                    groupCounts.merge(group, 1, Integer::sum);
                    firstSeen.putIfAbsent(group, k);
                    groupResolved.merge(group, resolved, Boolean::logicalOr);
                }
            }
            values[Metric.COVERAGE.ordinal()][k] = covered ? 1 : 0;
            values[Metric.RANDOM.ordinal()][k] = nonEmpty == 0 ? 0 : (double) nonEmptyResolved / nonEmpty;
            values[Metric.USD.ordinal()][k] = usd;
            String selected = instance.ranking().stream().filter(groupCounts::containsKey).findFirst().orElse(null);
            values[Metric.SELECTED.ordinal()][k] = selected != null && groupResolved.get(selected) ? 1 : 0;
            String majority = groupCounts.keySet().stream()
                    .min((a, b) -> groupCounts.get(a).equals(groupCounts.get(b))
                            ? Integer.compare(firstSeen.get(a), firstSeen.get(b))
                            : Integer.compare(groupCounts.get(b), groupCounts.get(a)))
                    .orElse(null);
            values[Metric.MAJORITY.ordinal()][k] = majority != null && groupResolved.get(majority) ? 1 : 0;
        }
        return values;
    }

    private static void shuffle(int[] order, SplittableRandom random) {
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
        }
    }

    /** Rearranges into the next permutation in lexicographic order; false after the last one. */
    private static boolean nextPermutation(int[] a) {
        int i = a.length - 2;
        while (i >= 0 && a[i] >= a[i + 1]) {
            i--;
        }
        if (i < 0) {
            return false;
        }
        int j = a.length - 1;
        while (a[j] <= a[i]) {
            j--;
        }
        int tmp = a[i];
        a[i] = a[j];
        a[j] = tmp;
        for (int l = i + 1, r = a.length - 1; l < r; l++, r--) {
            tmp = a[l];
            a[l] = a[r];
            a[r] = tmp;
        }
        return true;
    }

    /** Linear interpolation between closest ranks. */
    static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("no values to take a percentile of");
        }
        double rank = p * (sorted.length - 1);
        int lo = (int) Math.floor(rank);
        int hi = (int) Math.ceil(rank);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
    }
}
