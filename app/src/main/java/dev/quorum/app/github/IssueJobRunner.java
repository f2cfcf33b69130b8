package dev.quorum.app.github;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quorum.core.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefLeaseSpec;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.util.io.DisabledOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one job end to end: mint a token for the one repository, check that someone who asked may write to it,
 * fetch the repository into a bare mirror, check out the default branch, let the solver work, then push a
 * {@code quorum/issue-<n>} branch and open a (draft) pull request, or comment the findings.
 *
 * <p>What gets pushed is checked first: a fix touching {@link ProtectedPaths protected files} (CI, build, wrapper)
 * is refused with a comment unless the policy allows it, and then the pull request says so at the top. A branch
 * is only ever replaced when every commit on it that the default branch lacks is Quorum's own, and then with a
 * lease on the head that was inspected; if someone else pushed to it, the fix goes to the next free branch
 * ({@code quorum/issue-<n>-2}, {@code -3}, ...) and their work stays as it is.
 *
 * <p>The installation token is used only in memory, as JGit credentials and as the API bearer: the mirror
 * and checkout never store a remote URL with credentials, and everything persisted or posted is redacted.
 */
final class IssueJobRunner {
    private static final Logger LOG = LoggerFactory.getLogger(IssueJobRunner.class);
    private static final PersonIdent BOT = new PersonIdent("quorum[bot]", "quorum-bot@users.noreply.github.com");
    private static final Set<String> WRITERS = Set.of("admin", "maintain", "write");
    /** Branches tried for one issue before giving up: {@code quorum/issue-<n>}, then {@code -2} ... */
    static final int MAX_BRANCHES = 10;

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

    IssueJobRunner(Path dataDir, GitHubApi api, InstallationTokens tokens, IssueSolver solver,
                   ServerConfig.Policy policy) {
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
            postComment(job, Reports.started(job.runId()), token);
            result = solveAndReport(job, token, runDir, checkout);
        } catch (Exception e) {
            if (e instanceof InterruptedException || Thread.currentThread().isInterrupted()) {
                // The server is being killed: leave no trace, the job stays "running" for the restart to recover.
                Thread.currentThread().interrupt();
                deleteTree(checkout);
                return new Result(JobState.FAILED, "interrupted", null, 0);
            }
            String reason = Redactor.redact(e.getClass().getSimpleName() + ": " + e.getMessage(), token);
            LOG.warn("job {} ({}#{}) failed: {}", job.id(), job.fullName(), job.issueNumber(), reason);
            if (token != null) {
                postComment(job, Reports.failed(reason, job.runId()), token);
            }
            result = new Result(JobState.FAILED, reason, null, 0);
        } finally {
            deleteTree(checkout);
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

        SolveOutcome outcome = solver.solve(checkout, baseCommit, job.issue(), runDir);
        return switch (outcome) {
            case SolveOutcome.Fixed fixed -> {
                Files.write(runDir.resolve("patch.diff"), fixed.patch().bytes());
                yield proposeFix(job, checkout, baseCommit, fixed, credentials, token);
            }
            case SolveOutcome.Abstained abstained -> {
                postComment(job, Reports.abstained(abstained.reason(), abstained.evidence(), job.runId()), token);
                yield new Result(JobState.ABSTAINED, Redactor.redact(abstained.reason(), token), null,
                        abstained.evidence().costUsd());
            }
            case SolveOutcome.Failed failed -> {
                String reason = Redactor.redact(failed.reason(), token);
                postComment(job, Reports.failed(reason, job.runId()), token);
                yield new Result(JobState.FAILED, reason, null, 0);
            }
        };
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
    private Result proposeFix(Job job, Path checkout, String baseCommit, SolveOutcome.Fixed fixed,
                              UsernamePasswordCredentialsProvider credentials, String token)
            throws GitAPIException, IOException {
        try (Git git = Git.open(checkout.toFile())) {
            ObjectId fix = commit(job, git, baseCommit, fixed);
            List<String> protectedFiles = ProtectedPaths.among(changedPaths(git, baseCommit, fix));
            if (!protectedFiles.isEmpty() && !policy.allowProtectedChanges()) {
                postComment(job, Reports.protectedFilesRefused(protectedFiles, fixed.evidence(), job.runId()), token);
                return new Result(JobState.REFUSED, "the fix changes protected files " + protectedFiles
                        + "; not pushed (serve.allow-protected-changes is off)", null, fixed.evidence().costUsd());
            }
            String branch = pushToFreeBranch(job, git, baseCommit, credentials);
            String body = Redactor.redact(Reports.pullRequestBody(job.issue(), fixed.evidence(), job.runId(),
                    protectedFiles, branch.equals(job.branch()) ? null : job.branch()), token);
            GitHubApi.PullRequest pr = api.findOpenPullRequest(job.owner(), job.repo(), branch, token)
                    .orElseGet(() -> api.openPullRequest(job.owner(), job.repo(),
                            Redactor.redact(Reports.pullRequestTitle(job.issue()), token), branch,
                            job.defaultBranch(), body, policy.draftPullRequests(), token));
            postComment(job, Reports.pullRequestOpened(pr, fixed.evidence()), token);
            return new Result(JobState.SUCCEEDED, "opened pull request #" + pr.number() + " from " + branch,
                    pr.htmlUrl(), fixed.evidence().costUsd());
        }
    }

    private ObjectId commit(Job job, Git git, String baseCommit, SolveOutcome.Fixed fixed)
            throws GitAPIException, IOException {
        // The patch is what gets proposed, whatever the solver left in the working tree.
        git.reset().setMode(ResetCommand.ResetType.HARD).setRef(baseCommit).call();
        git.clean().setCleanDirectories(true).setIgnore(false).call();
        git.checkout().setCreateBranch(true).setForced(true).setName(job.branch()).setStartPoint(baseCommit).call();
        git.apply().setPatch(new ByteArrayInputStream(fixed.patch().bytes())).call();
        git.add().addFilepattern(".").call();
        git.add().setUpdate(true).addFilepattern(".").call();
        return git.commit().setAuthor(BOT).setCommitter(BOT).setSign(false)
                .setMessage(Reports.pullRequestTitle(job.issue()) + "\n\nProposed for #" + job.issueNumber()
                        + " by Quorum, run " + job.runId() + ".\n").call().getId();
    }

    /** Every path the commit adds, changes, deletes or renames (both names), as it will be pushed. */
    private static List<String> changedPaths(Git git, String baseCommit, ObjectId fix) throws IOException {
        Repository repo = git.getRepository();
        try (RevWalk walk = new RevWalk(repo); ObjectReader reader = repo.newObjectReader();
             DiffFormatter diff = new DiffFormatter(DisabledOutputStream.INSTANCE)) {
            diff.setRepository(repo);
            diff.setDetectRenames(true);
            CanonicalTreeParser before = new CanonicalTreeParser(null, reader,
                    walk.parseCommit(repo.resolve(baseCommit)).getTree());
            CanonicalTreeParser after = new CanonicalTreeParser(null, reader, walk.parseCommit(fix).getTree());
            Set<String> paths = new LinkedHashSet<>();
            for (DiffEntry e : diff.scan(before, after)) {
                for (String path : List.of(e.getOldPath(), e.getNewPath())) {
                    if (!DiffEntry.DEV_NULL.equals(path)) {
                        paths.add(path);
                    }
                }
            }
            return List.copyOf(paths);
        }
    }

    /**
     * Pushes the fix to {@code quorum/issue-<n>} or, when others have commits there, to the first of
     * {@code -2}, {@code -3}, ... that is absent or Quorum's alone. An absent branch is created by a plain push; an
     * existing one is replaced with a lease on the head that was inspected, so a commit pushed meanwhile is not
     * lost either (the push is then refused and the job fails saying so).
     */
    private String pushToFreeBranch(Job job, Git git, String baseCommit,
                                    UsernamePasswordCredentialsProvider credentials)
            throws GitAPIException, IOException {
        int timeout = (int) policy.githubTimeout().toSeconds();
        Map<String, Ref> remote = new HashMap<>();
        for (Ref r : git.lsRemote().setRemote(job.cloneUrl()).setCredentialsProvider(credentials).setHeads(true)
                .setTimeout(timeout).call()) {
            remote.put(r.getName(), r);
        }
        for (int i = 1; i <= MAX_BRANCHES; i++) {
            String branch = i == 1 ? job.branch() : job.branch() + "-" + i;
            String ref = "refs/heads/" + branch;
            Ref existing = remote.get(ref);
            if (existing != null && !onlyQuorumCommits(git, job, ref, existing.getObjectId(), baseCommit,
                    credentials, timeout)) {
                LOG.warn("job {}: {} has commits by others; leaving it alone", job.id(), branch);
                continue;
            }
            var push = git.push().setRemote(job.cloneUrl()).setCredentialsProvider(credentials).setTimeout(timeout);
            String local = "refs/heads/" + job.branch(); // the commit made above
            if (existing == null) {
                push.setRefSpecs(new RefSpec(local + ":" + ref));
            } else {
                push.setRefSpecs(new RefSpec("+" + local + ":" + ref))
                        .setRefLeaseSpecs(new RefLeaseSpec(ref, existing.getObjectId().name()));
            }
            for (PushResult r : push.call()) {
                for (RemoteRefUpdate update : r.getRemoteUpdates()) {
                    if (update.getStatus() != RemoteRefUpdate.Status.OK
                            && update.getStatus() != RemoteRefUpdate.Status.UP_TO_DATE) {
                        throw new IllegalStateException("push of " + branch + " refused: " + update.getStatus()
                                + (update.getMessage() == null ? "" : " " + update.getMessage()));
                    }
                }
            }
            return branch;
        }
        throw new IllegalStateException("branches " + job.branch() + " to " + job.branch() + "-" + MAX_BRANCHES
                + " all hold commits by others; nothing was pushed");
    }

    /** Whether every commit on the remote branch that the base lacks was made by Quorum (author and committer). */
    private static boolean onlyQuorumCommits(Git git, Job job, String ref, ObjectId head, String baseCommit,
                                             UsernamePasswordCredentialsProvider credentials, int timeout)
            throws GitAPIException, IOException {
        String probe = "refs/quorum-probe/" + ref.substring("refs/heads/".length());
        git.fetch().setRemote(job.cloneUrl()).setCredentialsProvider(credentials).setTimeout(timeout)
                .setRefSpecs(new RefSpec("+" + ref + ":" + probe)).call();
        try (RevWalk walk = new RevWalk(git.getRepository())) {
            walk.markStart(walk.parseCommit(head));
            walk.markUninteresting(walk.parseCommit(git.getRepository().resolve(baseCommit)));
            for (RevCommit c : walk) {
                if (!isQuorum(c.getAuthorIdent()) || !isQuorum(c.getCommitterIdent())) {
                    return false;
                }
            }
            return true;
        }
    }

    private static boolean isQuorum(PersonIdent who) {
        return BOT.getName().equals(who.getName()) && BOT.getEmailAddress().equals(who.getEmailAddress());
    }

    private void postComment(Job job, String body, String token) {
        try {
            api.comment(job.owner(), job.repo(), job.issueNumber(), Redactor.redact(body, token), token);
        } catch (RuntimeException e) {
            // A lost progress comment must not lose the work itself.
            LOG.warn("could not comment on {}#{}: {}", job.fullName(), job.issueNumber(),
                    Redactor.redact(e.getMessage(), token));
        }
    }

    private void writeJobFile(Path runDir, Job job, String baseCommit, String token) throws IOException {
        ObjectNode n = mapper.createObjectNode();
        n.put("job", job.id()).put("run_id", job.runId()).put("repository", job.fullName())
                .put("clone_url", Redactor.redact(job.cloneUrl(), token)).put("default_branch", job.defaultBranch())
                .put("base_commit", baseCommit).put("issue", job.issueNumber()).put("issue_url", job.issueUrl())
                .put("title", job.title()).put("attempt", job.attempts());
        Files.writeString(runDir.resolve("job.json"), Redactor.redact(mapper.writerWithDefaultPrettyPrinter()
                .writeValueAsString(n), token), StandardCharsets.UTF_8);
    }

    private void writeOutcome(Path runDir, Job job, Result result, String token) {
        try {
            Files.createDirectories(runDir);
            ObjectNode n = mapper.createObjectNode();
            n.put("job", job.id()).put("state", result.state().label()).put("reason", result.reason())
                    .put("pr_url", result.prUrl()).put("cost_usd", result.costUsd());
            Files.writeString(runDir.resolve("outcome.json"), Redactor.redact(mapper.writerWithDefaultPrettyPrinter()
                    .writeValueAsString(n), token), StandardCharsets.UTF_8);
        } catch (IOException e) {
            LOG.warn("could not write the outcome of run {}: {}", job.runId(), e.getMessage());
        }
    }

    private static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    // Best effort: a leftover checkout wastes disk but holds no credentials.
                }
            });
        } catch (IOException e) {
            LOG.debug("could not delete {}: {}", dir, e.getMessage());
        }
    }
}
