package dev.quorum.app.github;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * The persistent job queue and the delivery-id dedupe table, in an embedded H2 database under the data
 * directory. One connection, every method synchronized: the server is one process with a handful of
 * workers and a few webhooks a minute, and serializing makes "claim the next job" trivially atomic.
 *
 * <p>Durable before acknowledged: H2 normally writes a commit up to half a second later ({@code WRITE_DELAY}
 * 500 ms), so a kill right after a webhook was answered could lose it. The database is opened with
 * {@code WRITE_DELAY=0} (each commit is written at once) and every accepted delivery is followed by
 * {@code CHECKPOINT SYNC} (flushed to the device) before the handler replies.
 */
final class JobStore implements AutoCloseable {

    /** A job that was running when the server died is tried again this many times in all, then failed. */
    static final int MAX_ATTEMPTS = 2;

    /** What {@link #accept} did with a delivery; {@code QUEUE_FULL} recorded nothing, so a redelivery can succeed. */
    enum Acceptance { DUPLICATE_DELIVERY, RECORDED, QUEUED, ALREADY_ACTIVE, QUEUE_FULL }

    /** Room for the logins that asked for one queued job (each is checked until one may). */
    private static final int REQUESTERS_MAX_CHARS = 2000;

    /** Per-state totals for the metrics endpoint. */
    record StateTotals(JobState state, long count, double durationSecondsSum, long durationCount, double costUsd) {
    }

    private final Connection db;

    private JobStore(Connection db) {
        this.db = db;
    }

    static JobStore open(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
            String url = "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("queue")
                    + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
            Connection c = DriverManager.getConnection(url, "quorum", "");
            JobStore store = new JobStore(c);
            store.createSchema();
            return store;
        } catch (Exception e) {
            throw new IllegalStateException("cannot open the job database in " + dataDir + ": " + e.getMessage(), e);
        }
    }

    private void createSchema() throws SQLException {
        try (Statement s = db.createStatement()) {
            s.execute("""
                    CREATE TABLE IF NOT EXISTS deliveries(
                      delivery_id VARCHAR(200) PRIMARY KEY,
                      event VARCHAR(100) NOT NULL,
                      received_at BIGINT NOT NULL)""");
            s.execute("""
                    CREATE TABLE IF NOT EXISTS installations(
                      installation_id BIGINT PRIMARY KEY,
                      account VARCHAR(200),
                      action VARCHAR(100),
                      updated_at BIGINT NOT NULL)""");
            s.execute("""
                    CREATE TABLE IF NOT EXISTS jobs(
                      id BIGINT AUTO_INCREMENT PRIMARY KEY,
                      delivery_id VARCHAR(200) NOT NULL,
                      installation_id BIGINT NOT NULL,
                      owner VARCHAR(200) NOT NULL,
                      repo VARCHAR(200) NOT NULL,
                      issue_number INT NOT NULL,
                      title VARCHAR(4000),
                      body CLOB,
                      issue_url VARCHAR(1000),
                      clone_url VARCHAR(1000) NOT NULL,
                      default_branch VARCHAR(300) NOT NULL,
                      state VARCHAR(20) NOT NULL,
                      attempts INT NOT NULL,
                      run_id VARCHAR(200),
                      reason VARCHAR(4000),
                      pr_url VARCHAR(1000),
                      cost_usd DOUBLE PRECISION NOT NULL,
                      created_at BIGINT NOT NULL,
                      started_at BIGINT,
                      finished_at BIGINT)""");
            // Added after the first release: a database made by it gets the column on open.
            s.execute("ALTER TABLE jobs ADD COLUMN IF NOT EXISTS requesters VARCHAR(" + REQUESTERS_MAX_CHARS + ")");
        }
    }

    synchronized boolean seen(String deliveryId) {
        try (PreparedStatement p = db.prepareStatement("SELECT 1 FROM deliveries WHERE delivery_id = ?")) {
            p.setString(1, deliveryId);
            try (ResultSet r = p.executeQuery()) {
                return r.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Records the delivery and, when it asks for one, queues a job, in one transaction: a delivery seen before
     * changes nothing, so a redelivered webhook never starts a second job.
     */
    synchronized Acceptance accept(String deliveryId, String event, JobRequest request, Instant now) {
        return accept(deliveryId, event, request, Integer.MAX_VALUE, now);
    }

    /**
     * As {@link #accept(String, String, JobRequest, Instant)}, refusing a new job when {@code maxQueued} are
     * already waiting. A request for an issue that already has a queued job adds its requester to that job.
     */
    synchronized Acceptance accept(String deliveryId, String event, JobRequest request, int maxQueued, Instant now) {
        try {
            db.setAutoCommit(false);
            try {
                if (seen(deliveryId)) {
                    db.rollback();
                    return Acceptance.DUPLICATE_DELIVERY;
                }
                try (PreparedStatement p = db.prepareStatement(
                        "INSERT INTO deliveries(delivery_id, event, received_at) VALUES (?, ?, ?)")) {
                    p.setString(1, deliveryId);
                    p.setString(2, event);
                    p.setLong(3, now.toEpochMilli());
                    p.executeUpdate();
                }
                Acceptance result = Acceptance.RECORDED;
                if (request != null) {
                    if (activeJobFor(request.owner(), request.repo(), request.issueNumber())) {
                        addRequester(request);
                        result = Acceptance.ALREADY_ACTIVE;
                    } else if (queuedCount() >= maxQueued) {
                        db.rollback();
                        return Acceptance.QUEUE_FULL;
                    } else {
                        insertJob(deliveryId, request, now);
                        result = Acceptance.QUEUED;
                    }
                }
                db.commit();
                syncToDisk();
                return result;
            } catch (SQLException e) {
                db.rollback();
                if (e.getErrorCode() == org.h2.api.ErrorCode.DUPLICATE_KEY_1) {
                    return Acceptance.DUPLICATE_DELIVERY;
                }
                throw e;
            } finally {
                db.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("job database: " + e.getMessage(), e);
        }
    }

    private void syncToDisk() throws SQLException {
        try (Statement s = db.createStatement()) {
            s.execute("CHECKPOINT SYNC");
        }
    }

    private long queuedCount() throws SQLException {
        try (Statement s = db.createStatement(); ResultSet r = s.executeQuery(
                "SELECT COUNT(*) FROM jobs WHERE state = 'QUEUED'")) {
            r.next();
            return r.getLong(1);
        }
    }

    /** A second asker of a queued job may have the permission the first lacks: both are checked when it runs. */
    private void addRequester(JobRequest q) throws SQLException {
        if (q.requestedBy() == null) {
            return;
        }
        try (PreparedStatement p = db.prepareStatement("UPDATE jobs SET requesters = requesters || ',' || ? WHERE "
                + "owner = ? AND repo = ? AND issue_number = ? AND state = 'QUEUED' AND requesters IS NOT NULL "
                + "AND LENGTH(requesters) + LENGTH(?) < " + REQUESTERS_MAX_CHARS + " AND LOCATE(',' || ? || ',', "
                + "',' || requesters || ',') = 0")) {
            p.setString(1, q.requestedBy());
            p.setString(2, q.owner());
            p.setString(3, q.repo());
            p.setInt(4, q.issueNumber());
            p.setString(5, q.requestedBy());
            p.setString(6, q.requestedBy());
            p.executeUpdate();
        }
    }

    private boolean activeJobFor(String owner, String repo, int issue) throws SQLException {
        try (PreparedStatement p = db.prepareStatement("SELECT 1 FROM jobs WHERE owner = ? AND repo = ? AND "
                + "issue_number = ? AND state IN ('QUEUED', 'RUNNING')")) {
            p.setString(1, owner);
            p.setString(2, repo);
            p.setInt(3, issue);
            try (ResultSet r = p.executeQuery()) {
                return r.next();
            }
        }
    }

    private void insertJob(String deliveryId, JobRequest q, Instant now) throws SQLException {
        try (PreparedStatement p = db.prepareStatement("INSERT INTO jobs(delivery_id, installation_id, owner, repo, "
                + "issue_number, title, body, issue_url, clone_url, default_branch, state, attempts, cost_usd, "
                + "created_at, requesters) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'QUEUED', 0, 0, ?, ?)")) {
            p.setString(1, deliveryId);
            p.setLong(2, q.installationId());
            p.setString(3, q.owner());
            p.setString(4, q.repo());
            p.setInt(5, q.issueNumber());
            p.setString(6, truncate(q.title(), 4000));
            p.setString(7, q.body());
            p.setString(8, q.issueUrl());
            p.setString(9, q.cloneUrl());
            p.setString(10, q.defaultBranch());
            p.setLong(11, now.toEpochMilli());
            p.setString(12, q.requestedBy());
            p.executeUpdate();
        }
    }

    synchronized void recordInstallation(long installationId, String account, String action, Instant now) {
        try (PreparedStatement p = db.prepareStatement("MERGE INTO installations(installation_id, account, action, "
                + "updated_at) KEY(installation_id) VALUES (?, ?, ?, ?)")) {
            p.setLong(1, installationId);
            p.setString(2, account);
            p.setString(3, action);
            p.setLong(4, now.toEpochMilli());
            p.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("job database: " + e.getMessage(), e);
        }
    }

    synchronized Optional<String> installationAction(long installationId) {
        try (PreparedStatement p = db.prepareStatement(
                "SELECT action FROM installations WHERE installation_id = ?")) {
            p.setLong(1, installationId);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Takes the oldest queued job, marks it running (one more attempt) with a fresh run id, and returns it. */
    synchronized Optional<Job> claimNext(LongFunction<String> runIdForJob, Instant now) {
        try {
            Optional<Job> next = query("SELECT * FROM jobs WHERE state = 'QUEUED' ORDER BY id LIMIT 1").stream()
                    .findFirst();
            if (next.isEmpty()) {
                return Optional.empty();
            }
            long id = next.get().id();
            try (PreparedStatement p = db.prepareStatement("UPDATE jobs SET state = 'RUNNING', attempts = attempts "
                    + "+ 1, run_id = ?, started_at = ?, reason = NULL WHERE id = ? AND state = 'QUEUED'")) {
                p.setString(1, runIdForJob.apply(id) + "-a" + (next.get().attempts() + 1));
                p.setLong(2, now.toEpochMilli());
                p.setLong(3, id);
                if (p.executeUpdate() != 1) {
                    return Optional.empty();
                }
            }
            return job(id);
        } catch (SQLException e) {
            throw new IllegalStateException("job database: " + e.getMessage(), e);
        }
    }

    synchronized void finish(long id, JobState state, String reason, String prUrl, double costUsd, Instant now) {
        if (!state.isFinal()) {
            throw new IllegalArgumentException("not a final state: " + state);
        }
        try (PreparedStatement p = db.prepareStatement("UPDATE jobs SET state = ?, reason = ?, pr_url = ?, "
                + "cost_usd = ?, finished_at = ? WHERE id = ?")) {
            p.setString(1, state.name());
            p.setString(2, truncate(reason, 4000));
            p.setString(3, prUrl);
            p.setDouble(4, costUsd);
            p.setLong(5, now.toEpochMilli());
            p.setLong(6, id);
            p.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("job database: " + e.getMessage(), e);
        }
    }

    /**
     * After a crash or a kill, jobs still marked running were cut off mid-way. Each is queued again if it has
     * attempts left (a branch holding only Quorum's commits is replaced and an open pull request is reused, so a
     * second attempt does not duplicate anything on GitHub), otherwise failed with the reason.
     *
     * @return how many jobs were re-queued and how many failed
     */
    synchronized int[] recoverInterrupted(Instant now) {
        try (Statement s = db.createStatement()) {
            int requeued = s.executeUpdate("UPDATE jobs SET state = 'QUEUED', reason = 'interrupted by a server "
                    + "restart; queued again' WHERE state = 'RUNNING' AND attempts < " + MAX_ATTEMPTS);
            int failed;
            try (PreparedStatement p = db.prepareStatement("UPDATE jobs SET state = 'FAILED', finished_at = ?, "
                    + "reason = 'interrupted by a server restart on each of its " + MAX_ATTEMPTS + " attempts; not "
                    + "retried again' WHERE state = 'RUNNING'")) {
                p.setLong(1, now.toEpochMilli());
                failed = p.executeUpdate();
            }
            return new int[] {requeued, failed};
        } catch (SQLException e) {
            throw new IllegalStateException("job database: " + e.getMessage(), e);
        }
    }

    synchronized Optional<Job> job(long id) {
        try {
            return query("SELECT * FROM jobs WHERE id = " + id).stream().findFirst();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    synchronized List<Job> jobs() {
        try {
            return query("SELECT * FROM jobs ORDER BY id");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    synchronized boolean hasQueued() {
        try (Statement s = db.createStatement();
             ResultSet r = s.executeQuery("SELECT 1 FROM jobs WHERE state = 'QUEUED' LIMIT 1")) {
            return r.next();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    synchronized List<StateTotals> totals() {
        Map<JobState, StateTotals> byState = new EnumMap<>(JobState.class);
        for (JobState s : JobState.values()) {
            byState.put(s, new StateTotals(s, 0, 0, 0, 0));
        }
        try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("""
                SELECT state, COUNT(*),
                       SUM(CASE WHEN finished_at IS NOT NULL AND started_at IS NOT NULL
                                THEN finished_at - started_at ELSE 0 END),
                       SUM(CASE WHEN finished_at IS NOT NULL AND started_at IS NOT NULL THEN 1 ELSE 0 END),
                       SUM(cost_usd)
                FROM jobs GROUP BY state""")) {
            while (r.next()) {
                JobState state = JobState.valueOf(r.getString(1));
                byState.put(state, new StateTotals(state, r.getLong(2), r.getLong(3) / 1000.0, r.getLong(4),
                        r.getDouble(5)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return new ArrayList<>(byState.values());
    }

    private List<Job> query(String sql) throws SQLException {
        List<Job> out = new ArrayList<>();
        try (Statement s = db.createStatement(); ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                out.add(new Job(r.getLong("id"), r.getString("delivery_id"), r.getLong("installation_id"),
                        r.getString("owner"), r.getString("repo"), r.getInt("issue_number"), r.getString("title"),
                        r.getString("body"), r.getString("issue_url"), r.getString("clone_url"),
                        r.getString("default_branch"), JobState.valueOf(r.getString("state")), r.getInt("attempts"),
                        r.getString("run_id"), r.getString("reason"), r.getString("pr_url"), r.getDouble("cost_usd"),
                        instant(r, "created_at"), instant(r, "started_at"), instant(r, "finished_at"),
                        requesters(r.getString("requesters"))));
            }
        }
        return out;
    }

    private static List<String> requesters(String column) {
        return column == null ? List.of() : List.of(column.split(","));
    }

    private static Instant instant(ResultSet r, String column) throws SQLException {
        long v = r.getLong(column);
        return r.wasNull() ? null : Instant.ofEpochMilli(v);
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException e) {
            // Closing a database that is already gone: nothing left to release.
        }
    }
}
