/** Load generation for the ingest benchmark: many hub-JSON readings at QoS 1, as fast as the broker takes them. */
package org.nanoos.labhub.simulator.load;
