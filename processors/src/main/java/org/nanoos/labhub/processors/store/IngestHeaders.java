package org.nanoos.labhub.processors.store;

/** Exchange headers every ingest route sets before normalizing, so a dead letter can say where it came from. */
public final class IngestHeaders {

    /** Idempotency namespace of the message, e.g. {@code mqtt:lab/cvd-1/chamber/temperature}. */
    public static final String SOURCE = "LabhubSource";
    /** Protocol address: topic, node id, URL, host:path. */
    public static final String SOURCE_ADDRESS = "LabhubSourceAddress";
    /** {@link java.time.Instant} the hub received the message. */
    public static final String RECEIVED_AT = "LabhubReceivedAt";

    private IngestHeaders() {
    }
}
