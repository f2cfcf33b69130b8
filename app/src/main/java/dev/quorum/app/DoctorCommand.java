package dev.quorum.app;

import dev.quorum.core.BuildHints;
import dev.quorum.sandbox.Diagnosis;
import dev.quorum.sandbox.Doctor;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code quorum doctor}: is this machine ready to run sandboxes, and how isolated are they really. */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = "Check Java, the Docker engine, the base image, the network policy and the sandbox isolation"
                + " (observed by a probe inside a real sandbox); with --repo, a repository's build profile."
                + " Exit code 1 when something is missing.")
public final class DoctorCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--fix", description = "Build the base image if it is absent (debootstrap + import without a "
            + "registry, a Dockerfile with one; about a minute).")
    boolean fix;

    @Option(names = "--repo", paramLabel = "PATH", description = "Also show how the Maven repository checked out at"
            + " PATH would be built (JDK, Maven version, module, extra arguments, and why), whether its env image"
            + " exists, and whether the direct test runner is trusted for it (its compiled state is built when the"
            + " env image is there and the state is absent).")
    Path repo;

    @Option(names = "--jdk", paramLabel = "VERSION", description = "With --repo: the JDK a task would ask for"
            + " (its build.jdk), overriding what the repository declares.")
    String jdk;

    @Override
    public Integer call() {
        Doctor doctor = new Doctor(System::getenv);
        Diagnosis diagnosis = doctor.diagnose(fix);
        if (repo != null) {
            if (!Files.isDirectory(repo)) {
                throw new ParameterException(spec.commandLine(), "--repo " + repo + " is not a directory;"
                        + " give the path of a checked-out repository");
            }
            List<Diagnosis.Check> checks = new ArrayList<>(diagnosis.checks());
            checks.addAll(doctor.diagnoseRepo(repo, new BuildHints(null, null, jdk, List.of())).checks());
            diagnosis = new Diagnosis(checks);
        }
        PrintWriter out = spec.commandLine().getOut();
        for (Diagnosis.Check check : diagnosis.checks()) {
            out.printf("%-4s %-15s %s%n", check.status(), check.name(), check.detail());
        }
        if (repo != null && diagnosis.healthy()) {
            out.printf("%-4s %-15s %s%n", "INFO", "test path", TestPathCheck.describe(repo));
        }
        out.println(diagnosis.healthy() ? "Ready: sandboxes can run." : "Not ready: fix the FAIL lines above.");
        out.flush();
        return diagnosis.healthy() ? 0 : 1;
    }
}
