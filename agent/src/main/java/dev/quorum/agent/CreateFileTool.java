package dev.quorum.agent;

import dev.quorum.model.ToolSpec;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/** {@code create_file}: a new file, or a replaced one when asked to overwrite. */
record CreateFileTool(WorktreeFiles files) implements Tool {
    static final ToolSpec SPEC = ToolSpec.of("create_file",
            "Create a file (e.g. a new test class). Fails if it exists unless overwrite is true.", """
            {"type":"object","properties":{"path":{"type":"string"},"content":{"type":"string"},"overwrite":{"type":"boolean"}},
             "required":["path","content"]}""");

    @Override
    public ToolSpec spec() {
        return SPEC;
    }

    @Override
    public String run(ToolArgs args) {
        String path = args.text("path");
        String content = args.rawText("content");
        Path file = files.worktree().resolveForWrite(path);
        if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new ToolError(path + " is a directory; give the path of the file to create in it");
        }
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS) && !args.flag("overwrite")) {
            throw new ToolError(path + " exists; edit it with str_replace, or pass overwrite=true to replace it");
        }
        files.write(file, content);
        return "created " + path + " (" + content.lines().count() + " lines)";
    }
}
