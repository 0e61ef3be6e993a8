package org.nanoos.labhub.simulator.mqtt;

/**
 * A message that arrived on a {@link MqttInstrumentPublisher#subscribe subscription}: its topic, its payload and the
 * MQTT 5 request/response properties a reply needs.
 *
 * @param topic           the topic it was published on
 * @param payload         the payload bytes (the array is the client's; do not change it)
 * @param responseTopic   MQTT 5 Response Topic, or null if the sender expects no reply
 * @param correlationData MQTT 5 Correlation Data to copy into the reply, or null
 */
public record InboundMessage(String topic, byte[] payload, String responseTopic, byte[] correlationData) {
}
