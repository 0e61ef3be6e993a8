package org.nanoos.labhub.simulator.instruments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nanoos.labhub.simulator.RunState;
import org.nanoos.labhub.simulator.battery.CyclingProtocol;
import org.nanoos.labhub.simulator.battery.LfpCell;
import org.nanoos.labhub.simulator.support.EmbeddedBroker;
import org.nanoos.labhub.simulator.support.TopicRecorder;
import org.nanoos.labhub.simulator.support.TopicRecorder.Received;
import org.nanoos.labhub.verticals.units.UcumUnits;

/** The battery cycler against a real MQTT 5 broker (embedded HiveMQ CE): topics, payloads, units and cycle ends. */
class BatteryCyclerMqttTest {

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

    @Test
    void should_publish_voltage_current_and_capacity_of_every_sample_and_a_summary_after_every_cycle()
            throws Exception {
        // 1C charge and discharge: about 2 h of test for two cycles, 0.7 s at 10 000x; a sample every 30 s
        BatteryCyclerMqtt.Options options = BatteryCyclerMqtt.Options.builder(broker.url())
                .instrumentId("CYCLER-T").cycles(2).speedUp(10_000).tickInterval(Duration.ofMillis(50))
                .protocol(CyclingProtocol.defaults().withCRates(1.0, 1.0)).build();
        Instant before = Instant.now();
        try (TopicRecorder recorder = TopicRecorder.subscribe(broker.url(), "lab/CYCLER-T/#");
             TopicRecorder states = TopicRecorder.subscribe(broker.url(), BatteryCyclerMqtt.stateTopic("CYCLER-T"));
             BatteryCyclerMqtt cycler = new BatteryCyclerMqtt(options).start()) {
            assertThat(cycler.isConnected()).isTrue();

            await().atMost(Duration.ofSeconds(15)).until(cycler::isFinished);
            long samples = cycler.samplesPublished();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(recorder.on("lab/CYCLER-T/cell/voltage")).hasSize((int) samples);
                assertThat(recorder.on("lab/CYCLER-T/cycle/discharge_energy")).hasSize(2);
            });

            List<Received> voltage = recorder.on("lab/CYCLER-T/cell/voltage");
            assertThat(samples).isGreaterThan(200);
            assertThat(cycler.cyclesCompleted()).isEqualTo(2);
            assertThat(voltage).allSatisfy(m -> {
                assertThat(m.qos()).isEqualTo(1);
                assertThat(m.contentType()).isEqualTo("application/json");
                assertThat(m.json().get("unit").asText()).isEqualTo("V");
                // the protocol's cutoffs, 2.5 V and 4.0 V, plus the reading noise
                assertThat(m.json().get("value").asDouble()).isBetween(2.49, 4.01);
                assertThat(Instant.parse(m.json().get("time").asText())).isAfterOrEqualTo(before.minusMillis(1));
            });
            assertThat(recorder.on("lab/CYCLER-T/cell/current")).hasSize((int) samples)
                    .allSatisfy(m -> assertThat(m.json().get("unit").asText()).isEqualTo("mA"));
            assertThat(recorder.on("lab/CYCLER-T/cell/capacity")).hasSize((int) samples)
                    .allSatisfy(m -> assertThat(m.json().get("unit").asText()).isEqualTo("mA.h"));
            assertThat(recorder.unparsable()).isEmpty();

            // 1C of the 1.70 mAh coin cell is 1.70 mA: positive on charge, negative on discharge
            double nominal = LfpCell.coinCell().nominalCapacityMah();
            List<Double> currents = recorder.on("lab/CYCLER-T/cell/current").stream()
                    .map(m -> m.json().get("value").asDouble()).toList();
            assertThat(currents).anySatisfy(i -> assertThat(i).isCloseTo(nominal, within(0.01)));
            assertThat(currents).anySatisfy(i -> assertThat(i).isCloseTo(-nominal, within(0.01)));

            for (JsonNode capacity : values(recorder, "lab/CYCLER-T/cycle/discharge_capacity")) {
                assertThat(capacity.get("unit").asText()).isEqualTo("mA.h");
                // the coin cell delivers about 99 % of its capacity at 1C (its calibration, see LfpCell.coinCell)
                assertThat(capacity.get("value").asDouble() / nominal).isBetween(0.95, 1.0);
            }
            List<JsonNode> efficiency = values(recorder, "lab/CYCLER-T/cycle/coulombic_efficiency");
            List<JsonNode> energy = values(recorder, "lab/CYCLER-T/cycle/discharge_energy");
            List<JsonNode> discharged = values(recorder, "lab/CYCLER-T/cycle/discharge_capacity");
            List<JsonNode> charged = values(recorder, "lab/CYCLER-T/cycle/charge_capacity");
            for (int i = 0; i < 2; i++) {
                // coulombic efficiency is discharge over charge capacity, in percent
                assertThat(efficiency.get(i).get("unit").asText()).isEqualTo("%");
                assertThat(efficiency.get(i).get("value").asDouble()).isBetween(95.0, 100.0)
                        .isCloseTo(100 * discharged.get(i).get("value").asDouble()
                                / charged.get(i).get("value").asDouble(), within(1e-3));
                assertThat(energy.get(i).get("unit").asText()).isEqualTo("W.h");
                // mean discharge voltage = energy / capacity: a little below the 3.42 V plateau of the cell
                double meanVoltage = energy.get(i).get("value").asDouble() * 1000
                        / discharged.get(i).get("value").asDouble();
                assertThat(meanVoltage).isBetween(3.2, 3.42);
            }
            assertThat(values(recorder, "lab/CYCLER-T/cycle/charge_capacity")).hasSize(2)
                    .allSatisfy(m -> assertThat(m.get("unit").asText()).isEqualTo("mA.h"));

            // the run started by start() itself has no hub run id; it still reports its state, ending DONE
            await().atMost(Duration.ofSeconds(10)).until(() -> states.all().stream()
                    .anyMatch(m -> m.json().get("state").asText().equals("DONE")));
            assertThat(states.all()).allSatisfy(m -> {
                assertThat(m.json().get("run").isNull()).isTrue();
                assertThat(m.json().get("externalId").asText()).startsWith("CYCLER-T-");
            });
            assertThat(cycler.status()).hasValueSatisfying(s -> {
                assertThat(s.run()).isNull();
                assertThat(s.state()).isEqualTo(RunState.DONE);
            });
        }
    }

    @Test
    void should_use_units_the_hub_understands() throws Exception {
        for (String unit : List.of(BatteryCyclerMqtt.UNIT_VOLT, BatteryCyclerMqtt.UNIT_MILLIAMPERE,
                BatteryCyclerMqtt.UNIT_MILLIAMPERE_HOUR, BatteryCyclerMqtt.UNIT_WATT_HOUR,
                BatteryCyclerMqtt.UNIT_PERCENT)) {
            assertThat(UcumUnits.toSi(unit).originalUnit()).isEqualTo(unit);
        }
        // 1 mA·h = 3.6 C, 1 W·h = 3600 J
        assertThat(UcumUnits.toSi("mA.h").convert(1.0)).isCloseTo(3.6, within(1e-12));
        assertThat(UcumUnits.toSi("W.h").convert(1.0)).isCloseTo(3600.0, within(1e-9));
    }

    @Test
    void should_refuse_bad_options_and_a_second_start() {
        assertThatThrownBy(() -> BatteryCyclerMqtt.Options.builder(broker.url()).cycles(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cycles");
        assertThatThrownBy(() -> new BatteryCyclerMqtt(BatteryCyclerMqtt.Options.builder(broker.url())
                .instrumentId("cycler/1").build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cycler/1");
        BatteryCyclerMqtt cycler = new BatteryCyclerMqtt(BatteryCyclerMqtt.Options.builder(broker.url())
                .instrumentId("CYCLER-U").build());
        cycler.close();
        assertThatThrownBy(cycler::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    private static List<JsonNode> values(TopicRecorder recorder, String topic) {
        return recorder.on(topic).stream().map(Received::json).toList();
    }
}
