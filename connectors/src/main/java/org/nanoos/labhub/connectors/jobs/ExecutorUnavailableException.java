package org.nanoos.labhub.connectors.jobs;

/** The cluster (or the local executor) could not be reached or did not answer in time; retried with back-off. */
public class ExecutorUnavailableException extends Exception {

    private static final long serialVersionUID = 1L;

    public ExecutorUnavailableException(String message) {
        super(message);
    }

    public ExecutorUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
