package dev.quorum.model.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.quorum.core.Json;
import dev.quorum.model.ModelRef;
import dev.quorum.model.ModelSettings;
import dev.quorum.model.RetryPolicy;
import dev.quorum.model.ToolCall;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * A real HTTP model server on loopback for tests, speaking OpenAI Chat Completions ({@code POST
 * /v1/chat/completions}) and Anthropic Messages ({@code POST /v1/messages}), whose answers come from a script.
 *
 * <p>For each request, in order: the first matching rule ({@link #when} rules are used once, {@link #always}
 * rules stay), else the next queued turn ({@link #enqueue}), else the {@link #otherwise} reply, else a 400
 * that says the script ran out (400 so that clients fail at once instead of retrying).
 *
 * <pre>{@code
 * try (var server = ScriptedModelServer.start()) {
 *     server.when(ScriptedRequest.lastToolResultContains("BUILD FAILURE"), ScriptedReply.toolCalls(fix))
 *           .enqueue(ScriptedReply.error(429, "slow down").withHeader("Retry-After", "1"),
 *                    ScriptedReply.toolCalls(new ToolCall("c1", "run_tests", "{}")));
 *     ModelClient client = ModelClients.fromSettings(server.settings(Provider.OPENAI_COMPATIBLE, "scripted"));
 * }
 * }</pre>
 *
 * Lives only in this module's test-jar: nothing in the product can select it as a model.
 */
public final class ScriptedModelServer implements AutoCloseable {
    /** Keys the {@link #settings} use; fake, and recognizable if they ever leaked into a file. */
    public static final String FAKE_OPENAI_KEY = "sk-scripted-openai-key-0000";
    public static final String FAKE_ANTHROPIC_KEY = "sk-ant-scripted-key-0000";

    private static final ObjectMapper MAPPER = Json.mapper();
    private final HttpServer http;
    private final ExecutorService executor;
    private final List<Rule> rules = new ArrayList<>();
    private final Deque<ScriptedReply> turns = new ArrayDeque<>();
    private final List<ScriptedRequest> received = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger peakInFlight = new AtomicInteger();
    private ScriptedReply fallback;
    private volatile int retainedRequests = Integer.MAX_VALUE;
    private final AtomicInteger requestCount = new AtomicInteger();

    private record Rule(Predicate<ScriptedRequest> match, ScriptedReply reply, boolean once) {
    }

    private ScriptedModelServer(HttpServer http, ExecutorService executor) {
        this.http = http;
        this.executor = executor;
    }

    /** Starts on a free loopback port. */
    public static ScriptedModelServer start() {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
            ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
            http.setExecutor(executor);
            ScriptedModelServer server = new ScriptedModelServer(http, executor);
            http.createContext("/", server::handle);
            http.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the scripted model server on loopback", e);
        }
    }

    public int port() {
        return http.getAddress().getPort();
    }

    /** The base URL an OpenAI-compatible client uses (ends in {@code /v1}). */
    public String openAiBaseUrl() {
        return "http://127.0.0.1:" + port() + "/v1";
    }

    public String anthropicBaseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /**
     * Settings pointing at this server with fake keys and fast retries (10 ms first backoff, 4 attempts, 5 s
     * timeout), for a model of the given provider.
     */
    public ModelSettings settings(ModelRef.Provider provider, String modelName) {
        return ModelSettings.of(new ModelRef(provider, modelName))
                .withOpenAi(openAiBaseUrl(), FAKE_OPENAI_KEY)
                .withAnthropic(anthropicBaseUrl(), FAKE_ANTHROPIC_KEY)
                .withRetry(new RetryPolicy(4, Duration.ofMillis(10), Duration.ofMillis(100), Duration.ofSeconds(2)))
                .withRequestTimeout(Duration.ofSeconds(5));
    }

    /** Queues turns, answered in order to requests that no rule matched. */
    public synchronized ScriptedModelServer enqueue(ScriptedReply... replies) {
        turns.addAll(List.of(replies));
        return this;
    }

    /** Answers the first request that matches, once. Rules are checked before queued turns, in the order added. */
    public synchronized ScriptedModelServer when(Predicate<ScriptedRequest> match, ScriptedReply reply) {
        rules.add(new Rule(match, reply, true));
        return this;
    }

    /** Answers every request that matches. */
    public synchronized ScriptedModelServer always(Predicate<ScriptedRequest> match, ScriptedReply reply) {
        rules.add(new Rule(match, reply, false));
        return this;
    }

    /** The answer when no rule matches and no turn is left. */
    public synchronized ScriptedModelServer otherwise(ScriptedReply reply) {
        this.fallback = reply;
        return this;
    }

    /**
     * Keeps only the last {@code max} requests for {@link #requests()} (0 keeps none), so that long runs
     * and benchmarks do not hold every request body in memory. {@link #requestCount()} still counts all.
     */
    public ScriptedModelServer retainingLast(int max) {
        this.retainedRequests = max;
        return this;
    }

    /** The requests received so far (all of them, unless {@link #retainingLast} says otherwise), in arrival order. */
    public List<ScriptedRequest> requests() {
        return List.copyOf(received);
    }

    public int requestCount() {
        return requestCount.get();
    }

    /** The most requests this server was handling at the same time (delays included). */
    public int peakConcurrentRequests() {
        return peakInFlight.get();
    }

    @Override
    public void close() {
        http.stop(0);
        executor.shutdownNow();
    }

    private synchronized ScriptedReply next(ScriptedRequest request) {
        for (Iterator<Rule> it = rules.iterator(); it.hasNext(); ) {
            Rule rule = it.next();
            if (rule.match().test(request)) {
                if (rule.once()) {
                    it.remove();
                }
                return rule.reply();
            }
        }
        if (!turns.isEmpty()) {
            return turns.removeFirst();
        }
        if (fallback != null) {
            return fallback;
        }
        return ScriptedReply.error(400, "scripted model server: the script has no answer left for request #"
                + requestCount.get() + " (last user text: " + abbreviate(request.lastUserText()) + ")");
    }

    private void handle(HttpExchange exchange) throws IOException {
        peakInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            ScriptedRequest.Api api = path.endsWith("/chat/completions") ? ScriptedRequest.Api.OPENAI
                    : path.endsWith("/v1/messages") ? ScriptedRequest.Api.ANTHROPIC : null;
            if (api == null || !"POST".equals(exchange.getRequestMethod())) {
                send(exchange, 404, "{\"error\":{\"message\":\"scripted model server: no endpoint " + path + "\"}}", Map.of());
                return;
            }
            byte[] bytes;
            try (InputStream in = exchange.getRequestBody()) {
                bytes = in.readAllBytes();
            }
            JsonNode body;
            try {
                body = MAPPER.readTree(bytes);
            } catch (IOException e) {
                send(exchange, 400, "{\"error\":{\"message\":\"scripted model server: request body is not JSON\"}}", Map.of());
                return;
            }
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v.isEmpty() ? "" : v.getFirst()));
            ScriptedRequest request = new ScriptedRequest(api, path, Map.copyOf(headers), body);
            requestCount.incrementAndGet();
            if (retainedRequests > 0) {
                received.add(request);
                while (received.size() > retainedRequests) {
                    received.removeFirst();
                }
            }
            ScriptedReply reply = next(request);
            if (!reply.delay.isZero()) {
                try {
                    Thread.sleep(reply.delay);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            String out = switch (reply.kind) {
                case RAW -> reply.body;
                case ERROR -> api == ScriptedRequest.Api.OPENAI ? openAiError(reply) : anthropicError(reply);
                case ANSWER -> api == ScriptedRequest.Api.OPENAI ? openAiAnswer(reply, request, bytes.length)
                        : anthropicAnswer(reply, request, bytes.length);
            };
            send(exchange, reply.status, out, reply.headers);
        } catch (IOException clientGone) {
            // The client timed out and closed the connection: expected in timeout scripts.
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private static void send(HttpExchange exchange, int status, String body, Map<String, String> headers) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(bytes);
            }
        }
    }

    private long[] usageOf(ScriptedReply reply, int requestBytes) {
        if (reply.usage != null) {
            return reply.usage;
        }
        long completion = 1 + (reply.text.length() + reply.toolCalls.stream().mapToInt(c -> c.argumentsJson().length() + c.name().length()).sum()) / 4;
        return new long[] {Math.max(1, requestBytes / 4), completion, 0, 0};
    }

    private String openAiAnswer(ScriptedReply reply, ScriptedRequest request, int requestBytes) throws IOException {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("id", "chatcmpl-scripted-" + ids.incrementAndGet());
        root.put("object", "chat.completion");
        root.put("created", 1_700_000_000L);
        root.put("model", request.model());
        ArrayNode choices = root.putArray("choices");
        int n = Math.max(1, request.body().path("n").asInt(1));
        for (int i = 0; i < n; i++) {
            ObjectNode choice = choices.addObject().put("index", i);
            ObjectNode message = choice.putObject("message").put("role", "assistant");
            if (reply.text.isEmpty() && !reply.toolCalls.isEmpty()) {
                message.putNull("content");
            } else {
                message.put("content", reply.text);
            }
            if (!reply.toolCalls.isEmpty()) {
                ArrayNode calls = message.putArray("tool_calls");
                for (ToolCall call : reply.toolCalls) {
                    ObjectNode c = calls.addObject().put("id", call.id()).put("type", "function");
                    c.putObject("function").put("name", call.name()).put("arguments", call.argumentsJson());
                }
            }
            choice.put("finish_reason", reply.finish);
        }
        long[] u = usageOf(reply, requestBytes);
        ObjectNode usage = root.putObject("usage");
        usage.put("prompt_tokens", u[0]).put("completion_tokens", u[1] * n).put("total_tokens", u[0] + u[1] * n);
        usage.putObject("prompt_tokens_details").put("cached_tokens", u[2]);
        return MAPPER.writeValueAsString(root);
    }

    private String anthropicAnswer(ScriptedReply reply, ScriptedRequest request, int requestBytes) throws IOException {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("id", "msg_scripted_" + ids.incrementAndGet());
        root.put("type", "message");
        root.put("role", "assistant");
        root.put("model", request.model());
        ArrayNode content = root.putArray("content");
        if (!reply.text.isEmpty() || reply.toolCalls.isEmpty()) {
            content.addObject().put("type", "text").put("text", reply.text);
        }
        for (ToolCall call : reply.toolCalls) {
            content.addObject().put("type", "tool_use").put("id", call.id()).put("name", call.name())
                    .set("input", MAPPER.readTree(call.argumentsJson()));
        }
        root.put("stop_reason", switch (reply.finish) {
            case "tool_calls" -> "tool_use";
            case "length" -> "max_tokens";
            default -> "end_turn";
        });
        root.putNull("stop_sequence");
        long[] u = usageOf(reply, requestBytes);
        // Anthropic's input_tokens counts only the uncached part.
        root.putObject("usage").put("input_tokens", Math.max(0, u[0] - u[2] - u[3])).put("output_tokens", u[1])
                .put("cache_creation_input_tokens", u[3]).put("cache_read_input_tokens", u[2]);
        return MAPPER.writeValueAsString(root);
    }

    private static String openAiError(ScriptedReply reply) throws IOException {
        ObjectNode root = MAPPER.createObjectNode();
        ObjectNode error = root.putObject("error").put("message", reply.text).put("type", errorType(reply.status));
        if (reply.text.toLowerCase(Locale.ROOT).contains("context length")) {
            error.put("code", "context_length_exceeded");
        } else {
            error.putNull("code");
        }
        return MAPPER.writeValueAsString(root);
    }

    private static String anthropicError(ScriptedReply reply) throws IOException {
        ObjectNode root = MAPPER.createObjectNode().put("type", "error");
        root.putObject("error").put("type", errorType(reply.status)).put("message", reply.text);
        return MAPPER.writeValueAsString(root);
    }

    private static String errorType(int status) {
        return switch (status) {
            case 400 -> "invalid_request_error";
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 429 -> "rate_limit_error";
            case 529 -> "overloaded_error";
            default -> status >= 500 ? "api_error" : "invalid_request_error";
        };
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "...";
    }
}
