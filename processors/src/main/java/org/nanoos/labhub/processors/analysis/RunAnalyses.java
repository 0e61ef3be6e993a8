package org.nanoos.labhub.processors.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.nanoos.labhub.verticals.battery.CycleSummary;
import org.nanoos.labhub.verticals.battery.CyclerData;
import org.nanoos.labhub.verticals.battery.CyclingAnalysis;
import org.nanoos.labhub.verticals.battery.CyclingAnalyzer;
import org.nanoos.labhub.verticals.battery.CyclingOptions;

/**
 * The analyses of whole experiment runs, made from the scalar readings linked to a run once it has ended: a cell's
 * cycling figures from its {@code cell.voltage} and {@code cell.current} readings. Readings are paired by their
 * timestamp (a cycler publishes a sample's values with one time). The time axis is the cycler's own test time
 * ({@code cell.test_time}, as cyclers log it) where it is published, else the readings' timestamps — the two differ
 * when a run's timestamps are a time-lapse, as the simulator's sped-up runs are.
 */
public final class RunAnalyses {

    /** The run analyses: kind → the quantities it needs (the first two required, the rest used when present). */
    public static final Map<String, List<String>> KINDS = Map.of(
            "battery.cycling", List.of("cell.voltage", "cell.current", "cell.test_time"));

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

    /** Runs the analysis {@code kind} on the run's readings, keyed by quantity. */
    public static AnalysisOutcome analyse(String kind, Map<String, Readings> readings, ObjectNode runParameters,
            JsonNode metadata, ObjectNode parameters) {
        if (!"battery.cycling".equals(kind)) {
            throw new IllegalArgumentException("no run analysis " + kind);
        }
        double[][] vi = pair(readings.get("cell.voltage"), readings.get("cell.current"));
        parameters.put("pairedReadings", vi[0].length);
        double[] time;
        Readings testTime = readings.get("cell.test_time");
        if (testTime != null && testTime.values().length > 0) {
            double[][] withTime = pair(new Readings(vi[0], vi[0]), testTime);
            if (withTime[0].length != vi[0].length) {
                throw new IllegalArgumentException("cell.test_time is missing for " + (vi[0].length - withTime[0].length)
                        + " of " + vi[0].length + " samples");
            }
            time = withTime[2];
            parameters.put("timeFrom", "cell.test_time");
        } else {
            time = vi[0];
            parameters.put("timeFrom", "timestamps");
        }
        return cycling(time, vi[1], vi[2], runParameters, metadata, parameters);
    }

    private static AnalysisOutcome cycling(double[] t, double[] voltage, double[] currentA, ObjectNode run,
            JsonNode metadata, ObjectNode parameters) {
        double t0 = t.length == 0 ? 0 : t[0];
        double[] time = new double[t.length];
        double[] currentMa = new double[t.length];
        for (int i = 0; i < time.length; i++) {
            time[i] = t[i] - t0;
            currentMa[i] = currentA[i] * 1000.0;
        }
        MeasurementAnalyses.Setting mass = MeasurementAnalyses.setting(run, metadata, "activeMassG", null);
        Double massG = mass.value() == null ? null : mass.number();
        if (massG != null) {
            parameters.put("activeMassG", massG);
            parameters.put("activeMassFrom", mass.from());
        }
        CyclingOptions defaults = CyclingOptions.defaults();
        CyclingAnalysis a = CyclingAnalyzer.analyze(CyclerData.of(time, voltage, currentMa), new CyclingOptions(massG,
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
