package dev.quorum.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PatchTest {

    private static final String GIT_DIFF = """
            diff --git a/src/main/java/a/Foo.java b/src/main/java/a/Foo.java
            index 1111111..2222222 100644
            --- a/src/main/java/a/Foo.java
            +++ b/src/main/java/a/Foo.java
            @@ -1,3 +1,3 @@
             class Foo {
            -  int x = 1;
            +  int x = 2;
             }
            diff --git a/src/test/java/a/NewTest.java b/src/test/java/a/NewTest.java
            new file mode 100644
            index 0000000..3333333
            --- /dev/null
            +++ b/src/test/java/a/NewTest.java
            @@ -0,0 +1,1 @@
            +class NewTest {}
            """;

    @Test
    void listsTouchedFiles() {
        var files = Patch.ofText(GIT_DIFF).files();
        assertThat(files).extracting(Patch.FileChange::path)
                .containsExactly("src/main/java/a/Foo.java", "src/test/java/a/NewTest.java");
        assertThat(files.get(1).isNew()).isTrue();
    }

    @Test
    void keepsCarriageReturnsByteForByte() {
        byte[] crlf = GIT_DIFF.replace("int x = 1;\n", "int x = 1;\r\n").getBytes(StandardCharsets.UTF_8);
        Patch patch = new Patch(crlf);
        assertThat(patch.bytes()).isEqualTo(crlf);
        assertThat(patch.text()).contains("\r\n");
        assertThat(patch).isEqualTo(new Patch(crlf.clone()));
    }

    @Test
    void emptyPatchIsAClearError() {
        assertThat(Patch.ofText(" \n").isEmpty()).isTrue();
        assertThatThrownBy(() -> Patch.ofText("\n").files()).isInstanceOf(PatchFormatException.class)
                .hasMessageContaining("empty");
    }

    @Test
    void prosePatchIsAClearError() {
        assertThatThrownBy(() -> Patch.ofText("I changed Foo.java to fix it\n").files())
                .isInstanceOf(PatchFormatException.class).hasMessageContaining("not a unified diff");
    }

    @Test
    void headerWithoutHunksIsAClearError() {
        assertThatThrownBy(() -> Patch.ofText("--- a/x.txt\n+++ b/x.txt\n").files())
                .isInstanceOf(PatchFormatException.class).hasMessageContaining("no hunks");
    }

    @Test
    void absurdHunkHeaderIsAPatchErrorNotAnException() {
        for (String header : new String[]{"@@ -1,99999999999 +1,1 @@", "@@ -1,2147483647 +1,2147483647 @@",
                "@@ -99999999999999999999 +1 @@"}) {
            String diff = "--- a/x.txt\n+++ b/x.txt\n" + header + "\n-a\n+b\n";
            assertThatThrownBy(() -> Patch.ofText(diff).files()).as(header)
                    .isInstanceOf(PatchFormatException.class).hasMessageContaining("hunk");
        }
    }
}
