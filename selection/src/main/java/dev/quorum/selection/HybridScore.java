package dev.quorum.selection;

import dev.quorum.core.TestId;
import dev.quorum.selection.Evidence.Cell;
import dev.quorum.selection.Evidence.GroupScore;
import dev.quorum.selection.Evidence.Role;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Regression safety and the hybrid score; then the judge's preferences reorder the finalists. Pure arithmetic over
 * the pass matrix, so it is tested without sandboxes. The rule, why, and what the constants were fitted on are in
 * {@code selection/SCORING.md}; {@link #FORMULA} is its one-paragraph summary written into every evidence record.
 *
 * <pre>
 * f(t)     = share of live candidates passing voting test t, among those where t gave a result
 * info(t)  = 4 f(t) (1 - f(t))                       0 when nobody or everybody passes t
 * w(t)     = info(t) * (1 if t fails on base, 0.3 if it passes on base)
 * votes(g) = sum of w(t) over voting tests g passes / sum of w(t) over voting tests that count for g
 *            (t counts for g when it gave a result for g and g is not made only of t's authors)
 * total(g) = 0.60 votes + 0.20 size + 0.10 outcome + 0.05 small, times 0.25 when g breaks a regression test,
 *            times 0.9 when g's patch applied only with git apply --3way or patch --fuzz
 * </pre>
 */
final class HybridScore {
    static final double W_VOTES = 0.60;
    static final double W_SIZE = 0.20;
    static final double W_OUTCOME = 0.10;
    static final double W_SMALL = 0.05;
    static final double REGRESSION_PENALTY = 0.25;
    /** A voting test that passes on base says "this behaviour is kept", weaker evidence than "this bug is fixed". */
    static final double PASSES_ON_BASE_FACTOR = 0.3;
    static final double EPSILON = 1e-6;
    /**
     * A patch that applied only by a 3-way merge or fuzz was tested as placed by the tool, not as written: slightly
     * less trust (selection/SCORING.md, "Inexact applications").
     */
    static final double INEXACT_APPLY_FACTOR = 0.9;

    static final String FORMULA = "total = 0.60*votes + 0.20*size + 0.10*outcome + 0.05*small, times 0.25 when the"
            + " group breaks a test the repository had at base and that passes there (the only veto);"
            + " votes = sum of w(t) over voting tests passed / sum of w(t) over voting tests that count for the group"
            + " (a test does not count for its authors' own group, nor where it could not run);"
            + " w(t) = 4f(1-f) * (1 if t fails on base else 0.3), f = share of candidates passing t"
            + " (tests passed by nobody or everybody carry nothing); size = members / live candidates;"
            + " outcome = share of members whose trajectory submitted; small = fewest changed lines / this group's."
            + " Times 0.9 when the patch applied only by a 3-way merge or fuzz."
            + " The judge only reorders finalists (regression-safe groups tied with the best on votes)."
            + " See selection/SCORING.md.";

    private HybridScore() {
    }

    /**
     * A live group as scoring sees it.
     *
     * @param memberIds candidates in the group that applied and compiled
     * @param outcome   share of them whose trajectory submitted (1 when unknown)
     */
    record Input(String groupId, List<String> memberIds, int changedLines, Map<TestId, Cell> row, double outcome,
                 boolean inexactApply) {
        /** A group whose patch applied exactly ({@code git apply}). */
        Input(String groupId, List<String> memberIds, int changedLines, Map<TestId, Cell> row, double outcome) {
            this(groupId, memberIds, changedLines, row, outcome, false);
        }

        int members() {
            return memberIds.size();
        }

        Cell cell(TestId t) {
            return row.getOrDefault(t, Cell.MISSING);
        }

        /**
         * The group's own run passed its time limit: no cell has a result and at least one timed out. Nothing is
         * known about it, so it neither breaks a regression test nor passes one.
         */
        boolean unknown() {
            return row.values().stream().noneMatch(Cell::known) && row.containsValue(Cell.TIMED_OUT);
        }
    }

    /** A test that votes: its role (REPRODUCTION or CHECK) and who wrote it. */
    record Voting(TestId id, Role role, Set<String> authors) {
        boolean countsFor(Input g) {
            return g.cell(id).known() && !authors.containsAll(g.memberIds());
        }
    }

    /** Weight of each voting test: how informative it is times how much its base status says. */
    static Map<TestId, Double> weights(List<Input> groups, List<Voting> voting) {
        Map<TestId, Double> w = new LinkedHashMap<>();
        for (Voting t : voting) {
            int known = groups.stream().filter(g -> g.cell(t.id()).known()).mapToInt(Input::members).sum();
            int passing = groups.stream().filter(g -> g.cell(t.id()).passed()).mapToInt(Input::members).sum();
            double f = known == 0 ? 0 : (double) passing / known;
            double base = t.role() == Role.REPRODUCTION ? 1.0 : PASSES_ON_BASE_FACTOR;
            w.put(t.id(), round(4 * f * (1 - f) * base));
        }
        return w;
    }

    /**
     * Scores best first: regression-safe groups with test results, then groups whose run timed out (unknown: never
     * ahead of a tested group), then the disqualified ones; within each, by total (ties: more members, then smaller
     * patch, then group order).
     */
    static List<GroupScore> score(List<Input> groups, List<Voting> voting, List<TestId> regression,
                                  Map<TestId, Double> weights) {
        int totalMembers = groups.stream().mapToInt(Input::members).sum();
        int fewestLines = groups.stream().mapToInt(g -> Math.max(1, g.changedLines())).min().orElse(1);
        List<GroupScore> scores = new ArrayList<>();
        for (Input g : groups) {
            // An existing test that no longer compiles, hangs, goes missing or flips with this candidate is broken by it.
            List<String> broken = g.unknown() ? List.of() : regression.stream()
                    .filter(t -> !g.cell(t).passed() && g.cell(t) != Cell.APPLY_FAILED).map(TestId::toString).toList();
            double counted = 0;
            double passed = 0;
            for (Voting t : voting) {
                if (t.countsFor(g)) {
                    double w = weights.getOrDefault(t.id(), 0.0);
                    counted += w;
                    passed += g.cell(t.id()).passed() ? w : 0;
                }
            }
            double votes = counted < EPSILON ? 0 : passed / counted;
            double size = totalMembers == 0 ? 0 : (double) g.members() / totalMembers;
            double small = (double) fewestLines / Math.max(1, g.changedLines());
            double total = W_VOTES * votes + W_SIZE * size + W_OUTCOME * g.outcome() + W_SMALL * small;
            if (!broken.isEmpty()) {
                total *= REGRESSION_PENALTY;
            }
            if (g.inexactApply()) {
                total *= INEXACT_APPLY_FACTOR;
            }
            scores.add(new GroupScore(g.groupId(), round(total), broken.isEmpty(), broken, round(votes),
                    round(counted), round(size), round(g.outcome()), 0.0, round(small)));
        }
        Map<String, Input> byId = new LinkedHashMap<>();
        groups.forEach(g -> byId.put(g.groupId(), g));
        List<String> order = groups.stream().map(Input::groupId).toList();
        scores.sort(Comparator.comparingInt((GroupScore s) -> !s.regressionSafe() ? 2
                        : byId.get(s.groupId()).unknown() ? 1 : 0)
                .thenComparing(Comparator.comparingDouble(GroupScore::total).reversed())
                .thenComparing(s -> -byId.get(s.groupId()).members())
                .thenComparingInt(s -> byId.get(s.groupId()).changedLines())
                .thenComparingInt(s -> order.indexOf(s.groupId())));
        return scores;
    }

    /**
     * Finalists for the judge: regression-safe groups whose vote equals the best one, in score order, at most
     * {@code k}.
     */
    static List<String> finalists(List<GroupScore> ranked, int k) {
        double best = ranked.stream().filter(GroupScore::regressionSafe).mapToDouble(GroupScore::reproduction)
                .max().orElse(-1);
        return ranked.stream().filter(GroupScore::regressionSafe)
                .filter(s -> Math.abs(s.reproduction() - best) < EPSILON)
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
                judged.add(s.withJudge(round(share.getOrDefault(s.groupId(), 0.0))));
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

    static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
