package dev.quorum.agent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quorum.model.ChatOutcome;
import dev.quorum.model.ChatRequest;
import dev.quorum.model.Message;
import dev.quorum.model.ModelClient;
import dev.quorum.model.ToolCall;
import dev.quorum.model.Usage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One attempt: ask the model, run the tools it calls, feed back what they said, until an outcome. The whole
 * control flow is {@link #run} and {@link #step}; every event goes to the log as it happens.
 */
final class Trajectory {
    private final int index;
    private final ModelClient model;
    private final Tools tools;
    private final EventLog log;
    private final AgentRequest.Limits limits;
    private final double temperature;
    private final List<Message> messages = new ArrayList<>();
    private final Instant deadline;
    private final TrajectoryListener listener;
    private int steps;
    private Usage usage = Usage.ZERO;
    private double costUsd;

    Trajectory(int index, ModelClient model, Tools tools, EventLog log, AgentRequest.Limits limits,
               double temperature, String task, TrajectoryListener listener) {
        this.index = index;
        this.listener = listener;
        this.model = model;
        this.tools = tools;
        this.log = log;
        this.limits = limits;
        this.temperature = temperature;
        this.deadline = Instant.now().plus(limits.wallTime());
        messages.add(Message.system(Prompts.SYSTEM));
        messages.add(Message.user(task + status()));
        // The conversation's opening, exactly as sent: with the events after it, the log replays every request.
        log.append(log.event("prompt").put("system", messages.get(0).content()).put("task", messages.get(1).content()));
    }

    TrajectoryOutcome run() {
        while (true) {
            if (steps >= limits.maxSteps()) {
                return new TrajectoryOutcome.LimitsExceeded(limits.maxSteps() + " steps");
            }
            if (Instant.now().isAfter(deadline)) {
                return new TrajectoryOutcome.LimitsExceeded("wall time " + limits.wallTime().toSeconds() + " s");
            }
            TrajectoryOutcome outcome = step();
            if (outcome != null) {
                return outcome;
            }
            listener.progress(new TrajectoryListener.Progress(index, steps, limits.maxSteps(), usage.totalTokens(),
                    costUsd, "running", false));
        }
    }

    /** One model call and the tools it asks for; an outcome when the trajectory ends here, else null. */
    private TrajectoryOutcome step() {
        steps++;
        ChatRequest request = ChatRequest.of(messages).withTools(Tools.SPECS).withTemperature(temperature);
        ChatOutcome answer = model.chat(request);
        switch (answer) {
            case ChatOutcome.BudgetExhausted b -> {
                log.append(log.event("error").put("step", steps).put("error", "budget exhausted (" + b.scope() + ")"));
                return new TrajectoryOutcome.BudgetExhausted(b.scope().name().toLowerCase(java.util.Locale.ROOT), b.remaining().tokens());
            }
            case ChatOutcome.Failed f -> {
                log.append(log.event("error").put("step", steps).put("error", f.kind() + ": " + f.message()));
                return new TrajectoryOutcome.ModelFailed(f.kind().name(), f.message());
            }
            case ChatOutcome.Completed c -> {
                usage = usage.plus(c.usage());
                costUsd += c.costUsd();
                Message reply = c.message();
                messages.add(reply);
                logModelCall(c, reply);
                if (reply.toolCalls().isEmpty()) {
                    // A format problem, not an ending: tell the model how to go on.
                    messages.add(Message.user("Use the tools to work on the issue; call submit when the fix is done."
                            + status()));
                    return null;
                }
                return runTools(reply.toolCalls());
            }
        }
    }

    private TrajectoryOutcome runTools(List<ToolCall> calls) {
        TrajectoryOutcome outcome = null;
        for (int i = 0; i < calls.size(); i++) {
            ToolCall call = calls.get(i);
            log.append(log.event("tool_call").put("step", steps).put("id", call.id()).put("name", call.name())
                    .put("arguments", call.argumentsJson()));
            long started = System.nanoTime();
            Tools.Result result = outcome == null ? tools.execute(call)
                    : new Tools.Result("not run: the trajectory already submitted", true, false);
            String status = i == calls.size() - 1 ? status() : "";
            log.append(log.event("tool_result").put("step", steps).put("id", call.id()).put("name", call.name())
                    .put("error", result.error()).put("millis", (System.nanoTime() - started) / 1_000_000)
                    .put("output", result.output()).put("status", status));
            messages.add(Message.toolResult(call.id(), result.output() + status));
            if (result.submitted() && outcome == null) {
                outcome = new TrajectoryOutcome.Submitted(result.output());
            }
        }
        return outcome;
    }

    private void logModelCall(ChatOutcome.Completed c, Message reply) {
        ObjectNode e = log.event("model_call").put("step", steps).put("model", String.valueOf(c.model()))
                .put("temperature", temperature).put("finish_reason", c.finishReason().name())
                .put("cost_usd", c.costUsd()).put("content", reply.content());
        e.set("usage", EventLog.usage(c.usage()));
        var calls = e.putArray("tool_calls");
        reply.toolCalls().forEach(tc -> calls.addObject().put("id", tc.id()).put("name", tc.name())
                .put("arguments", tc.argumentsJson()));
        log.append(e);
    }

    private String status() {
        return Prompts.status(steps, limits.maxSteps(), limits.budget(), model.spent(),
                Duration.between(Instant.now(), deadline));
    }

    int steps() {
        return steps;
    }

    Usage usage() {
        return usage;
    }

    double costUsd() {
        return costUsd;
    }

    int index() {
        return index;
    }
}
