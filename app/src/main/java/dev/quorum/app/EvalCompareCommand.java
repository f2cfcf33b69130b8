package dev.quorum.app;

import dev.quorum.harness.report.Markers;
import dev.quorum.harness.report.RunComparison;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code quorum eval compare A B}: the instances that flipped between two evaluation runs, as Markdown. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Compare two evaluation runs: instances resolved in one and not the other (with the outcomes"
                + " and the tests whose status changed), other outcome changes, and instances only one run graded."
                + " Prints Markdown to paste into a pull request or an issue.")
final class EvalCompareCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "A", description = "The earlier run: a run id under --runs-dir, a run"
            + " directory, its results.jsonl or its report.json.")
    String a;

    @Parameters(index = "1", paramLabel = "B", description = "The later run, given the same way.")
    String b;

    @Option(names = "--runs-dir", defaultValue = "runs", paramLabel = "DIR",
            description = "Where run ids are looked up (default: ${DEFAULT-VALUE}).")
    Path runsDir;

    @Option(names = "--markers", paramLabel = "FILE",
            description = "Task-set markers (quorum eval --gold writes them) for gold-ceiling-adjusted rates.")
    Path markers;

    @Option(names = "--out", paramLabel = "FILE", description = "Also write the Markdown to this file.")
    Path outFile;

    @Override
    public Integer call() {
        RunComparison comparison;
        try {
            comparison = RunComparison.compare(name(a), RunComparison.read(resolve(a)), name(b),
                    RunComparison.read(resolve(b)));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        String md = comparison.markdown(markers == null ? Markers.none() : Markers.read(markers));
        PrintWriter out = spec.commandLine().getOut();
        out.print(md);
        out.flush();
        if (outFile != null) {
            try {
                Files.writeString(outFile, md);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + outFile + ": " + e.getMessage(), e);
            }
        }
        return 0;
    }

    private Path resolve(String run) {
        Path given = Path.of(run);
        return Files.exists(given) ? given : runsDir.resolve(run);
    }

    private static String name(String run) {
        Path p = Path.of(run);
        String last = p.getFileName() == null ? run : p.getFileName().toString();
        return last.endsWith(".json") || last.endsWith(".jsonl") ? run : last;
    }
}
