package org.nanoos.labhub.simulator.opcua;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.IntStream;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaMonitoredItem;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaSubscription;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;
import org.eclipse.milo.opcua.stack.core.types.structured.CallMethodRequest;
import org.eclipse.milo.opcua.stack.core.types.structured.CallMethodResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nanoos.labhub.simulator.opcua.TestClients.ClientCertificate;

/** The pulse counter: its runs, and that its every step reaches a subscriber however slowly that one samples. */
class CounterInstrumentTest {

    @TempDir
    Path pkiDir;

    @Test
    void should_count_one_step_a_tick_to_the_requested_count_and_then_be_done() {
        CounterInstrument counter = new CounterInstrument("CNT-1", Duration.ofHours(1));
        List<Object> counts = new ArrayList<>();
        List<Object> statuses = new ArrayList<>();
        counter.attach((name, value, time) -> {
            if (name.equals(CounterInstrument.COUNT)) {
                counts.add(value);
            } else if (name.equals(InstrumentVariable.STATUS)) {
                statuses.add(value);
            }
        });
        try {
            counter.start(Map.of("count", 3L), "CNT-1-x-1");
            for (int i = 0; i < 5; i++) {
                counter.tick();
            }

            assertThat(counts).containsExactly(0, 1, 2, 3);
            assertThat(statuses).containsExactly(ExperimentStatus.IDLE, ExperimentStatus.RUNNING,
                    ExperimentStatus.DONE);
            assertThat(counter.abort()).isFalse();
        } finally {
            counter.detach();
        }
    }

    @Test
    void should_refuse_a_count_that_is_missing_not_whole_or_out_of_range() {
        CounterInstrument counter = new CounterInstrument("CNT-1", Duration.ofHours(1));

        for (Map<String, Object> parameters : List.<Map<String, Object>>of(Map.of(), Map.of("count", 0L),
                Map.of("count", 2.5), Map.of("count", 1_000_001L), Map.of("count", 3L, "speed", 2L))) {
            assertThatThrownBy(() -> counter.start(parameters, "r")).as(parameters.toString())
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(counter.status()).isEqualTo(ExperimentStatus.IDLE);
    }

    @Test
    void should_report_every_step_to_a_subscriber_that_samples_far_more_slowly_than_it_counts() throws Exception {
        ClientCertificate certificate = ClientCertificate.generate("counter-test");
        certificate.writeDer(pkiDir.resolve(ServerPki.TRUSTED_CERTS), "counter-test.der");
        CounterInstrument counter = new CounterInstrument("CNT-T", Duration.ofMillis(5));
        try (SimulatorOpcUaServer server = new SimulatorOpcUaServer(
                OpcUaServerOptions.builder(pkiDir).port(TestClients.freePort()).build(), List.of(counter)).start()) {
            OpcUaClient client = TestClients.connect(server, SecurityPolicy.Basic256Sha256,
                    MessageSecurityMode.SignAndEncrypt, certificate);
            try {
                Queue<DataValue> values = new ConcurrentLinkedQueue<>();
                // a sampled node would give about one value a second here; a queue of 1000 holds a publish's worth
                OpcUaSubscription subscription = new OpcUaSubscription(client, 500.0);
                subscription.create();
                OpcUaMonitoredItem item = OpcUaMonitoredItem.newDataItem(TestClients.node(client, "Lab/CNT-T/Count"));
                item.setSamplingInterval(1000.0);
                item.setQueueSize(uint(1000));
                item.setDataValueListener((monitoredItem, value) -> values.add(value));
                subscription.addMonitoredItem(item);
                subscription.synchronizeMonitoredItems();
                await().atMost(Duration.ofSeconds(20)).until(() -> !values.isEmpty());

                CallMethodResult started = client.call(List.of(new CallMethodRequest(
                        TestClients.node(client, "Lab/CNT-T"),
                        TestClients.node(client, SimulatorOpcUaServer.nodePath("CNT-T", "StartExperiment")),
                        new Variant[] {Variant.ofString("{\"count\": 300}")}))).getResults()[0];
                assertThat(started.getStatusCode().isGood()).isTrue();
                await().atMost(Duration.ofSeconds(20)).until(() -> values.stream()
                        .anyMatch(v -> Integer.valueOf(300).equals(v.getValue().getValue())));

                List<Object> counts = values.stream().map(v -> v.getValue().getValue()).toList();
                assertThat(counts).containsExactlyElementsOf(IntStream.rangeClosed(0, 300).boxed().toList());
                List<Instant> times = values.stream().map(v -> v.getSourceTime().getJavaInstant()).toList();
                assertThat(times).isSorted().doesNotHaveDuplicates();
                assertThat(values).allSatisfy(v -> assertThat(v.getStatusCode().isOverflowSet()).isFalse());
            } finally {
                TestClients.disconnect(client);
            }
        }
    }
}
