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
        List<Candidates.Proposal> proposals = Candidates.propose(repo, SourceIndex.of(repo),
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
        List<Candidates.Proposal> proposals = Candidates.propose(repo, SourceIndex.of(repo),
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

    @Test
    void conditionChangeRegroupsMixedAndOr() throws Exception {
        List<String> changed = changedLines("""
                package com.acme;
                class Calc {
                    boolean valid(boolean lang, boolean country, boolean area) {
                        return lang && country || area;
                    }
                    boolean either(boolean a, boolean b, boolean c) {
                        if (a || b && c) {
                            return true;
                        }
                        return false;
                    }
                }
                """, 4);
        assertThat(changed).contains("condition-change: return lang && (country || area);");
        assertThat(changedLines(Files.readString(repo.resolve("src/main/java/com/acme/Calc.java")), 7))
                .contains("condition-change: if ((a || b) && c) {");
    }

    @Test
    void offByOneFoldsAnExistingOffsetAndLiteralMutationWritesNoZeroAddend() throws Exception {
        List<String> changed = changedLines("""
                package com.acme;
                class Calc {
                    int lastIndexOf(String s, int from) { return from; }
                    int size;
                    int last(String s) {
                        return lastIndexOf(s, size - 1);
                    }
                }
                """, 6);
        assertThat(changed).contains("off-by-one: return lastIndexOf(s, size);",
                "off-by-one: return lastIndexOf(s, size - 2);")
                .noneMatch(c -> c.contains("size - 0") || c.contains("(size - 1) + 1"));
    }

    @Test
    void operatorMutationUndoesACompoundAssignmentWhoseValueIsRead() throws Exception {
        List<String> changed = changedLines("""
                package com.acme;
                class Calc {
                    static final int FORM = 4;
                    int options;
                    boolean isForm() {
                        return (options &= FORM) != 0;
                    }
                    void grow(int n) {
                        options += n;
                    }
                }
                """, 6);
        assertThat(changed).contains("operator-mutation: return (options & FORM) != 0;",
                "operator-mutation: return (options |= FORM) != 0;");
        assertThat(changedLines(Files.readString(repo.resolve("src/main/java/com/acme/Calc.java")), 9))
                .contains("operator-mutation: options -= n;").doesNotContain("operator-mutation: options + n;");
    }

    @Test
    void nullSafeEqualsNamesObjectsAsTheFileCan() throws Exception {
        List<String> changed = changedLines("""
                package com.acme;
                class Calc {
                    Object value;
                    boolean same(Calc that) {
                        return this.value.equals(that.value);
                    }
                }
                """, 5);
        assertThat(changed).contains("null-safe-equals: return java.util.Objects.equals(this.value, that.value);");
        assertThat(changedLines("""
                package com.acme;
                import java.util.Objects;
                class Calc {
                    Object value;
                    boolean same(Calc that) {
                        return value.equals(that.value);
                    }
                }
                """, 6)).contains("null-safe-equals: return Objects.equals(value, that.value);");
    }

    @Test
    void returnedNullBecomesAConstantOfTheReturnType() throws Exception {
        List<String> changed = changedLines("""
                package com.acme;
                class Calc {
                    static final Calc EMPTY = new Calc();
                    static final Calc NONE = new Calc();
                    static final String NAME = "calc";
                    static Calc of(String s) {
                        return null;
                    }
                }
                """, 7);
        assertThat(changed).contains("return-mutation: return EMPTY;", "return-mutation: return NONE;")
                .doesNotContain("return-mutation: return NAME;");
    }

    @Test
    void staticCallOnAProjectClassTriesItsSiblingsWithTheSameParameters() throws Exception {
        Path utils = repo.resolve("src/main/java/com/acme/time/Durations.java");
        Files.createDirectories(utils.getParent());
        Files.writeString(utils, """
                package com.acme.time;
                public final class Durations {
                    public static int toMillisInt(java.time.Duration d) { return (int) d.toMillis(); }
                    public static long toMillisLong(java.time.Duration d) { return d.toMillis(); }
                    public static boolean isPositive(java.time.Duration d) { return !d.isNegative(); }
                    public static long toMillisLong(String s) { return 0; }
                    public static int count(java.time.Duration d, int n) { return n; }
                    static int hidden(java.time.Duration d) { return 0; }
                }
                """);
        List<String> changed = changedLines("""
                package com.acme;
                import com.acme.time.Durations;
                class Calc {
                    String format(java.time.Duration d) {
                        return Long.toString(Durations.toMillisInt(d));
                    }
                }
                """, 5);
        assertThat(changed).filteredOn(c -> c.startsWith("method-invocation-mutation: return Long.toString("))
                .containsExactly("method-invocation-mutation: return Long.toString(Durations.toMillisLong(d));",
                        "method-invocation-mutation: return Long.toString(Durations.isPositive(d));");
    }

    @Test
    void variableReplacementSeesLocalsDeclaredInAnEnclosingBlock() throws Exception {
        List<String> changed = changedLines("""
                package com.acme;
                class Calc {
                    Class<?> load(String className) throws ClassNotFoundException {
                        String next = className;
                        do {
                            String inner = next;
                            next = inner + "$";
                        } while (next.length() < 3);
                        throw new ClassNotFoundException(next);
                    }
                }
                """, 9);
        assertThat(changed).contains("variable-replacement: throw new ClassNotFoundException(className);")
                .noneMatch(c -> c.contains("(inner)"));
    }

    @Test
    void anArgumentDeclaredObjectMayBeAnyParameterOfTheMethod() throws Exception {
        Path validate = repo.resolve("src/main/java/com/acme/Validate.java");
        Files.createDirectories(validate.getParent());
        Files.writeString(validate, """
                package com.acme;
                public final class Validate {
                    public static void notNullParam(Object value, String name) { }
                }
                """);
        List<String> changed = changedLines("""
                package com.acme;
                class Calc {
                    private String value;
                    private java.io.InputStream stream;
                    Calc stream(java.io.InputStream input, int size) {
                        Validate.notNullParam(value, "input");
                        this.stream = input;
                        return this;
                    }
                }
                """, 6);
        assertThat(changed).contains("variable-replacement: Validate.notNullParam(input, \"input\");")
                .doesNotContain("variable-replacement: Validate.notNullParam(size, \"input\");");
    }

    @Test
    void nullCheckGuardsAGettersResult() throws Exception {
        List<String> changed = changedLines("""
                package com.acme;
                class Calc {
                    private java.time.Instant stop;
                    java.time.Instant getStop() { return stop; }
                    long stopTime() {
                        return getStop().toEpochMilli();
                    }
                }
                """, 6);
        assertThat(changed).contains("null-check-insertion: if (getStop() == null) { return 0; }");
    }

    @Test
    void rangeCheckGuardsAnIndexBeforeItIsUsed() throws Exception {
        List<String> changed = changedLines("""
                package com.acme;
                class Calc {
                    char last(String s) {
                        return s.charAt(s.length() - 1);
                    }
                    int first(int[] xs) {
                        return xs[0];
                    }
                    void put(java.util.List<String> out, int i, String v) {
                        out.get(i).concat(v);
                    }
                }
                """, 4);
        assertThat(changed).contains(
                "range-check: if (!(0 <= s.length() - 1 && s.length() - 1 < s.length())) { return '\\0'; }");
        String file = Files.readString(repo.resolve("src/main/java/com/acme/Calc.java"));
        assertThat(changedLines(file, 7)).contains("range-check: if (!(0 < xs.length)) { return 0; }");
        assertThat(changedLines(file, 10)).contains("range-check: if (0 <= i && i < out.size()) { out.get(i).concat(v); }");
    }

    @Test
    void castCheckGuardsACastByItsType() throws Exception {
        List<String> changed = changedLines("""
                package com.acme;
                class Calc {
                    int size(Object o) {
                        return ((java.util.List<String>) o).size();
                    }
                }
                """, 4);
        assertThat(changed).contains("cast-check: if (!(o instanceof java.util.List)) { return 0; }");
    }
}
