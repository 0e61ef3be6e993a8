package org.nanoos.labhub.simulator.cvd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import org.junit.jupiter.api.Test;

class PolysiliconKineticsTest {

    private static final double DELTA = 0.02; // boundary layer, m
    private final PolysiliconKinetics kinetics = PolysiliconKinetics.silaneInNitrogen();

    @Test
    void should_follow_arrhenius_in_the_surface_rate_constant() {
        double t1 = 850.0;
        double t2 = 900.0;
        double expected = Math.exp(-kinetics.activationEnergyEv() / PolysiliconKinetics.BOLTZMANN_EV_PER_K
                * (1 / t1 - 1 / t2));

        assertThat(kinetics.surfaceRateConstant(t1) / kinetics.surfaceRateConstant(t2)).isCloseTo(expected,
                withinPercentage(1e-9));
    }

    @Test
    void should_grow_with_the_arrhenius_ratio_in_the_reaction_limited_regime() {
        // LPCVD, 40 Pa: h_g ~ 10 m/s >> k_s ~ 4e-3 m/s, so 1/G ≈ 1/(k_s C) and G ∝ exp(-Ea/kT) · C.
        // At fixed total pressure C = p/(kT) adds the factor T1/T2 to the ratio G(T2)/G(T1).
        double t1 = 850.0;
        double t2 = 900.0;
        double arrhenius = Math.exp(-kinetics.activationEnergyEv() / PolysiliconKinetics.BOLTZMANN_EV_PER_K
                * (1 / t2 - 1 / t1));
        double ratio = kinetics.growthVelocity(t2, 40.0, 0.7, DELTA) / kinetics.growthVelocity(t1, 40.0, 0.7, DELTA);

        assertThat(kinetics.surfaceRateConstant(900.0))
                .isLessThan(1e-3 * kinetics.massTransferCoefficient(900.0, 40.0, DELTA));
        assertThat(ratio).isCloseTo(arrhenius * t1 / t2, withinPercentage(0.1));
    }

    @Test
    void should_reach_a_transport_limited_plateau_at_high_temperature() {
        // Atmospheric pressure, 1 % silane: h_g ~ 1 cm/s, so above ~1000 K the surface reaction is no longer the
        // bottleneck and the rate follows h_g C ∝ D/T ∝ T^0.75 instead of exp(-Ea/kT).
        double p = PolysiliconKinetics.STANDARD_ATMOSPHERE_PA;
        double low = kinetics.growthVelocity(1300.0, p, 0.01, DELTA);
        double high = kinetics.growthVelocity(1400.0, p, 0.01, DELTA);
        double reactionLimitedRatio = kinetics.surfaceRateConstant(1400.0) / kinetics.surfaceRateConstant(1300.0);
        double transportLimit = kinetics.massTransferCoefficient(1400.0, p, DELTA)
                * PolysiliconKinetics.precursorConcentration(p, 0.01, 1400.0) / kinetics.filmAtomDensityPerM3();

        assertThat(reactionLimitedRatio).isGreaterThan(2.5);
        assertThat(high / low).isBetween(1.0, 1.1);
        assertThat(high).isCloseTo(transportLimit, withinPercentage(1.0));
        double apparentActivationEv = PolysiliconKinetics.BOLTZMANN_EV_PER_K * Math.log(high / low)
                / (1 / 1300.0 - 1 / 1400.0);
        assertThat(apparentActivationEv).isLessThan(0.15);
    }

    @Test
    void should_predict_measured_gas_diffusion_coefficients() {
        // Measured D12 at 101.325 kPa, CRC Handbook of Chemistry and Physics, "Diffusion in gases", from Marrero &
        // Mason, J. Phys. Chem. Ref. Data 1, 1 (1972): CH4-N2 0.208 cm²/s at 293.15 K and 0.890 at 673.15 K;
        // Ar-N2 0.190 at 293.15 K and 0.815 at 673.15 K. LJ parameters of CH4 and Ar from Svehla (1962).
        GasSpecies methane = new GasSpecies("CH4", 16.043, 3.758, 148.6);
        GasSpecies argon = new GasSpecies("Ar", 39.948, 3.542, 93.3);
        double p = PolysiliconKinetics.STANDARD_ATMOSPHERE_PA;

        assertThat(cm2PerS(methane, 293.15, p)).isCloseTo(0.208, withinPercentage(6));
        assertThat(cm2PerS(methane, 673.15, p)).isCloseTo(0.890, withinPercentage(6));
        assertThat(cm2PerS(argon, 293.15, p)).isCloseTo(0.190, withinPercentage(6));
        assertThat(cm2PerS(argon, 673.15, p)).isCloseTo(0.815, withinPercentage(6));
    }

    @Test
    void should_make_diffusion_inversely_proportional_to_pressure() {
        double atm = kinetics.diffusivity(900.0, PolysiliconKinetics.STANDARD_ATMOSPHERE_PA);
        double lpcvd = kinetics.diffusivity(900.0, 40.0);

        assertThat(lpcvd * 40.0).isCloseTo(atm * PolysiliconKinetics.STANDARD_ATMOSPHERE_PA, withinPercentage(1e-9));
    }

    @Test
    void should_give_the_typical_lpcvd_polysilicon_rate_at_620_celsius() {
        // The calibration point of the prefactor: about 10 nm/min at 620 °C and 0.2 Torr (26.7 Pa) of pure silane.
        assertThat(kinetics.growthRateNmPerMin(893.15, 26.66, 1.0, DELTA)).isCloseTo(10.0, within(0.5));
    }

    @Test
    void should_keep_the_reactive_sticking_coefficient_below_one_up_to_the_melting_point() {
        // kinetic theory bounds the deposition flux by the wall collision flux C·v̄/4
        for (double t = 600.0; t < CvdRecipe.SILICON_MELTING_POINT_K; t += 50.0) {
            assertThat(kinetics.reactiveStickingCoefficient(t)).as("at %s K", t).isBetween(0.0, 1.0);
        }
        assertThat(kinetics.reactiveStickingCoefficient(893.15)).isBetween(1e-5, 5e-5);
    }

    private static double cm2PerS(GasSpecies a, double t, double p) {
        return PolysiliconKinetics.binaryDiffusivity(a, GasSpecies.NITROGEN, t, p) * 1e4;
    }
}
