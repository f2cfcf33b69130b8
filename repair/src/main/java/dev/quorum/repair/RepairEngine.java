package dev.quorum.repair;

import dev.quorum.sandbox.SandboxProvider;
import dev.quorum.sandbox.TestRunner;

/**
 * The model-free candidate source: ranks statements by per-test coverage of the failing and passing tests
 * (Ochiai, JaCoCo in the sandbox) and stack frames, applies fix templates at the top ones, and validates each
 * candidate in one reused sandbox (the failing tests first, then the regression tests). Its candidates are only
 * plausible: selection decides whether one is shipped.
 */
public interface RepairEngine {

    RepairResult repair(RepairRequest request);

    /**
     * @param validation runs the candidates' tests ({@link TestRunner#choose()} in the product); coverage is always
     *                   measured with Maven, whose test JVM takes the JaCoCo agent
     */
    static RepairEngine create(SandboxProvider sandboxes, TestRunner validation) {
        return new TemplateRepairEngine(sandboxes, validation, TestRunner.maven());
    }
}
