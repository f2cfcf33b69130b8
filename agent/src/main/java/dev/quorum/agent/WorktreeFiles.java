package dev.quorum.agent;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Text files of a trajectory's worktree as the file tools read and write them. */
record WorktreeFiles(Worktree worktree, SandboxSession sandbox) {
    /** Larger files are not shown by view nor edited (a generated or data file; search narrows it). */
    static final int MAX_FILE_BYTES = 4 << 20;

    /** A file's text; a binary file, a directory or an unreadable one is a tool error naming which. */
    String text(Path file, String path) {
        String text = utf8(worktree.read(file, MAX_FILE_BYTES));
        if (text == null) {
            throw new ToolError(path + " is not UTF-8 text (a binary file?); it cannot be shown or edited here");
        }
        return text;
    }

    /** Writes the file and tells the sandbox, which copies it in before the next run. */
    void write(Path file, String content) {
        worktree.write(file, content.getBytes(StandardCharsets.UTF_8));
        sandbox.changed(worktree.relative(file));
    }

    /** The bytes as UTF-8, or null when they are not (most likely a binary file). */
    static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
