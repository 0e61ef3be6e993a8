/**
 * X-ray powder diffraction forward model: crystal structures built from a basis, Cromer–Mann atomic scattering
 * factors, structure factors, Bragg reflections with multiplicities and Lorentz-polarisation, and pseudo-Voigt
 * profiles with Caglioti and Scherrer widths plus counting noise. Plain Java, no Camel, no I/O.
 */
package org.nanoos.labhub.verticals.crystallography;
