/**
 * The simulator's OPC UA server (Eclipse Milo 1.0): simulated instruments appear under {@code Objects/Lab/<id>} in
 * the namespace {@code urn:nanoos:labhub:simulator}, with string node ids that read like paths
 * ({@code Lab/TS-1/Temperature}) and the methods {@code StartExperiment} and {@code AbortExperiment}. Instruments plug
 * in through {@link org.nanoos.labhub.simulator.opcua.SimulatedOpcUaInstrument}; the server knows nothing of their
 * physics. {@link org.nanoos.labhub.simulator.opcua.TemperatureStageInstrument} is the built-in one, and
 * {@link org.nanoos.labhub.simulator.opcua.CounterInstrument} a pulse counter whose every step reaches subscribers,
 * the test signal for lossless ingestion.
 *
 * <pre>
 * java -cp simulator/target/labhub-simulator-0.1.0-SNAPSHOT-all.jar \
 *      org.nanoos.labhub.simulator.opcua.OpcUaServerMain --port 4840 --pki-dir pki
 * </pre>
 */
package org.nanoos.labhub.simulator.opcua;
