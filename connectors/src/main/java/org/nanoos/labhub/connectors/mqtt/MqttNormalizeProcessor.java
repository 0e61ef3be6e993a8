package org.nanoos.labhub.connectors.mqtt;

import java.time.Instant;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.nanoos.labhub.processors.normalize.InvalidMeasurementException;
import org.nanoos.labhub.processors.normalize.MeasurementNormalizer;
import org.nanoos.labhub.processors.store.IngestHeaders;

/**
 * Turns an MQTT message from camel-paho-mqtt5 into an {@code IngestMessage}: the topic gives the instrument and
 * quantity, the MQTT 5 content type chooses between the hub's JSON and SenML, the payload is normalized. Sets the
 * source headers first, so that a message that fails normalization is dead-lettered with where it came from.
 */
public final class MqttNormalizeProcessor implements Processor {

    /** Header camel-paho-mqtt5 puts the topic in. */
    public static final String TOPIC_HEADER = "CamelMqttTopic";
    /** Header camel-paho-mqtt5 puts the MQTT 5 properties in. */
    public static final String PROPERTIES_HEADER = "CamelPahoMqtt5Properties";

    private final MeasurementNormalizer normalizer;

    public MqttNormalizeProcessor(MeasurementNormalizer normalizer) {
        this.normalizer = normalizer;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message in = exchange.getMessage();
        String topic = in.getHeader(TOPIC_HEADER, String.class);
        byte[] raw = in.getBody(byte[].class);
        if (raw == null) {
            raw = new byte[0];
        }
        String source = "mqtt:" + topic;
        Instant receivedAt = Instant.now();
        in.setHeader(IngestHeaders.SOURCE, source);
        in.setHeader(IngestHeaders.SOURCE_ADDRESS, topic);
        in.setHeader(IngestHeaders.RECEIVED_AT, receivedAt);
        MqttTopicScheme.Address address;
        try {
            address = MqttTopicScheme.parse(topic);
        } catch (IllegalArgumentException e) {
            throw new InvalidMeasurementException(e.getMessage());
        }
        String contentType = null;
        if (in.getHeader(PROPERTIES_HEADER) instanceof MqttProperties p) {
            contentType = p.getContentType();
        }
        in.setBody(normalizer.normalize(source, topic, address.instrumentId(), address.quantityPath(), contentType, raw,
                receivedAt));
    }
}
