package dev.quorum.sandbox;

import java.util.function.Function;

/** Creates sandboxes. One provider per process is enough; it removes what it created when closed. */
public interface SandboxProvider extends AutoCloseable {

    /** Infrastructure failures one piece of work survives in {@link #withSandbox} (SWE-bench retries as often). */
    int INFRA_ATTEMPTS = 3;

    Sandbox create(SandboxSpec spec);

    /** What kind of sandboxes this provider makes and how they are isolated, for reports and `doctor`. */
    Isolation isolation(SandboxSpec spec);

    /**
     * Does {@code work} in a fresh sandbox, closed afterwards. When the infrastructure fails under it (a
     * {@link SandboxInfraException}: its engine gone, its pod not started), the work starts over in another fresh
     * sandbox, which a pool places on an engine that still answers; after {@code attempts} such failures the last
     * one is thrown. Any other failure is thrown at once.
     */
    default <T> T withSandbox(SandboxSpec spec, int attempts, Function<Sandbox, T> work) {
        for (int attempt = 1; ; attempt++) {
            try (Sandbox sandbox = create(spec)) {
                T result = work.apply(sandbox);
                if (lostUnder(sandbox)) {
                    // The work caught the failure itself (e.g. a report it could not read): its result is not trusted.
                    throw new SandboxInfraException("the infrastructure under sandbox " + sandbox.id()
                            + " failed while it was in use");
                }
                return result;
            } catch (SandboxInfraException e) {
                if (attempt >= attempts) {
                    throw e;
                }
                org.slf4j.LoggerFactory.getLogger(SandboxProvider.class).warn(
                        "infrastructure failure (attempt {} of {}), starting over in a fresh sandbox: {}", attempt,
                        attempts, e.getMessage());
            }
        }
    }

    /**
     * True when the infrastructure under one of this provider's sandboxes failed while it was in use (its engine
     * stopped answering, its exec connection broke), whether or not the caller saw the exception.
     */
    default boolean lostUnder(Sandbox sandbox) {
        return false;
    }

    @Override
    void close();
}
