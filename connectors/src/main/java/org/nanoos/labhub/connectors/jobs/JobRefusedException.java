package org.nanoos.labhub.connectors.jobs;

/** The scheduler refused a job; the message explains it and says what to change. */
public class JobRefusedException extends Exception {

    private static final long serialVersionUID = 1L;

    public JobRefusedException(String message) {
        super(message);
    }

    public JobRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
