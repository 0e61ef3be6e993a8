package org.nanoos.labhub.processors.model;

import java.time.Instant;
import java.util.Objects;

/**
 * Input the hub could not accept: kept with the reason and the raw bytes, never dropped.
 *
 * @param source        where it came from, e.g. {@code mqtt:lab/cvd-1/chamber/temperature}
 * @param messageId     the message's id when one could be determined (content hash otherwise), so a redelivered bad
 *                      message is dead-lettered once
 * @param sourceAddress the protocol address (topic, URL, …)
 * @param reason        what was wrong, in words a lab engineer understands
 * @param receivedAt    when the hub received it (UTC)
 * @param raw           the payload exactly as received
 */
public record DeadLetter(String source, String messageId, String sourceAddress, String reason, Instant receivedAt,
        byte[] raw) {

    public DeadLetter {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(raw, "raw");
    }
}
