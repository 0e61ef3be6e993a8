package org.nanoos.labhub.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import org.nanoos.labhub.hub.LabHub;

/**
 * The persistent MQTT session: readings published while the hub is down, or while it is stopping, are stored
 * once it is back — none lost, none doubled.
 */
class HubRestartTest {

    // static: CamelTestSupport reads the overrides from its constructor, before instance fields exist
    private static final TestServers servers = TestServers.get();
    private static final String dbUrl = servers.newDatabase();
    private static final Properties properties = HubProperties.forTest(servers, "restart-test", dbUrl);
    private static final Db db = new Db(dbUrl);

    private Main startHub() throws Exception {
        Main main = LabHub.create(LabHub.DEFAULT_CONFIG);
        main.setOverrideProperties(properties);
        main.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> main.getCamelContext() != null
                && main.getCamelContext().getRouteController().getRouteStatus("mqtt-ingest") != null
                && main.getCamelContext().getRouteController().getRouteStatus("mqtt-ingest").isStarted());
        return main;
    }

    private static String reading(int i) {
        return "{\"id\":\"r-%d\",\"time\":\"2026-11-21T09:00:00Z\",\"value\":%d,\"unit\":\"Pa\"}".formatted(i, 1000 + i);
    }

    @Test
    void should_store_readings_published_while_the_hub_was_down_once_it_is_back() throws Exception {
        Main hub = startHub();
        try (Publisher pub = new Publisher(servers.brokerUrl(), "restart-test-instrument")) {
            for (int i = 0; i < 100; i++) {
                pub.publish("lab/restart-1/chamber/pressure", reading(i));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> db.count("SELECT count(*) FROM measurements WHERE instrument_id = 'restart-1'") == 100);
            hub.stop();

            for (int i = 100; i < 300; i++) {
                pub.publish("lab/restart-1/chamber/pressure", reading(i));
            }
            assertThat(db.count("SELECT count(*) FROM measurements WHERE instrument_id = 'restart-1'")).isEqualTo(100);

            hub = startHub();
            await().atMost(Duration.ofSeconds(60)).until(() -> db.count("SELECT count(*) FROM measurements WHERE instrument_id = 'restart-1'") == 300);
            assertThat(db.count("SELECT count(DISTINCT message_id) FROM measurements WHERE instrument_id = 'restart-1'")).isEqualTo(300);
        } finally {
            hub.stop();
        }
    }

    @Test
    void should_lose_nothing_and_double_nothing_when_the_hub_stops_in_mid_stream() throws Exception {
        Main hub = startHub();
        int total = 2000;
        AtomicInteger sent = new AtomicInteger();
        try (Publisher pub = new Publisher(servers.brokerUrl(), "restart-test-stream")) {
            CompletableFuture<Void> stream = CompletableFuture.runAsync(() -> {
                try {
                    for (int i = 0; i < total; i++) {
                        pub.publish("lab/restart-2/chamber/pressure", reading(i));
                        sent.incrementAndGet();
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            await().atMost(Duration.ofSeconds(30)).until(() -> db.count(
                    "SELECT count(*) FROM measurements WHERE instrument_id = 'restart-2'") >= 200);
            hub.stop();
            hub = startHub();
            stream.get();
            await().atMost(Duration.ofSeconds(60)).until(() -> db.count(
                    "SELECT count(*) FROM measurements WHERE instrument_id = 'restart-2'") == total);
            assertThat(db.count("SELECT count(DISTINCT message_id) FROM measurements WHERE instrument_id = 'restart-2'"))
                    .isEqualTo(total);
        } finally {
            hub.stop();
        }
    }
}
