package org.nanoos.labhub.connectors.mqtt;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MqttDefaultFilePersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's ingest connection: a Paho MQTT 5 client that connects only when its consumer subscribes, with a
 * persistent session and manual acknowledgements, handed to camel-paho-mqtt5 as its {@code client}.
 *
 * <p>Why not let camel-paho-mqtt5 connect: its consumer connects first and installs its callback afterwards, so
 * messages the broker kept for a persistent session, which arrive right after CONNACK, can reach a client with
 * no callback and are dropped (or, with auto-ack, acknowledged and lost). Connecting on the first
 * {@code subscribe} — after the consumer has installed its callback — closes that window. When the broker is not
 * there at start-up the hub still starts; the client keeps trying in the background and subscribes once connected.
 *
 * <p>Manual acknowledgement is on: the consumer acknowledges a message when its exchange completes, which the
 * batching writer does only after the database commit.
 */
public final class MqttIngestClient extends MqttClient implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MqttIngestClient.class);

    private final MqttConnectionOptions options;
    private final ScheduledExecutorService retry;
    private volatile String pendingTopic;
    private volatile int pendingQos;
    private volatile boolean closed;

    /**
     * @param brokerUrl      e.g. {@code tcp://localhost:1883}
     * @param clientId       fixed per hub instance, so the broker keeps its session across restarts
     * @param persistenceDir directory for Paho's file persistence
     * @param options        connection options; clean start must be off and a session expiry set
     */
    public MqttIngestClient(String brokerUrl, String clientId, String persistenceDir, MqttConnectionOptions options)
            throws MqttException {
        super(brokerUrl, clientId, new MqttDefaultFilePersistence(persistenceDir));
        if (options.isCleanStart()) {
            throw new IllegalArgumentException("the ingest client needs a persistent session: clean start must be off");
        }
        Long expiry = options.getSessionExpiryInterval();
        if (expiry == null || expiry <= 0) {
            throw new IllegalArgumentException("the ingest client needs a session expiry interval > 0");
        }
        if (brokerUrl.startsWith("tcp://") && options.getSocketFactory() == null) {
            options.setSocketFactory(new NoDelaySocketFactory());
        }
        this.options = options;
        setManualAcks(true);
        this.retry = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "labhub-mqtt-connect");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Persistent-session connection options as the hub uses them.
     *
     * @param sessionExpirySeconds how long the broker keeps the session (and queues QoS 1 messages) while the hub is away
     * @param receiveMaximum       unacknowledged messages the broker may have in flight to the hub
     */
    public static MqttConnectionOptions persistentSessionOptions(long sessionExpirySeconds, int receiveMaximum,
            String userName, String password) {
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(false);
        o.setSessionExpiryInterval(sessionExpirySeconds);
        o.setAutomaticReconnect(true);
        o.setAutomaticReconnectDelay(1, 30);
        o.setKeepAliveInterval(30);
        o.setConnectionTimeout(10);
        o.setReceiveMaximum(receiveMaximum);
        if (userName != null && !userName.isBlank()) {
            o.setUserName(userName);
        }
        if (password != null && !password.isEmpty()) {
            o.setPassword(password.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return o;
    }

    @Override
    public IMqttToken subscribe(String topicFilter, int qos) throws MqttException {
        if (isConnected()) {
            // camel-paho-mqtt5 re-subscribes from Paho's connectComplete callback after an automatic reconnect. A
            // blocking subscribe there waits for a SUBACK that the same callback thread would have to deliver: the
            // client stalls until it stops. The persistent session keeps the subscription anyway; renew it off
            // that thread.
            retry.execute(() -> resubscribe(topicFilter, qos));
            return null;
        }
        pendingTopic = topicFilter;
        pendingQos = qos;
        try {
            super.connect(options);
            LOG.info("Connected to MQTT broker {} as {} (persistent session)", getServerURI(), getClientId());
            return super.subscribe(topicFilter, qos);
        } catch (MqttException e) {
            LOG.warn("MQTT broker {} not reachable ({}); the hub keeps trying in the background", getServerURI(),
                    e.getMessage());
            retry.schedule(this::connectInBackground, 2, TimeUnit.SECONDS);
            return null;
        }
    }

    private void resubscribe(String topicFilter, int qos) {
        try {
            super.subscribe(topicFilter, qos);
        } catch (MqttException e) {
            LOG.warn("Renewing the subscription to {} failed: {}", topicFilter, e.getMessage());
        }
    }

    private void connectInBackground() {
        if (closed || isConnected()) {
            return;
        }
        try {
            super.connect(options);
            super.subscribe(pendingTopic, pendingQos);
            LOG.info("Connected to MQTT broker {} as {} and subscribed to {}", getServerURI(), getClientId(), pendingTopic);
        } catch (MqttException e) {
            LOG.debug("MQTT broker {} still not reachable: {}", getServerURI(), e.getMessage());
            retry.schedule(this::connectInBackground, 5, TimeUnit.SECONDS);
        }
    }

    /** Disconnects (keeping the session on the broker) and releases the client. */
    @Override
    public void close() throws MqttException {
        closed = true;
        retry.shutdownNow();
        try {
            if (isConnected()) {
                disconnect(2000);
            }
        } finally {
            super.close();
        }
    }
}
