package org.nanoos.labhub.connectors.jobs;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Where jobs run.
 *
 * @param id               the profile's id
 * @param kind             LOCAL (a process on the hub's machine) or SLURM (a cluster reached over SSH)
 * @param description      what people call it
 * @param sshHost          SLURM: the login node
 * @param sshPort          SLURM: its SSH port
 * @param sshUser          SLURM: the account jobs run as
 * @param privateKeyFile   SLURM: the hub's private key for that account
 * @param passphraseEnv    SLURM: the environment variable holding the key's passphrase, or {@code null}
 * @param knownHostsFile   SLURM: the known-hosts file that must list the login node's host key
 * @param scratchRoot      where per-job directories are made (on the cluster, or locally for LOCAL)
 * @param defaultPartition SLURM: the partition of jobs that name none, or {@code null} for the cluster's default
 * @param account          SLURM: the account charged, or {@code null}
 * @param qos              SLURM: the QOS, or {@code null}
 * @param modules          environment modules loaded before the code runs
 * @param launcher         how a parallel program is started, e.g. {@code ["srun"]}; empty to run it directly
 */
public record ExecutionProfile(String id, Kind kind, String description, String sshHost, int sshPort, String sshUser,
        Path privateKeyFile, String passphraseEnv, Path knownHostsFile, String scratchRoot, String defaultPartition,
        String account, String qos, List<String> modules, List<String> launcher) {

    /** Where the jobs of a profile run. */
    public enum Kind { LOCAL, SLURM }

    public ExecutionProfile {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(scratchRoot, "scratchRoot");
        modules = modules == null ? List.of() : List.copyOf(modules);
        launcher = launcher == null ? (kind == Kind.SLURM ? List.of("srun") : List.of()) : List.copyOf(launcher);
        if (kind == Kind.SLURM && (sshHost == null || sshUser == null || privateKeyFile == null
                || knownHostsFile == null)) {
            throw new IllegalArgumentException("a SLURM profile needs sshHost, sshUser, privateKeyFile and "
                    + "knownHostsFile");
        }
    }
}
