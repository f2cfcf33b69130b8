package dev.quorum.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quorum.core.Json;
import dev.quorum.core.Patch;
import dev.quorum.core.Redactor;
import dev.quorum.model.Usage;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * One trajectory's append-only log, {@code trajectories/<n>.jsonl}: one JSON object a line, flushed per line, so
 * that a crash loses at most the line being written. The format is documented in {@code TRAJECTORY_FORMAT.md}.
 * Every line goes through the run's {@link Redactor} on its way to the disk: a credential that reached a model
 * message, a tool's output or an error never reaches the log.
 */
final class EventLog implements AutoCloseable {
    static final int FORMAT_VERSION = 1;
    private static final ObjectMapper JSON = Json.mapper();

    private final BufferedWriter out;
    private final int trajectory;
    private final Redactor redactor;

    private EventLog(BufferedWriter out, int trajectory, Redactor redactor) {
        this.out = out;
        this.trajectory = trajectory;
        this.redactor = redactor;
    }

    static Path file(Path runDir, int trajectory) {
        return runDir.resolve("trajectories").resolve(trajectory + ".jsonl");
    }

    /** Starts a fresh log, replacing an unfinished one of an earlier run. */
    static EventLog create(Path runDir, int trajectory, Redactor redactor) {
        try {
            Path file = file(runDir, trajectory);
            Files.createDirectories(file.getParent());
            return new EventLog(Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE), trajectory, redactor);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the trajectory log in " + runDir, e);
        }
    }

    ObjectNode event(String type) {
        return JSON.createObjectNode().put("type", type).put("trajectory", trajectory)
                .put("time", Instant.now().toString());
    }

    synchronized void append(ObjectNode event) {
        try {
            out.write(JSON.writeValueAsString(redacted(event)));
            out.newLine();
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the log of trajectory " + trajectory, e);
        }
    }

    /** The event with its text redacted; patch bytes (base64) are kept exactly, a patch must still apply. */
    private ObjectNode redacted(ObjectNode event) {
        ObjectNode clean = (ObjectNode) redactor.redact(event);
        event.fields().forEachRemaining(field -> {
            if (field.getKey().endsWith("_base64")) {
                clean.set(field.getKey(), field.getValue());
            }
        });
        return clean;
    }

    static ObjectNode usage(Usage u) {
        return JSON.createObjectNode().put("prompt_tokens", u.promptTokens())
                .put("completion_tokens", u.completionTokens()).put("cached_prompt_tokens", u.cachedPromptTokens())
                .put("cache_write_tokens", u.cacheWriteTokens());
    }

    /** The final line: everything needed to rebuild the candidate on resume (patches as base64 bytes). */
    void outcome(TrajectoryResult c) {
        ObjectNode e = event("outcome");
        TrajectoryOutcome o = c.outcome();
        e.put("outcome", o.getClass().getSimpleName()).put("detail", detail(o)).put("describe", o.describe());
        if (o instanceof TrajectoryOutcome.BudgetExhausted b) {
            e.put("tokens_left", b.tokensLeft());
        }
        if (o instanceof TrajectoryOutcome.ModelFailed m) {
            e.put("failure_kind", m.kind());
        }
        e.put("steps", c.steps()).put("cost_usd", c.costUsd());
        e.set("usage", usage(c.usage()));
        e.put("patch_base64", Base64.getEncoder().encodeToString(c.patch().bytes()));
        e.put("tests_base64", Base64.getEncoder().encodeToString(c.tests().bytes()));
        e.put("patch_sha256", c.patch().sha256());
        append(e);
    }

    private static String detail(TrajectoryOutcome o) {
        return switch (o) {
            case TrajectoryOutcome.Submitted s -> s.summary();
            case TrajectoryOutcome.LimitsExceeded l -> l.limit();
            case TrajectoryOutcome.BudgetExhausted b -> b.scope();
            case TrajectoryOutcome.ModelFailed m -> m.message();
            case TrajectoryOutcome.Crashed c -> c.error();
        };
    }

    /** The candidate recorded by a finished log, or empty when the log is absent or has no outcome line. */
    static Optional<TrajectoryResult> finished(Path runDir, int trajectory) {
        Path file = file(runDir, trajectory);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return Optional.empty();
        }
        for (int i = lines.size() - 1; i >= 0; i--) {
            JsonNode node;
            try {
                node = JSON.readTree(lines.get(i));
            } catch (IOException torn) {
                continue; // the line being written when an earlier run died
            }
            if (node != null && "outcome".equals(node.path("type").asText())) {
                return Optional.of(fromOutcomeLine(trajectory, node));
            }
        }
        return Optional.empty();
    }

    private static TrajectoryResult fromOutcomeLine(int trajectory, JsonNode n) {
        String detail = n.path("detail").asText();
        TrajectoryOutcome outcome = switch (n.path("outcome").asText()) {
            case "Submitted" -> new TrajectoryOutcome.Submitted(detail);
            case "LimitsExceeded" -> new TrajectoryOutcome.LimitsExceeded(detail);
            case "BudgetExhausted" -> new TrajectoryOutcome.BudgetExhausted(detail, n.path("tokens_left").asLong());
            case "ModelFailed" -> new TrajectoryOutcome.ModelFailed(n.path("failure_kind").asText(), detail);
            default -> new TrajectoryOutcome.Crashed(detail);
        };
        JsonNode u = n.path("usage");
        Usage usage = new Usage(u.path("prompt_tokens").asLong(), u.path("completion_tokens").asLong(),
                u.path("cached_prompt_tokens").asLong(), u.path("cache_write_tokens").asLong());
        return new TrajectoryResult(trajectory, new Patch(Base64.getDecoder().decode(n.path("patch_base64").asText())),
                new Patch(Base64.getDecoder().decode(n.path("tests_base64").asText())), outcome,
                n.path("steps").asInt(), usage, n.path("cost_usd").asDouble(), true);
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException ignored) {
            // Every line was flushed when written; nothing is lost by a failing close.
        }
    }
}
