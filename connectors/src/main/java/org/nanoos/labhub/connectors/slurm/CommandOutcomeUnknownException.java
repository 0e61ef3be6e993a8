package org.nanoos.labhub.connectors.slurm;

import java.io.IOException;

/**
 * A command was sent to the cluster but its reply never came: the connection dropped, the command did not end in
 * time, or it ended without an exit status. It may have run. For {@code sbatch} this means: look the submission token
 * up before submitting again ({@link SubmissionLookup}). Every other {@link IOException} from
 * {@link SlurmSession#run} means the command was not sent.
 */
public class CommandOutcomeUnknownException extends IOException {

    private static final long serialVersionUID = 1L;

    private final boolean timedOut;

    /**
     * @param message  what happened (program, cluster)
     * @param timedOut whether the command ran out of time (its channel was then closed)
     * @param cause    the underlying failure, or null
     */
    public CommandOutcomeUnknownException(String message, boolean timedOut, Throwable cause) {
        super(message, cause);
        this.timedOut = timedOut;
    }

    /** Whether the command ran out of time, as opposed to a lost connection. */
    public boolean timedOut() {
        return timedOut;
    }
}
