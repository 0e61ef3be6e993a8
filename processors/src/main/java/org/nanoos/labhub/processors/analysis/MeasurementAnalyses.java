package org.nanoos.labhub.processors.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import org.nanoos.labhub.verticals.crystallography.Radiation;
import org.nanoos.labhub.verticals.pcm.CrystallizationOptions;
import org.nanoos.labhub.verticals.pcm.CrystallizationTemperature;
import org.nanoos.labhub.verticals.pcm.PcmCalculator;
import org.nanoos.labhub.verticals.pcm.ResistanceSweep;
import org.nanoos.labhub.verticals.synthesis.DepositionAnalysis;
import org.nanoos.labhub.verticals.synthesis.DepositionRun;
import org.nanoos.labhub.verticals.synthesis.SynthesisAnalyzer;
import org.nanoos.labhub.verticals.uvvis.TaucAnalysis;
import org.nanoos.labhub.verticals.uvvis.TaucAnalyzer;
import org.nanoos.labhub.verticals.uvvis.TaucOptions;
import org.nanoos.labhub.verticals.uvvis.UvVisSpectrum;
import org.nanoos.labhub.verticals.xrd.Indexing;
import org.nanoos.labhub.verticals.xrd.XrdAnalysis;
import org.nanoos.labhub.verticals.xrd.XrdAnalyzer;
import org.nanoos.labhub.verticals.xrd.XrdOptions;
import org.nanoos.labhub.verticals.xrd.XrdPattern;

/**
 * The analyses of single series measurements, chosen by quantity: {@code xrd.pattern} (peaks, indexing, lattice
 * constant, Scherrer), {@code uvvis.absorbance} (Tauc band gap), {@code film.thickness_profile} (thickness
 * statistics, uniformity, rate), {@code pcm.sweep} (an R(T) sweep: x temperature in K, y resistance in Ω →
 * crystallization temperature at the steepest fall of log R, on the heating part). Series arrive in SI (2θ in rad, wavelength and thickness in m) and are turned back
 * into the units the science takes. Settings the data does not carry come from the run's parameters first, then the
 * instrument's metadata, then a stated default, and the parameters say which.
 */
public final class MeasurementAnalyses {

    /** Quantities analysed one measurement at a time. */
    public static final Set<String> QUANTITIES = Set.of("xrd.pattern", "uvvis.absorbance", "film.thickness_profile",
            "pcm.sweep");

    private MeasurementAnalyses() {
    }

    /**
     * Analyses one stored series.
     *
     * @param quantity      its quantity
     * @param series        its {@code series} JSON ({@code {"x":{"values":[…]},"y":{"values":[…]}}})
     * @param runParameters the parameters of the run it belongs to, or an empty object
     * @param metadata      the instrument's metadata
     */
    public static AnalysisOutcome analyse(String quantity, JsonNode series, ObjectNode runParameters,
            JsonNode metadata, ObjectNode parameters) {
        double[] x = values(series, "x");
        double[] y = values(series, "y");
        return switch (quantity) {
            case "xrd.pattern" -> xrd(x, y, runParameters, metadata, parameters);
            case "uvvis.absorbance" -> tauc(x, y, runParameters, metadata, parameters);
            case "film.thickness_profile" -> film(y, runParameters, metadata, parameters);
            case "pcm.sweep" -> crystallization(x, y, parameters);
            default -> throw new IllegalArgumentException("no analysis for quantity " + quantity);
        };
    }

    private static AnalysisOutcome xrd(double[] xRad, double[] y, ObjectNode run, JsonNode metadata,
            ObjectNode parameters) {
        double[] twoTheta = new double[xRad.length];
        for (int i = 0; i < xRad.length; i++) {
            twoTheta[i] = Math.toDegrees(xRad[i]);
        }
        Setting radiationName = setting(run, metadata, "radiation", "CuKa1");
        Radiation radiation = switch (radiationName.text()) {
            case "CuKa1" -> Radiation.copperKAlpha1();
            case "CuKa", "CuKa12" -> Radiation.copperKAlpha12();
            default -> throw new IllegalArgumentException("radiation '" + radiationName.text() + "' is not CuKa1 or "
                    + "CuKa; set wavelengthA for another tube");
        };
        Setting wavelength = setting(run, metadata, "wavelengthA", null);
        if (wavelength.value() != null) {
            radiation = Radiation.monochromatic(wavelength.number());
            parameters.put("wavelengthA", wavelength.number());
            parameters.put("wavelengthFrom", wavelength.from());
        } else {
            parameters.put("radiation", radiationName.text());
            parameters.put("radiationFrom", radiationName.from());
        }
        parameters.put("twoThetaFromSi", "series x converted from rad to degrees");
        XrdAnalysis a = XrdAnalyzer.analyze(new XrdPattern(twoTheta, y), XrdOptions.defaults(radiation));
        Indexing ix = a.indexing();
        if (ix == null) {
            return new AnalysisOutcome("xrd.pattern", a.method(), parameters, AnalysisJson.toJson(a), null,
                    "peaks found", (double) a.peaks().size(), null, "1");
        }
        return new AnalysisOutcome("xrd.pattern", a.method(), parameters, AnalysisJson.toJson(a), null,
                "lattice constant a (" + ix.lattice() + ")", ix.aA(), finite(ix.uAA()), "Ao");
    }

    private static AnalysisOutcome tauc(double[] xM, double[] absorbance, ObjectNode run, JsonNode metadata,
            ObjectNode parameters) {
        double[] nm = new double[xM.length];
        for (int i = 0; i < xM.length; i++) {
            nm[i] = xM[i] * 1e9;
        }
        Setting thickness = setting(run, metadata, "thicknessNm", 100.0);
        parameters.put("thicknessNm", thickness.number());
        parameters.put("thicknessFrom", thickness.from());
        if ("default".equals(thickness.from())) {
            parameters.put("note", "no film thickness given: α is relative; the band gap (the Tauc line's intercept) "
                    + "does not depend on it");
        }
        TaucAnalysis a = TaucAnalyzer.analyze(UvVisSpectrum.absorbance(nm, absorbance),
                TaucOptions.defaults(thickness.number()));
        return new AnalysisOutcome("uvvis.tauc", a.method(), parameters, AnalysisJson.toJson(a), null,
                "band gap (" + a.transition() + ")", a.bandGapEv(), finite(a.uBandGapEv()), "eV");
    }

    private static AnalysisOutcome film(double[] thicknessM, ObjectNode run, JsonNode metadata,
            ObjectNode parameters) {
        double[] nm = new double[thicknessM.length];
        for (int i = 0; i < thicknessM.length; i++) {
            nm[i] = thicknessM[i] * 1e9;
        }
        Setting time = setting(run, metadata, "depositionDurationS", null);
        if (time.value() == null) {
            time = setting(run, metadata, "durationS", null);
        }
        Double seconds = time.value() == null ? null : time.number();
        if (seconds != null) {
            parameters.put("depositionTimeS", seconds);
            parameters.put("depositionTimeFrom", time.from());
        }
        DepositionAnalysis a = SynthesisAnalyzer.analyze(new DepositionRun(nm, seconds, null));
        return new AnalysisOutcome("synthesis.film", a.method(), parameters, AnalysisJson.toJson(a), null,
                "mean thickness", a.meanNm(), finite(a.standardErrorNm()), "nm");
    }

    private static AnalysisOutcome crystallization(double[] temperatureK, double[] resistanceOhm,
            ObjectNode parameters) {
        // a sweep is analysed on its heating part: up to the highest temperature, strictly increasing
        int n = 0;
        double[] t = new double[temperatureK.length];
        double[] r = new double[temperatureK.length];
        for (int i = 0; i < temperatureK.length; i++) {
            if (n > 0 && temperatureK[i] <= t[n - 1]) {
                if (temperatureK[i] < t[n - 1]) {
                    break;
                }
                continue;
            }
            t[n] = temperatureK[i];
            r[n] = resistanceOhm[i];
            n++;
        }
        parameters.put("heatingPoints", n);
        parameters.put("sweepPoints", temperatureK.length);
        CrystallizationTemperature c = PcmCalculator.crystallizationTemperature(new ResistanceSweep(
                java.util.Arrays.copyOf(t, n), java.util.Arrays.copyOf(r, n)), CrystallizationOptions.defaults());
        return new AnalysisOutcome("pcm.crystallization", c.method(), parameters, AnalysisJson.toJson(c), null,
                "crystallization temperature", c.temperatureK(), null, "K");
    }

    static double[] values(JsonNode series, String axis) {
        JsonNode v = series == null ? null : series.path(axis).get("values");
        if (v == null || !v.isArray()) {
            throw new IllegalArgumentException("the series has no " + axis + " values");
        }
        double[] out = new double[v.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode n = v.get(i);
            if (n == null || !n.isNumber()) {
                throw new IllegalArgumentException(axis + "[" + i + "] is not a number");
            }
            out[i] = n.asDouble();
        }
        return out;
    }

    static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /** A setting and where it came from: {@code run}, {@code instrument} or {@code default}. */
    record Setting(JsonNode value, String from, Object fallback) {
        String text() {
            return value != null ? value.asText() : String.valueOf(fallback);
        }

        double number() {
            double d = value != null ? value.asDouble(Double.NaN) : ((Number) fallback).doubleValue();
            if (!(d > 0) || !Double.isFinite(d)) {
                throw new IllegalArgumentException("setting from " + from + " must be a positive number, was "
                        + (value != null ? value : fallback));
            }
            return d;
        }
    }

    static Setting setting(JsonNode run, JsonNode metadata, String name, Object fallback) {
        if (run != null && run.hasNonNull(name)) {
            return new Setting(run.get(name), "run", fallback);
        }
        if (metadata != null && metadata.hasNonNull(name)) {
            return new Setting(metadata.get(name), "instrument", fallback);
        }
        return new Setting(null, "default", fallback);
    }
}
