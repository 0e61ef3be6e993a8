package org.nanoos.labhub.processors.experiments;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;

/**
 * What the hub learned about a run from its instrument.
 *
 * @param state    the instrument's state of the run
 * @param progress 0 to 1, or {@code null} when the instrument does not say
 * @param at       when the instrument was in that state (its own clock when it says, else the hub's)
 * @param message  the instrument's words on it, or {@code null}
 * @param results  the results it reported, or {@code null}
 */
public record Observation(InstrumentRunState state, Double progress, Instant at, String message, JsonNode results) {

    public Observation {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(at, "at");
        if (progress != null && !(progress >= 0 && progress <= 1)) {
            progress = progress.isNaN() ? null : Math.max(0, Math.min(1, progress));
        }
    }

    /** A run still going, with its progress. */
    public static Observation running(Double progress, Instant at) {
        return new Observation(InstrumentRunState.RUNNING, progress, at, null, null);
    }
}
