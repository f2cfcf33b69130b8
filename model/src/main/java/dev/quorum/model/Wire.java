package dev.quorum.model;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/** The HTTP layer, reduced to what the client needs, so that record/replay can stand in for the network. */
final class Wire {
    private Wire() {
    }

    /**
     * @param url full endpoint URL
     * @param path the URL's path only: what record/replay keys on, so a recording survives a port change
     * @param secretHeaders authentication headers; never hashed, recorded or logged
     * @param headers other headers (e.g. API version)
     */
    record Request(String url, String path, Map<String, String> headers, Map<String, String> secretHeaders, byte[] body) {
    }

    record Response(int status, Map<String, List<String>> headers, String body) {
        String header(String name) {
            for (var e : headers.entrySet()) {
                if (e.getKey() != null && e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                    return e.getValue().getFirst();
                }
            }
            return null;
        }

        boolean retryable() {
            return status == 408 || status == 429 || status >= 500;
        }
    }

    interface Transport extends AutoCloseable {
        Response send(Request request) throws IOException;

        @Override
        default void close() {
        }
    }

    /** Replay found no recording for a request: not a network error, so it must not be retried. */
    static final class NotRecordedException extends IOException {
        NotRecordedException(String message) {
            super(message);
        }
    }
}
