package dev.quorum.pipeline;

import dev.quorum.core.Patch;
import dev.quorum.selection.Evidence;
import java.nio.file.Path;

/** What a solve run produced. Every case has a run directory with the report. */
public sealed interface SolveResult {

    Path runDir();

    Evidence evidence();

    /** What this run alone spent on model calls, judge included. */
    double costUsd();

    /** One patch was chosen; it is also in {@code patch.diff}. */
    record Fixed(String candidateId, Patch patch, Evidence evidence, Path runDir, double costUsd)
            implements SolveResult {
    }

    /** Nothing was convincing; {@code reason} and the evidence say why. */
    record Abstained(String reason, Evidence evidence, Path runDir, double costUsd) implements SolveResult {
    }
}
