package org.nanoos.labhub.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nanoos.labhub.simulator.cvd.CvdRecipe;
import org.nanoos.labhub.simulator.support.EmbeddedBroker;
import org.nanoos.labhub.simulator.support.TopicRecorder;

/** The simulator against a real embedded MQTT 5 broker, read back by a Paho subscriber. */
class SimulatorTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Map<String, String> PROCESS_UNITS = Map.of(
            "chamber/temperature", "Cel",
            "chamber/pressure", "Pa",
            "mfc/sih4/flow", "cm3/min",
            "mfc/n2/flow", "cm3/min");

    @TempDir
    static Path brokerDir;
    static EmbeddedBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = EmbeddedBroker.start(brokerDir, 10);
    }

    @AfterAll
    static void stopBroker() throws Exception {
        broker.close();
    }

    /** 100 ms per tick at 600×: one minute of process per reading, a 24-minute run in about 2.4 s. */
    private static SimulatorOptions fast(String instrumentId) {
        return SimulatorOptions.builder(broker.url()).instrumentId(instrumentId)
                .publishInterval(Duration.ofMillis(100)).speedUp(600).build();
    }

    @Test
    void should_publish_process_variables_on_the_instrument_topics() throws Exception {
        try (TopicRecorder recorder = TopicRecorder.subscribe(broker.url(), "lab/cvd-p/#");
             Simulator simulator = Simulator.start(fast("cvd-p"))) {
            await().atMost(WAIT).untilAsserted(() -> PROCESS_UNITS.keySet().forEach(quantity ->
                    assertThat(recorder.on("lab/cvd-p/" + quantity)).hasSizeGreaterThanOrEqualTo(5)));

            assertThat(simulator.isConnected()).isTrue();
            assertThat(recorder.unparsable()).isEmpty();
            Instant now = Instant.now();
            for (var entry : PROCESS_UNITS.entrySet()) {
                for (TopicRecorder.Received r : recorder.on("lab/cvd-p/" + entry.getKey())) {
                    JsonNode json = r.json();
                    assertThat(r.qos()).isEqualTo(1);
                    assertThat(r.contentType()).isEqualTo("application/json");
                    assertThat(json.get("id").asText()).startsWith("cvd-p-");
                    assertThat(json.get("time").asText()).endsWith("Z");
                    assertThat(Instant.parse(json.get("time").asText())).isBetween(now.minusSeconds(120), now);
                    assertThat(json.get("value").isNumber()).isTrue();
                    assertThat(json.get("unit").asText()).isEqualTo(entry.getValue());
                }
            }
            assertThat(values(recorder, "lab/cvd-p/chamber/temperature")).allSatisfy(c -> assertThat(c)
                    .isBetween(0.0, 640.0));
            assertThat(values(recorder, "lab/cvd-p/chamber/pressure")).allSatisfy(p -> assertThat(p)
                    .isBetween(0.1, 1.1e5));
            assertThat(values(recorder, "lab/cvd-p/mfc/sih4/flow")).allSatisfy(f -> assertThat(f)
                    .isBetween(0.0, 55.0));
            assertThat(values(recorder, "lab/cvd-p/mfc/n2/flow")).allSatisfy(f -> assertThat(f)
                    .isBetween(0.0, 25.0));
        }
    }

    @Test
    void should_publish_film_results_at_the_end_of_each_run() throws Exception {
        try (TopicRecorder recorder = TopicRecorder.subscribe(broker.url(), "lab/cvd-f/#");
             Simulator simulator = Simulator.start(fast("cvd-f"))) {
            await().atMost(WAIT).until(() -> recorder.on("lab/cvd-f/film/thickness_profile").size() >= 2);

            assertThat(simulator.runsCompleted()).isGreaterThanOrEqualTo(2);
            JsonNode thickness = recorder.on("lab/cvd-f/film/thickness").get(0).json();
            JsonNode rate = recorder.on("lab/cvd-f/film/deposition_rate").get(0).json();
            JsonNode uniformity = recorder.on("lab/cvd-f/film/uniformity").get(0).json();
            JsonNode yield = recorder.on("lab/cvd-f/film/yield").get(0).json();
            JsonNode profile = recorder.on("lab/cvd-f/film/thickness_profile").get(0).json();
            assertThat(thickness.get("unit").asText()).isEqualTo("nm");
            assertThat(rate.get("unit").asText()).isEqualTo("nm/min");
            assertThat(uniformity.get("unit").asText()).isEqualTo("%");
            assertThat(yield.get("unit").asText()).isEqualTo("%");
            // 620 °C LPCVD polysilicon: about 10 nm/min, 10 minutes of deposition
            assertThat(rate.get("value").asDouble()).isBetween(8.0, 13.0);
            assertThat(thickness.get("value").asDouble())
                    .isCloseTo(rate.get("value").asDouble() * 10.0, withinPercentage(0.1));
            assertThat(uniformity.get("value").asDouble()).isBetween(0.0, 2.0);
            assertThat(yield.get("value").asDouble()).isBetween(0.0, 100.0);

            assertThat(profile.get("x").get("unit").asText()).isEqualTo("mm");
            assertThat(profile.get("y").get("unit").asText()).isEqualTo("nm");
            List<Double> radii = doubles(profile.get("x").get("values"));
            List<Double> film = doubles(profile.get("y").get("values"));
            assertThat(radii).hasSize(11).startsWith(0.0).endsWith(CvdRecipe.polysilicon620().waferRadiusMm());
            assertThat(film).hasSize(11).isSortedAccordingTo((a, b) -> Double.compare(b, a));
            double mean = thickness.get("value").asDouble();
            assertThat(mean).isBetween(film.get(10), film.get(0));
            double halfRange = (film.get(0) - film.get(10)) / (2 * mean) * 100;
            assertThat(uniformity.get("value").asDouble()).isCloseTo(halfRange, within(0.01));
        }
    }

    @Test
    void should_show_the_setpoint_in_celsius_during_deposition() throws Exception {
        try (TopicRecorder recorder = TopicRecorder.subscribe(broker.url(), "lab/cvd-t/#");
             Simulator ignored = Simulator.start(fast("cvd-t"))) {
            await().atMost(WAIT).until(() -> recorder.on("lab/cvd-t/film/thickness").size() >= 1);

            // setpoint 893.15 K = 620 °C; the thermocouple reads it within noise during deposition
            List<Double> celsius = values(recorder, "lab/cvd-t/chamber/temperature");
            assertThat(celsius).anySatisfy(c -> assertThat(c).isCloseTo(620.0, within(1.5)));
            assertThat(celsius).allSatisfy(c -> assertThat(c).isLessThan(622.0));
            assertThat(values(recorder, "lab/cvd-t/mfc/sih4/flow")).anySatisfy(f -> assertThat(f)
                    .isCloseTo(50.0, within(0.5)));
        }
    }

    @Test
    void should_give_every_reading_a_unique_id() throws Exception {
        try (TopicRecorder recorder = TopicRecorder.subscribe(broker.url(), "lab/cvd-u/#");
             Simulator ignored = Simulator.start(fast("cvd-u"))) {
            await().atMost(WAIT).until(() -> recorder.on("lab/cvd-u/film/yield").size() >= 1);

            List<String> ids = recorder.all().stream().map(r -> r.json().get("id").asText()).toList();
            assertThat(ids).hasSizeGreaterThan(20).doesNotHaveDuplicates();
            assertThat(ids).allSatisfy(id -> assertThat(id).matches("cvd-u-[0-9a-z]+-\\d+-\\d+"));
        }
    }

    @Test
    void should_stop_publishing_when_closed() throws Exception {
        try (TopicRecorder recorder = TopicRecorder.subscribe(broker.url(), "lab/cvd-c/#")) {
            Simulator simulator = Simulator.start(fast("cvd-c"));
            await().atMost(WAIT).until(() -> recorder.all().size() >= 8);
            simulator.close();
            long published = simulator.readingsPublished();

            await().atMost(Duration.ofSeconds(10)).until(() -> recorder.all().size() == published);
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                    .until(() -> recorder.all().size() == published);
            assertThat(simulator.isConnected()).isFalse();
        }
    }

    private static List<Double> values(TopicRecorder recorder, String topic) {
        return recorder.on(topic).stream().map(r -> r.json().get("value").asDouble()).toList();
    }

    private static List<Double> doubles(JsonNode array) {
        List<Double> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asDouble()));
        return out;
    }
}
