package dev.quorum.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what a {@code mvn -X} build log says about each module: the javac command lines the compiler plugin
 * ran, every mojo's effective configuration (after interpolation, as Maven printed it) and the order mojos ran
 * in. This is Maven's own account of the build, so the direct runner replays settings instead of guessing them.
 */
final class MavenDebugLog {
    private static final Pattern MOJO = Pattern.compile("^\\[INFO\\] --- (\\S+):(\\S+):(\\S+) \\((.*)\\) @ (\\S+) ---$");
    private static final Pattern FIELD = Pattern.compile("^\\[DEBUG\\]   \\([fs]\\) (\\w+) = (.*)$");
    private static final Pattern PROJECT = Pattern.compile("^MavenProject: .* @ (.*)/pom\\.xml$");

    /** One mojo execution: {@code plugin:goal} (plugin as Maven printed it), its module and its configuration. */
    record Mojo(String plugin, String goal, String module, Map<String, String> config) {
    }

    /** javac's options for one output directory: main or test classes of a module. */
    record Javac(String module, boolean test, List<String> options, String classpath) {
    }

    private final List<Mojo> mojos = new ArrayList<>();
    private final List<Javac> compilations = new ArrayList<>();

    private MavenDebugLog() {
    }

    /** @param workspace the absolute directory the build ran in; module dirs come back relative to it */
    static MavenDebugLog parse(String log, String workspace) {
        MavenDebugLog result = new MavenDebugLog();
        String plugin = null;
        String goal = null;
        Map<String, String> config = null;
        boolean optionsNext = false;
        for (String line : log.lines().toList()) {
            if (optionsNext) {
                optionsNext = false;
                if (line.startsWith("[DEBUG] ")) {
                    result.addCompilation(line.substring("[DEBUG] ".length()), workspace);
                }
                continue;
            }
            Matcher mojo = MOJO.matcher(line);
            if (mojo.matches()) {
                plugin = mojo.group(1);
                goal = mojo.group(3);
                continue;
            }
            if (line.startsWith("[DEBUG] Configuring mojo ") && line.contains("with basic configurator")) {
                config = new LinkedHashMap<>();
            } else if (config != null && line.equals("[DEBUG] -- end configuration --")) {
                Matcher project = PROJECT.matcher(config.getOrDefault("project", ""));
                String module = project.matches() ? relative(project.group(1), workspace) : null;
                result.mojos.add(new Mojo(plugin, goal, module, Map.copyOf(config)));
                config = null;
            } else if (config != null) {
                Matcher field = FIELD.matcher(line);
                if (field.matches()) {
                    config.put(field.group(1), field.group(2));
                }
            } else if (line.equals("[DEBUG] Command line options:")) {
                optionsNext = true;
            }
        }
        return result;
    }

    private void addCompilation(String commandLine, String workspace) {
        List<String> args = List.of(commandLine.strip().split(" +"));
        List<String> options = new ArrayList<>();
        String out = null;
        String classpath = "";
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "-d" -> out = args.get(++i);
                case "-classpath", "-cp", "--class-path" -> classpath = args.get(++i);
                case "-sourcepath", "--source-path" -> i++;
                default -> options.add(a);
            }
        }
        if (out == null) {
            return;
        }
        boolean test = out.endsWith("/target/test-classes");
        String moduleDir = out.replaceFirst("/target/(test-)?classes$", "");
        compilations.add(new Javac(relative(moduleDir, workspace), test, options, classpath));
    }

    private static String relative(String dir, String workspace) {
        if (dir.equals(workspace)) {
            return "";
        }
        return dir.startsWith(workspace + "/") ? dir.substring(workspace.length() + 1) : dir;
    }

    List<Mojo> mojos() {
        return mojos;
    }

    /** Modules in the order Maven compiled them (the reactor order). */
    List<String> moduleOrder() {
        return compilations.stream().map(Javac::module).distinct().toList();
    }

    List<String> classpaths() {
        return compilations.stream().map(Javac::classpath).toList();
    }

    List<Mojo> mojos(String module) {
        return mojos.stream().filter(m -> module.equals(m.module())).toList();
    }

    /** The last compilation Maven printed for a module's main or test classes. */
    java.util.Optional<Javac> javac(String module, boolean test) {
        Javac found = null;
        for (Javac j : compilations) {
            if (j.module().equals(module) && j.test() == test) {
                found = j;
            }
        }
        return java.util.Optional.ofNullable(found);
    }

    /** The configuration of the module's mojo with this goal (e.g. {@code test}), if it ran. */
    java.util.Optional<Map<String, String>> config(String module, String plugin, String goal) {
        return mojos(module).stream().filter(m -> m.goal().equals(goal) && m.plugin().contains(plugin))
                .map(Mojo::config).reduce((a, b) -> b);
    }
}
