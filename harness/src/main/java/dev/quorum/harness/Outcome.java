package dev.quorum.harness;

/**
 * How one graded instance ended (SWE-bench semantics). The first three are verdicts on the patch; the others say
 * why no verdict on the tests could be reached.
 */
public enum Outcome {
    /** Every FAIL_TO_PASS and every PASS_TO_PASS test passes. */
    RESOLVED_FULL,
    /** Some, not all, FAIL_TO_PASS tests pass and no PASS_TO_PASS test broke. */
    RESOLVED_PARTIAL,
    /** Anything else the tests say: no FAIL_TO_PASS test passes, or a PASS_TO_PASS test broke. */
    RESOLVED_NO,
    /** The model patch does not apply or is not a diff. An empty patch is not this: it is graded as no change. */
    PATCH_APPLY_FAILED,
    /** The code with the patch does not compile (or the build broke before any test ran). */
    BUILD_FAILED,
    /** The test run hit its wall-clock limit. */
    TIMEOUT,
    /**
     * The harness could not set the instance up: checkout, missing commit, env image, test patch that does not
     * apply, unsupported build. Says nothing about the patch; re-running the same run id retries it.
     */
    ENV_FAILED,
    /**
     * The infrastructure under the sandbox failed (SWE-bench's infrastructure-failure class): a Docker engine of the
     * pool stopped answering, a pod did not start in time, the Kubernetes API kept answering 429/5xx. Already
     * retried on fresh sandboxes within the run; says nothing about the patch; re-running the run id retries it.
     */
    INFRA_FAILED,
    /**
     * The tests ran but their run cannot be trusted, so there is no verdict: the test JVM crashed or exited
     * (e.g. {@code System.exit} in the code under test), reports were written outside the modules' own
     * {@code target/surefire-reports}, a report was over its size limit, or the sandbox passed its disk limit.
     */
    RUN_INVALID;

    public boolean resolved() {
        return this == RESOLVED_FULL;
    }

    /** True when the outcome says nothing about the patch, so that re-running the run id grades it again. */
    public boolean retriedOnResume() {
        return this == ENV_FAILED || this == INFRA_FAILED;
    }

    /** True for the error classes, where no test verdict exists. */
    public boolean isError() {
        return ordinal() >= PATCH_APPLY_FAILED.ordinal();
    }
}
