package dev.quorum.model;

import java.util.Arrays;
import java.util.Objects;

/**
 * A model as Quorum names it: {@code provider/name}, e.g. {@code openai/gpt-4.1},
 * {@code anthropic/claude-sonnet-4-5}, {@code openai-compatible/qwen2.5-coder}. The name may itself contain
 * slashes (routers name models {@code vendor/model}); only the first slash separates the provider.
 */
public record ModelRef(Provider provider, String name) {

    public enum Provider {
        OPENAI("openai"),
        ANTHROPIC("anthropic"),
        /** Any server speaking OpenAI Chat Completions (vLLM, SGLang, Ollama, llama.cpp, routers); needs a base URL. */
        OPENAI_COMPATIBLE("openai-compatible");

        private final String prefix;

        Provider(String prefix) {
            this.prefix = prefix;
        }

        public String prefix() {
            return prefix;
        }

        static Provider ofPrefix(String prefix) {
            return Arrays.stream(values()).filter(p -> p.prefix.equals(prefix)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown model provider '" + prefix
                            + "'; use one of openai/, anthropic/, openai-compatible/"));
        }
    }

    public ModelRef {
        Objects.requireNonNull(provider, "provider");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("model name is empty");
        }
    }

    /** Parses {@code provider/name}. */
    public static ModelRef parse(String text) {
        Objects.requireNonNull(text, "model");
        int slash = text.indexOf('/');
        if (slash <= 0 || slash == text.length() - 1) {
            throw new IllegalArgumentException("model '" + text + "' must look like provider/name, e.g. openai/gpt-4.1");
        }
        return new ModelRef(Provider.ofPrefix(text.substring(0, slash).trim()), text.substring(slash + 1).trim());
    }

    @Override
    public String toString() {
        return provider.prefix() + "/" + name;
    }
}
