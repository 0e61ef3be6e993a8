package org.nanoos.labhub.connectors.slurm;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * A token bucket that limits how many commands the hub sends to SLURM clusters per second, all clusters together:
 * every {@link SlurmSession} of one {@link SlurmExecutor} takes a token before each command. A site shares its login
 * nodes and its controller with everybody; a hub that polls, submits and looks up in bursts must not be the reason
 * {@code slurmctld} answers slowly.
 *
 * <p>The default, {@value #DEFAULT_PER_SECOND} commands per second with bursts of {@value #DEFAULT_BURST}, is far
 * above what a lab needs (one {@code squeue} per cluster per poll, a few commands per submission) and well below what
 * bothers a controller. Sites that rate-limit users themselves ({@code SlurmctldParameters=rl_enable}) may want it
 * lower. Thread-safe; a caller that finds the bucket empty reserves the next token and sleeps until it is due.
 */
public final class CommandRateLimit {

    /** Commands per second, unless configured otherwise. */
    public static final double DEFAULT_PER_SECOND = 5.0;
    /** Commands that may be sent at once after a quiet spell, unless configured otherwise. */
    public static final int DEFAULT_BURST = 10;

    private final double perSecond;
    private final int burst;
    private final LongSupplier nanoTime;
    private double tokens; // guarded by this; negative while callers hold reservations
    private long refilledAt; // guarded by this

    /** A bucket with {@value #DEFAULT_PER_SECOND} commands per second and bursts of {@value #DEFAULT_BURST}. */
    public CommandRateLimit() {
        this(DEFAULT_PER_SECOND, DEFAULT_BURST);
    }

    /**
     * @param perSecond how many commands per second on average, more than 0
     * @param burst     how many may go at once after a quiet spell, at least 1 (the bucket's size; it starts full)
     */
    public CommandRateLimit(double perSecond, int burst) {
        this(perSecond, burst, System::nanoTime);
    }

    CommandRateLimit(double perSecond, int burst, LongSupplier nanoTime) {
        if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
            throw new IllegalArgumentException("commands per second must be a positive number, not " + perSecond);
        }
        if (burst < 1) {
            throw new IllegalArgumentException("burst must be at least 1, not " + burst);
        }
        this.perSecond = perSecond;
        this.burst = burst;
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.tokens = burst;
        this.refilledAt = nanoTime.getAsLong();
    }

    /** Commands per second. */
    public double perSecond() {
        return perSecond;
    }

    /** The bucket's size. */
    public int burst() {
        return burst;
    }

    /**
     * Takes a token, waiting for one when the bucket is empty.
     *
     * @param maxWait the longest this caller may wait
     * @return {@code false} without taking anything when a token would come later than {@code maxWait}
     * @throws InterruptedException when interrupted while waiting (the token stays spent)
     */
    public boolean acquire(Duration maxWait) throws InterruptedException {
        long waitNanos = reserve(maxWait.toNanos());
        if (waitNanos < 0) {
            return false;
        }
        if (waitNanos > 0) {
            Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
        }
        return true;
    }

    /** How long until the token reserved now is due, or -1 when that is later than {@code maxWaitNanos}. */
    synchronized long reserve(long maxWaitNanos) {
        long now = nanoTime.getAsLong();
        tokens = Math.min(burst, tokens + (now - refilledAt) / 1e9 * perSecond);
        refilledAt = now;
        long wait = tokens >= 1 ? 0 : (long) Math.ceil((1 - tokens) / perSecond * 1e9);
        if (wait > maxWaitNanos) {
            return -1;
        }
        tokens -= 1;
        return wait;
    }

    @Override
    public String toString() {
        return perSecond + " commands/s, bursts of " + burst;
    }
}
