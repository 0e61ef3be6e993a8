package org.nanoos.labhub.simulator.opcua;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.junit.jupiter.api.Test;

/** What instruments may declare, and the options' checks, before any server runs. */
class InstrumentDeclarationTest {

    @Test
    void should_pack_the_unece_code_into_the_opc_ua_unit_id() {
        // OPC 10000-8 §5.6.3: "KEL" (kelvin) is UnitId 4932940 = 0x4B454C
        assertThat(EngineeringUnit.KELVIN.unitId()).isEqualTo(4932940);
        assertThat(EngineeringUnit.DEGREE.unitId()).isEqualTo(0x4444);
        assertThat(EngineeringUnit.NANOMETRE.toEuInformation().getNamespaceUri())
                .isEqualTo("http://www.opcfoundation.org/UA/units/un/cefact");
        assertThatThrownBy(() -> new EngineeringUnit("kelvin", "K", "kelvin"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void should_convert_values_to_variants_of_the_declared_type_only() {
        double[] buffer = {1.0, 2.0};
        Variant array = VariableType.DOUBLE_ARRAY.toVariant(buffer);
        buffer[0] = 99.0;

        assertThat((double[]) array.getValue()).containsExactly(1.0, 2.0);
        assertThat((double[]) VariableType.DOUBLE_ARRAY.toVariant(new Double[] {3.0}).getValue()).containsExactly(3.0);
        assertThat(VariableType.STRING.toVariant(ExperimentStatus.DONE).getValue()).isEqualTo("DONE");
        assertThat(VariableType.DOUBLE.toVariant(2L).getValue()).isEqualTo(2.0);
        assertThat(VariableType.INT32.toVariant(7L).getValue()).isEqualTo(7);
        assertThatThrownBy(() -> VariableType.INT32.toVariant(1L << 40)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> VariableType.DOUBLE.toVariant("1.0")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> VariableType.BOOLEAN.toVariant(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> VariableType.DOUBLE_ARRAY.toVariant(new Double[] {null}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void should_reject_bad_variable_names_units_on_text_and_initial_values_of_another_type() {
        assertThat(InstrumentVariable.of("Pattern/TwoTheta", VariableType.DOUBLE_ARRAY, new double[0],
                EngineeringUnit.DEGREE, "2θ").browseName()).isEqualTo("TwoTheta");
        for (String name : List.of("", "/Pattern", "Pattern/", "Pattern//TwoTheta", "Two Theta")) {
            assertThatThrownBy(() -> InstrumentVariable.of(name, VariableType.DOUBLE, 0.0, "x"))
                    .as(name).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> InstrumentVariable.of("Phase", VariableType.STRING, "α", EngineeringUnit.ONE, "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> InstrumentVariable.of("Temperature", VariableType.DOUBLE, "warm", "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void should_refuse_instruments_that_clash_before_binding_anything() {
        Path pki = Path.of("unused-pki");
        OpcUaServerOptions options = OpcUaServerOptions.defaults(pki);

        assertThatThrownBy(() -> new SimulatorOpcUaServer(options, List.of(new TemperatureStageInstrument("TS-1"),
                new TemperatureStageInstrument("TS-1")))).hasMessageContaining("two instruments have the id TS-1");
        assertThatThrownBy(() -> new SimulatorOpcUaServer(options, List.of(declaring(
                InstrumentVariable.of("Status", VariableType.STRING, "", "x"))))).hasMessageContaining("Status");
        assertThatThrownBy(() -> new SimulatorOpcUaServer(options, List.of(declaring(
                InstrumentVariable.of("Pattern", VariableType.DOUBLE, 0.0, "x"),
                InstrumentVariable.of("Pattern/TwoTheta", VariableType.DOUBLE_ARRAY, new double[0], "x")))))
                .hasMessageContaining("as a variable and as a folder");
        assertThatThrownBy(() -> new SimulatorOpcUaServer(options, List.of(declaring(
                InstrumentVariable.of("StartExperiment", VariableType.STRING, "", "x")))))
                .hasMessageContaining("method");
        assertThat(pki).doesNotExist();
    }

    @Test
    void should_check_options_and_never_show_passwords() {
        OpcUaServerOptions options = OpcUaServerOptions.builder(Path.of("pki")).user("operator", "s3cret")
                .keyStorePassword("store-secret").build();

        assertThat(options.toString()).contains("operator").doesNotContain("s3cret").doesNotContain("store-secret");
        assertThatThrownBy(() -> OpcUaServerOptions.builder(Path.of("pki")).port(70000).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OpcUaServerOptions.builder(Path.of("pki")).user("operator", null).build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static SimulatedOpcUaInstrument declaring(InstrumentVariable... variables) {
        return new SimulatedOpcUaInstrument() {
            @Override
            public String id() {
                return "X-1";
            }

            @Override
            public List<InstrumentVariable> variables() {
                return List.of(variables);
            }

            @Override
            public void attach(VariableSink sink) {
                sink.publish(InstrumentVariable.STATUS, ExperimentStatus.IDLE);
            }

            @Override
            public void detach() {
                // publishes only on attach
            }

            @Override
            public void start(Map<String, Object> parameters, String runId) {
                throw new IllegalStateException("never started in this test");
            }

            @Override
            public boolean abort() {
                return false;
            }
        };
    }
}
