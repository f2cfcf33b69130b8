package dev.quorum.agent;

import dev.quorum.localization.CodeSearch;
import dev.quorum.localization.Localization;
import dev.quorum.model.ToolSpec;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code search}: a regular expression over file contents, declarations of a symbol, or BM25 over the run's code
 * index ({@link CodeSearch}, built once for the run and shared by its trajectories).
 */
record SearchTool(Worktree worktree, CodeSearch index) implements Tool {
    static final ToolSpec SPEC = ToolSpec.of("search", "Search the repository. mode=text: regular expression"
            + " over file contents; mode=symbol: where a class, interface, enum, record or method of that name is"
            + " declared; mode=bm25: files and methods ranked for a free-text query.", """
            {"type":"object","properties":{"query":{"type":"string"},"mode":{"type":"string","enum":["text","symbol","bm25"]},
             "path":{"type":"string","description":"only under this directory (text and symbol modes)"}},"required":["query"]}""");
    private static final int MAX_HITS = 60;
    private static final int MAX_HIT_CHARS = 300;
    private static final int MAX_SEARCHED_FILE_BYTES = 1 << 20;
    /** One search, all files together: a regex that backtracks without end is stopped here. */
    static final Duration SEARCH_TIME = Duration.ofSeconds(10);

    @Override
    public ToolSpec spec() {
        return SPEC;
    }

    @Override
    public String run(ToolArgs args) {
        String query = args.text("query");
        String under = args.textOr("path", "");
        Path root = under.isBlank() ? worktree.dir() : worktree.resolve(under);
        return switch (args.textOr("mode", "text")) {
            case "text" -> grep(compile(query), root);
            case "symbol" -> grep(compile("\\b(class|interface|enum|record|@interface)\\s+" + Pattern.quote(query)
                    + "\\b|\\b" + Pattern.quote(query) + "\\s*\\([^;]*\\)\\s*(throws [\\w., ]+)?\\{"), root);
            case "bm25" -> bm25(query);
            default -> throw new ToolError("mode must be text, symbol or bm25, was '" + args.textOr("mode", "")
                    + "'");
        };
    }

    private static Pattern compile(String regex) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            return Pattern.compile(Pattern.quote(regex)); // the model meant the literal text
        }
    }

    /**
     * Lines matching {@code pattern} in the regular files under {@code root}. Links are not followed (what a link
     * inside the repository points at is searched where it lives), and the whole search stops at
     * {@link #SEARCH_TIME}, since a regular expression can backtrack for ever.
     */
    private String grep(Pattern pattern, Path root) {
        long deadline = System.nanoTime() + SEARCH_TIME.toNanos();
        List<String> hits = new ArrayList<>();
        int total = 0;
        for (Path file : searchableFiles(root)) {
            String content;
            try {
                content = WorktreeFiles.utf8(worktree.read(file, MAX_SEARCHED_FILE_BYTES));
            } catch (ToolError unreadable) {
                continue;
            }
            if (content == null) {
                continue; // binary
            }
            String rel = worktree.relative(file);
            String[] lines = content.split("\r?\n", -1);
            for (int i = 0; i < lines.length; i++) {
                boolean found;
                try {
                    found = pattern.matcher(new TimedText(lines[i], deadline)).find();
                } catch (TimedText.Expired e) {
                    throw new ToolError("the search was stopped after " + SEARCH_TIME.toSeconds() + " s in " + rel
                            + ":" + (i + 1) + "; the regular expression backtracks too much (nested repetition such as"
                            + " (a+)+ or (.*a){n}). Simplify it, or search for literal text");
                }
                if (found) {
                    total++;
                    if (hits.size() < MAX_HITS) {
                        hits.add(rel + ":" + (i + 1) + ": " + Tools.truncate(lines[i].strip(), MAX_HIT_CHARS));
                    }
                }
            }
        }
        if (hits.isEmpty()) {
            return "no matches";
        }
        String more = total > hits.size() ? "\n[" + (total - hits.size()) + " more matches not shown]" : "";
        return String.join("\n", hits) + more;
    }

    /** Regular files under {@code root}, sorted, without build output; unreadable directories are skipped. */
    private List<Path> searchableFiles(Path root) {
        List<Path> files = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    boolean buildOutput = !dir.equals(root) && dir.getFileName().toString().equals("target");
                    return buildOutput ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile() && attrs.size() <= MAX_SEARCHED_FILE_BYTES) {
                        files.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new ToolError("cannot search " + worktree.relative(root) + ": " + e.getClass().getSimpleName());
        }
        files.sort(null);
        return files;
    }

    /** Ranked against the base commit (the model's edits are not in the index); text search sees the edits. */
    private String bm25(String query) {
        Localization found;
        try {
            found = index.search(query);
        } catch (RuntimeException e) {
            throw new ToolError("bm25 search failed (" + e.getClass().getSimpleName() + ": " + e.getMessage()
                    + "); use mode=text or mode=symbol");
        }
        StringBuilder out = new StringBuilder("files:\n");
        found.files().forEach(f -> out.append("  ").append(f.path()).append(f.test() ? " (test)" : "").append('\n'));
        out.append("methods:\n");
        found.methods().stream().limit(10).forEach(m -> out.append("  ").append(m.path()).append(':')
                .append(m.startLine()).append('-').append(m.endLine()).append("  ").append(m.member()).append('\n'));
        return out.toString();
    }
}
