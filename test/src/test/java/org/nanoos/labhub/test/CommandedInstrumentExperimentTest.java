package org.nanoos.labhub.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nanoos.labhub.simulator.SimulatorOptions;
import org.nanoos.labhub.simulator.cvdtool.CvdToolServer;
import org.nanoos.labhub.simulator.instruments.BatteryCyclerMqtt;

/**
 * Experiment runs on instruments the hub commands over MQTT 5 (the simulated battery cycler: command with response
 * topic and correlation data, retained state reports) and over REST (the simulated CVD tool's run API), from REST
 * submission to their end, with the data they publish over MQTT linked to the run.
 */
class CommandedInstrumentExperimentTest extends HubTestSupport {

    private static final String TOKEN = "commanded-test-token-0123456789";
    private static final TestServers servers = TestServers.get();
    private static final String dbUrl = servers.newDatabase();
    private static final Properties properties = HubProperties.forTest(servers, "commanded-experiment-test", dbUrl);
    private static final Db db = new Db(dbUrl);
    private static BatteryCyclerMqtt cycler;
    private static CvdToolServer cvd;

    static {
        properties.setProperty("labhub.api.token", TOKEN);
        properties.setProperty("labhub.experiments.poll-interval-ms", "200");
    }

    private final ApiClient api = new ApiClient(properties, TOKEN);

    @Override
    protected Properties hubProperties() {
        return properties;
    }

    @AfterAll
    static void stopInstruments() {
        if (cycler != null) {
            cycler.close();
        }
        if (cvd != null) {
            cvd.close();
        }
    }

    @BeforeEach
    void instruments() throws Exception {
        if (cycler == null) {
            cycler = new BatteryCyclerMqtt(BatteryCyclerMqtt.Options.builder(servers.brokerUrl()).instrumentId("CYC-T")
                    .clientId("cyc-t").autoStart(false).stateInterval(Duration.ofMillis(300)).build()).start();
            cvd = CvdToolServer.start(SimulatorOptions.builder(servers.brokerUrl()).instrumentId("cvd-t")
                    .clientId("cvd-t").build(), CvdToolServer.Options.builder().port(0).build());
            api.json("POST", "/instruments", "{\"id\":\"CYC-T\",\"name\":\"Cycler\",\"adapterType\":\"MQTT\","
                    + "\"capabilities\":[\"testing\"]}", 201);
            api.json("POST", "/instruments", "{\"id\":\"cvd-t\",\"name\":\"LPCVD\",\"adapterType\":\"REST\","
                    + "\"capabilities\":[\"synthesis\"],\"connectionInfo\":{\"baseUrl\":\"" + cvd.baseUri() + "\"}}",
                    201);
        }
    }

    private String submit(String instrument, String type, String parameters) throws Exception {
        return api.json("POST", "/experiments", "{\"instrumentId\":\"" + instrument + "\",\"type\":\"" + type
                + "\",\"parameters\":" + parameters + "}", 201).get("id").asText();
    }

    private JsonNode awaitStatus(String id, String status) {
        return api.awaitField("/experiments/" + id, "status", status, Duration.ofSeconds(90));
    }

    private static List<String> events(JsonNode run) {
        return ApiClient.column(run, "events", "status");
    }

    @Test
    void should_cycle_a_cell_on_an_mqtt_command_and_link_its_curves_to_the_run() throws Exception {
        String id = submit("CYC-T", "testing", "{\"cycles\":2,\"speedUp\":20000}");
        JsonNode done = awaitStatus(id, "COMPLETED");
        assertThat(events(done)).containsExactly("PENDING", "RUNNING", "COMPLETED");
        assertThat(done.get("externalId").asText()).startsWith("CYC-T-");
        await().atMost(Duration.ofSeconds(30)).until(() -> db.count("SELECT count(*) FROM measurements WHERE "
                + "experiment_run_id = ? AND quantity = 'cycle.discharge_capacity'", UUID.fromString(id)) == 2);
        assertThat(db.count("SELECT count(*) FROM measurements WHERE experiment_run_id = ? AND quantity = 'cell.voltage'",
                UUID.fromString(id))).isGreaterThan(20);
    }

    @Test
    void should_cancel_a_cycling_run_by_an_abort_command() throws Exception {
        String id = submit("CYC-T", "testing", "{\"cycles\":500,\"speedUp\":100}");
        awaitStatus(id, "RUNNING");
        JsonNode cancelled = api.json("POST", "/experiments/" + id + "/cancel", null, 200);
        assertThat(cancelled.get("status").asText()).isEqualTo("CANCELLED");
        await().atMost(Duration.ofSeconds(10)).until(() -> cycler.status().map(s -> s.state().name()).orElse("")
                .equals("ABORTED"));
        assertThat(events(api.get("/experiments/" + id))).containsExactly("PENDING", "RUNNING", "CANCELLED");
    }

    @Test
    void should_fail_a_run_the_cycler_refuses_with_its_reason() throws Exception {
        String id = submit("CYC-T", "testing", "{\"cycles\":0}");
        JsonNode failed = awaitStatus(id, "FAILED");
        assertThat(failed.get("errorMessage").asText()).contains("CYC-T refused the run", "cycles");
        assertThat(events(failed)).containsExactly("PENDING", "FAILED");
    }

    @Test
    void should_deposit_a_film_over_the_rest_api_and_link_its_process_data_and_results() throws Exception {
        String id = submit("cvd-t", "synthesis", "{\"temperatureC\":620,\"durationS\":600,\"speedUp\":2000}");
        JsonNode done = awaitStatus(id, "COMPLETED");
        assertThat(events(done)).containsExactly("PENDING", "RUNNING", "COMPLETED");
        double thickness = done.get("results").get("thicknessNm").asDouble();
        assertThat(thickness).isPositive();
        // the film thickness published over MQTT is the one the run reported, and it is linked to the run
        await().atMost(Duration.ofSeconds(30)).until(() -> db.count("SELECT count(*) FROM measurements WHERE "
                + "experiment_run_id = ? AND quantity = 'film.thickness'", UUID.fromString(id)) == 1);
        List<Object[]> film = db.rows("SELECT original_value FROM measurements WHERE experiment_run_id = ? AND "
                + "quantity = 'film.thickness'", UUID.fromString(id));
        assertThat((Double) film.get(0)[0]).isCloseTo(thickness, org.assertj.core.data.Offset.offset(1e-3));
        assertThat(db.count("SELECT count(*) FROM measurements WHERE experiment_run_id = ? AND "
                + "quantity = 'chamber.temperature'", UUID.fromString(id))).isPositive();
        // the thickness profile across the wafer is analysed as it arrives: its mean agrees with the tool's figure
        // (the tool reports the thickness at the wafer centre, the profile falls off towards the edge by the
        // reported uniformity), and the deposition time comes from the run's parameters
        await().atMost(Duration.ofSeconds(30)).until(() -> db.count("SELECT count(*) FROM analyses WHERE "
                + "experiment_run_id = ? AND kind = 'synthesis.film'", UUID.fromString(id)) == 1);
        Object[] film2 = db.rows("SELECT status, value, unit, parameters->>'depositionTimeFrom' FROM analyses "
                + "WHERE experiment_run_id = ? AND kind = 'synthesis.film'", UUID.fromString(id)).get(0);
        assertThat(film2[0]).isEqualTo("OK");
        assertThat((Double) film2[1]).isCloseTo(thickness, org.assertj.core.data.Percentage.withPercentage(3));
        assertThat(film2).contains("nm", "run");
    }

    @Test
    void should_cancel_a_deposition_and_fail_one_with_a_parameter_out_of_range() throws Exception {
        String id = submit("cvd-t", "synthesis", "{\"durationS\":3600,\"speedUp\":5}");
        awaitStatus(id, "RUNNING");
        assertThat(api.json("POST", "/experiments/" + id + "/cancel", null, 200).get("status").asText())
                .isEqualTo("CANCELLED");

        String bad = submit("cvd-t", "synthesis", "{\"temperatureC\":2000}");
        JsonNode failed = awaitStatus(bad, "FAILED");
        assertThat(failed.get("errorMessage").asText()).contains("cvd-t refused the run", "HTTP 400", "emperature");
    }
}
