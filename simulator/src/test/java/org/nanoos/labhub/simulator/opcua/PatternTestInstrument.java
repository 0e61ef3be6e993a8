package org.nanoos.labhub.simulator.opcua;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A minimal instrument for the tests of the server's generic side: on StartExperiment it publishes a 2θ grid and
 * the counts of one Gaussian peak at once, in the sub-folder {@code Pattern}, and is DONE.
 */
final class PatternTestInstrument implements SimulatedOpcUaInstrument {

    private final String id;
    private VariableSink sink;

    PatternTestInstrument(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public List<InstrumentVariable> variables() {
        return List.of(
                InstrumentVariable.of("Pattern/TwoTheta", VariableType.DOUBLE_ARRAY, new double[0],
                        EngineeringUnit.DEGREE, "Diffraction angle 2θ of each point, degrees."),
                InstrumentVariable.of("Pattern/Intensity", VariableType.DOUBLE_ARRAY, new double[0],
                        EngineeringUnit.COUNTS, "Counts at each point."),
                InstrumentVariable.of("Points", VariableType.INT32, 0, "Number of points of the last pattern."),
                InstrumentVariable.of("Shutter/Open", VariableType.BOOLEAN, false, "Whether the shutter is open."));
    }

    @Override
    public synchronized void attach(VariableSink variableSink) {
        this.sink = variableSink;
    }

    @Override
    public synchronized void detach() {
        this.sink = null;
    }

    @Override
    public synchronized void start(Map<String, Object> parameters, String runId) {
        if (!(parameters.get("points") instanceof Long points) || points < 2) {
            throw new IllegalArgumentException("points must be an integer of at least 2");
        }
        int n = points.intValue();
        double[] twoTheta = new double[n];
        double[] counts = new double[n];
        for (int i = 0; i < n; i++) {
            twoTheta[i] = 20.0 + 40.0 * i / (n - 1);
            double x = (twoTheta[i] - 40.0) / 0.5;
            counts[i] = 100.0 + 1000.0 * Math.exp(-0.5 * x * x);
        }
        Instant now = Instant.now();
        sink.publish(InstrumentVariable.RUN_ID, runId, now);
        sink.publish("Shutter/Open", true, now);
        sink.publish("Pattern/TwoTheta", twoTheta, now);
        sink.publish("Pattern/Intensity", counts, now);
        sink.publish("Points", n, now);
        sink.publish(InstrumentVariable.PROGRESS, 1.0, now);
        sink.publish(InstrumentVariable.STATUS, ExperimentStatus.DONE, now);
    }

    @Override
    public boolean abort() {
        return false;
    }
}
