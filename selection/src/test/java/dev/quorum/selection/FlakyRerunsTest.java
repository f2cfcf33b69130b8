package dev.quorum.selection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.core.Patch;
import dev.quorum.core.TestId;
import dev.quorum.selection.Evidence.Cell;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlakyRerunsTest {
    private static final TestId T = TestId.parse("a.B#c");
    private static final TestId U = TestId.parse("a.B#d");

    private static MatrixRun.GroupRun run(String id, String readable, Map<TestId, Cell> row) {
        Candidate c = Candidate.of(id, Patch.ofText("x"));
        var plan = new Grouping.Planned(id, List.of(c), new Normalization.Normalized(readable.isEmpty() ? "" : "k" + id, readable));
        return new MatrixRun.GroupRun(plan, c, List.of(), row, true, List.of(), java.util.Map.of());
    }

    @Test
    void nearIdenticalGroupsThatDisagreeAreSuspiciousButDifferentFixesAreNot() {
        String body = "int f() {\n  a();\n  b();\n  c();\n  d();\n  e();\n  g();\n  h();\n  i();\n  j();\n  k();\n  l();\n  m();\n  n();\n  o();\n  p();\n  q();\n  r();\n  s();\n  t();\n}\n";
        var a = run("g1", body, Map.of(T, Cell.PASSED, U, Cell.PASSED));
        var b = run("g2", body + "// x\n", Map.of(T, Cell.FAILED, U, Cell.PASSED));
        var other = run("g3", "int f() {\n  return 1;\n}\n", Map.of(T, Cell.FAILED, U, Cell.FAILED));

        var suspicious = FlakyReruns.suspicious(List.of(a, b, other), Map.of(T, Cell.FAILED, U, Cell.FAILED));

        assertThat(suspicious).containsOnlyKeys(a, b);
        assertThat(suspicious.get(a)).containsExactly(T);
    }

    @Test
    void aGroupThatChangesNoCodeButDiffersFromTheBaseIsSuspicious() {
        var noCode = run("g1", "", Map.of(T, Cell.PASSED, U, Cell.FAILED));

        var suspicious = FlakyReruns.suspicious(List.of(noCode), Map.of(T, Cell.FAILED, U, Cell.FAILED));

        assertThat(suspicious.get(noCode)).containsExactly(T);
    }
}
