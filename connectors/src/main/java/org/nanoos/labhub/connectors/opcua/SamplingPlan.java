package org.nanoos.labhub.connectors.opcua;

/**
 * How the hub asks an OPC UA server to watch one node so that no sample is lost between two publishes: the
 * sampling interval the route asks for, a publishing interval derived from it, and a monitored item queue that
 * holds twice the samples taken in one publishing interval.
 *
 * <p>The publishing interval is ten sampling intervals, kept between {@value #MIN_PUBLISHING_MS} ms (at most ten
 * notifications a second per route) and {@value #MAX_PUBLISHING_MS} ms (a value is stored at most about a second
 * after it was sampled). The queue is {@code ceil(publishing / sampling) × 2}, at least {@value #MIN_QUEUE} and at
 * most {@value #MAX_QUEUE}: the factor 2 absorbs a publish that comes late, e.g. while the hub is still storing the
 * previous notification.
 *
 * @param samplingIntervalMs   the sampling interval asked for, ms
 * @param publishingIntervalMs the subscription's publishing interval, ms
 * @param queueSize            the monitored item's queue size
 */
public record SamplingPlan(double samplingIntervalMs, double publishingIntervalMs, int queueSize) {

    /** Shortest publishing interval the hub asks for, ms. */
    public static final double MIN_PUBLISHING_MS = 100;
    /** Longest publishing interval the hub asks for, ms. */
    public static final double MAX_PUBLISHING_MS = 1000;
    /** Samples per publish the publishing interval aims at. */
    public static final int SAMPLES_PER_PUBLISH = 10;
    /** Smallest queue asked for. */
    public static final int MIN_QUEUE = 10;
    /** Largest queue asked for. */
    public static final int MAX_QUEUE = 1000;

    /** Checks that the intervals are positive and the queue holds at least one value. */
    public SamplingPlan {
        if (!(samplingIntervalMs > 0) || Double.isInfinite(samplingIntervalMs)) {
            throw new IllegalArgumentException("the sampling interval must be a positive number of ms, was "
                    + samplingIntervalMs);
        }
        if (!(publishingIntervalMs > 0) || Double.isInfinite(publishingIntervalMs)) {
            throw new IllegalArgumentException("the publishing interval must be a positive number of ms, was "
                    + publishingIntervalMs);
        }
        if (queueSize < 1) {
            throw new IllegalArgumentException("the queue must hold at least one value, was " + queueSize);
        }
    }

    /** The plan for a node sampled every {@code samplingIntervalMs}. */
    public static SamplingPlan forSampling(double samplingIntervalMs) {
        if (!(samplingIntervalMs > 0) || Double.isInfinite(samplingIntervalMs)) {
            throw new IllegalArgumentException("the sampling interval must be a positive number of ms, was "
                    + samplingIntervalMs);
        }
        double publishing = Math.min(MAX_PUBLISHING_MS,
                Math.max(MIN_PUBLISHING_MS, SAMPLES_PER_PUBLISH * samplingIntervalMs));
        return new SamplingPlan(samplingIntervalMs, publishing, queueSize(publishing, samplingIntervalMs));
    }

    /**
     * The plan after the server revised what was asked: the queue is sized again for the intervals the server
     * will really use (a server may publish less often or sample more often than asked).
     */
    public SamplingPlan revised(double revisedPublishingMs, double revisedSamplingMs) {
        double sampling = revisedSamplingMs > 0 ? revisedSamplingMs : samplingIntervalMs;
        double publishing = revisedPublishingMs > 0 ? revisedPublishingMs : publishingIntervalMs;
        return new SamplingPlan(sampling, publishing, queueSize(publishing, sampling));
    }

    /** Twice the samples of one publishing interval, from {@value #MIN_QUEUE} to {@value #MAX_QUEUE}. */
    static int queueSize(double publishingMs, double samplingMs) {
        double samples = Math.ceil(publishingMs / samplingMs) * 2;
        return (int) Math.min(MAX_QUEUE, Math.max(MIN_QUEUE, samples));
    }
}
