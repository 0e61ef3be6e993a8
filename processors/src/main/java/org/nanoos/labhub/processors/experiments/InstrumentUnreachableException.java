package org.nanoos.labhub.processors.experiments;

/** The instrument could not be reached, or did not answer in time. */
public class InstrumentUnreachableException extends Exception {

    private static final long serialVersionUID = 1L;

    public InstrumentUnreachableException(String message) {
        super(message);
    }

    public InstrumentUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
