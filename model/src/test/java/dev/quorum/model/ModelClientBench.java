package dev.quorum.model;

import dev.quorum.model.ModelRef.Provider;
import dev.quorum.model.testing.ScriptedModelServer;
import dev.quorum.model.testing.ScriptedReply;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Client overhead per call and heap for many concurrent conversations, against the loopback scripted server.
 * Run by {@code bench/model-client-bench.sh}. Overhead = ModelClient latency minus a bare okhttp POST
 * of the same bytes to the same server: what encoding, budget, retry bookkeeping and decoding cost.
 */
public final class ModelClientBench {
    private static final String TOOL_SCHEMA = "{\"type\":\"object\",\"properties\":{\"path\":{\"type\":\"string\"},"
            + "\"start\":{\"type\":\"integer\"},\"end\":{\"type\":\"integer\"}},\"required\":[\"path\"]}";

    public static void main(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        int conversations = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        int turns = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        ScriptedReply reply = ScriptedReply.textAndToolCalls("Reading the file.",
                new ToolCall("call_1", "read_file", "{\"path\":\"src/main/java/com/acme/Foo.java\"}")).withUsage(1200, 40, 1000, 0);
        List<ToolSpec> tools;
        try (ScriptedModelServer server = ScriptedModelServer.start().retainingLast(0)) {
            server.otherwise(reply);
            tools = List.of(ToolSpec.of("read_file", "Reads a file", TOOL_SCHEMA),
                    ToolSpec.of("run_tests", "Runs tests", "{\"type\":\"object\",\"properties\":{\"test\":{\"type\":\"string\"}}}"));
            ChatRequest request = ChatRequest.of(Message.system("You are a careful Java engineer. ".repeat(40)),
                    Message.user("Fix the NullPointerException in Foo.bar when the input is empty. ".repeat(10)))
                    .withTools(tools).withMaxTokens(1024).withTemperature(0.0);

            ModelClient openAi = ModelClients.fromSettings(server.settings(Provider.OPENAI, "gpt-4.1").withLimits(128, 0));
            ModelClient anthropic = ModelClients.fromSettings(server.settings(Provider.ANTHROPIC, "claude-sonnet-4-5").withLimits(128, 0));
            byte[] rawBody = new OpenAiApi(ModelRef.parse("openai/gpt-4.1"), server.openAiBaseUrl(), "k").encode(request, 1).body();
            OkHttpClient raw = new OkHttpClient();
            Request rawRequest = new Request.Builder().url(server.openAiBaseUrl() + "/chat/completions")
                    .post(RequestBody.create(rawBody, MediaType.get("application/json"))).build();

            for (int i = 0; i < Math.max(500, calls / 2); i++) { // warm-up: JIT, connection pools
                openAi.chat(request);
                anthropic.chat(request);
                rawPost(raw, rawRequest);
            }
            long[] rawNanos = new long[calls];
            long[] openAiNanos = new long[calls];
            long[] anthropicNanos = new long[calls];
            for (int i = 0; i < calls; i++) { // interleaved so that drift hits all three alike
                long t0 = System.nanoTime();
                rawPost(raw, rawRequest);
                long t1 = System.nanoTime();
                if (!(openAi.chat(request) instanceof ChatOutcome.Completed)) {
                    throw new IllegalStateException("openai call failed");
                }
                long t2 = System.nanoTime();
                if (!(anthropic.chat(request) instanceof ChatOutcome.Completed)) {
                    throw new IllegalStateException("anthropic call failed");
                }
                long t3 = System.nanoTime();
                rawNanos[i] = t1 - t0;
                openAiNanos[i] = t2 - t1;
                anthropicNanos[i] = t3 - t2;
            }
            System.out.printf(Locale.ROOT, "calls=%d request_bytes=%d%n", calls, rawBody.length);
            report("bare okhttp POST (baseline)", rawNanos, null);
            report("ModelClient openai", openAiNanos, rawNanos);
            report("ModelClient anthropic", anthropicNanos, rawNanos);
        }
        try (ScriptedModelServer server = ScriptedModelServer.start().retainingLast(0)) {
            // The last turn of every conversation is held 2 s by the server, so that all of them are in flight
            // at once, each with its full history, when the heap is measured.
            server.always(r -> r.messageCount() >= 2 * turns, reply.delayed(Duration.ofSeconds(2))).otherwise(reply);
            heap(server, conversations, turns, tools);
        }
    }

    private static void rawPost(OkHttpClient http, Request request) throws Exception {
        try (Response r = http.newCall(request).execute()) {
            r.body().bytes();
        }
    }

    private static void report(String what, long[] nanos, long[] baseline) {
        long p50 = percentile(nanos, 50);
        long p99 = percentile(nanos, 99);
        if (baseline == null) {
            System.out.printf(Locale.ROOT, "%-30s p50=%7.1f us  p99=%7.1f us%n", what, p50 / 1e3, p99 / 1e3);
        } else {
            System.out.printf(Locale.ROOT, "%-30s p50=%7.1f us  p99=%7.1f us  overhead p50=%6.1f us  p99=%6.1f us%n", what,
                    p50 / 1e3, p99 / 1e3, (p50 - percentile(baseline, 50)) / 1e3, (p99 - percentile(baseline, 99)) / 1e3);
        }
    }

    private static long percentile(long[] values, int p) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    /** Live heap while {@code conversations} trajectories each hold a {@code turns}-turn history and call at once. */
    private static void heap(ScriptedModelServer server, int conversations, int turns, List<ToolSpec> tools) throws Exception {
        ModelClient client = ModelClients.fromSettings(server.settings(Provider.OPENAI, "gpt-4.1").withLimits(64, 0)
                .withRequestTimeout(Duration.ofSeconds(30)));
        long before = liveHeap();
        CyclicBarrier allHoldHistories = new CyclicBarrier(conversations + 1);
        CyclicBarrier measured = new CyclicBarrier(conversations + 1);
        String toolOutput = "line of a Java source file that the tool returned to the model\n".repeat(40); // ~2.6 KB
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < conversations; c++) {
            int conversation = c;
            threads.add(Thread.ofVirtual().start(() -> {
                ModelClient trajectory = client.forTrajectory(Budget.tokens(10_000_000));
                List<Message> history = new ArrayList<>(List.of(Message.system("You fix bugs."),
                        Message.user("Conversation " + conversation + ": fix the bug.")));
                try {
                    for (int t = 0; t < turns; t++) {
                        ChatOutcome.Completed done = (ChatOutcome.Completed) trajectory.chat(ChatRequest.of(history).withTools(tools)
                                .withMaxTokens(1024));
                        history.add(done.message());
                        history.add(Message.toolResult(done.message().toolCalls().getFirst().id(), t + ": " + toolOutput));
                    }
                    allHoldHistories.await(60, TimeUnit.SECONDS);
                    measured.await(60, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                if (history.size() < 2 * turns) {
                    throw new IllegalStateException("history lost");
                }
            }));
        }
        while (server.requestCount() < conversations * turns) {
            Thread.sleep(5);
        }
        long during = liveHeap(); // every conversation is now waiting on its last answer
        allHoldHistories.await(120, TimeUnit.SECONDS);
        long seconds = (System.nanoTime() - start) / 1_000_000;
        measured.await(60, TimeUnit.SECONDS);
        for (Thread t : threads) {
            t.join();
        }
        System.out.printf(Locale.ROOT, "%d concurrent conversations x %d turns (%d calls) in %d ms (incl. a 2 s held last turn); live heap "
                        + "%.1f MB before, %.1f MB with all in flight holding their histories (+%.1f MB, %.0f KB per conversation); max heap %d MB%n",
                conversations, turns, conversations * turns, seconds, before / 1e6, during / 1e6, (during - before) / 1e6,
                (during - before) / 1e3 / conversations, Runtime.getRuntime().maxMemory() / 1_000_000);
    }

    private static long liveHeap() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
