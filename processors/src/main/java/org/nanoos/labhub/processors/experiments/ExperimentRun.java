package org.nanoos.labhub.processors.experiments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * One experiment on one instrument.
 *
 * @param id             the hub's id of the run
 * @param instrumentId   the instrument carrying it out
 * @param type           what it is for
 * @param name           what people call it
 * @param status         where it is in its life cycle
 * @param parameters     what the instrument is asked to do (passed to it as they are)
 * @param results        what the instrument reported at the end, or {@code null}
 * @param externalId     the instrument's own id for the run, once it has one
 * @param errorMessage   why it failed or was cancelled, or {@code null}
 * @param material       the material (formula or sample id) it is about, or {@code null}
 * @param structure      the structure it is about, or {@code null}
 * @param silenceTimeout how long the instrument may stay silent while running before the run fails
 * @param progress       the instrument's progress report, 0 to 1, or {@code null}
 * @param submittedBy    who submitted it, or {@code null}
 * @param submittedAt    when it was submitted
 * @param startedAt      when it was sent to the instrument (measurements from then on belong to it), or {@code null}
 * @param completedAt    when it ended, or {@code null}
 * @param lastHeardAt    when the instrument last reported on it, or {@code null}
 */
public record ExperimentRun(UUID id, String instrumentId, ExperimentType type, String name, RunStatus status,
        ObjectNode parameters, JsonNode results, String externalId, String errorMessage, String material,
        String structure, Duration silenceTimeout, Double progress, String submittedBy, Instant submittedAt,
        Instant startedAt, Instant completedAt, Instant lastHeardAt) {

    /** This run with the instrument's own id for it. */
    public ExperimentRun withExternalId(String value) {
        return new ExperimentRun(id, instrumentId, type, name, status, parameters, results, value, errorMessage,
                material, structure, silenceTimeout, progress, submittedBy, submittedAt, startedAt, completedAt,
                lastHeardAt);
    }

    /** This run last heard from at {@code value}. */
    public ExperimentRun withLastHeardAt(Instant value) {
        return new ExperimentRun(id, instrumentId, type, name, status, parameters, results, externalId, errorMessage,
                material, structure, silenceTimeout, progress, submittedBy, submittedAt, startedAt, completedAt,
                value);
    }

    /** Seconds from start to end, or {@code null} while it has not ended or never started. */
    public Double durationSeconds() {
        return startedAt == null || completedAt == null ? null
                : Duration.between(startedAt, completedAt).toNanos() / 1e9;
    }
}
