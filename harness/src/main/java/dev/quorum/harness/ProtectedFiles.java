package dev.quorum.harness;

import dev.quorum.core.Patch;
import dev.quorum.core.PatchFormatException;
import dev.quorum.core.RepoPaths;
import dev.quorum.harness.Apply.Integrity;
import dev.quorum.harness.Apply.ResetException;
import dev.quorum.sandbox.Command;
import dev.quorum.sandbox.ExecResult;
import dev.quorum.sandbox.Sandbox;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The files a model patch may not change for grading: test sources and resources ({@link RepoPaths#isTestSource}),
 * and build files too when grading is strict. What the patch changed is found with {@code git status} (ignored files
 * included: a patch could hide a file it adds behind a {@code .gitignore} line), not from the patch's own file list,
 * so that no quirk of diff parsing lets a change through.
 *
 * <p>A checkout can differ from its commit before any patch (files committed with CRLF under {@code text=auto}
 * show as modified): such files are copied aside before the patch and copied back after it, so that they neither
 * count as the patch's changes nor make the reset fail.
 */
final class ProtectedFiles {
    private static final String BACKUP = "protected-before-patch.tar";

    private ProtectedFiles() {
    }

    /** What differed from the base commit before the patch, and where the protected ones among it were saved. */
    record Baseline(Set<String> changed, List<String> savedProtected, String backup, boolean strict) {
        Predicate<String> isProtected() {
            return strict ? p -> RepoPaths.isTestSource(p) || RepoPaths.isBuildFile(p) : RepoPaths::isTestSource;
        }
    }

    static Baseline before(Sandbox sandbox, boolean strict) throws ResetException {
        Set<String> changed = new LinkedHashSet<>();
        changedPaths(sandbox).forEach(c -> changed.add(c.path()));
        Baseline baseline = new Baseline(changed, List.of(), sandbox.scratchDir() + "/" + BACKUP, strict);
        List<String> saved = changed.stream().filter(baseline.isProtected()).toList();
        if (!saved.isEmpty()) {
            run(sandbox, "saving files that differ from the base commit before the patch", List.of("bash", "-c",
                    "tar -cf \"$0\" --files-from /dev/null && for f in \"$@\"; do"
                            + " if [ -e \"$f\" ] || [ -L \"$f\" ]; then tar -rf \"$0\" -- \"$f\" || exit 1; fi; done",
                    baseline.backup()), saved);
        }
        return new Baseline(changed, saved, baseline.backup(), strict);
    }

    /** Puts every protected file back as it was before the patch and says what the patch had changed. */
    static Integrity restore(Sandbox sandbox, Baseline baseline, Patch patch) throws ResetException {
        Predicate<String> isProtected = baseline.isProtected();
        List<Change> changed = changedPaths(sandbox);
        List<Change> added = changed.stream().filter(c -> !baseline.changed().contains(c.path())).toList();
        List<Change> toReset = added.stream().filter(c -> isProtected.test(c.path())).toList();
        if (!toReset.isEmpty()) {
            resetToHead(sandbox, toReset);
        }
        if (!baseline.savedProtected().isEmpty()) {
            run(sandbox, "restoring the files saved before the patch", List.of("bash", "-c",
                    "for f in \"$@\"; do rm -rf -- \"$f\"; done && tar -xf \"$0\"", baseline.backup()),
                    baseline.savedProtected());
        }
        List<String> left = changedPaths(sandbox).stream().map(Change::path).filter(isProtected)
                .filter(p -> !baseline.changed().contains(p)).toList();
        if (!left.isEmpty()) {
            throw new ResetException("still changed after the reset: " + left);
        }
        Set<String> touched = new LinkedHashSet<>();
        added.forEach(c -> touched.add(c.path()));
        // A file that already differed before the patch is in git status either way: the patch's own list says
        // whether the patch touched it too.
        declaredPaths(patch).stream().filter(baseline.changed()::contains).forEach(touched::add);
        List<String> tests = touched.stream().filter(RepoPaths::isTestSource).sorted().toList();
        List<String> builds = touched.stream().filter(RepoPaths::isBuildFile).sorted().toList();
        return new Integrity(tests, builds, baseline.strict() && !builds.isEmpty());
    }

    /** Untracked paths (ignored ones included) are removed; tracked ones checked out from the base commit. */
    private static void resetToHead(Sandbox sandbox, List<Change> changes) throws ResetException {
        List<String> argv = new ArrayList<>(List.of("bash", "-c", """
                set -e
                for f in "$@"; do
                  case "$f" in
                    '?'*) rm -rf -- "${f#?}" ;;
                  esac
                done
                for f in "$@"; do
                  case "$f" in
                    '?'*) ;;
                    *) if git -c safe.directory='*' cat-file -e "HEAD:${f#?}" 2>/dev/null; then
                         git -c safe.directory='*' -c core.autocrlf=false checkout -q HEAD -- "${f#?}"
                       else
                         git -c safe.directory='*' rm -q -r --cached --ignore-unmatch -- "${f#?}" >/dev/null
                         rm -rf -- "${f#?}"
                       fi ;;
                  esac
                done
                """, "quorum-reset"));
        // Untracked files and directories go first, so that a tracked file that became a directory can come back; a
        // file a 3-way apply added to the index leaves the index too.
        changes.forEach(c -> argv.add((c.untracked() ? "?" : "=") + c.path()));
        run(sandbox, "resetting to the base commit", argv, List.of());
    }

    private static void run(Sandbox sandbox, String what, List<String> argv, List<String> paths)
            throws ResetException {
        List<String> all = new ArrayList<>(argv);
        all.addAll(paths);
        ExecResult result = sandbox.run(new Command(all, "", Map.of(), Apply.STEP));
        if (!result.succeeded()) {
            throw new ResetException(what + " failed: " + result.output().text().strip());
        }
    }

    private static List<String> declaredPaths(Patch patch) {
        try {
            return patch.files().stream().flatMap(f -> java.util.stream.Stream.of(f.oldPath(), f.newPath()))
                    .filter(java.util.Objects::nonNull).toList();
        } catch (PatchFormatException e) {
            return List.of(); // it applied, so git read it; the status-based list above stands
        }
    }

    /** One path that differs from the base commit; untracked ones (ignored ones included) are not in it. */
    private record Change(String path, boolean untracked) {
    }

    private static List<Change> changedPaths(Sandbox sandbox) throws ResetException {
        List<String> argv = new ArrayList<>(Apply.GIT);
        argv.addAll(List.of("status", "--porcelain=v1", "-z", "--no-renames", "--untracked-files=all",
                "--ignored=matching"));
        ExecResult status = sandbox.run(new Command(argv, "", Map.of(), Apply.STEP));
        if (!status.succeeded()) {
            throw new ResetException("git status failed: " + status.output().text().strip());
        }
        if (status.output().truncated()) {
            throw new ResetException("git status listed more changes than can be checked ("
                    + status.output().totalBytes() + " bytes)");
        }
        List<Change> changes = new ArrayList<>();
        for (String entry : status.output().text().split("\0")) {
            if (entry.length() < 4) {
                continue;
            }
            String code = entry.substring(0, 2);
            String path = entry.substring(3);
            changes.add(new Change(path.endsWith("/") ? path.substring(0, path.length() - 1) : path,
                    code.equals("??") || code.equals("!!")));
        }
        return changes;
    }
}
