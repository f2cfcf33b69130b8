package dev.quorum.app;

import dev.quorum.sandbox.Diagnosis;
import dev.quorum.sandbox.Doctor;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code quorum doctor}: is this machine ready to run sandboxes, and how isolated are they really. */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = "Check Java, the Docker engine, the base image, the network policy and the sandbox isolation"
                + " (observed by a probe inside a real sandbox). Exit code 1 when something is missing.")
public final class DoctorCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--fix", description = "Build the base image if it is absent (debootstrap + import without a "
            + "registry, a Dockerfile with one; about a minute).")
    boolean fix;

    @Option(names = "--repo", paramLabel = "PATH", description = "Also check this repository: build its env image"
            + " and compiled state (if absent) and show whether the direct test runner is trusted for it.")
    java.nio.file.Path repo;

    @Override
    public Integer call() {
        Diagnosis diagnosis = new Doctor(System::getenv).diagnose(fix);
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
