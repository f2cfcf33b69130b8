package dev.quorum.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quorum.core.RepoRef;
import dev.quorum.core.Task;
import dev.quorum.sandbox.DockerTestEnvironment;
import dev.quorum.tasks.FixtureTasks;
import dev.quorum.tasks.TaskFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Repositories as they come from mirrors and CI, graded for real: a bare mirror whose history lacks a blob outside
 * the base commit, and a depth-1 clone, each grade gold like the complete repository they came from.
 */
class IncompleteRepositoryDockerTest {
    private static final String SEMVER = "acme__semver-40";

    @TempDir
    Path dir;

    @Test
    void aMirrorMissingABlobOutsideTheBaseAndAShallowCloneGradeGoldLikeACompleteRepository() throws Exception {
        DockerTestEnvironment docker = DockerTestEnvironment.get();
        Task semver = FixtureTasks.materialize(dir.resolve("fixtures")).stream()
                .filter(t -> t.instanceId().equals(SEMVER)).findFirst().orElseThrow();
        Path complete = Path.of(semver.repo().spec());
        Path trimmed = bareCopyMissingABlobOutside(complete, semver.baseCommit(), dir.resolve("trimmed.git"));
        Path shallow = dir.resolve("ci/semver");
        git(dir, "clone", "--quiet", "--depth", "1", complete.toUri().toString(), shallow.toString());
        // What broke before: a JGit clone of the trimmed mirror fails on the missing blob.
        assertThatThrownBy(() -> Git.cloneRepository().setURI(trimmed.toUri().toString()).setCloneAllBranches(true)
                .setDirectory(dir.resolve("jgit-clone").toFile()).call().close()).isInstanceOf(Exception.class);
        Path tasksFile = dir.resolve("tasks.jsonl");
        TaskFiles.writeTasks(tasksFile, List.of(semver, from(semver, "-trimmed", trimmed), from(semver, "-shallow",
                shallow)));

        EvalReport report = Evaluator.using(docker.environments(), docker.provider()).evaluate(
                EvalRequest.gold(tasksFile, "gold").withRunsDir(dir.resolve("runs")).withCacheDir(dir.resolve("cache")));

        assertThat(report.instances()).hasSize(3).allSatisfy(r -> {
            assertThat(r.outcome()).as(r.instanceId() + ": " + r.error()).isEqualTo(Outcome.RESOLVED_FULL);
            assertThat(r.tests()).isNotEmpty();
        });
        assertThat(report.instances().stream().map(InstanceResult::tests).distinct()).hasSize(1);
    }

    private static Task from(Task task, String suffix, Path repo) {
        return new Task(task.instanceId() + suffix, new RepoRef(repo.toString()), task.baseCommit(),
                task.problemStatement(), task.hintsText(), task.patch(), task.testPatch(), task.failToPass(),
                task.passToPass(), task.build());
    }

    /**
     * A bare copy of {@code source}'s loose-object repository plus a side branch whose commit adds a blob that is
     * then deleted, as in partial clones and mirrors trimmed of large files.
     */
    private static Path bareCopyMissingABlobOutside(Path source, String base, Path bare) throws IOException {
        Path gitDir = source.resolve(".git");
        try (Stream<Path> paths = Files.walk(gitDir)) {
            for (Path p : paths.toList()) {
                Path target = bare.resolve(gitDir.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        try (Repository repo = new FileRepositoryBuilder().setGitDir(bare.toFile()).build();
             ObjectInserter inserter = repo.newObjectInserter()) {
            StoredConfig config = repo.getConfig();
            config.setBoolean("core", null, "bare", true);
            config.save();
            ObjectId big = inserter.insert(Constants.OBJ_BLOB, "a large asset".getBytes(StandardCharsets.UTF_8));
            TreeFormatter tree = new TreeFormatter();
            tree.append("asset.bin", FileMode.REGULAR_FILE, big);
            CommitBuilder side = new CommitBuilder();
            PersonIdent who = new PersonIdent("Test", "test@example.invalid");
            side.setTreeId(inserter.insert(tree));
            side.setParentId(ObjectId.fromString(base));
            side.setAuthor(who);
            side.setCommitter(who);
            side.setMessage("an asset on a side branch");
            ObjectId sideId = inserter.insert(side);
            inserter.flush();
            RefUpdate update = repo.updateRef(Constants.R_HEADS + "side");
            update.setNewObjectId(sideId);
            update.forceUpdate();
            Files.delete(bare.resolve("objects").resolve(big.name().substring(0, 2)).resolve(big.name().substring(2)));
        }
        return bare;
    }

    private static void git(Path cwd, String... args) throws IOException, InterruptedException {
        List<String> argv = Stream.concat(Stream.of("git"), Stream.of(args)).toList();
        Process p = new ProcessBuilder(argv).directory(cwd.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(String.join(" ", argv) + ": " + out).isZero();
    }
}
