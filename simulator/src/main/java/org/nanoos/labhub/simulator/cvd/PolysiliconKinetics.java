package org.nanoos.labhub.simulator.cvd;

/**
 * Growth kinetics of polysilicon from silane (SiH<sub>4</sub> → Si + 2 H<sub>2</sub>) in the Grove model: a
 * first-order surface reaction with an Arrhenius rate constant in series with gas-phase mass transport across a
 * stagnant boundary layer. All quantities are SI unless a name says otherwise.
 *
 * <p>Model (Grove 1967, as presented in Plummer, Deal &amp; Griffin, <i>Silicon VLSI Technology</i>, 2000, ch. 9):
 * the flux of silicon atoms into the film is {@code F = C / (1/k_s + 1/h_g)}, i.e. {@code 1/F = 1/(k_s C) + 1/(h_g C)},
 * and the film grows at {@code v = F / N}, with
 * <ul>
 *   <li>{@code k_s = A exp(-Ea / (k_B T))}, the surface reaction rate constant;</li>
 *   <li>{@code h_g = D / δ}, the mass-transfer coefficient, {@code D} the binary diffusion coefficient of silane in the
 *       carrier gas (Chapman–Enskog theory, collision integral of Neufeld, Janzen &amp; Aziz, J. Chem. Phys. 57, 1100
 *       (1972)) and {@code δ} the boundary-layer thickness of the reactor;</li>
 *   <li>{@code C = p_SiH4 / (k_B T)}, {@code p_SiH4 = p_total × (silane flow / total flow)}, the silane concentration
 *       (ideal gas at the substrate temperature);</li>
 *   <li>{@code N = 5.0e22 cm⁻³}, the atomic density of silicon.</li>
 * </ul>
 *
 * <p>Default constants: {@code Ea = 1.7 eV}, the apparent activation energy of LPCVD polysilicon from silane reported
 * by T. Kamins, <i>Polycrystalline Silicon for Integrated Circuits and Displays</i>, 2nd ed. (1998), ch. 1, and within
 * the 1.6–1.7 eV range used for the reaction-limited regime of silicon CVD from silane by Plummer, Deal &amp; Griffin,
 * ch. 9. The prefactor {@code A = 1.5e7 m/s} is a calibration, not a literature value: it makes the model give about
 * 10 nm/min at 620 °C and 27 Pa (0.2 Torr) of silane, the usual order of LPCVD polysilicon deposition rates (Kamins,
 * ch. 1). As a check, the implied reactive sticking coefficient {@code k_s / (v̄/4)} is about 2e-5 at 620 °C and
 * stays below 1 up to the melting point of silicon (see {@link #reactiveStickingCoefficient(double)}).
 *
 * @param activationEnergyEv   activation energy Ea of the surface reaction, eV
 * @param preExponentialMPerS  Arrhenius prefactor A of the surface rate constant, m/s
 * @param filmAtomDensityPerM3 atomic density N of the film, m⁻³
 * @param precursor            the precursor gas (silane)
 * @param carrier              the carrier/diluent gas (nitrogen)
 */
public record PolysiliconKinetics(double activationEnergyEv, double preExponentialMPerS, double filmAtomDensityPerM3,
                                  GasSpecies precursor, GasSpecies carrier) {

    /** Boltzmann constant, J/K (exact in the 2019 SI). */
    public static final double BOLTZMANN_J_PER_K = 1.380649e-23;
    /** Boltzmann constant, eV/K. */
    public static final double BOLTZMANN_EV_PER_K = 8.617333262e-5;
    /** Avogadro constant, 1/mol (exact in the 2019 SI). */
    public static final double AVOGADRO_PER_MOL = 6.02214076e23;
    /** Standard atmosphere, Pa. */
    public static final double STANDARD_ATMOSPHERE_PA = 101_325.0;
    /** Atomic density of crystalline silicon, 5.0e22 cm⁻³, in m⁻³. */
    public static final double SILICON_ATOM_DENSITY_PER_M3 = 5.0e28;

    /** Checks for positive constants and both gases. */
    public PolysiliconKinetics {
        if (!(activationEnergyEv > 0) || !(preExponentialMPerS > 0) || !(filmAtomDensityPerM3 > 0)) {
            throw new IllegalArgumentException("activation energy, prefactor and film density must be positive");
        }
        if (precursor == null || carrier == null) {
            throw new IllegalArgumentException("precursor and carrier gas are required");
        }
    }

    /** Polysilicon from silane diluted in nitrogen, with the constants documented on the class. */
    public static PolysiliconKinetics silaneInNitrogen() {
        return new PolysiliconKinetics(1.7, 1.5e7, SILICON_ATOM_DENSITY_PER_M3, GasSpecies.SILANE, GasSpecies.NITROGEN);
    }

    /** Surface reaction rate constant {@code k_s = A exp(-Ea / k_B T)}, m/s. */
    public double surfaceRateConstant(double temperatureK) {
        requirePositive(temperatureK, "temperature");
        return preExponentialMPerS * Math.exp(-activationEnergyEv / (BOLTZMANN_EV_PER_K * temperatureK));
    }

    /**
     * Binary diffusion coefficient of the precursor in the carrier gas, m²/s, from Chapman–Enskog theory:
     * {@code D = 0.0018583 sqrt(T³ (1/M_A + 1/M_B)) / (p σ_AB² Ω_D)} cm²/s with p in atm, σ in Å,
     * {@code σ_AB = (σ_A + σ_B)/2}, {@code ε_AB = sqrt(ε_A ε_B)} and Ω_D from the Neufeld correlation.
     */
    public double diffusivity(double temperatureK, double pressurePa) {
        return binaryDiffusivity(precursor, carrier, temperatureK, pressurePa);
    }

    /** Chapman–Enskog binary diffusion coefficient of any two gases, m²/s (see {@link #diffusivity}). */
    public static double binaryDiffusivity(GasSpecies a, GasSpecies b, double temperatureK, double pressurePa) {
        requirePositive(temperatureK, "temperature");
        requirePositive(pressurePa, "pressure");
        double sigma = 0.5 * (a.sigmaAngstrom() + b.sigmaAngstrom());
        double epsilon = Math.sqrt(a.epsilonOverKKelvin() * b.epsilonOverKKelvin());
        double omega = collisionIntegral(temperatureK / epsilon);
        double massTerm = 1.0 / a.molarMassGPerMol() + 1.0 / b.molarMassGPerMol();
        double pressureAtm = pressurePa / STANDARD_ATMOSPHERE_PA;
        double cm2PerS = 0.0018583 * Math.sqrt(temperatureK * temperatureK * temperatureK * massTerm)
                / (pressureAtm * sigma * sigma * omega);
        return cm2PerS * 1e-4;
    }

    /** Diffusion collision integral Ω_D(T*) of the Lennard-Jones potential, Neufeld, Janzen &amp; Aziz (1972). */
    static double collisionIntegral(double reducedTemperature) {
        double t = reducedTemperature;
        return 1.06036 / Math.pow(t, 0.15610)
                + 0.19300 / Math.exp(0.47635 * t)
                + 1.03587 / Math.exp(1.52996 * t)
                + 1.76474 / Math.exp(3.89411 * t);
    }

    /** Gas-phase mass-transfer coefficient {@code h_g = D / δ}, m/s. */
    public double massTransferCoefficient(double temperatureK, double pressurePa, double boundaryLayerM) {
        requirePositive(boundaryLayerM, "boundary layer thickness");
        return diffusivity(temperatureK, pressurePa) / boundaryLayerM;
    }

    /** Series combination {@code k_s h_g / (k_s + h_g)} of reaction and transport, m/s. */
    public double effectiveRateConstant(double temperatureK, double pressurePa, double boundaryLayerM) {
        double ks = surfaceRateConstant(temperatureK);
        double hg = massTransferCoefficient(temperatureK, pressurePa, boundaryLayerM);
        return ks * hg / (ks + hg);
    }

    /** Precursor number concentration {@code C = x p / (k_B T)}, m⁻³, for a precursor mole fraction x. */
    public static double precursorConcentration(double pressurePa, double precursorFraction, double temperatureK) {
        requirePositive(temperatureK, "temperature");
        if (!(precursorFraction >= 0 && precursorFraction <= 1)) {
            throw new IllegalArgumentException("precursor fraction must be within [0, 1], was " + precursorFraction);
        }
        return precursorFraction * pressurePa / (BOLTZMANN_J_PER_K * temperatureK);
    }

    /**
     * Film growth velocity, m/s, where the gas above the film has the inlet composition (no depletion):
     * {@code v = k_eff C / N}.
     */
    public double growthVelocity(double temperatureK, double pressurePa, double precursorFraction, double boundaryLayerM) {
        double c = precursorConcentration(pressurePa, precursorFraction, temperatureK);
        return effectiveRateConstant(temperatureK, pressurePa, boundaryLayerM) * c / filmAtomDensityPerM3;
    }

    /** {@link #growthVelocity} in nm/min. */
    public double growthRateNmPerMin(double temperatureK, double pressurePa, double precursorFraction,
                                     double boundaryLayerM) {
        return growthVelocity(temperatureK, pressurePa, precursorFraction, boundaryLayerM) * 1e9 * 60.0;
    }

    /** Mean thermal speed {@code v̄ = sqrt(8 k_B T / (π m))} of the precursor molecules, m/s. */
    public double meanThermalSpeed(double temperatureK) {
        requirePositive(temperatureK, "temperature");
        double massKg = precursor.molarMassGPerMol() * 1e-3 / AVOGADRO_PER_MOL;
        return Math.sqrt(8.0 * BOLTZMANN_J_PER_K * temperatureK / (Math.PI * massKg));
    }

    /**
     * Fraction of precursor wall collisions that deposit an atom, {@code k_s / (v̄/4)}; kinetic theory bounds it by 1,
     * so it is a plausibility check of the Arrhenius constants.
     */
    public double reactiveStickingCoefficient(double temperatureK) {
        return surfaceRateConstant(temperatureK) / (meanThermalSpeed(temperatureK) / 4.0);
    }

    private static void requirePositive(double value, String what) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(what + " must be positive and finite, was " + value);
        }
    }
}
