package dev.quorum.agent;

import dev.quorum.model.ToolSpec;

/** One tool the model may call. A mistake the model can fix is a {@link ToolError}, never another exception. */
interface Tool {

    /** The name, description and JSON schema the model sees. */
    ToolSpec spec();

    /** The tool's output for these arguments (redacted and truncated by {@link Tools}). */
    String run(ToolArgs args);
}
