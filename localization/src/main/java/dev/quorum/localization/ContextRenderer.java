package dev.quorum.localization;

import java.util.ArrayList;
import java.util.List;

/**
 * Renders the ranking for a model, in file rank order: per file a header, the full text of its top methods (with
 * a few lines around them, overlapping excerpts merged), then its skeleton. Sections are added while they fit the
 * token budget; a section that does not fit whole is shortened (excerpts and skeleton cut), never the budget
 * exceeded. No file takes more than half the budget while other files wait, so the block shows several places.
 */
final class ContextRenderer {

    /** Below this many characters a shortened section says too little to be worth its header. */
    private static final int MIN_USEFUL_CHARS = 200;
    static final int METHODS_PER_FILE = 3;

    private ContextRenderer() {
    }

    static ContextBlock render(CodeIndex index, List<RankedFile> files, List<RankedMethod> methods,
                               int tokenBudget, int contextLines) {
        int budgetChars = Tokens.chars(tokenBudget);
        StringBuilder out = new StringBuilder();
        List<String> paths = new ArrayList<>();
        for (int rank = 0; rank < files.size(); rank++) {
            IndexedFile file = index.file(files.get(rank).path()).orElseThrow();
            int left = budgetChars - out.length();
            if (left < MIN_USEFUL_CHARS) break;
            int cap = rank == files.size() - 1 ? left : Math.min(left, Math.max(budgetChars / 2, MIN_USEFUL_CHARS));
            String section = section(file, methods, contextLines, cap - 1);
            if (section == null) continue;
            out.append(section).append('\n');
            paths.add(file.path());
        }
        String text = out.toString();
        return new ContextBlock(text, Tokens.estimate(text), tokenBudget, paths);
    }

    /** A file's section within {@code cap} characters, or {@code null} when nothing useful fits. */
    private static String section(IndexedFile file, List<RankedMethod> methods, int contextLines, int cap) {
        String header = "### " + file.path() + (file.parsed() ? "" : "  (not parsed: indexed as text)") + "\n";
        StringBuilder section = new StringBuilder(header);
        for (Excerpt excerpt : excerpts(file, methods, contextLines)) {
            String title = "#### " + String.join(", ", excerpt.members()) + "\n";
            int room = cap - section.length() - title.length();
            if (room < MIN_USEFUL_CHARS) break;
            section.append(title).append(Skeletons.excerpt(file, excerpt.lines(), 0, room));
        }
        String skeletonTitle = "#### skeleton\n";
        int room = cap - section.length() - skeletonTitle.length();
        if (room >= MIN_USEFUL_CHARS) section.append(skeletonTitle).append(Skeletons.skeleton(file, room));
        return section.length() == header.length() || section.length() > cap ? null : section.toString();
    }

    private record Excerpt(List<String> members, LineRange lines) {
    }

    /** The file's top methods widened by the context lines, overlapping or touching ones merged, in rank order. */
    private static List<Excerpt> excerpts(IndexedFile file, List<RankedMethod> methods, int contextLines) {
        List<Excerpt> out = new ArrayList<>();
        int taken = 0;
        for (RankedMethod m : methods) {
            if (!m.path().equals(file.path()) || taken == METHODS_PER_FILE) continue;
            taken++;
            LineRange wide = new LineRange(Math.max(1, m.startLine() - contextLines), m.endLine() + contextLines);
            Excerpt merged = null;
            for (int i = 0; i < out.size() && merged == null; i++) {
                Excerpt e = out.get(i);
                if (wide.start() <= e.lines().end() + 1 && e.lines().start() <= wide.end() + 1) {
                    List<String> members = new ArrayList<>(e.members());
                    members.add(m.member());
                    merged = new Excerpt(members, new LineRange(Math.min(wide.start(), e.lines().start()),
                            Math.max(wide.end(), e.lines().end())));
                    out.set(i, merged);
                }
            }
            if (merged == null) out.add(new Excerpt(List.of(m.member()), wide));
        }
        return out;
    }
}
