package dev.quorum.selection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.core.Patch;
import java.util.List;
import org.junit.jupiter.api.Test;

class NormalizationTest {
    private final StrkitPools pools = new StrkitPools(FixtureTasksForTests.named("acme__strkit-12"));
    private final Normalization normalization = new Normalization(pools.repo);

    @Test
    void variantsThatDifferInWhitespaceAndCommentsFormOneGroup() {
        List<Patch> wrong = pools.popularWrong();
        assertThat(wrong.get(0)).isNotEqualTo(wrong.get(1));
        List<Candidate> candidates = List.of(Candidate.of("w1", wrong.get(0)), Candidate.of("w2", wrong.get(1)),
                Candidate.of("w3", wrong.get(2)), Candidate.of("ok", pools.correct()),
                Candidate.of("alt", pools.correctAlternative()), Candidate.of("fit", pools.overfitting()));

        List<Grouping.Planned> groups = Grouping.group(candidates, normalization);

        assertThat(groups).extracting(g -> g.members().stream().map(Candidate::id).toList())
                .containsExactly(List.of("w1", "w2", "w3"), List.of("ok"), List.of("alt"), List.of("fit"));
        assertThat(groups.getFirst().normalized().readable()).contains("width(cell) > widths[c]").doesNotContain("only cut cells");
    }

    @Test
    void aPatchThatOnlyChangesCommentsNormalizesToNothing() {
        Patch comment = Diffs.modify(pools.repo, StrkitPools.ABBREVIATOR,
                Diffs.replace("    /** Appended where text was cut. */", "    /** The marker appended where text was cut. */"));

        assertThat(normalization.normalize(comment).key()).isEmpty();
        assertThat(normalization.normalize(pools.correct()).key()).contains("codePointCount");
    }

    @Test
    void aPatchThatDoesNotApplyHereFallsBackToItsNormalizedLines() {
        Patch foreign = Patch.ofText("""
                --- a/src/main/java/com/acme/strkit/Missing.java
                +++ b/src/main/java/com/acme/strkit/Missing.java
                @@ -1,1 +1,1 @@
                -int a = 1; // old
                +int a  =  2;
                """);

        Normalization.Normalized n = normalization.normalize(foreign);

        assertThat(n.key()).contains("+int a = 2;").contains("-int a = 1;");
    }

    @Test
    void stripsCommentsButNotStringContents() {
        assertThat(Normalization.stripJavaComments("String s = \"// not a comment\"; // a comment"))
                .isEqualTo("String s = \"// not a comment\"; ");
    }

    /** Issue 13: a file of the checkout that is a link leaving it is never read (its target could be any host file). */
    @Test
    void aLinkThatLeavesTheCheckoutIsNotRead(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
        java.nio.file.Path checkout = java.nio.file.Files.createDirectories(tmp.resolve("checkout"));
        java.nio.file.Path outside = java.nio.file.Files.writeString(tmp.resolve("secret.txt"), "TOP SECRET host file\n");
        java.nio.file.Files.createSymbolicLink(checkout.resolve("notes.txt"), outside);
        Patch patch = Patch.ofText("diff --git a/notes.txt b/notes.txt\n--- a/notes.txt\n+++ b/notes.txt\n"
                + "@@ -1 +1 @@\n-TOP SECRET host file\n+changed\n");

        Normalization.Normalized normalized = new Normalization(checkout).normalize(patch);

        assertThat(normalized.readable()).contains("(diff, normalized)");
        assertThat(normalized.key()).doesNotContain("TOP SECRET host file\n=== ");
        assertThat(normalized.readable()).doesNotContain("changed\nTOP SECRET").contains("+changed");
    }
}
