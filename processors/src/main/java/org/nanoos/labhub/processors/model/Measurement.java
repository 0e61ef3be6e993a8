package org.nanoos.labhub.processors.model;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The canonical measurement every source is normalized into: one scalar reading or one series, in SI
 * units, stamped in UTC, keyed for idempotent storage by {@code (source, messageId, recordIndex)}.
 *
 * @param source         where it came from, as the idempotency namespace: {@code mqtt:<topic>}, {@code opcua:<node>}, …
 * @param messageId      the message's id within that source (from the payload, or a content hash; see README)
 * @param recordIndex    index of this record inside its message (0 for single readings, i for the i-th SenML record)
 * @param instrumentId   the instrument's id (from the topic {@code lab/<instrumentId>/…})
 * @param experimentRunId the experiment run the reading belongs to, or {@code null}
 * @param quantity       dotted quantity path, e.g. {@code chamber.temperature}, {@code xrd.pattern}
 * @param timestamp      when the reading was taken (UTC); the source's time when it carries one
 * @param value          scalar value in {@link #unit}, or {@code null} for a series
 * @param unit           SI unit of {@link #value} (UCUM code, e.g. {@code K}, {@code Pa}, {@code m3/s}); {@code null} for a series
 * @param originalValue  the scalar as received, before conversion; {@code null} for a series
 * @param originalUnit   the unit as received (UCUM); {@code null} when the reading had none, or for a series
 * @param series         x/y series, or {@code null} for a scalar
 * @param quality        the source's quality flag ({@code GOOD}, {@code UNCERTAIN}, {@code BAD}); {@code GOOD} when not given
 * @param sourceAddress  the protocol address it arrived on (topic, node id, URL, host:path)
 */
public record Measurement(
        String source,
        String messageId,
        int recordIndex,
        String instrumentId,
        UUID experimentRunId,
        String quantity,
        Instant timestamp,
        Double value,
        String unit,
        Double originalValue,
        String originalUnit,
        Series series,
        String quality,
        String sourceAddress) {

    public Measurement {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(instrumentId, "instrumentId");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(quality, "quality");
        if ((value == null) == (series == null)) {
            throw new IllegalArgumentException("a measurement holds exactly one of a scalar value or a series");
        }
    }

    /** Whether this is a series (x/y arrays) rather than a scalar. */
    public boolean isSeries() {
        return series != null;
    }

    /**
     * An x/y series: both axes converted to SI, with the units they arrived in.
     *
     * @param x             x values in {@code xUnit}
     * @param xUnit         SI unit of x (UCUM), {@code 1} for dimensionless
     * @param xOriginalUnit unit x arrived in
     * @param y             y values in {@code yUnit}, same length as x
     * @param yUnit         SI unit of y (UCUM), {@code 1} for dimensionless
     * @param yOriginalUnit unit y arrived in
     */
    public record Series(double[] x, String xUnit, String xOriginalUnit, double[] y, String yUnit, String yOriginalUnit) {
        public Series {
            Objects.requireNonNull(x, "x");
            Objects.requireNonNull(y, "y");
            if (x.length != y.length) {
                throw new IllegalArgumentException("x and y differ in length: " + x.length + " vs " + y.length);
            }
        }
    }
}
