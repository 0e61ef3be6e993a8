package org.nanoos.labhub.processors.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One message as received from a source, after normalization: its measurements and its raw bytes, which
 * are kept once per message. This is the unit the writer commits atomically.
 *
 * @param source       idempotency namespace, e.g. {@code mqtt:lab/cvd-1/chamber/temperature}
 * @param messageId    the message's id within that source
 * @param instrumentId the instrument it came from
 * @param receivedAt   when the hub received it (UTC)
 * @param raw          the payload exactly as received
 * @param measurements the normalized readings, at least one
 */
public record IngestMessage(String source, String messageId, String instrumentId, Instant receivedAt, byte[] raw,
        List<Measurement> measurements) {

    public IngestMessage {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(instrumentId, "instrumentId");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(raw, "raw");
        measurements = List.copyOf(measurements);
        if (measurements.isEmpty()) {
            throw new IllegalArgumentException("a message yields at least one measurement");
        }
    }

    /** This message with every measurement linked to an experiment run. */
    public IngestMessage forRun(java.util.UUID runId) {
        List<Measurement> linked = new java.util.ArrayList<>(measurements.size());
        for (Measurement m : measurements) {
            linked.add(new Measurement(m.source(), m.messageId(), m.recordIndex(), m.instrumentId(), runId,
                    m.quantity(), m.timestamp(), m.value(), m.unit(), m.originalValue(), m.originalUnit(), m.series(),
                    m.quality(), m.sourceAddress()));
        }
        return new IngestMessage(source, messageId, instrumentId, receivedAt, raw, linked);
    }
}
