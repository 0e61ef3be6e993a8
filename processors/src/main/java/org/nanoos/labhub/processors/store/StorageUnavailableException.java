package org.nanoos.labhub.processors.store;

/**
 * The writer could not commit an exchange because the hub is stopping. The exchange fails without being
 * acknowledged, so the source delivers it again (MQTT persistent session) once the hub is back.
 */
public class StorageUnavailableException extends Exception {

    private static final long serialVersionUID = 1L;

    public StorageUnavailableException(String message) {
        super(message);
    }
}
