package org.nanoos.labhub.test;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.nanoos.labhub.connectors.jobs.ExecutionProfile;

/**
 * The real single-node SLURM cluster that {@code test/cluster/slurm-cluster.sh up} brings up, as its
 * {@code cluster.env} describes it. The file is read from {@code $LABHUB_TEST_CLUSTER_ENV} when set, else from
 * {@code test/cluster/state/cluster.env} under the project root (the test module runs there; {@code .ci/run} brings
 * the cluster up with that state directory).
 *
 * <p>No file means no cluster, and the tests that need one must not pass: as root on Debian, where the script can
 * run, they fail; elsewhere they are aborted (reported as skipped) with the same loud banner on standard error.
 */
final class SlurmTestCluster {

    /** The variable that names another {@code cluster.env}. */
    static final String ENV_VARIABLE = "LABHUB_TEST_CLUSTER_ENV";
    /** Where {@code .ci/run} has the script write it, relative to the project root. */
    static final Path DEFAULT_ENV = Path.of("test", "cluster", "state", "cluster.env");

    private final Properties env;
    private final Path file;

    private SlurmTestCluster(Path file, Properties env) {
        this.file = file;
        this.env = env;
    }

    /** The cluster, or a failed (root on Debian) or aborted (elsewhere) test with a banner saying why. */
    static SlurmTestCluster require() {
        String named = System.getenv(ENV_VARIABLE);
        Path file = (named == null || named.isBlank() ? DEFAULT_ENV : Path.of(named)).toAbsolutePath();
        if (!Files.isRegularFile(file)) {
            boolean canRun = isRoot() && Files.isRegularFile(Path.of("/etc/debian_version"));
            String banner = """

                    ##########################################################################################
                    #  LAB HUB TEST CLUSTER NOT AVAILABLE: the SLURM cluster tests did NOT run.
                    #  No %s
                    #  The cluster script has not run (or 'down' removed its file). Bring it up with
                    #      sudo bash test/cluster/slurm-cluster.sh up --accounting
                    #  (root on Debian 12), or point %s at another cluster.env.
                    #  %s
                    ##########################################################################################
                    """.formatted(file, ENV_VARIABLE, canRun
                    ? "This machine is root on Debian, where the script can run: the tests FAIL until it has."
                    : "This machine is not root on Debian, where the script cannot run: the tests are ABORTED.");
            System.err.println(banner);
            if (canRun) {
                Assertions.fail(banner);
            }
            Assumptions.abort(banner);
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            p.load(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
        for (String key : List.of("LABHUB_TEST_SLURM_HOST", "LABHUB_TEST_SLURM_PORT", "LABHUB_TEST_SLURM_USER",
                "LABHUB_TEST_SLURM_KEY", "LABHUB_TEST_SLURM_KNOWN_HOSTS", "LABHUB_TEST_SLURM_SCRATCH",
                "LABHUB_TEST_SLURM_PARTITION", "LABHUB_TEST_SLURM_SHORT_PARTITION", "LABHUB_TEST_SLURM_PSEUDO_DIR")) {
            if (p.getProperty(key, "").isBlank()) {
                Assertions.fail(file + " lacks " + key + "; was it written by test/cluster/slurm-cluster.sh up?");
            }
        }
        return new SlurmTestCluster(file, p);
    }

    private static boolean isRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | RuntimeException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    String get(String key) {
        return env.getProperty(key).strip();
    }

    Path file() {
        return file;
    }

    String host() {
        return get("LABHUB_TEST_SLURM_HOST");
    }

    int port() {
        return Integer.parseInt(get("LABHUB_TEST_SLURM_PORT"));
    }

    String user() {
        return get("LABHUB_TEST_SLURM_USER");
    }

    Path knownHosts() {
        return Path.of(get("LABHUB_TEST_SLURM_KNOWN_HOSTS"));
    }

    Path privateKey() {
        return Path.of(get("LABHUB_TEST_SLURM_KEY"));
    }

    String scratch() {
        return get("LABHUB_TEST_SLURM_SCRATCH");
    }

    String partition() {
        return get("LABHUB_TEST_SLURM_PARTITION");
    }

    String shortPartition() {
        return get("LABHUB_TEST_SLURM_SHORT_PARTITION");
    }

    String pseudoDir() {
        return get("LABHUB_TEST_SLURM_PSEUDO_DIR");
    }

    /** Whether the cluster keeps accounting ({@code sacct} knows finished jobs). */
    boolean hasAccounting() {
        return "slurmdbd".equals(env.getProperty("LABHUB_TEST_SLURM_ACCOUNTING", "none").strip());
    }

    /** The execution profile of this cluster. */
    ExecutionProfile profile(String id) {
        return profile(id, knownHosts());
    }

    /** The execution profile of this cluster, with another known-hosts file. */
    ExecutionProfile profile(String id, Path knownHosts) {
        String name = "test cluster " + env.getProperty("LABHUB_TEST_SLURM_CLUSTER_NAME", "?").strip();
        return new ExecutionProfile(id, ExecutionProfile.Kind.SLURM, name, host(), port(), user(), privateKey(), null,
                knownHosts, get("LABHUB_TEST_SLURM_SCRATCH"), partition(), null, null, List.of(), List.of());
    }
}
