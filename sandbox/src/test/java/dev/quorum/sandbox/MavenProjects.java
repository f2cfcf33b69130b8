package dev.quorum.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.TimeZone;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/** Small Maven projects written by tests and committed with JGit. */
public final class MavenProjects {
    /** Plugin and library versions every generated project uses, so env images are shared between tests. */
    public static final String JUNIT = "5.11.4";

    private MavenProjects() {
    }

    public static String pom(String artifactId, String packaging, String modules, String dependencies) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  %s
                  <artifactId>%s</artifactId>
                  <packaging>%s</packaging>
                  %s
                  <properties>
                    <maven.compiler.release>17</maven.compiler.release>
                    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
                  </properties>
                  <dependencies>
                    <dependency>
                      <groupId>org.junit.jupiter</groupId>
                      <artifactId>junit-jupiter</artifactId>
                      <version>%s</version>
                      <scope>test</scope>
                    </dependency>
                    %s
                  </dependencies>
                  <build>
                    <plugins>
                      <plugin>
                        <groupId>org.apache.maven.plugins</groupId>
                        <artifactId>maven-surefire-plugin</artifactId>
                        <version>3.5.2</version>
                      </plugin>
                      <plugin>
                        <groupId>org.apache.maven.plugins</groupId>
                        <artifactId>maven-compiler-plugin</artifactId>
                        <version>3.13.0</version>
                      </plugin>
                    </plugins>
                  </build>
                </project>
                """.formatted(packaging.equals("pom") ? "<groupId>dev.example</groupId><version>1.0</version>"
                        : "<parent><groupId>dev.example</groupId><artifactId>calc-parent</artifactId>"
                        + "<version>1.0</version></parent>", artifactId, packaging,
                modules.isEmpty() ? "" : "<modules>" + modules + "</modules>", JUNIT, dependencies);
    }

    /**
     * A two-module project: {@code lib} (a Calculator and a Text utility with parameterized and nested tests) and
     * {@code app} (uses lib; one passing and one failing test, one test that loops forever, one that opens a
     * socket).
     */
    public static Path multiModule(Path dir) throws IOException {
        write(dir, Map.ofEntries(
                Map.entry("pom.xml", pom("calc-parent", "pom", "<module>lib</module><module>app</module>", "")),
                Map.entry("lib/pom.xml", pom("lib", "jar", "", "")),
                Map.entry("app/pom.xml", pom("app", "jar", "",
                        "<dependency><groupId>dev.example</groupId><artifactId>lib</artifactId>"
                                + "<version>1.0</version></dependency>")),
                Map.entry("lib/src/main/java/dev/example/lib/Calculator.java", """
                        package dev.example.lib;

                        public final class Calculator {
                            public int add(int a, int b) {
                                return a + b;
                            }

                            public int subtract(int a, int b) {
                                return a + b; // the bug the failing test shows
                            }
                        }
                        """),
                Map.entry("lib/src/main/java/dev/example/lib/Text.java", """
                        package dev.example.lib;

                        public final class Text {
                            public static String shout(String s) {
                                return s.toUpperCase() + "!";
                            }
                        }
                        """),
                Map.entry("lib/src/test/java/dev/example/lib/TextTest.java", """
                        package dev.example.lib;

                        import static org.junit.jupiter.api.Assertions.assertEquals;

                        import org.junit.jupiter.api.Nested;
                        import org.junit.jupiter.api.Test;
                        import org.junit.jupiter.params.ParameterizedTest;
                        import org.junit.jupiter.params.provider.ValueSource;

                        class TextTest {
                            @ParameterizedTest
                            @ValueSource(strings = {"a", "hello"})
                            void shoutEndsWithBang(String s) {
                                assertEquals(s.toUpperCase() + "!", Text.shout(s));
                            }

                            @Nested
                            class Empty {
                                @Test
                                void emptyShoutIsJustABang() {
                                    assertEquals("!", Text.shout(""));
                                }
                            }
                        }
                        """),
                Map.entry("app/src/main/java/dev/example/app/Ledger.java", """
                        package dev.example.app;

                        import dev.example.lib.Calculator;

                        public final class Ledger {
                            private final Calculator calc = new Calculator();
                            private int balance;

                            public void deposit(int amount) { balance = calc.add(balance, amount); }
                            public void withdraw(int amount) { balance = calc.subtract(balance, amount); }
                            public int balance() { return balance; }
                        }
                        """),
                Map.entry("app/src/test/java/dev/example/app/LedgerTest.java", """
                        package dev.example.app;

                        import static org.junit.jupiter.api.Assertions.assertEquals;

                        import org.junit.jupiter.api.Test;

                        class LedgerTest {
                            @Test
                            void depositAddsUp() {
                                Ledger l = new Ledger();
                                l.deposit(5);
                                l.deposit(7);
                                assertEquals(12, l.balance());
                            }

                            @Test
                            void withdrawSubtracts() {
                                Ledger l = new Ledger();
                                l.deposit(10);
                                l.withdraw(3);
                                assertEquals(7, l.balance());
                            }
                        }
                        """),
                Map.entry("app/src/test/java/dev/example/app/NetTest.java", """
                        package dev.example.app;

                        import java.net.InetSocketAddress;
                        import java.net.Socket;
                        import org.junit.jupiter.api.Test;

                        class NetTest {
                            @Test
                            void connectsToTheProbe() throws Exception {
                                String host = System.getProperty("probe.host", "127.0.0.1");
                                int port = Integer.getInteger("probe.port", 9);
                                try (Socket s = new Socket()) {
                                    s.connect(new InetSocketAddress(host, port), 5000);
                                }
                            }
                        }
                        """),
                Map.entry("app/src/test/java/dev/example/app/HangTest.java", """
                        package dev.example.app;

                        import org.junit.jupiter.api.Test;

                        class HangTest {
                            @Test
                            void spinsForever() {
                                long n = 0;
                                while (n >= 0) {
                                    n = (n + 1) % 1000;
                                }
                            }
                        }
                        """)));
        commit(dir, "Initial import");
        return dir;
    }

    public static void write(Path root, Map<String, String> files) throws IOException {
        for (Map.Entry<String, String> e : files.entrySet()) {
            Path p = root.resolve(e.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, e.getValue(), StandardCharsets.UTF_8);
        }
    }

    /** Commits everything in {@code dir} (a repository is created if needed) with a fixed identity. */
    public static String commit(Path dir, String message) throws IOException {
        try (Git git = Files.isDirectory(dir.resolve(".git")) ? Git.open(dir.toFile())
                : Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            PersonIdent who = new PersonIdent("Quorum Test", "test@quorum.invalid", Instant.parse("2026-01-01T00:00:00Z"),
                    TimeZone.getTimeZone("UTC").toZoneId());
            RevCommit c = git.commit().setMessage(message).setAuthor(who).setCommitter(who).setSign(false).call();
            return c.getName();
        } catch (GitAPIException e) {
            throw new IOException("git failed in " + dir + ": " + e.getMessage(), e);
        }
    }
}
