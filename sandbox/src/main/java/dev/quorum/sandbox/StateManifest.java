package dev.quorum.sandbox;

import java.util.List;
import java.util.Map;

/**
 * What the compiled-state layer knows about a repository, stored as JSON in the image ({@link #FILE}) and read by
 * the direct runner. Paths are absolute inside the sandbox.
 *
 * @param javaHome        the JDK Surefire forked its test JVM with (javac and java come from there)
 * @param platformVersion the JUnit Platform version the launcher jar was chosen for
 * @param launcherClasspath the JUnit Platform console-standalone jar and the directory of Quorum's launcher main
 * @param modules         every module with a pom.xml, the root first
 */
record StateManifest(String javaHome, String javaVersion, String platformVersion, String launcherClasspath,
                     List<ModuleState> modules) {
    static final String DIR = "/home/" + DockerImages.USER + "/.quorum-state";
    static final String FILE = DIR + "/state.json";
    static final String VERDICT = DIR + "/verdict.json";
    static final String SOURCES = DIR + "/sources.sha1";
    static final String TREE = DIR + "/tree";

    StateManifest {
        modules = List.copyOf(modules);
    }

    /**
     * @param dir          module directory relative to the workspace ("" for the root)
     * @param mainOptions  javac options Maven used for main sources (without -d, -classpath, -sourcepath)
     * @param mainClasspath the class path Maven compiled main sources with
     * @param testOptions  the same for test sources
     * @param workdir      the test JVM's working directory (Surefire's {@code workingDirectory})
     * @param javaArgs     JVM options, system properties and the class path of the test JVM, in order
     * @param env          environment variables Surefire adds for the test JVM
     * @param testClasses  top-level test classes compiled at the base commit (binary names)
     * @param unsupported  why the direct runner must not run this module's tests, or null when it may
     * @param resourcesAsIs true when resources are copied unfiltered from src/{main,test}/resources only
     */
    record ModuleState(String dir, List<String> mainOptions, String mainClasspath, List<String> testOptions,
                       String testClasspath, String workdir, List<String> javaArgs, Map<String, String> env,
                       List<String> testClasses, String unsupported, boolean resourcesAsIs) {
        ModuleState {
            mainOptions = mainOptions == null ? List.of() : List.copyOf(mainOptions);
            testOptions = testOptions == null ? List.of() : List.copyOf(testOptions);
            javaArgs = javaArgs == null ? List.of() : List.copyOf(javaArgs);
            env = env == null ? Map.of() : Map.copyOf(env);
            testClasses = testClasses == null ? List.of() : List.copyOf(testClasses);
        }

        String path(String relative) {
            return dir.isEmpty() ? relative : dir + "/" + relative;
        }
    }

    /** The parity verdict, stored next to the manifest. */
    record Verdict(boolean trusted, String reason) {
    }
}
