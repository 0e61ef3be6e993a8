package org.nanoos.labhub.simulator.cvd;

/**
 * A deposition recipe for the CVD reactor: what the process engineer sets. Gas flows are in sccm (standard cm³/min
 * at 0 °C and 101 325 Pa), the precursor is silane and the carrier nitrogen.
 *
 * @param name                  a short label for logs
 * @param setpointTemperatureK  substrate temperature during deposition, K
 * @param pressurePa            chamber pressure held by the throttle valve during heat-up, stabilise and deposition, Pa
 * @param precursorFlowSccm     silane flow during deposition, sccm
 * @param carrierFlowSccm       nitrogen flow from heat-up to the end of cool-down, sccm
 * @param rampRateKPerS         heat-up ramp rate of the temperature setpoint, K/s
 * @param depositionDurationS   time the silane valve is open, s
 * @param waferRadiusMm         substrate radius, mm (100 mm for a 200 mm wafer)
 */
public record CvdRecipe(String name, double setpointTemperatureK, double pressurePa, double precursorFlowSccm,
                        double carrierFlowSccm, double rampRateKPerS, double depositionDurationS,
                        double waferRadiusMm) {

    /** Melting point of silicon, K: no silicon recipe can go above it. */
    public static final double SILICON_MELTING_POINT_K = 1687.0;

    /** Checks that the recipe is physical: a setpoint below silicon's melting point, positive flows and times. */
    public CvdRecipe {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("recipe needs a name");
        }
        if (!(setpointTemperatureK > 0 && setpointTemperatureK < SILICON_MELTING_POINT_K)) {
            throw new IllegalArgumentException("setpoint temperature must be between 0 K and the melting point of silicon ("
                    + SILICON_MELTING_POINT_K + " K), was " + setpointTemperatureK);
        }
        if (!(pressurePa > 0 && pressurePa <= 2 * PolysiliconKinetics.STANDARD_ATMOSPHERE_PA)) {
            throw new IllegalArgumentException("chamber pressure must be within (0, 2 atm], was " + pressurePa + " Pa");
        }
        if (!(precursorFlowSccm > 0) || !(carrierFlowSccm >= 0) || Double.isInfinite(precursorFlowSccm + carrierFlowSccm)) {
            throw new IllegalArgumentException("precursor flow must be positive and carrier flow non-negative");
        }
        if (!(rampRateKPerS > 0) || Double.isInfinite(rampRateKPerS)) {
            throw new IllegalArgumentException("ramp rate must be positive, was " + rampRateKPerS);
        }
        if (!(depositionDurationS > 0) || Double.isInfinite(depositionDurationS)) {
            throw new IllegalArgumentException("deposition duration must be positive, was " + depositionDurationS);
        }
        if (!(waferRadiusMm > 0 && waferRadiusMm <= 225)) {
            throw new IllegalArgumentException("wafer radius must be within (0, 225] mm, was " + waferRadiusMm);
        }
    }

    /**
     * Undoped polysilicon on a 200 mm wafer: 620 °C, 40 Pa (0.3 Torr), 50 sccm SiH4 in 20 sccm N2, 2 K/s ramp,
     * 10 min of deposition; about 106 nm of film, about 24 minutes from pump-down to unload.
     */
    public static CvdRecipe polysilicon620() {
        return new CvdRecipe("poly-Si 620C", 893.15, 40.0, 50.0, 20.0, 2.0, 600.0, 100.0);
    }

    /** The same recipe at another setpoint temperature. */
    public CvdRecipe withSetpointTemperatureK(double kelvin) {
        return new CvdRecipe(name, kelvin, pressurePa, precursorFlowSccm, carrierFlowSccm, rampRateKPerS,
                depositionDurationS, waferRadiusMm);
    }

    /** The same recipe at another chamber pressure. */
    public CvdRecipe withPressurePa(double pascal) {
        return new CvdRecipe(name, setpointTemperatureK, pascal, precursorFlowSccm, carrierFlowSccm, rampRateKPerS,
                depositionDurationS, waferRadiusMm);
    }

    /** The same recipe with other gas flows. */
    public CvdRecipe withFlowsSccm(double precursor, double carrier) {
        return new CvdRecipe(name, setpointTemperatureK, pressurePa, precursor, carrier, rampRateKPerS,
                depositionDurationS, waferRadiusMm);
    }

    /** The same recipe with another deposition time. */
    public CvdRecipe withDepositionDurationS(double seconds) {
        return new CvdRecipe(name, setpointTemperatureK, pressurePa, precursorFlowSccm, carrierFlowSccm, rampRateKPerS,
                seconds, waferRadiusMm);
    }

    /** The same recipe on a substrate of another radius. */
    public CvdRecipe withWaferRadiusMm(double millimetres) {
        return new CvdRecipe(name, setpointTemperatureK, pressurePa, precursorFlowSccm, carrierFlowSccm, rampRateKPerS,
                depositionDurationS, millimetres);
    }

    /** Silane mole fraction of the gas during deposition, {@code Q_SiH4 / (Q_SiH4 + Q_N2)}. */
    public double precursorFraction() {
        return precursorFlowSccm / (precursorFlowSccm + carrierFlowSccm);
    }
}
