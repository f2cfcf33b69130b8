package dev.quorum.selection;

import dev.quorum.core.Patch;
import dev.quorum.core.Task;
import dev.quorum.core.TestId;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Candidate patches and voter tests for the bundled fixture acme__strkit-12 (emoji counted as two characters by
 * {@code Abbreviator.abbreviate}). Written by hand so that each plays a known part.
 */
final class StrkitPools {
    static final String ABBREVIATOR = "src/main/java/com/acme/strkit/Abbreviator.java";
    static final String TABLE = "src/main/java/com/acme/strkit/TextTable.java";
    static final String GUARD = "        if (text.length() <= maxWidth) {\n            return text;";
    static final String TABLE_CUT = "            if (widths[c] > Abbreviator.MARKER.length()) {";

    final Task task;
    final Path repo;

    StrkitPools(Task task) {
        this.task = task;
        this.repo = Path.of(task.repo().spec());
    }

    static Task strkit(List<Task> tasks) {
        return tasks.stream().filter(t -> t.instanceId().equals("acme__strkit-12")).findFirst().orElseThrow();
    }

    /** The task's reference fix: count code points. */
    Patch correct() {
        return task.patch();
    }

    /** Another correct fix, written differently. */
    Patch correctAlternative() {
        return Diffs.modify(repo, ABBREVIATOR, Diffs.replace(GUARD,
                "        if (text.codePoints().count() <= maxWidth) {\n            return text;"));
    }

    /**
     * A wrong (partial) fix in the table instead of the abbreviator, in three textual variants that differ only in
     * whitespace and comments.
     */
    List<Patch> popularWrong() {
        return List.of(
                Diffs.modify(repo, TABLE, Diffs.replace(TABLE_CUT,
                        "            if (widths[c] > Abbreviator.MARKER.length() && width(cell) > widths[c]) {")),
                Diffs.modify(repo, TABLE, Diffs.replace(TABLE_CUT,
                        "            // only cut cells that do not fit\n"
                                + "            if (widths[c] > Abbreviator.MARKER.length()  &&  width( cell ) > widths[c]) {")),
                Diffs.modify(repo, TABLE, Diffs.replace(TABLE_CUT,
                        "            if (widths[c] > Abbreviator.MARKER.length() /* room for the marker */\n"
                                + "                    && width(cell) > widths[c]) {")));
    }

    /** The reference fix in three textual variants that normalize to the same code (whitespace and comments). */
    List<Patch> identicalCorrect() {
        String fixed = "        if (text.codePointCount(0, text.length()) <= maxWidth) {\n            return text;";
        return List.of(
                Diffs.modify(repo, ABBREVIATOR, Diffs.replace(GUARD, fixed)),
                Diffs.modify(repo, ABBREVIATOR, Diffs.replace(GUARD,
                        "        // count code points, not chars\n" + fixed.replace("(0, text.length())", "(0,  text.length())"))),
                Diffs.modify(repo, ABBREVIATOR, Diffs.replace(GUARD, fixed.replace(" <= ", "  <=  "))));
    }

    /**
     * A correct fix that also hides {@code Abbreviator.MARKER} behind an accessor (and updates its one caller), so a
     * voter test that reads the field does not compile against it.
     */
    Patch correctHidingMarker() {
        return Diffs.join(
                Diffs.modify(repo, ABBREVIATOR, s -> Diffs.replace("    public static final String MARKER = \"...\";",
                        "    static final String MARKER = \"...\";\n\n    public static String marker() {\n"
                                + "        return MARKER;\n    }").andThen(Diffs.replace(GUARD,
                        "        if (text.codePointCount(0, text.length()) <= maxWidth) {\n            return text;"))
                        .apply(s).replace("static final String MARKER", "private static final String MARKER")),
                Diffs.modify(repo, TABLE, Diffs.replace("Abbreviator.MARKER.length()", "Abbreviator.marker().length()")));
    }

    /**
     * A fix that is flaky by itself: in the first JVM started in a workspace it still counts chars (it leaves a
     * marker file under target/), afterwards it counts code points. The reproduction test flips for it alone.
     */
    Patch flakyFix() {
        UnaryOperator<String> guard = Diffs.replace(GUARD, "        if ((FIRST_RUN ? text.length() : text.codePointCount(0,"
                + " text.length())) <= maxWidth) {\n            return text;");
        UnaryOperator<String> firstRun = Diffs.replace("    private Abbreviator() {",
                "    private static final boolean FIRST_RUN = firstRun();\n\n"
                        + "    private static boolean firstRun() {\n"
                        + "        try {\n"
                        + "            java.nio.file.Files.createFile(java.nio.file.Path.of(\"target\", \"strkit-first-run\"));\n"
                        + "            return true;\n"
                        + "        } catch (java.io.IOException e) {\n"
                        + "            return false;\n"
                        + "        }\n"
                        + "    }\n\n"
                        + "    private Abbreviator() {");
        return Diffs.modify(repo, ABBREVIATOR, text -> firstRun.apply(guard.apply(text)));
    }

    /** Special-cases the input of one reproduction test. */
    Patch overfitting() {
        return Diffs.modify(repo, ABBREVIATOR, Diffs.replace(GUARD,
                "        if (text.length() <= maxWidth || text.equals(\"\\uD83D\\uDE80 deploy\")) {\n            return text;"));
    }

    /** Does not compile. */
    Patch notCompiling() {
        return Diffs.modify(repo, ABBREVIATOR, Diffs.replace(GUARD,
                "        if (text.codePointCount() <= maxWidth) {\n            return text;"));
    }

    /** A change that fixes nothing (a renamed local), in three textual variants. */
    List<Patch> popularNoOp() {
        String keep = "        int keep = maxWidth - MARKER.length();\n        int end = text.offsetByCodePoints(0, keep);";
        return List.of(
                Diffs.modify(repo, ABBREVIATOR, Diffs.replace(keep,
                        "        int kept = maxWidth - MARKER.length();\n        int end = text.offsetByCodePoints(0, kept);")),
                Diffs.modify(repo, ABBREVIATOR, Diffs.replace(keep,
                        "        int kept = maxWidth - MARKER.length(); // room left\n        int end = text.offsetByCodePoints(0,kept);")),
                Diffs.modify(repo, ABBREVIATOR, Diffs.replace(keep,
                        "        int kept   = maxWidth - MARKER.length();\n\n        int end = text.offsetByCodePoints( 0, kept );")));
    }

    /** The task's test patch, the abbreviator's part: a reproduction voter. */
    VoterTest reproAbbreviator() {
        return new VoterTest("repro-abbreviator", section("AbbreviatorTest.java"),
                List.of(TestId.parse("com.acme.strkit.AbbreviatorTest#countsEmojiAsOneCharacter"),
                        TestId.parse("com.acme.strkit.AbbreviatorTest#neverCutsAnEmojiInHalf")),
                VoterTest.Origin.REPRODUCTION);
    }

    /** The task's test patch, the table's part: a reproduction voter. */
    VoterTest reproTable() {
        return new VoterTest("repro-table", section("TextTableTest.java"),
                List.of(TestId.parse("com.acme.strkit.TextTableTest#keepsEmojiCellsThatFitTheColumn")),
                VoterTest.Origin.REPRODUCTION);
    }

    /** Passes whatever the candidate. */
    VoterTest weak() {
        return new VoterTest("weak", Diffs.newFile("src/test/java/com/acme/strkit/WeakVoterTest.java", """
                package com.acme.strkit;

                import static org.junit.jupiter.api.Assertions.assertEquals;

                import org.junit.jupiter.api.Test;

                class WeakVoterTest {
                    @Test
                    void keepsShortAsciiText() {
                        assertEquals("abc", Abbreviator.abbreviate("abc", 6));
                    }
                }
                """), List.of(TestId.parse("com.acme.strkit.WeakVoterTest#keepsShortAsciiText")), VoterTest.Origin.REPRODUCTION);
    }

    /** Asserts the buggy behaviour. */
    VoterTest wrong() {
        return new VoterTest("wrong", Diffs.newFile("src/test/java/com/acme/strkit/WrongVoterTest.java", """
                package com.acme.strkit;

                import static org.junit.jupiter.api.Assertions.assertEquals;

                import org.junit.jupiter.api.Test;

                class WrongVoterTest {
                    @Test
                    void cutsEmojiCells() {
                        assertEquals("\\uD83D\\uDE80 ship...", Abbreviator.abbreviate("\\uD83D\\uDE80 shipped", 9));
                    }
                }
                """), List.of(TestId.parse("com.acme.strkit.WrongVoterTest#cutsEmojiCells")), VoterTest.Origin.REPRODUCTION);
    }

    /** Asserts the buggy behaviour, given by a user (in the first version such a test vetoed every fix). */
    VoterTest wrongFromUser() {
        VoterTest wrong = wrong();
        return new VoterTest("wrong-user", wrong.testPatch(), wrong.testIds(), VoterTest.Origin.USER);
    }

    /** Reads {@code Abbreviator.MARKER}: passes on base, does not compile against {@link #correctHidingMarker()}. */
    VoterTest markerVoter() {
        return new VoterTest("marker", Diffs.newFile("src/test/java/com/acme/strkit/MarkerVoterTest.java", """
                package com.acme.strkit;

                import static org.junit.jupiter.api.Assertions.assertEquals;

                import org.junit.jupiter.api.Test;

                class MarkerVoterTest {
                    @Test
                    void marksCutsWithThreeDots() {
                        assertEquals("...", Abbreviator.MARKER);
                    }
                }
                """), List.of(TestId.parse("com.acme.strkit.MarkerVoterTest#marksCutsWithThreeDots")),
                VoterTest.Origin.REPRODUCTION);
    }

    /**
     * Fails the first time it runs in a sandbox and passes from then on (a marker file under {@code target/}): a
     * flaky voter that fails on the base commit by chance, deterministically.
     */
    VoterTest failsOnlyOnItsFirstRun() {
        return new VoterTest("flips-once", Diffs.newFile("src/test/java/com/acme/strkit/FlipsOnceVoterTest.java", """
                package com.acme.strkit;

                import static org.junit.jupiter.api.Assertions.assertTrue;

                import java.nio.file.Files;
                import java.nio.file.Path;
                import org.junit.jupiter.api.Test;

                class FlipsOnceVoterTest {
                    @Test
                    void passesFromTheSecondRunOn() throws Exception {
                        Path marker = Path.of("target", "flips-once-voter.marker");
                        boolean ranBefore = Files.exists(marker);
                        Files.createDirectories(marker.getParent());
                        Files.writeString(marker, "ran");
                        assertTrue(ranBefore, "the first run in this sandbox fails");
                    }
                }
                """), List.of(TestId.parse("com.acme.strkit.FlipsOnceVoterTest#passesFromTheSecondRunOn")),
                VoterTest.Origin.REPRODUCTION);
    }

    /** The task's PASS_TO_PASS tests. */
    VoterTest regression() {
        return new VoterTest("regression", Patch.empty(), task.passToPass(), VoterTest.Origin.REGRESSION);
    }

    private Patch section(String fileName) {
        return Patch.join(PatchParts.sections(task.testPatch()).stream()
                .filter(s -> s.path().endsWith("/" + fileName)).toList());
    }
}
