package org.nanoos.labhub.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.test.AvailablePortFinder;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nanoos.labhub.simulator.instruments.XrdOpcUaInstrument;
import org.nanoos.labhub.simulator.opcua.OpcUaServerOptions;
import org.nanoos.labhub.simulator.opcua.SimulatorOpcUaServer;

/**
 * Computational jobs on the LOCAL profile (processes on the hub's machine, the same generated scripts as on a
 * cluster), from REST submission to stored results, with every state published on {@code lab/jobs/<id>/state};
 * and data turned into computation: an XRD run of silicon yields a lattice constant, and a real Quantum ESPRESSO
 * SCF at that lattice constant runs and its total energy is stored linked to the analysis.
 */
class LocalJobTest extends HubTestSupport {

    private static final String TOKEN = "job-test-token-0123456789abcdef";
    private static final TestServers servers = TestServers.get();
    private static final String dbUrl = servers.newDatabase();
    private static final Properties properties = HubProperties.forTest(servers, "job-test", dbUrl);
    private static final Db db = new Db(dbUrl);
    private static final List<String> states = new CopyOnWriteArrayList<>();
    private static MqttClient listener;
    private static SimulatorOpcUaServer server;

    static {
        properties.setProperty("labhub.api.token", TOKEN);
        properties.setProperty("labhub.jobs.poll-interval-ms", "300");
        properties.setProperty("labhub.experiments.poll-interval-ms", "200");
        properties.setProperty("labhub.analysis.period-ms", "300");
    }

    private final ApiClient api = new ApiClient(properties, TOKEN);

    @Override
    protected Properties hubProperties() {
        return properties;
    }

    @BeforeAll
    static void listen() throws Exception {
        listener = new MqttClient(servers.brokerUrl(), "job-state-listener", new MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(true);
        listener.connect(o);
        listener.subscribe("lab/jobs/+/state", 1);
        listener.setCallback(new org.eclipse.paho.mqttv5.client.MqttCallback() {
            @Override
            public void disconnected(org.eclipse.paho.mqttv5.client.MqttDisconnectResponse r) {
            }

            @Override
            public void mqttErrorOccurred(org.eclipse.paho.mqttv5.common.MqttException e) {
            }

            @Override
            public void messageArrived(String topic, org.eclipse.paho.mqttv5.common.MqttMessage m) {
                states.add(topic + " " + new String(m.getPayload(), StandardCharsets.UTF_8));
            }

            @Override
            public void deliveryComplete(org.eclipse.paho.mqttv5.client.IMqttToken t) {
            }

            @Override
            public void connectComplete(boolean reconnect, String uri) {
            }

            @Override
            public void authPacketArrived(int code, org.eclipse.paho.mqttv5.common.packet.MqttProperties p) {
            }
        });
    }

    @AfterAll
    static void stop() throws Exception {
        if (listener != null) {
            listener.disconnect();
            listener.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private String submit(String body) throws Exception {
        return api.json("POST", "/jobs", body, 201).get("id").asText();
    }

    private JsonNode awaitState(String id, String state) {
        return api.awaitField("/jobs/" + id, "state", state, Duration.ofSeconds(120));
    }

    @Test
    void should_run_a_command_to_completed_and_publish_each_state() throws Exception {
        String id = submit("{\"profileId\":\"local\",\"template\":\"generic\",\"parameters\":{\"program\":\"echo\","
                + "\"args\":[\"hello\",\"lab\"]}}");
        JsonNode done = awaitState(id, "COMPLETED");
        assertThat(done.get("stdoutTail").asText()).contains("hello lab");
        assertThat(done.get("exitCode").asText()).isEqualTo("0:0");
        List<String> events = new ArrayList<>();
        done.get("events").forEach(e -> events.add(e.get("state").asText()));
        assertThat(events).startsWith("SUBMITTING", "PENDING").endsWith("COMPLETED");
        await().atMost(Duration.ofSeconds(10)).until(() -> states.stream().anyMatch(s ->
                s.startsWith("lab/jobs/" + id + "/state ") && s.contains("\"state\":\"COMPLETED\"")));
    }

    @Test
    void should_fail_a_command_that_exits_non_zero_and_cancel_a_running_one() throws Exception {
        String failing = submit("{\"profileId\":\"local\",\"template\":\"generic\",\"parameters\":{\"program\":\"ls\","
                + "\"args\":[\"/no/such/directory\"]}}");
        JsonNode failed = awaitState(failing, "FAILED");
        assertThat(failed.get("exitCode").asText()).isNotEqualTo("0:0");
        assertThat(failed.get("error").asText()).contains("FAILED", "No such file");
        assertThat(failed.get("explanation").asText()).contains("exited with an error");

        String sleeping = submit("{\"profileId\":\"local\",\"template\":\"generic\",\"parameters\":{\"program\":"
                + "\"sleep\",\"args\":[\"300\"]}}");
        awaitState(sleeping, "RUNNING");
        api.json("POST", "/jobs/" + sleeping + "/cancel", null, 200);
        awaitState(sleeping, "CANCELLED");
    }

    @Test
    void should_refuse_hostile_or_unknown_values_before_anything_runs() throws Exception {
        ApiClient.assertProblem(api.send("POST", "/jobs", "{\"profileId\":\"local\",\"template\":\"generic\","
                + "\"parameters\":{\"program\":\"$(touch /tmp/labhub-pwned)\"}}", true), 422, "program");
        ApiClient.assertProblem(api.send("POST", "/jobs", "{\"profileId\":\"local\",\"template\":\"generic\","
                + "\"parameters\":{\"program\":\"echo\",\"args\":[\"a;b\"]}}", true), 422, "args");
        ApiClient.assertProblem(api.send("POST", "/jobs", "{\"profileId\":\"local\",\"template\":\"nope\"}", true),
                422, "no job template 'nope'");
        ApiClient.assertProblem(api.send("POST", "/jobs", "{\"profileId\":\"mars\",\"template\":\"generic\"}", true),
                422, "no execution profile 'mars'");
        ApiClient.assertProblem(api.send("POST", "/jobs", "{\"profileId\":\"local\",\"template\":\"generic\"}", false),
                401, "Bearer");
        assertThat(Path.of("/tmp/labhub-pwned")).doesNotExist();
    }

    @Test
    void should_compute_the_total_energy_of_silicon_at_the_lattice_constant_its_diffraction_pattern_gives()
            throws Exception {
        assertThat(Path.of("/usr/bin/pw.x")).as("Quantum ESPRESSO's pw.x is not installed: run "
                + "'bash test/cluster/slurm-cluster.sh up' as root (it installs quantum-espresso), as .ci/run does")
                .exists();
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
                + "\"step\":0.02,\"speedUp\":2000,\"seed\":3}}", 201);

        // the analysis of the pattern triggers the job (route lattice-to-dft); the job is linked to the analysis
        await().atMost(Duration.ofSeconds(90)).until(() -> db.count("SELECT count(*) FROM jobs WHERE analysis_id IS NOT "
                + "NULL AND template = 'qe-pw'") == 1);
        String id = db.rows("SELECT id::text FROM jobs WHERE template = 'qe-pw'").get(0)[0].toString();
        JsonNode done = awaitState(id, "COMPLETED");
        // silicon, LDA (Si.pz-vbc), ecutwfc 18 Ry, 4×4×4 k-points at a = 5.431 Å (10.263 bohr): the notes' run at
        // celldm(1) = 10.26 gave −15.84435958 Ry; the energy is flat at the minimum, so within 1 mRy
        assertThat(done.get("results").get("totalEnergyRy").asDouble()).isCloseTo(-15.8444, within(1e-3));
        assertThat(done.get("results").get("pw").get("scfConverged").asBoolean()).isTrue();
        Object[] link = db.rows("SELECT a.kind, a.value, j.measurement_id = a.measurement_id, "
                + "j.experiment_run_id IS NOT NULL FROM jobs j JOIN analyses a ON a.id = j.analysis_id "
                + "WHERE j.id::text = ?", id).get(0);
        assertThat(link[0]).isEqualTo("xrd.pattern");
        assertThat((Double) link[1]).isCloseTo(5.431, within(0.005));
        assertThat(link[2]).isEqualTo(true);
        assertThat(link[3]).isEqualTo(true);
    }
}
