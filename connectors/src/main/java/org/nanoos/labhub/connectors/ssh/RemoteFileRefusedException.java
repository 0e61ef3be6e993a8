package org.nanoos.labhub.connectors.ssh;

import java.io.IOException;

/**
 * A remote result file the adapter will not download: not a regular file (a symbolic link, a directory, a device)
 * or larger than the size limit. Retrying does not help, unlike most other {@link IOException}s from the adapter.
 */
public class RemoteFileRefusedException extends IOException {

    private static final long serialVersionUID = 1L;

    /** A refusal with its reason. */
    public RemoteFileRefusedException(String message) {
        super(message);
    }
}
