package dev.quorum.agent;

import dev.quorum.model.ToolSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** {@code view}: a file with line numbers (optionally a range), or a directory's entries. */
record ViewTool(WorktreeFiles files) implements Tool {
    static final ToolSpec SPEC = ToolSpec.of("view",
            "Show a file with line numbers (optionally a line range), or list a directory.", """
            {"type":"object","properties":{"path":{"type":"string","description":"relative to the repository root"},
             "start_line":{"type":"integer"},"end_line":{"type":"integer"}},"required":["path"]}""");

    @Override
    public ToolSpec spec() {
        return SPEC;
    }

    @Override
    public String run(ToolArgs args) {
        return view(args.text("path"), args.integerOr("start_line", 0), args.integerOr("end_line", 0));
    }

    String view(String path, int start, int end) {
        Worktree worktree = files.worktree();
        Path file = worktree.resolve(path);
        if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
            try (Stream<Path> list = Files.list(file)) {
                List<String> names = list.map(p -> worktree.relative(p)
                                + (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? "/" : ""))
                        .sorted().limit(300).toList();
                return String.join("\n", names);
            } catch (IOException e) {
                throw new ToolError("cannot list " + path + ": " + e.getMessage());
            }
        }
        List<String> lines = List.of(files.text(file, path).split("\r?\n", -1));
        int from = Math.max(1, start);
        int to = end <= 0 ? lines.size() : Math.min(end, lines.size());
        if (from > lines.size()) {
            throw new ToolError(path + " has " + lines.size() + " lines; start_line " + start + " is past its end");
        }
        StringBuilder out = new StringBuilder();
        if (worktree.linksOutside().contains(worktree.relative(file))) {
            out.append("[").append(path).append(" is a symbolic link in the repository that leads outside it;"
                    + " shown is its target, not what it points at]\n");
        }
        for (int i = from; i <= to; i++) {
            out.append(String.format("%5d  %s%n", i, lines.get(i - 1)));
        }
        return out.toString();
    }
}
