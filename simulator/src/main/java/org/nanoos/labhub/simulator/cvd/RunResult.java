package org.nanoos.labhub.simulator.cvd;

import java.util.List;

/**
 * The film one CVD run produced, measured as a metrology tool would after unloading, plus the silicon balance.
 *
 * <p>Definitions: {@code meanThicknessNm} is the area-weighted mean (film volume / wafer area);
 * {@code depositionRateNmPerMin} is that mean over the deposition time; {@code nonUniformityPercent} is the half-range
 * within-wafer non-uniformity {@code (max − min) / (2 · mean) × 100} over the radial profile (smaller is better, the
 * "± x %" of process specifications); {@code yieldPercent} is the share of the silicon atoms supplied as silane during
 * deposition that ended up in the film.
 *
 * @param runNumber               the run, from 1
 * @param recipe                  the recipe that was run
 * @param depositionSeconds       time the silane valve was open, s
 * @param meanThicknessNm         area-weighted mean film thickness, nm
 * @param depositionRateNmPerMin  mean thickness / deposition time, nm/min
 * @param nonUniformityPercent    (max − min) / (2 · mean) × 100 of the radial profile, %
 * @param yieldPercent            silicon atoms in the film / silicon atoms supplied × 100, %
 * @param siliconAtomsSupplied    silicon atoms that flowed in as silane during deposition
 * @param siliconAtomsInFilm      silicon atoms in the film (film volume × 5.0e22 cm⁻³)
 * @param radiiMm                 radial positions of the profile, centre to edge, mm
 * @param thicknessNm             film thickness at those radii, nm
 */
public record RunResult(int runNumber, CvdRecipe recipe, double depositionSeconds, double meanThicknessNm,
                        double depositionRateNmPerMin, double nonUniformityPercent, double yieldPercent,
                        double siliconAtomsSupplied, double siliconAtomsInFilm, List<Double> radiiMm,
                        List<Double> thicknessNm) {

    /** Copies the profile lists and checks they have equal length. */
    public RunResult {
        radiiMm = List.copyOf(radiiMm);
        thicknessNm = List.copyOf(thicknessNm);
        if (radiiMm.size() != thicknessNm.size()) {
            throw new IllegalArgumentException("profile radii and thicknesses differ in length");
        }
    }
}
