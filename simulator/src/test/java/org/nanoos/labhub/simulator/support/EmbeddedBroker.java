package org.nanoos.labhub.simulator.support;

import com.hivemq.embedded.EmbeddedHiveMQ;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A real MQTT 5 broker for tests: HiveMQ Community Edition, embedded, on a free loopback port. */
public final class EmbeddedBroker implements AutoCloseable {

    private final Path root;
    private final int port;
    private EmbeddedHiveMQ hivemq;

    private EmbeddedBroker(Path root, int port) {
        this.root = root;
        this.port = port;
    }

    /** Starts a broker with its configuration, data and extensions under {@code dir}. */
    public static EmbeddedBroker start(Path dir, int serverReceiveMaximum) throws Exception {
        EmbeddedBroker broker = new EmbeddedBroker(dir, freePort());
        Path conf = Files.createDirectories(dir.resolve("conf"));
        Files.createDirectories(dir.resolve("data"));
        Files.createDirectories(dir.resolve("extensions"));
        Files.writeString(conf.resolve("config.xml"), """
                <?xml version="1.0"?>
                <hivemq>
                  <listeners>
                    <tcp-listener>
                      <port>%d</port>
                      <bind-address>127.0.0.1</bind-address>
                    </tcp-listener>
                  </listeners>
                  <mqtt>
                    <!-- HiveMQ discards QoS 1 messages beyond 1000 queued per subscriber by default; a test
                         subscriber reading a fast burst needs a deeper queue -->
                    <queued-messages>
                      <max-queue-size>100000</max-queue-size>
                    </queued-messages>
                    <receive-maximum>
                      <server-receive-maximum>%d</server-receive-maximum>
                    </receive-maximum>
                  </mqtt>
                  <anonymous-usage-statistics>
                    <enabled>false</enabled>
                  </anonymous-usage-statistics>
                </hivemq>
                """.formatted(broker.port, serverReceiveMaximum));
        broker.startHiveMq();
        return broker;
    }

    /** {@code tcp://127.0.0.1:<port>}. */
    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    /** Stops the broker, keeping its data folder (sessions survive a {@link #restart()}). */
    public void stop() throws Exception {
        if (hivemq != null) {
            hivemq.stop().get(60, TimeUnit.SECONDS);
            hivemq.close();
            hivemq = null;
        }
    }

    /** Starts a broker again on the same port and folders. */
    public void restart() throws Exception {
        stop();
        startHiveMq();
    }

    @Override
    public void close() throws Exception {
        stop();
    }

    private void startHiveMq() throws Exception {
        hivemq = EmbeddedHiveMQ.builder()
                .withConfigurationFolder(root.resolve("conf"))
                .withDataFolder(root.resolve("data"))
                .withExtensionsFolder(root.resolve("extensions"))
                .withoutLoggingBootstrap()
                .build();
        hivemq.start().get(60, TimeUnit.SECONDS);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
