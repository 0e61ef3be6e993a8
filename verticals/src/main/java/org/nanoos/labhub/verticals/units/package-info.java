/**
 * UCUM unit codes to SI: parse a case-sensitive UCUM code once, then convert readings to the SI system unit with
 * plain double arithmetic. Plain Java, no Camel, no I/O.
 */
package org.nanoos.labhub.verticals.units;
