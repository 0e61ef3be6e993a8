/**
 * Publishing instrument readings over MQTT 5 (Eclipse Paho) in the hub's own JSON, on topics
 * {@code lab/<instrumentId>/<quantity path>}.
 */
package org.nanoos.labhub.simulator.mqtt;
