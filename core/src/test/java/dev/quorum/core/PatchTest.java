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

    @Test
    void renamesCopiesModeChangesAndBinarySectionsParse() {
        String diff = """
                diff --git a/src/main/java/a/Old.java b/src/main/java/a/New.java
                similarity index 100%
                rename from src/main/java/a/Old.java
                rename to src/main/java/a/New.java
                diff --git a/src/main/java/a/Foo.java b/src/main/java/a/Bar.java
                similarity index 90%
                copy from src/main/java/a/Foo.java
                copy to src/main/java/a/Bar.java
                index 1111111..4444444 100644
                --- a/src/main/java/a/Foo.java
                +++ b/src/main/java/a/Bar.java
                @@ -1,1 +1,1 @@
                -class Foo {}
                +class Bar {}
                diff --git a/mvnw b/mvnw
                old mode 100644
                new mode 100755
                diff --git a/logo.png b/logo.png
                index 5555555..6666666 100644
                Binary files a/logo.png and b/logo.png differ
                diff --git a/src/main/java/a/Gone.java b/src/main/java/a/Gone.java
                deleted file mode 100644
                index 7777777..0000000
                --- a/src/main/java/a/Gone.java
                +++ /dev/null
                @@ -1 +0,0 @@
                -class Gone {}
                """;
        var files = Patch.ofText(diff).files();
        assertThat(files).extracting(Patch.FileChange::oldPath).containsExactly(
                "src/main/java/a/Old.java", "src/main/java/a/Foo.java", "mvnw", "logo.png", "src/main/java/a/Gone.java");
        assertThat(files).extracting(Patch.FileChange::newPath).containsExactly(
                "src/main/java/a/New.java", "src/main/java/a/Bar.java", "mvnw", "logo.png", null);
        assertThat(files).extracting(Patch.FileChange::binary).containsExactly(false, false, false, true, false);
        assertThat(files).extracting(Patch.FileChange::changedLines).containsExactly(0, 2, 0, 0, 1);
        assertThat(files.getLast().isDeleted()).isTrue();
    }

    @Test
    void formatPatchMailKeepsItsFilesAndDropsPreambleAndSignature() {
        String mail = """
                From 0123456789abcdef0123456789abcdef01234567 Mon Sep 17 00:00:00 2001
                From: Someone <someone@example.com>
                Date: Mon, 1 Jan 2024 00:00:00 +0000
                Subject: [PATCH] Fix the thing

                --- a/src/main/java/a/Foo.java is how a careless reader would split this
                ---
                 src/main/java/a/Foo.java | 2 +-
                 1 file changed, 1 insertion(+), 1 deletion(-)

                diff --git a/src/main/java/a/Foo.java b/src/main/java/a/Foo.java
                index 1111111..2222222 100644
                --- a/src/main/java/a/Foo.java
                +++ b/src/main/java/a/Foo.java
                @@ -1,3 +1,3 @@
                 class Foo {
                -  int x = 1;
                +  int x = 2;
                 }
                --\s
                2.43.0
                """;
        Patch patch = Patch.ofText(mail);
        assertThat(patch.files()).extracting(Patch.FileChange::path).containsExactly("src/main/java/a/Foo.java");
        String section = new String(patch.sections().getFirst().bytes(), StandardCharsets.UTF_8);
        assertThat(section).startsWith("diff --git ").endsWith("+  int x = 2;\n }\n");
        assertThat(patch.changedLines()).isEqualTo(2);
    }

    @Test
    void sectionsAreByteExactWithCarriageReturnsAndMissingFinalNewlines() {
        String crlfSection = "diff --git a/win.txt b/win.txt\nindex 1111111..2222222 100644\n--- a/win.txt\n"
                + "+++ b/win.txt\n@@ -1,2 +1,2 @@\n one\r\n-two\r\n+zwei\r\n";
        String noNewline = "diff --git a/end.txt b/end.txt\nindex 3333333..4444444 100644\n--- a/end.txt\n"
                + "+++ b/end.txt\n@@ -1 +1 @@\n-last\n\\ No newline at end of file\n+final\n"
                + "\\ No newline at end of file\n";
        byte[] bytes = (crlfSection + noNewline).getBytes(StandardCharsets.UTF_8);
        var sections = new Patch(bytes).sections();
        assertThat(sections).extracting(Patch.Section::path).containsExactly("win.txt", "end.txt");
        assertThat(sections.get(0).bytes()).isEqualTo(crlfSection.getBytes(StandardCharsets.UTF_8));
        assertThat(sections.get(1).bytes()).isEqualTo(noNewline.getBytes(StandardCharsets.UTF_8));
        assertThat(Patch.join(sections).bytes()).isEqualTo(bytes);
    }

    @Test
    void plainDiffOutputWithARemovedLineThatLooksLikeAHeader() {
        String diff = "--- a/notes.txt\n+++ b/notes.txt\n@@ -1,2 +1,1 @@\n--- a/other.txt\n keep\n";
        var files = Patch.ofText(diff).files();
        assertThat(files).extracting(Patch.FileChange::path).containsExactly("notes.txt");
        assertThat(files.getFirst().changedLines()).isEqualTo(1);
    }

    @Test
    void newFileDiffKeepsLineEndingsAndSaysWhenTheLastLineHasNone() {
        Patch crlf = Patch.newFile("src/test/java/a/ATest.java", "class ATest {\r\n}\r\n");
        assertThat(crlf.text()).endsWith("@@ -0,0 +1,2 @@\n+class ATest {\r\n+}\r\n");
        assertThat(crlf.files().getFirst().isNew()).isTrue();
        Patch open = Patch.newFile("a.txt", "one\ntwo");
        assertThat(open.text()).endsWith("@@ -0,0 +1,2 @@\n+one\n+two\n\\ No newline at end of file\n");
        assertThat(open.changedLines()).isEqualTo(2);
    }

    @Test
    void truncatedHunkIsAClearError() {
        assertThatThrownBy(() -> Patch.ofText("--- a/a.txt\n+++ b/a.txt\n@@ -1,3 +1,3 @@\n line 1\n").files())
                .isInstanceOf(PatchFormatException.class).hasMessageContaining("not a well-formed");
    }
}
