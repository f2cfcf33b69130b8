package dev.quorum.repair;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.repair.RepairResult.SuspiciousLine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each leading template family proposes the one-token fix of its bug, as a small text edit of the statement. */
class FixTemplatesTest {
    @TempDir
    Path repo;

    private List<String> changedLines(String source, int line) throws Exception {
        Path file = repo.resolve("src/main/java/com/acme/Calc.java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, source);
        List<Candidates.Proposal> proposals = Candidates.propose(repo,
                List.of(new SuspiciousLine("src/main/java/com/acme/Calc.java", line, 1.0, false)),
                FixTemplate.all(), 5, 500);
        return proposals.stream().map(p -> p.edit().template() + ": " + p.changed().lines().toList().get(line - 1)
                .strip()).toList();
    }

    @Test
    void operatorMutationTurnsMinusIntoPlus() throws Exception {
        assertThat(changedLines("""
                package com.acme;
                class Calc {
                    int add(int a, int b) {
                        return a - b;
                    }
                }
                """, 4)).contains("operator-mutation: return a + b;");
    }

    @Test
    void operatorMutationWritesNoDegenerateArithmetic() throws Exception {
        List<String> changed = changedLines("""
                package com.acme;
                class Calc {
                    int limit(String s, String t) {
                        return s.length() - t.length() + 1;
                    }
                }
                """, 4);
        assertThat(changed).contains("operator-mutation: return s.length() - t.length() - 1;")
                .noneMatch(c -> c.contains("% 1") || c.contains("* 1") || c.contains("/ 1"));
    }

    @Test
    void offByOneAndRelationalBoundaries() throws Exception {
        List<String> changed = changedLines("""
                package com.acme;
                class Calc {
                    boolean fits(int size, int max) {
                        return size < max;
                    }
                    int last(int[] xs) {
                        return xs[xs.length];
                    }
                }
                """, 4);
        assertThat(changed).contains("operator-mutation: return size <= max;", "off-by-one: return size < max + 1;");
    }

    @Test
    void offByOneInsideAnIndex() throws Exception {
        assertThat(changedLines("""
                package com.acme;
                class Calc {
                    int last(int[] xs) {
                        return xs[xs.length];
                    }
                }
                """, 4)).contains("off-by-one: return xs[xs.length - 1];");
    }

    @Test
    void nullCheckReturnsTheZeroValueBeforeTheDereference() throws Exception {
        Path file = repo.resolve("src/main/java/com/acme/Calc.java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, """
                package com.acme;
                class Calc {
                    int length(String s) {
                        return s.length();
                    }
                }
                """);
        List<Candidates.Proposal> proposals = Candidates.propose(repo,
                List.of(new SuspiciousLine("src/main/java/com/acme/Calc.java", 4, 1.0, false)), FixTemplate.all(), 5,
                500);
        assertThat(proposals).anySatisfy(p -> {
            assertThat(p.edit().template()).isEqualTo("null-check-insertion");
            assertThat(p.changed()).contains("        if (s == null) { return 0; }\n        return s.length();");
        });
    }

    @Test
    void variableReplacementUsesSameTypedVariablesInScope() throws Exception {
        List<String> changed = changedLines("""
                package com.acme;
                class Calc {
                    private String label;
                    String pick(String first, String second, int n) {
                        return first;
                    }
                }
                """, 5);
        assertThat(changed).contains("variable-replacement: return second;", "variable-replacement: return label;")
                .noneMatch(c -> c.equals("variable-replacement: return n;"));
    }

    @Test
    void methodInvocationMutationUsesSameAritySiblings() throws Exception {
        List<String> changed = changedLines("""
                package com.acme;
                class Calc {
                    int larger(int a, int b) {
                        return Math.min(a, b);
                    }
                    int at(String s, char c) {
                        return s.indexOf(c);
                    }
                }
                """, 4);
        assertThat(changed).contains("method-invocation-mutation: return Math.max(a, b);");
        assertThat(changedLines(Files.readString(repo.resolve("src/main/java/com/acme/Calc.java")), 7))
                .contains("method-invocation-mutation: return s.lastIndexOf(c);");
    }

    @Test
    void conditionChangeOnlyTouchesTheHeaderOfACompoundStatement() throws Exception {
        List<String> changed = changedLines("""
                package com.acme;
                class Calc {
                    int clamp(int x) {
                        if (x > 10 && x < 100) {
                            x = 10;
                        }
                        return x;
                    }
                }
                """, 4);
        assertThat(changed).contains("condition-change: if (!(x > 10 && x < 100)) {", "condition-change: if (x > 10) {",
                "literal-mutation: if (x > 11 && x < 100) {");
        assertThat(changed).noneMatch(c -> c.startsWith("statement-removal"));
    }
}
