package dev.quorum.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quorum.core.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Built-in prices ({@code model-prices.json} beside this class) overlaid with the settings' own. A name
 * matches its exact entry first, then the longest entry it starts with, so dated snapshots such as
 * {@code claude-sonnet-4-5-20250929} find {@code claude-sonnet-4-5}.
 */
final class PriceTable {
    private final Map<String, Price> prices;

    private PriceTable(Map<String, Price> prices) {
        this.prices = Map.copyOf(prices);
    }

    static PriceTable withOverrides(Map<String, Price> overrides) {
        Map<String, Price> all = new HashMap<>(builtIn());
        all.putAll(overrides);
        return new PriceTable(all);
    }

    Optional<Price> priceOf(ModelRef model) {
        for (String key : new String[] {model.toString(), model.name()}) {
            Price exact = prices.get(key);
            if (exact != null) {
                return Optional.of(exact);
            }
        }
        String best = null;
        for (String key : prices.keySet()) {
            boolean matches = model.toString().startsWith(key) || model.name().startsWith(key);
            if (matches && (best == null || key.length() > best.length())) {
                best = key;
            }
        }
        return Optional.ofNullable(best).map(prices::get);
    }

    private static Map<String, Price> builtIn() {
        try (InputStream in = PriceTable.class.getResourceAsStream("model-prices.json")) {
            if (in == null) {
                throw new IllegalStateException("model-prices.json is missing from the model module");
            }
            Map<String, Price> table = new HashMap<>();
            JsonNode root = Json.mapper().readTree(in);
            root.path("models").properties().forEach(e -> {
                JsonNode p = e.getValue();
                double input = p.path("input").asDouble();
                table.put(e.getKey(), new Price(input, p.path("output").asDouble(),
                        p.path("cached_input").asDouble(input), p.path("cache_write").asDouble(input)));
            });
            return table;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model-prices.json", e);
        }
    }
}
