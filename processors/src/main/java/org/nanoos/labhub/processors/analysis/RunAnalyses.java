package org.nanoos.labhub.processors.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.nanoos.labhub.verticals.battery.CycleSummary;
import org.nanoos.labhub.verticals.battery.CyclerData;
import org.nanoos.labhub.verticals.battery.CyclingAnalysis;
import org.nanoos.labhub.verticals.battery.CyclingAnalyzer;
import org.nanoos.labhub.verticals.battery.CyclingOptions;
import org.nanoos.labhub.verticals.pcm.CrystallizationOptions;
import org.nanoos.labhub.verticals.pcm.CrystallizationTemperature;
import org.nanoos.labhub.verticals.pcm.PcmCalculator;
import org.nanoos.labhub.verticals.pcm.ResistanceSweep;

/**
 * The analyses of whole experiment runs, made from the scalar readings linked to a run once it has ended: a
 * phase-change film's crystallization temperature from its {@code pcm.temperature} and {@code pcm.resistance}
 * readings, and a cell's cycling figures from {@code cell.voltage} and {@code cell.current}. Readings of the two
 * quantities are paired by their timestamp (instruments publish a sample's values with one source time).
 */
public final class RunAnalyses {

    /** The run analyses: kind → the two quantities (x-like, y-like) it pairs. */
    public static final Map<String, List<String>> KINDS = Map.of(
            "pcm.crystallization", List.of("pcm.temperature", "pcm.resistance"),
            "battery.cycling", List.of("cell.voltage", "cell.current"));

    private RunAnalyses() {
    }

    /**
     * A scalar series of one quantity of a run.
     *
     * @param epochSeconds times, s since the epoch
     * @param values       values in SI
     */
    public record Readings(double[] epochSeconds, double[] values) {
    }

    /** Runs the analysis {@code kind} on the run's readings of its two quantities. */
    public static AnalysisOutcome analyse(String kind, Readings first, Readings second, ObjectNode runParameters,
            JsonNode metadata, ObjectNode parameters) {
        double[][] paired = pair(first, second);
        parameters.put("pairedReadings", paired[0].length);
        return switch (kind) {
            case "pcm.crystallization" -> crystallization(paired, parameters);
            case "battery.cycling" -> cycling(paired, runParameters, metadata, parameters);
            default -> throw new IllegalArgumentException("no run analysis " + kind);
        };
    }

    private static AnalysisOutcome crystallization(double[][] p, ObjectNode parameters) {
        // a sweep goes up in temperature; readings with the same temperature keep the first
        TreeMap<Double, Double> byT = new TreeMap<>();
        for (int i = 0; i < p[0].length; i++) {
            byT.putIfAbsent(p[1][i], p[2][i]);
        }
        double[] t = byT.keySet().stream().mapToDouble(Double::doubleValue).toArray();
        double[] r = byT.values().stream().mapToDouble(Double::doubleValue).toArray();
        parameters.put("sweepPoints", t.length);
        CrystallizationTemperature c = PcmCalculator.crystallizationTemperature(new ResistanceSweep(t, r),
                CrystallizationOptions.defaults());
        return new AnalysisOutcome("pcm.crystallization", c.method(), parameters, AnalysisJson.toJson(c), null,
                "crystallization temperature", c.temperatureK(), MeasurementAnalyses.finite(c.halfWidthK()), "K");
    }

    private static AnalysisOutcome cycling(double[][] p, ObjectNode run, JsonNode metadata, ObjectNode parameters) {
        double t0 = p[0].length == 0 ? 0 : p[0][0];
        double[] time = new double[p[0].length];
        double[] currentMa = new double[p[0].length];
        for (int i = 0; i < time.length; i++) {
            time[i] = p[0][i] - t0;
            currentMa[i] = p[2][i] * 1000.0;
        }
        MeasurementAnalyses.Setting mass = MeasurementAnalyses.setting(run, metadata, "activeMassG", null);
        Double massG = mass.value() == null ? null : mass.number();
        if (massG != null) {
            parameters.put("activeMassG", massG);
            parameters.put("activeMassFrom", mass.from());
        }
        CyclingOptions defaults = CyclingOptions.defaults();
        CyclingAnalysis a = CyclingAnalyzer.analyze(CyclerData.of(time, p[1], currentMa), new CyclingOptions(massG,
                defaults.restThresholdMa(), defaults.start(), defaults.referenceCycle()));
        CycleSummary last = null;
        for (CycleSummary c : a.cycles()) {
            if (c.complete() && c.retentionPercent() != null) {
                last = c;
            }
        }
        if (last == null) {
            return new AnalysisOutcome("battery.cycling", a.method(), parameters, AnalysisJson.toJson(a), null,
                    "cycles", (double) a.cycles().size(), null, "1");
        }
        return new AnalysisOutcome("battery.cycling", a.method(), parameters, AnalysisJson.toJson(a), null,
                "capacity retention after cycle " + last.cycle(), last.retentionPercent(), null, "%");
    }

    /** Rows {time, first, second} of the readings whose times match exactly, in time order. */
    static double[][] pair(Readings a, Readings b) {
        Map<Double, Double> second = new java.util.HashMap<>();
        for (int i = 0; i < b.epochSeconds().length; i++) {
            second.putIfAbsent(b.epochSeconds()[i], b.values()[i]);
        }
        double[] t = new double[a.epochSeconds().length];
        double[] x = new double[t.length];
        double[] y = new double[t.length];
        int n = 0;
        for (int i = 0; i < a.epochSeconds().length; i++) {
            Double v = second.get(a.epochSeconds()[i]);
            if (v != null && (n == 0 || a.epochSeconds()[i] > t[n - 1])) {
                t[n] = a.epochSeconds()[i];
                x[n] = a.values()[i];
                y[n] = v;
                n++;
            }
        }
        return new double[][] {Arrays.copyOf(t, n), Arrays.copyOf(x, n), Arrays.copyOf(y, n)};
    }
}
