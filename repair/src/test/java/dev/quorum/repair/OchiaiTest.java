package dev.quorum.repair;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.core.TestId;
import dev.quorum.repair.RepairResult.SuspiciousLine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ochiai's ranking, and how it breaks the ties that every line run only by the failing test has. */
class OchiaiTest {
    @TempDir
    Path repo;

    private SourceIndex sources() throws IOException {
        for (String cls : List.of("CharSequenceUtils", "StrBuilder")) {
            Path file = repo.resolve("src/main/java/org/acme/text/" + cls + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, "package org.acme.text;\nclass " + cls + " {}\n");
        }
        return SourceIndex.of(repo);
    }

    @Test
    void linesOnlyTheFailingTestRunsRankFirstInTheClassItIsNamedAfter() throws IOException {
        // commons-lang b1aba683: the bug is in StrBuilder, but its helper CharSequenceUtils sorts first by name.
        var failing = new CoverageCollector.TestCoverage(TestId.parse("org.acme.text.StrBuilderTest#lastIndexOf"),
                false, Set.of("org/acme/text/CharSequenceUtils.java:43", "org/acme/text/StrBuilder.java:2365",
                "org/acme/text/StrBuilder.java:10"), Set.of());
        var passing = new CoverageCollector.TestCoverage(TestId.parse("org.acme.text.StrBuilderTest#append"),
                true, Set.of("org/acme/text/StrBuilder.java:10"), Set.of());

        List<SuspiciousLine> ranked = Ochiai.rank(List.of(failing, passing), Set.of(), sources());

        assertThat(ranked).extracting(l -> l.file().substring(l.file().lastIndexOf('/') + 1) + ":" + l.line())
                .containsExactly("StrBuilder.java:2365", "CharSequenceUtils.java:43", "StrBuilder.java:10");
        assertThat(ranked.get(0).score()).isEqualTo(ranked.get(1).score());
    }
}
