package dev.quorum.app.github;

import dev.quorum.core.FileTrees;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quorum.core.Json;
import dev.quorum.core.Redactor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one job end to end: mint a token for the one repository, check that someone who asked may write to it,
 * fetch the repository into a bare mirror, check out the default branch, let the solver work, then push a
 * {@code quorum/issue-<n>} branch and open a (draft) pull request, or comment the findings.
 *
 * <p>What gets pushed is checked first: a fix touching {@link ProtectedPaths protected files} (CI, build, wrapper)
 * is refused with a comment unless the policy allows it, and then the pull request says so at the top. Where it
 * is pushed is {@link FixBranch}'s choice: never over commits that others added to Quorum's branch.
 *
 * <p>The installation token is used only in memory, as JGit credentials and as the API bearer: the mirror
 * and checkout never store a remote URL with credentials, and everything persisted or posted is redacted.
 */
final class IssueJobRunner {
    private static final Logger LOG = LoggerFactory.getLogger(IssueJobRunner.class);
    private static final Set<String> WRITERS = Set.of("admin", "maintain", "write");

    /** How a job ended, for the job store. */
    record Result(JobState state, String reason, String prUrl, double costUsd) {
    }

    private final Path dataDir;
    private final GitHubApi api;
    private final InstallationTokens tokens;
    private final IssueSolver solver;
    private final ServerConfig.Policy policy;
    private final ObjectMapper mapper = Json.mapper();
    private final ConcurrentHashMap<String, Object> mirrorLocks = new ConcurrentHashMap<>();
    private final Redactor redactor;

    IssueJobRunner(Path dataDir, GitHubApi api, InstallationTokens tokens, IssueSolver solver,
                   ServerConfig.Policy policy, Redactor redactor) {
        this.redactor = redactor;
        this.dataDir = dataDir;
        this.api = api;
        this.tokens = tokens;
        this.solver = solver;
        this.policy = policy;
    }

    Result run(Job job) {
        String token = null;
        Path runDir = dataDir.resolve("runs").resolve(job.runId());
        Path checkout = dataDir.resolve("work").resolve(job.runId());
        Result result;
        try {
            token = tokens.token(job.installationId(), job.repo());
            Files.createDirectories(runDir);
            String refusal = nobodyMayWrite(job, token);
            if (refusal != null) {
                LOG.info("job {} ({}#{}) refused: {}", job.id(), job.fullName(), job.issueNumber(), refusal);
                result = new Result(JobState.REFUSED, refusal, null, 0);
                writeOutcome(runDir, job, result, token);
                return result;
            }
            java.util.Optional<String> linkedFix = linkedFix(job, token);
            if (linkedFix.isPresent()) {
                LOG.info("skipped {}#{}: {}", job.fullName(), job.issueNumber(), linkedFix.get());
                postComment(job, Reports.skipped(linkedFix.get(), job.runId()), token);
                result = new Result(JobState.ABSTAINED, "skipped: " + linkedFix.get(), null, 0);
            } else {
                postComment(job, Reports.started(job.runId()), token);
                result = solveAndReport(job, token, runDir, checkout);
            }
        } catch (Exception e) {
            if (e instanceof InterruptedException || Thread.currentThread().isInterrupted()) {
                // The server is being killed: leave no trace, the job stays "running" for the restart to recover.
                Thread.currentThread().interrupt();
                FileTrees.deleteQuietly(checkout);
                return new Result(JobState.FAILED, "interrupted", null, 0);
            }
            String reason = redact(e.getClass().getSimpleName() + ": " + e.getMessage(), token);
            LOG.warn("job {} ({}#{}) failed: {}", job.id(), job.fullName(), job.issueNumber(), reason);
            if (token != null) {
                postComment(job, Reports.failed(reason, job.runId()), token);
            }
            result = new Result(JobState.FAILED, reason, null, 0);
        } finally {
            FileTrees.deleteQuietly(checkout);
        }
        writeOutcome(runDir, job, result, token);
        return result;
    }

    /** Null when one of those who asked has write access; else why nobody may (the job then does nothing). */
    private String nobodyMayWrite(Job job, String token) {
        if (job.requesters().isEmpty()) {
            return "the job names nobody who asked for it (recorded by an older version); label the issue again";
        }
        List<String> denied = new ArrayList<>();
        for (String user : job.requesters()) {
            String permission = api.permission(job.owner(), job.repo(), user, token);
            if (WRITERS.contains(permission.toLowerCase(Locale.ROOT))) {
                LOG.info("job {}: asked by {} ({})", job.id(), user, permission);
                return null;
            }
            denied.add(user + " has " + permission + " permission");
        }
        return String.join(", ", denied) + "; asking for a fix needs write access";
    }

    private Result solveAndReport(Job job, String token, Path runDir, Path checkout) throws Exception {
        var credentials = new UsernamePasswordCredentialsProvider("x-access-token", token);
        String baseCommit = prepareCheckout(job, credentials, checkout);
        writeJobFile(runDir, job, baseCommit, token);

        IssueOutcome outcome = solver.solve(checkout, baseCommit, job.issue(), runDir);
        return switch (outcome) {
            case IssueOutcome.Fixed fixed -> {
                Files.write(runDir.resolve("patch.diff"), fixed.patch().bytes());
                yield proposeFix(job, checkout, baseCommit, fixed, credentials, token);
            }
            case IssueOutcome.Abstained abstained -> {
                postComment(job, Reports.abstained(abstained.reason(), abstained.evidence(), job.runId()), token);
                yield new Result(JobState.ABSTAINED, redact(abstained.reason(), token), null,
                        abstained.evidence().costUsd());
            }
            case IssueOutcome.Failed failed -> {
                String reason = redact(failed.reason(), token);
                postComment(job, Reports.failed(reason, job.runId()), token);
                yield new Result(JobState.FAILED, reason, null, 0);
            }
        };
    }

    /** A fix already proposed in another pull request; when the timeline cannot be read, none (and a warning). */
    private java.util.Optional<String> linkedFix(Job job, String token) {
        try {
            return IssueEligibility.linkedFix(api.timeline(job.owner(), job.repo(), job.issueNumber(), token));
        } catch (RuntimeException e) {
            LOG.warn("could not read the timeline of {}#{} to look for a linked fix: {}", job.fullName(),
                    job.issueNumber(), redact(e.getMessage(), token));
            return java.util.Optional.empty();
        }
    }

    /** The text without the run's secrets and credentials, nor the job's installation token. */
    private String redact(String text, String token) {
        return redactor.withSecrets(token).redact(text);
    }

    /** Fetches the default branch into the repository's bare mirror and clones a working tree from the mirror. */
    private String prepareCheckout(Job job, UsernamePasswordCredentialsProvider credentials, Path checkout)
            throws IOException, GitAPIException {
        Path mirror = dataDir.resolve("mirrors").resolve(safe(job.owner())).resolve(safe(job.repo()) + ".git");
        String branchRef = "refs/heads/" + job.defaultBranch();
        synchronized (mirrorLocks.computeIfAbsent(job.fullName(), k -> new Object())) {
            if (!Files.isDirectory(mirror)) {
                Files.createDirectories(mirror);
                Git.init().setBare(true).setDirectory(mirror.toFile()).call().close();
            }
            try (Git git = Git.open(mirror.toFile())) {
                // Fetch by URL, not through a configured remote: the mirror's config never holds the address.
                git.fetch().setRemote(job.cloneUrl()).setCredentialsProvider(credentials)
                        .setTimeout((int) policy.githubTimeout().toSeconds())
                        .setRefSpecs(new RefSpec("+" + branchRef + ":" + branchRef)).call();
            }
            try (Git clone = Git.cloneRepository().setURI(mirror.toUri().toString()).setDirectory(checkout.toFile())
                    .setBranch(branchRef).call()) {
                ObjectId head = clone.getRepository().resolve("HEAD");
                if (head == null) {
                    throw new IllegalStateException("the default branch " + job.defaultBranch() + " has no commits");
                }
                return head.name();
            }
        }
    }

    /** Commits the fix, checks what it touches, pushes it to a branch that is Quorum's to replace, opens the PR. */
    private Result proposeFix(Job job, Path checkout, String baseCommit, IssueOutcome.Fixed fixed,
                              UsernamePasswordCredentialsProvider credentials, String token)
            throws GitAPIException, IOException {
        try (Git git = Git.open(checkout.toFile())) {
            FixBranch fix = new FixBranch(git, job, baseCommit, credentials, policy.githubTimeout());
            FixBranch.Commit commit = fix.commit(fixed.patch());
            List<String> protectedFiles = ProtectedPaths.among(commit.changedPaths());
            if (!protectedFiles.isEmpty() && !policy.allowProtectedChanges()) {
                postComment(job, Reports.protectedFilesRefused(protectedFiles, fixed.evidence(), job.runId()), token);
                return new Result(JobState.REFUSED, "the fix changes protected files " + protectedFiles
                        + "; not pushed (serve.allow-protected-changes is off)", null, fixed.evidence().costUsd());
            }
            String branch = fix.push();
            String body = redact(Reports.pullRequestBody(job.issue(), fixed.evidence(), job.runId(),
                    protectedFiles, branch.equals(job.branch()) ? null : job.branch(), commit.strategy()), token);
            GitHubApi.PullRequest pr = api.findOpenPullRequest(job.owner(), job.repo(), branch, token)
                    .orElseGet(() -> api.openPullRequest(job.owner(), job.repo(),
                            redact(Reports.pullRequestTitle(job.issue()), token), branch,
                            job.defaultBranch(), body, policy.draftPullRequests(), token));
            postComment(job, Reports.pullRequestOpened(pr, fixed.evidence()), token);
            return new Result(JobState.SUCCEEDED, "opened pull request #" + pr.number() + " from " + branch,
                    pr.htmlUrl(), fixed.evidence().costUsd());
        }
    }

    private void postComment(Job job, String body, String token) {
        try {
            api.comment(job.owner(), job.repo(), job.issueNumber(), redact(body, token), token);
        } catch (RuntimeException e) {
            // A lost progress comment must not lose the work itself.
            LOG.warn("could not comment on {}#{}: {}", job.fullName(), job.issueNumber(),
                    redact(e.getMessage(), token));
        }
    }

    private void writeJobFile(Path runDir, Job job, String baseCommit, String token) throws IOException {
        ObjectNode n = mapper.createObjectNode();
        n.put("job", job.id()).put("run_id", job.runId()).put("repository", job.fullName())
                .put("clone_url", redact(job.cloneUrl(), token)).put("default_branch", job.defaultBranch())
                .put("base_commit", baseCommit).put("issue", job.issueNumber()).put("issue_url", job.issueUrl())
                .put("title", job.title()).put("attempt", job.attempts());
        Files.writeString(runDir.resolve("job.json"), redact(mapper.writerWithDefaultPrettyPrinter()
                .writeValueAsString(n), token), StandardCharsets.UTF_8);
    }

    private void writeOutcome(Path runDir, Job job, Result result, String token) {
        try {
            Files.createDirectories(runDir);
            ObjectNode n = mapper.createObjectNode();
            n.put("job", job.id()).put("state", result.state().label()).put("reason", result.reason())
                    .put("pr_url", result.prUrl()).put("cost_usd", result.costUsd());
            Files.writeString(runDir.resolve("outcome.json"), redact(mapper.writerWithDefaultPrettyPrinter()
                    .writeValueAsString(n), token), StandardCharsets.UTF_8);
        } catch (IOException e) {
            LOG.warn("could not write the outcome of run {}: {}", job.runId(), e.getMessage());
        }
    }

    private static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
