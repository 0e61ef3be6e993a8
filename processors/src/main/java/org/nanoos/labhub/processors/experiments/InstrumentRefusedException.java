package org.nanoos.labhub.processors.experiments;

/** The instrument answered and refused what it was asked, with its reason. */
public class InstrumentRefusedException extends Exception {

    private static final long serialVersionUID = 1L;

    public InstrumentRefusedException(String message) {
        super(message);
    }

    public InstrumentRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
