package org.nanoos.labhub.connectors.ssh;

/**
 * How a remote command ended.
 *
 * @param exitCode  the command's exit status
 * @param stdout    standard output, UTF-8 decoded (malformed bytes replaced), at most the client's output limit
 * @param stderr    standard error, likewise
 * @param truncated whether either stream was longer than the limit and cut
 */
public record SshCommandResult(int exitCode, String stdout, String stderr, boolean truncated) {

    /** Whether the command exited with status 0. */
    public boolean succeeded() {
        return exitCode == 0;
    }
}
