package org.nanoos.labhub.simulator.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * The hub's side of MQTT 5 request/response, for tests: publishes commands with a Response Topic and Correlation
 * Data, as the hub does, and records the replies arriving on its response topic.
 */
public final class MqttRequester implements AutoCloseable {

    /** One reply: the correlation data it carried (as UTF-8), its payload and the payload parsed as JSON. */
    public record Reply(String correlation, String payload, JsonNode json, String contentType) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MqttClient client;
    private final String responseTopic;
    private final List<Reply> replies = new CopyOnWriteArrayList<>();

    private MqttRequester(MqttClient client, String responseTopic) {
        this.client = client;
        this.responseTopic = responseTopic;
    }

    /** Connects and subscribes to a response topic of its own. */
    public static MqttRequester connect(String brokerUrl) throws MqttException {
        String id = UUID.randomUUID().toString();
        MqttClient client = new MqttClient(brokerUrl, "requester-" + id, new MemoryPersistence());
        MqttRequester requester = new MqttRequester(client, "test/replies/" + id);
        client.setCallback(requester.new Callback());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        client.connect(options);
        client.subscribe(requester.responseTopic, 1);
        return requester;
    }

    /** Publishes a command (QoS 1) asking for a reply tagged with {@code correlation}. */
    public void send(String topic, String payload, String correlation) throws MqttException {
        MqttProperties properties = new MqttProperties();
        properties.setResponseTopic(responseTopic);
        properties.setCorrelationData(correlation.getBytes(StandardCharsets.UTF_8));
        publish(topic, payload.getBytes(StandardCharsets.UTF_8), properties);
    }

    /** Publishes a command without a response topic. */
    public void sendWithoutResponseTopic(String topic, String payload) throws MqttException {
        publish(topic, payload.getBytes(StandardCharsets.UTF_8), new MqttProperties());
    }

    /** Publishes raw bytes as a command with a response topic. */
    public void sendBytes(String topic, byte[] payload, String correlation) throws MqttException {
        MqttProperties properties = new MqttProperties();
        properties.setResponseTopic(responseTopic);
        properties.setCorrelationData(correlation.getBytes(StandardCharsets.UTF_8));
        publish(topic, payload, properties);
    }

    /** All replies so far, in arrival order. */
    public List<Reply> replies() {
        return List.copyOf(replies);
    }

    /** The reply tagged with this correlation data, or null if none has come yet. */
    public Reply reply(String correlation) {
        return replies.stream().filter(r -> correlation.equals(r.correlation())).findFirst().orElse(null);
    }

    @Override
    public void close() throws MqttException {
        try {
            if (client.isConnected()) {
                client.disconnect();
            }
        } finally {
            client.close();
        }
    }

    private void publish(String topic, byte[] payload, MqttProperties properties) throws MqttException {
        MqttMessage message = new MqttMessage(payload);
        message.setQos(1);
        message.setProperties(properties);
        client.publish(topic, message);
    }

    private final class Callback implements MqttCallback {
        @Override
        public void messageArrived(String topic, MqttMessage message) {
            String payload = new String(message.getPayload(), StandardCharsets.UTF_8);
            JsonNode json;
            try {
                json = JSON.readTree(payload);
            } catch (IOException e) {
                json = null;
            }
            MqttProperties p = message.getProperties();
            byte[] correlation = p == null ? null : p.getCorrelationData();
            replies.add(new Reply(correlation == null ? null : new String(correlation, StandardCharsets.UTF_8),
                    payload, json, p == null ? null : p.getContentType()));
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
        }
    }
}
