/**
 * Model access: every LLM call Quorum makes goes through {@link dev.quorum.model.ModelClient}.
 *
 * <p>Public: the facade {@code ModelClient} and its factory {@code ModelClients}; the records
 * {@code ChatRequest}, {@code Message}, {@code ToolSpec}, {@code ToolCall}, {@code Usage}, {@code Budget},
 * {@code Spend}, {@code Price}, {@code RetryPolicy}, {@code ModelRef}, {@code ModelSettings}; and the sealed
 * {@code ChatOutcome} (Completed, BudgetExhausted, Failed).
 *
 * <p>Inside, in the order a call goes through them: {@code DefaultModelClient} (fallbacks, retries),
 * {@code BudgetLedger} (reserve worst case before sending, settle after), {@code TokenRateLimiter},
 * {@code OpenAiApi} / {@code AnthropicApi} (wire formats; each documents its mapping), {@code Wire}
 * with {@code OkHttpTransport} or {@code Recording} (record/replay).
 *
 * <p>Secrets travel only in {@code Wire.Request.secretHeaders}, which is never hashed, stored or logged;
 * provider error text is scrubbed of known keys before it reaches a message.
 */
package dev.quorum.model;
