package org.nanoos.labhub.simulator.cvd;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * A physics model of a cold-wall single-wafer thermal CVD reactor running one recipe over and over: pump-down,
 * heat-up ramp, stabilise, deposition, cool-down, then the next wafer. Advance it in simulated time with
 * {@link #advance(double)}; it is deterministic for a given random generator and does no I/O. Not thread-safe.
 *
 * <h2>Process dynamics</h2>
 * <ul>
 *   <li>Temperature: the substrate follows the heater setpoint with a first-order lag
 *       {@code dT/dt = (T_set(t) − T)/τ_heat}; during heat-up the setpoint ramps at the recipe rate, so the substrate
 *       trails it by {@code rate × τ_heat} once the ramp is under way. With the heater off (pump-down, cool-down) it
 *       relaxes to ambient with {@code τ_cool}. While the heater is controlled, an Ornstein–Uhlenbeck jitter of a few
 *       tenths of a kelvin rides on the lag response (controller action); the thermocouple adds white noise.</li>
 *   <li>Pressure: pump-down is exponential toward base pressure ({@code τ = V/S}); from heat-up to the end of deposition
 *       the throttle valve drives it to the recipe pressure (first-order, with a small correlated jitter); in
 *       cool-down the chamber is backfilled with nitrogen to atmosphere. The gauge adds relative white noise.</li>
 *   <li>Mass-flow controllers follow their setpoint with a first-order response while their valve is open and read
 *       exactly zero when it is closed. Silane flows only during deposition; nitrogen from heat-up to unload.</li>
 * </ul>
 *
 * <h2>Deposition and precursor depletion</h2>
 * The local growth velocity is the Grove-model {@code k_eff C / N} of {@link PolysiliconKinetics}, evaluated with the
 * true (noise-free sensor, fluctuating process) temperature, pressure and flows of each integration step. The gas is
 * taken to spread radially from a central inlet across the wafer in plug flow with volumetric flow {@code Q_v}
 * (total flow converted from standard conditions to chamber temperature and pressure), well mixed across the gap.
 * Silane consumed by the film between radius r and r + dr depletes it: {@code Q_v dC = −k_eff C 2πr dr}, so
 * {@code C(r) = C₀ exp(−a r²)} with {@code a = π k_eff / Q_v}. Consequences used throughout:
 * <ul>
 *   <li>the thickness profile is {@code h(r) ∝ exp(−a r²)}, thickest at the centre;</li>
 *   <li>silicon captured by the whole wafer per second is {@code Ṅ₀ (1 − exp(−a R²))}, {@code Ṅ₀ = C₀ Q_v} the silane
 *       molecules supplied per second; film volume, mean thickness and yield all come from this one expression,
 *       so yield cannot exceed 100 %;</li>
 *   <li>for steady conditions the half-range non-uniformity is exactly {@code a R² / 2}.</li>
 * </ul>
 * Thickness integrates the growth rate over the deposition phase; nothing is deposited in any other phase.
 */
public final class CvdReactor {

    /** Standard temperature of sccm, K (0 °C). */
    public static final double STANDARD_TEMPERATURE_K = 273.15;
    /** Molecules per m³ of an ideal gas at standard conditions (Loschmidt constant at 0 °C, 101 325 Pa). */
    public static final double LOSCHMIDT_PER_M3 =
            PolysiliconKinetics.STANDARD_ATMOSPHERE_PA / (PolysiliconKinetics.BOLTZMANN_J_PER_K * STANDARD_TEMPERATURE_K);

    private static final double SCCM_TO_M3_PER_S = 1e-6 / 60.0;
    private static final double TIME_EPSILON_S = 1e-9;
    private static final double MAX_RUN_SECONDS = 7 * 24 * 3600.0;

    private final CvdRecipe recipe;
    private final CvdHardware hardware;
    private final PolysiliconKinetics kinetics;
    private final RandomGenerator random;
    private final double[] radiiM;
    private final double[] radiiMm;
    private final double[] thicknessM;
    private final ArrayDeque<RunResult> completedRuns = new ArrayDeque<>();

    private double timeS;
    private int runNumber = 1;
    private Phase phase = Phase.PUMP_DOWN;
    private double phaseTimeS;
    private double temperatureLagK;
    private double temperatureJitterK;
    private double rampSetpointK;
    private double pressureLagPa;
    private double pressureJitter;
    private double precursorFlowSccm;
    private double carrierFlowSccm;
    private double growthRateMPerS;
    private double siliconDeposited;
    private double siliconSupplied;
    private double depositionTimeS;
    private RunResult finishedFilm;

    /**
     * A reactor at power-on: wafer at ambient temperature, chamber at atmosphere, about to pump down for run 1.
     *
     * @throws IllegalArgumentException if the recipe's setpoint is not above the unload temperature
     */
    public CvdReactor(CvdRecipe recipe, CvdHardware hardware, PolysiliconKinetics kinetics, RandomGenerator random) {
        this.recipe = Objects.requireNonNull(recipe, "recipe");
        this.hardware = Objects.requireNonNull(hardware, "hardware");
        this.kinetics = Objects.requireNonNull(kinetics, "kinetics");
        this.random = Objects.requireNonNull(random, "random");
        if (!(recipe.setpointTemperatureK() > hardware.unloadTemperatureK())) {
            throw new IllegalArgumentException("setpoint " + recipe.setpointTemperatureK()
                    + " K must lie above the unload temperature " + hardware.unloadTemperatureK() + " K");
        }
        int n = hardware.profilePoints();
        this.radiiM = new double[n];
        this.radiiMm = new double[n];
        for (int i = 0; i < n; i++) {
            radiiMm[i] = recipe.waferRadiusMm() * i / (n - 1);
            radiiM[i] = radiiMm[i] * 1e-3;
        }
        this.thicknessM = new double[n];
        this.temperatureLagK = hardware.ambientTemperatureK();
        this.pressureLagPa = hardware.atmosphericPressurePa();
    }

    /** A reactor with {@link CvdHardware#singleWaferLpcvd()}, silane-in-nitrogen kinetics and a seeded generator. */
    public static CvdReactor create(CvdRecipe recipe, long seed) {
        return new CvdReactor(recipe, CvdHardware.singleWaferLpcvd(), PolysiliconKinetics.silaneInNitrogen(),
                new SplittableRandom(seed));
    }

    /**
     * Advances simulated time by {@code seconds} (in internal steps of at most {@link CvdHardware#maxStepS()}, ending
     * deposition exactly on time) and returns the state reached, with fresh sensor noise.
     */
    public ProcessSample advance(double seconds) {
        return advance(seconds, false);
    }

    /**
     * Advances like {@link #advance(double)}, but at most to the instant the run in progress is unloaded, so that a
     * tool that runs one recipe per request does not start pumping down for the next wafer; the run's result then
     * waits in {@link #takeCompletedRuns()}. The sample returned is the chamber at unload (already counting the next
     * run, in {@link Phase#PUMP_DOWN}).
     */
    public ProcessSample advanceWithinRun(double seconds) {
        return advance(seconds, true);
    }

    /**
     * Simulated seconds from power-on to the unload of the first run: what {@link #advanceWithinRun(double)} takes
     * to finish a run of this reactor's recipe. The phase changes follow the noise-free lag responses, so this is
     * the duration of every run of the recipe, to within an integration step per phase.
     */
    public static double runDurationS(CvdRecipe recipe, CvdHardware hardware, PolysiliconKinetics kinetics) {
        CvdReactor twin = new CvdReactor(recipe, hardware.noiseless(), kinetics, new SplittableRandom(0));
        while (twin.runNumber == 1) {
            if (twin.timeS > MAX_RUN_SECONDS) {
                throw new IllegalStateException("a run of '" + recipe.name() + "' would not finish within a week");
            }
            twin.advance(3600.0, true);
        }
        return twin.timeS;
    }

    private ProcessSample advance(double seconds, boolean stopAtUnload) {
        if (!(seconds >= 0) || Double.isInfinite(seconds)) {
            throw new IllegalArgumentException("seconds must be non-negative and finite, was " + seconds);
        }
        int run = runNumber;
        double remaining = seconds;
        while (remaining > TIME_EPSILON_S) {
            double dt = Math.min(remaining, hardware.maxStepS());
            if (phase == Phase.DEPOSITION) {
                dt = Math.min(dt, recipe.depositionDurationS() - phaseTimeS);
            }
            if (dt > TIME_EPSILON_S) {
                step(dt);
                remaining -= dt;
            }
            checkTransition();
            if (stopAtUnload && runNumber != run) {
                break;
            }
        }
        return sample();
    }

    /**
     * Runs until the run in progress has been unloaded and returns its result; completed runs waiting in
     * {@link #takeCompletedRuns()} are discarded.
     */
    public RunResult runToCompletion() {
        int target = runNumber;
        double start = timeS;
        while (runNumber == target) {
            if (timeS - start > MAX_RUN_SECONDS) {
                throw new IllegalStateException("run " + target + " did not finish within a week of simulated time");
            }
            advance(1.0);
        }
        RunResult result = null;
        while (!completedRuns.isEmpty()) {
            result = completedRuns.pollFirst();
        }
        return result;
    }

    /** Results of runs unloaded since the last call, oldest first; the reactor forgets them. */
    public List<RunResult> takeCompletedRuns() {
        List<RunResult> runs = new ArrayList<>(completedRuns);
        completedRuns.clear();
        return runs;
    }

    /** The state now, with fresh sensor noise; does not advance time. */
    public ProcessSample sample() {
        double temperature = temperatureK();
        double pressure = pressurePa();
        double thermocouple = temperature + hardware.thermocoupleNoiseK() * random.nextGaussian();
        double gauge = pressure * Math.max(0.0, 1.0 + hardware.gaugeNoise() * random.nextGaussian());
        double precursorReading = precursorValveOpen() ? flowReading(precursorFlowSccm) : 0.0;
        double carrierReading = carrierValveOpen() ? flowReading(carrierFlowSccm) : 0.0;
        return new ProcessSample(timeS, runNumber, phase, temperature, thermocouple, pressure, gauge,
                precursorFlowSccm, precursorReading, carrierFlowSccm, carrierReading,
                growthRateMPerS * 1e9 * 60.0, meanThicknessM() * 1e9);
    }

    /** The recipe every run uses. */
    public CvdRecipe recipe() {
        return recipe;
    }

    /** The reactor hardware. */
    public CvdHardware hardware() {
        return hardware;
    }

    /** The growth kinetics. */
    public PolysiliconKinetics kinetics() {
        return kinetics;
    }

    /** Phase of the run in progress. */
    public Phase phase() {
        return phase;
    }

    /** Number of the run in progress, from 1. */
    public int runNumber() {
        return runNumber;
    }

    /** Simulated seconds since power-on. */
    public double simulatedTimeS() {
        return timeS;
    }

    /**
     * Volumetric gas flow at chamber conditions, m³/s, for a flow in sccm: {@code Q (p₀/p)(T/T₀)}.
     */
    public static double volumetricFlowM3PerS(double sccm, double temperatureK, double pressurePa) {
        return sccm * SCCM_TO_M3_PER_S * (PolysiliconKinetics.STANDARD_ATMOSPHERE_PA / pressurePa)
                * (temperatureK / STANDARD_TEMPERATURE_K);
    }

    /** Molecules per second carried by a flow in sccm. */
    public static double moleculesPerSecond(double sccm) {
        return sccm * SCCM_TO_M3_PER_S * LOSCHMIDT_PER_M3;
    }

    /**
     * Depletion constant {@code a = π k_eff / Q_v}, m⁻², of the radial plug-flow model for the given conditions; the
     * thickness profile is {@code ∝ exp(−a r²)}.
     */
    public static double depletionConstant(PolysiliconKinetics kinetics, double boundaryLayerM, double temperatureK,
                                           double pressurePa, double totalFlowSccm) {
        double keff = kinetics.effectiveRateConstant(temperatureK, pressurePa, boundaryLayerM);
        return Math.PI * keff / volumetricFlowM3PerS(totalFlowSccm, temperatureK, pressurePa);
    }

    private double temperatureK() {
        return temperatureLagK + temperatureJitterK;
    }

    private double pressurePa() {
        return pressureLagPa * (1.0 + pressureJitter);
    }

    private boolean precursorValveOpen() {
        return phase == Phase.DEPOSITION;
    }

    private boolean carrierValveOpen() {
        return phase != Phase.PUMP_DOWN;
    }

    private boolean heaterControlled() {
        return phase == Phase.HEAT_UP || phase == Phase.STABILISE || phase == Phase.DEPOSITION;
    }

    private double flowReading(double flow) {
        return Math.max(0.0, flow + hardware.mfcNoiseSccm() * random.nextGaussian());
    }

    private void step(double dt) {
        timeS += dt;
        phaseTimeS += dt;
        stepFlows(dt);
        stepTemperature(dt);
        stepPressure(dt);
        if (phase == Phase.DEPOSITION) {
            deposit(dt);
        } else {
            growthRateMPerS = 0.0;
        }
    }

    private void stepFlows(double dt) {
        precursorFlowSccm = precursorValveOpen()
                ? relax(precursorFlowSccm, recipe.precursorFlowSccm(), dt, hardware.mfcTimeConstantS()) : 0.0;
        carrierFlowSccm = carrierValveOpen()
                ? relax(carrierFlowSccm, recipe.carrierFlowSccm(), dt, hardware.mfcTimeConstantS()) : 0.0;
    }

    private void stepTemperature(double dt) {
        double setpoint = recipe.setpointTemperatureK();
        switch (phase) {
            case HEAT_UP -> {
                double gap = setpoint - rampSetpointK;
                double slope = Math.copySign(recipe.rampRateKPerS(), gap);
                double rampTime = Math.min(dt, Math.abs(gap) / recipe.rampRateKPerS());
                temperatureLagK = followRamp(temperatureLagK, rampSetpointK, slope, rampTime,
                        hardware.heatingTimeConstantS());
                rampSetpointK = rampTime < dt ? setpoint : rampSetpointK + slope * rampTime;
                if (rampTime < dt) {
                    temperatureLagK = relax(temperatureLagK, setpoint, dt - rampTime, hardware.heatingTimeConstantS());
                }
            }
            case STABILISE, DEPOSITION ->
                    temperatureLagK = relax(temperatureLagK, setpoint, dt, hardware.heatingTimeConstantS());
            case PUMP_DOWN, COOL_DOWN -> temperatureLagK = relax(temperatureLagK, hardware.ambientTemperatureK(), dt,
                    hardware.coolingTimeConstantS());
        }
        temperatureJitterK = ornsteinUhlenbeck(temperatureJitterK,
                heaterControlled() ? hardware.temperatureFluctuationK() : 0.0, hardware.temperatureFluctuationTimeS(), dt);
    }

    private void stepPressure(double dt) {
        switch (phase) {
            case PUMP_DOWN -> pressureLagPa = relax(pressureLagPa, hardware.basePressurePa(), dt,
                    hardware.pumpTimeConstantS());
            case HEAT_UP, STABILISE, DEPOSITION -> pressureLagPa = relax(pressureLagPa, recipe.pressurePa(), dt,
                    hardware.throttleTimeConstantS());
            case COOL_DOWN -> pressureLagPa = relax(pressureLagPa, hardware.atmosphericPressurePa(), dt,
                    hardware.backfillTimeConstantS());
        }
        boolean throttled = phase == Phase.HEAT_UP || phase == Phase.STABILISE || phase == Phase.DEPOSITION;
        pressureJitter = ornsteinUhlenbeck(pressureJitter, throttled ? hardware.pressureFluctuation() : 0.0,
                hardware.pressureFluctuationTimeS(), dt);
    }

    private void deposit(double dt) {
        depositionTimeS += dt;
        double total = precursorFlowSccm + carrierFlowSccm;
        if (precursorFlowSccm <= 0.0) {
            growthRateMPerS = 0.0;
            return;
        }
        double temperature = temperatureK();
        double pressure = pressurePa();
        double boundaryLayer = hardware.boundaryLayerM();
        double keff = kinetics.effectiveRateConstant(temperature, pressure, boundaryLayer);
        double inletConcentration = PolysiliconKinetics.precursorConcentration(pressure,
                precursorFlowSccm / total, temperature);
        double a = Math.PI * keff / volumetricFlowM3PerS(total, temperature, pressure);
        double n = kinetics.filmAtomDensityPerM3();
        double centreVelocity = keff * inletConcentration / n;
        for (int i = 0; i < radiiM.length; i++) {
            thicknessM[i] += centreVelocity * Math.exp(-a * radiiM[i] * radiiM[i]) * dt;
        }
        double radius = radiiM[radiiM.length - 1];
        double supplied = moleculesPerSecond(precursorFlowSccm);
        // -expm1(-x) <= 1 in floating point too, so the film can never hold more silicon than was supplied
        double captured = -supplied * Math.expm1(-a * radius * radius);
        siliconDeposited += captured * dt;
        siliconSupplied += supplied * dt;
        growthRateMPerS = captured / (n * Math.PI * radius * radius);
    }

    private void checkTransition() {
        switch (phase) {
            case PUMP_DOWN -> {
                if (pressureLagPa <= hardware.pumpDownEndPa()) {
                    rampSetpointK = temperatureLagK;
                    enter(Phase.HEAT_UP);
                }
            }
            case HEAT_UP -> {
                if (rampSetpointK == recipe.setpointTemperatureK()) {
                    enter(Phase.STABILISE);
                }
            }
            case STABILISE -> {
                if (phaseTimeS >= hardware.minimumStabiliseS()
                        && Math.abs(temperatureLagK - recipe.setpointTemperatureK()) <= hardware.stabiliseToleranceK()) {
                    enter(Phase.DEPOSITION);
                }
            }
            case DEPOSITION -> {
                if (phaseTimeS >= recipe.depositionDurationS() - TIME_EPSILON_S) {
                    finishedFilm = filmResult();
                    growthRateMPerS = 0.0;
                    enter(Phase.COOL_DOWN);
                }
            }
            case COOL_DOWN -> {
                if (temperatureLagK <= hardware.unloadTemperatureK()) {
                    completedRuns.addLast(finishedFilm);
                    startNextRun();
                }
            }
        }
    }

    private void enter(Phase next) {
        phase = next;
        phaseTimeS = 0.0;
    }

    private void startNextRun() {
        runNumber++;
        finishedFilm = null;
        siliconDeposited = 0.0;
        siliconSupplied = 0.0;
        depositionTimeS = 0.0;
        Arrays.fill(thicknessM, 0.0);
        enter(Phase.PUMP_DOWN);
    }

    private double meanThicknessM() {
        double radius = radiiM[radiiM.length - 1];
        return siliconDeposited / kinetics.filmAtomDensityPerM3() / (Math.PI * radius * radius);
    }

    private RunResult filmResult() {
        double mean = meanThicknessM();
        double max = Double.NEGATIVE_INFINITY;
        double min = Double.POSITIVE_INFINITY;
        List<Double> profileRadiiMm = new ArrayList<>(radiiM.length);
        List<Double> profileNm = new ArrayList<>(radiiM.length);
        for (int i = 0; i < radiiM.length; i++) {
            max = Math.max(max, thicknessM[i]);
            min = Math.min(min, thicknessM[i]);
            profileRadiiMm.add(radiiMm[i]);
            profileNm.add(thicknessM[i] * 1e9);
        }
        double nonUniformity = mean > 0 ? (max - min) / (2.0 * mean) * 100.0 : 0.0;
        double atomsInFilm = siliconDeposited;
        double yield = siliconSupplied > 0 ? atomsInFilm / siliconSupplied * 100.0 : 0.0;
        double rate = mean * 1e9 / (depositionTimeS / 60.0);
        return new RunResult(runNumber, recipe, depositionTimeS, mean * 1e9, rate, nonUniformity, yield,
                siliconSupplied, atomsInFilm, profileRadiiMm, profileNm);
    }

    /** Exact step of {@code dx/dt = (target − x)/τ} over dt for a constant target. */
    private static double relax(double value, double target, double dt, double tau) {
        return target + (value - target) * Math.exp(-dt / tau);
    }

    /**
     * Exact step of {@code dx/dt = (r(t) − x)/τ} over dt for a ramping target {@code r(t) = r₀ + s t}:
     * {@code x(dt) = r(dt) − sτ + (x₀ − r₀ + sτ) e^{−dt/τ}}.
     */
    private static double followRamp(double value, double rampStart, double slope, double dt, double tau) {
        double lag = slope * tau;
        return rampStart + slope * dt - lag + (value - rampStart + lag) * Math.exp(-dt / tau);
    }

    /** Exact update of a stationary Ornstein–Uhlenbeck process with rms sigma and correlation time tau. */
    private double ornsteinUhlenbeck(double value, double sigma, double tau, double dt) {
        double decay = Math.exp(-dt / tau);
        if (sigma == 0.0) {
            return value * decay;
        }
        return value * decay + sigma * Math.sqrt(1.0 - decay * decay) * random.nextGaussian();
    }
}
