package org.nanoos.labhub.verticals.pcm;

import org.nanoos.labhub.verticals.pcm.PcmAnalysisException.Reason;

/**
 * The stated heat model of a melt-quench (RESET) pulse, in SI units. See {@link PcmCalculator#switchingEnergy} for
 * the assumptions.
 *
 * @param volumeM3              programmed (molten) volume, m³
 * @param densityKgPerM3        density of the phase-change material, kg/m³
 * @param specificHeatJPerKgK   specific heat capacity c_p, J/(kg·K), taken constant from ambient to melting
 * @param ambientK              starting temperature, K
 * @param meltingK              melting temperature, K (above ambient)
 * @param latentHeatJPerKg      specific latent heat of fusion, J/kg (≥ 0)
 * @param efficiency            fraction of the electrical pulse energy that ends up in the programmed volume, in (0, 1]
 */
public record SwitchingHeatModel(double volumeM3, double densityKgPerM3, double specificHeatJPerKgK, double ambientK,
                                 double meltingK, double latentHeatJPerKg, double efficiency) {

    /** Checks every parameter, naming the one at fault. */
    public SwitchingHeatModel {
        PcmCalculator.requirePositive(volumeM3, "volumeM3");
        PcmCalculator.requirePositive(densityKgPerM3, "densityKgPerM3");
        PcmCalculator.requirePositive(specificHeatJPerKgK, "specificHeatJPerKgK");
        PcmCalculator.requirePositive(ambientK, "ambientK");
        PcmCalculator.requirePositive(meltingK, "meltingK");
        PcmCalculator.requireFinite(latentHeatJPerKg, "latentHeatJPerKg");
        if (latentHeatJPerKg < 0) {
            throw new PcmAnalysisException(Reason.NON_POSITIVE, "latentHeatJPerKg must be ≥ 0, was "
                    + latentHeatJPerKg);
        }
        PcmCalculator.requirePositive(efficiency, "efficiency");
        if (efficiency > 1) {
            throw new PcmAnalysisException(Reason.INVALID_OPTION, "efficiency is a fraction in (0, 1], was "
                    + efficiency);
        }
        if (!(meltingK > ambientK)) {
            throw new PcmAnalysisException(Reason.INVALID_OPTION, "meltingK (" + meltingK
                    + " K) must exceed ambientK (" + ambientK + " K)");
        }
    }

    /** A model for a rectangular box of length × width × thickness, all in m. */
    public static SwitchingHeatModel box(double lengthM, double widthM, double thicknessM, double densityKgPerM3,
                                         double specificHeatJPerKgK, double ambientK, double meltingK,
                                         double latentHeatJPerKg, double efficiency) {
        PcmCalculator.requirePositive(lengthM, "lengthM");
        PcmCalculator.requirePositive(widthM, "widthM");
        PcmCalculator.requirePositive(thicknessM, "thicknessM");
        return new SwitchingHeatModel(lengthM * widthM * thicknessM, densityKgPerM3, specificHeatJPerKgK, ambientK,
                meltingK, latentHeatJPerKg, efficiency);
    }
}
