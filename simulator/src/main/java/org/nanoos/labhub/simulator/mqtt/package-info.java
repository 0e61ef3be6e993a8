/**
 * Publishing instrument readings over MQTT 5 (Eclipse Paho) in the hub's own JSON, on topics
 * {@code lab/<instrumentId>/<quantity path>}; on the same connection, receiving an instrument's commands and
 * publishing its replies and run states.
 */
package org.nanoos.labhub.simulator.mqtt;
