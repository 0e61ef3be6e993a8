package org.nanoos.labhub.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.apache.camel.main.Main;
import org.apache.camel.test.AvailablePortFinder;
import org.junit.jupiter.api.Test;
import org.nanoos.labhub.connectors.mqtt.MqttIngestClient;
import org.nanoos.labhub.hub.EmbeddedBroker;
import org.nanoos.labhub.hub.LabHub;

/**
 * A site broker that is down when the hub starts, and one that restarts under a running hub: the hub starts
 * anyway, connects when the broker appears, and after a broker restart resumes its session by itself.
 */
class BrokerOutageTest {

    private static final TestServers servers = TestServers.get();

    private static String reading(int i) {
        return "{\"id\":\"o-%d\",\"value\":%d,\"unit\":\"Cel\"}".formatted(i, 20 + i);
    }

    @Test
    void should_start_without_its_broker_and_ingest_once_it_appears_and_after_it_restarts() throws Exception {
        String dbUrl = servers.newDatabase();
        Db db = new Db(dbUrl);
        int port = AvailablePortFinder.getNextAvailable();
        Path brokerDir = servers.newDataDirectory();
        Properties p = HubProperties.forTest(servers, "outage-test", dbUrl);
        p.setProperty("labhub.mqtt.url", "tcp://127.0.0.1:" + port);

        Main hub = LabHub.create(LabHub.DEFAULT_CONFIG);
        hub.setOverrideProperties(p);
        hub.start();
        EmbeddedBroker broker = null;
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> hub.getCamelContext() != null
                    && hub.getCamelContext().getRouteController().getRouteStatus("mqtt-ingest") != null
                    && hub.getCamelContext().getRouteController().getRouteStatus("mqtt-ingest").isStarted());
            MqttIngestClient client = hub.getCamelContext().getRegistry()
                    .lookupByNameAndType("mqttIngestClient", MqttIngestClient.class);
            assertThat(client.isConnected()).isFalse();

            broker = new EmbeddedBroker("127.0.0.1", port, brokerDir);
            broker.start();
            await().atMost(Duration.ofSeconds(30)).until(client::isConnected);
            try (Publisher pub = new Publisher(broker.url(), "outage-test-instrument")) {
                for (int i = 0; i < 50; i++) {
                    pub.publish("lab/outage-1/bath/temperature", reading(i));
                }
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> db.count("SELECT count(*) FROM measurements") == 50);

            // the broker restarts; the hub's session (kept on the broker's disk) resumes without the hub restarting
            broker.stop();
            await().atMost(Duration.ofSeconds(30)).until(() -> !client.isConnected());
            broker = new EmbeddedBroker("127.0.0.1", port, brokerDir);
            broker.start();
            try (Publisher pub = new Publisher(broker.url(), "outage-test-instrument")) {
                for (int i = 50; i < 120; i++) {
                    pub.publish("lab/outage-1/bath/temperature", reading(i));
                }
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> db.count("SELECT count(*) FROM measurements") == 120);
            assertThat(db.count("SELECT count(DISTINCT message_id) FROM measurements")).isEqualTo(120);
        } finally {
            hub.stop();
            if (broker != null) {
                broker.stop();
            }
        }
    }
}
