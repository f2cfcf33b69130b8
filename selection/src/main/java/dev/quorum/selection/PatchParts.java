package dev.quorum.selection;

import dev.quorum.core.Patch;
import dev.quorum.core.PatchFormatException;
import dev.quorum.core.RepoPaths;
import dev.quorum.core.TestId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Selection's view of a diff's file sections (parsed by {@link Patch#sections()}): which are tests, by the one rule
 * in {@link RepoPaths}, and the patch cut into code and tests.
 */
final class PatchParts {
    private PatchParts() {
    }

    /** A patch cut in two: the code it changes, and the tests it adds or changes. */
    record Split(Patch code, Patch tests) {
    }

    /** The file sections, or none when the bytes are not a diff (such a patch is refused when it is applied). */
    static List<Patch.Section> sections(Patch patch) {
        try {
            return patch.sections();
        } catch (PatchFormatException e) {
            return List.of();
        }
    }

    /** Sections whose file is a test file go to {@code tests}, the rest to {@code code}. */
    static Split split(Patch patch) {
        List<Patch.Section> code = new ArrayList<>();
        List<Patch.Section> tests = new ArrayList<>();
        for (Patch.Section s : sections(patch)) {
            (isTest(s) ? tests : code).add(s);
        }
        return new Split(code.isEmpty() && tests.isEmpty() ? patch : Patch.join(code), Patch.join(tests));
    }

    static boolean isTest(Patch.Section section) {
        return RepoPaths.isTestSource(section.path());
    }

    /** The test classes a patch adds or changes (deleted files excluded). */
    static List<TestId> testClassesOf(Patch patch) {
        return sections(patch).stream()
                .filter(s -> !s.change().isDeleted())
                .map(s -> RepoPaths.testClassOf(s.path()))
                .flatMap(Optional::stream)
                .distinct()
                .toList();
    }

    /** Lines added plus lines removed; 0 for bytes that are not a diff. */
    static int changedLines(Patch patch) {
        return sections(patch).stream().mapToInt(s -> s.change().changedLines()).sum();
    }
}
