package dev.quorum.sandbox;

/**
 * Java sources compiled inside the sandbox while the compiled state is built: the probe test that Surefire runs
 * once per module (so that the direct runner learns exactly what Surefire gives a test JVM, after every
 * interpolation), and the launcher main that runs the JUnit Platform and writes Surefire-shaped XML.
 */
final class DirectRunnerSources {
    static final String PROBE_CLASS = "QuorumStateProbeTest";
    static final String RUNNER_CLASS = "QuorumDirectRunner";

    private DirectRunnerSources() {
    }

    /**
     * A test for the module's own framework that writes the JVM's view of the world (system properties, JVM
     * arguments, environment, working directory, Surefire's test class path and the calling provider) next to
     * its own class directory: {@code target/quorum-probe.properties}.
     */
    static String probe(Framework framework) {
        String annotation = framework == Framework.JUPITER ? "@org.junit.jupiter.api.Test" : "@org.junit.Test";
        return """
                public class %1$s {
                    %2$s
                    public void probe() throws Exception {
                        java.util.Properties out = new java.util.Properties();
                        System.getProperties().forEach((k, v) -> out.setProperty("sys." + k, String.valueOf(v)));
                        System.getenv().forEach((k, v) -> out.setProperty("env." + k, v));
                        java.util.List<String> args = java.lang.management.ManagementFactory.getRuntimeMXBean()
                                .getInputArguments();
                        for (int i = 0; i < args.size(); i++) {
                            out.setProperty("jvm." + i, args.get(i));
                        }
                        StringBuilder stack = new StringBuilder();
                        for (StackTraceElement e : Thread.currentThread().getStackTrace()) {
                            stack.append(e.getClassName()).append('\\n');
                        }
                        out.setProperty("stack", stack.toString());
                        java.nio.file.Path classes = java.nio.file.Paths.get(%1$s.class.getProtectionDomain()
                                .getCodeSource().getLocation().toURI());
                        try (java.io.OutputStream o = java.nio.file.Files.newOutputStream(
                                classes.resolveSibling("quorum-probe.properties"))) {
                            out.store(o, null);
                        }
                    }
                }
                """.formatted(PROBE_CLASS, annotation);
    }

    /** The test frameworks a probe can be written for. */
    enum Framework { JUPITER, JUNIT4 }

    /**
     * The launcher. {@code QuorumDirectRunner REPORTS_DIR SELECTION_FILE} runs the selected tests on the JUnit
     * Platform; {@code QuorumDirectRunner --dump FILE} writes this plain JVM's properties and environment (the
     * baseline the probe's view is compared with). Selection lines: {@code C<tab>class} or
     * {@code M<tab>class<tab>method}.
     */
    static String runner() {
        return """
                import java.io.*;
                import java.nio.charset.StandardCharsets;
                import java.nio.file.*;
                import java.util.*;
                import java.util.concurrent.ConcurrentHashMap;
                import org.junit.platform.engine.*;
                import org.junit.platform.engine.discovery.DiscoverySelectors;
                import org.junit.platform.engine.support.descriptor.*;
                import org.junit.platform.launcher.*;
                import org.junit.platform.launcher.core.*;

                public final class QuorumDirectRunner implements TestExecutionListener {
                    private final Path reports;
                    private final Map<String, List<String>> cases = new LinkedHashMap<>();
                    private final Map<String, Long> started = new ConcurrentHashMap<>();

                    private QuorumDirectRunner(Path reports) { this.reports = reports; }

                    // Ends the JVM as Surefire's forked booter does: a test that leaves a non-daemon thread running
                    // (a test server's event loop, as in jsoup) would otherwise keep it, and the run, alive.
                    public static void main(String[] a) {
                        int status = 0;
                        try {
                            run(a);
                        } catch (Throwable t) {
                            t.printStackTrace();
                            status = 1;
                        }
                        System.out.flush();
                        System.err.flush();
                        System.exit(status);
                    }

                    private static void run(String[] a) throws Exception {
                        if (a[0].equals("--dump")) {
                            Properties out = new Properties();
                            System.getProperties().forEach((k, v) -> out.setProperty("sys." + k, String.valueOf(v)));
                            System.getenv().forEach((k, v) -> out.setProperty("env." + k, v));
                            try (OutputStream o = Files.newOutputStream(Paths.get(a[1]))) { out.store(o, null); }
                            return;
                        }
                        Path reports = Paths.get(a[0]);
                        Files.createDirectories(reports);
                        Set<String> classes = new LinkedHashSet<>();
                        Set<String> whole = new HashSet<>();
                        Map<String, Set<String>> methods = new HashMap<>();
                        for (String line : Files.readAllLines(Paths.get(a[1]), StandardCharsets.UTF_8)) {
                            String[] f = line.split("\\t");
                            if (f[0].equals("C")) { classes.add(f[1]); whole.add(f[1]); }
                            else if (f[0].equals("M")) {
                                classes.add(f[1]);
                                methods.computeIfAbsent(f[1], k -> new HashSet<>()).add(f[2]);
                            }
                        }
                        List<DiscoverySelector> selectors = new ArrayList<>();
                        for (String c : classes) selectors.add(DiscoverySelectors.selectClass(c));
                        PostDiscoveryFilter filter = d -> {
                            boolean method = d.getSource().filter(MethodSource.class::isInstance).isPresent();
                            if (!d.isTest() && !method) return FilterResult.included("container");
                            String cls = className(d);
                            String name = baseName(methodName(d));
                            for (String w : whole) {
                                if (cls.equals(w) || cls.startsWith(w + "$")) return FilterResult.included("class");
                            }
                            Set<String> m = methods.get(cls);
                            return m != null && m.contains(name) ? FilterResult.included("method")
                                    : FilterResult.excluded("not requested");
                        };
                        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                                .selectors(selectors).filters(filter).build();
                        QuorumDirectRunner listener = new QuorumDirectRunner(reports);
                        LauncherFactory.create().execute(request, listener);
                        listener.write();
                    }

                    static String className(TestDescriptor d) {
                        Optional<TestSource> s = d.getSource();
                        if (s.isPresent() && s.get() instanceof MethodSource) return ((MethodSource) s.get()).getClassName();
                        if (s.isPresent() && s.get() instanceof ClassSource) return ((ClassSource) s.get()).getClassName();
                        return d.getParent().map(QuorumDirectRunner::className).orElse("");
                    }

                    static String methodName(TestDescriptor d) {
                        Optional<TestSource> s = d.getSource();
                        if (s.isPresent() && s.get() instanceof MethodSource) return ((MethodSource) s.get()).getMethodName();
                        return d.getLegacyReportingName();
                    }

                    static String baseName(String m) {
                        int cut = m.length();
                        int p = m.indexOf('('), b = m.indexOf('[');
                        if (p >= 0) cut = Math.min(cut, p);
                        if (b >= 0) cut = Math.min(cut, b);
                        return m.substring(0, cut);
                    }

                    static String className(TestIdentifier id, TestPlan plan) {
                        Optional<TestSource> s = id.getSource();
                        if (s.isPresent() && s.get() instanceof MethodSource) return ((MethodSource) s.get()).getClassName();
                        if (s.isPresent() && s.get() instanceof ClassSource) return ((ClassSource) s.get()).getClassName();
                        return plan.getParent(id).map(p -> className(p, plan)).orElse("");
                    }

                    /** Surefire's name for a test: the legacy reporting name without a trailing "()". */
                    static String reportName(TestIdentifier id) {
                        String name = id.getLegacyReportingName();
                        return name.endsWith("()") ? name.substring(0, name.length() - 2) : name;
                    }

                    private TestPlan plan;

                    @Override public void testPlanExecutionStarted(TestPlan testPlan) { plan = testPlan; }

                    @Override public void executionStarted(TestIdentifier id) {
                        started.put(id.getUniqueId(), System.nanoTime());
                    }

                    @Override public void executionSkipped(TestIdentifier id, String reason) {
                        // A skipped parameterized or repeated method is a skipped container; Surefire reports it as
                        // one skipped test under the method's name, and so does this runner.
                        if (id.isTest() || isMethod(id)) add(id, "<skipped message=\\"" + esc(reason) + "\\"/>", 0);
                        else if (id.getSource().filter(ClassSource.class::isInstance).isPresent()) addClassLevel(id, "<skipped message=\\"" + esc(reason) + "\\"/>");
                    }

                    @Override public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                        Long t0 = started.get(id.getUniqueId());
                        double seconds = t0 == null ? 0 : (System.nanoTime() - t0) / 1e9;
                        String body = "";
                        if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                            Throwable t = result.getThrowable().orElse(null);
                            boolean failure = t instanceof AssertionError
                                    || result.getStatus() == TestExecutionResult.Status.ABORTED;
                            String tag = result.getStatus() == TestExecutionResult.Status.ABORTED ? "skipped"
                                    : failure ? "failure" : "error";
                            StringWriter trace = new StringWriter();
                            if (t != null) t.printStackTrace(new PrintWriter(trace));
                            body = "<" + tag + " message=\\"" + esc(t == null ? "" : String.valueOf(t.getMessage()))
                                    + "\\" type=\\"" + (t == null ? "" : t.getClass().getName()) + "\\">"
                                    + esc(trace.toString()) + "</" + tag + ">";
                        }
                        if (id.isTest()) add(id, body, seconds);
                        else if (!body.isEmpty() && isMethod(id)) add(id, body, seconds);
                        else if (!body.isEmpty() && id.getSource().filter(ClassSource.class::isInstance).isPresent()) addClassLevel(id, body);
                    }

                    static boolean isMethod(TestIdentifier id) {
                        return id.getSource().filter(MethodSource.class::isInstance).isPresent();
                    }

                    private synchronized void add(TestIdentifier id, String body, double seconds) {
                        String cls = className(id, plan);
                        cases.computeIfAbsent(cls, k -> new ArrayList<>()).add("<testcase name=\\"" + esc(reportName(id))
                                + "\\" classname=\\"" + esc(cls) + "\\" time=\\"" + String.format(Locale.ROOT, "%.3f", seconds)
                                + "\\">" + body + "</testcase>");
                    }

                    private synchronized void addClassLevel(TestIdentifier id, String body) {
                        String cls = className(id, plan);
                        cases.computeIfAbsent(cls, k -> new ArrayList<>()).add("<testcase name=\\"\\" classname=\\""
                                + esc(cls) + "\\" time=\\"0\\">" + body + "</testcase>");
                    }

                    private void write() throws IOException {
                        for (Map.Entry<String, List<String>> e : cases.entrySet()) {
                            StringBuilder xml = new StringBuilder("<?xml version=\\"1.0\\" encoding=\\"UTF-8\\"?>\\n<testsuite name=\\"")
                                    .append(esc(e.getKey())).append("\\" tests=\\"").append(e.getValue().size()).append("\\">\\n");
                            for (String c : e.getValue()) xml.append(c).append('\\n');
                            xml.append("</testsuite>\\n");
                            Files.write(reports.resolve("TEST-" + e.getKey() + ".xml"), xml.toString().getBytes(StandardCharsets.UTF_8));
                        }
                    }

                    static String esc(String s) {
                        StringBuilder b = new StringBuilder();
                        for (char c : s.toCharArray()) {
                            switch (c) {
                                case '<': b.append("&lt;"); break;
                                case '>': b.append("&gt;"); break;
                                case '&': b.append("&amp;"); break;
                                case '"': b.append("&quot;"); break;
                                default:
                                    if (c < 0x20 && c != '\\n' && c != '\\t' && c != '\\r') b.append(' '); else b.append(c);
                            }
                        }
                        return b.toString();
                    }
                }
                """;
    }
}
