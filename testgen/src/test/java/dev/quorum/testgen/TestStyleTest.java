package dev.quorum.testgen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quorum.core.BuildHints;
import dev.quorum.localization.ContextBlock;
import dev.quorum.localization.Localization;
import dev.quorum.localization.RankedFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which module and framework generated tests are written for, read from real files on disk. */
class TestStyleTest {
    @TempDir
    Path repo;

    private void write(String path, String content) throws IOException {
        Path file = repo.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private static Localization localizedAt(String... paths) {
        List<RankedFile> files = java.util.Arrays.stream(paths)
                .map(p -> new RankedFile(p, p.contains("src/test/"), 1.0, List.of())).toList();
        return new Localization("abc", files, List.of(), new ContextBlock("", 0, 0, List.of()), files.size(), List.of());
    }

    @Test
    void aJUnit4ModuleOfAMultiModuleBuildGetsJUnit4TestsThereWithItsOwnTestAsExample() throws IOException {
        write("pom.xml", "<project><modules><module>lib</module></modules><dependencyManagement><dependencies>"
                + "<dependency><groupId>junit</groupId><artifactId>junit</artifactId></dependency>"
                + "</dependencies></dependencyManagement></project>");
        write("lib/pom.xml", "<project><dependencies><dependency><groupId>junit</groupId><artifactId>junit</artifactId>"
                + "</dependency></dependencies></project>");
        write("lib/src/main/java/a/Parser.java", "package a; public class Parser {}");
        write("lib/src/test/java/a/ParserTest.java", "package a;\nimport org.junit.Test;\npublic class ParserTest {}\n");
        write("lib/src/test/java/a/OtherTest.java", "package a;\nimport org.junit.Test;\npublic class OtherTest {}\n");

        TestStyle style = TestStyle.detect(repo, localizedAt("lib/src/main/java/a/Parser.java"), BuildHints.none());

        assertThat(style.module()).isEqualTo("lib");
        assertThat(style.framework()).isEqualTo(TestStyle.Framework.JUNIT4);
        assertThat(style.example()).contains("class ParserTest");
        assertThat(ReproductionWriter.prompt("it breaks", "", style)).contains("Write one JUnit 4 test class")
                .contains("Do not use org.junit.jupiter").contains("class ParserTest");
    }

    @Test
    void vintageModulesKeepTheStyleTheirTestsUseAndTestNGIsRecognized() throws IOException {
        write("pom.xml", "<project><dependencies><dependency><artifactId>junit-jupiter</artifactId></dependency>"
                + "<dependency><artifactId>junit-vintage-engine</artifactId></dependency></dependencies></project>");
        write("src/main/java/a/Cache.java", "package a; class Cache {}");
        write("src/test/java/a/CacheTest.java", "package a;\nimport org.junit.Test;\npublic class CacheTest {}\n");
        write("src/test/java/a/OldTest.java", "package a;\nimport static org.junit.Assert.*;\npublic class OldTest {}\n");
        write("src/test/java/a/NewTest.java", "package a;\nimport org.junit.jupiter.api.Test;\nclass NewTest {}\n");

        TestStyle vintage = TestStyle.detect(repo, localizedAt("src/main/java/a/Cache.java"), BuildHints.none());

        assertThat(vintage.module()).isEmpty();
        assertThat(vintage.framework()).isEqualTo(TestStyle.Framework.JUNIT4);
        assertThat(TestStyle.frameworkOf("import org.testng.annotations.Test;")).contains(TestStyle.Framework.TESTNG);
        assertThat(TestStyle.available("<artifactId>testng</artifactId>")).containsExactly(TestStyle.Framework.TESTNG);
    }
}
