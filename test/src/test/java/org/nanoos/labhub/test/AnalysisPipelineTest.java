package org.nanoos.labhub.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import org.apache.camel.test.AvailablePortFinder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nanoos.labhub.simulator.instruments.BatteryCyclerMqtt;
import org.nanoos.labhub.simulator.instruments.DemoInstruments;
import org.nanoos.labhub.simulator.opcua.OpcUaServerOptions;
import org.nanoos.labhub.simulator.opcua.SimulatorOpcUaServer;

/**
 * Analysis as data arrives, end to end: the simulated instruments are registered over REST with their node
 * mappings, runs are submitted, and the analyses of what they measured appear in PostgreSQL linked to the
 * measurement and the run — lattice constants from diffraction patterns, a band gap from a spectrum, the
 * crystallization temperature of a phase-change film and the cycling figures of a cell. Ground truth is what the
 * simulator was configured with.
 */
class AnalysisPipelineTest extends HubTestSupport {

    private static final String TOKEN = "analysis-test-token-0123456789";
    private static final TestServers servers = TestServers.get();
    private static final String dbUrl = servers.newDatabase();
    private static final Properties properties = HubProperties.forTest(servers, "analysis-test", dbUrl);
    private static final Db db = new Db(dbUrl);
    private static final String NS = "nsu=urn:nanoos:labhub:simulator;s=Lab/";
    private static final int PORT = AvailablePortFinder.getNextAvailable();
    private static SimulatorOpcUaServer server;
    private static BatteryCyclerMqtt cycler;

    static {
        properties.setProperty("labhub.api.token", TOKEN);
        properties.setProperty("labhub.experiments.poll-interval-ms", "200");
        properties.setProperty("labhub.analysis.period-ms", "300");
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
        if (cycler != null) {
            cycler.close();
        }
    }

    @BeforeEach
    void instruments() throws Exception {
        if (server != null) {
            return;
        }
        server = new SimulatorOpcUaServer(OpcUaServerOptions.builder(servers.newDataDirectory().resolve("pki"))
                .port(PORT).trustAllClients(true).build(), DemoInstruments.opcUaInstruments()).start();
        Path trusted = Path.of(properties.getProperty("labhub.data-dir"), "opcua", "pki", "trusted", "certs");
        Files.createDirectories(trusted);
        Files.copy(server.certificateFile(), trusted.resolve("simulator.der"), StandardCopyOption.REPLACE_EXISTING);
        String endpoint = "opc.tcp://127.0.0.1:" + PORT;
        register("XRD-1", "characterization", endpoint, "[]", "[" + series("XRD-1", "Pattern/TwoTheta",
                "Pattern/Intensity", "xrd.pattern", "deg", "{counts}") + "]");
        register("UVVIS-1", "characterization", endpoint, "[]", "[" + series("UVVIS-1", "Spectrum/Wavelength",
                "Spectrum/Absorbance", "uvvis.absorbance", "nm", "1") + "]");
        register("PCM-1", "testing", endpoint, "[" + node("PCM-1", "Temperature", "pcm.temperature", "K") + ","
                + node("PCM-1", "Resistance", "pcm.resistance", "Ohm") + "]", "[" + series("PCM-1", "Sweep/Temperature",
                "Sweep/Resistance", "pcm.sweep", "K", "Ohm") + "]");
        cycler = new BatteryCyclerMqtt(BatteryCyclerMqtt.Options.builder(servers.brokerUrl()).instrumentId("CYC-A")
                .clientId("cyc-a").autoStart(false).stateInterval(Duration.ofMillis(300)).build()).start();
        api.json("POST", "/instruments", "{\"id\":\"CYC-A\",\"name\":\"Cycler\",\"adapterType\":\"MQTT\","
                + "\"capabilities\":[\"testing\"],\"metadata\":{\"activeMassG\":0.01}}", 201);
    }

    private void register(String id, String capability, String endpoint, String nodes, String series)
            throws Exception {
        api.json("POST", "/instruments", "{\"id\":\"" + id + "\",\"name\":\"" + id + "\",\"adapterType\":\"OPCUA\","
                + "\"capabilities\":[\"" + capability + "\"],\"connectionInfo\":{\"endpoint\":\"" + endpoint
                + "\",\"objectNode\":\"" + NS + id + "\",\"nodes\":" + nodes + ",\"series\":" + series + "}}", 201);
    }

    private static String node(String id, String variable, String quantity, String unit) {
        return "{\"node\":\"" + NS + id + "/" + variable + "\",\"quantity\":\"" + quantity + "\",\"unit\":\"" + unit
                + "\",\"samplingInterval\":50}";
    }

    private static String series(String id, String x, String y, String quantity, String xUnit, String yUnit) {
        return "{\"xNode\":\"" + NS + id + "/" + x + "\",\"yNode\":\"" + NS + id + "/" + y + "\",\"quantity\":\""
                + quantity + "\",\"xUnit\":\"" + xUnit + "\",\"yUnit\":\"" + yUnit + "\",\"samplingInterval\":100}";
    }

    private String runToCompletion(String instrument, String type, String parameters) throws Exception {
        String id = api.json("POST", "/experiments", "{\"instrumentId\":\"" + instrument + "\",\"type\":\"" + type
                + "\",\"parameters\":" + parameters + "}", 201).get("id").asText();
        await().atMost(Duration.ofSeconds(120)).until(() -> {
            String status = api.get("/experiments/" + id).get("status").asText();
            assertThat(status).isIn("PENDING", "RUNNING", "COMPLETED");
            return "COMPLETED".equals(status);
        });
        return id;
    }

    /** What was stored of a cycling run, for a failure message: the run's readings, the instrument's, the window. */
    private String cyclingReport(UUID runId) {
        return "the cycler published " + cycler.samplesPublished() + " samples"
                + "; stored (readings, distinct times) per quantity: " + rows("SELECT quantity, count(*), "
                + "count(DISTINCT ts) FROM measurements WHERE experiment_run_id = ? GROUP BY quantity", runId)
                + "; all of CYC-A's readings (linked?, count, first, last): " + rows("SELECT experiment_run_id IS NOT "
                + "NULL, count(*), min(ts)::text, max(ts)::text FROM measurements WHERE instrument_id = 'CYC-A' GROUP BY 1")
                + "; run window: " + rows("SELECT started_at::text, completed_at::text FROM experiment_runs WHERE id = ?",
                runId)
                + "; dead letters: " + db.count("SELECT count(*) FROM dead_letters")
                + "; examples (linked?, quantity, time, source, payload): " + rows("(SELECT m.experiment_run_id IS NOT "
                + "NULL, m.quantity, m.ts::text, m.source, convert_from(r.payload, 'UTF8') FROM measurements m JOIN "
                + "raw_messages r USING (source, message_id) WHERE m.instrument_id = 'CYC-A' AND m.experiment_run_id IS "
                + "NULL ORDER BY m.id DESC LIMIT 4) UNION ALL (SELECT m.experiment_run_id IS NOT NULL, m.quantity, "
                + "m.ts::text, m.source, convert_from(r.payload, 'UTF8') FROM measurements m JOIN raw_messages r "
                + "USING (source, message_id) WHERE m.experiment_run_id IS NOT NULL ORDER BY m.id DESC LIMIT 2)");
    }

    private List<String> rows(String sql, Object... args) {
        return db.rows(sql, args).stream().map(java.util.Arrays::toString).toList();
    }

    /** The run's analysis of that kind, once stored. */
    private JsonNode analysis(String runId, String kind) {
        List<JsonNode> found = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            found.clear();
            for (JsonNode a : api.get("/analyses?runId=" + runId + "&kind=" + kind + "&result=true")) {
                found.add(a);
            }
            return !found.isEmpty();
        });
        return found.get(0);
    }

    @Test
    void should_recover_the_lattice_constants_of_scanned_crystals() throws Exception {
        // silicon, a = 5.431 Å (NIST SRM 640 series, a = 5.4311 Å); rock salt NaCl, a = 5.640 Å (ICDD PDF 5-628)
        String[][] crystals = {{"{\"structure\":\"diamond\",\"element\":\"Si\",\"a\":5.431", "5.431", "DIAMOND"},
            {"{\"structure\":\"rockSalt\",\"cation\":\"Na\",\"anion\":\"Cl\",\"a\":5.640", "5.640", "ROCK_SALT"}};
        for (String[] c : crystals) {
            String run = runToCompletion("XRD-1", "characterization", c[0]
                    + ",\"start\":20,\"stop\":90,\"step\":0.02,\"countTimeS\":1,\"speedUp\":2000,\"seed\":5}");
            JsonNode a = analysis(run, "xrd.pattern");
            assertThat(a.get("status").asText()).as(a.toString()).isEqualTo("OK");
            double truth = Double.parseDouble(c[1]);
            assertThat(a.get("value").asDouble()).isCloseTo(truth, within(truth * 0.001));
            assertThat(a.get("unit").asText()).isEqualTo("Ao");
            assertThat(a.get("result").get("indexing").get("lattice").asText()).isEqualTo(c[2]);
            assertThat(a.get("measurementId").asLong()).isPositive();
            assertThat(a.get("parameters").get("radiation").asText()).isEqualTo("CuKa1");
        }
        // the run's page shows its analysis
        assertThat(api.get("/experiments?instrumentId=XRD-1&limit=1").get(0).get("id").asText()).satisfies(id ->
                assertThat(api.get("/experiments/" + id).get("analyses").toString()).contains("lattice constant a"));
    }

    @Test
    void should_find_the_band_gap_of_a_measured_film() throws Exception {
        // a direct 2.00 eV edge configured in the simulated film; Tauc recovers it within 0.02 eV
        String run = runToCompletion("UVVIS-1", "characterization", "{\"material\":{\"bandGapEv\":2.0,\"transition\":"
                + "\"direct\"},\"thicknessNm\":300,\"startNm\":800,\"endNm\":400,\"stepNm\":1,\"speedUp\":2000}");
        JsonNode a = analysis(run, "uvvis.tauc");
        assertThat(a.get("status").asText()).as(a.toString()).isEqualTo("OK");
        assertThat(a.get("value").asDouble()).isCloseTo(2.0, within(0.02));
        assertThat(a.get("headline").asText()).contains("DIRECT");
        assertThat(a.get("parameters").get("thicknessFrom").asText()).isEqualTo("run");
    }

    @Test
    void should_find_the_crystallization_temperature_of_a_phase_change_film_from_its_r_t_sweep() throws Exception {
        // the simulated Ge2Sb2Te5 film's Kissinger peak is put at 150 °C (423.15 K) for 10 K/min, as GST films
        // crystallize at such rates (Friedrich et al., J. Appl. Phys. 87, 4130 (2000)); log R falls fastest there
        String run = runToCompletion("PCM-1", "testing", "{\"heatingRateKPerMin\":10,\"maxTemperatureK\":500,"
                + "\"speedUp\":100}");
        JsonNode a = analysis(run, "pcm.crystallization");
        assertThat(a.get("status").asText()).as(a.toString()).isEqualTo("OK");
        assertThat(a.get("value").asDouble()).isCloseTo(423.15, within(5.0));
        assertThat(a.get("measurementId").asLong()).isPositive();
        assertThat(a.get("parameters").get("heatingPoints").asInt()).isGreaterThan(50);
    }

    @Test
    void should_analyse_a_cycling_test_when_it_ends() throws Exception {
        String run = runToCompletion("CYC-A", "testing", "{\"cycles\":3,\"speedUp\":20000}");
        JsonNode a = analysis(run, "battery.cycling");
        UUID runId = UUID.fromString(run);
        assertThat(a.get("status").asText()).as(() -> a + "; " + cyclingReport(runId)).isEqualTo("OK");
        // every sample the cycler published is stored and linked, and each sample time is one paired reading (a
        // step's last sample and the next step's first share their time; the analysis keeps one of them)
        for (String q : List.of("cell.voltage", "cell.current", "cell.test_time")) {
            assertThat(db.count("SELECT count(*) FROM measurements WHERE experiment_run_id = ? AND quantity = ?", runId,
                    q)).as(q).isEqualTo(cycler.samplesPublished());
        }
        assertThat(a.get("parameters").get("pairedReadings").asLong()).isEqualTo(db.count("SELECT count(DISTINCT ts) "
                + "FROM measurements WHERE experiment_run_id = ? AND quantity = 'cell.voltage'", runId));
        assertThat(a.get("parameters").get("timeFrom").asText()).isEqualTo("cell.test_time");
        JsonNode cycles = a.get("result").get("cycles");
        assertThat(cycles.size()).isGreaterThanOrEqualTo(3);
        for (JsonNode c : cycles) {
            if (c.get("complete").asBoolean()) {
                assertThat(c.get("coulombicEfficiency").asDouble()).isBetween(0.90, 1.005);
            }
        }
        assertThat(a.get("parameters").get("activeMassFrom").asText()).isEqualTo("instrument");
        // the cell's own summary, published per cycle, agrees with the capacity computed from its V and I readings
        List<Object[]> published = db.rows("SELECT original_value FROM measurements WHERE experiment_run_id = ? "
                + "AND quantity = 'cycle.discharge_capacity' ORDER BY ts", UUID.fromString(run));
        assertThat(published).isNotEmpty();
        double first = (Double) published.get(0)[0];
        assertThat(cycles.get(0).get("dischargeCapacityMah").asDouble()).isCloseTo(first, within(first * 0.02));
        assertThat(a.get("parameters").get("timeFrom").asText()).isEqualTo("cell.test_time");
        assertThat(a.get("measurementId").isNull()).isTrue();
    }

    @Test
    void should_refuse_to_analyse_a_pattern_without_peaks_and_say_why() throws Exception {
        StringBuilder x = new StringBuilder();
        StringBuilder y = new StringBuilder();
        java.util.Random random = new java.util.Random(1);
        for (int i = 0; i < 500; i++) {
            x.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.2f", 20 + i * 0.1));
            y.append(i == 0 ? "" : ",").append(100 + random.nextInt(5));
        }
        try (Publisher pub = new Publisher(servers.brokerUrl(), "analysis-noise")) {
            pub.publish("lab/NOISE-1/xrd/pattern", "{\"id\":\"noise-1\",\"x\":{\"unit\":\"deg\",\"values\":[" + x
                    + "]},\"y\":{\"unit\":\"{counts}\",\"values\":[" + y + "]}}");
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> db.count(
                "SELECT count(*) FROM analyses WHERE instrument_id = 'NOISE-1'") == 1);
        Object[] row = db.rows("SELECT status, error, value FROM analyses WHERE instrument_id = 'NOISE-1'").get(0);
        assertThat(row[0]).isEqualTo("REFUSED");
        assertThat((String) row[1]).containsIgnoringCase("peak");
        assertThat(row[2]).isNull();
    }
}
