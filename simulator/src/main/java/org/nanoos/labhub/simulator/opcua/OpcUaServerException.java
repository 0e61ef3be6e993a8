package org.nanoos.labhub.simulator.opcua;

/** The simulator's OPC UA server could not start: the port is taken, the PKI directory is unusable, or similar. */
public class OpcUaServerException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** An exception with its message and cause. */
    public OpcUaServerException(String message, Throwable cause) {
        super(message, cause);
    }
}
