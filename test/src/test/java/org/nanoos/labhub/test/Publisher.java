package org.nanoos.labhub.test;

import java.nio.charset.StandardCharsets;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/** An instrument as the tests play it: a Paho MQTT 5 client publishing at QoS 1. */
final class Publisher implements AutoCloseable {

    private final MqttClient client;

    Publisher(String brokerUrl, String clientId) throws MqttException {
        client = new MqttClient(brokerUrl, clientId, new MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(true);
        client.connect(o);
    }

    void publish(String topic, String payload) throws MqttException {
        publish(topic, payload.getBytes(StandardCharsets.UTF_8), null);
    }

    void publish(String topic, byte[] payload, String contentType) throws MqttException {
        MqttMessage m = new MqttMessage(payload);
        m.setQos(1);
        if (contentType != null) {
            MqttProperties p = new MqttProperties();
            p.setContentType(contentType);
            m.setProperties(p);
        }
        client.publish(topic, m);
    }

    @Override
    public void close() throws MqttException {
        client.disconnect();
        client.close();
    }
}
