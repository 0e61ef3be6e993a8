package org.nanoos.labhub.connectors.mqtt;

import org.apache.camel.Exchange;
import org.apache.camel.Predicate;

/**
 * Passes MQTT messages that carry instrument data and drops the hub's own publications ({@code lab/jobs/…}),
 * which a {@code lab/#} subscription also receives. Used in the ingest route as {@code filter: ref: …}.
 */
public final class InstrumentTopicFilter implements Predicate {

    @Override
    public boolean matches(Exchange exchange) {
        return MqttTopicScheme.isInstrumentTopic(exchange.getMessage().getHeader(MqttNormalizeProcessor.TOPIC_HEADER,
                String.class));
    }
}
