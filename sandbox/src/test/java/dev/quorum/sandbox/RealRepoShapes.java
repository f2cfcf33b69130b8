package dev.quorum.sandbox;

import dev.quorum.core.Patch;
import dev.quorum.core.TestId;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * Generated repositories shaped like real ones that broke env images: a strict build (Error Prone as a javac
 * plugin with {@code -Werror}, default-package classes rejected, as gson in 2023), a Maven Wrapper committed
 * without its jar (jackson-core), a plugin bound to the test lifecycle by a profile that a marker file activates
 * (commons-lang), and a Java 6 code base. Each has a bug, a failing test and the gold patch.
 */
public final class RealRepoShapes {
    /** The JaCoCo version {@link #jacocoByMarkerFile} binds (fetched from Maven Central by the env build). */
    public static final String JACOCO = "0.8.12";

    /** A repository at its first commit, the patch that fixes it, and the test that shows the fix. */
    public record Shape(Path repo, String baseCommit, Patch gold, TestId failToPass) {
    }

    private RealRepoShapes() {
    }

    public static Shape strictErrorProne(Path dir) throws IOException {
        MavenProjects.write(dir, Map.of(
                "pom.xml", """
                        <project xmlns="http://maven.apache.org/POM/4.0.0">
                          <modelVersion>4.0.0</modelVersion>
                          <groupId>dev.example</groupId><artifactId>strict</artifactId><version>1.0</version>
                          <properties>
                            <maven.compiler.release>17</maven.compiler.release>
                            <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
                          </properties>
                          <dependencies>
                            <dependency><groupId>org.junit.jupiter</groupId><artifactId>junit-jupiter</artifactId>
                              <version>%s</version><scope>test</scope></dependency>
                          </dependencies>
                          <build><plugins>
                            <plugin><groupId>org.apache.maven.plugins</groupId>
                              <artifactId>maven-surefire-plugin</artifactId><version>3.5.2</version></plugin>
                            <plugin><groupId>org.apache.maven.plugins</groupId>
                              <artifactId>maven-compiler-plugin</artifactId><version>3.13.0</version>
                              <configuration>
                                <compilerArgs>
                                  <arg>-XDcompilePolicy=simple</arg>
                                  <arg>--should-stop=ifError=FLOW</arg>
                                  <arg>-Xplugin:ErrorProne -Xep:DefaultPackage:WARN</arg>
                                  <arg>-Werror</arg>
                                </compilerArgs>
                                <annotationProcessorPaths>
                                  <path><groupId>com.google.errorprone</groupId><artifactId>error_prone_core</artifactId>
                                    <version>2.36.0</version></path>
                                </annotationProcessorPaths>
                              </configuration>
                            </plugin>
                          </plugins></build>
                        </project>
                        """.formatted(MavenProjects.JUNIT),
                ".mvn/jvm.config", String.join("\n", Arrays.stream(new String[] {"api", "file", "main", "model",
                        "parser", "processing", "tree", "util"}).map(p -> "--add-exports jdk.compiler/com.sun.tools.javac."
                        + p + "=ALL-UNNAMED").toList()) + "\n--add-opens jdk.compiler/com.sun.tools.javac.code=ALL-UNNAMED"
                        + "\n--add-opens jdk.compiler/com.sun.tools.javac.comp=ALL-UNNAMED\n",
                "src/main/java/dev/example/strict/Greeter.java", """
                        package dev.example.strict;

                        /** Greets people. */
                        public final class Greeter {
                            private Greeter() {
                            }

                            /** A greeting for {@code name}. */
                            public static String greet(String name) {
                                return "Hi " + name;
                            }
                        }
                        """,
                "src/test/java/dev/example/strict/GreeterTest.java", """
                        package dev.example.strict;

                        import static org.junit.jupiter.api.Assertions.assertEquals;

                        import org.junit.jupiter.api.Test;

                        class GreeterTest {
                            @Test
                            void greetsByName() {
                                assertEquals("Hello Ada", Greeter.greet("Ada"));
                            }
                        }
                        """));
        return new Shape(dir, MavenProjects.commit(dir, "strict build"), Patch.ofText("""
                diff --git a/src/main/java/dev/example/strict/Greeter.java b/src/main/java/dev/example/strict/Greeter.java
                --- a/src/main/java/dev/example/strict/Greeter.java
                +++ b/src/main/java/dev/example/strict/Greeter.java
                @@ -8,5 +8,5 @@ public final class Greeter {
                     /** A greeting for {@code name}. */
                     public static String greet(String name) {
                -        return "Hi " + name;
                +        return "Hello " + name;
                     }
                 }
                """), TestId.parse("dev.example.strict.GreeterTest#greetsByName"));
    }

    /** Maven Wrapper 3.3 ("only-script"): {@code mvnw} and its properties, no {@code maven-wrapper.jar}. */
    public static Shape wrapperWithoutJar(Path dir) throws IOException {
        return adder(dir, "wrapper without its jar", Map.of(
                "pom.xml", jarPom(""),
                "mvnw", "#!/bin/sh\n# Apache Maven Wrapper startup script, version 3.3.2 (only-script)\nexit 1\n",
                MavenWrapper.PROPERTIES, "wrapperVersion=3.3.2\ndistributionType=only-script\n"
                        + "distributionUrl=https://repo.maven.apache.org/maven2/org/apache/maven/apache-maven/3.9.9/"
                        + "apache-maven-3.9.9-bin.zip\n"));
    }

    /**
     * JaCoCo's {@code prepare-agent} bound to the test lifecycle by a profile that a file's existence activates,
     * as commons-parent does with {@code src/site/resources/profile.jacoco} (commons-lang, commons-cli).
     */
    public static Shape jacocoByMarkerFile(Path dir) throws IOException {
        return adder(dir, "JaCoCo profile activated by a marker file", Map.of(
                "pom.xml", jarPom("""
                        <profiles><profile><id>jacoco</id>
                          <activation><file><exists>src/site/resources/profile.jacoco</exists></file></activation>
                          <build><plugins><plugin>
                            <groupId>org.jacoco</groupId><artifactId>jacoco-maven-plugin</artifactId>
                            <version>%s</version>
                            <executions><execution><id>prepare-agent</id><goals><goal>prepare-agent</goal></goals>
                            </execution></executions>
                          </plugin></plugins></build>
                        </profile></profiles>
                        """.formatted(JACOCO)),
                "src/site/resources/profile.jacoco", ""));
    }

    private static String jarPom(String profiles) {
        return MavenProjects.pom("calc-parent", "pom", "", "").replace("<packaging>pom</packaging>",
                "<packaging>jar</packaging>").replace("</project>", profiles + "</project>");
    }

    /** A one-class repository whose adder subtracts, with {@code files} beside it. */
    private static Shape adder(Path dir, String message, Map<String, String> files) throws IOException {
        Map<String, String> all = new java.util.HashMap<>(files);
        all.put("src/main/java/dev/example/Adder.java", """
                package dev.example;

                public final class Adder {
                    public static int add(int a, int b) {
                        return a - b;
                    }
                }
                """);
        all.put("src/test/java/dev/example/AdderTest.java", """
                package dev.example;

                import static org.junit.jupiter.api.Assertions.assertEquals;

                import org.junit.jupiter.api.Test;

                class AdderTest {
                    @Test
                    void adds() {
                        assertEquals(5, Adder.add(2, 3));
                    }
                }
                """);
        MavenProjects.write(dir, all);
        return new Shape(dir, MavenProjects.commit(dir, message), Patch.ofText("""
                diff --git a/src/main/java/dev/example/Adder.java b/src/main/java/dev/example/Adder.java
                --- a/src/main/java/dev/example/Adder.java
                +++ b/src/main/java/dev/example/Adder.java
                @@ -3,5 +3,5 @@
                 public final class Adder {
                     public static int add(int a, int b) {
                -        return a - b;
                +        return a + b;
                     }
                 }
                """), TestId.parse("dev.example.AdderTest#adds"));
    }

    /** Source and target 1.6, JUnit 4.12: JDK 17 cannot compile it. */
    public static Shape java6(Path dir) throws IOException {
        MavenProjects.write(dir, Map.of(
                "pom.xml", """
                        <project xmlns="http://maven.apache.org/POM/4.0.0">
                          <modelVersion>4.0.0</modelVersion>
                          <groupId>dev.example</groupId><artifactId>legacy</artifactId><version>1.0</version>
                          <properties>
                            <maven.compiler.source>1.6</maven.compiler.source>
                            <maven.compiler.target>1.6</maven.compiler.target>
                            <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
                          </properties>
                          <dependencies>
                            <dependency><groupId>junit</groupId><artifactId>junit</artifactId><version>4.12</version>
                              <scope>test</scope></dependency>
                          </dependencies>
                          <build><plugins>
                            <plugin><groupId>org.apache.maven.plugins</groupId>
                              <artifactId>maven-compiler-plugin</artifactId><version>3.8.1</version></plugin>
                            <plugin><groupId>org.apache.maven.plugins</groupId>
                              <artifactId>maven-surefire-plugin</artifactId><version>2.22.2</version></plugin>
                          </plugins></build>
                        </project>
                        """,
                "src/main/java/dev/example/legacy/Counter.java", """
                        package dev.example.legacy;

                        import java.util.ArrayList;
                        import java.util.List;

                        public class Counter {
                            private final List<String> seen = new ArrayList<String>();

                            public int count(String word) {
                                seen.add(word);
                                return seen.size() - 1;
                            }
                        }
                        """,
                "src/test/java/dev/example/legacy/CounterTest.java", """
                        package dev.example.legacy;

                        import static org.junit.Assert.assertEquals;

                        import org.junit.Test;

                        public class CounterTest {
                            @Test
                            public void countsEveryWord() {
                                Counter c = new Counter();
                                c.count("a");
                                assertEquals(2, c.count("b"));
                            }
                        }
                        """));
        return new Shape(dir, MavenProjects.commit(dir, "Java 6 code base"), Patch.ofText("""
                diff --git a/src/main/java/dev/example/legacy/Counter.java b/src/main/java/dev/example/legacy/Counter.java
                --- a/src/main/java/dev/example/legacy/Counter.java
                +++ b/src/main/java/dev/example/legacy/Counter.java
                @@ -9,5 +9,5 @@ public class Counter {
                     public int count(String word) {
                         seen.add(word);
                -        return seen.size() - 1;
                +        return seen.size();
                     }
                 }
                """), TestId.parse("dev.example.legacy.CounterTest#countsEveryWord"));
    }
}
