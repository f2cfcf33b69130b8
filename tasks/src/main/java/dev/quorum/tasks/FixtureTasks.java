package dev.quorum.tasks;

import dev.quorum.core.FileTrees;
import com.fasterxml.jackson.databind.JsonNode;
import dev.quorum.core.Json;
import dev.quorum.core.Patch;
import dev.quorum.core.RepoRef;
import dev.quorum.core.Task;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.ConfigConstants;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * The bundled fixture tasks: small Java libraries with a real bug each, kept as source trees in the jar and
 * turned into git repositories on demand.
 *
 * <p>Each fixture under {@code fixtures/<name>/} holds {@code base/} (the repository at the base commit),
 * {@code fix/} (files as the reference fix leaves them), {@code tests/} (files as the test patch leaves them) and
 * {@code task.json} (issue text, tests, build hints, and {@code crlf}: files stored with CRLF line endings in the
 * repository — the resources keep LF so no checkout setting of this project can alter them). Commits have a fixed
 * author and time, so base commits have the same SHA on every machine.
 */
public final class FixtureTasks {
    private static final String ROOT = "fixtures/";
    private static final PersonIdent AUTHOR = new PersonIdent("Quorum Fixtures", "fixtures@quorum.invalid",
            Instant.parse("2024-01-02T03:04:05Z"), ZoneOffset.UTC);

    private FixtureTasks() {
    }

    /** The fixture names, in index order. */
    public static List<String> names() {
        return index().keySet().stream().toList();
    }

    /**
     * Creates one git repository per fixture under {@code dir/<name>} (at its base commit, on branch
     * {@code main}) and writes {@code dir/tasks.jsonl}. {@code dir/<name>} must not exist yet.
     *
     * @return the tasks, each with {@code repo} the absolute path of its repository
     */
    public static List<Task> materialize(Path dir) throws IOException {
        Path root = dir.toAbsolutePath().normalize();
        Files.createDirectories(root);
        List<Task> tasks = new ArrayList<>();
        for (Map.Entry<String, List<String>> fixture : index().entrySet()) {
            tasks.add(materializeOne(root, fixture.getKey(), fixture.getValue()));
        }
        TaskFiles.writeTasks(root.resolve("tasks.jsonl"), tasks);
        return tasks;
    }

    private static Task materializeOne(Path root, String name, List<String> files) throws IOException {
        JsonNode spec = Json.mapper().readTree(resource(ROOT + name + "/task.json"));
        List<String> crlf = new ArrayList<>();
        spec.path("crlf").forEach(n -> crlf.add(n.asText()));
        Map<String, byte[]> base = new TreeMap<>();
        Map<String, byte[]> fix = new TreeMap<>();
        Map<String, byte[]> tests = new TreeMap<>();
        for (String file : files) {
            String relative = file.substring(name.length() + 1);
            int slash = relative.indexOf('/');
            if (slash < 0) {
                continue;
            }
            String part = relative.substring(0, slash);
            String path = relative.substring(slash + 1);
            byte[] bytes = resource(ROOT + file);
            if (crlf.contains(path)) {
                bytes = toCrlf(bytes);
            }
            switch (part) {
                case "base" -> base.put(path, bytes);
                case "fix" -> fix.put(path, bytes);
                case "tests" -> tests.put(path, bytes);
                default -> throw new IllegalStateException("fixture " + name + " has an unknown part: " + file);
            }
        }
        Path repoDir = root.resolve(name);
        if (Files.exists(repoDir)) {
            throw new IOException("cannot create fixture repository " + repoDir + ": it already exists");
        }
        String baseCommit = createRepository(repoDir, base, "Import " + name);
        Diffs diffs = diffs(base, fix, tests);
        return new Task(
                spec.path("instance_id").asText(),
                new RepoRef(repoDir.toString()),
                baseCommit,
                spec.path("problem_statement").asText(),
                spec.path("hints_text").asText(""),
                diffs.patch(),
                diffs.testPatch(),
                Fields.testIds(spec, "FAIL_TO_PASS"),
                Fields.testIds(spec, "PASS_TO_PASS"),
                TaskJson.build(spec));
    }

    private record Diffs(Patch patch, Patch testPatch) {
    }

    /** Diffs computed in a throwaway repository, so the fixture's own repository never holds the fix. */
    private static Diffs diffs(Map<String, byte[]> base, Map<String, byte[]> fix, Map<String, byte[]> tests)
            throws IOException {
        Path scratch = Files.createTempDirectory("quorum-fixture-diff");
        try (Repository repo = FileRepositoryBuilder.create(scratch.resolve("repo.git").toFile())) {
            repo.create(true);
            ObjectId baseTree;
            ObjectId fixTree;
            ObjectId testTree;
            try (ObjectInserter inserter = repo.newObjectInserter()) {
                baseTree = insertTree(inserter, base);
                fixTree = insertTree(inserter, overlay(base, fix));
                testTree = insertTree(inserter, overlay(base, tests));
                inserter.flush();
            }
            return new Diffs(diff(repo, baseTree, fixTree), diff(repo, baseTree, testTree));
        } finally {
            FileTrees.delete(scratch);
        }
    }

    private static Patch diff(Repository repo, ObjectId from, ObjectId to) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DiffFormatter formatter = new DiffFormatter(out)) {
            formatter.setRepository(repo);
            formatter.setDetectRenames(false);
            formatter.format(from, to);
        }
        return new Patch(out.toByteArray());
    }

    private static Map<String, byte[]> overlay(Map<String, byte[]> base, Map<String, byte[]> changes) {
        Map<String, byte[]> result = new TreeMap<>(base);
        result.putAll(changes);
        return result;
    }

    private static String createRepository(Path dir, Map<String, byte[]> files, String message) throws IOException {
        try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
            Repository repo = git.getRepository();
            StoredConfig config = repo.getConfig();
            config.setBoolean(ConfigConstants.CONFIG_CORE_SECTION, null, ConfigConstants.CONFIG_KEY_AUTOCRLF, false);
            config.save();
            ObjectId commit;
            try (ObjectInserter inserter = repo.newObjectInserter()) {
                CommitBuilder builder = new CommitBuilder();
                builder.setTreeId(insertTree(inserter, files));
                builder.setAuthor(AUTHOR);
                builder.setCommitter(AUTHOR);
                builder.setMessage(message + "\n");
                commit = inserter.insert(builder);
                inserter.flush();
            }
            RefUpdate update = repo.updateRef(Constants.R_HEADS + "main");
            update.setNewObjectId(commit);
            update.setRefLogMessage("fixture import", false);
            RefUpdate.Result result = update.forceUpdate();
            if (result != RefUpdate.Result.NEW && result != RefUpdate.Result.FORCED) {
                throw new IOException("cannot set main in " + dir + ": " + result);
            }
            git.reset().setMode(ResetCommand.ResetType.HARD).setRef(commit.name()).call();
            return commit.name();
        } catch (GitAPIException e) {
            throw new IOException("cannot create fixture repository " + dir + ": " + e.getMessage(), e);
        }
    }

    private static ObjectId insertTree(ObjectInserter inserter, Map<String, byte[]> files) throws IOException {
        DirCache index = DirCache.newInCore();
        DirCacheBuilder builder = index.builder();
        for (Map.Entry<String, byte[]> file : new TreeMap<>(files).entrySet()) {
            DirCacheEntry entry = new DirCacheEntry(file.getKey());
            entry.setFileMode(file.getKey().endsWith(".sh") ? FileMode.EXECUTABLE_FILE : FileMode.REGULAR_FILE);
            entry.setObjectId(inserter.insert(Constants.OBJ_BLOB, file.getValue()));
            builder.add(entry);
        }
        builder.finish();
        return index.writeTree(inserter);
    }

    private static byte[] toCrlf(byte[] lf) {
        String text = new String(lf, StandardCharsets.UTF_8).replace("\r\n", "\n").replace("\n", "\r\n");
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Fixture name to its files (paths under {@code fixtures/}), from the index file: no directory scanning. */
    private static Map<String, List<String>> index() {
        String text = new String(resource(ROOT + "index.txt"), StandardCharsets.UTF_8);
        Map<String, List<String>> fixtures = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            String path = line.strip();
            if (path.isEmpty() || path.startsWith("#")) {
                continue;
            }
            String name = path.substring(0, path.indexOf('/'));
            fixtures.computeIfAbsent(name, k -> new ArrayList<>()).add(path);
        }
        return fixtures;
    }

    private static byte[] resource(String name) {
        try (InputStream in = FixtureTasks.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing bundled resource " + name + " (is fixtures/index.txt stale?)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
