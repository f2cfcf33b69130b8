package dev.quorum.sandbox;

import dev.quorum.core.BuildHints;
import dev.quorum.core.Json;
import dev.quorum.core.TestId;
import dev.quorum.core.TestStatus;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tests without Maven, on the compiled state a sandbox's image holds: javac on the files that differ from the
 * base commit (with the module's own compiler settings and class path), changed resources copied, then one JVM per
 * module on the JUnit Platform with what Surefire would give it (JVM arguments, system properties, environment,
 * working directory). Reports are Surefire-shaped XML read by {@link SurefireReports}. Anything it cannot
 * reproduce faithfully (a changed pom, a deleted source, filtered resources, a module whose Surefire setup is
 * unusual) goes to Maven instead, and the result says so in {@link TestRunResult#runner()}.
 */
final class DirectTestRunner implements TestRunner {
    static final String NAME = "direct";
    private static final Logger LOG = LoggerFactory.getLogger(DirectTestRunner.class);
    private static final Duration SMALL_STEP = Duration.ofMinutes(2);
    private static final String WS = DockerSandbox.WORKSPACE;
    private static final int COMPILE_FAILED = 97;

    private final TestRunner maven;
    private final Map<String, StateManifest> manifests = new ConcurrentHashMap<>();

    DirectTestRunner(TestRunner maven) {
        this.maven = maven;
    }

    /** A shell step writing {@code sha1sum} lines for every file of the workspace but .git and target dirs. */
    static String hashSources(String out) {
        return "find . -path ./.git -prune -o -type d -name target -prune -o -type f -print0 | sort -z"
                + " | xargs -0 -r sha1sum > " + out;
    }

    @Override
    public TestRunResult run(Sandbox sandbox, String dir, List<TestId> tests, BuildHints hints, Duration timeout) {
        if (tests.isEmpty()) {
            throw new IllegalArgumentException("no tests to run: give at least one test id");
        }
        StateManifest state = dir.isEmpty() ? manifest(sandbox) : null;
        if (state == null) {
            return viaMaven(sandbox, dir, tests, hints, timeout, dir.isEmpty() ? "no compiled state in this sandbox"
                    : "the repository is not at the workspace root");
        }
        long start = System.nanoTime();
        String scratch = sandbox.scratchDir();
        ExecResult diff = sandbox.run(Command.shell(SMALL_STEP, "cd " + WS + " && " + hashSources(scratch
                + "/now.sha1") + " && awk 'NR==FNR { base[substr($0,43)] = substr($0,1,40); next }"
                + " { p = substr($0,43); if (!(p in base)) print \"A \" p; else if (base[p] != substr($0,1,40))"
                + " print \"C \" p; seen[p] = 1 } END { for (p in base) if (!(p in seen)) print \"D \" p }' "
                + StateManifest.SOURCES + " " + scratch + "/now.sha1"));
        if (!diff.succeeded()) {
            return viaMaven(sandbox, dir, tests, hints, timeout, "could not compare the workspace with the base"
                    + " commit: " + diff.output().text().strip());
        }
        DirectPlan plan = DirectPlan.of(state, diff.output().text().lines().toList(), tests);
        if (plan.fallback() != null) {
            return viaMaven(sandbox, dir, tests, hints, timeout, plan.fallback());
        }
        ExecResult run = sandbox.run(new Command(List.of("bash", "-c", plan.script(state, scratch)), "", Map.of(),
                timeout));
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        if (run instanceof ExecResult.TimedOut t) {
            return new TestRunResult.TimedOut(t.limit(), t.output(), NAME);
        }
        ExecResult.Exited exited = (ExecResult.Exited) run;
        String log = run.output().text();
        if (exited.exitCode() == COMPILE_FAILED) {
            return new TestRunResult.BuildFailed(javacErrors(log), true, run.output(), elapsed, NAME);
        }
        List<ReportedTest> reported;
        try {
            reported = SurefireReports.fromTar(sandbox.readFile(scratch + "/direct/reports.tar"));
        } catch (IOException | SandboxException e) {
            reported = List.of();
        }
        if (!run.succeeded() && reported.isEmpty()) {
            return new TestRunResult.BuildFailed(List.of("the test JVM failed (exit " + exited.exitCode()
                    + ") before reporting any test: " + tail(log)), false, run.output(), elapsed, NAME);
        }
        Map<TestId, TestStatus> outcomes = SurefireReports.outcomes(tests, reported);
        return new TestRunResult.Ran(outcomes, reported, "Quorum direct runner (JUnit Platform "
                + state.platformVersion() + "); Java version: " + state.javaVersion(), run.output(), elapsed, NAME);
    }

    private TestRunResult viaMaven(Sandbox sandbox, String dir, List<TestId> tests, BuildHints hints,
                                   Duration timeout, String reason) {
        LOG.info("tests run with Maven in sandbox {}: {}", sandbox.id(), reason);
        // Maven rebuilds target/ in the workspace: the next direct run must start again from the saved state.
        sandbox.run(Command.shell(SMALL_STEP, "rm -f " + sandbox.scratchDir() + "/" + DirectPlan.CLEAN_MARKER));
        return maven.run(sandbox, dir, tests, hints, timeout);
    }

    /** The compiled-state manifest of the sandbox's image, or null when the image has none. */
    StateManifest manifest(Sandbox sandbox) {
        StateManifest known = manifests.get(sandbox.id());
        if (known != null) {
            return known;
        }
        try {
            StateManifest read = Json.mapper().readValue(sandbox.readFile(StateManifest.FILE), StateManifest.class);
            manifests.put(sandbox.id(), read);
            return read;
        } catch (SandboxException | IOException absent) {
            return null;
        }
    }

    /** javac's error lines ({@code File.java:12: error: ...}) with the line after each (the source shown). */
    static List<String> javacErrors(String log) {
        List<String> lines = log.lines().toList();
        List<String> errors = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).matches(".*\\.java:\\d+: error: .*")) {
                errors.add(lines.get(i) + (i + 1 < lines.size() ? "; " + lines.get(i + 1).strip() : ""));
            }
        }
        return errors.isEmpty() ? List.of(tail(log)) : errors;
    }

    private static String tail(String log) {
        List<String> lines = log.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    }

    /**
     * What one run does, decided from the files that differ from the base commit: per module the main and test
     * sources to compile and resources to copy, the tests to run and where; or why Maven must run instead.
     */
    record DirectPlan(String fallback, Map<StateManifest.ModuleState, List<String>> mainSources,
                      Map<StateManifest.ModuleState, List<String>> testSources, Map<String, String> resources,
                      Map<StateManifest.ModuleState, List<String>> selections) {
        static final String CLEAN_MARKER = "direct-clean";

        static DirectPlan fallback(String reason) {
            return new DirectPlan(reason, Map.of(), Map.of(), Map.of(), Map.of());
        }

        static DirectPlan of(StateManifest state, List<String> changes, List<TestId> tests) {
            Map<StateManifest.ModuleState, List<String>> main = new LinkedHashMap<>();
            Map<StateManifest.ModuleState, List<String>> test = new LinkedHashMap<>();
            Map<String, String> resources = new LinkedHashMap<>();
            for (String change : changes) {
                if (change.length() < 5) {
                    continue;
                }
                char kind = change.charAt(0);
                String path = change.substring(4); // "C ./path"
                if (path.equals("pom.xml") || path.endsWith("/pom.xml") || path.startsWith(".mvn/")
                        || path.equals("mvnw")) {
                    return fallback("a build file changed: " + path);
                }
                StateManifest.ModuleState module = moduleOf(state, path);
                String inModule = module.dir().isEmpty() ? path : path.substring(module.dir().length() + 1);
                if (!inModule.startsWith("src/")) {
                    continue; // read in place by tests, as with Maven
                }
                if (kind == 'D') {
                    return fallback("a file was deleted: " + path);
                }
                if (module.unsupported() != null) {
                    return fallback("module '" + module.dir() + "' changed and " + module.unsupported());
                }
                if (path.endsWith(".java") && Stream.concat(module.mainOptions().stream(), module.testOptions().stream())
                        .anyMatch(o -> o.startsWith("-Xplugin") || o.startsWith("-J"))) {
                    // Maven's debug log prints javac's arguments joined by spaces: a plugin's own arguments
                    // (Error Prone's) cannot be split back faithfully.
                    return fallback("module '" + module.dir() + "' compiles with a javac plugin");
                }
                if (inModule.startsWith("src/main/java/") && path.endsWith(".java") && module.mainOptions() != null
                        && !module.mainClasspath().isEmpty()) {
                    main.computeIfAbsent(module, k -> new ArrayList<>()).add(path);
                } else if (inModule.startsWith("src/test/java/") && path.endsWith(".java")
                        && !module.testClasspath().isEmpty()) {
                    test.computeIfAbsent(module, k -> new ArrayList<>()).add(path);
                } else if (module.resourcesAsIs() && inModule.startsWith("src/main/resources/")) {
                    resources.put(path, module.path("target/classes/" + inModule.substring(19)));
                } else if (module.resourcesAsIs() && inModule.startsWith("src/test/resources/")) {
                    resources.put(path, module.path("target/test-classes/" + inModule.substring(19)));
                } else {
                    return fallback("changed " + path + ", which the direct runner does not know how to build");
                }
            }
            Map<StateManifest.ModuleState, List<String>> selections = new LinkedHashMap<>();
            for (TestId t : tests) {
                String top = t.topLevelClass();
                String file = "src/test/java/" + top.replace('.', '/') + ".java";
                String line = t.isWholeClass() || t.className().contains("$") ? "C\t" + top
                        : "M\t" + t.className() + "\t" + t.baseMethod();
                for (StateManifest.ModuleState m : state.modules()) {
                    boolean here = m.testClasses().contains(top) || test.getOrDefault(m, List.of())
                            .contains(m.path(file));
                    if (!here) {
                        continue;
                    }
                    if (m.unsupported() != null) {
                        return fallback("tests of module '" + m.dir() + "' run, and " + m.unsupported());
                    }
                    List<String> lines = selections.computeIfAbsent(m, k -> new ArrayList<>());
                    if (!lines.contains(line)) {
                        lines.add(line);
                    }
                }
            }
            return new DirectPlan(null, main, test, resources, selections);
        }

        private static StateManifest.ModuleState moduleOf(StateManifest state, String path) {
            StateManifest.ModuleState best = null;
            for (StateManifest.ModuleState m : state.modules()) {
                boolean inside = m.dir().isEmpty() || path.startsWith(m.dir() + "/");
                if (inside && (best == null || m.dir().length() > best.dir().length())) {
                    best = m;
                }
            }
            if (best == null) {
                throw new IllegalStateException("the compiled state lists no root module");
            }
            return best;
        }

        boolean compiles() {
            return !mainSources.isEmpty() || !testSources.isEmpty() || !resources.isEmpty();
        }

        /** The one bash script that resets, compiles, copies and runs; exit 97 means javac failed. */
        String script(StateManifest state, String scratch) {
            String work = scratch + "/direct";
            String marker = scratch + "/" + CLEAN_MARKER;
            StringBuilder s = new StringBuilder("set -u\nrm -rf " + work + " && mkdir -p " + work + "/reports\ncd "
                    + WS + "\n");
            s.append("if [ ! -f ").append(marker).append(" ]; then\n");
            for (StateManifest.ModuleState m : state.modules()) {
                String saved = CompiledStateBuilder.join(StateManifest.TREE, m.dir()) + "/target";
                s.append("  if [ -d ").append(q(saved)).append(" ]; then rm -rf ").append(q(m.path("target")))
                        .append(" && mkdir -p ").append(q(m.dir().isEmpty() ? "." : m.dir())).append(" && cp -a ")
                        .append(q(saved)).append(' ').append(q(m.dir().isEmpty() ? "." : m.dir())).append("/; fi\n");
            }
            s.append("fi\n");
            s.append(compiles() ? "rm -f " + marker + "\n" : "touch " + marker + "\n");
            String javac = state.javaHome() + "/bin/javac";
            int n = 0;
            for (boolean tests : new boolean[] {false, true}) {
                for (var e : (tests ? testSources : mainSources).entrySet()) {
                    StateManifest.ModuleState m = e.getKey();
                    List<String> args = new ArrayList<>(tests ? m.testOptions() : m.mainOptions());
                    args.addAll(List.of("-implicit:none", "-d", WS + "/" + m.path(tests ? "target/test-classes"
                            : "target/classes"), "-classpath", tests ? m.testClasspath() : m.mainClasspath()));
                    e.getValue().forEach(f -> args.add(WS + "/" + f));
                    String file = work + "/javac-" + n++ + ".args";
                    s.append(heredoc(file, argfile(args)));
                    s.append(javac).append(" @").append(file).append(" > ").append(work).append("/javac.log 2>&1;")
                            .append(" rc=$?; cat ").append(work).append("/javac.log; if [ $rc -ne 0 ]; then exit ")
                            .append(COMPILE_FAILED).append("; fi\n");
                }
            }
            resources.forEach((from, to) -> s.append("mkdir -p \"$(dirname ").append(q(to)).append(")\" && cp ")
                    .append(q(from)).append(' ').append(q(to)).append('\n'));
            s.append("worst=0\n");
            int i = 0;
            for (var e : selections.entrySet()) {
                StateManifest.ModuleState m = e.getKey();
                String args = work + "/java-" + i + ".args";
                String selection = work + "/selection-" + i;
                String reports = work + "/reports/" + i;
                s.append(heredoc(args, argfile(m.javaArgs())));
                s.append(heredoc(selection, String.join("\n", e.getValue()) + "\n"));
                s.append(heredoc(work + "/workdir-" + i, m.workdir()));
                StringBuilder env = new StringBuilder();
                m.env().forEach((k, v) -> env.append(' ').append(q(k + "=" + v)));
                s.append("(cd ").append(q(m.workdir())).append(" && env").append(env).append(' ')
                        .append(state.javaHome()).append("/bin/java @").append(args).append(' ')
                        .append(DirectRunnerSources.RUNNER_CLASS).append(' ').append(reports).append(' ')
                        .append(selection).append("); rc=$?; if [ $rc -ne 0 ]; then worst=$rc; fi\n");
                // Also where Surefire leaves them, for readers of a module's reports (testgen reads exception types).
                String surefire = q(WS + "/" + m.path("target/surefire-reports"));
                s.append("rm -rf ").append(surefire).append(" && mkdir -p ").append(surefire).append(" && find ")
                        .append(reports).append(" -name 'TEST-*.xml' -exec cp {} ").append(surefire).append(" \\; 2>/dev/null\n");
                i++;
            }
            s.append("(cd ").append(work).append("/reports && find . -name 'TEST-*.xml' -print0 | tar --null -cf ")
                    .append(work).append("/reports.tar -T -)\nexit $worst\n");
            return s.toString();
        }

        private static String heredoc(String file, String content) {
            return "cat > " + file + " <<'QUORUM_EOF'\n" + content + (content.endsWith("\n") ? "" : "\n")
                    + "QUORUM_EOF\n";
        }

        /** An argument file for java/javac: every argument quoted, one per line. */
        private static String argfile(List<String> args) {
            StringBuilder b = new StringBuilder();
            for (String a : args) {
                b.append('"').append(a.replace("\\", "\\\\").replace("\"", "\\\"")).append("\"\n");
            }
            return b.toString();
        }

        private static String q(String s) {
            return "'" + s.replace("'", "'\\''") + "'";
        }
    }

    /** For the parity check and the benchmark: the ids of the sampled classes. */
    static List<TestId> sample(StateManifest state, int max) {
        Set<String> all = new LinkedHashSet<>();
        for (StateManifest.ModuleState m : state.modules()) {
            if (m.unsupported() != null) {
                continue;
            }
            for (String cls : m.testClasses()) {
                String simple = cls.substring(cls.lastIndexOf('.') + 1);
                if (simple.startsWith("Test") || simple.endsWith("Test") || simple.endsWith("Tests")
                        || simple.endsWith("TestCase")) {
                    all.add(cls);
                }
            }
        }
        List<String> sorted = new ArrayList<>(new java.util.TreeSet<>(all));
        List<TestId> picked = new ArrayList<>();
        double step = Math.max(1.0, sorted.size() / (double) max);
        for (double k = 0; k < sorted.size() && picked.size() < max; k += step) {
            picked.add(TestId.ofClass(sorted.get((int) k)));
        }
        return picked;
    }
}
