package org.nanoos.labhub.connectors.slurm;

import java.io.IOException;
import java.util.List;
import org.nanoos.labhub.connectors.ssh.SshCommandResult;

/**
 * Sees each command a {@link SlurmSession} runs, once it has been sent and once it has ended. For tests (drop the
 * connection right after {@code sbatch} went out, lose its reply) and diagnostics; production uses {@link #NONE}.
 * An {@link IOException} thrown from either method makes the command's reply count as lost: the caller gets a
 * {@link CommandOutcomeUnknownException}, as when the connection really drops.
 */
public interface CommandHook {

    /** Sees nothing. */
    CommandHook NONE = new CommandHook() {
    };

    /**
     * The command's channel is open and its exec request written: from here on it may run on the cluster.
     *
     * @param session the session it runs on
     * @param argv    the command
     */
    default void sent(SlurmSession session, List<String> argv) throws IOException {
    }

    /**
     * The command has ended; its reply is about to be handed back.
     *
     * @param session the session it ran on
     * @param argv    the command
     * @param result  its exit status and output
     */
    default void ended(SlurmSession session, List<String> argv, SshCommandResult result) throws IOException {
    }
}
