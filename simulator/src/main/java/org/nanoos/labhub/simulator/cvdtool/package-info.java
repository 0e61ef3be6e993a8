/**
 * The simulated CVD reactor as a tool driven one recipe per request: {@link
 * org.nanoos.labhub.simulator.cvdtool.CommandedCvdReactor} runs a requested recipe and publishes its data over MQTT
 * like the continuous simulator, and {@link org.nanoos.labhub.simulator.cvdtool.CvdToolServer} is its REST control
 * API ({@code POST /api/runs}, {@code GET /api/runs/<id>}, {@code POST /api/runs/<id>/abort}) on the JDK's HTTP
 * server.
 */
package org.nanoos.labhub.simulator.cvdtool;
