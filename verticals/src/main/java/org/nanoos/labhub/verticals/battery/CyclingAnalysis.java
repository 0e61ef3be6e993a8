package org.nanoos.labhub.verticals.battery;

import java.util.List;

/**
 * The result of a cycling analysis.
 *
 * @param method          the procedure in words: integration, how cycles were found, definitions used
 * @param options         the options as given
 * @param opening         the half that opens each cycle (resolved from {@link CycleStart#AUTO} if so)
 * @param restThresholdMa the rest threshold used, mA (NaN for step-table input, where none is needed)
 * @param cycles          every cycle in order
 * @param referenceCycle  the cycle retention is measured against, or {@code null} when no cycle is complete
 * @param fade            the fade-rate fit over the complete cycles from the reference on, or {@code null} with fewer
 *                        than three of them
 */
public record CyclingAnalysis(String method, CyclingOptions options, StepKind opening, double restThresholdMa,
                              List<CycleSummary> cycles, Integer referenceCycle, FadeFit fade) {

    /** Takes an unmodifiable copy of the cycles. */
    public CyclingAnalysis {
        cycles = List.copyOf(cycles);
    }

    /** The cycle with this number. */
    public CycleSummary cycle(int number) {
        return cycles.stream().filter(c -> c.cycle() == number).findFirst()
                .orElseThrow(() -> new BatteryAnalysisException(BatteryAnalysisException.Reason.INVALID_OPTION,
                        "no cycle " + number));
    }
}
