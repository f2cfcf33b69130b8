package dev.quorum.agent;

import dev.quorum.model.ToolSpec;

/** {@code submit}: ends the trajectory; the edits so far are its patch. */
record SubmitTool() implements Tool {
    static final String NAME = "submit";
    static final ToolSpec SPEC = ToolSpec.of(NAME, "Finish: your edits so far are the patch. Call it once"
            + " the fix is done.", """
            {"type":"object","properties":{"summary":{"type":"string","description":"one or two sentences on the fix"}}}""");

    @Override
    public ToolSpec spec() {
        return SPEC;
    }

    @Override
    public String run(ToolArgs args) {
        return args.textOr("summary", "(no summary)");
    }
}
