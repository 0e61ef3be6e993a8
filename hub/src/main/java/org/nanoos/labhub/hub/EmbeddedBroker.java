package org.nanoos.labhub.hub;

import com.hivemq.configuration.service.InternalConfigurations;
import com.hivemq.embedded.EmbeddedHiveMQ;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An MQTT 5 broker (HiveMQ Community Edition, embedded) for when no broker is configured: listens on a loopback
 * address only, keeps sessions and queued messages on disk under its data directory, so a hub restart loses
 * nothing published meanwhile. It accepts any client, which is why it never listens beyond loopback; a site
 * broker with authentication is configured with {@code LABHUB_MQTT_URL}.
 */
public final class EmbeddedBroker extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);
    /**
     * Brokers running in this JVM. HiveMQ numbers stored payloads with a JVM-wide counter
     * ({@code PUBLISH.PUBLISH_COUNTER}) that each starting broker sets from its own store, so a second broker started
     * beside a running one can make the first hand out ids it already used: later messages are then delivered with
     * the payloads of earlier ones. The hub runs one; tests that need more run them in JVMs of their own.
     */
    private static final java.util.concurrent.atomic.AtomicInteger RUNNING =
            new java.util.concurrent.atomic.AtomicInteger();

    /** QoS 1 messages the broker keeps for one absent client before it discards. */
    public static final int MAX_QUEUED_PER_CLIENT = 5_000_000;

    /** Default of unacknowledged messages the broker sends one client before waiting for acknowledgements. */
    public static final int DEFAULT_INFLIGHT_WINDOW = 2000;

    private final String bindAddress;
    private final int port;
    private final Path directory;
    private final int inflightWindow;
    private EmbeddedHiveMQ broker;

    public EmbeddedBroker(String bindAddress, int port, Path directory) {
        this(bindAddress, port, directory, DEFAULT_INFLIGHT_WINDOW);
    }

    /**
     * @param inflightWindow unacknowledged messages sent to one client before the broker waits for its
     *                       acknowledgements (HiveMQ's own default is 50)
     */
    public EmbeddedBroker(String bindAddress, int port, Path directory, int inflightWindow) {
        this.bindAddress = bindAddress;
        this.port = port;
        this.directory = directory;
        this.inflightWindow = inflightWindow;
    }

    @Override
    protected void doStart() throws Exception {
        if (RUNNING.get() > 0) {
            LOG.warn("A second embedded MQTT broker starts in this JVM (port {}): HiveMQ shares its payload numbering "
                    + "across the JVM, and the brokers may deliver each other's payloads", port);
        }
        PortCheck.requireFree(bindAddress, port, "the embedded MQTT broker",
                "point the hub at that broker with LABHUB_MQTT_URL, or move this one with LABHUB_MQTT_EMBEDDED_PORT");
        Path conf = Files.createDirectories(directory.resolve("conf"));
        Files.writeString(conf.resolve("config.xml"), """
                <?xml version="1.0"?>
                <hivemq>
                  <listeners>
                    <tcp-listener>
                      <port>%d</port>
                      <bind-address>%s</bind-address>
                    </tcp-listener>
                  </listeners>
                  <mqtt>
                    <packets>
                      <!-- a publisher of anything larger is refused by the broker, and told so; up to this size
                           the hub dead-letters what exceeds labhub.ingest.max-payload-bytes, bytes included -->
                      <max-packet-size>16777216</max-packet-size>
                    </packets>
                    <queued-messages>
                      <!-- HiveMQ's default (1000 per client, then discard) would drop readings while the hub is
                           away; the queue is on disk, so let the session expiry bound it instead -->
                      <max-queue-size>%d</max-queue-size>
                    </queued-messages>
                    <receive-maximum>
                      <!-- unacknowledged QoS 1 publishes one instrument may have in flight (default 10) -->
                      <server-receive-maximum>1000</server-receive-maximum>
                    </receive-maximum>
                  </mqtt>
                  <anonymous-usage-statistics><enabled>false</enabled></anonymous-usage-statistics>
                </hivemq>
                """.formatted(port, bindAddress, MAX_QUEUED_PER_CLIENT));
        // HiveMQ CE sends at most 50 unacknowledged messages to a client (an internal setting with no configuration
        // key). The hub acknowledges after the database commit, so that window, not the database, set the ingest
        // rate: about 3,000 readings/s. Let it match the receive maximum the hub's client announces.
        InternalConfigurations.MAX_INFLIGHT_WINDOW_SIZE_MESSAGES = inflightWindow;
        broker = EmbeddedHiveMQ.builder()
                .withConfigurationFolder(conf)
                .withDataFolder(Files.createDirectories(directory.resolve("data")))
                .withExtensionsFolder(Files.createDirectories(directory.resolve("extensions")))
                .withoutLoggingBootstrap()
                .build();
        // HiveMQ's start future does not always complete when a listener fails, so never wait for ever
        broker.start().get(2, java.util.concurrent.TimeUnit.MINUTES);
        RUNNING.incrementAndGet();
        LOG.info("Embedded MQTT 5 broker on {}:{}, sessions kept in {}", bindAddress, port, directory.toAbsolutePath());
    }

    /** The URL clients use to reach this broker. */
    public String url() {
        return "tcp://" + bindAddress + ":" + port;
    }

    @Override
    protected void doStop() throws Exception {
        if (broker != null) {
            RUNNING.decrementAndGet();
            broker.stop().join();
            broker.close();
            broker = null;
        }
    }
}
