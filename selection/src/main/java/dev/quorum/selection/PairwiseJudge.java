package dev.quorum.selection;

import dev.quorum.core.Issue;
import dev.quorum.model.ChatOutcome;
import dev.quorum.model.ChatRequest;
import dev.quorum.model.Message;
import dev.quorum.model.ModelClient;
import dev.quorum.selection.Evidence.JudgeComparison;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Step 7: a model compares the finalists two at a time (a round-robin tournament over at most top-k groups, all
 * tied on tests). Each pair gets several samples and the order in which the two patches are shown alternates
 * between samples, so a judge that prefers whatever comes first cancels out.
 */
final class PairwiseJudge {
    static final String SYSTEM = """
            You review candidate patches for a Java repository. The tests' votes cannot separate two patches; below each \
            patch is how every test ends with it (a test written for the issue may itself be wrong). Decide which one \
            fixes the issue more correctly and completely, without special-casing inputs or breaking other behaviour. \
            Answer with one short paragraph starting with "RATIONALE:" and then a last line "WINNER: 1" or "WINNER: 2".""";
    private static final Pattern WINNER = Pattern.compile("(?im)^\\W*winner\\W*[:=]?\\W*(?:patch\\s*)?([12])\\b");
    private static final Pattern RATIONALE = Pattern.compile("(?is)rationale\\s*:\\s*(.*?)(?:\\n\\W*winner\\b|$)");
    private static final int MAX_PATCH_CHARS = 12_000;

    /** A finalist as the judge sees it; {@code testEvidence} is {@link JudgeEvidence}'s text. */
    record Finalist(String groupId, String patch, String testEvidence) {
    }

    /** The comparisons made, each group's share of wins, and notes (failures, budget). */
    record Verdicts(List<JudgeComparison> comparisons, Map<String, Double> share, List<String> notes) {
    }

    private final ModelClient judge;
    private final int samples;

    PairwiseJudge(ModelClient judge, int samples) {
        this.judge = judge;
        this.samples = samples;
    }

    Verdicts compare(Issue issue, List<Finalist> finalists) {
        List<JudgeComparison> comparisons = new ArrayList<>();
        Map<String, int[]> tally = new LinkedHashMap<>(); // group -> {wins, answered samples}
        finalists.forEach(f -> tally.put(f.groupId(), new int[2]));
        List<String> notes = new ArrayList<>();
        outer:
        for (int i = 0; i < finalists.size(); i++) {
            for (int j = i + 1; j < finalists.size(); j++) {
                Finalist a = finalists.get(i);
                Finalist b = finalists.get(j);
                for (int s = 0; s < samples; s++) {
                    Finalist first = s % 2 == 0 ? a : b;
                    Finalist second = first == a ? b : a;
                    ChatOutcome outcome = judge.chat(request(issue, first, second));
                    switch (outcome) {
                        case ChatOutcome.Completed done -> {
                            String text = done.message().content();
                            String winner = winner(text, first, second);
                            comparisons.add(new JudgeComparison(a.groupId(), b.groupId(), s, first.groupId(), winner,
                                    rationale(text)));
                            if (winner != null) {
                                tally.get(winner)[0]++;
                                tally.get(a.groupId())[1]++;
                                tally.get(b.groupId())[1]++;
                            }
                        }
                        case ChatOutcome.BudgetExhausted exhausted -> {
                            notes.add("judge stopped: the " + exhausted.scope().name().toLowerCase()
                                    + " budget is exhausted");
                            break outer;
                        }
                        case ChatOutcome.Failed failed -> {
                            notes.add("judge call failed (" + failed.kind() + "): " + failed.message());
                            break outer;
                        }
                    }
                }
            }
        }
        Map<String, Double> share = new LinkedHashMap<>();
        tally.forEach((g, t) -> share.put(g, t[1] == 0 ? 0.0 : (double) t[0] / t[1]));
        return new Verdicts(comparisons, share, notes);
    }

    private ChatRequest request(Issue issue, Finalist first, Finalist second) {
        String user = "Issue:\n" + issue.fullText().strip() + "\n\n"
                + "Patch 1:\n```diff\n" + cut(first.patch()) + "\n```\nTests with patch 1:\n" + first.testEvidence() + "\n\n"
                + "Patch 2:\n```diff\n" + cut(second.patch()) + "\n```\nTests with patch 2:\n" + second.testEvidence() + "\n\n"
                + "Which patch should be merged? End with WINNER: 1 or WINNER: 2.";
        return ChatRequest.of(Message.system(SYSTEM), Message.user(user)).withMaxTokens(600).withTemperature(0.7);
    }

    static String winner(String answer, Finalist first, Finalist second) {
        Matcher m = WINNER.matcher(answer);
        String last = null;
        while (m.find()) {
            last = m.group(1);
        }
        if (last == null) {
            return null;
        }
        return last.equals("1") ? first.groupId() : second.groupId();
    }

    static String rationale(String answer) {
        Matcher m = RATIONALE.matcher(answer);
        String text = m.find() ? m.group(1) : answer;
        text = text.strip().replaceAll("\\s+", " ");
        return text.length() > 500 ? text.substring(0, 500) + "..." : text;
    }

    private static String cut(String patch) {
        return patch.length() > MAX_PATCH_CHARS ? patch.substring(0, MAX_PATCH_CHARS) + "\n... (cut)" : patch;
    }
}
