package org.nanoos.labhub.processors.store;

import java.time.Instant;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.nanoos.labhub.processors.model.DeadLetter;
import org.nanoos.labhub.processors.normalize.InvalidMeasurementException;
import org.nanoos.labhub.processors.normalize.MeasurementNormalizer;

/**
 * Used in the ingest routes' error handler: turns the failed exchange into a {@link DeadLetter} carrying the
 * reason and the raw bytes as received, for the {@link BatchingWriter} to store. The message id is the content
 * hash, so a bad message the broker redelivers is dead-lettered once.
 */
public final class DeadLetterProcessor implements Processor {

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getMessage();
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        Object body = in.getBody();
        byte[] raw = body instanceof byte[] b ? b : in.getBody(byte[].class);
        if (raw == null) {
            raw = new byte[0];
        }
        String source = in.getHeader(IngestHeaders.SOURCE, "unknown", String.class);
        Instant receivedAt = in.getHeader(IngestHeaders.RECEIVED_AT, Instant.class);
        in.setBody(new DeadLetter(source, MeasurementNormalizer.contentId(raw),
                in.getHeader(IngestHeaders.SOURCE_ADDRESS, String.class), reason(cause),
                receivedAt != null ? receivedAt : Instant.now(), raw));
    }

    static String reason(Exception cause) {
        if (cause == null) {
            return "unknown error";
        }
        if (cause instanceof InvalidMeasurementException) {
            return cause.getMessage();
        }
        return "internal error (" + cause.getClass().getSimpleName() + "): " + cause.getMessage();
    }
}
