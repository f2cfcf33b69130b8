package dev.quorum.app.github;

import dev.quorum.core.Patch;
import dev.quorum.sandbox.DirectoryPatcher;
import dev.quorum.sandbox.PatchApplication;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * A fix as Quorum's commit on the issue's branch, and where it may go. The fix goes to {@code quorum/issue-<n>}.
 * If that branch exists, the commits on it that the default branch lacks are looked at: when every one was authored
 * and committed by {@code quorum[bot]}, the branch is replaced (a force push with a lease on the inspected head, so
 * a commit pushed meanwhile makes the push fail rather than vanish); when anyone else has a commit there, it is
 * left alone and the fix goes to the first of {@code -2}, {@code -3}, ... that is absent or Quorum's alone.
 */
final class FixBranch {
    private static final Logger LOG = LoggerFactory.getLogger(FixBranch.class);
    private static final PersonIdent BOT = new PersonIdent("quorum[bot]", "quorum-bot@users.noreply.github.com");
    /** Branches tried for one issue before giving up: {@code quorum/issue-<n>}, then {@code -2} ... */
    static final int MAX_BRANCHES = 10;

    private final Git git;
    private final Job job;
    private final String baseCommit;
    private final UsernamePasswordCredentialsProvider credentials;
    private final int timeoutSeconds;

    FixBranch(Git git, Job job, String baseCommit, UsernamePasswordCredentialsProvider credentials, Duration timeout) {
        this.git = git;
        this.job = job;
        this.baseCommit = baseCommit;
        this.credentials = credentials;
        this.timeoutSeconds = (int) Math.max(1, timeout.toSeconds());
    }

    /**
     * The fix as committed.
     *
     * @param changedPaths every path the commit adds, changes, deletes or renames (both names): what a push changes
     * @param strategy     how the patch applied: with the strategies selection tested it with ({@link DirectoryPatcher})
     */
    record Commit(List<String> changedPaths, PatchApplication.Strategy strategy) {
    }

    /** Commits the patch on the local branch {@code quorum/issue-<n>} from the base commit. */
    Commit commit(Patch patch) throws GitAPIException, IOException {
        // The patch is what gets proposed, whatever the solver left in the working tree.
        git.reset().setMode(ResetCommand.ResetType.HARD).setRef(baseCommit).call();
        git.clean().setCleanDirectories(true).setIgnore(false).call();
        git.checkout().setCreateBranch(true).setForced(true).setName(job.branch()).setStartPoint(baseCommit).call();
        PatchApplication.Strategy strategy = switch (DirectoryPatcher.apply(git.getRepository().getWorkTree().toPath(),
                patch)) {
            case PatchApplication.Applied applied -> applied.strategy();
            case PatchApplication.Rejected rejected -> throw new IllegalStateException(
                    "the chosen patch does not apply to " + baseCommit + ": " + rejected.reason());
        };
        git.add().addFilepattern(".").call();
        git.add().setUpdate(true).addFilepattern(".").call();
        ObjectId fix = git.commit().setAuthor(BOT).setCommitter(BOT).setSign(false)
                .setMessage(Reports.pullRequestTitle(job.issue()) + "\n\nProposed for #" + job.issueNumber()
                        + " by Quorum, run " + job.runId() + ".\n").call().getId();
        return new Commit(changedPaths(fix), strategy);
    }

    private List<String> changedPaths(ObjectId fix) throws IOException {
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
     * Pushes the commit to the first branch that is absent or Quorum's alone: an absent branch by a plain push, an
     * existing one with a lease on the head that was inspected.
     *
     * @return the branch pushed to
     */
    String push() throws GitAPIException, IOException {
        Map<String, Ref> remote = new HashMap<>();
        for (Ref r : git.lsRemote().setRemote(job.cloneUrl()).setCredentialsProvider(credentials).setHeads(true)
                .setTimeout(timeoutSeconds).call()) {
            remote.put(r.getName(), r);
        }
        for (int i = 1; i <= MAX_BRANCHES; i++) {
            String branch = i == 1 ? job.branch() : job.branch() + "-" + i;
            String ref = "refs/heads/" + branch;
            Ref existing = remote.get(ref);
            if (existing != null && !onlyQuorumCommits(ref, existing.getObjectId())) {
                LOG.warn("job {}: {} has commits by others; leaving it alone", job.id(), branch);
                continue;
            }
            var push = git.push().setRemote(job.cloneUrl()).setCredentialsProvider(credentials)
                    .setTimeout(timeoutSeconds);
            String local = "refs/heads/" + job.branch(); // where commit() put the fix
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
    private boolean onlyQuorumCommits(String ref, ObjectId head) throws GitAPIException, IOException {
        String probe = "refs/quorum-probe/" + ref.substring("refs/heads/".length());
        git.fetch().setRemote(job.cloneUrl()).setCredentialsProvider(credentials).setTimeout(timeoutSeconds)
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
}
