package dev.quorum.agent;

import dev.quorum.model.ToolSpec;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/** {@code str_replace}: one exact occurrence replaced, then the edited lines shown. */
record StrReplaceTool(WorktreeFiles files, ViewTool view) implements Tool {
    static final ToolSpec SPEC = ToolSpec.of("str_replace", "Replace exactly one occurrence of old_str in a"
            + " file with new_str. old_str must match the file exactly (whitespace included) and occur once; add"
            + " context lines to make it unique.", """
            {"type":"object","properties":{"path":{"type":"string"},"old_str":{"type":"string"},"new_str":{"type":"string"}},
             "required":["path","old_str","new_str"]}""");

    @Override
    public ToolSpec spec() {
        return SPEC;
    }

    @Override
    public String run(ToolArgs args) {
        String path = args.text("path");
        String oldStr = args.text("old_str");
        String newStr = args.rawText("new_str");
        Path file = files.worktree().resolveForWrite(path);
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new ToolError("no file " + path + "; use create_file for new files");
        }
        String content = files.text(file, path);
        // Files with CRLF line endings keep them: the model writes LF, so match and replace in the file's style.
        if (content.contains("\r\n") && !oldStr.contains("\r\n")) {
            oldStr = oldStr.replace("\n", "\r\n");
            newStr = newStr.replace("\r\n", "\n").replace("\n", "\r\n");
        }
        int first = content.indexOf(oldStr);
        if (first < 0) {
            throw new ToolError("old_str was not found in " + path + "; view the file and copy the text exactly,"
                    + " whitespace and indentation included");
        }
        int count = 0;
        for (int at = first; at >= 0; at = content.indexOf(oldStr, at + 1)) {
            count++;
        }
        if (count > 1) {
            throw new ToolError("old_str occurs " + count + " times in " + path + "; add surrounding lines so that it"
                    + " occurs exactly once");
        }
        files.write(file, content.substring(0, first) + newStr + content.substring(first + oldStr.length()));
        int line = (int) content.substring(0, first).chars().filter(c -> c == '\n').count() + 1;
        int shown = (int) newStr.chars().filter(c -> c == '\n').count() + 1;
        return "edited " + path + "; lines " + Math.max(1, line - 2) + "-" + (line + shown + 1) + " now read:\n"
                + view.view(path, line - 2, line + shown + 1);
    }
}
