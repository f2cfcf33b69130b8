package dev.quorum.tasks;

import dev.quorum.core.Patch;
import java.util.Objects;

/**
 * One model's answer to one task: the patch it proposes.
 *
 * @param instanceId the task it answers
 * @param model      who produced it ({@code model_name_or_path}); empty when the file did not say
 * @param patch      the proposed diff; empty when the model gave up
 */
public record Prediction(String instanceId, String model, Patch patch) {
    public Prediction {
        Objects.requireNonNull(instanceId, "instanceId");
        model = model == null ? "" : model;
        patch = patch == null ? Patch.empty() : patch;
    }
}
