package dev.quorum.repair;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.repair.RepairResult.SuspiciousLine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Among plausible edits of one statement the simplest goes on to selection; statements keep their rank order. */
class SimplestFirstTest {
    @TempDir
    Path repo;

    @Test
    void theShortestResultLeadsAndRemovalTrails() throws Exception {
        Path file = repo.resolve("src/main/java/com/acme/Buf.java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, """
                package com.acme;
                class Buf {
                    int size;
                    int lastIndexOf(String s, int from) { return from; }
                    int lastIndexOf(String s) {
                        return lastIndexOf(s, size - 1);
                    }
                    void clear() {
                        size = size - 1;
                    }
                }
                """);
        SuspiciousLine first = new SuspiciousLine("src/main/java/com/acme/Buf.java", 6, 1.0, false);
        SuspiciousLine second = new SuspiciousLine("src/main/java/com/acme/Buf.java", 9, 0.5, false);
        List<Candidates.Proposal> all = Candidates.propose(repo, SourceIndex.of(repo), List.of(first, second),
                FixTemplate.all(), 5, 500);
        Candidates.Proposal plusOne = pick(all, "operator-mutation", "size - 1  →  size + 1", 6);
        Candidates.Proposal folded = pick(all, "off-by-one", "size - 1  →  size", 6);
        Candidates.Proposal removal = pick(all, "statement-removal", "remove line 9", 9);
        Candidates.Proposal secondPlusOne = pick(all, "operator-mutation", "size - 1  →  size + 1", 9);

        assertThat(TemplateRepairEngine.simplestFirst(List.of(plusOne, removal, folded, secondPlusOne)))
                .containsExactly(folded, plusOne, secondPlusOne, removal);
        assertThat(TemplateRepairEngine.simplestPerStatement(List.of(plusOne, removal, folded, secondPlusOne)))
                .containsExactly(folded, secondPlusOne);
    }

    private static Candidates.Proposal pick(List<Candidates.Proposal> all, String template, String change, int line) {
        return all.stream().filter(p -> p.edit().template().equals(template) && p.at().line() == line
                && (p.edit().change().equals(change) || !change.contains("→") && p.edit().change().startsWith(change)))
                .findFirst().orElseThrow(() -> new AssertionError("no " + template + " " + change + " at "
                + line + " in " + all.stream().map(p -> p.at().line() + " " + p.edit().change()).toList()));
    }
}
