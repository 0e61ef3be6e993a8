/**
 * A physics model of a UV-Vis-NIR transmission spectrometer measuring a semiconductor thin film on a transparent
 * substrate: band-edge absorption (direct or indirect allowed transitions) with an Urbach tail, Beer–Lambert
 * absorbance, a scattering and reflection baseline and photometric noise. Plain Java, no I/O, deterministic for a
 * given random generator.
 */
package org.nanoos.labhub.simulator.uvvis;
