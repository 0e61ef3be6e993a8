/**
 * Small JSON reading and writing for the simulator's control interfaces (OPC UA StartExperiment parameters, MQTT
 * commands, the REST API), with parameter checks whose messages name the bad parameter. No JSON library at run time.
 */
package org.nanoos.labhub.simulator.json;
