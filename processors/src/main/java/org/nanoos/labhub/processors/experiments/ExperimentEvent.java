package org.nanoos.labhub.processors.experiments;

import java.time.Instant;
import java.util.UUID;

/**
 * A change of a run's state.
 *
 * @param runId  the run
 * @param at     when it changed
 * @param status the state it changed to
 * @param detail what happened, in words
 */
public record ExperimentEvent(UUID runId, Instant at, RunStatus status, String detail) {
}
