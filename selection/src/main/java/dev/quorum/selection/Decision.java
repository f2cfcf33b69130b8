package dev.quorum.selection;

import dev.quorum.core.TestId;
import dev.quorum.selection.Evidence.Cell;
import dev.quorum.selection.Evidence.Confidence;
import dev.quorum.selection.Evidence.Confidence.Level;
import dev.quorum.selection.Evidence.GroupScore;
import dev.quorum.selection.Evidence.Role;
import java.util.List;
import java.util.Map;

/**
 * The last step: choose the first group of the final order and say how strong the evidence is, or abstain when it
 * is contradictory or absent. Pure, so it is tested without sandboxes.
 *
 * <p>Abstain when nothing is left, when every group breaks a test the repository had at base, when the best total is
 * below the user's threshold, when reproduction tests not written by a candidate's own source fail with every
 * candidate (evidence against all of them), or when the leader and the runner-up are tied on everything but patch
 * size (votes, group size, trajectory outcome, judge): contradictory when their tests disagree, absent when nothing
 * was seen. A leader whose own test run timed out (nothing known about it) is chosen with low confidence only.
 */
final class Decision {
    /** A vote lead this large, from tests that fail on base, is a clear separation. */
    static final double CLEAR_VOTE_LEAD = 0.25;

    private Decision() {
    }

    sealed interface Outcome {
        record Choose(String groupId, Confidence confidence) implements Outcome {
        }

        record Abstain(String reason) implements Outcome {
        }
    }

    static Outcome decide(List<GroupScore> ranked, Map<String, HybridScore.Input> inputs,
                          List<HybridScore.Voting> voting, double threshold) {
        if (ranked.isEmpty()) {
            return new Outcome.Abstain("no candidate applied and compiled");
        }
        if (ranked.stream().noneMatch(GroupScore::regressionSafe)) {
            return new Outcome.Abstain("every group breaks a test the repository had at the base commit and that passes"
                    + " there (e.g. " + ranked.getFirst().brokenRegressions().stream().limit(3).toList() + ")");
        }
        GroupScore first = ranked.getFirst();
        HybridScore.Input leader = inputs.get(first.groupId());
        if (first.total() < threshold) {
            return new Outcome.Abstain("the best score " + first.total() + " of group " + first.groupId()
                    + " is below the threshold " + threshold + " (" + weakness(ranked, inputs, voting) + ")");
        }
        if (leader.unknown()) {
            return new Outcome.Choose(first.groupId(), new Confidence(Level.LOW, "no test result for it: its test run"
                    + " timed out (cells unknown), and every group with results breaks an existing test or there is"
                    + " none; chosen on group size and trajectory outcome alone", first.total()));
        }
        List<HybridScore.Voting> independent = voting.stream()
                .filter(t -> t.role() == Role.REPRODUCTION && t.authors().isEmpty()).toList();
        if (!independent.isEmpty() && inputs.values().stream()
                .noneMatch(g -> independent.stream().anyMatch(t -> g.cell(t.id()).passed()))) {
            return new Outcome.Abstain("no group passes any valid reproduction test: " + independent.size()
                    + " test(s) written for this issue fail on the base commit and with every candidate");
        }
        int reproductionPassed = (int) voting.stream()
                .filter(t -> t.role() == Role.REPRODUCTION && leader.cell(t.id()).passed()).count();
        if (ranked.size() == 1) {
            return new Outcome.Choose(first.groupId(), alone(first, leader, reproductionPassed));
        }
        GroupScore second = ranked.get(1);
        double margin = HybridScore.round(first.total() - second.total());
        if (tied(first, second)) {
            List<String> differing = differing(leader, inputs.get(second.groupId()), voting);
            String pair = "groups " + first.groupId() + " and " + second.groupId();
            if (!differing.isEmpty()) {
                // Tests that only their own authors' group passes do not vote for it, but they are not
                // contradictory either: the other group fails a test written for this issue. Weak support.
                String favoured = favouredByOwnTests(first, second, inputs, voting);
                if (favoured != null) {
                    return new Outcome.Choose(favoured, new Confidence(Level.LOW, "tied on independent evidence; "
                            + "only tests written by its own source separate it from the other group (" + differing
                            + "), which fails them", margin));
                }
                return new Outcome.Abstain("contradictory evidence: " + pair + " behave differently on " + differing
                        + " and nothing separates them");
            }
            if (first.reproduction() < HybridScore.EPSILON) {
                return new Outcome.Abstain(weakness(ranked, inputs, voting) + ": " + pair + " are tied on test votes,"
                        + " group size, trajectory outcome and judge; only patch size would decide");
            }
            GroupScore next = ranked.stream().filter(s -> !tied(first, s)).findFirst().orElse(null);
            return new Outcome.Choose(first.groupId(), new Confidence(Level.MEDIUM, "tests that fail on the base"
                    + " commit support it, and it is equivalent on every test to " + second.groupId()
                    + "; the smaller patch was taken" + (next == null ? "" : " (weighted vote " + first.reproduction()
                    + " against " + next.reproduction() + " for the next group)"), margin));
        }
        double lead = first.reproduction() - second.reproduction();
        if (lead >= CLEAR_VOTE_LEAD && reproductionPassed > 0) {
            return new Outcome.Choose(first.groupId(), new Confidence(Level.HIGH, "tests that fail on the base commit"
                    + " separate it: weighted vote " + first.reproduction() + " against " + second.reproduction()
                    + " for the runner-up", margin));
        }
        if (lead > HybridScore.EPSILON) {
            return new Outcome.Choose(first.groupId(), new Confidence(Level.MEDIUM, "the test votes lean to it: "
                    + first.reproduction() + " against " + second.reproduction() + " for the runner-up", margin));
        }
        if (first.judge() > second.judge() + HybridScore.EPSILON) {
            return new Outcome.Choose(first.groupId(), new Confidence(Level.MEDIUM, "tests cannot separate the"
                    + " finalists; the judge preferred it in " + Math.round(first.judge() * 100) + "% of its samples",
                    margin));
        }
        int total = inputs.values().stream().mapToInt(HybridScore.Input::members).sum();
        if (first.size() > second.size() + HybridScore.EPSILON) {
            String agree = leader.members() + " of " + total + " candidates made this change";
            return first.size() > 0.5 && leader.members() >= 2
                    ? new Outcome.Choose(first.groupId(), new Confidence(Level.MEDIUM, "no test separates the"
                    + " groups; a majority agrees: " + agree, margin))
                    : new Outcome.Choose(first.groupId(), new Confidence(Level.LOW, "no test separates the groups;"
                    + " the largest group wins without a majority: " + agree, margin));
        }
        return new Outcome.Choose(first.groupId(), new Confidence(Level.LOW, "no test, majority or judge separates"
                + " it; its trajectories finished better (submitted " + first.outcome() + " against "
                + second.outcome() + ")", margin));
    }

    private static Confidence alone(GroupScore only, HybridScore.Input group, int reproductionPassed) {
        String who = group.members() == 1 ? "the only candidate" : "all " + group.members() + " candidates agree";
        if (reproductionPassed > 0) {
            return new Confidence(group.members() >= 2 ? Level.HIGH : Level.MEDIUM, who + " and pass "
                    + reproductionPassed + " test(s) that fail on the base commit", only.total());
        }
        return new Confidence(group.members() >= 2 ? Level.MEDIUM : Level.LOW, who + "; no test that fails on the"
                + " base commit confirms it", only.total());
    }

    private static boolean tied(GroupScore a, GroupScore b) {
        return Math.abs(a.reproduction() - b.reproduction()) < HybridScore.EPSILON
                && Math.abs(a.size() - b.size()) < HybridScore.EPSILON
                && Math.abs(a.outcome() - b.outcome()) < HybridScore.EPSILON
                && Math.abs(a.judge() - b.judge()) < HybridScore.EPSILON
                && a.regressionSafe() == b.regressionSafe();
    }

    /**
     * The group of the two that passes every voting test on which they differ, when each of those tests was written
     * by that group's own source (so it could not vote for it); null otherwise.
     */
    private static String favouredByOwnTests(GroupScore first, GroupScore second, Map<String, HybridScore.Input> inputs,
                                             List<HybridScore.Voting> voting) {
        for (GroupScore candidate : List.of(first, second)) {
            HybridScore.Input mine = inputs.get(candidate.groupId());
            HybridScore.Input other = inputs.get((candidate == first ? second : first).groupId());
            boolean all = true;
            boolean any = false;
            for (HybridScore.Voting t : voting) {
                Cell x = mine.cell(t.id());
                Cell y = other.cell(t.id());
                if (!x.known() || !y.known() || x.passed() == y.passed()) {
                    continue;
                }
                any = true;
                all &= x.passed() && !t.countsFor(mine) && t.role() == Role.REPRODUCTION;
            }
            if (any && all) {
                return candidate.groupId();
            }
        }
        return null;
    }

    /** Voting tests on which the two groups both gave a result and disagree. */
    private static List<String> differing(HybridScore.Input a, HybridScore.Input b, List<HybridScore.Voting> voting) {
        return voting.stream().map(HybridScore.Voting::id).filter(t -> {
            Cell x = a.cell(t);
            Cell y = b.cell(t);
            return x.known() && y.known() && x.passed() != y.passed();
        }).map(TestId::toString).toList();
    }

    private static String weakness(List<GroupScore> ranked, Map<String, HybridScore.Input> inputs,
                                   List<HybridScore.Voting> voting) {
        List<HybridScore.Voting> reproduction = voting.stream().filter(t -> t.role() == Role.REPRODUCTION).toList();
        if (reproduction.isEmpty()) {
            return "no valid reproduction test (one that fails on the base commit)";
        }
        boolean anyPassed = inputs.values().stream()
                .anyMatch(g -> reproduction.stream().anyMatch(t -> g.cell(t.id()).passed()));
        return anyPassed ? "the evidence is weak" : "no group passes any valid reproduction test";
    }
}
