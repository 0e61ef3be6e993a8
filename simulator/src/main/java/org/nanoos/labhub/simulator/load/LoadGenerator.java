package org.nanoos.labhub.simulator.load;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.nanoos.labhub.simulator.mqtt.BrokerConnectionException;
import org.nanoos.labhub.simulator.mqtt.HubJson;
import org.nanoos.labhub.simulator.mqtt.MqttInstrumentPublisher;

/**
 * Publishes N scalar readings in the hub's JSON at QoS 1 as fast as the broker acknowledges them, spread round-robin
 * over T topics {@code lab/<instrument>/channel/<k>/temperature} of one or more instruments, keeping at most a window
 * of unacknowledged messages in flight (bounded also by the broker's MQTT 5 Receive Maximum). Each reading has a
 * unique id; the time measured runs from the first publish to the last acknowledgement.
 *
 * <pre>
 * java -cp simulator/target/labhub-simulator-0.1.0-SNAPSHOT-all.jar org.nanoos.labhub.simulator.load.LoadGenerator \
 *      --broker tcp://localhost:1883 --count 100000 --topics 100 --instruments 2 --inflight 1000
 * </pre>
 */
public final class LoadGenerator {

    private final Settings settings;

    /**
     * What to publish.
     *
     * @param brokerUrl          MQTT broker, e.g. {@code tcp://localhost:1883}
     * @param clientId           MQTT client id
     * @param instrumentIds      instruments to spread the readings over
     * @param topicsPerInstrument channels per instrument; topics = instruments × channels
     * @param count              readings to publish
     * @param maxInFlight        largest number of unacknowledged readings (the broker may impose fewer)
     */
    public record Settings(String brokerUrl, String clientId, List<String> instrumentIds, int topicsPerInstrument,
                           long count, int maxInFlight) {

        /** Checks for at least one instrument and topic, a count of at least 0 and a window in [1, 65535]. */
        public Settings {
            Objects.requireNonNull(brokerUrl, "brokerUrl");
            Objects.requireNonNull(clientId, "clientId");
            instrumentIds = List.copyOf(instrumentIds);
            if (instrumentIds.isEmpty() || topicsPerInstrument < 1 || count < 0 || maxInFlight < 1
                    || maxInFlight > 65_535) {
                throw new IllegalArgumentException("need at least one instrument and topic, a count >= 0 and an "
                        + "in-flight window in [1, 65535]");
            }
        }

        /** {@code count} readings over 10 channels of instrument {@code load-1}, window 1,000. */
        public static Settings of(String brokerUrl, long count) {
            return new Settings(brokerUrl, "labhub-load-" + Long.toString(System.nanoTime(), 36), List.of("load-1"),
                    10, count, 1_000);
        }
    }

    /**
     * The outcome of a run.
     *
     * @param published      readings acknowledged by the broker
     * @param failed         readings the client reported as failed
     * @param elapsed        first publish to last acknowledgement
     * @param effectiveWindow in-flight window used: min(requested, broker's Receive Maximum)
     */
    public record Result(long published, long failed, Duration elapsed, int effectiveWindow) {

        /** Acknowledged readings per second. */
        public double messagesPerSecond() {
            double seconds = elapsed.toNanos() / 1e9;
            return seconds > 0 ? published / seconds : 0.0;
        }

        /** The summary line, e.g. {@code published 100000 readings in 3.21 s (31152 msg/s)}. */
        public String summary() {
            return String.format(java.util.Locale.ROOT, "published %d readings in %.2f s (%.0f msg/s)", published,
                    elapsed.toNanos() / 1e9, messagesPerSecond());
        }
    }

    /** A generator for these settings; nothing is connected until {@link #run()}. */
    public LoadGenerator(Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * Connects, publishes all readings, waits for their acknowledgements and disconnects.
     *
     * @throws BrokerConnectionException if the broker cannot be reached
     */
    public Result run() throws InterruptedException {
        MqttAsyncClient client;
        try {
            client = new MqttAsyncClient(settings.brokerUrl(), settings.clientId(), new MemoryPersistence());
        } catch (MqttException e) {
            throw new IllegalArgumentException("cannot create an MQTT client for " + settings.brokerUrl(), e);
        }
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        options.setKeepAliveInterval(30);
        options.setConnectionTimeout(10);
        int window;
        try {
            IMqttToken token = client.connect(options);
            token.waitForCompletion(15_000);
            Integer receiveMaximum = token.getResponseProperties() == null ? null
                    : token.getResponseProperties().getReceiveMaximum();
            window = Math.min(settings.maxInFlight(), receiveMaximum == null ? 65_535 : receiveMaximum);
        } catch (MqttException e) {
            throw new BrokerConnectionException("cannot connect to MQTT broker " + settings.brokerUrl() + ": "
                    + e.getMessage(), e);
        }
        try {
            return publishAll(client, window);
        } finally {
            try {
                client.disconnect(5_000).waitForCompletion(10_000);
                client.close();
            } catch (MqttException e) {
                // the run is over; a failed goodbye does not change its result
            }
        }
    }

    private Result publishAll(MqttAsyncClient client, int window) throws InterruptedException {
        String[] topics = topics();
        Semaphore permits = new Semaphore(window);
        AtomicLong acked = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        MqttActionListener onAck = new MqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                acked.incrementAndGet();
                permits.release();
            }

            @Override
            public void onFailure(IMqttToken token, Throwable exception) {
                failed.incrementAndGet();
                permits.release();
            }
        };
        String idPrefix = settings.clientId() + "-";
        StringBuilder sb = new StringBuilder(160);
        StringBuilder id = new StringBuilder(64);
        long cachedMillis = Long.MIN_VALUE;
        String time = null;
        long start = System.nanoTime();
        for (long i = 0; i < settings.count(); i++) {
            permits.acquire();
            long millis = System.currentTimeMillis();
            if (millis != cachedMillis) {
                cachedMillis = millis;
                time = HubJson.isoTime(Instant.ofEpochMilli(millis));
            }
            id.setLength(0);
            id.append(idPrefix).append(i);
            sb.setLength(0);
            // a room-temperature sensor reading with a millikelvin ripple: 293.150 K … 293.249 K
            HubJson.appendScalar(sb, id, time, 293.15 + (i % 100) * 1e-3, "K");
            MqttMessage message = new MqttMessage(HubJson.utf8(sb));
            message.setQos(MqttInstrumentPublisher.QOS);
            // one properties object per message: Paho writes the topic alias into it
            MqttProperties properties = new MqttProperties();
            properties.setContentType(MqttInstrumentPublisher.CONTENT_TYPE);
            properties.setPayloadFormat(true);
            message.setProperties(properties);
            send(client, topics[(int) (i % topics.length)], message, onAck);
        }
        if (!permits.tryAcquire(window, 60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("broker did not acknowledge the last " + window + " readings within 60 s");
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        return new Result(acked.get(), failed.get(), elapsed, window);
    }

    private static void send(MqttAsyncClient client, String topic, MqttMessage message, MqttActionListener onAck) {
        while (true) {
            try {
                client.publish(topic, message, null, onAck);
                return;
            } catch (MqttException e) {
                if (e.getReasonCode() != MqttClientException.REASON_CODE_MAX_INFLIGHT) {
                    throw new BrokerConnectionException("publish to " + topic + " failed: " + e.getMessage(), e);
                }
                // the client frees its window slot just after our acknowledgement callback: retry shortly
                LockSupport.parkNanos(20_000);
            }
        }
    }

    private String[] topics() {
        List<String> topics = new ArrayList<>();
        for (String instrument : settings.instrumentIds()) {
            for (int k = 0; k < settings.topicsPerInstrument(); k++) {
                topics.add("lab/" + instrument + "/channel/" + k + "/temperature");
            }
        }
        return topics.toArray(String[]::new);
    }

    /** Runs a load test from the command line and prints {@code published N readings in X s (Y msg/s)}. */
    public static void main(String[] args) throws InterruptedException {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "logback-simulator.xml");
        }
        String broker = "tcp://localhost:1883";
        long count = 100_000;
        int topics = 10;
        int instruments = 1;
        int inFlight = 1_000;
        String clientId = "labhub-load-" + Long.toString(System.currentTimeMillis(), 36);
        for (int i = 0; i + 1 < args.length; i += 2) {
            String value = args[i + 1];
            switch (args[i]) {
                case "--broker" -> broker = value;
                case "--count" -> count = Long.parseLong(value);
                case "--topics" -> topics = Integer.parseInt(value);
                case "--instruments" -> instruments = Integer.parseInt(value);
                case "--inflight" -> inFlight = Integer.parseInt(value);
                case "--client-id" -> clientId = value;
                default -> {
                    System.err.println("unknown option " + args[i] + "; options: --broker --count --topics "
                            + "--instruments --inflight --client-id");
                    System.exit(2);
                }
            }
        }
        List<String> ids = new ArrayList<>();
        for (int k = 1; k <= instruments; k++) {
            ids.add("load-" + k);
        }
        Result result = new LoadGenerator(new Settings(broker, clientId, ids, topics, count, inFlight)).run();
        System.out.println(result.summary() + ", in-flight window " + result.effectiveWindow()
                + (result.failed() > 0 ? ", " + result.failed() + " failed" : ""));
    }
}
