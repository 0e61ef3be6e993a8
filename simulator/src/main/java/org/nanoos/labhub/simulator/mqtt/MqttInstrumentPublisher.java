package org.nanoos.labhub.simulator.mqtt;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.eclipse.paho.mqttv5.client.DisconnectedBufferOptions;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.util.MqttTopicValidator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes one instrument's readings to an MQTT 5 broker with the Eclipse Paho client: QoS 1, topic
 * {@code lab/<instrumentId>/<quantity path>}, payload in the hub's JSON ({@link HubJson}), content type
 * {@code application/json}. Reconnects by itself, resumes its session (clean start off, one hour session expiry) and
 * buffers up to {@value #BUFFER_SIZE} readings while the broker is away; readings published before the very first
 * connection are dropped and counted.
 *
 * <p>An instrument with a control interface also {@link #subscribe subscribes} to its command topic on the same
 * connection and {@link #publishJson publishes} replies and run states outside {@code lab/}, so that a run's final
 * state reaches the broker after the last of its readings.
 *
 * <pre>{@code
 * try (var publisher = new MqttInstrumentPublisher("tcp://localhost:1883", "labhub-sim-cvd-1", "cvd-1")) {
 *     publisher.connect(Duration.ofSeconds(10));
 *     publisher.publishScalar("chamber/temperature", "cvd-1-abc-1-1", Instant.now(), 620.1, "Cel");
 * }
 * }</pre>
 */
public final class MqttInstrumentPublisher implements AutoCloseable {

    /** MQTT 5 content type of every payload: the hub's own JSON. */
    public static final String CONTENT_TYPE = "application/json";
    /** Quality of service of every publication: at least once. */
    public static final int QOS = 1;
    /** Readings kept while disconnected; the oldest are dropped beyond this. */
    public static final int BUFFER_SIZE = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(MqttInstrumentPublisher.class);
    /** Instrument ids the hub accepts in topics: a letter or digit, then letters, digits, {@code _ . -}. */
    private static final Pattern INSTRUMENT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    private static final Pattern QUANTITY_PATH = Pattern.compile("[A-Za-z0-9_-]{1,64}(/[A-Za-z0-9_-]{1,64}){0,7}");
    private static final long SESSION_EXPIRY_S = 3600;
    private static final long WINDOW_WAIT_MS = 5_000;
    private static final long MAX_RETRY_DELAY_MS = 30_000;

    private final String brokerUrl;
    private final String clientId;
    private final String instrumentId;
    private final String topicPrefix;
    private final MqttAsyncClient client;
    private final MqttConnectionOptions connectionOptions;
    private final Object window = new Object();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean everConnected = new AtomicBoolean();
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final Map<String, Consumer<InboundMessage>> subscriptions = new ConcurrentHashMap<>();
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService retries;

    /**
     * A publisher for one instrument; nothing is connected yet.
     *
     * @param brokerUrl    e.g. {@code tcp://localhost:1883} or {@code ssl://broker:8883}
     * @param clientId     MQTT client id; keep it stable so that the broker can resume the session
     * @param instrumentId the second topic level, e.g. {@code cvd-1}
     * @throws IllegalArgumentException on a malformed URL or an instrument id the hub would refuse
     */
    public MqttInstrumentPublisher(String brokerUrl, String clientId, String instrumentId) {
        this.brokerUrl = Objects.requireNonNull(brokerUrl, "brokerUrl");
        this.clientId = Objects.requireNonNull(clientId, "clientId");
        this.instrumentId = Objects.requireNonNull(instrumentId, "instrumentId");
        if (!INSTRUMENT_ID.matcher(instrumentId).matches() || "jobs".equals(instrumentId)) {
            throw new IllegalArgumentException("'" + instrumentId
                    + "' is not an instrument id the hub accepts (letters, digits, _ . -, at most 64, not 'jobs')");
        }
        this.topicPrefix = "lab/" + instrumentId + "/";
        try {
            this.client = new MqttAsyncClient(brokerUrl, clientId, new MemoryPersistence());
        } catch (MqttException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot create an MQTT client for " + brokerUrl + ": " + e.getMessage(), e);
        }
        DisconnectedBufferOptions buffer = new DisconnectedBufferOptions();
        buffer.setBufferEnabled(true);
        buffer.setBufferSize(BUFFER_SIZE);
        buffer.setDeleteOldestMessages(true);
        buffer.setPersistBuffer(false);
        client.setBufferOpts(buffer);
        client.setCallback(new Callback());
        connectionOptions = new MqttConnectionOptions();
        connectionOptions.setCleanStart(false);
        connectionOptions.setSessionExpiryInterval(SESSION_EXPIRY_S);
        connectionOptions.setAutomaticReconnect(true);
        connectionOptions.setAutomaticReconnectDelay(1, 30);
        connectionOptions.setKeepAliveInterval(30);
        connectionOptions.setConnectionTimeout(10);
    }

    /**
     * Connects and waits for the broker's answer.
     *
     * @throws BrokerConnectionException if the broker cannot be reached or refuses within the timeout
     */
    public void connect(Duration timeout) {
        try {
            client.connect(connectionOptions).waitForCompletion(timeout.toMillis());
            everConnected.set(true);
        } catch (MqttException e) {
            throw new BrokerConnectionException("cannot connect to MQTT broker " + brokerUrl + " as '" + clientId + "': "
                    + e.getMessage(), e);
        }
    }

    /**
     * Starts connecting without waiting, and keeps retrying (1 s, doubling to 30 s) until the first connection
     * succeeds; from then on the client reconnects by itself.
     */
    public synchronized void connectInBackground() {
        if (retries == null) {
            retries = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "mqtt-connect-" + clientId);
                t.setDaemon(true);
                return t;
            });
            retries.execute(() -> attemptConnect(1_000));
        }
    }

    /** Waits until connected; false if the timeout passed first. */
    public boolean awaitConnected(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (window) {
            while (!client.isConnected()) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return false;
                }
                window.wait(Math.min(left, 100));
            }
        }
        return true;
    }

    /**
     * Waits until connected and every {@link #subscribe subscription} has been acknowledged by the broker, so that
     * commands published from now on reach the handler; false if the timeout passed first.
     */
    public boolean awaitSubscribed(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (window) {
            while (!client.isConnected() || !acknowledged.containsAll(subscriptions.keySet())) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return false;
                }
                window.wait(Math.min(left, 100));
            }
        }
        return true;
    }

    /** Whether the client is connected right now. */
    public boolean isConnected() {
        return client.isConnected();
    }

    /** The full topic for a quantity path, e.g. {@code chamber/temperature} → {@code lab/cvd-1/chamber/temperature}. */
    public String topic(String quantityPath) {
        if (!QUANTITY_PATH.matcher(quantityPath).matches()) {
            throw new IllegalArgumentException("'" + quantityPath
                    + "' is not a quantity path (1 to 8 levels of letters, digits, _ -, separated by /)");
        }
        return topicPrefix + quantityPath;
    }

    /**
     * Publishes a scalar reading; returns false if it was dropped (never connected, or the send window stayed full).
     */
    public boolean publishScalar(String quantityPath, String readingId, Instant time, double value, String unit) {
        return publish(topic(quantityPath), HubJson.scalar(readingId, time, value, unit));
    }

    /** Publishes a series reading (x and y of equal length); returns false if it was dropped. */
    public boolean publishSeries(String quantityPath, String readingId, Instant time, String xUnit, double[] x,
                                 String yUnit, double[] y) {
        return publish(topic(quantityPath), HubJson.series(readingId, time, xUnit, x, yUnit, y));
    }

    /**
     * Publishes a JSON payload (QoS 1, content type {@code application/json}) on any topic, e.g. a reply on a
     * command's response topic or a retained run state; returns false if it was dropped.
     *
     * @param correlationData MQTT 5 correlation data to send along, or null
     * @throws IllegalArgumentException if the topic is empty or holds a wildcard
     */
    public boolean publishJson(String topic, byte[] payload, boolean retained, byte[] correlationData) {
        MqttTopicValidator.validate(Objects.requireNonNull(topic, "topic"), false, true);
        return publish(topic, payload, retained, correlationData);
    }

    /**
     * Subscribes at QoS 1 to a topic filter, now if connected and again after every (re)connection; retained
     * messages are not delivered (retain handling 2), so an old command left on the broker never runs again.
     * The handler runs on the MQTT client's callback thread and must return promptly without publishing from that
     * thread: a publication waiting for the send window would wait for acknowledgements only that thread delivers.
     *
     * @throws IllegalArgumentException if the filter is not a valid topic filter
     */
    public void subscribe(String topicFilter, Consumer<InboundMessage> handler) {
        MqttTopicValidator.validate(Objects.requireNonNull(topicFilter, "topicFilter"), true, true);
        subscriptions.put(topicFilter, Objects.requireNonNull(handler, "handler"));
        if (client.isConnected()) {
            sendSubscribe(topicFilter);
        }
    }

    /** The instrument id of the topics. */
    public String instrumentId() {
        return instrumentId;
    }

    /** Readings handed to the client (sent or buffered). */
    public long publishedCount() {
        return published.get();
    }

    /** Readings the broker has acknowledged (PUBACK). */
    public long deliveredCount() {
        return delivered.get();
    }

    /** Readings dropped without being sent. */
    public long droppedCount() {
        return dropped.get();
    }

    /** Disconnects, giving in-flight readings up to two seconds to be acknowledged, and releases the client. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        synchronized (this) {
            if (retries != null) {
                retries.shutdownNow();
            }
        }
        try {
            if (client.isConnected()) {
                client.disconnect(2_000).waitForCompletion(5_000);
            } else {
                client.disconnectForcibly(0, 1_000, false);
            }
        } catch (MqttException e) {
            LOG.debug("MQTT disconnect of '{}' from {} failed: {}", clientId, brokerUrl, e.getMessage());
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            LOG.debug("closing MQTT client '{}' failed: {}", clientId, e.getMessage());
        }
        LOG.info("MQTT publisher '{}' closed: {} readings published, {} acknowledged, {} dropped", clientId,
                published.get(), delivered.get(), dropped.get());
    }

    private boolean publish(String topic, byte[] payload) {
        return publish(topic, payload, false, null);
    }

    private boolean publish(String topic, byte[] payload, boolean retained, byte[] correlationData) {
        if (closed.get()) {
            throw new IllegalStateException("publisher '" + clientId + "' is closed");
        }
        MqttMessage message = new MqttMessage(payload);
        message.setQos(QOS);
        message.setRetained(retained);
        MqttProperties properties = new MqttProperties();
        properties.setContentType(CONTENT_TYPE);
        properties.setPayloadFormat(true);
        if (correlationData != null) {
            properties.setCorrelationData(correlationData.clone());
        }
        message.setProperties(properties);
        long deadline = System.currentTimeMillis() + WINDOW_WAIT_MS;
        while (true) {
            try {
                client.publish(topic, message);
                published.incrementAndGet();
                return true;
            } catch (MqttException e) {
                if (e.getReasonCode() == MqttClientException.REASON_CODE_MAX_INFLIGHT
                        && System.currentTimeMillis() < deadline && awaitWindow(deadline)) {
                    continue;
                }
                long n = dropped.incrementAndGet();
                if (!everConnected.get()) {
                    if (n == 1 || n % 100 == 0) {
                        LOG.warn("not yet connected to {}: reading on {} dropped ({} so far)", brokerUrl, topic, n);
                    }
                } else {
                    LOG.warn("reading on {} dropped: {}", topic, e.getMessage());
                }
                return false;
            }
        }
    }

    private boolean awaitWindow(long deadline) {
        synchronized (window) {
            long left = deadline - System.currentTimeMillis();
            if (left > 0) {
                try {
                    window.wait(Math.min(left, 50));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return true;
    }

    private void attemptConnect(long delayMs) {
        if (closed.get() || everConnected.get()) {
            return;
        }
        try {
            client.connect(connectionOptions, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    everConnected.set(true);
                }

                @Override
                public void onFailure(IMqttToken token, Throwable failure) {
                    retryLater(delayMs, failure);
                }
            });
        } catch (MqttException e) {
            retryLater(delayMs, e);
        }
    }

    private synchronized void retryLater(long delayMs, Throwable failure) {
        if (closed.get() || retries == null || retries.isShutdown()) {
            return;
        }
        LOG.warn("cannot connect to MQTT broker {} as '{}' ({}); retrying in {} s", brokerUrl, clientId,
                failure.getMessage(), delayMs / 1000.0);
        retries.schedule(() -> attemptConnect(Math.min(2 * delayMs, MAX_RETRY_DELAY_MS)), delayMs,
                TimeUnit.MILLISECONDS);
    }

    private void sendSubscribe(String topicFilter) {
        MqttSubscription subscription = new MqttSubscription(topicFilter, QOS);
        subscription.setRetainHandling(2);
        try {
            client.subscribe(new MqttSubscription[] {subscription}, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    int[] codes = token.getReasonCodes();
                    if (codes != null && codes.length > 0 && codes[0] > QOS) {
                        LOG.warn("MQTT broker {} refused the subscription of '{}' to {} (reason code {})", brokerUrl,
                                clientId, topicFilter, codes[0]);
                    } else {
                        acknowledged.add(topicFilter);
                        LOG.info("MQTT client '{}' subscribed to {}", clientId, topicFilter);
                        signalWindow();
                    }
                }

                @Override
                public void onFailure(IMqttToken token, Throwable failure) {
                    LOG.warn("MQTT client '{}' could not subscribe to {}: {}", clientId, topicFilter,
                            failure.getMessage());
                }
            }, new MqttProperties());
        } catch (MqttException e) {
            LOG.warn("MQTT client '{}' could not subscribe to {}: {}", clientId, topicFilter, e.getMessage());
        }
    }

    private void signalWindow() {
        synchronized (window) {
            window.notifyAll();
        }
    }

    private final class Callback implements MqttCallback {

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            acknowledged.clear();
            String reason = response.getException() != null ? response.getException().getMessage()
                    : "reason code " + response.getReturnCode();
            LOG.warn("MQTT publisher '{}' lost its connection to {} ({}); reconnecting", clientId, brokerUrl, reason);
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            LOG.warn("MQTT error on '{}': {}", clientId, exception.getMessage());
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            MqttProperties p = message.getProperties();
            InboundMessage inbound = new InboundMessage(topic, message.getPayload(),
                    p == null ? null : p.getResponseTopic(), p == null ? null : p.getCorrelationData());
            subscriptions.forEach((filter, handler) -> {
                if (MqttTopicValidator.isMatched(filter, topic)) {
                    try {
                        handler.accept(inbound);
                    } catch (RuntimeException e) {
                        // an exception escaping messageArrived would make Paho drop the connection
                        LOG.error("handling a message on {} failed", topic, e);
                    }
                }
            });
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
            delivered.incrementAndGet();
            signalWindow();
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            everConnected.set(true);
            LOG.info("MQTT publisher '{}' {} to {}", clientId, reconnect ? "reconnected" : "connected", serverUri);
            subscriptions.keySet().forEach(MqttInstrumentPublisher.this::sendSubscribe);
            signalWindow();
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
            // no enhanced authentication
        }
    }
}
