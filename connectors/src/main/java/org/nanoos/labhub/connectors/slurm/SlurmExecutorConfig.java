package org.nanoos.labhub.connectors.slurm;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link SlurmExecutor} talks to clusters: timeouts, keep-alives, back-off, the hub-wide command rate, caches and
 * size limits. {@link #defaults()} suits a lab; every value has a {@code with…} to change it.
 *
 * @param commandTimeout       how long one command ({@code squeue}, {@code sacct}, {@code scontrol}, {@code scancel})
 *                             may take; its channel is closed after that (default 60 s)
 * @param sbatchTimeout        how long {@code sbatch} may take; a submission that times out counts as one whose reply
 *                             was lost, so its token is looked up (default 60 s; sbatch itself waits up to SLURM's
 *                             {@code MessageTimeout}, 10 s by default, per try)
 * @param connectTimeout       how long connecting and logging in may take (default 20 s)
 * @param heartbeatInterval    how often a quiet session sends an SSH keep-alive (default 30 s)
 * @param heartbeatNoReplyMax  keep-alives without answer after which the session counts as lost and is closed
 *                             (default 4, so a dead link is noticed within about two minutes)
 * @param reconnectBackoff     the wait after a failed connection attempt before the next one (default 2 s); it doubles
 *                             with each failure in a row, up to {@code reconnectBackoffMax}; calls in between fail at
 *                             once with the last error
 * @param reconnectBackoffMax  the longest wait between connection attempts (default 2 min)
 * @param commandsPerSecond    the hub-wide limit on commands per second, all clusters together (default
 *                             {@value CommandRateLimit#DEFAULT_PER_SECOND}); see {@link CommandRateLimit}
 * @param commandBurst         commands that may go at once after a quiet spell (default
 *                             {@value CommandRateLimit#DEFAULT_BURST})
 * @param partitionCacheTtl    how long a partition's limits are reused before {@code scontrol show partition} is asked
 *                             again (default 5 min)
 * @param attempts             tries of a step that failed transiently (cluster unreachable, controller busy) before
 *                             the executor gives up with {@code ExecutorUnavailableException} (default 4)
 * @param retryBackoff         the wait before the second try; it doubles with each try (default 2 s)
 * @param retryBackoffMax      the longest wait between tries (default 30 s)
 * @param maxFileBytes         largest output file fetched whole; larger text files are fetched as their tail, larger
 *                             binary files are skipped (default 64 MiB)
 * @param tailBytes            how much of a job's standard output, and of a large text file, is kept: the last this
 *                             many bytes (default 256 KiB)
 * @param accounting           where finished jobs are looked up (default {@link Accounting#AUTO})
 * @param lookupDays           how far back {@code sacct} searches for a submission token (default 2 days)
 * @param commandHook          sees every command as it is sent and as it ends; for tests and diagnostics (default
 *                             {@link CommandHook#NONE})
 */
public record SlurmExecutorConfig(Duration commandTimeout, Duration sbatchTimeout, Duration connectTimeout,
        Duration heartbeatInterval, int heartbeatNoReplyMax, Duration reconnectBackoff, Duration reconnectBackoffMax,
        double commandsPerSecond, int commandBurst, Duration partitionCacheTtl, int attempts, Duration retryBackoff,
        Duration retryBackoffMax, long maxFileBytes, int tailBytes, Accounting accounting, int lookupDays,
        CommandHook commandHook) {

    /** Where the state of a job that {@code squeue} no longer lists is read. */
    public enum Accounting {
        /** {@code sacct} until a cluster answers that it keeps no accounting, then {@code scontrol show job}. */
        AUTO,
        /** Always {@code sacct} (a job it does not know is still asked of {@code scontrol}). */
        SACCT,
        /** Never {@code sacct}: {@code scontrol show job}, which knows jobs for {@code MinJobAge} after they end. */
        SCONTROL
    }

    public SlurmExecutorConfig {
        positive("commandTimeout", commandTimeout);
        positive("sbatchTimeout", sbatchTimeout);
        positive("connectTimeout", connectTimeout);
        positive("heartbeatInterval", heartbeatInterval);
        positive("reconnectBackoff", reconnectBackoff);
        positive("reconnectBackoffMax", reconnectBackoffMax);
        positive("partitionCacheTtl", partitionCacheTtl);
        positive("retryBackoff", retryBackoff);
        positive("retryBackoffMax", retryBackoffMax);
        if (heartbeatNoReplyMax < 1) {
            throw new IllegalArgumentException("heartbeatNoReplyMax must be at least 1");
        }
        if (!(commandsPerSecond > 0) || Double.isInfinite(commandsPerSecond) || commandBurst < 1) {
            throw new IllegalArgumentException("commandsPerSecond must be positive and commandBurst at least 1");
        }
        if (attempts < 1 || attempts > 20) {
            throw new IllegalArgumentException("attempts must be 1–20, not " + attempts);
        }
        if (maxFileBytes < 1 || tailBytes < 1 || tailBytes > maxFileBytes) {
            throw new IllegalArgumentException("maxFileBytes and tailBytes must be positive, tailBytes at most"
                    + " maxFileBytes");
        }
        if (lookupDays < 1 || lookupDays > 60) {
            throw new IllegalArgumentException("lookupDays must be 1–60, not " + lookupDays);
        }
        Objects.requireNonNull(accounting, "accounting");
        Objects.requireNonNull(commandHook, "commandHook");
    }

    /** The defaults, as documented on each component. */
    public static SlurmExecutorConfig defaults() {
        return new SlurmExecutorConfig(Duration.ofSeconds(60), Duration.ofSeconds(60), Duration.ofSeconds(20),
                Duration.ofSeconds(30), 4, Duration.ofSeconds(2), Duration.ofMinutes(2),
                CommandRateLimit.DEFAULT_PER_SECOND, CommandRateLimit.DEFAULT_BURST, Duration.ofMinutes(5), 4,
                Duration.ofSeconds(2), Duration.ofSeconds(30), 64L * 1024 * 1024, 256 * 1024, Accounting.AUTO, 2,
                CommandHook.NONE);
    }

    public SlurmExecutorConfig withCommandTimeout(Duration v) {
        return new SlurmExecutorConfig(v, sbatchTimeout, connectTimeout, heartbeatInterval, heartbeatNoReplyMax,
                reconnectBackoff, reconnectBackoffMax, commandsPerSecond, commandBurst, partitionCacheTtl, attempts,
                retryBackoff, retryBackoffMax, maxFileBytes, tailBytes, accounting, lookupDays, commandHook);
    }

    public SlurmExecutorConfig withSbatchTimeout(Duration v) {
        return new SlurmExecutorConfig(commandTimeout, v, connectTimeout, heartbeatInterval, heartbeatNoReplyMax,
                reconnectBackoff, reconnectBackoffMax, commandsPerSecond, commandBurst, partitionCacheTtl, attempts,
                retryBackoff, retryBackoffMax, maxFileBytes, tailBytes, accounting, lookupDays, commandHook);
    }

    public SlurmExecutorConfig withConnectTimeout(Duration v) {
        return new SlurmExecutorConfig(commandTimeout, sbatchTimeout, v, heartbeatInterval, heartbeatNoReplyMax,
                reconnectBackoff, reconnectBackoffMax, commandsPerSecond, commandBurst, partitionCacheTtl, attempts,
                retryBackoff, retryBackoffMax, maxFileBytes, tailBytes, accounting, lookupDays, commandHook);
    }

    public SlurmExecutorConfig withHeartbeat(Duration interval, int noReplyMax) {
        return new SlurmExecutorConfig(commandTimeout, sbatchTimeout, connectTimeout, interval, noReplyMax,
                reconnectBackoff, reconnectBackoffMax, commandsPerSecond, commandBurst, partitionCacheTtl, attempts,
                retryBackoff, retryBackoffMax, maxFileBytes, tailBytes, accounting, lookupDays, commandHook);
    }

    public SlurmExecutorConfig withReconnectBackoff(Duration first, Duration max) {
        return new SlurmExecutorConfig(commandTimeout, sbatchTimeout, connectTimeout, heartbeatInterval,
                heartbeatNoReplyMax, first, max, commandsPerSecond, commandBurst, partitionCacheTtl, attempts,
                retryBackoff, retryBackoffMax, maxFileBytes, tailBytes, accounting, lookupDays, commandHook);
    }

    public SlurmExecutorConfig withCommandRate(double perSecond, int burst) {
        return new SlurmExecutorConfig(commandTimeout, sbatchTimeout, connectTimeout, heartbeatInterval,
                heartbeatNoReplyMax, reconnectBackoff, reconnectBackoffMax, perSecond, burst, partitionCacheTtl,
                attempts, retryBackoff, retryBackoffMax, maxFileBytes, tailBytes, accounting, lookupDays, commandHook);
    }

    public SlurmExecutorConfig withPartitionCacheTtl(Duration v) {
        return new SlurmExecutorConfig(commandTimeout, sbatchTimeout, connectTimeout, heartbeatInterval,
                heartbeatNoReplyMax, reconnectBackoff, reconnectBackoffMax, commandsPerSecond, commandBurst, v,
                attempts, retryBackoff, retryBackoffMax, maxFileBytes, tailBytes, accounting, lookupDays, commandHook);
    }

    public SlurmExecutorConfig withRetries(int tries, Duration backoff, Duration backoffMax) {
        return new SlurmExecutorConfig(commandTimeout, sbatchTimeout, connectTimeout, heartbeatInterval,
                heartbeatNoReplyMax, reconnectBackoff, reconnectBackoffMax, commandsPerSecond, commandBurst,
                partitionCacheTtl, tries, backoff, backoffMax, maxFileBytes, tailBytes, accounting, lookupDays,
                commandHook);
    }

    public SlurmExecutorConfig withFileLimits(long maxFile, int tail) {
        return new SlurmExecutorConfig(commandTimeout, sbatchTimeout, connectTimeout, heartbeatInterval,
                heartbeatNoReplyMax, reconnectBackoff, reconnectBackoffMax, commandsPerSecond, commandBurst,
                partitionCacheTtl, attempts, retryBackoff, retryBackoffMax, maxFile, tail, accounting, lookupDays,
                commandHook);
    }

    public SlurmExecutorConfig withAccounting(Accounting v) {
        return new SlurmExecutorConfig(commandTimeout, sbatchTimeout, connectTimeout, heartbeatInterval,
                heartbeatNoReplyMax, reconnectBackoff, reconnectBackoffMax, commandsPerSecond, commandBurst,
                partitionCacheTtl, attempts, retryBackoff, retryBackoffMax, maxFileBytes, tailBytes, v, lookupDays,
                commandHook);
    }

    public SlurmExecutorConfig withCommandHook(CommandHook v) {
        return new SlurmExecutorConfig(commandTimeout, sbatchTimeout, connectTimeout, heartbeatInterval,
                heartbeatNoReplyMax, reconnectBackoff, reconnectBackoffMax, commandsPerSecond, commandBurst,
                partitionCacheTtl, attempts, retryBackoff, retryBackoffMax, maxFileBytes, tailBytes, accounting,
                lookupDays, v);
    }

    private static void positive(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, not " + d);
        }
    }
}
