package org.nanoos.labhub.test;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * Execution profiles from the configuration file ({@code labhub.jobs.profiles.file}): a SLURM cluster and a second
 * LOCAL profile written in the file are registered at start, listed by {@code GET /api/profiles} beside the built-in
 * {@code local}, and a job runs on the file's LOCAL profile. Registering the SLURM profile needs no cluster: nothing
 * connects to it until a job is submitted there.
 */
class ProfilesFileTest extends HubTestSupport {

    private static final String TOKEN = "profiles-file-token-0123456789abcdef";
    private static final TestServers servers = TestServers.get();
    private static final String dbUrl = servers.newDatabase();
    private static final Properties properties = HubProperties.forTest(servers, "profiles-file-test", dbUrl);
    private static final Path site = servers.newDataDirectory();
    private static final Path benchScratch = site.resolve("bench-jobs");

    static {
        properties.setProperty("labhub.api.token", TOKEN);
        properties.setProperty("labhub.jobs.poll-interval-ms", "300");
        try {
            // the files a SLURM profile refers to must be readable on the hub's machine; their content is not read
            // until a job runs on the cluster
            Path key = Files.writeString(site.resolve("id_ed25519"), "not a key: never used by this test\n");
            Path knownHosts = Files.writeString(site.resolve("known_hosts"), "login.hpc.example.org ssh-ed25519 A\n");
            Path file = Files.writeString(site.resolve("profiles.yaml"), """
                    profiles:
                      - id: hpc
                        kind: SLURM
                        description: Department cluster, CPU nodes
                        sshHost: login.hpc.example.org
                        sshPort: 2222
                        sshUser: labhub
                        privateKeyFile: %s
                        passphraseEnv: LABHUB_HPC_KEY_PASSPHRASE
                        knownHostsFile: %s
                        scratchRoot: /scratch/labhub
                        defaultPartition: cpu
                        account: materials-lab
                        qos: normal
                        modules: [gcc/12.2.0, openmpi/4.1.5, quantum-espresso/7.2]
                      - id: bench
                        kind: LOCAL
                        description: the bench workstation
                        scratchRoot: %s
                    """.formatted(key, knownHosts, benchScratch));
            properties.setProperty("labhub.jobs.profiles.file", file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private final ApiClient api = new ApiClient(properties, TOKEN);

    @Override
    protected Properties hubProperties() {
        return properties;
    }

    private static JsonNode profile(JsonNode all, String id) {
        for (JsonNode p : all) {
            if (id.equals(p.get("id").asText())) {
                return p;
            }
        }
        throw new AssertionError("no profile '" + id + "' in " + all);
    }

    @Test
    void should_list_the_profiles_of_the_file_with_their_fields_beside_the_built_in_one() throws Exception {
        JsonNode all = api.get("/profiles");
        assertThat(all).extracting(p -> p.get("id").asText()).containsExactly("bench", "hpc", "local");

        JsonNode hpc = profile(all, "hpc");
        assertThat(hpc.get("kind").asText()).isEqualTo("SLURM");
        assertThat(hpc.get("description").asText()).isEqualTo("Department cluster, CPU nodes");
        assertThat(hpc.get("sshHost").asText()).isEqualTo("login.hpc.example.org");
        assertThat(hpc.get("sshPort").asInt()).isEqualTo(2222);
        assertThat(hpc.get("sshUser").asText()).isEqualTo("labhub");
        assertThat(hpc.get("scratchRoot").asText()).isEqualTo("/scratch/labhub");
        assertThat(hpc.get("defaultPartition").asText()).isEqualTo("cpu");
        assertThat(hpc.get("account").asText()).isEqualTo("materials-lab");
        assertThat(hpc.get("qos").asText()).isEqualTo("normal");
        assertThat(hpc.get("modules")).extracting(JsonNode::asText)
                .containsExactly("gcc/12.2.0", "openmpi/4.1.5", "quantum-espresso/7.2");
        // no launcher in the file: a SLURM profile starts parallel programs with srun
        assertThat(hpc.get("launcher")).extracting(JsonNode::asText).containsExactly("srun");

        JsonNode bench = profile(all, "bench");
        assertThat(bench.get("kind").asText()).isEqualTo("LOCAL");
        assertThat(bench.get("description").asText()).isEqualTo("the bench workstation");
        assertThat(bench.get("scratchRoot").asText()).isEqualTo(benchScratch.toString());
        assertThat(bench.get("sshHost").isNull()).isTrue();
        assertThat(bench.get("launcher")).isEmpty();
    }

    @Test
    void should_check_a_profile_over_rest_with_the_same_code_as_the_file() throws Exception {
        String slurm = "\"kind\":\"SLURM\",\"sshUser\":\"labhub\",\"privateKeyFile\":\"" + site.resolve("id_ed25519")
                + "\",\"knownHostsFile\":\"" + site.resolve("known_hosts") + "\",\"scratchRoot\":\"/scratch/labhub\"";
        ApiClient.assertProblem(api.send("PUT", "/profiles/hpc2", "{" + slurm + "}", true), 400,
                "sshHost is required for a SLURM profile");
        ApiClient.assertProblem(api.send("PUT", "/profiles/hpc2", "{" + slurm + ",\"sshHost\":\"login\","
                + "\"defaultPartition\":\"cpu\\nnodes\"}", true), 400, "defaultPartition");
        ApiClient.assertProblem(api.send("PUT", "/profiles/hpc2", "{" + slurm + ",\"sshHost\":\"login\","
                + "\"sshPort\":\"twenty-two\"}", true), 400, "sshPort must be a port number");
        // a launcher is a program and then its options; an option cannot come first, nor can a shell word
        ApiClient.assertProblem(api.send("PUT", "/profiles/hpc2", "{" + slurm + ",\"sshHost\":\"login\","
                + "\"launcher\":[\"--mpi=pmix\"]}", true), 400, "launcher[0]");
        ApiClient.assertProblem(api.send("PUT", "/profiles/hpc2", "{" + slurm + ",\"sshHost\":\"login\","
                + "\"launcher\":[\"srun\",\"$(id)\"]}", true), 400, "launcher[1]");
        api.json("PUT", "/profiles/hpc2", "{" + slurm + ",\"sshHost\":\"login\",\"sshPort\":2200,"
                + "\"launcher\":[\"srun\",\"--mpi=pmix\"]}", 200);
        assertThat(profile(api.get("/profiles"), "hpc2").get("sshPort").asInt()).isEqualTo(2200);
        assertThat(profile(api.get("/profiles"), "hpc2").get("launcher").toString()).isEqualTo("[\"srun\",\"--mpi=pmix\"]");
    }

    @Test
    void should_run_a_job_to_completed_on_a_local_profile_of_the_file() throws Exception {
        String id = api.json("POST", "/jobs", "{\"profileId\":\"bench\",\"template\":\"generic\",\"parameters\":"
                + "{\"program\":\"echo\",\"args\":[\"from\",\"the\",\"file\"]}}", 201).get("id").asText();
        JsonNode done = api.awaitField("/jobs/" + id, "state", "COMPLETED", Duration.ofSeconds(60));
        assertThat(done.get("profileId").asText()).isEqualTo("bench");
        assertThat(done.get("stdoutTail").asText()).contains("from the file");
        assertThat(done.get("exitCode").asText()).isEqualTo("0:0");
        assertThat(Path.of(done.get("scratchDir").asText())).startsWith(benchScratch).isDirectory();
    }
}
