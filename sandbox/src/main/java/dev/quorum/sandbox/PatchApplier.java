package dev.quorum.sandbox;

import dev.quorum.core.Patch;
import dev.quorum.core.PatchFormatException;
import dev.quorum.sandbox.PatchApplication.Attempt;
import dev.quorum.sandbox.PatchApplication.Strategy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies a diff the same way in every backend, so that what selection saw is what evaluation grades. Each
 * strategy is dry-run first; only a strategy whose dry run succeeds touches the workspace.
 */
final class PatchApplier {
    private static final Duration STEP_TIMEOUT = Duration.ofMinutes(2);

    private PatchApplier() {
    }

    static PatchApplication apply(ScratchRunner runner, Patch patch, String dir) {
        List<String> files;
        try {
            files = patch.touchedPaths();
        } catch (PatchFormatException e) {
            return new PatchApplication.Rejected(e.getMessage(), List.of());
        }
        String path = runner.writeScratch("patch-" + patch.sha256().substring(0, 16) + ".diff", patch.bytes());
        List<Attempt> attempts = new ArrayList<>();
        for (Strategy strategy : Strategy.values()) {
            ExecResult check = runner.run(command(dir, dryRun(strategy, path)));
            if (!check.succeeded()) {
                attempts.add(new Attempt(strategy, false, describe(check)));
                continue;
            }
            ExecResult real = runner.run(command(dir, apply(strategy, path)));
            attempts.add(new Attempt(strategy, real.succeeded(), describe(real)));
            if (real.succeeded()) {
                return new PatchApplication.Applied(strategy, files, List.copyOf(attempts));
            }
        }
        return new PatchApplication.Rejected("the patch does not apply to " + (dir.isEmpty() ? "the workspace" : dir)
                + " (tried git apply, git apply --3way and patch --fuzz=3): "
                + attempts.getLast().message().lines().findFirst().orElse(""), List.copyOf(attempts));
    }

    private static Command command(String dir, List<String> argv) {
        return new Command(argv, dir, java.util.Map.of(), STEP_TIMEOUT);
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
