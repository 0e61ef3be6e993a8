package org.nanoos.labhub.simulator.instruments;

import java.util.List;
import org.nanoos.labhub.simulator.opcua.SimulatedOpcUaInstrument;
import org.nanoos.labhub.simulator.opcua.TemperatureStageInstrument;

/**
 * The simulated instruments of the hub's demo mode, in one place: over OPC UA an X-ray diffractometer, a UV-Vis
 * spectrometer, a phase-change-material tester and a heating stage; over MQTT a battery cycler.
 *
 * <pre>{@code
 * try (var server = new SimulatorOpcUaServer(OpcUaServerOptions.defaults(Path.of("pki")),
 *         DemoInstruments.opcUaInstruments()).start();
 *      var cycler = DemoInstruments.batteryCycler("tcp://localhost:1883").start()) {
 *     // Lab/XRD-1, Lab/UVVIS-1, Lab/PCM-1, Lab/TS-1 on opc.tcp://127.0.0.1:4840; lab/CYCLER-1/# on MQTT
 * }
 * }</pre>
 */
public final class DemoInstruments {

    /** Id of the X-ray diffractometer. */
    public static final String XRD_ID = "XRD-1";
    /** Id of the UV-Vis spectrometer. */
    public static final String UVVIS_ID = "UVVIS-1";
    /** Id of the phase-change-material tester. */
    public static final String PCM_ID = "PCM-1";
    /** Id of the heating stage. */
    public static final String STAGE_ID = "TS-1";

    private DemoInstruments() {
    }

    /**
     * New instances of the OPC UA instruments, in this order: {@value #XRD_ID} (silicon powder unless StartExperiment
     * gives another sample, {@link XrdParameters#silicon()}), {@value #UVVIS_ID} (a 500 nm GaAs film,
     * {@link UvVisParameters#galliumArsenide()}), {@value #PCM_ID} (Ge<sub>2</sub>Sb<sub>2</sub>Te<sub>5</sub>,
     * {@link PcmParameters#ge2Sb2Te5()}) and {@value #STAGE_ID} (a {@link TemperatureStageInstrument} with default
     * settings). Hand them to a {@code SimulatorOpcUaServer}, which attaches them when it starts.
     */
    public static List<SimulatedOpcUaInstrument> opcUaInstruments() {
        return List.of(
                new XrdOpcUaInstrument(XRD_ID, XrdParameters.silicon()),
                new UvVisOpcUaInstrument(UVVIS_ID, UvVisParameters.galliumArsenide()),
                new PcmOpcUaInstrument(PCM_ID, PcmParameters.ge2Sb2Te5()),
                new TemperatureStageInstrument(STAGE_ID));
    }

    /**
     * The battery cycler {@value BatteryCyclerMqtt#DEFAULT_INSTRUMENT_ID} with
     * {@link BatteryCyclerMqtt.Options#defaults(String) default options}, not yet started: call
     * {@link BatteryCyclerMqtt#start()}, and {@link BatteryCyclerMqtt#close()} when done.
     *
     * @throws IllegalArgumentException if the broker URL is malformed
     */
    public static BatteryCyclerMqtt batteryCycler(String brokerUrl) {
        return new BatteryCyclerMqtt(BatteryCyclerMqtt.Options.defaults(brokerUrl));
    }

    /**
     * The battery cycler {@value BatteryCyclerMqtt#DEFAULT_INSTRUMENT_ID} with default options but no run of its own:
     * once {@link BatteryCyclerMqtt#start() started} it waits for start commands on
     * {@code labhub/instruments/CYCLER-1/command}. {@link BatteryCyclerMqtt#close()} it when done.
     *
     * @throws IllegalArgumentException if the broker URL is malformed
     */
    public static BatteryCyclerMqtt commandedBatteryCycler(String brokerUrl) {
        return new BatteryCyclerMqtt(BatteryCyclerMqtt.Options.builder(brokerUrl).autoStart(false).build());
    }
}
