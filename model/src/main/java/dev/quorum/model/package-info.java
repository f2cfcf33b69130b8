/**
 * Model access: every LLM call Quorum makes goes through {@link dev.quorum.model.ModelClient}.
 *
 * <p>Public: the facade {@code ModelClient} and its factory {@code ModelClients}; the records
 * {@code ChatRequest}, {@code Message}, {@code ToolSpec}, {@code ToolCall}, {@code Usage}, {@code Budget},
 * {@code Spend}, {@code Price}, {@code RetryPolicy}, {@code ModelRef}, {@code ModelSettings}; and the sealed
 * {@code ChatOutcome} (Completed, BudgetExhausted, Failed).
 *
 * <p>Inside, in the order a call goes through them: {@code DefaultModelClient} (fallbacks, retries),
 * {@code BudgetLedger} (reserve an estimate before sending, waiting for calls in flight when full; settle after),
 * {@code TokenEstimate} (prompt tokens from the text, no tokenizer), {@code TokenRateLimiter},
 * {@code OpenAiApi} / {@code AnthropicApi} (wire formats; each documents its mapping), {@code Wire}
 * with {@code OkHttpTransport} or {@code Recording} (record/replay).
 *
 * <p>Secrets travel only in {@code Wire.Request.secretHeaders}, which is never hashed, stored or logged;
 * provider error text is scrubbed of known keys before it reaches a message.
 */
package dev.quorum.model;
