/**
 * The testgen stage: reproduction tests written by the model and validated on the base commit, and the
 * regression baseline of the existing tests that exercise the localized classes.
 *
 * <p>Public: the facade {@link dev.quorum.testgen.TestGenerator}; the records
 * {@link dev.quorum.testgen.ReproductionRequest}, {@link dev.quorum.testgen.Reproductions},
 * {@link dev.quorum.testgen.ReproductionTest}, {@link dev.quorum.testgen.RejectedTest} (with its closed set of
 * reasons), {@link dev.quorum.testgen.RegressionRequest} and {@link dev.quorum.testgen.RegressionBaseline}.
 *
 * <p>Inside: {@code TestStyle} (the module holding the localized code, its test framework and an example test),
 * {@code ReproductionWriter} (prompt in that framework, temperature per attempt), {@code GeneratedTest} (the class parsed
 * from an answer, its path and its diff), {@code DefaultTestGenerator} (parallel writing, then validation in one
 * sandbox per test: compile, fail for the right reason, fail the same way again), {@code BaseReports} (exception
 * types from the Surefire XML) and {@code RegressionSelector} (which existing tests to run).
 */
package dev.quorum.testgen;
