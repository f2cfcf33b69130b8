package dev.quorum.sandbox;

/**
 * The infrastructure under a sandbox failed, not the code in it: a Docker engine stopped answering, a pod did not
 * start in time, the Kubernetes API kept answering 409/429/5xx. Says nothing about a patch; the work is worth
 * retrying on a fresh sandbox (elsewhere, where the provider has a choice).
 */
public class SandboxInfraException extends SandboxException {
    public SandboxInfraException(String message) {
        super(message);
    }

    public SandboxInfraException(String message, Throwable cause) {
        super(message, cause);
    }
}
