package org.nanoos.labhub.connectors.ssh;

import java.io.IOException;

/**
 * A remote command did not finish in time. Its channel has been closed, which makes the SSH server end the command;
 * the session stays usable for the next command.
 */
public class SshCommandTimeoutException extends IOException {

    private static final long serialVersionUID = 1L;

    /** A timeout with its message (program and limit). */
    public SshCommandTimeoutException(String message) {
        super(message);
    }
}
