package dev.quorum.repair;

import dev.quorum.core.TestId;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** How a repair ended; both cases say what was tried. */
public sealed interface RepairResult {

    Attempts attempts();

    /** Candidates that passed the failing tests and broke no regression test, best first. */
    record Plausible(List<RepairCandidate> candidates, Attempts attempts) implements RepairResult {
        public Plausible {
            candidates = List.copyOf(candidates);
            if (candidates.isEmpty()) {
                throw new IllegalArgumentException("a plausible result needs at least one candidate");
            }
        }
    }

    /** No candidate passed; {@code reason} says why in one sentence. */
    record NoneFound(String reason, Attempts attempts) implements RepairResult {
    }

    /**
     * @param failingTests   the failing tests the repair aimed at
     * @param ranked         the most suspicious lines, best first
     * @param candidates     candidates validated
     * @param byTemplate     candidates validated per template
     * @param notCompiled    candidates that did not compile
     * @param stillFailing   candidates after which a failing test still failed
     * @param regressions    candidates that broke a test passing on base
     * @param took           wall-clock time of the whole repair
     */
    record Attempts(List<TestId> failingTests, List<SuspiciousLine> ranked, int candidates,
                    Map<String, Integer> byTemplate, int notCompiled, int stillFailing, int regressions,
                    Duration took) {
        public Attempts {
            failingTests = List.copyOf(failingTests);
            ranked = List.copyOf(ranked);
            byTemplate = Map.copyOf(byTemplate);
        }

        /** Nothing tried yet (the engine did not get as far as ranking). */
        public static Attempts none(List<TestId> failingTests) {
            return new Attempts(failingTests, List.of(), 0, Map.of(), 0, 0, 0, Duration.ZERO);
        }

        /** One paragraph for reports and the ABSTAIN message. */
        public String describe() {
            StringBuilder text = new StringBuilder();
            text.append("failing tests ").append(failingTests).append("; ").append(ranked.size())
                    .append(" suspicious statements");
            ranked.stream().limit(3).forEach(l -> text.append(", ").append(l.describe()));
            text.append("; ").append(candidates).append(" candidates tried ")
                    .append(new java.util.TreeMap<>(byTemplate)).append(": ").append(notCompiled)
                    .append(" did not compile, ").append(stillFailing).append(" left a failing test failing, ")
                    .append(regressions).append(" broke a regression test (").append(took.toSeconds())
                    .append(" s)");
            return text.toString();
        }
    }

    /** A line of a main source file with its suspiciousness. */
    record SuspiciousLine(String file, int line, double score, boolean inStackFrame) {
        public String describe() {
            return file + ":" + line + String.format(" (%.2f%s)", score, inStackFrame ? ", in a stack frame" : "");
        }
    }
}
