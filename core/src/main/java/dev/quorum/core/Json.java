package dev.quorum.core;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** The one way Quorum configures Jackson, so every module reads and writes JSON alike. */
public final class Json {
    private Json() {
    }

    /** A new mapper: lenient on unknown fields, ISO dates, no pretty printing (JSONL friendly). */
    public static ObjectMapper mapper() {
        return new ObjectMapper()
                .findAndRegisterModules()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    }
}
