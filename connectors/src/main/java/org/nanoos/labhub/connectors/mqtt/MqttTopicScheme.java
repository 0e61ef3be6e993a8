package org.nanoos.labhub.connectors.mqtt;

import java.util.regex.Pattern;

/**
 * The hub's MQTT topic scheme, {@code lab/<instrumentId>/<quantity path>}: the instrument is the second level,
 * the levels after it name the quantity ({@code lab/cvd-1/chamber/temperature} → instrument {@code cvd-1},
 * quantity {@code chamber.temperature}). A topic without a quantity path ({@code lab/cvd-1}) is allowed for
 * SenML packs, whose record names give the quantities. {@code lab/jobs/…} is the hub's own job-state feed and
 * never an instrument.
 */
public final class MqttTopicScheme {

    /** First level of every instrument topic. */
    public static final String ROOT = "lab";
    /** Second-level name reserved for the hub's own publications. */
    public static final String RESERVED_JOBS = "jobs";

    /** Instrument ids: a letter or digit, then letters, digits, {@code _ . -}; at most 64 characters. */
    public static final Pattern INSTRUMENT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    private static final Pattern QUANTITY_LEVEL = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final int MAX_QUANTITY_LEVELS = 8;

    /**
     * An instrument topic taken apart.
     *
     * @param instrumentId the instrument's id
     * @param quantityPath the quantity levels joined by dots; empty when the topic has none
     */
    public record Address(String instrumentId, String quantityPath) {
    }

    private MqttTopicScheme() {
    }

    /** Whether the topic is one of the hub's own publications ({@code lab/jobs/…}) rather than instrument data. */
    public static boolean isHubTopic(String topic) {
        return topic.startsWith(ROOT + "/" + RESERVED_JOBS + "/");
    }

    /** Whether the topic carries instrument data (everything but the hub's own {@code lab/jobs/…}). */
    public static boolean isInstrumentTopic(String topic) {
        return topic != null && !isHubTopic(topic);
    }

    /**
     * Parses an instrument topic.
     *
     * @throws IllegalArgumentException naming what is wrong with the topic
     */
    public static Address parse(String topic) {
        if (topic == null || topic.isEmpty()) {
            throw new IllegalArgumentException("empty topic");
        }
        String[] levels = topic.split("/", -1);
        if (levels.length < 2 || !ROOT.equals(levels[0])) {
            throw new IllegalArgumentException("topic '" + topic + "' is not of the form lab/<instrumentId>/<quantity path>");
        }
        String instrument = levels[1];
        if (!INSTRUMENT_ID.matcher(instrument).matches() || RESERVED_JOBS.equals(instrument)) {
            throw new IllegalArgumentException("'" + instrument + "' in topic '" + topic
                    + "' is not a valid instrument id (letters, digits, _ . -, at most 64, not 'jobs')");
        }
        if (levels.length - 2 > MAX_QUANTITY_LEVELS) {
            throw new IllegalArgumentException("topic '" + topic + "' has more than " + MAX_QUANTITY_LEVELS + " quantity levels");
        }
        StringBuilder quantity = new StringBuilder();
        for (int i = 2; i < levels.length; i++) {
            if (!QUANTITY_LEVEL.matcher(levels[i]).matches()) {
                throw new IllegalArgumentException("level '" + levels[i] + "' in topic '" + topic
                        + "' is not a valid quantity name (letters, digits, _ -)");
            }
            if (quantity.length() > 0) {
                quantity.append('.');
            }
            quantity.append(levels[i]);
        }
        return new Address(instrument, quantity.toString());
    }
}
