package org.nanoos.labhub.simulator.mqtt;

/** The MQTT broker could not be reached or refused the connection; the message names the broker and client id. */
public class BrokerConnectionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** An exception naming the broker and client in its message, with the client's failure as cause. */
    public BrokerConnectionException(String message, Throwable cause) {
        super(message, cause);
    }
}
