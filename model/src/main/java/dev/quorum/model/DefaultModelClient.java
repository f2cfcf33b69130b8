package dev.quorum.model;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.System.Logger.Level;
import java.net.ConnectException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The client: fallback models in order, and for each one budget reservation, rate limiting, a bounded number
 * of requests in flight, and retries. One {@link Shared} holds what all trajectories of a run share.
 */
final class DefaultModelClient implements ModelClient {
    private static final System.Logger LOG = System.getLogger("dev.quorum.model");

    /** What every client derived from one settings object shares. */
    record Shared(List<ProviderApi> apis, Wire.Transport transport, RetryPolicy retry, Semaphore inFlight,
                  TokenRateLimiter rateLimiter, PriceTable prices, Sleeper sleeper, Clock clock, List<String> secrets) {
    }

    private final Shared shared;
    private final BudgetLedger ledger;

    DefaultModelClient(Shared shared, BudgetLedger ledger) {
        this.shared = shared;
        this.ledger = ledger;
    }

    @Override
    public ModelClient forTrajectory(Budget trajectoryBudget) {
        return new DefaultModelClient(shared, new BudgetLedger(ChatOutcome.BudgetScope.TRAJECTORY, trajectoryBudget, ledger));
    }

    @Override
    public ModelClient forJob(Budget jobBudget) {
        return new DefaultModelClient(shared, new BudgetLedger(ChatOutcome.BudgetScope.JOB, jobBudget, ledger));
    }

    @Override
    public ModelClient billedTo(ModelClient payer) {
        if (!(payer instanceof DefaultModelClient paying)) {
            throw new IllegalArgumentException("a client can only be billed to another client made by ModelClients, not "
                    + (payer == null ? "null" : payer.getClass().getName()));
        }
        return new DefaultModelClient(shared, paying.ledger);
    }

    @Override
    public Spend spent() {
        return ledger.spent();
    }

    @Override
    public ChatOutcome chat(ChatRequest request) {
        List<ProviderApi> apis = shared.apis();
        ChatOutcome outcome = null;
        for (int i = 0; i < apis.size(); i++) {
            ProviderApi api = apis.get(i);
            outcome = api.supportsSamples() || request.n() == 1
                    ? call(api, request, request.n())
                    : callPerSample(api, request);
            boolean more = i + 1 < apis.size();
            if (more && outcome instanceof ChatOutcome.Failed failed && fallsBack(failed.kind())) {
                LOG.log(Level.WARNING, "{0} failed ({1}); falling back to {2}", api.model(), failed.kind(), apis.get(i + 1).model());
                continue;
            }
            return outcome;
        }
        return outcome;
    }

    /** Another model may succeed where this one is overloaded, unknown, or too small; a bad key or request will not. */
    private static boolean fallsBack(ChatOutcome.FailureKind kind) {
        return switch (kind) {
            case RETRIES_EXHAUSTED, NOT_FOUND, CONTEXT_LENGTH_EXCEEDED -> true;
            default -> false;
        };
    }

    /** n samples from an API without native n: n calls, merged; partial results are kept if a later call fails. */
    private ChatOutcome callPerSample(ProviderApi api, ChatRequest request) {
        List<ChatOutcome.Choice> choices = new ArrayList<>();
        Usage usage = Usage.ZERO;
        double cost = 0;
        ChatRequest single = request.withSamples(1);
        for (int i = 0; i < request.n(); i++) {
            ChatOutcome one = call(api, single, 1);
            if (!(one instanceof ChatOutcome.Completed done)) {
                if (choices.isEmpty()) {
                    return one;
                }
                break;
            }
            choices.addAll(done.choices());
            usage = usage.plus(done.usage());
            cost += done.costUsd();
        }
        return new ChatOutcome.Completed(choices, usage, cost, api.model());
    }

    private ChatOutcome call(ProviderApi api, ChatRequest request, int n) {
        Wire.Request wire = api.encode(request, n);
        // Estimated from the text (see TokenEstimate) at the uncached input rate; the completion is bounded by
        // max tokens. An underestimate is charged in full when the call settles.
        long promptEstimate = TokenEstimate.ofBody(wire.body()) + api.hiddenPromptTokens(request);
        long completionBound = (long) request.maxTokens() * n;
        Price price = shared.prices().priceOf(api.model()).orElse(Price.FREE);
        BudgetLedger.Reservation held = new BudgetLedger.Reservation(promptEstimate + completionBound,
                BudgetLedger.toMicrosCeil(price.estimate(promptEstimate, completionBound)));
        Attempts attempts = new Attempts();
        boolean answered = false;
        long usedTokens = 0;
        long usedMicros = 0;
        try {
            ChatOutcome.BudgetExhausted refused = ledger.reserve(held);
            if (refused != null) {
                return refused;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ChatOutcome.Failed(ChatOutcome.FailureKind.INTERRUPTED,
                    api.model() + ": interrupted while waiting for budget", 0, api.model());
        }
        try {
            shared.rateLimiter().acquire(held.tokens());
            ChatOutcome outcome = sendWithRetries(api, wire, price, attempts);
            if (outcome instanceof ChatOutcome.Completed done) {
                answered = true;
                usedTokens = done.usage().totalTokens();
                usedMicros = Math.round(done.costUsd() * 1_000_000);
            }
            return outcome;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ChatOutcome.Failed(ChatOutcome.FailureKind.INTERRUPTED, api.model() + ": interrupted while waiting", 0, api.model());
        } finally {
            // Attempts that reached the provider without a usable answer (errors, timeouts) are charged their
            // estimated prompt: the provider may well have processed and billed them.
            long unanswered = attempts.sent - (answered ? 1 : 0);
            usedTokens += unanswered * promptEstimate;
            usedMicros += unanswered * BudgetLedger.toMicrosCeil(price.estimate(promptEstimate, 0));
            ledger.settle(held, usedTokens, usedMicros);
        }
    }

    /** How many attempts of one call went out to the provider. */
    private static final class Attempts {
        int sent;
    }

    private ChatOutcome sendWithRetries(ProviderApi api, Wire.Request wire, Price price, Attempts attempts)
            throws InterruptedException {
        RetryPolicy policy = shared.retry();
        String lastProblem = "no attempt made";
        int lastStatus = 0;
        for (int attempt = 1; attempt <= policy.maxAttempts(); attempt++) {
            Wire.Response response = null;
            Duration serverWait = null;
            shared.inFlight().acquire();
            try {
                response = shared.transport().send(wire);
                attempts.sent++;
            } catch (Wire.NotRecordedException e) {
                return new ChatOutcome.Failed(ChatOutcome.FailureKind.NOT_RECORDED, api.model() + ": " + e.getMessage(), 0, api.model());
            } catch (IOException e) {
                if (!(e instanceof ConnectException || e instanceof java.net.UnknownHostException)) {
                    attempts.sent++; // a timeout or a cut connection: the request went out
                }
                lastStatus = 0;
                lastProblem = describe(e);
            } finally {
                shared.inFlight().release();
            }
            if (response != null) {
                if (response.status() / 100 == 2) {
                    return decode(api, response, price);
                }
                if (!response.retryable()) {
                    return classify(api, response);
                }
                lastStatus = response.status();
                lastProblem = "HTTP " + response.status() + ": " + redact(ProviderApi.errorMessage(response.body()));
                serverWait = RetryAfter.of(response, shared.clock().instant()).orElse(null);
            }
            if (attempt == policy.maxAttempts()) {
                break;
            }
            Duration wait = serverWait != null
                    ? (serverWait.compareTo(policy.maxRetryAfter()) > 0 ? policy.maxRetryAfter() : serverWait)
                    : policy.backoff(attempt, ThreadLocalRandom.current().nextDouble());
            LOG.log(Level.INFO, "{0}: attempt {1} failed ({2}); retrying in {3} ms", api.model(), attempt, lastProblem, wait.toMillis());
            shared.sleeper().sleep(wait);
        }
        return new ChatOutcome.Failed(ChatOutcome.FailureKind.RETRIES_EXHAUSTED,
                api.model() + ": gave up after " + policy.maxAttempts() + " attempts; last failure: " + lastProblem,
                lastStatus, api.model());
    }

    private ChatOutcome decode(ProviderApi api, Wire.Response response, Price price) {
        try {
            ProviderApi.Decoded decoded = api.decode(response.body());
            return new ChatOutcome.Completed(decoded.choices(), decoded.usage(), price.cost(decoded.usage()), api.model());
        } catch (ProviderApi.MalformedResponseException e) {
            return new ChatOutcome.Failed(ChatOutcome.FailureKind.MALFORMED_RESPONSE,
                    api.model() + ": malformed response (HTTP " + response.status() + "): " + redact(e.getMessage()),
                    response.status(), api.model());
        }
    }

    private ChatOutcome.Failed classify(ProviderApi api, Wire.Response response) {
        int status = response.status();
        String said = redact(ProviderApi.errorMessage(response.body()));
        ChatOutcome.FailureKind kind;
        String explanation;
        if (status == 401) {
            kind = ChatOutcome.FailureKind.AUTHENTICATION;
            explanation = "authentication failed; check " + api.keyHint();
        } else if (status == 403) {
            kind = ChatOutcome.FailureKind.PERMISSION;
            explanation = "the key is not allowed to use this model or endpoint; check " + api.keyHint();
        } else if (status == 404) {
            kind = ChatOutcome.FailureKind.NOT_FOUND;
            explanation = "model or endpoint not found; check the model name and base URL";
        } else if (status == 413 || isContextLength(response.body())) {
            kind = ChatOutcome.FailureKind.CONTEXT_LENGTH_EXCEEDED;
            explanation = "the prompt does not fit the model's context window";
        } else {
            kind = ChatOutcome.FailureKind.BAD_REQUEST;
            explanation = "the provider rejected the request";
        }
        return new ChatOutcome.Failed(kind, api.model() + ": HTTP " + status + " " + explanation + ": " + said, status, api.model());
    }

    private static boolean isContextLength(String body) {
        String b = body == null ? "" : body.toLowerCase(Locale.ROOT);
        return b.contains("context_length_exceeded") || b.contains("context length") || b.contains("prompt is too long")
                || b.contains("maximum context") || b.contains("context window");
    }

    private static String describe(IOException e) {
        String what = e instanceof InterruptedIOException ? "timeout"
                : e instanceof ConnectException ? "connection refused"
                : e.getClass().getSimpleName();
        return what + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")");
    }

    private String redact(String text) {
        return Recording.redact(text, shared.secrets());
    }
}
