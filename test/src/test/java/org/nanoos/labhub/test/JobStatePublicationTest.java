package org.nanoos.labhub.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.test.AvailablePortFinder;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.Test;
import org.nanoos.labhub.connectors.mqtt.MqttExperimentDriver;
import org.nanoos.labhub.hub.EmbeddedBroker;

/**
 * The hub's own publications (job states) are not lost when the broker is not there: states made before the hub's
 * first connection and during a broker restart reach a subscriber, in order, once the broker is back. (This was a
 * real loss: a job that finished before the hub's MQTT connection came up published nothing.)
 */
class JobStatePublicationTest {

    private static final TestServers servers = TestServers.get();

    @Test
    void should_deliver_states_made_while_the_broker_was_away_in_order() throws Exception {
        int port = AvailablePortFinder.getNextAvailable();
        Path brokerDir = servers.newDataDirectory();
        String url = "tcp://127.0.0.1:" + port;
        List<String> received = new CopyOnWriteArrayList<>();

        // a subscriber with a persistent session, so the broker keeps what arrives while it is away
        EmbeddedBroker broker = new EmbeddedBroker("127.0.0.1", port, brokerDir);
        broker.start();
        MqttClient subscriber = subscriber(url, received);
        subscriber.disconnect();
        broker.stop();

        MqttExperimentDriver hub = new MqttExperimentDriver(url, "outbox-test-hub", null, null, new ObjectMapper(),
                Clock.systemUTC(), Duration.ofSeconds(5));
        try {
            hub.start();
            // no broker yet: the hub has never been connected
            for (int i = 0; i < 20; i++) {
                assertThat(hub.publish("lab/jobs/j1/state", state(i), false)).isTrue();
            }
            broker = new EmbeddedBroker("127.0.0.1", port, brokerDir);
            broker.start();
            subscriber.connect(options(false));
            await().atMost(Duration.ofSeconds(60)).until(() -> received.size() >= 20);

            // the broker restarts under the running hub; states made meanwhile follow
            broker.stop();
            for (int i = 20; i < 40; i++) {
                assertThat(hub.publish("lab/jobs/j1/state", state(i), false)).isTrue();
            }
            broker = new EmbeddedBroker("127.0.0.1", port, brokerDir);
            broker.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> !subscriber.isConnected());
            subscriber.connect(options(false));
            await().atMost(Duration.ofSeconds(90)).until(() -> distinct(received).size() >= 40);
        } finally {
            hub.close();
            subscriber.disconnectForcibly(1000);
            subscriber.close();
            broker.stop();
        }
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            expected.add("state-" + i);
        }
        // at least once: a message whose acknowledgement was cut off by a restart may come again (the hub resends one it
        // had no acknowledgement for, the broker redelivers what the subscriber had not acknowledged); first arrivals
        // are all there and in order
        assertThat(distinct(received)).containsExactlyElementsOf(expected);
    }

    /** The messages in the order they first arrived (QoS 1 may deliver one again, e.g. after a broker restart). */
    private static List<String> distinct(List<String> received) {
        return new ArrayList<>(new java.util.LinkedHashSet<>(received));
    }

    private static byte[] state(int i) {
        return ("state-" + i).getBytes(StandardCharsets.UTF_8);
    }

    private static MqttConnectionOptions options(boolean cleanStart) {
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(cleanStart);
        o.setSessionExpiryInterval(3600L);
        return o;
    }

    private static MqttClient subscriber(String url, List<String> received) throws MqttException {
        MqttClient c = new MqttClient(url, "outbox-test-subscriber", new MemoryPersistence());
        c.setCallback(new MqttCallback() {
            @Override
            public void disconnected(MqttDisconnectResponse r) {
            }

            @Override
            public void mqttErrorOccurred(MqttException e) {
            }

            @Override
            public void messageArrived(String topic, MqttMessage m) {
                received.add(new String(m.getPayload(), StandardCharsets.UTF_8));
            }

            @Override
            public void deliveryComplete(IMqttToken t) {
            }

            @Override
            public void connectComplete(boolean reconnect, String uri) {
            }

            @Override
            public void authPacketArrived(int code, MqttProperties p) {
            }
        });
        c.connect(options(true));
        c.subscribe("lab/jobs/+/state", 1);
        return c;
    }
}
