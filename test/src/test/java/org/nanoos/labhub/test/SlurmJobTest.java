package org.nanoos.labhub.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.camel.test.AvailablePortFinder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.nanoos.labhub.simulator.instruments.XrdOpcUaInstrument;
import org.nanoos.labhub.simulator.opcua.OpcUaServerOptions;
import org.nanoos.labhub.simulator.opcua.SimulatorOpcUaServer;

/**
 * The "done when" on a real SLURM cluster (brought up by {@code test/cluster/slurm-cluster.sh}, as
 * {@code .ci/run} does): a SLURM profile configured over REST, a silicon diffraction scan whose analysis yields the
 * lattice constant, and the Quantum ESPRESSO SCF the hub then submits with sbatch, follows with squeue and sacct,
 * and whose total energy lands in PostgreSQL linked to the measurement. Also a refused partition explained, and a
 * cancelled job.
 */
class SlurmJobTest extends HubTestSupport {

    private static final String TOKEN = "slurm-job-test-token-0123456789";
    private static final SlurmTestCluster cluster = SlurmTestCluster.require();
    private static final TestServers servers = TestServers.get();
    private static final String dbUrl = servers.newDatabase();
    private static final Properties properties = HubProperties.forTest(servers, "slurm-job-test", dbUrl);
    private static final Db db = new Db(dbUrl);
    private static SimulatorOpcUaServer server;

    static {
        properties.setProperty("labhub.api.token", TOKEN);
        properties.setProperty("labhub.jobs.poll-interval-ms", "500");
        properties.setProperty("labhub.experiments.poll-interval-ms", "200");
        properties.setProperty("labhub.analysis.period-ms", "300");
        properties.setProperty("labhub.jobs.trigger.profile", "cluster");
        properties.setProperty("labhub.jobs.trigger.pseudo-dir", cluster.pseudoDir());
    }

    private final ApiClient api = new ApiClient(properties, TOKEN);

    @Override
    protected Properties hubProperties() {
        return properties;
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private void profile() throws Exception {
        // Debian's pw.x has no SLURM PMI support, so this cluster's profile runs programs directly (launcher [])
        api.json("PUT", "/profiles/cluster", "{\"kind\":\"SLURM\",\"description\":\"test cluster\",\"sshHost\":\""
                + cluster.host() + "\",\"sshPort\":" + cluster.port() + ",\"sshUser\":\"" + cluster.user()
                + "\",\"privateKeyFile\":\"" + cluster.privateKey() + "\",\"knownHostsFile\":\"" + cluster.knownHosts()
                + "\",\"scratchRoot\":\"" + cluster.scratch() + "\",\"defaultPartition\":\"" + cluster.partition()
                + "\",\"launcher\":[]}", 200);
    }

    private JsonNode awaitState(String id, String state) {
        return api.awaitField("/jobs/" + id, "state", state, Duration.ofSeconds(120));
    }

    private static List<String> events(JsonNode job) {
        return ApiClient.column(job, "events", "state");
    }

    @Test
    void should_run_a_quantum_espresso_scf_on_slurm_at_the_lattice_constant_of_a_silicon_scan() throws Exception {
        profile();
        int port = AvailablePortFinder.getNextAvailable();
        server = new SimulatorOpcUaServer(OpcUaServerOptions.builder(servers.newDataDirectory().resolve("pki"))
                .port(port).trustAllClients(true).build(), List.of(new XrdOpcUaInstrument("XRD-1"))).start();
        Path trusted = Path.of(properties.getProperty("labhub.data-dir"), "opcua", "pki", "trusted", "certs");
        Files.createDirectories(trusted);
        Files.copy(server.certificateFile(), trusted.resolve("simulator.der"), StandardCopyOption.REPLACE_EXISTING);
        String ns = "nsu=urn:nanoos:labhub:simulator;s=Lab/XRD-1";
        api.json("POST", "/instruments", "{\"id\":\"XRD-1\",\"name\":\"XRD\",\"adapterType\":\"OPCUA\",\"capabilities\":"
                + "[\"characterization\"],\"connectionInfo\":{\"endpoint\":\"opc.tcp://127.0.0.1:" + port + "\","
                + "\"objectNode\":\"" + ns + "\",\"series\":[{\"xNode\":\"" + ns + "/Pattern/TwoTheta\",\"yNode\":\"" + ns
                + "/Pattern/Intensity\",\"quantity\":\"xrd.pattern\",\"xUnit\":\"deg\",\"yUnit\":\"{counts}\","
                + "\"samplingInterval\":100}]}}", 201);
        api.json("POST", "/experiments", "{\"instrumentId\":\"XRD-1\",\"type\":\"characterization\",\"material\":\"Si\","
                + "\"parameters\":{\"structure\":\"diamond\",\"element\":\"Si\",\"a\":5.431,\"start\":20,\"stop\":90,"
                + "\"step\":0.02,\"speedUp\":2000,\"seed\":11}}", 201);

        await().atMost(Duration.ofSeconds(90)).until(() -> db.count("SELECT count(*) FROM jobs WHERE profile_id = "
                + "'cluster' AND template = 'qe-pw' AND analysis_id IS NOT NULL") == 1);
        String id = db.rows("SELECT id::text FROM jobs WHERE profile_id = 'cluster'").get(0)[0].toString();
        JsonNode done = awaitState(id, "COMPLETED");
        assertThat(done.get("schedulerJobId").asText()).matches("[0-9]+");
        assertThat(events(done)).startsWith("SUBMITTING", "PENDING").endsWith("COMPLETED");
        // LDA silicon at a = 5.431 Å, ecutwfc 18 Ry, shifted 4×4×4 grid: the notes' run at 10.26 bohr gave
        // −15.84435958 Ry, and the energy is flat at the minimum
        assertThat(done.get("results").get("totalEnergyRy").asDouble()).isCloseTo(-15.8444, within(1e-3));
        assertThat(db.count("SELECT count(*) FROM jobs j JOIN analyses a ON a.id = j.analysis_id "
                + "WHERE j.id::text = ? AND j.measurement_id = a.measurement_id", id)).isEqualTo(1);
    }

    @Test
    void should_explain_a_refused_partition_and_cancel_a_running_job() throws Exception {
        profile();
        String refused = api.json("POST", "/jobs", "{\"profileId\":\"cluster\",\"template\":\"generic\","
                + "\"parameters\":{\"program\":\"hostname\"},\"resources\":{\"partition\":\"nosuch\"}}", 201)
                .get("id").asText();
        JsonNode failed = awaitState(refused, "FAILED");
        assertThat(failed.get("explanation").asText()).containsIgnoringCase("partition");
        assertThat(failed.get("schedulerJobId").isNull()).isTrue();

        String sleeping = api.json("POST", "/jobs", "{\"profileId\":\"cluster\",\"template\":\"generic\","
                + "\"parameters\":{\"program\":\"sleep\",\"args\":[\"300\"]}}", 201).get("id").asText();
        awaitState(sleeping, "RUNNING");
        api.json("POST", "/jobs/" + sleeping + "/cancel", null, 200);
        JsonNode cancelled = awaitState(sleeping, "CANCELLED");
        assertThat(events(cancelled)).endsWith("CANCELLED");
    }
}
