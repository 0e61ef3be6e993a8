package org.nanoos.labhub.connectors.mqtt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.nanoos.labhub.processors.experiments.ExperimentDriver;
import org.nanoos.labhub.processors.experiments.ExperimentRun;
import org.nanoos.labhub.processors.experiments.InstrumentRefusedException;
import org.nanoos.labhub.processors.experiments.InstrumentRunState;
import org.nanoos.labhub.processors.experiments.InstrumentUnreachableException;
import org.nanoos.labhub.processors.experiments.Observation;
import org.nanoos.labhub.processors.instruments.Instrument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs experiments on MQTT instruments by MQTT 5 request/response. The hub publishes a command (QoS 1) to
 * {@code labhub/instruments/<id>/command} — {@code {"command":"start","run":"<run id>","parameters":{…}}} or
 * {@code {"command":"abort","run":"<run id>"}} — with the Response Topic {@code labhub/instruments/<id>/reply} and
 * the run id as Correlation Data; the instrument answers {@code {"run":…,"accepted":true,"externalId":…}} or
 * {@code {"run":…,"accepted":false,"error":"<reason>"}}, and reports the run on {@code labhub/instruments/<id>/state}
 * (retained, at least every few seconds while it runs): {@code {"run":…,"state":"RUNNING"|"DONE"|"ABORTED"|"FAILED",
 * "progress":0.4,"time":"<ISO-8601>","message":…}}. Command topics lie outside {@code lab/#}, so commands are never
 * taken for measurements.
 *
 * <p>The instrument's data keeps arriving on {@code lab/<id>/…} through the ingest route and is linked to the run by
 * time. A run is as fresh as its last state report: one that stops reporting fails after its silence timeout.
 */
public final class MqttExperimentDriver implements ExperimentDriver, AutoCloseable {

    /** Topic prefix of the command protocol. */
    public static final String PREFIX = "labhub/instruments/";

    private static final Logger LOG = LoggerFactory.getLogger(MqttExperimentDriver.class);

    private final MqttAsyncClient client;
    private final MqttConnectionOptions options;
    private final ObjectMapper json;
    private final Clock clock;
    private final Duration replyTimeout;
    private final Map<String, CompletableFuture<JsonNode>> replies = new ConcurrentHashMap<>();
    private final Map<String, State> states = new ConcurrentHashMap<>();
    private final MqttOutbox outbox;
    private volatile boolean closed;

    /**
     * @param brokerUrl    the broker the instruments listen on
     * @param clientId     this client's id (distinct from the ingest client's)
     * @param replyTimeout how long to wait for an instrument's answer to a command
     */
    public MqttExperimentDriver(String brokerUrl, String clientId, String userName, String password,
            ObjectMapper json, Clock clock, Duration replyTimeout) throws MqttException {
        this.client = new MqttAsyncClient(brokerUrl, clientId, new MemoryPersistence());
        this.json = json;
        this.clock = clock;
        this.replyTimeout = replyTimeout;
        this.options = new MqttConnectionOptions();
        options.setCleanStart(true);
        options.setAutomaticReconnect(true);
        options.setAutomaticReconnectDelay(1, 30);
        options.setKeepAliveInterval(30);
        options.setConnectionTimeout(10);
        if (userName != null && !userName.isBlank()) {
            options.setUserName(userName);
        }
        if (password != null && !password.isEmpty()) {
            options.setPassword(password.getBytes(StandardCharsets.UTF_8));
        }
        client.setCallback(new Callback());
        this.outbox = new MqttOutbox(client, 100_000, Duration.ofSeconds(10));
    }

    /** Connects in the background, trying again every few seconds; commands fail as unreachable until then. */
    public void start() {
        Thread t = new Thread(() -> {
            while (!closed && !client.isConnected()) {
                try {
                    client.connect(options).waitForCompletion(15_000);
                    return;
                } catch (MqttException e) {
                    LOG.warn("Experiment commands: cannot connect to the broker yet: {}", e.getMessage());
                }
                try {
                    Thread.sleep(5000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "labhub-mqtt-commands-connect");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public Instrument.AdapterType adapterType() {
        return Instrument.AdapterType.MQTT;
    }

    @Override
    public String start(Instrument instrument, ExperimentRun run)
            throws InstrumentRefusedException, InstrumentUnreachableException {
        ObjectNode command = json.createObjectNode();
        command.put("command", "start");
        command.put("run", run.id().toString());
        command.set("parameters", run.parameters());
        JsonNode reply = request(instrument, run.id(), command);
        if (!reply.path("accepted").asBoolean(false)) {
            throw new InstrumentRefusedException(reply.path("error").asText("no reason given"));
        }
        String external = reply.path("externalId").asText("");
        return external.isBlank() ? run.id().toString() : external;
    }

    @Override
    public Observation poll(Instrument instrument, ExperimentRun run) throws InstrumentUnreachableException {
        State s = states.get(instrument.id());
        if (s == null || !run.id().toString().equals(s.run())) {
            if (!client.isConnected()) {
                throw new InstrumentUnreachableException("the hub is not connected to the MQTT broker");
            }
            throw new InstrumentUnreachableException("no state report on " + PREFIX + instrument.id() + "/state for "
                    + "run " + run.id() + (s == null ? "" : " (the last one was about run " + s.run() + ")"));
        }
        InstrumentRunState state;
        try {
            state = InstrumentRunState.valueOf(s.state());
        } catch (IllegalArgumentException e) {
            state = InstrumentRunState.RUNNING;
        }
        Instant at = state == InstrumentRunState.RUNNING ? s.receivedAt() : s.time();
        return new Observation(state, s.progress(), at, s.message(), s.results());
    }

    @Override
    public void abort(Instrument instrument, ExperimentRun run)
            throws InstrumentRefusedException, InstrumentUnreachableException {
        ObjectNode command = json.createObjectNode();
        command.put("command", "abort");
        command.put("run", run.id().toString());
        JsonNode reply = request(instrument, run.id(), command);
        if (!reply.path("accepted").asBoolean(false)) {
            throw new InstrumentRefusedException(reply.path("error").asText("no reason given"));
        }
    }

    /**
     * Publishes a message on the hub's command connection (QoS 1), e.g. a job's state on {@code lab/jobs/<id>/state},
     * through an outbox: messages go out in the order given, and one made while the hub is not connected (yet) waits
     * for the connection instead of being dropped. A message whose acknowledgement timed out is sent again, so a
     * subscriber may see it twice (QoS 1 is at least once).
     *
     * @return whether it was queued; {@code false} only when the outbox is full or closed (logged)
     */
    public boolean publish(String topic, byte[] payload, boolean retained) {
        return outbox.offer(topic, payload, retained);
    }

    private JsonNode request(Instrument instrument, UUID runId, ObjectNode command)
            throws InstrumentUnreachableException {
        if (!client.isConnected()) {
            throw new InstrumentUnreachableException("the hub is not connected to the MQTT broker");
        }
        String correlation = runId + "/" + command.get("command").asText() + "/" + UUID.randomUUID();
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        replies.put(correlation, reply);
        try {
            MqttMessage message = new MqttMessage(json.writeValueAsBytes(command));
            message.setQos(1);
            MqttProperties properties = new MqttProperties();
            properties.setResponseTopic(PREFIX + instrument.id() + "/reply");
            properties.setCorrelationData(correlation.getBytes(StandardCharsets.UTF_8));
            properties.setContentType("application/json");
            message.setProperties(properties);
            client.publish(PREFIX + instrument.id() + "/command", message).waitForCompletion(
                    replyTimeout.toMillis());
            return reply.get(replyTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new InstrumentUnreachableException(instrument.id() + " did not answer the " + command.get("command")
                    .asText() + " command within " + replyTimeout.toSeconds() + " s");
        } catch (MqttException | java.io.IOException e) {
            throw new InstrumentUnreachableException("cannot send the command to " + instrument.id() + ": "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InstrumentUnreachableException("interrupted");
        } catch (ExecutionException e) {
            throw new InstrumentUnreachableException(e.getCause().getMessage(), e.getCause());
        } finally {
            replies.remove(correlation);
        }
    }

    @Override
    public void close() throws MqttException {
        closed = true;
        outbox.close(Duration.ofSeconds(5));
        try {
            if (client.isConnected()) {
                client.disconnect().waitForCompletion(5000);
            }
        } finally {
            client.close(true);
        }
    }

    private void subscribe() {
        try {
            client.subscribe(new String[] {PREFIX + "+/reply", PREFIX + "+/state"}, new int[] {1, 1});
        } catch (MqttException e) {
            LOG.warn("Experiment commands: cannot subscribe to replies and states: {}", e.getMessage());
        }
    }

    private void arrived(String topic, MqttMessage message) {
        String rest = topic.substring(PREFIX.length());
        int slash = rest.indexOf('/');
        if (slash < 0) {
            return;
        }
        String instrument = rest.substring(0, slash);
        String kind = rest.substring(slash + 1);
        JsonNode body;
        try {
            body = json.readTree(message.getPayload());
        } catch (java.io.IOException e) {
            LOG.warn("Ignoring a {} on {} that is not JSON: {}", kind, topic, e.getMessage());
            return;
        }
        if (body == null || !body.isObject()) {
            LOG.warn("Ignoring a {} on {} that is not a JSON object", kind, topic);
            return;
        }
        if ("reply".equals(kind)) {
            byte[] correlation = message.getProperties() == null ? null : message.getProperties().getCorrelationData();
            CompletableFuture<JsonNode> waiting = correlation == null ? null
                    : replies.get(new String(correlation, StandardCharsets.UTF_8));
            if (waiting != null) {
                waiting.complete(body);
            }
        } else if ("state".equals(kind)) {
            Instant now = clock.instant();
            Instant time = now;
            if (body.hasNonNull("time")) {
                try {
                    time = Instant.parse(body.get("time").asText());
                } catch (DateTimeParseException e) {
                    LOG.debug("State of {} with an unreadable time {}", instrument, body.get("time"));
                }
            }
            JsonNode progress = body.get("progress");
            states.put(instrument, new State(body.path("run").asText(null), body.path("state").asText("RUNNING"),
                    progress != null && progress.isNumber() ? progress.asDouble() : null, time, now,
                    body.hasNonNull("message") ? body.get("message").asText() : null,
                    body.has("results") ? body.get("results") : null));
        }
    }

    /** The last state report of an instrument. */
    private record State(String run, String state, Double progress, Instant time, Instant receivedAt, String message,
            JsonNode results) {
    }

    private final class Callback implements MqttCallback {
        @Override
        public void disconnected(MqttDisconnectResponse response) {
            LOG.info("Experiment commands: disconnected from the broker: {}", response.getReasonString());
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            LOG.warn("Experiment commands: {}", exception.getMessage());
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            try {
                arrived(topic, message);
            } catch (RuntimeException e) {
                LOG.warn("Experiment commands: cannot handle a message on {}: {}", topic, e.toString());
            }
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
        }

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
            // a clean session: subscribe again, off Paho's callback thread (its SUBACK comes on this thread)
            CompletableFuture.runAsync(MqttExperimentDriver.this::subscribe);
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
        }
    }
}
