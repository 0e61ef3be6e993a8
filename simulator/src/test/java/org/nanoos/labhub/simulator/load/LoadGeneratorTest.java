package org.nanoos.labhub.simulator.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nanoos.labhub.simulator.support.EmbeddedBroker;
import org.nanoos.labhub.simulator.support.TopicRecorder;

class LoadGeneratorTest {

    private static final int BROKER_RECEIVE_MAXIMUM = 500;

    @TempDir
    static Path brokerDir;
    static EmbeddedBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = EmbeddedBroker.start(brokerDir, BROKER_RECEIVE_MAXIMUM);
    }

    @AfterAll
    static void stopBroker() throws Exception {
        broker.close();
    }

    @Test
    void should_publish_every_reading_once_with_a_unique_id_across_all_topics() throws Exception {
        try (TopicRecorder recorder = TopicRecorder.subscribe(broker.url(), "lab/+/channel/#")) {
            LoadGenerator.Settings settings = new LoadGenerator.Settings(broker.url(), "load-test-1",
                    List.of("load-a", "load-b"), 5, 5_000, 200);

            LoadGenerator.Result result = new LoadGenerator(settings).run();

            assertThat(result.published()).isEqualTo(5_000);
            assertThat(result.failed()).isZero();
            assertThat(result.effectiveWindow()).isEqualTo(200);
            assertThat(result.summary()).matches("published 5000 readings in \\d+\\.\\d\\d s \\(\\d+ msg/s\\)");
            await().atMost(Duration.ofSeconds(60)).until(() -> recorder.all().size() >= 5_000);
            assertThat(recorder.unparsable()).isEmpty();
            assertThat(recorder.all()).extracting(r -> r.json().get("id").asText()).doesNotHaveDuplicates()
                    .hasSize(5_000);
            assertThat(recorder.all()).extracting(TopicRecorder.Received::topic).containsOnly(
                    "lab/load-a/channel/0/temperature", "lab/load-a/channel/1/temperature",
                    "lab/load-a/channel/2/temperature", "lab/load-a/channel/3/temperature",
                    "lab/load-a/channel/4/temperature", "lab/load-b/channel/0/temperature",
                    "lab/load-b/channel/1/temperature", "lab/load-b/channel/2/temperature",
                    "lab/load-b/channel/3/temperature", "lab/load-b/channel/4/temperature");
            assertThat(recorder.all()).allSatisfy(r -> {
                assertThat(r.json().get("unit").asText()).isEqualTo("K");
                assertThat(r.json().get("value").asDouble()).isBetween(293.15, 293.25);
                assertThat(r.json().get("time").asText()).endsWith("Z");
            });
        }
    }

    @Test
    void should_keep_no_more_in_flight_than_the_broker_allows() throws Exception {
        LoadGenerator.Settings settings = new LoadGenerator.Settings(broker.url(), "load-test-2",
                List.of("load-c"), 3, 2_000, 5_000);

        LoadGenerator.Result result = new LoadGenerator(settings).run();

        assertThat(result.effectiveWindow()).isEqualTo(BROKER_RECEIVE_MAXIMUM);
        assertThat(result.published()).isEqualTo(2_000);
        assertThat(result.messagesPerSecond()).isPositive();
    }
}
