/**
 * X-ray powder diffraction analysis: from a two-column 2θ/intensity pattern of any source to background, fitted
 * pseudo-Voigt peaks with uncertainties, d-spacings, cubic or hexagonal indexing with refined cell edges, and
 * Scherrer crystallite sizes. Entry point {@link org.nanoos.labhub.verticals.xrd.XrdAnalyzer#analyze}; results are
 * records ready to be stored as JSON. The forward model that simulates patterns lives in
 * {@code org.nanoos.labhub.verticals.crystallography}. Plain Java, no Camel, no I/O.
 */
package org.nanoos.labhub.verticals.xrd;
