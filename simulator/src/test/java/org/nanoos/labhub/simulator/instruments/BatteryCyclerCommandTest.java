package org.nanoos.labhub.simulator.instruments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nanoos.labhub.simulator.RunState;
import org.nanoos.labhub.simulator.support.EmbeddedBroker;
import org.nanoos.labhub.simulator.support.MqttRequester;
import org.nanoos.labhub.simulator.support.MqttRequester.Reply;
import org.nanoos.labhub.simulator.support.TopicRecorder;
import org.nanoos.labhub.simulator.support.TopicRecorder.Received;

/**
 * The battery cycler's MQTT 5 command interface against a real broker (embedded HiveMQ CE), driven as the hub drives
 * it: commands with a Response Topic and Correlation Data, replies, retained run states, data on {@code lab/<id>/}.
 */
class BatteryCyclerCommandTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final JsonNode NO_MESSAGE = JsonNodeFactory.instance.objectNode().put("state", "").put("run", "");

    @TempDir
    static Path brokerDir;
    static EmbeddedBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = EmbeddedBroker.start(brokerDir, 1000);
    }

    @AfterAll
    static void stopBroker() throws Exception {
        broker.close();
    }

    /** An idle cycler (no automatic run) ticking every 50 ms and reporting its state every 200 ms. */
    private static BatteryCyclerMqtt idleCycler(String id) {
        return new BatteryCyclerMqtt(BatteryCyclerMqtt.Options.builder(broker.url()).instrumentId(id)
                .autoStart(false).tickInterval(Duration.ofMillis(50)).stateInterval(Duration.ofMillis(200)).build());
    }

    @Test
    void should_run_a_commanded_run_to_done_and_report_it_on_the_state_topic() throws Exception {
        String id = "CYCLER-C1";
        try (TopicRecorder recorder = TopicRecorder.subscribe(broker.url(),
                List.of("lab/" + id + "/#", BatteryCyclerMqtt.stateTopic(id)));
             MqttRequester hub = MqttRequester.connect(broker.url());
             BatteryCyclerMqtt cycler = idleCycler(id).start()) {
            assertThat(cycler.isConnected()).isTrue();
            assertThat(cycler.commandTopic()).isEqualTo("labhub/instruments/CYCLER-C1/command");
            assertThat(cycler.status()).isEmpty();

            // 1C charge and discharge of the coin cell: two cycles are about 2 h of test, 0.7 s at 10 000x
            hub.send(cycler.commandTopic(), """
                    {"command":"start","run":"hub-run-1","parameters":{"cycles":2,"speedUp":10000,
                     "chargeCRate":1,"dischargeCRate":1}}""", "corr-1");

            await().atMost(WAIT).until(() -> hub.reply("corr-1") != null);
            Reply reply = hub.reply("corr-1");
            assertThat(reply.contentType()).isEqualTo("application/json");
            assertThat(reply.json().get("run").asText()).isEqualTo("hub-run-1");
            assertThat(reply.json().get("accepted").asBoolean()).isTrue();
            String externalId = reply.json().get("externalId").asText();
            assertThat(externalId).matches("CYCLER-C1-[0-9a-z]+-r1");

            await().atMost(WAIT).until(cycler::isFinished);
            await().atMost(WAIT).until(() -> last(recorder.on(BatteryCyclerMqtt.stateTopic(id)))
                    .get("state").asText().equals("DONE"));
            List<JsonNode> states = recorder.on(BatteryCyclerMqtt.stateTopic(id)).stream().map(Received::json).toList();
            assertThat(states).allSatisfy(s -> {
                assertThat(s.get("run").asText()).isEqualTo("hub-run-1");
                assertThat(s.get("externalId").asText()).isEqualTo(externalId);
                assertThat(s.get("progress").asDouble()).isBetween(0.0, 1.0);
                assertThat(Instant.parse(s.get("time").asText())).isBefore(Instant.now().plusSeconds(1));
                assertThat(s.has("message")).isTrue();
            });
            // RUNNING at the start and as heartbeats every 200 ms, then DONE once
            List<String> names = states.stream().map(s -> s.get("state").asText()).toList();
            assertThat(names.get(0)).isEqualTo("RUNNING");
            assertThat(names.subList(0, names.size() - 1)).hasSizeGreaterThanOrEqualTo(3).containsOnly("RUNNING");
            assertThat(names).containsOnlyOnce("DONE").endsWith("DONE");
            assertThat(states.get(0).get("progress").asDouble()).isZero();
            assertThat(states.stream().map(s -> s.get("progress").asDouble()).toList())
                    .isSortedAccordingTo(Double::compare).endsWith(1.0);
            assertThat(states.subList(1, states.size() - 1)).anySatisfy(s ->
                    assertThat(s.get("progress").asDouble()).isStrictlyBetween(0.0, 1.0));
            assertThat(recorder.on(BatteryCyclerMqtt.stateTopic(id))).allSatisfy(m -> assertThat(m.qos()).isEqualTo(1));

            // the data went to lab/<id>/ as before; DONE came after the last cycle's summary
            long samples = cycler.samplesPublished();
            assertThat(samples).isGreaterThan(200);
            assertThat(recorder.on("lab/CYCLER-C1/cell/voltage")).hasSize((int) samples);
            assertThat(recorder.on("lab/CYCLER-C1/cycle/discharge_energy")).hasSize(2);
            List<String> order = recorder.all().stream().map(Received::topic).toList();
            assertThat(order.lastIndexOf(BatteryCyclerMqtt.stateTopic(id)))
                    .isGreaterThan(order.lastIndexOf("lab/CYCLER-C1/cycle/discharge_energy"))
                    .isGreaterThan(order.lastIndexOf("lab/CYCLER-C1/cell/voltage"));
            assertThat(cycler.status()).hasValueSatisfying(s -> {
                assertThat(s.state()).isEqualTo(RunState.DONE);
                assertThat(s.progress()).isEqualTo(1.0);
            });
            assertThat(cycler.cyclesCompleted()).isEqualTo(2);

            // the final state stays on the broker for whoever subscribes later
            try (TopicRecorder late = TopicRecorder.subscribe(broker.url(), BatteryCyclerMqtt.stateTopic(id))) {
                await().atMost(WAIT).until(() -> !late.all().isEmpty());
                assertThat(late.all().get(0).retained()).isTrue();
                assertThat(late.all().get(0).json().get("state").asText()).isEqualTo("DONE");
                assertThat(late.all().get(0).json().get("externalId").asText()).isEqualTo(externalId);
            }
        }
    }

    @Test
    void should_abort_the_current_run_after_its_samples_and_take_a_new_run_afterwards() throws Exception {
        String id = "CYCLER-C2";
        String state = BatteryCyclerMqtt.stateTopic(id);
        try (TopicRecorder recorder = TopicRecorder.subscribe(broker.url(), List.of("lab/" + id + "/#", state));
             MqttRequester hub = MqttRequester.connect(broker.url());
             BatteryCyclerMqtt cycler = idleCycler(id).start()) {
            // C/10 at 2000x: a cycle takes about 36 s, far longer than the test waits
            hub.send(cycler.commandTopic(), "{\"command\":\"start\",\"run\":\"hub-run-2\","
                    + "\"parameters\":{\"cycles\":5,\"speedUp\":2000}}", "start-2");
            await().atMost(WAIT).until(() -> hub.reply("start-2") != null);
            String externalId = hub.reply("start-2").json().get("externalId").asText();
            await().atMost(WAIT).until(() -> recorder.on(state).size() >= 2
                    && recorder.on("lab/CYCLER-C2/cell/voltage").size() >= 5);

            hub.send(cycler.commandTopic(), "{\"command\":\"abort\",\"run\":\"hub-run-2\"}", "abort-2");

            await().atMost(WAIT).until(() -> hub.reply("abort-2") != null);
            JsonNode reply = hub.reply("abort-2").json();
            assertThat(reply.get("accepted").asBoolean()).isTrue();
            assertThat(reply.get("run").asText()).isEqualTo("hub-run-2");
            assertThat(reply.get("externalId").asText()).isEqualTo(externalId);
            await().atMost(WAIT).until(() -> last(recorder.on(state)).get("state").asText().equals("ABORTED"));
            JsonNode aborted = last(recorder.on(state));
            assertThat(aborted.get("run").asText()).isEqualTo("hub-run-2");
            assertThat(aborted.get("externalId").asText()).isEqualTo(externalId);
            assertThat(aborted.get("progress").asDouble()).isStrictlyBetween(0.0, 1.0);
            assertThat(aborted.get("message").asText()).contains("aborted");

            // every sample taken went out before ABORTED, and none after it
            long samples = cycler.samplesPublished();
            await().atMost(WAIT).until(() -> recorder.on("lab/CYCLER-C2/cell/voltage").size() == samples);
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3))
                    .until(() -> recorder.on("lab/CYCLER-C2/cell/voltage").size() == samples
                            && last(recorder.on(state)).get("state").asText().equals("ABORTED"));
            List<String> order = recorder.all().stream().map(Received::topic).toList();
            assertThat(order.lastIndexOf(state)).isGreaterThan(order.lastIndexOf("lab/CYCLER-C2/cell/voltage"));
            assertThat(cycler.isFinished()).isTrue();

            // the channel is free again: a new run gets a new id
            hub.send(cycler.commandTopic(), "{\"command\":\"start\",\"run\":\"hub-run-3\"}", "start-3");
            await().atMost(WAIT).until(() -> hub.reply("start-3") != null);
            assertThat(hub.reply("start-3").json().get("accepted").asBoolean()).isTrue();
            assertThat(hub.reply("start-3").json().get("externalId").asText()).matches("CYCLER-C2-[0-9a-z]+-r2");
            await().atMost(WAIT).until(() -> last(recorder.on(state)).get("run").asText().equals("hub-run-3"));
            assertThat(last(recorder.on(state)).get("state").asText()).isEqualTo("RUNNING");
        }
    }

    @Test
    void should_reject_a_start_while_busy_and_an_abort_of_another_run() throws Exception {
        String id = "CYCLER-C3";
        try (MqttRequester hub = MqttRequester.connect(broker.url());
             BatteryCyclerMqtt cycler = idleCycler(id).start()) {
            hub.send(cycler.commandTopic(), "{\"command\":\"start\",\"run\":\"first\"}", "c-1");
            await().atMost(WAIT).until(() -> hub.reply("c-1") != null);
            String externalId = hub.reply("c-1").json().get("externalId").asText();

            hub.send(cycler.commandTopic(), "{\"command\":\"start\",\"run\":\"second\"}", "c-2");
            hub.send(cycler.commandTopic(), "{\"command\":\"abort\",\"run\":\"second\"}", "c-3");

            await().atMost(WAIT).until(() -> hub.reply("c-3") != null);
            JsonNode busy = hub.reply("c-2").json();
            assertThat(busy.get("run").asText()).isEqualTo("second");
            assertThat(busy.get("accepted").asBoolean()).isFalse();
            assertThat(busy.get("error").asText()).isEqualTo("busy: running " + externalId);
            assertThat(busy.has("externalId")).isFalse();
            JsonNode notCurrent = hub.reply("c-3").json();
            assertThat(notCurrent.get("accepted").asBoolean()).isFalse();
            assertThat(notCurrent.get("error").asText()).contains("'second' is not the current run")
                    .contains(externalId);
            assertThat(cycler.status()).hasValueSatisfying(s -> {
                assertThat(s.state()).isEqualTo(RunState.RUNNING);
                assertThat(s.run()).isEqualTo("first");
            });
        }
    }

    @Test
    void should_reject_malformed_commands_with_a_reason_and_ignore_those_without_a_response_topic()
            throws Exception {
        String id = "CYCLER-C4";
        try (TopicRecorder states = TopicRecorder.subscribe(broker.url(), BatteryCyclerMqtt.stateTopic(id));
             MqttRequester hub = MqttRequester.connect(broker.url());
             BatteryCyclerMqtt cycler = idleCycler(id).start()) {
            String topic = cycler.commandTopic();
            hub.sendWithoutResponseTopic(topic, "{\"command\":\"start\",\"run\":\"unanswerable\"}");
            hub.send(topic, "{\"command\":\"start\",\"run\":", "m-1");
            hub.sendBytes(topic, new byte[] {'{', '"', (byte) 0xC3, '"', ':', '1', '}'}, "m-2");
            hub.send(topic, "{\"command\":\"launch\",\"run\":\"r\"}", "m-3");
            hub.send(topic, "{\"command\":\"start\",\"run\":\"r\",\"parameters\":{\"cycles\":0}}", "m-4");
            hub.send(topic, "{\"command\":\"start\",\"run\":\"r\",\"parameters\":{\"cycles\":2.5}}", "m-5");
            hub.send(topic, "{\"command\":\"start\",\"run\":\"r\",\"parameters\":{\"temperatureK\":300}}", "m-6");
            hub.send(topic, "{\"command\":\"start\",\"run\":\"r\",\"parameters\":{\"speedUp\":0}}", "m-7");
            hub.send(topic, "{\"command\":\"start\",\"run\":\"r\",\"parameters\":{\"chargeCRate\":50}}", "m-8");
            hub.send(topic, "{\"command\":\"start\",\"parameters\":{}}", "m-9");
            hub.send(topic, "{\"command\":\"start\",\"run\":\"r\",\"parameters\":[1]}", "m-10");
            hub.send(topic, "{\"command\":\"start\",\"run\":\"r\",\"parameter\":{\"cycles\":2}}", "m-11");
            hub.send(topic, "{\"command\":\"abort\",\"run\":\"r\"}", "m-12");
            hub.send(topic, "{\"run\":\"r\"}", "m-13");
            hub.send(topic, "", "m-14");

            await().atMost(WAIT).until(() -> hub.replies().size() >= 14);
            assertThat(error(hub, "m-1")).startsWith("malformed command: bad JSON at offset");
            assertThat(hub.reply("m-1").json().get("run").isNull()).isTrue();
            assertThat(error(hub, "m-2")).contains("not UTF-8");
            assertThat(error(hub, "m-3")).contains("unknown command \"launch\"");
            assertThat(error(hub, "m-4")).contains("'cycles'").contains("between 1 and");
            assertThat(error(hub, "m-5")).contains("'cycles' must be an integer");
            assertThat(error(hub, "m-6")).contains("unknown parameter 'temperatureK'");
            assertThat(error(hub, "m-7")).contains("'speedUp'");
            assertThat(error(hub, "m-8")).contains("'chargeCRate'").contains("50");
            assertThat(error(hub, "m-9")).contains("'run'");
            assertThat(error(hub, "m-10")).contains("'parameters' must be a JSON object");
            assertThat(error(hub, "m-11")).contains("unknown field 'parameter'");
            assertThat(error(hub, "m-12")).contains("not the current run").contains("idle");
            assertThat(error(hub, "m-13")).contains("missing 'command'");
            assertThat(error(hub, "m-14")).contains("missing 'command'");
            assertThat(hub.replies()).hasSize(14).allSatisfy(r -> assertThat(r.json().get("accepted").asBoolean())
                    .isFalse());
            // the command without a response topic was not run
            assertThat(cycler.status()).isEmpty();
            assertThat(states.all()).isEmpty();

            // and the cycler still takes a good command
            hub.send(topic, "{\"command\":\"start\",\"run\":\"r\",\"parameters\":{\"cycles\":1}}", "ok");
            await().atMost(WAIT).until(() -> hub.reply("ok") != null);
            assertThat(hub.reply("ok").json().get("accepted").asBoolean()).isTrue();
            await().atMost(WAIT).until(() -> !states.all().isEmpty());
            assertThat(states.all().get(0).json().get("state").asText()).isEqualTo("RUNNING");
        }
    }

    @Test
    void should_end_a_run_in_progress_as_aborted_when_closed() throws Exception {
        String id = "CYCLER-C5";
        try (TopicRecorder states = TopicRecorder.subscribe(broker.url(), BatteryCyclerMqtt.stateTopic(id));
             MqttRequester hub = MqttRequester.connect(broker.url())) {
            BatteryCyclerMqtt cycler = idleCycler(id).start();
            hub.send(cycler.commandTopic(), "{\"command\":\"start\",\"run\":\"closing\"}", "s");
            await().atMost(WAIT).until(() -> !states.all().isEmpty());

            cycler.close();

            await().atMost(WAIT).until(() -> last(states.all()).get("state").asText().equals("ABORTED"));
            assertThat(last(states.all()).get("message").asText()).isEqualTo("cycler shut down");
            assertThat(last(states.all()).get("run").asText()).isEqualTo("closing");
        }
    }

    /** The last message's JSON, or an empty state while there is none. */
    private static JsonNode last(List<Received> messages) {
        return messages.isEmpty() ? NO_MESSAGE : messages.get(messages.size() - 1).json();
    }

    private static String error(MqttRequester hub, String correlation) {
        return hub.reply(correlation).json().get("error").asText();
    }
}
