package dev.quorum.selection;

import dev.quorum.core.TestId;
import dev.quorum.selection.Evidence.GroupScore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Steps 5 and 6: regression safety and the hybrid score; then the judge's preferences reorder the finalists. Pure
 * arithmetic over the pass matrix, so it is tested without sandboxes.
 *
 * <pre>
 * q(t)     = 0                                      if no candidate passes reproduction test t
 *          = 0.5 + 0.5 * min(1, f(t) / 0.25)        else; f(t) = share of live candidates passing t
 * repro(g) = sum of q(t) over the reproduction tests g passes / sum of q(t) over all of them
 * size(g)  = members of g / live candidates
 * small(g) = fewest changed lines among live groups / changed lines of g
 * total(g) = 0.60 repro + 0.15 size + 0.05 small, times 0.25 when g breaks a regression test   (at most 0.80)
 * judge(g) = judge wins / judge samples g took part in (finalists only)
 * </pre>
 *
 * Groups are ranked by total. The finalists (regression-safe groups tied with the best on repro, at most top-k)
 * keep the rank slots they hold, but the judge decides which finalist sits in which of those slots (most wins
 * first, total breaks ties). Abstain when the best total is below the threshold: the judge orders, the tests decide
 * whether there is an answer at all.
 *
 * <p>Why: tests that nobody passes say nothing about the candidates (or are wrong), and tests that almost nobody
 * passes are more often wrong than tests many pass (CodeT / B4 in RESEARCH.md), but a single correct minority
 * must still beat a popular wrong majority, so the prior never goes below one half. A judge never moves a group
 * past one the tests rank differently, and a split verdict changes nothing.
 */
final class HybridScore {
    static final double W_REPRO = 0.60;
    static final double W_SIZE = 0.15;
    static final double W_SMALL = 0.05;
    static final double REGRESSION_PENALTY = 0.25;
    static final double TRUSTED_SHARE = 0.25;

    static final String FORMULA = "total = 0.60*repro + 0.15*size + 0.05*small (at most 0.80), times 0.25 when the"
            + " group breaks a regression test; repro = sum of q(t) over reproduction tests passed / sum of q(t);"
            + " q(t) = 0 if no candidate passes t, else 0.5 + 0.5*min(1, f(t)/0.25) with f(t) the share of live"
            + " candidates passing t (tests almost everyone fails are down-weighted as likely wrong);"
            + " size = members / live candidates; small = fewest changed lines / this group's changed lines."
            + " Ranked by total; the judge (share of samples won) only reorders the finalists, regression-safe groups"
            + " tied with the best on repro, among the rank slots they hold. Abstain when the best total < threshold.";

    private HybridScore() {
    }

    /** A live group as scoring sees it. */
    record Input(String groupId, int members, int changedLines, Map<TestId, Evidence.Cell> row) {
    }

    /** Prior weight of each reproduction test, from how many live candidates pass it. */
    static Map<TestId, Double> weights(List<Input> groups, List<TestId> reproduction) {
        int total = groups.stream().mapToInt(Input::members).sum();
        Map<TestId, Double> q = new LinkedHashMap<>();
        for (TestId t : reproduction) {
            int passing = groups.stream().filter(g -> g.row().getOrDefault(t, Evidence.Cell.MISSING).passed())
                    .mapToInt(Input::members).sum();
            double f = total == 0 ? 0 : (double) passing / total;
            q.put(t, passing == 0 ? 0.0 : 0.5 + 0.5 * Math.min(1.0, f / TRUSTED_SHARE));
        }
        return q;
    }

    /** Scores best first (ties: more members, then smaller patch, then group order). */
    static List<GroupScore> score(List<Input> groups, List<TestId> reproduction, List<TestId> regression,
                                  Map<TestId, Double> weights) {
        int totalMembers = groups.stream().mapToInt(Input::members).sum();
        int fewestLines = groups.stream().mapToInt(g -> Math.max(1, g.changedLines())).min().orElse(1);
        double weightSum = reproduction.stream().mapToDouble(t -> weights.getOrDefault(t, 0.0)).sum();
        List<GroupScore> scores = new ArrayList<>();
        for (Input g : groups) {
            List<String> broken = regression.stream()
                    .filter(t -> !g.row().getOrDefault(t, Evidence.Cell.MISSING).passed())
                    .map(TestId::toString).toList();
            double repro = weightSum == 0 ? 0 : reproduction.stream()
                    .filter(t -> g.row().getOrDefault(t, Evidence.Cell.MISSING).passed())
                    .mapToDouble(t -> weights.getOrDefault(t, 0.0)).sum() / weightSum;
            double size = totalMembers == 0 ? 0 : (double) g.members() / totalMembers;
            double small = (double) fewestLines / Math.max(1, g.changedLines());
            double total = W_REPRO * repro + W_SIZE * size + W_SMALL * small;
            if (!broken.isEmpty()) {
                total *= REGRESSION_PENALTY;
            }
            scores.add(new GroupScore(g.groupId(), round(total), broken.isEmpty(), broken, round(repro), round(size),
                    0.0, round(small)));
        }
        Map<String, Input> byId = new LinkedHashMap<>();
        groups.forEach(g -> byId.put(g.groupId(), g));
        List<String> order = groups.stream().map(Input::groupId).toList();
        scores.sort(Comparator.comparingDouble(GroupScore::total).reversed()
                .thenComparing(s -> -byId.get(s.groupId()).members())
                .thenComparingInt(s -> byId.get(s.groupId()).changedLines())
                .thenComparingInt(s -> order.indexOf(s.groupId())));
        return scores;
    }

    /**
     * Finalists for the judge: regression-safe groups whose reproduction score equals the best one, in score order,
     * at most {@code k}.
     */
    static List<String> finalists(List<GroupScore> ranked, int k) {
        double best = ranked.stream().filter(GroupScore::regressionSafe).mapToDouble(GroupScore::reproduction)
                .max().orElse(-1);
        return ranked.stream().filter(GroupScore::regressionSafe)
                .filter(s -> Math.abs(s.reproduction() - best) < 1e-9)
                .limit(k).map(GroupScore::groupId).toList();
    }


    /**
     * The judge's order: finalists keep the rank slots they hold, reassigned by judge share (most first, then their
     * previous order); every other group stays where it is.
     */
    static List<GroupScore> reorderFinalists(List<GroupScore> ranked, List<String> finalists, Map<String, Double> share) {
        List<Integer> slots = new ArrayList<>();
        List<GroupScore> judged = new ArrayList<>();
        for (int i = 0; i < ranked.size(); i++) {
            GroupScore s = ranked.get(i);
            if (finalists.contains(s.groupId())) {
                slots.add(i);
                judged.add(new GroupScore(s.groupId(), s.total(), s.regressionSafe(), s.brokenRegressions(),
                        s.reproduction(), s.size(), round(share.getOrDefault(s.groupId(), 0.0)), s.smallPatch()));
            }
        }
        List<GroupScore> byJudge = new ArrayList<>(judged);
        byJudge.sort(Comparator.comparingDouble(GroupScore::judge).reversed()
                .thenComparingInt(judged::indexOf));
        List<GroupScore> result = new ArrayList<>(ranked);
        for (int i = 0; i < slots.size(); i++) {
            result.set(slots.get(i), byJudge.get(i));
        }
        return result;
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
