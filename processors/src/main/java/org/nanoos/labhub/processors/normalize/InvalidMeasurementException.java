package org.nanoos.labhub.processors.normalize;

/**
 * A payload the hub cannot turn into measurements: wrong shape, unknown unit, non-finite or unphysical value,
 * oversized, not UTF-8. The message says what was wrong; it becomes the dead letter's reason.
 */
public class InvalidMeasurementException extends Exception {

    private static final long serialVersionUID = 1L;

    public InvalidMeasurementException(String reason) {
        super(reason);
    }

    public InvalidMeasurementException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
