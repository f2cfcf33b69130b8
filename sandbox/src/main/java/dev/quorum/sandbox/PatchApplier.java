package dev.quorum.sandbox;

import dev.quorum.core.Patch;
import dev.quorum.core.PatchFormatException;
import dev.quorum.sandbox.PatchApplication.Attempt;
import dev.quorum.sandbox.PatchApplication.Strategy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The one patch engine: applies a diff the same way in every backend and on host directories
 * ({@link DirectoryPatcher}), so that what selection saw is what evaluation grades, {@code solve --apply} writes and
 * the GitHub App pushes. The diff is checked by {@link Patch#files()} (JGit's parser) and then tried with
 * {@code git apply}, {@code git apply --3way} and {@code patch --fuzz=3}, in that order; each strategy is dry-run
 * first, and only a strategy whose dry run succeeds touches the workspace.
 */
final class PatchApplier {
    private static final Duration STEP_TIMEOUT = Duration.ofMinutes(2);

    private PatchApplier() {
    }

    static PatchApplication apply(ScratchRunner runner, Patch patch, String dir) {
        List<String> files;
        List<String> allPaths;
        try {
            List<Patch.FileChange> changes = patch.files();
            files = changes.stream().map(Patch.FileChange::path).distinct().toList();
            allPaths = changes.stream().flatMap(f -> Stream.of(f.oldPath(), f.newPath()))
                    .filter(Objects::nonNull).distinct().toList();
        } catch (PatchFormatException e) {
            return new PatchApplication.Rejected(e.getMessage(), List.of());
        }
        String name = "patch-" + patch.sha256().substring(0, 16);
        String path = runner.writeScratch(name + ".diff", patch.bytes());
        String backup = path.substring(0, path.lastIndexOf('/') + 1) + name + ".backup.tar";
        // A copied repository's index holds the original's file stat data; without a refresh, git apply --3way
        // refuses every file as "does not match index". Outside a git repository this fails harmlessly.
        runner.run(command(dir, git("update-index", "-q", "--refresh")));
        List<Attempt> attempts = new ArrayList<>();
        for (Strategy strategy : Strategy.values()) {
            ExecResult check = runner.run(command(dir, dryRun(strategy, path)));
            // git apply --3way --check succeeds even when the merge would leave conflict markers.
            if (!check.succeeded() || check.output().text().contains("with conflicts")) {
                attempts.add(new Attempt(strategy, false, describe(check)));
                continue;
            }
            runner.run(command(dir, backupCommand(allPaths, backup)));
            ExecResult real = runner.run(command(dir, apply(strategy, path)));
            attempts.add(new Attempt(strategy, real.succeeded(), describe(real)));
            if (real.succeeded()) {
                return new PatchApplication.Applied(strategy, files, List.copyOf(attempts));
            }
            // A strategy that failed half-way must not leave its half behind for the next one.
            runner.run(command(dir, restoreCommand(allPaths, backup)));
        }
        return new PatchApplication.Rejected("the patch does not apply to " + (dir.isEmpty() ? "the workspace" : dir)
                + " (tried git apply, git apply --3way and patch --fuzz=3): "
                + attempts.getLast().message().lines().findFirst().orElse(""), List.copyOf(attempts));
    }

    /** Archives the touched files that exist now, so that {@link #restoreCommand} can undo a failed apply. */
    private static List<String> backupCommand(List<String> paths, String backup) {
        return withPaths("tar -cf '" + backup + "' --files-from /dev/null; for f in \"$@\"; do"
                + " [ -e \"$f\" ] && tar -rf '" + backup + "' -- \"$f\"; done; true", paths);
    }

    private static List<String> restoreCommand(List<String> paths, String backup) {
        return withPaths("for f in \"$@\"; do rm -f -- \"$f\" \"$f.rej\" \"$f.orig\"; done; tar -xf '" + backup + "'",
                paths);
    }

    private static List<String> withPaths(String script, List<String> paths) {
        List<String> argv = new ArrayList<>(List.of("bash", "-c", script, "quorum-patch"));
        argv.addAll(paths);
        return argv;
    }

    private static Command command(String dir, List<String> argv) {
        return new Command(argv, dir, Map.of(), STEP_TIMEOUT);
    }

    private static List<String> dryRun(Strategy strategy, String path) {
        return switch (strategy) {
            case GIT_APPLY -> git("apply", "--check", "--whitespace=nowarn", path);
            case GIT_3WAY -> git("apply", "--3way", "--check", "--whitespace=nowarn", path);
            case FUZZY -> List.of("patch", "-p1", "--dry-run", "--batch", "--forward", "--fuzz=3", "-i", path);
        };
    }

    private static List<String> apply(Strategy strategy, String path) {
        return switch (strategy) {
            case GIT_APPLY -> git("apply", "--whitespace=nowarn", path);
            case GIT_3WAY -> git("apply", "--3way", "--whitespace=nowarn", path);
            case FUZZY -> List.of("patch", "-p1", "--batch", "--forward", "--fuzz=3", "--no-backup-if-mismatch",
                    "-i", path);
        };
    }

    private static List<String> git(String... args) {
        List<String> argv = new ArrayList<>(List.of("git", "-c", "safe.directory=*", "-c", "core.autocrlf=false"));
        argv.addAll(List.of(args));
        return argv;
    }

    private static String describe(ExecResult result) {
        String text = result.output().text().strip();
        return switch (result) {
            case ExecResult.Exited e -> e.exitCode() == 0 ? (text.isEmpty() ? "ok" : text)
                    : (text.isEmpty() ? "exit code " + e.exitCode() : text);
            case ExecResult.TimedOut t -> "timed out after " + t.limit().toSeconds() + " s";
        };
    }
}
