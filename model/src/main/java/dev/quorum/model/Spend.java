package dev.quorum.model;

/** An amount of tokens and dollars: spent so far, requested by a call, or left in a budget. */
public record Spend(long tokens, double usd) {
}
