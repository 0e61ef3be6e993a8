package org.nanoos.labhub.simulator.pcm;

/**
 * A phase-change film between two probes: the electrical behaviour of its amorphous and crystalline phases and the
 * kinetics of crystallization.
 *
 * <ul>
 *   <li>Amorphous phase, a semiconductor with the Fermi level pinned near mid-gap:
 *       {@code R_a(T) = R0 exp(Eg/(2 k_B T))}, so {@code ln R_a} is linear in 1/T with slope {@code Eg/(2 k_B)}.
 *       R0 is fixed by the configured resistance at the reference temperature.</li>
 *   <li>Crystalline (rock-salt) phase: {@code R_c(T) = (R_a(T_ref)/contrast) exp((E_c,cond/k_B)(1/T − 1/T_ref))},
 *       lower by the configured contrast at the reference temperature and only weakly activated.</li>
 *   <li>Crystallization: Johnson–Mehl–Avrami–Kolmogorov, {@code x = 1 − exp(−Θⁿ)} with
 *       {@code Θ = ∫ k(T(t)) dt} and {@code k = ν exp(−E_x/(k_B T))}; at constant temperature {@code Θ = k t} and
 *       this is the isothermal {@code x = 1 − exp(−(k t)ⁿ)}. Integrating k along the programme (the additivity rule;
 *       Mittemeijer, J. Mater. Sci. 27, 3977 (1992)) makes the transition temperature depend on the heating rate as
 *       Kissinger's {@code ln(β/T_p²) = −E_x/(k_B T_p) + ln(ν k_B/E_x)} (Anal. Chem. 29, 1702 (1957)).</li>
 * </ul>
 *
 * @param name                          a short label for logs
 * @param mobilityGapEv                 Eg in {@code R_a ∝ exp(Eg/(2 k_B T))}, eV (conduction activation energy Eg/2)
 * @param amorphousResistanceOhm        amorphous resistance at the reference temperature, Ω
 * @param referenceTemperatureK         reference temperature of the resistances and the contrast, K
 * @param resistanceContrast            {@code R_a/R_c} at the reference temperature
 * @param crystallineActivationEv       activation energy of the crystalline phase's resistance, eV
 * @param crystallizationActivationEv   activation energy E_x of the crystallization rate, eV
 * @param attemptFrequencyPerS          prefactor ν of the crystallization rate, 1/s
 * @param avramiExponent                Avrami exponent n
 */
public record PhaseChangeFilm(String name, double mobilityGapEv, double amorphousResistanceOhm,
                              double referenceTemperatureK, double resistanceContrast, double crystallineActivationEv,
                              double crystallizationActivationEv, double attemptFrequencyPerS, double avramiExponent) {

    /** Boltzmann constant, eV/K (CODATA 2018, from the exact SI value 1.380649e-23 J/K). */
    public static final double BOLTZMANN_EV_PER_K = 8.617333262e-5;

    /** Checks for a name and positive, finite parameters; the crystalline phase must conduct better. */
    public PhaseChangeFilm {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("film needs a name");
        }
        for (double value : new double[] {mobilityGapEv, amorphousResistanceOhm, referenceTemperatureK,
                crystallizationActivationEv, attemptFrequencyPerS, avramiExponent}) {
            if (!(value > 0) || Double.isInfinite(value)) {
                throw new IllegalArgumentException("gap, resistance, temperature, activation energy, attempt frequency"
                        + " and Avrami exponent must be positive and finite");
            }
        }
        if (!(resistanceContrast > 1) || Double.isInfinite(resistanceContrast)) {
            throw new IllegalArgumentException("resistance contrast must exceed 1, was " + resistanceContrast);
        }
        if (!(crystallineActivationEv >= 0) || Double.isInfinite(crystallineActivationEv)) {
            throw new IllegalArgumentException("crystalline activation energy must be non-negative");
        }
    }

    /**
     * Ge<sub>2</sub>Sb<sub>2</sub>Te<sub>5</sub>:
     * <ul>
     *   <li>{@code Eg = 0.74 eV}, the optical gap of amorphous GST, so the amorphous resistance is activated with
     *       0.37 eV (Kato &amp; Tanaka, Jpn. J. Appl. Phys. 44, 7340 (2005), who measured the 0.74 eV gap, a
     *       conductivity activation energy of 0.45 eV and a thermopower activation energy of 0.3 eV);</li>
     *   <li>{@code R_a(300 K) = 10 MΩ}, a two-probe film resistance (it only sets the scale of the geometry);</li>
     *   <li>contrast 1000 at 300 K, the three orders of magnitude of the amorphous-to-rock-salt transition, and a
     *       weakly activated crystalline phase, 0.03 eV (a representative value; Kato &amp; Tanaka found 0.14 eV for the
     *       cubic phase of their films);</li>
     *   <li>{@code E_x = 2.24 eV}, the Kissinger activation energy of the amorphous-to-rock-salt crystallization from
     *       resistance measurements (Friedrich et al., J. Appl. Phys. 87, 4130 (2000));</li>
     *   <li>{@code n = 3}, within the 2–4 of nucleation-and-growth kinetics (Avrami, J. Chem. Phys. 8, 212
     *       (1940));</li>
     *   <li>ν calibrated so that the Kissinger peak is at 150 °C for 10 K/min (see
     *       {@link #attemptFrequencyForPeak}), the temperature at which GST films crystallize at such rates
     *       (Friedrich et al.: around 140 °C); about 1e25 s⁻¹.</li>
     * </ul>
     */
    public static PhaseChangeFilm ge2Sb2Te5() {
        double ex = 2.24;
        return new PhaseChangeFilm("Ge2Sb2Te5", 0.74, 1.0e7, 300.0, 1.0e3, 0.03, ex,
                attemptFrequencyForPeak(ex, 10.0 / 60.0, 423.15), 3.0);
    }

    /**
     * The attempt frequency that puts the Kissinger peak at {@code peakK} for a heating rate β:
     * {@code ν = β E_x/(k_B T_p²) exp(E_x/(k_B T_p))}, i.e. {@code Θ(T_p) = 1} in the asymptotic approximation
     * {@code Θ ≈ ν k_B T²/(β E_x) exp(−E_x/(k_B T))} of the temperature integral.
     */
    public static double attemptFrequencyForPeak(double activationEv, double heatingRateKPerS, double peakK) {
        double kt = BOLTZMANN_EV_PER_K * peakK;
        return heatingRateKPerS * activationEv / (kt * peakK) * Math.exp(activationEv / kt);
    }

    /** The same film with another resistance contrast. */
    public PhaseChangeFilm withResistanceContrast(double contrast) {
        return new PhaseChangeFilm(name, mobilityGapEv, amorphousResistanceOhm, referenceTemperatureK, contrast,
                crystallineActivationEv, crystallizationActivationEv, attemptFrequencyPerS, avramiExponent);
    }

    /** The same film with another Avrami exponent. */
    public PhaseChangeFilm withAvramiExponent(double n) {
        return new PhaseChangeFilm(name, mobilityGapEv, amorphousResistanceOhm, referenceTemperatureK,
                resistanceContrast, crystallineActivationEv, crystallizationActivationEv, attemptFrequencyPerS, n);
    }

    /** Amorphous-phase resistance {@code R0 exp(Eg/(2 k_B T))}, Ω. */
    public double amorphousResistanceOhm(double temperatureK) {
        requirePositive(temperatureK);
        return amorphousResistanceOhm * Math.exp(mobilityGapEv / (2.0 * BOLTZMANN_EV_PER_K)
                * (1.0 / temperatureK - 1.0 / referenceTemperatureK));
    }

    /** Crystalline-phase resistance, Ω. */
    public double crystallineResistanceOhm(double temperatureK) {
        requirePositive(temperatureK);
        return amorphousResistanceOhm / resistanceContrast * Math.exp(crystallineActivationEv / BOLTZMANN_EV_PER_K
                * (1.0 / temperatureK - 1.0 / referenceTemperatureK));
    }

    /** Crystallization rate constant {@code k = ν exp(−E_x/(k_B T))}, 1/s. */
    public double crystallizationRatePerS(double temperatureK) {
        requirePositive(temperatureK);
        return attemptFrequencyPerS * Math.exp(-crystallizationActivationEv / (BOLTZMANN_EV_PER_K * temperatureK));
    }

    /** Crystallized fraction {@code 1 − exp(−Θⁿ)} for the integrated rate Θ. */
    public double crystallineFraction(double integratedRate) {
        if (!(integratedRate >= 0)) {
            throw new IllegalArgumentException("integrated rate must be non-negative, was " + integratedRate);
        }
        return -Math.expm1(-Math.pow(integratedRate, avramiExponent));
    }

    /** Resistance of the film with crystallized fraction x at temperature T (Bruggeman medium), Ω. */
    public double resistanceOhm(double temperatureK, double crystallineFraction) {
        double conductance = EffectiveMedium.bruggeman(1.0 / amorphousResistanceOhm(temperatureK),
                1.0 / crystallineResistanceOhm(temperatureK), crystallineFraction);
        return 1.0 / conductance;
    }

    private static void requirePositive(double temperatureK) {
        if (!(temperatureK > 0) || Double.isInfinite(temperatureK)) {
            throw new IllegalArgumentException("temperature must be positive and finite, was " + temperatureK);
        }
    }
}
