package org.nanoos.labhub.connectors.slurm;

import org.nanoos.labhub.connectors.ssh.SshConnectException;

/**
 * The cluster was reached, but the hub may not use it as configured: its host key is not in the profile's known-hosts
 * file or differs from it, the known-hosts or key file is missing or unreadable, or the login was refused. Trying
 * again does not help until someone changes the profile or the cluster; the message says what.
 */
public class ClusterAccessRefusedException extends SshConnectException {

    private static final long serialVersionUID = 1L;

    public ClusterAccessRefusedException(String message) {
        super(message);
    }

    public ClusterAccessRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
