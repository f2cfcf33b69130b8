package dev.quorum.selection;

import dev.quorum.core.BuildHints;
import dev.quorum.core.Issue;
import dev.quorum.core.Patch;
import dev.quorum.core.TestId;
import dev.quorum.sandbox.DockerTestEnvironment;
import dev.quorum.sandbox.TestRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Selection on candidate pools built from real open-source repositories (issue 12's benchmark). Each pool: a real
 * repository at a pinned commit, a bug put back into one method (the base commit), and hand-written candidates
 * playing known parts — correct, correct-but-different, a popular wrong fix ×3 (textual variants), a partial fix —
 * with realistic voters: a correct reproduction test, a weak one, one that encodes the bug, one that does not compile
 * against some candidates, a flaky one, and the repository's own tests of that class as regression tests.
 *
 * <p>For each pool it prints the decision and, from the same pass matrix, what simpler selectors would have chosen:
 * a random pick (expected accuracy), plain majority (largest normalized group) and CodeMonkeys-style vote counting
 * (most model-written tests passed). Ties count as the expected accuracy of a uniform pick among the tied.
 *
 * <p>Usage: {@code SelectionRealBench gson=<path to a clone or bare mirror of google/gson> [commons-cli=<path>]
 * [runner=auto|maven]}. Fetched code is read from those paths and never stored in this repository. {@code auto} (the
 * default, as {@code quorum solve} runs) builds the compiled state and uses the direct runner where its parity check
 * passed; the runners that produced each pool's results are printed.
 */
public final class SelectionRealBench {
    static final String GSON_COMMIT = "9835b6f90";
    static final String CLI_COMMIT = "0a68ae0e";

    /** A pool ready to select on. */
    record Pool(String name, Path repo, Issue issue, BuildHints build, List<Candidate> candidates,
                List<VoterTest> voters, Set<String> correct) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, Path> mirrors = new LinkedHashMap<>();
        String runner = "auto";
        for (String a : args) {
            String[] kv = a.split("=", 2);
            if (kv.length != 2) {
                throw new IllegalArgumentException("arguments are NAME=VALUE: gson=PATH, commons-cli=PATH, runner=auto|maven;"
                        + " got '" + a + "'");
            }
            if (kv[0].equals("runner")) {
                runner = kv[1];
            } else {
                mirrors.put(kv[0], Path.of(kv[1]));
            }
        }
        if (mirrors.isEmpty()) {
            throw new IllegalArgumentException("give gson=<path> and/or commons-cli=<path> (a clone or bare mirror)");
        }
        Path work = Files.createTempDirectory("quorum-selection-real");
        List<Pool> pools = new ArrayList<>();
        if (mirrors.containsKey("gson")) {
            pools.add(gson(checkout(mirrors.get("gson"), GSON_COMMIT, work.resolve("gson"))));
        }
        if (mirrors.containsKey("commons-cli")) {
            pools.add(commonsCli(checkout(mirrors.get("commons-cli"), CLI_COMMIT, work.resolve("commons-cli"))));
        }
        DockerTestEnvironment docker = DockerTestEnvironment.get();
        TestRunner tests = TestRunner.named(runner);
        Selector selector = Selectors.create(docker.provider(), runner.equals("maven") ? docker.environments()
                : docker.environments().withCompiledState(), tests);
        System.out.println("| pool | candidates (correct) | Quorum chose | correct | confidence | oracle | random |"
                + " plain majority | vote counting | seconds | runners |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
        double[] totals = new double[5];
        for (Pool pool : pools) {
            long start = System.nanoTime();
            SelectionResult result = selector.select(new SelectionRequest(pool.repo(), pool.issue(), pool.candidates(),
                    pool.voters(), pool.build(), SelectionOptions.defaults()));
            long seconds = (System.nanoTime() - start) / 1_000_000_000L;
            Files.writeString(work.resolve(pool.name() + ".txt"), SelectionReports.toText(result));
            String chose = result instanceof SelectionResult.Chosen c ? c.candidateId() : "ABSTAIN";
            double right = pool.correct().contains(chose) ? 1 : 0;
            String confidence = result instanceof SelectionResult.Chosen c
                    ? c.confidence().level().name().toLowerCase(Locale.ROOT) + ": " + c.confidence().reason() : "—";
            double random = (double) pool.correct().size() / pool.candidates().size();
            double majority = majority(result.evidence(), pool.correct());
            double votes = voteCounting(result.evidence(), pool.correct());
            double[] row = {right, 1, random, majority, votes};
            for (int i = 0; i < row.length; i++) {
                totals[i] += row[i];
            }
            System.out.printf(Locale.ROOT, "| %s | %d (%d) | %s | %.0f | %s | 1 | %.2f | %.2f | %.2f | %d | %s |%n",
                    pool.name(), pool.candidates().size(), pool.correct().size(), chose, right,
                    confidence.replace("|", "/"), random, majority, votes, seconds,
                    String.join("+", result.evidence().runners()));
        }
        System.out.printf(Locale.ROOT, "| **total** (%d pools) | | | %.0f | | %.0f | %.2f | %.2f | %.2f | | |%n",
                pools.size(), totals[0], totals[1], totals[2], totals[3], totals[4]);
        System.out.println("\nEvidence per pool: " + work);
    }

    /** The largest live group (by members); a tie counts as a uniform pick among the tied. */
    static double majority(Evidence e, Set<String> correct) {
        List<Evidence.Group> live = e.groups().stream().filter(Evidence.Group::live).toList();
        int most = live.stream().mapToInt(g -> g.members().size()).max().orElse(0);
        List<Evidence.Group> top = live.stream().filter(g -> g.members().size() == most).toList();
        return top.isEmpty() ? 0 : top.stream().filter(g -> g.members().stream().anyMatch(correct::contains)).count()
                / (double) top.size();
    }

    /**
     * CodeMonkeys-style: each candidate scores the number of model-written tests it passes (every voter that is not
     * the repository's own), the best wins; a tie counts as a uniform pick among the tied candidates.
     */
    static double voteCounting(Evidence e, Set<String> correct) {
        Set<String> counted = new java.util.HashSet<>();
        e.tests().stream().filter(v -> v.role() == Evidence.Role.REPRODUCTION || v.role() == Evidence.Role.CHECK)
                .forEach(v -> counted.add(v.testId()));
        Map<String, Long> score = new LinkedHashMap<>();
        for (Evidence.Group g : e.groups()) {
            if (!g.live()) {
                continue;
            }
            long passed = g.row().entrySet().stream().filter(c -> counted.contains(c.getKey()) && c.getValue().passed())
                    .count();
            g.members().forEach(m -> score.put(m, passed));
        }
        long best = score.values().stream().mapToLong(Long::longValue).max().orElse(-1);
        List<String> top = score.entrySet().stream().filter(s -> s.getValue() == best).map(Map.Entry::getKey).toList();
        return top.isEmpty() ? 0 : top.stream().filter(correct::contains).count() / (double) top.size();
    }

    /** A work tree of {@code mirror} at {@code commit}, with git identity set for the bug commit. */
    static Path checkout(Path mirror, String commit, Path dest) throws IOException, InterruptedException {
        git(null, "clone", "-q", "--no-checkout", mirror.toAbsolutePath().toString(), dest.toString());
        git(dest, "checkout", "-q", commit);
        git(dest, "config", "user.email", "bench@quorum.invalid");
        git(dest, "config", "user.name", "Quorum bench");
        return dest;
    }

    /** Commits an edit of {@code path}: the base commit of a pool is the real commit plus this bug. */
    static void injectBug(Path repo, String path, UnaryOperator<String> bug) throws IOException, InterruptedException {
        Path file = repo.resolve(path);
        Files.writeString(file, bug.apply(Files.readString(file)));
        git(repo, "commit", "-q", "-am", "Put the bug back for the selection benchmark");
    }

    private static void git(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git"));
        if (dir != null) {
            command.addAll(List.of("-C", dir.toString()));
        }
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("failed: " + command);
        }
    }

    private static Candidate candidate(String id, Patch patch) {
        return Candidate.of(id, patch);
    }

    private static VoterTest voter(String id, String path, String source, String... tests) {
        return new VoterTest(id, Diffs.newFile(path, source), java.util.Arrays.stream(tests).map(TestId::parse).toList(),
                VoterTest.Origin.REPRODUCTION);
    }

    // ---- gson: FieldNamingPolicy.upperCaseFirstLetter skips no leading non-letters (code in gson/, JUnit 4) ----

    static final String GSON_FILE = "gson/src/main/java/com/google/gson/FieldNamingPolicy.java";
    static final String GSON_TESTS = "gson/src/test/java/com/google/gson/";
    static final String GSON_UPSTREAM_START = "  /** Ensures the JSON field names begins with an upper case letter. */\n";
    static final String GSON_BUGGY_INDEX = """
              /** Index of the first letter of {@code s}, or -1 when it has none. */
              static int firstLetterIndex(String s) {
                return !s.isEmpty() && Character.isLetter(s.charAt(0)) ? 0 : -1;
              }
            """;

    static Pool gson(Path repo) throws Exception {
        // The env image build runs the whole reactor, and test-jpms does not compile there (its module-info test
        // cannot see com.google.gson): keep the parent and the gson module, the layout that matters here.
        Path pom = repo.resolve("pom.xml");
        Files.writeString(pom, Files.readString(pom).replaceAll("(?s)<modules>.*?</modules>",
                "<modules>\n    <module>gson</module>\n  </modules>"));
        injectBug(repo, GSON_FILE, text -> {
            int start = text.indexOf(GSON_UPSTREAM_START);
            int end = text.lastIndexOf("}");
            return text.substring(0, start) + GSON_BUGGY_INDEX + "\n" + GSON_UPSTREAM_START + """
                      static String upperCaseFirstLetter(String s) {
                        int i = firstLetterIndex(s);
                        if (i < 0 || Character.isUpperCase(s.charAt(i))) {
                          return s;
                        }
                        return s.substring(0, i) + Character.toUpperCase(s.charAt(i)) + s.substring(i + 1);
                      }
                    """ + text.substring(end);
        });
        String buggyIndex = "    return !s.isEmpty() && Character.isLetter(s.charAt(0)) ? 0 : -1;";
        Patch correct = Diffs.modify(repo, GSON_FILE, Diffs.replace(buggyIndex, """
                    for (int i = 0; i < s.length(); i++) {
                      if (Character.isLetter(s.charAt(i))) {
                        return i;
                      }
                    }
                    return -1;""".stripTrailing()));
        // Correct, written differently: the upstream loop inlined, the helper gone.
        Patch different = Diffs.modify(repo, GSON_FILE, text -> Diffs.replace(GSON_BUGGY_INDEX + "\n", "")
                .apply(text).replace("""
                    int i = firstLetterIndex(s);
                    if (i < 0 || Character.isUpperCase(s.charAt(i))) {
                      return s;
                    }
                """, """
                    int i = 0;
                    while (i < s.length() && !Character.isLetter(s.charAt(i))) {
                      i++;
                    }
                    if (i == s.length() || Character.isUpperCase(s.charAt(i))) {
                      return s;
                    }
                """));
        // Popular wrong: skip leading underscores only ("$a" and "1a" stay unfixed), three textual variants.
        String skipUnderscores = """
                    int i = 0;
                    while (i < s.length() && s.charAt(i) == '_') {
                      i++;
                    }
                    return i < s.length() && Character.isLetter(s.charAt(i)) ? i : -1;""".stripTrailing();
        Patch wrongA = Diffs.modify(repo, GSON_FILE, Diffs.replace(buggyIndex, skipUnderscores));
        Patch wrongB = Diffs.modify(repo, GSON_FILE, Diffs.replace(buggyIndex,
                "    // field names often start with underscores\n" + skipUnderscores));
        Patch wrongC = Diffs.modify(repo, GSON_FILE, Diffs.replace(buggyIndex, skipUnderscores.replace(" == '_'",
                "=='_'")));
        // Partial: skips at most one leading non-letter.
        Patch partial = Diffs.modify(repo, GSON_FILE, Diffs.replace(buggyIndex, """
                    int i = !s.isEmpty() && !Character.isLetter(s.charAt(0)) ? 1 : 0;
                    return i < s.length() && Character.isLetter(s.charAt(i)) ? i : -1;""".stripTrailing()));

        List<Candidate> candidates = List.of(candidate("wrong-1", wrongA), candidate("wrong-2", wrongB),
                candidate("wrong-3", wrongC), candidate("partial", partial), candidate("correct", correct),
                candidate("different", different));
        String header = "package com.google.gson;\n\nimport static org.junit.Assert.assertEquals;\n"
                + "import static org.junit.Assert.assertTrue;\n\nimport org.junit.Test;\n\n";
        List<VoterTest> voters = List.of(
                new VoterTest("regression", Patch.empty(), List.of(
                        TestId.parse("com.google.gson.FieldNamingPolicyTest#testSeparateCamelCase"),
                        TestId.parse("com.google.gson.FieldNamingPolicyTest#testUpperCasingLocaleIndependent"),
                        TestId.parse("com.google.gson.FieldNamingPolicyTest#testLowerCasingLocaleIndependent")),
                        VoterTest.Origin.REGRESSION),
                voter("repro", GSON_TESTS + "LeadingSymbolsTest.java", header + """
                        public class LeadingSymbolsTest {
                          @Test
                          public void upperCasesTheFirstLetterAfterOneSymbol() {
                            assertEquals("_A", FieldNamingPolicy.upperCaseFirstLetter("_a"));
                            assertEquals("$Ab", FieldNamingPolicy.upperCaseFirstLetter("$ab"));
                          }

                          @Test
                          public void upperCasesTheFirstLetterAfterSeveralSymbols() {
                            assertEquals("__1A", FieldNamingPolicy.upperCaseFirstLetter("__1a"));
                          }
                        }
                        """, "com.google.gson.LeadingSymbolsTest#upperCasesTheFirstLetterAfterOneSymbol",
                        "com.google.gson.LeadingSymbolsTest#upperCasesTheFirstLetterAfterSeveralSymbols"),
                voter("weak", GSON_TESTS + "PlainNameTest.java", header + """
                        public class PlainNameTest {
                          @Test
                          public void upperCasesAPlainName() {
                            assertEquals("Ab", FieldNamingPolicy.upperCaseFirstLetter("ab"));
                          }
                        }
                        """, "com.google.gson.PlainNameTest"),
                voter("buggy", GSON_TESTS + "KeepsSymbolsTest.java", header + """
                        public class KeepsSymbolsTest {
                          @Test
                          public void leavesNamesStartingWithASymbolAlone() {
                            assertEquals("$a", FieldNamingPolicy.upperCaseFirstLetter("$a"));
                          }
                        }
                        """, "com.google.gson.KeepsSymbolsTest"),
                voter("helper", GSON_TESTS + "FirstLetterIndexTest.java", header + """
                        public class FirstLetterIndexTest {
                          @Test
                          public void findsALeadingLetter() {
                            assertEquals(0, FieldNamingPolicy.firstLetterIndex("ab"));
                          }
                        }
                        """, "com.google.gson.FirstLetterIndexTest"),
                voter("flaky", GSON_TESTS + "TimingNameTest.java", header + """
                        public class TimingNameTest {
                          @Test
                          public void upperCasesQuickly() {
                            long start = System.nanoTime();
                            assertEquals("_A", FieldNamingPolicy.upperCaseFirstLetter("_a"));
                            assertTrue("too slow", (System.nanoTime() - start) % 3 != 0);
                          }
                        }
                        """, "com.google.gson.TimingNameTest"));
        Issue issue = new Issue("", """
                FieldNamingPolicy.UPPER_CAMEL_CASE does not upper-case names that start with a symbol

                With `FieldNamingPolicy.UPPER_CAMEL_CASE`, a field `_name` is written as `_name` and `$value` as
                `$value`; since 2.x these were written `_Name` and `$Value` (the first *letter* is upper-cased,
                leading symbols and digits are kept). `upperCaseFirstLetter` only looks at the first character.
                """, "");
        return new Pool("gson FieldNamingPolicy", repo, issue, new BuildHints("maven", "gson", null, List.of()),
                candidates, voters, Set.of("correct", "different"));
    }

    // ---- commons-cli: Util.stripLeadingHyphens strips one hyphen only (single module, JUnit 5) ----

    static final String CLI_FILE = "src/main/java/org/apache/commons/cli/Util.java";
    static final String CLI_TESTS = "src/test/java/org/apache/commons/cli/";
    static final String CLI_UPSTREAM = """
                    if (str.startsWith(OptionFormatter.DEFAULT_LONG_OPT_PREFIX)) {
                        return str.substring(2);
                    }
                    if (str.startsWith(OptionFormatter.DEFAULT_OPT_PREFIX)) {
                        return str.substring(1);
                    }
                    return str;
                }
            """;
    static final String CLI_BUGGY_COUNT = "        return str.startsWith(OptionFormatter.DEFAULT_OPT_PREFIX) ? 1 : 0;";
    static final String CLI_HELPER = """
                /** How many leading hyphens {@link #stripLeadingHyphens} removes. */
                static int leadingHyphens(final String str) {
            """ + CLI_BUGGY_COUNT + "\n    }\n\n";

    static Pool commonsCli(Path repo) throws Exception {
        // commons-parent turns JaCoCo on when this file exists, and the env image cannot resolve its plugin offline
        // (an env-build gap, issue 14): the base commit drops it, as gson's drops the reactor modules it cannot build.
        Files.deleteIfExists(repo.resolve("src/site/resources/profile.jacoco"));
        injectBug(repo, CLI_FILE, text -> {
            String withBody = Diffs.replace(CLI_UPSTREAM, "        return str.substring(leadingHyphens(str));\n    }\n")
                    .apply(text);
            return Diffs.replace("    static String stripLeadingHyphens(", CLI_HELPER + "    static String stripLeadingHyphens(")
                    .apply(withBody);
        });
        Patch correct = Diffs.modify(repo, CLI_FILE, Diffs.replace(CLI_BUGGY_COUNT,
                "        return str.startsWith(OptionFormatter.DEFAULT_LONG_OPT_PREFIX) ? 2\n"
                        + "                : str.startsWith(OptionFormatter.DEFAULT_OPT_PREFIX) ? 1 : 0;"));
        Patch different = Diffs.modify(repo, CLI_FILE, text -> Diffs.replace(
                "        return str.substring(leadingHyphens(str));\n    }\n", CLI_UPSTREAM)
                .apply(Diffs.replace(CLI_HELPER, "").apply(text)));
        String stripAll = "        int n = 0;\n        while (n < str.length() && str.charAt(n) == '-') {\n            n++;\n"
                + "        }\n        return n;";
        Patch wrongA = Diffs.modify(repo, CLI_FILE, Diffs.replace(CLI_BUGGY_COUNT, stripAll));
        Patch wrongB = Diffs.modify(repo, CLI_FILE, Diffs.replace(CLI_BUGGY_COUNT,
                "        // any number of hyphens\n" + stripAll));
        Patch wrongC = Diffs.modify(repo, CLI_FILE, Diffs.replace(CLI_BUGGY_COUNT, stripAll.replace("n++;", "++n;")
                .replace("++n;", "n++;").replace(" == '-'", "=='-'")));
        Patch partial = Diffs.modify(repo, CLI_FILE, Diffs.replace(CLI_BUGGY_COUNT,
                "        return str.startsWith(OptionFormatter.DEFAULT_LONG_OPT_PREFIX) ? 2 : 0;"));
        List<Candidate> candidates = List.of(candidate("wrong-1", wrongA), candidate("wrong-2", wrongB),
                candidate("wrong-3", wrongC), candidate("partial", partial), candidate("correct", correct),
                candidate("different", different));
        String header = "package org.apache.commons.cli;\n\nimport static org.junit.jupiter.api.Assertions.assertEquals;\n"
                + "import static org.junit.jupiter.api.Assertions.assertTrue;\n\nimport org.junit.jupiter.api.Test;\n\n";
        List<VoterTest> voters = List.of(
                new VoterTest("regression", Patch.empty(), List.of(
                        TestId.parse("org.apache.commons.cli.UtilTest#testStripLeadingAndTrailingQuotes"),
                        TestId.ofClass("org.apache.commons.cli.OptionsTest")), VoterTest.Origin.REGRESSION),
                voter("repro", CLI_TESTS + "LongOptionHyphensTest.java", header + """
                        class LongOptionHyphensTest {
                            @Test
                            void stripsBothHyphensOfALongOption() {
                                assertEquals("foo", Util.stripLeadingHyphens("--foo"));
                            }

                            @Test
                            void stripsOneHyphenOfAShortOptionAndAtMostTwo() {
                                assertEquals("f", Util.stripLeadingHyphens("-f"));
                                assertEquals("-foo", Util.stripLeadingHyphens("---foo"));
                            }
                        }
                        """, "org.apache.commons.cli.LongOptionHyphensTest#stripsBothHyphensOfALongOption",
                        "org.apache.commons.cli.LongOptionHyphensTest#stripsOneHyphenOfAShortOptionAndAtMostTwo"),
                voter("weak", CLI_TESTS + "NoHyphenTest.java", header + """
                        class NoHyphenTest {
                            @Test
                            void keepsAPlainName() {
                                assertEquals("foo", Util.stripLeadingHyphens("foo"));
                            }
                        }
                        """, "org.apache.commons.cli.NoHyphenTest"),
                voter("buggy", CLI_TESTS + "OneHyphenTest.java", header + """
                        class OneHyphenTest {
                            @Test
                            void stripsOneHyphen() {
                                assertEquals("-foo", Util.stripLeadingHyphens("--foo"));
                            }
                        }
                        """, "org.apache.commons.cli.OneHyphenTest"),
                voter("helper", CLI_TESTS + "LeadingHyphensTest.java", header + """
                        class LeadingHyphensTest {
                            @Test
                            void countsTheHyphenOfAShortOption() {
                                assertEquals(1, Util.leadingHyphens("-f"));
                            }
                        }
                        """, "org.apache.commons.cli.LeadingHyphensTest"),
                voter("flaky", CLI_TESTS + "TimingHyphensTest.java", header + """
                        class TimingHyphensTest {
                            @Test
                            void stripsQuickly() {
                                long start = System.nanoTime();
                                assertEquals("f", Util.stripLeadingHyphens("-f"));
                                assertTrue((System.nanoTime() - start) % 3 != 0, "too slow");
                            }
                        }
                        """, "org.apache.commons.cli.TimingHyphensTest"));
        Issue issue = new Issue("", """
                Util.stripLeadingHyphens removes only one hyphen from long options

                `Util.stripLeadingHyphens("--verbose")` returns `-verbose`, so looking an option up by its long form
                with the prefix (`options.getOption("--verbose")`, `hasOption("--verbose")`) finds nothing. It should
                remove `--` from long options and `-` from short ones (and no more than two hyphens).
                """, "");
        return new Pool("commons-cli Util", repo, issue, new BuildHints("maven", null, null, List.of()),
                candidates, voters, Set.of("correct", "different"));
    }
}
