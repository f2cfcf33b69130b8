package dev.quorum.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Predictions in SWE-bench form ({@code instance_id, model_name_or_path, model_patch}) or Multi-SWE-bench form
 * ({@code org, repo, number, fix_patch}); always written in SWE-bench form.
 */
final class PredictionJson {
    private PredictionJson() {
    }

    static Prediction decode(JsonNode record) {
        if (record.has("instance_id")) {
            return new Prediction(
                    Fields.requiredText(record, "instance_id"),
                    Fields.optionalText(record, "model_name_or_path"),
                    TaskJson.patch(record, "model_patch"));
        }
        if (record.has("org") || record.has("number")) {
            return new Prediction(
                    MultiSweBench.instanceId(record),
                    Fields.optionalText(record, "model_name_or_path"),
                    TaskJson.patch(record, "fix_patch"));
        }
        throw new BadField("instance_id", "is missing (and there is no org/repo/number either)");
    }

    static ObjectNode encode(Prediction prediction) {
        ObjectNode out = JsonLines.object();
        out.put("instance_id", prediction.instanceId());
        out.put("model_name_or_path", prediction.model());
        out.put("model_patch", prediction.patch().text());
        return out;
    }
}
