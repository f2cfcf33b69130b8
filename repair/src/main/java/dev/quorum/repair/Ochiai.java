package dev.quorum.repair;

import dev.quorum.core.RepoPaths;
import dev.quorum.repair.RepairResult.SuspiciousLine;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Spectrum-based fault localization: a line's Ochiai score is {@code ef / sqrt(F * (ef + ep))} (ef, ep: failing and
 * passing tests covering it; F: failing tests), the formula that ranks faults best among the classic ones in
 * Java studies. A line named by a stack frame of a failure (or of the issue) gets a small bonus: it breaks ties
 * within a block, and a frame alone still ranks a line when coverage could not be measured. Lines with equal scores
 * (typically every line only the failing tests run) go first in the class a failing test is named after
 * ({@code StrBuilderTest} → {@code StrBuilder}), the class under test by the near-universal naming convention.
 */
final class Ochiai {
    static final double FRAME_BONUS = 0.1;

    private Ochiai() {
    }

    /**
     * @return main-source lines with a positive score, best first (ties: the class under test of a failing test,
     *     then frames, then file and line)
     */
    static List<SuspiciousLine> rank(List<CoverageCollector.TestCoverage> coverage, Set<String> issueFrames,
                                     SourceIndex sources) {
        int failing = (int) coverage.stream().filter(c -> !c.passed()).count();
        Map<String, int[]> counts = new HashMap<>();
        Set<String> frames = new HashSet<>(issueFrames);
        for (CoverageCollector.TestCoverage c : coverage) {
            frames.addAll(c.frames());
            for (String line : c.lines()) {
                counts.computeIfAbsent(line, k -> new int[2])[c.passed() ? 1 : 0]++;
            }
        }
        Set<String> keys = new HashSet<>(counts.keySet());
        keys.addAll(frames);
        List<SuspiciousLine> ranked = new ArrayList<>();
        for (String key : keys) {
            int colon = key.lastIndexOf(':');
            String file = sources.path(key.substring(0, colon)).orElse(null);
            if (file == null) {
                continue; // a test, a library or generated code: not a place to repair
            }
            int[] c = counts.getOrDefault(key, new int[2]);
            double score = failing == 0 || c[0] == 0 ? 0 : c[0] / Math.sqrt((double) failing * (c[0] + c[1]));
            boolean inFrame = frames.contains(key);
            if (score > 0 || inFrame) {
                ranked.add(new SuspiciousLine(file, Integer.parseInt(key.substring(colon + 1)),
                        score + (inFrame ? FRAME_BONUS : 0), inFrame));
            }
        }
        Set<String> underTest = new HashSet<>();
        coverage.stream().filter(c -> !c.passed()).map(c -> c.test().topLevelClass())
                .flatMap(t -> RepoPaths.testedClassName(t.substring(t.lastIndexOf('.') + 1)).stream())
                .forEach(underTest::add);
        ranked.sort(Comparator.comparingDouble(SuspiciousLine::score).reversed()
                .thenComparing(l -> !underTest.contains(simpleName(l.file())))
                .thenComparing(SuspiciousLine::inStackFrame, Comparator.reverseOrder())
                .thenComparing(SuspiciousLine::file).thenComparingInt(SuspiciousLine::line));
        return ranked;
    }

    private static String simpleName(String file) {
        String name = file.substring(file.lastIndexOf('/') + 1);
        return name.endsWith(".java") ? name.substring(0, name.length() - ".java".length()) : name;
    }
}
