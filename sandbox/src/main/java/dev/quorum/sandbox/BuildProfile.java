package dev.quorum.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.quorum.core.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * How a repository is built in its sandboxes, detected once from its build files (and the task's hints) and
 * stored on its env image (label {@code dev.quorum.build-profile}) so that results and {@code quorum doctor
 * --repo} can say it.
 *
 * @param jdk            the JDK feature version that runs the build
 * @param jdkWanted      what the repository (or the task) asks for; differs from {@code jdk} when that JDK is not
 *                       obtainable here
 * @param jdkReason      where the wish comes from and, on a fallback, why this JDK instead
 * @param maven          the Maven version that runs the build
 * @param mavenSource    {@code bundled}, {@code wrapper}, or the bundled one with the reason the wrapper's was not
 *                       used
 * @param module         the module holding the tests (the task's hint), or null for the whole reactor
 * @param extraArgs      arguments added to every Maven run: the task's flags, then {@code .mvn/maven.config}'s
 *                       (Maven reads that file itself; listed here so it can be seen)
 * @param skippedPlugins plugins in the poms that test runs skip by their documented property
 */
public record BuildProfile(int jdk, int jdkWanted, String jdkReason, String maven, String mavenSource,
                           String module, List<String> extraArgs, List<String> skippedPlugins) {
    static final String LABEL = "dev.quorum.build-profile";

    public BuildProfile {
        extraArgs = extraArgs == null ? List.of() : List.copyOf(extraArgs);
        skippedPlugins = skippedPlugins == null ? List.of() : List.copyOf(skippedPlugins);
    }

    BuildProfile withMaven(String version, String source) {
        return new BuildProfile(jdk, jdkWanted, jdkReason, version, source, module, extraArgs, skippedPlugins);
    }

    /** One line for results: which JDK and Maven ran, and why when it is not what the repository asked for. */
    public String summary() {
        String j = "JDK " + jdk + (jdk == jdkWanted ? "" : " (wanted " + jdkWanted + ": " + jdkReason + ")");
        return j + "; Maven " + maven + " (" + mavenSource + ")";
    }

    /** Lines for {@code quorum doctor --repo}. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        lines.add("JDK " + jdk + (jdk == jdkWanted ? "" : " (wanted " + jdkWanted + ")") + ": " + jdkReason);
        lines.add("Maven " + maven + " (" + mavenSource + ")");
        lines.add("module: " + (module == null ? "the whole reactor" : module));
        lines.add("extra Maven arguments: " + (extraArgs.isEmpty() ? "none" : String.join(" ", extraArgs)));
        lines.add("skipped plugins found in the poms: " + (skippedPlugins.isEmpty() ? "none"
                : String.join(", ", skippedPlugins)));
        return lines;
    }

    String toJson() {
        try {
            return Json.mapper().writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a build profile always serializes", e);
        }
    }

    static BuildProfile fromJson(String json) {
        try {
            return Json.mapper().readValue(json, BuildProfile.class);
        } catch (JsonProcessingException e) {
            throw new SandboxException("the env image's build profile label is not readable: " + e.getMessage(), e);
        }
    }
}
