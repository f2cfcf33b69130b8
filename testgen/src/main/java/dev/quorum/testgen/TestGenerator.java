package dev.quorum.testgen;

import dev.quorum.model.ModelClient;
import dev.quorum.sandbox.SandboxProvider;
import dev.quorum.sandbox.TestRunner;

/**
 * The testgen stage: tests that tell candidate patches apart.
 *
 * <ul>
 *   <li>{@link #reproduce}: the model writes tests for the issue, several in parallel, in the framework of the module
 *   that holds the localized code (JUnit 4, JUnit 5, TestNG, detected from its build and its tests, with one of its
 *   own tests as the example) and placed in that module; a test is kept only if it compiles and fails on the base
 *   commit for the right reason (an assertion, or the exception the issue names), the same way twice. The others
 *   come back rejected, with the reason.</li>
 *   <li>{@link #regressionBaseline}: existing tests that exercise the localized classes (that module's first), run on
 *   the base commit; selection compares candidates against what passed here.</li>
 * </ul>
 */
public interface TestGenerator {

    Reproductions reproduce(ReproductionRequest request);

    RegressionBaseline regressionBaseline(RegressionRequest request);

    static TestGenerator create(ModelClient model, SandboxProvider sandboxes, TestRunner tests) {
        return new DefaultTestGenerator(model, sandboxes, tests);
    }
}
