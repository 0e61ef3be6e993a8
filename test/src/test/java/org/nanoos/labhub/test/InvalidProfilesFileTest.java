package org.nanoos.labhub.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import org.nanoos.labhub.hub.LabHub;

/**
 * A profiles file with a mistake stops the hub at start with a message naming the file, the entry and the field,
 * and registers none of its profiles, not even the good ones before the mistake.
 */
class InvalidProfilesFileTest {

    private static final TestServers servers = TestServers.get();
    private static final String dbUrl = servers.newDatabase();
    private static final Db db = new Db(dbUrl);
    /** Stands in for a private key and a known-hosts file: a SLURM profile needs them readable, nothing more here. */
    private static final Path readable = readableFile();

    private static final String GOOD_ENTRY = """
            profiles:
              - id: bench
                kind: LOCAL
                scratchRoot: /tmp/labhub-bench-jobs
            """;

    private static Path readableFile() {
        try {
            return Files.writeString(servers.newDataDirectory().resolve("readable"), "not a key\n");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Starts a hub on {@code profiles} and returns what stopped it. */
    private static Throwable start(String name, String profiles) throws Exception {
        Path file = Files.writeString(servers.newDataDirectory().resolve("profiles.yaml"), profiles);
        Properties properties = HubProperties.forTest(servers, name, dbUrl);
        properties.setProperty("labhub.jobs.profiles.file", file.toString());
        Main main = LabHub.create(LabHub.DEFAULT_CONFIG);
        main.setOverrideProperties(properties);
        try {
            main.start();
        } catch (RuntimeException e) {
            assertThat(e).hasMessageStartingWith(file + ": ");
            return e;
        } finally {
            main.stop();
        }
        throw new AssertionError("the hub started on a profiles file with a mistake:\n" + profiles);
    }

    @Test
    void should_stop_the_start_naming_the_entry_and_field_of_a_partition_with_a_space_or_a_newline()
            throws Exception {
        String slurm = """
                  - id: hpc
                    kind: SLURM
                    sshHost: login.hpc.example.org
                    sshUser: labhub
                    privateKeyFile: %1$s
                    knownHostsFile: %1$s
                    scratchRoot: /scratch/labhub
                """.formatted(readable);
        assertThat(start("bad-profiles-space", GOOD_ENTRY + slurm + "    defaultPartition: cpu nodes\n"))
                .hasMessageContaining("profile #2 (id 'hpc'): defaultPartition 'cpu nodes' is not a SLURM name");
        // a newline would add an #SBATCH directive of its own to every generated script
        assertThat(start("bad-profiles-newline", GOOD_ENTRY + slurm + "    defaultPartition: \"cpu\\n#SBATCH --x\"\n"))
                .hasMessageContaining("profile #2 (id 'hpc'): defaultPartition 'cpu\n#SBATCH --x' is not a SLURM name");
        assertThat(db.count("SELECT count(*) FROM execution_profiles WHERE id IN ('bench', 'hpc')")).isZero();
    }

    @Test
    void should_stop_the_start_naming_the_entry_and_field_of_a_slurm_profile_without_host_or_with_a_secret()
            throws Exception {
        assertThat(start("bad-profiles-host", GOOD_ENTRY + """
                  - id: hpc
                    kind: SLURM
                    sshUser: labhub
                    privateKeyFile: %1$s
                    knownHostsFile: %1$s
                    scratchRoot: /scratch/labhub
                """.formatted(readable)))
                .hasMessageContaining("profile #2 (id 'hpc'): sshHost is required for a SLURM profile");
        // the passphrase itself is refused: the file names the environment variable that holds it
        assertThat(start("bad-profiles-secret", GOOD_ENTRY + """
                  - id: hpc
                    kind: SLURM
                    sshHost: login.hpc.example.org
                    sshUser: labhub
                    privateKeyFile: %1$s
                    passphrase: hunter2
                    knownHostsFile: %1$s
                    scratchRoot: /scratch/labhub
                """.formatted(readable)))
                .hasMessageContaining("profile #2 (id 'hpc'): unknown field 'passphrase'")
                .hasMessageNotContaining("hunter2");
        assertThat(start("bad-profiles-no-id", GOOD_ENTRY + """
                  - kind: LOCAL
                    scratchRoot: /tmp/x
                """)).hasMessageContaining("profile #2: field 'id' is required");
        assertThat(db.count("SELECT count(*) FROM execution_profiles WHERE id IN ('bench', 'hpc')")).isZero();
    }
}
