package org.nanoos.labhub.connectors.ssh;

import java.io.IOException;

/**
 * The hub could not get a working SSH session with an instrument PC: the PC is unreachable, its host key is not in
 * the known-hosts file or differs from it, the key file cannot be read, or key authentication failed. The message
 * says which, and never holds a passphrase.
 */
public class SshConnectException extends IOException {

    private static final long serialVersionUID = 1L;

    /** A failure with its reason. */
    public SshConnectException(String message) {
        super(message);
    }

    /** A failure with its reason and the underlying exception. */
    public SshConnectException(String message, Throwable cause) {
        super(message, cause);
    }
}
