package dev.quorum.agent;

import dev.quorum.core.TestId;
import dev.quorum.localization.Localization;
import dev.quorum.localization.RankedFile;
import dev.quorum.model.Budget;
import dev.quorum.model.Spend;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What the model is told. Trajectories differ on purpose: a temperature schedule, a working style, and which of
 * the localized files they are pointed at first, so that N samples explore N ways instead of one way N times.
 */
final class Prompts {
    private Prompts() {
    }

    static final String SYSTEM = """
            You fix issues in a Java repository. You work through tools: view and search read the repository,
            str_replace and create_file edit it, run_tests and run_command execute code in a sandbox without
            network. Paths are relative to the repository root. Make the smallest change to the main source
            code that resolves the issue; do not modify existing tests. You may add a test that reproduces the
            issue under src/test/java. When the fix is done, call submit. Each message ends with how many steps
            and how much budget you have left: plan for it, and submit before you run out.""";

    /** Working styles, assigned round-robin. */
    private static final List<String> STYLES = List.of(
            "Start by reading the code the issue points at, then make a minimal fix and run the relevant tests.",
            "Start by writing a small JUnit test that reproduces the issue and watch it fail; then fix the code"
                    + " and watch it pass.",
            "Start by searching for every place the behaviour in the issue comes from; fix the root cause, not the"
                    + " symptom, and run the existing tests of the classes you touched.");

    /** 0 for the first trajectory (the greedy one), then spread over (0.3, 1.0]. */
    static double temperature(int trajectory, int total) {
        if (trajectory == 0 || total == 1) {
            return 0.0;
        }
        return Math.round((0.3 + 0.7 * trajectory / (double) (total - 1)) * 100) / 100.0;
    }

    static String task(int trajectory, int total, String issueText, Localization localization,
                       AgentRequest.UserTests userTests) {
        StringBuilder out = new StringBuilder();
        out.append("Attempt ").append(trajectory + 1).append(" of ").append(total).append(".\n\n<issue>\n")
                .append(issueText.strip()).append("\n</issue>\n\n");
        if (!userTests.isEmpty()) {
            out.append("The user gave tests that fail now and must pass after your fix; they are already in the"
                    + " repository").append(userTests.patch().isEmpty() ? "" : " (files: "
                    + String.join(", ", userTests.patch().touchedPaths()) + ")").append(". Do not change them.");
            if (!userTests.failing().isEmpty()) {
                out.append(" Run them with run_tests: ").append(String.join(" ", userTests.failing().stream()
                        .map(TestId::toString).toList())).append('.');
            }
            out.append("\n\n");
        }
        if (localization != null && !localization.files().isEmpty()) {
            out.append("Files that are likely relevant, best first:\n");
            for (RankedFile f : rotated(localization.files(), trajectory)) {
                out.append("- ").append(f.path()).append(f.test() ? " (test)" : "").append('\n');
            }
            // Half of the trajectories see the rendered context, the others explore from the file list alone.
            if (trajectory % 2 == 0 && !localization.context().text().isBlank()) {
                out.append("\nContext (skeletons and method bodies):\n").append(localization.context().text()).append('\n');
            }
        }
        out.append('\n').append(STYLES.get(trajectory % STYLES.size())).append('\n');
        return out.toString();
    }

    /** The ranked list, with trajectory k's share of the top files first: different starting points, same facts. */
    private static List<RankedFile> rotated(List<RankedFile> files, int trajectory) {
        List<RankedFile> top = files.subList(0, Math.min(files.size(), 10));
        int shift = top.size() <= 1 ? 0 : (trajectory / STYLES.size()) % Math.min(3, top.size());
        List<RankedFile> out = new ArrayList<>(top.subList(shift, top.size()));
        out.addAll(top.subList(0, shift));
        return out;
    }

    /** Budget awareness: appended to every observation. */
    static String status(int step, int maxSteps, Budget budget, Spend spent, Duration left) {
        StringBuilder out = new StringBuilder("\n[step ").append(step).append(" of ").append(maxSteps).append(", ")
                .append(maxSteps - step).append(" steps left");
        if (budget.maxTokens() != Long.MAX_VALUE) {
            out.append(", ").append(Math.max(0, budget.maxTokens() - spent.tokens())).append(" tokens left");
        }
        if (budget.hasDollarCap()) {
            out.append(String.format(", $%.4f left", Math.max(0, budget.maxUsd() - spent.usd())));
        }
        out.append(", ").append(Math.max(0, left.toSeconds())).append(" s left");
        if (maxSteps - step <= 3) {
            out.append(". Almost out of steps: finish the fix and submit now");
        }
        return out.append(']').toString();
    }
}
