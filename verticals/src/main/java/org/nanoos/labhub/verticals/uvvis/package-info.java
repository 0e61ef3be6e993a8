/**
 * UV-Vis analysis of thin films: absorbance or transmittance to absorption coefficient, photon energies with exact SI
 * constants, and the optical band gap by Tauc analysis for direct and indirect allowed transitions with an automatic,
 * reported choice of the linear region. Entry point {@link org.nanoos.labhub.verticals.uvvis.TaucAnalyzer#analyze};
 * results are records ready to be stored as JSON. Plain Java, no Camel, no I/O.
 */
package org.nanoos.labhub.verticals.uvvis;
