package dev.quorum.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quorum.core.BuildHints;
import dev.quorum.core.Json;
import dev.quorum.core.Redactor;
import dev.quorum.core.RepoRef;
import dev.quorum.core.TestId;
import dev.quorum.core.TestStatus;
import dev.quorum.localization.Localization;
import dev.quorum.localization.LocalizationRequest;
import dev.quorum.localization.Localizer;
import dev.quorum.model.ToolCall;
import dev.quorum.model.ToolSpec;
import dev.quorum.sandbox.Command;
import dev.quorum.sandbox.ExecResult;
import dev.quorum.sandbox.ReportedTest;
import dev.quorum.sandbox.TestRunResult;
import dev.quorum.sandbox.TestRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;

/**
 * The tools a trajectory offers the model. Reading, searching and editing work on the host worktree; running
 * tests and commands works in the trajectory's sandbox. Every recoverable problem is a {@link ToolError}.
 */
final class Tools {
    private static final ObjectMapper JSON = Json.mapper();
    private static final int MAX_HITS = 60;
    private static final int MAX_HIT_CHARS = 300;
    /** Larger files are not shown by view nor searched (a generated or data file; search narrows it). */
    private static final int MAX_FILE_BYTES = 4 << 20;
    private static final int MAX_SEARCHED_FILE_BYTES = 1 << 20;
    /** One search, all files together: a regex that backtracks without end is stopped here. */
    static final Duration SEARCH_TIME = Duration.ofSeconds(10);

    /** What a tool call came to. {@code submitted} ends the trajectory. */
    record Result(String output, boolean error, boolean submitted) {
    }

    static final List<ToolSpec> SPECS = List.of(
            ToolSpec.of("view", "Show a file with line numbers (optionally a line range), or list a directory.", """
                    {"type":"object","properties":{"path":{"type":"string","description":"relative to the repository root"},
                     "start_line":{"type":"integer"},"end_line":{"type":"integer"}},"required":["path"]}"""),
            ToolSpec.of("search", "Search the repository. mode=text: regular expression over file contents;"
                    + " mode=symbol: where a class, interface, enum, record or method of that name is declared;"
                    + " mode=bm25: files and methods ranked for a free-text query.", """
                    {"type":"object","properties":{"query":{"type":"string"},"mode":{"type":"string","enum":["text","symbol","bm25"]},
                     "path":{"type":"string","description":"only under this directory (text and symbol modes)"}},"required":["query"]}"""),
            ToolSpec.of("str_replace", "Replace exactly one occurrence of old_str in a file with new_str. old_str must"
                    + " match the file exactly (whitespace included) and occur once; add context lines to make it unique.", """
                    {"type":"object","properties":{"path":{"type":"string"},"old_str":{"type":"string"},"new_str":{"type":"string"}},
                     "required":["path","old_str","new_str"]}"""),
            ToolSpec.of("create_file", "Create a file (e.g. a new test class). Fails if it exists unless overwrite is true.", """
                    {"type":"object","properties":{"path":{"type":"string"},"content":{"type":"string"},"overwrite":{"type":"boolean"}},
                     "required":["path","content"]}"""),
            ToolSpec.of("run_tests", "Run tests in the sandbox: test ids like com.acme.FooTest or com.acme.FooTest#bar,"
                    + " or the path of a test file you wrote.", """
                    {"type":"object","properties":{"tests":{"type":"array","items":{"type":"string"}},"file":{"type":"string"}}}"""),
            ToolSpec.of("run_command", "Run a bash command in the sandbox (repository root, no network, time-limited)."
                    + " Use it to inspect and run code; file edits made by commands are NOT part of your patch:"
                    + " edit with str_replace and create_file.", """
                    {"type":"object","properties":{"command":{"type":"string"}},"required":["command"]}"""),
            ToolSpec.of("submit", "Finish: your edits so far are the patch. Call it once the fix is done.", """
                    {"type":"object","properties":{"summary":{"type":"string","description":"one or two sentences on the fix"}}}"""));

    private final Worktree worktree;
    private final SandboxSession sandbox;
    private final TestRunner tests;
    private final BuildHints build;
    private final AgentRequest.Limits limits;
    private final Path repo;
    private final String baseCommit;
    private final Redactor redactor;

    /** @param redactor applied to every output before the model (and the log) sees it */
    Tools(Worktree worktree, SandboxSession sandbox, TestRunner tests, AgentRequest request, Redactor redactor) {
        this.redactor = redactor;
        this.worktree = worktree;
        this.sandbox = sandbox;
        this.tests = tests;
        this.build = request.build();
        this.limits = request.limits();
        this.repo = request.repo();
        this.baseCommit = request.baseCommit();
    }

    /** Runs one call. Problems the model can fix come back as an error result, never as an exception. */
    Result execute(ToolCall call) {
        try {
            JsonNode args = parse(call.argumentsJson());
            return switch (call.name()) {
                case "view" -> ok(view(text(args, "path"), args.path("start_line").asInt(0), args.path("end_line").asInt(0)));
                case "search" -> ok(search(text(args, "query"), args.path("mode").asText("text"), args.path("path").asText("")));
                case "str_replace" -> ok(strReplace(text(args, "path"), text(args, "old_str"), rawText(args, "new_str")));
                case "create_file" -> ok(create(text(args, "path"), rawText(args, "content"), args.path("overwrite").asBoolean(false)));
                case "run_tests" -> ok(runTests(args));
                case "run_command" -> ok(runCommand(text(args, "command")));
                case "submit" -> new Result(args.path("summary").asText("(no summary)"), false, true);
                default -> throw new ToolError("unknown tool '" + call.name() + "'; the tools are: "
                        + SPECS.stream().map(ToolSpec::name).toList());
            };
        } catch (ToolError e) {
            return error(e.getMessage());
        } catch (UncheckedIOException e) {
            // A file system mistake the model's call ran into (a file vanished, a permission): the model can react.
            return error(e.getMessage() == null ? e.getCause().toString() : e.getMessage() + " (" + e.getCause() + ")");
        }
    }

    private Result ok(String output) {
        return new Result(truncate(redactor.redact(output), limits.maxOutputChars()), false, false);
    }

    private Result error(String message) {
        return new Result(truncate("ERROR: " + redactor.redact(message), limits.maxOutputChars()), true, false);
    }

    static String truncate(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int head = max * 2 / 3;
        int tail = max - head;
        return text.substring(0, head) + "\n[... output truncated: " + (text.length() - max)
                + " characters left out; narrow the request to see them ...]\n" + text.substring(text.length() - tail);
    }

    private static JsonNode parse(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            if (node == null || !node.isObject()) {
                throw new ToolError("arguments must be a JSON object, got: " + truncate(json, 200));
            }
            return node;
        } catch (IOException e) {
            throw new ToolError("arguments are not valid JSON (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
    }

    private static String text(JsonNode args, String field) {
        String value = rawText(args, field);
        if (value.isBlank()) {
            throw new ToolError("argument '" + field + "' must not be empty");
        }
        return value;
    }

    private static String rawText(JsonNode args, String field) {
        JsonNode v = args.get(field);
        if (v == null || v.isNull()) {
            throw new ToolError("missing argument '" + field + "'");
        }
        if (!v.isTextual()) {
            throw new ToolError("argument '" + field + "' must be a string");
        }
        return v.asText();
    }

    private String view(String path, int start, int end) {
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
        List<String> lines = readLines(file, path);
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

    private List<String> readLines(Path file, String path) {
        return List.of(text(file, path).split("\r?\n", -1));
    }

    /** A file's text; a binary file, a directory or an unreadable one is a tool error naming which. */
    private String text(Path file, String path) {
        String text = utf8(worktree.read(file, MAX_FILE_BYTES));
        if (text == null) {
            throw new ToolError(path + " is not UTF-8 text (a binary file?); it cannot be shown or edited here");
        }
        return text;
    }

    /** The bytes as UTF-8, or null when they are not (most likely a binary file). */
    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private String search(String query, String mode, String under) {
        return switch (mode) {
            case "text" -> grep(compile(query), under.isBlank() ? worktree.dir() : worktree.resolve(under));
            case "symbol" -> grep(compile("\\b(class|interface|enum|record|@interface)\\s+" + Pattern.quote(query)
                    + "\\b|\\b" + Pattern.quote(query) + "\\s*\\([^;]*\\)\\s*(throws [\\w., ]+)?\\{"),
                    under.isBlank() ? worktree.dir() : worktree.resolve(under));
            case "bm25" -> bm25(query);
            default -> throw new ToolError("mode must be text, symbol or bm25, was '" + mode + "'");
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
                content = utf8(worktree.read(file, MAX_SEARCHED_FILE_BYTES));
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
                        hits.add(rel + ":" + (i + 1) + ": " + truncate(lines[i].strip(), MAX_HIT_CHARS));
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

    private String bm25(String query) {
        Localization found;
        try {
            found = Localizer.bm25().localize(LocalizationRequest.of(new RepoRef(repo.toString()), baseCommit, query)
                    .withOptions(LocalizationRequest.Options.defaults().withContextTokens(0)));
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

    private String strReplace(String path, String oldStr, String newStr) {
        Path file = worktree.resolveForWrite(path);
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new ToolError("no file " + path + "; use create_file for new files");
        }
        if (oldStr.isEmpty()) {
            throw new ToolError("old_str must not be empty");
        }
        String content = text(file, path);
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
        String updated = content.substring(0, first) + newStr + content.substring(first + oldStr.length());
        write(file, updated);
        int line = (int) content.substring(0, first).chars().filter(c -> c == '\n').count() + 1;
        int shown = (int) newStr.chars().filter(c -> c == '\n').count() + 1;
        return "edited " + path + "; lines " + Math.max(1, line - 2) + "-" + (line + shown + 1) + " now read:\n"
                + view(path, line - 2, line + shown + 1);
    }

    private String create(String path, String content, boolean overwrite) {
        Path file = worktree.resolveForWrite(path);
        if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new ToolError(path + " is a directory; give the path of the file to create in it");
        }
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS) && !overwrite) {
            throw new ToolError(path + " exists; edit it with str_replace, or pass overwrite=true to replace it");
        }
        write(file, content);
        return "created " + path + " (" + content.lines().count() + " lines)";
    }

    private void write(Path file, String content) {
        worktree.write(file, content.getBytes(StandardCharsets.UTF_8));
        sandbox.changed(worktree.relative(file));
    }

    private String runTests(JsonNode args) {
        List<TestId> ids = new ArrayList<>();
        args.path("tests").forEach(t -> ids.add(testId(t.asText())));
        String file = args.path("file").asText("");
        if (!file.isBlank()) {
            ids.add(TestId.ofClass(classOfTestFile(file)));
        }
        if (ids.isEmpty()) {
            throw new ToolError("give 'tests' (ids like com.acme.FooTest#bar) or 'file' (a test file path)");
        }
        TestRunResult result = tests.run(sandbox.ready(), "", ids, build, limits.testTimeout());
        return switch (result) {
            case TestRunResult.Ran ran -> describe(ran);
            case TestRunResult.BuildFailed failed -> (failed.compilation() ? "COMPILATION FAILED" : "BUILD FAILED")
                    + ":\n" + String.join("\n", failed.errors());
            case TestRunResult.TimedOut t -> throw new ToolError("the test run timed out after " + t.limit()
                    .toSeconds() + " s and was killed; run fewer tests (a fresh sandbox is started next time)");
            case TestRunResult.Invalid invalid -> "TEST RUN NOT USABLE: " + invalid.reason();
        };
    }

    private static TestId testId(String text) {
        try {
            return TestId.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ToolError("not a test id: '" + text + "' (use com.acme.FooTest or com.acme.FooTest#method)");
        }
    }

    private String classOfTestFile(String path) {
        String rel = worktree.relative(worktree.resolve(path));
        int root = rel.indexOf("src/test/java/");
        if (root < 0 || !rel.endsWith(".java")) {
            throw new ToolError(path + " is not a Java file under src/test/java/");
        }
        return rel.substring(root + "src/test/java/".length(), rel.length() - ".java".length()).replace('/', '.');
    }

    private static String describe(TestRunResult.Ran ran) {
        StringBuilder out = new StringBuilder();
        long passed = ran.requested().values().stream().filter(s -> s == TestStatus.PASSED).count();
        out.append(passed).append(" of ").append(ran.requested().size()).append(" requested tests passed\n");
        for (Map.Entry<TestId, TestStatus> e : ran.requested().entrySet()) {
            out.append(e.getValue()).append("  ").append(e.getKey()).append('\n');
        }
        for (ReportedTest t : ran.reported()) {
            if (t.status() == TestStatus.FAILED || t.status() == TestStatus.ERROR) {
                out.append("  ").append(t.status()).append(' ').append(t.id()).append(": ").append(t.message()).append('\n');
            }
        }
        return out.toString();
    }

    private String runCommand(String command) {
        Duration timeout = limits.commandTimeout();
        ExecResult result = sandbox.ready().run(Command.shell(timeout, command));
        return switch (result) {
            case ExecResult.Exited exited -> "exit code " + exited.exitCode() + "\n" + exited.output().textWithNote();
            case ExecResult.TimedOut t -> throw new ToolError("the command timed out after " + timeout.toSeconds()
                    + " s and was killed (a fresh sandbox is started next time). Output so far:\n" + t.output().textWithNote());
        };
    }
}
