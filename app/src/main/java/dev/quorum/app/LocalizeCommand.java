package dev.quorum.app;

import dev.quorum.core.Json;
import dev.quorum.core.RepoRef;
import dev.quorum.localization.Localization;
import dev.quorum.localization.LocalizationRequest;
import dev.quorum.localization.Localizer;
import dev.quorum.localization.RankedFile;
import dev.quorum.localization.RankedMethod;
import dev.quorum.model.ModelClients;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code quorum localize}: rank the files and methods an issue is about. */
@Command(name = "localize", mixinStandardHelpOptions = true,
        description = "Rank the files and methods of a repository that an issue is about (BM25 over code-aware "
                + "tokens, boosted by stack frames and names in the issue), with the reasons for each.")
public final class LocalizeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--repo", required = true, paramLabel = "PATH|URL",
            description = "Working copy, bare mirror, or URL (cloned to a temporary directory).")
    String repo;

    @Option(names = "--commit", defaultValue = "HEAD", paramLabel = "SHA",
            description = "Commit to read (default: ${DEFAULT-VALUE}).")
    String commit;

    @Option(names = "--working-copy", description = "Read the files on disk, uncommitted changes included.")
    boolean workingCopy;

    @Option(names = "--issue", required = true, paramLabel = "FILE", description = "File holding the issue text.")
    Path issue;

    @Option(names = "--top", defaultValue = "10", paramLabel = "N", description = "Files to list (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--context-tokens", defaultValue = "8000", paramLabel = "N",
            description = "Token budget of the rendered context (default: ${DEFAULT-VALUE}).")
    int contextTokens;

    @Option(names = "--rerank", description = "Let the model configured by QUORUM_MODEL and its API key variables "
            + "reorder the top files (the BM25 order stands if the call fails).")
    boolean rerank;

    @Option(names = "--json", description = "Print the whole result, context included, as JSON.")
    boolean json;

    @Option(names = "--context", description = "Also print the rendered context block (skeletons and method bodies).")
    boolean context;

    @Override
    public Integer call() throws Exception {
        LocalizationRequest.Options options = LocalizationRequest.Options.defaults()
                .withTopFiles(top).withContextTokens(contextTokens);
        LocalizationRequest request = new LocalizationRequest(RepoRef.fromUserInput(repo), commit, workingCopy,
                Files.readString(issue, StandardCharsets.UTF_8), options);
        Localizer localizer = rerank ? Localizer.withModelRerank(ModelClients.fromEnvironment(System.getenv()))
                : Localizer.bm25();
        Localization result = localizer.localize(request);

        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(result));
        } else {
            out.printf("%s: %d files indexed%n%nFiles:%n", result.commit(), result.indexedFiles());
            int rank = 1;
            for (RankedFile f : result.files()) {
                out.printf("%3d. %8.2f  %s%s%n       %s%n", rank++, f.score(), f.path(), f.test() ? "  (test)" : "", f.why());
            }
            out.printf("%nMethods:%n");
            rank = 1;
            for (RankedMethod m : result.methods().subList(0, Math.min(top, result.methods().size()))) {
                out.printf("%3d. %8.2f  %s  %s:%d-%d%n       %s%n", rank++, m.score(), m.member(), m.path(),
                        m.startLine(), m.endLine(), m.why());
            }
            if (!result.unparsedFiles().isEmpty()) {
                out.printf("%nNot parsed (indexed as text): %s%n", result.unparsedFiles());
            }
            if (context) {
                out.printf("%nContext (~%d of %d tokens):%n%s", result.context().estimatedTokens(),
                        result.context().tokenBudget(), result.context().text());
            }
        }
        out.flush();
        return 0;
    }
}
