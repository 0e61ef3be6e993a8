package org.nanoos.labhub.simulator.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nanoos.labhub.simulator.support.EmbeddedBroker;
import org.nanoos.labhub.simulator.support.TopicRecorder;

class MqttInstrumentPublisherTest {

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

    @Test
    void should_publish_a_scalar_reading_as_hub_json_at_qos_1() throws Exception {
        try (TopicRecorder recorder = TopicRecorder.subscribe(broker.url(), "lab/cvd-9/#");
             MqttInstrumentPublisher publisher = new MqttInstrumentPublisher(broker.url(), "pub-cvd-9", "cvd-9")) {
            publisher.connect(Duration.ofSeconds(10));
            publisher.publishScalar("chamber/temperature", "cvd-9-t-1-1", Instant.parse("2026-11-21T10:15:30.123Z"),
                    620.05, "Cel");

            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(recorder.on("lab/cvd-9/chamber/temperature")).hasSize(1));
            TopicRecorder.Received received = recorder.on("lab/cvd-9/chamber/temperature").get(0);
            assertThat(received.qos()).isEqualTo(1);
            assertThat(received.contentType()).isEqualTo("application/json");
            JsonNode json = received.json();
            assertThat(json.fieldNames()).toIterable().containsExactly("id", "time", "value", "unit");
            assertThat(json.get("id").asText()).isEqualTo("cvd-9-t-1-1");
            assertThat(json.get("time").asText()).isEqualTo("2026-11-21T10:15:30.123Z");
            assertThat(json.get("value").asDouble()).isEqualTo(620.05);
            assertThat(json.get("unit").asText()).isEqualTo("Cel");
            await().atMost(Duration.ofSeconds(5)).until(() -> publisher.deliveredCount() == 1);
        }
    }

    @Test
    void should_publish_a_series_reading_on_its_topic() throws Exception {
        try (TopicRecorder recorder = TopicRecorder.subscribe(broker.url(), "lab/cvd-8/#");
             MqttInstrumentPublisher publisher = new MqttInstrumentPublisher(broker.url(), "pub-cvd-8", "cvd-8")) {
            publisher.connect(Duration.ofSeconds(10));
            publisher.publishSeries("film/thickness_profile", "cvd-8-s-1", Instant.now(), "mm",
                    new double[] {0, 50, 100}, "nm", new double[] {106.5, 106.2, 105.2});

            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(recorder.on("lab/cvd-8/film/thickness_profile")).hasSize(1));
            JsonNode json = recorder.on("lab/cvd-8/film/thickness_profile").get(0).json();
            assertThat(json.get("x").get("unit").asText()).isEqualTo("mm");
            assertThat(json.get("y").get("values")).hasSize(3);
        }
    }

    @Test
    void should_refuse_topics_the_hub_would_reject() {
        assertThatThrownBy(() -> new MqttInstrumentPublisher(broker.url(), "c", "cvd/1"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MqttInstrumentPublisher(broker.url(), "c", "jobs"))
                .isInstanceOf(IllegalArgumentException.class);
        try (MqttInstrumentPublisher publisher = new MqttInstrumentPublisher(broker.url(), "c", "cvd-1")) {
            assertThat(publisher.topic("mfc/sih4/flow")).isEqualTo("lab/cvd-1/mfc/sih4/flow");
            assertThatThrownBy(() -> publisher.topic("chamber/#")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> publisher.topic("/chamber")).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void should_raise_one_domain_exception_when_the_broker_is_unreachable() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (MqttInstrumentPublisher publisher =
                     new MqttInstrumentPublisher("tcp://127.0.0.1:" + closedPort, "nobody", "cvd-7")) {
            assertThatThrownBy(() -> publisher.connect(Duration.ofSeconds(5)))
                    .isInstanceOf(BrokerConnectionException.class)
                    .hasMessageContaining("127.0.0.1:" + closedPort);
            assertThat(publisher.publishScalar("chamber/pressure", "x", Instant.now(), 1.0, "Pa")).isFalse();
            assertThat(publisher.droppedCount()).isEqualTo(1);
        }
    }

    @Test
    void should_deliver_readings_published_while_the_broker_was_down() throws Exception {
        try (TopicRecorder recorder = TopicRecorder.subscribe(broker.url(), "lab/cvd-6/#", true);
             MqttInstrumentPublisher publisher = new MqttInstrumentPublisher(broker.url(), "pub-cvd-6", "cvd-6")) {
            publisher.connect(Duration.ofSeconds(10));
            publisher.publishScalar("chamber/pressure", "before", Instant.now(), 40.0, "Pa");
            await().atMost(Duration.ofSeconds(10)).until(() -> recorder.on("lab/cvd-6/chamber/pressure").size() == 1);

            broker.stop();
            await().atMost(Duration.ofSeconds(30)).until(() -> !publisher.isConnected());
            assertThat(publisher.publishScalar("chamber/pressure", "during-1", Instant.now(), 40.1, "Pa")).isTrue();
            assertThat(publisher.publishScalar("chamber/pressure", "during-2", Instant.now(), 39.9, "Pa")).isTrue();
            broker.restart();

            await().atMost(Duration.ofSeconds(60)).until(publisher::isConnected);
            recorder.reconnect();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(ids(recorder.on("lab/cvd-6/chamber/pressure")))
                            .contains("before", "during-1", "during-2"));
        }
    }

    private static List<String> ids(List<TopicRecorder.Received> messages) {
        return messages.stream().map(m -> m.json().get("id").asText()).toList();
    }
}
