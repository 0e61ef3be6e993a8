/**
 * The simulator's ready-made instruments for the hub's demo mode: an X-ray diffractometer, a UV-Vis spectrometer and
 * a phase-change-material tester served over OPC UA (each a {@code SimulatedOpcUaInstrument} driving one of the
 * physics models of this module in sped-up time), and a battery cycler publishing over MQTT that takes start and
 * abort commands over MQTT 5 request/response.
 * {@link org.nanoos.labhub.simulator.instruments.DemoInstruments} builds the default set.
 */
package org.nanoos.labhub.simulator.instruments;
