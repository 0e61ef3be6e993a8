package org.nanoos.labhub.simulator.battery;

/**
 * A LiFePO<sub>4</sub> | Li-metal half-cell: the electrode's active mass and the parameters of its voltage, its
 * polarisation and its ageing. Its nominal capacity is the active mass times the theoretical 169.9 mAh/g of
 * LiFePO<sub>4</sub> (see {@link Electrochemistry}); C-rates refer to it.
 *
 * <p>Polarisation: an ohmic resistance (electrolyte, contacts, surface films) and a shrinking-core transport
 * resistance {@code R_d (r/r_c − 1)} for lithium crossing the shell of transformed phase around the untransformed
 * core of radius {@code r_c} (steady diffusion through a spherical shell, linearised; the shrinking-core picture of
 * LiFePO<sub>4</sub> of Srinivasan &amp; Newman, J. Electrochem. Soc. 151, A1517 (2004)). It diverges as the core
 * vanishes, so at a higher current the voltage reaches its cutoff with more of the electrode unused.
 *
 * <p>Ageing, per completed cycle n (cycle 1 is the fresh cell):
 * <ul>
 *   <li>loss of active material: a fraction p of the remaining particles loses electronic contact every cycle, so
 *       the active capacity is {@code Q0 (1 − p)^(n−1)} (≈ linear fade {@code Q0 (1 − p(n−1))} for small p); the
 *       transport resistance scales with {@code Q0/Q} since fewer particles carry the same current;</li>
 *   <li>film growth: passivation films (the lithium counter electrode's SEI, the cathode's surface film) thicken by
 *       diffusion-limited growth, thickness ∝ √t (Ploehn, Ramadass &amp; White, J. Electrochem. Soc. 151, A456
 *       (2004)); under a fixed protocol time is proportional to the cycle count, so the ohmic resistance is
 *       {@code R0 + g √(n−1)};</li>
 *   <li>a parasitic current (electrolyte oxidation on the charged cathode) flows while charging: it is counted in
 *       the charge capacity but stores no lithium, so the coulombic efficiency is slightly below 1 and lower for
 *       slower charging.</li>
 * </ul>
 *
 * @param activeMassMg                       LiFePO<sub>4</sub> mass in the electrode, mg
 * @param plateauVoltageV                    two-phase plateau U° vs Li/Li⁺, V
 * @param interactionEnergyJPerMol           regular-solution interaction Ω, J/mol
 * @param temperatureK                       cell temperature, K
 * @param ohmicResistanceOhm                 ohmic resistance R0 of the fresh cell, Ω
 * @param transportResistanceOhm             shrinking-core resistance scale R_d of the fresh cell, Ω
 * @param resistanceGrowthOhmPerSqrtCycle    film resistance growth g, Ω per √cycle
 * @param activeMaterialLossPerCycle         fraction p of active material lost per cycle
 * @param parasiticCurrentMa                 parasitic current while charging, mA
 * @param initialLithiumFraction             lithium fraction y of the electrode as assembled (1 = fully lithiated)
 */
public record LfpCell(double activeMassMg, double plateauVoltageV, double interactionEnergyJPerMol, double temperatureK,
                      double ohmicResistanceOhm, double transportResistanceOhm, double resistanceGrowthOhmPerSqrtCycle,
                      double activeMaterialLossPerCycle, double parasiticCurrentMa, double initialLithiumFraction) {

    /** Checks for physical values. */
    public LfpCell {
        if (!(activeMassMg > 0) || !(temperatureK > 0) || !(plateauVoltageV > 0)
                || Double.isInfinite(activeMassMg + temperatureK + plateauVoltageV)) {
            throw new IllegalArgumentException("active mass, temperature and plateau voltage must be positive");
        }
        if (!(interactionEnergyJPerMol >= 0) || !(ohmicResistanceOhm >= 0) || !(transportResistanceOhm >= 0)
                || !(resistanceGrowthOhmPerSqrtCycle >= 0) || !(parasiticCurrentMa >= 0)
                || Double.isInfinite(interactionEnergyJPerMol + ohmicResistanceOhm + transportResistanceOhm
                + resistanceGrowthOhmPerSqrtCycle + parasiticCurrentMa)) {
            throw new IllegalArgumentException("interaction, resistances and parasitic current must be non-negative");
        }
        if (!(activeMaterialLossPerCycle >= 0 && activeMaterialLossPerCycle < 1)) {
            throw new IllegalArgumentException("active material loss per cycle must be within [0, 1), was "
                    + activeMaterialLossPerCycle);
        }
        if (!(initialLithiumFraction > 0 && initialLithiumFraction < 1)) {
            throw new IllegalArgumentException("initial lithium fraction must be within (0, 1), was "
                    + initialLithiumFraction);
        }
    }

    /**
     * A coin cell with 10 mg of LiFePO<sub>4</sub> (1.70 mAh nominal) at 25 °C: plateau 3.42 V, Ω = 8 kJ/mol (see
     * {@link OpenCircuitVoltage}); R0 = 15 Ω, a typical coin-cell ohmic resistance; R_d = 150 Ω, a calibration
     * (not a fit) that delivers about 99 % of the capacity at 1C and three quarters at 5C, the rate capability of
     * a good carbon-coated LFP electrode; g = 1.5 Ω/√cycle (R doubles in 100 cycles); p = 5e-4 (95 % retention
     * after 100 cycles); 0.2 µA parasitic current (coulombic efficiency about 99.9 % at C/10); assembled with
     * y = 0.999.
     */
    public static LfpCell coinCell() {
        return new LfpCell(10.0, 3.42, 8000.0, 298.15, 15.0, 150.0, 1.5, 5e-4, 2e-4, 0.999);
    }

    /** Nominal (theoretical) capacity {@code m × 169.9 mAh/g}, mAh. */
    public double nominalCapacityMah() {
        return activeMassMg * 1e-3 * Electrochemistry.lithiumIronPhosphateCapacityMahPerG();
    }

    /** Active capacity left at the start of cycle n, {@code Q0 (1 − p)^(n−1)}, mAh. */
    public double activeCapacityMah(int cycle) {
        requireCycle(cycle);
        return nominalCapacityMah() * Math.pow(1.0 - activeMaterialLossPerCycle, cycle - 1);
    }

    /** Ohmic resistance during cycle n, {@code R0 + g √(n−1)}, Ω. */
    public double ohmicResistanceOhm(int cycle) {
        requireCycle(cycle);
        return ohmicResistanceOhm + resistanceGrowthOhmPerSqrtCycle * Math.sqrt(cycle - 1);
    }

    /** Shrinking-core resistance scale during cycle n, {@code R_d Q0 / Q(n)}, Ω. */
    public double transportResistanceOhm(int cycle) {
        return transportResistanceOhm * nominalCapacityMah() / activeCapacityMah(cycle);
    }

    /** The open-circuit voltage curve of this electrode. */
    public OpenCircuitVoltage openCircuitVoltage() {
        return new OpenCircuitVoltage(plateauVoltageV, interactionEnergyJPerMol, temperatureK);
    }

    /** The same cell with other polarisation resistances (0 and 0 make an ideal, loss-free cell). */
    public LfpCell withResistances(double ohmic, double transport) {
        return new LfpCell(activeMassMg, plateauVoltageV, interactionEnergyJPerMol, temperatureK, ohmic, transport,
                resistanceGrowthOhmPerSqrtCycle, activeMaterialLossPerCycle, parasiticCurrentMa, initialLithiumFraction);
    }

    /** The same cell with other ageing parameters. */
    public LfpCell withAgeing(double growthOhmPerSqrtCycle, double lossPerCycle, double parasiticMa) {
        return new LfpCell(activeMassMg, plateauVoltageV, interactionEnergyJPerMol, temperatureK, ohmicResistanceOhm,
                transportResistanceOhm, growthOhmPerSqrtCycle, lossPerCycle, parasiticMa, initialLithiumFraction);
    }

    /** The same cell with another active mass. */
    public LfpCell withActiveMassMg(double milligrams) {
        return new LfpCell(milligrams, plateauVoltageV, interactionEnergyJPerMol, temperatureK, ohmicResistanceOhm,
                transportResistanceOhm, resistanceGrowthOhmPerSqrtCycle, activeMaterialLossPerCycle, parasiticCurrentMa,
                initialLithiumFraction);
    }

    private static void requireCycle(int cycle) {
        if (cycle < 1) {
            throw new IllegalArgumentException("cycles count from 1, was " + cycle);
        }
    }
}
