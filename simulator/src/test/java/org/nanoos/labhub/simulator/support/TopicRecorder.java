package org.nanoos.labhub.simulator.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
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

/** A Paho MQTT 5 subscriber that records every message arriving on a topic filter, for assertions. */
public final class TopicRecorder implements AutoCloseable {

    /** One received message with its payload parsed as JSON. */
    public record Received(String topic, int qos, String contentType, String payload, JsonNode json,
                           boolean retained) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MqttClient client;
    private final MqttConnectionOptions options;
    private final List<Received> messages = new CopyOnWriteArrayList<>();
    private final List<String> unparsable = new CopyOnWriteArrayList<>();

    private TopicRecorder(MqttClient client, MqttConnectionOptions options) {
        this.client = client;
        this.options = options;
    }

    /** Connects a recorder subscribed at QoS 1 to {@code filter} (e.g. {@code lab/cvd-1/#}). */
    public static TopicRecorder subscribe(String brokerUrl, String filter) throws MqttException {
        return subscribe(brokerUrl, filter, false);
    }

    /**
     * Connects a recorder subscribed at QoS 1 to {@code filter}; with a persistent session the broker keeps its
     * subscription and queues messages while it is away (see {@link #reconnect()}).
     */
    public static TopicRecorder subscribe(String brokerUrl, String filter, boolean persistentSession)
            throws MqttException {
        MqttClient client = new MqttClient(brokerUrl, "recorder-" + UUID.randomUUID(), new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(!persistentSession);
        if (persistentSession) {
            options.setSessionExpiryInterval(3600L);
        }
        options.setReceiveMaximum(65_535);
        TopicRecorder recorder = new TopicRecorder(client, options);
        client.setCallback(recorder.new Callback());
        client.connect(options);
        client.subscribe(filter, 1);
        return recorder;
    }

    /** Connects a recorder subscribed at QoS 1 to several filters; {@link #all()} keeps their arrival order. */
    public static TopicRecorder subscribe(String brokerUrl, List<String> filters) throws MqttException {
        TopicRecorder recorder = subscribe(brokerUrl, filters.get(0), false);
        for (String filter : filters.subList(1, filters.size())) {
            recorder.client.subscribe(filter, 1);
        }
        return recorder;
    }

    /** Connects again after the broker went away, resuming the session. */
    public void reconnect() throws MqttException {
        if (!client.isConnected()) {
            options.setCleanStart(false);
            client.connect(options);
        }
    }

    /** Whether the recorder is connected. */
    public boolean isConnected() {
        return client.isConnected();
    }

    /** Everything received so far. */
    public List<Received> all() {
        return List.copyOf(messages);
    }

    /** Messages received on exactly this topic. */
    public List<Received> on(String topic) {
        return messages.stream().filter(m -> m.topic().equals(topic)).toList();
    }

    /** Payloads that were not valid JSON. */
    public List<String> unparsable() {
        return List.copyOf(unparsable);
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

    private final class Callback implements MqttCallback {
        @Override
        public void messageArrived(String topic, MqttMessage message) {
            String payload = new String(message.getPayload(), java.nio.charset.StandardCharsets.UTF_8);
            JsonNode json = null;
            try {
                json = JSON.readTree(payload);
            } catch (IOException e) {
                unparsable.add(payload);
            }
            MqttProperties p = message.getProperties();
            messages.add(new Received(topic, message.getQos(), p == null ? null : p.getContentType(), payload, json,
                    message.isRetained()));
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
