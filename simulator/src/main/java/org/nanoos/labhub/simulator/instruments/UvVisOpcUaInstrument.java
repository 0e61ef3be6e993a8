package org.nanoos.labhub.simulator.instruments;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.nanoos.labhub.simulator.opcua.EngineeringUnit;
import org.nanoos.labhub.simulator.opcua.InstrumentVariable;
import org.nanoos.labhub.simulator.opcua.VariableType;
import org.nanoos.labhub.simulator.uvvis.SpectrumPoint;
import org.nanoos.labhub.simulator.uvvis.ThinFilm;
import org.nanoos.labhub.simulator.uvvis.UvVisSpectrometer;

/**
 * A simulated UV-Vis-NIR transmission spectrometer on the OPC UA server: StartExperiment takes the film and the scan
 * as JSON (see {@link UvVisParameters}), and a {@link UvVisSpectrometer} (Beer–Lambert absorbance of the film's
 * absorption edge, baseline and photometric noise) scans point by point in sped-up time.
 *
 * <p>Variables below {@code Lab/<id>}: while scanning, {@code Monochromator/Wavelength} (nm) and
 * {@code Detector/Absorbance} of the last point, with {@code Progress}; at the start of a run
 * {@code Sample/Material}, {@code Sample/BandGap} (eV) and {@code Sample/Thickness} (nm); at the end the spectrum,
 * {@code Spectrum/Wavelength} (nm, UNECE {@code C45}), {@code Spectrum/Absorbance} and
 * {@code Spectrum/Transmittance} (dimensionless, {@code C62}) as Double arrays of equal length in scan order, with
 * {@code Spectrum/Points} and {@code LastRunId}, all with the same source timestamp. An aborted scan publishes no
 * spectrum.
 *
 * <pre>{@code
 * var uvvis = new UvVisOpcUaInstrument("UVVIS-1");   // a 500 nm GaAs film unless told otherwise
 * // call Lab/UVVIS-1/StartExperiment with {"material":"Si","thicknessNm":2000,"startNm":1200,"endNm":800}
 * }</pre>
 */
public final class UvVisOpcUaInstrument extends ExperimentInstrument {

    /** Wavelength the monochromator is at, nm. */
    public static final String MONOCHROMATOR_WAVELENGTH = "Monochromator/Wavelength";
    /** Absorbance of the last point measured. */
    public static final String DETECTOR_ABSORBANCE = "Detector/Absorbance";
    /** Label of the film of the current or last run. */
    public static final String SAMPLE_MATERIAL = "Sample/Material";
    /** Band gap of the film as configured, eV. */
    public static final String SAMPLE_BAND_GAP = "Sample/BandGap";
    /** Thickness of the film as configured, nm. */
    public static final String SAMPLE_THICKNESS = "Sample/Thickness";
    /** Wavelengths of the last complete spectrum, nm, in scan order. */
    public static final String SPECTRUM_WAVELENGTH = "Spectrum/Wavelength";
    /** Decadic absorbance at each wavelength of the last complete spectrum. */
    public static final String SPECTRUM_ABSORBANCE = "Spectrum/Absorbance";
    /** Transmittance 10^−A at each wavelength of the last complete spectrum. */
    public static final String SPECTRUM_TRANSMITTANCE = "Spectrum/Transmittance";
    /** Number of points of the last complete spectrum. */
    public static final String SPECTRUM_POINTS = "Spectrum/Points";
    /** Id of the run that measured the spectrum in {@code Spectrum/*}. */
    public static final String LAST_RUN_ID = "LastRunId";

    private final UvVisParameters defaults;
    private final SplittableRandom seeds;

    /** A spectrometer measuring a {@link UvVisParameters#galliumArsenide() GaAs film} unless told otherwise. */
    public UvVisOpcUaInstrument(String id) {
        this(id, UvVisParameters.galliumArsenide());
    }

    /** A spectrometer whose StartExperiment parameters default to {@code defaults}. */
    public UvVisOpcUaInstrument(String id, UvVisParameters defaults) {
        this(id, defaults, DEFAULT_TICK_INTERVAL, Clock.systemUTC(), System.nanoTime());
    }

    /** A spectrometer with its own clock and noise seeds (tests). */
    UvVisOpcUaInstrument(String id, UvVisParameters defaults, Duration tickInterval, Clock clock, long seed) {
        super(id, tickInterval, clock);
        this.defaults = Objects.requireNonNull(defaults, "defaults");
        this.seeds = new SplittableRandom(seed);
    }

    /** The parameters that StartExperiment's JSON overrides. */
    public UvVisParameters defaults() {
        return defaults;
    }

    @Override
    public String description() {
        return "Simulated UV-Vis-NIR spectrometer with a semiconductor film in the beam; StartExperiment "
                + "{\"material\":\"GaAs\",\"thicknessNm\":500,\"startNm\":1100,\"endNm\":700,\"stepNm\":1,"
                + "\"speedUp\":10}";
    }

    @Override
    public List<InstrumentVariable> variables() {
        ThinFilm film = defaults.film();
        return List.of(
                InstrumentVariable.of(MONOCHROMATOR_WAVELENGTH, VariableType.DOUBLE, defaults.config().startNm(),
                        EngineeringUnit.NANOMETRE, "Wavelength the monochromator is at, nm."),
                InstrumentVariable.of(DETECTOR_ABSORBANCE, VariableType.DOUBLE, 0.0, EngineeringUnit.ONE,
                        "Decadic absorbance of the last point measured."),
                InstrumentVariable.of(SAMPLE_MATERIAL, VariableType.STRING, film.name(),
                        "Film in the beam in the current or last run."),
                InstrumentVariable.of(SAMPLE_BAND_GAP, VariableType.DOUBLE, film.bandGapEv(),
                        InstrumentUnits.ELECTRONVOLT, "Optical band gap of the film as configured, eV."),
                InstrumentVariable.of(SAMPLE_THICKNESS, VariableType.DOUBLE, film.thicknessNm(),
                        EngineeringUnit.NANOMETRE, "Film thickness as configured, nm."),
                InstrumentVariable.of(SPECTRUM_WAVELENGTH, VariableType.DOUBLE_ARRAY, new double[0],
                        EngineeringUnit.NANOMETRE, "Wavelengths of the last complete spectrum in scan order, nm."),
                InstrumentVariable.of(SPECTRUM_ABSORBANCE, VariableType.DOUBLE_ARRAY, new double[0],
                        EngineeringUnit.ONE, "Decadic absorbance at each wavelength of the last complete "
                                + "spectrum; same source time as Spectrum/Wavelength."),
                InstrumentVariable.of(SPECTRUM_TRANSMITTANCE, VariableType.DOUBLE_ARRAY, new double[0],
                        EngineeringUnit.ONE, "Transmittance 10^-A at each wavelength of the last complete "
                                + "spectrum."),
                InstrumentVariable.of(SPECTRUM_POINTS, VariableType.INT32, 0,
                        "Number of points of the last complete spectrum."),
                InstrumentVariable.of(LAST_RUN_ID, VariableType.STRING, "",
                        "Run id of the last complete scan, whose spectrum Spectrum/* holds."));
    }

    @Override
    ExperimentRun prepare(Map<String, Object> parameters) {
        UvVisParameters run = UvVisParameters.parse(parameters, defaults);
        long seed = run.seed() != null ? run.seed() : seeds.nextLong();
        return new Scan(run, UvVisSpectrometer.create(run.film(), run.config(), seed));
    }

    /** One wavelength scan. */
    private static final class Scan implements ExperimentRun {

        private final UvVisParameters parameters;
        private final UvVisSpectrometer spectrometer;
        private final double[] wavelength;
        private final double[] absorbance;
        private final double[] transmittance;
        private int measured;

        Scan(UvVisParameters parameters, UvVisSpectrometer spectrometer) {
            this.parameters = parameters;
            this.spectrometer = spectrometer;
            int n = spectrometer.pointCount();
            this.wavelength = new double[n];
            this.absorbance = new double[n];
            this.transmittance = new double[n];
        }

        @Override
        public double durationS() {
            return parameters.durationS();
        }

        @Override
        public double speedUp() {
            return parameters.speedUp();
        }

        @Override
        public void begin(RunContext context) {
            Instant now = context.instantAt(0);
            ThinFilm film = parameters.film();
            context.publish(SAMPLE_MATERIAL, film.name(), now);
            context.publish(SAMPLE_BAND_GAP, film.bandGapEv(), now);
            context.publish(SAMPLE_THICKNESS, film.thicknessNm(), now);
            context.publish(MONOCHROMATOR_WAVELENGTH, parameters.config().startNm(), now);
        }

        @Override
        public void advanceTo(double elapsedS, RunContext context) {
            int done = (int) Math.min(wavelength.length, Math.floor(elapsedS / parameters.pointTimeS() + 1e-9));
            if (done <= measured) {
                return;
            }
            SpectrumPoint last = null;
            for (int i = measured; i < done; i++) {
                last = spectrometer.measurePoint(i);
                wavelength[i] = last.wavelengthNm();
                absorbance[i] = last.absorbance();
                transmittance[i] = last.transmittance();
            }
            measured = done;
            Instant at = context.instantAt(done * parameters.pointTimeS());
            context.publish(MONOCHROMATOR_WAVELENGTH, last.wavelengthNm(), at);
            context.publish(DETECTOR_ABSORBANCE, last.absorbance(), at);
        }

        @Override
        public void complete(RunContext context) {
            Instant at = context.instantAt(durationS());
            context.publish(SPECTRUM_WAVELENGTH, Arrays.copyOf(wavelength, measured), at);
            context.publish(SPECTRUM_ABSORBANCE, Arrays.copyOf(absorbance, measured), at);
            context.publish(SPECTRUM_TRANSMITTANCE, Arrays.copyOf(transmittance, measured), at);
            context.publish(SPECTRUM_POINTS, measured, at);
            context.publish(LAST_RUN_ID, context.runId(), at);
        }
    }
}
