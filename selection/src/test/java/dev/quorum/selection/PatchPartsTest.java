package dev.quorum.selection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.core.Patch;
import dev.quorum.core.TestId;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PatchPartsTest {

    @Test
    void splitsTestFilesOffByteForByte() {
        String code = "diff --git a/src/main/java/A.java b/src/main/java/A.java\n--- a/src/main/java/A.java\n"
                + "+++ b/src/main/java/A.java\n@@ -1,1 +1,1 @@\n-a\r\n+b\r\n";
        String test = "diff --git a/m/src/test/java/com/x/ATest.java b/m/src/test/java/com/x/ATest.java\n"
                + "new file mode 100644\n--- /dev/null\n+++ b/m/src/test/java/com/x/ATest.java\n@@ -0,0 +1,1 @@\n+class ATest {}\n";
        String helper = "--- a/src/test/java/com/x/Helper.java\n+++ b/src/test/java/com/x/Helper.java\n@@ -1 +1 @@\n-x\n+y\n";

        PatchParts.Split split = PatchParts.split(Patch.ofText(code + test + helper));

        assertThat(new String(split.code().bytes(), StandardCharsets.UTF_8)).isEqualTo(code);
        assertThat(split.tests().text()).isEqualTo(test + helper);
        assertThat(PatchParts.testClassesOf(split.tests())).containsExactly(TestId.ofClass("com.x.ATest"));
    }

    @Test
    void aRemovedLineThatLooksLikeAHeaderStaysInItsHunk() {
        String patch = "--- a/README.md\n+++ b/README.md\n@@ -1,3 +1,1 @@\n--- a/old\n-+++ b/old\n keep\n";

        assertThat(PatchParts.sections(Patch.ofText(patch))).hasSize(1);
        assertThat(PatchParts.changedLines(Patch.ofText(patch))).isEqualTo(2);
    }

    @Test
    void integrationTestsAndTestFixturesAreTestsAndTheirClassesVote() {
        String it = "diff --git a/core/src/it/java/com/x/ServerIT.java b/core/src/it/java/com/x/ServerIT.java\n"
                + "new file mode 100644\n--- /dev/null\n+++ b/core/src/it/java/com/x/ServerIT.java\n"
                + "@@ -0,0 +1,1 @@\n+class ServerIT {}\n";
        String fixture = Patch.newFile("lib/src/testFixtures/java/com/x/Fixtures.java", "class Fixtures {}\n").text();
        String code = Patch.newFile("core/src/main/java/com/x/Server.java", "class Server {}\n").text();

        PatchParts.Split split = PatchParts.split(Patch.ofText(it + fixture + code));

        assertThat(split.code().text()).isEqualTo(code);
        assertThat(split.tests().text()).isEqualTo(it + fixture);
        assertThat(PatchParts.testClassesOf(split.tests())).containsExactly(TestId.ofClass("com.x.ServerIT"));
    }
}
