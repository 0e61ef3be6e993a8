package org.nanoos.labhub.connectors.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.UUID;

/**
 * A computational job as the hub keeps it.
 *
 * @param id              the hub's id
 * @param profileId       where it runs
 * @param template        the job template's name
 * @param name            what people call it
 * @param parameters      the template's parameters
 * @param resources       what it asks for
 * @param token           its submission token
 * @param state           {@code SUBMITTING} while the hub stages and submits it, then SLURM's state names
 * @param schedulerJobId  the scheduler's id, once submitted
 * @param scratchDir      its directory
 * @param exitCode        {@code code:signal} when known
 * @param error           what went wrong, when something did
 * @param explanation     what to change, when the scheduler refused or the job failed for a known reason
 * @param stdoutTail      the end of its standard output
 * @param stderrTail      the end of its standard error
 * @param results         what the result parser read (total energy, …), or {@code null}
 * @param measurementId   the measurement it was made from, or {@code null}
 * @param analysisId      the analysis it was made from, or {@code null}
 * @param experimentRunId the run it was made from, or {@code null}
 * @param submittedAt     when it was submitted to the hub
 * @param startedAt       when it was seen running
 * @param endedAt         when it was seen ended
 */
public record Job(UUID id, String profileId, String template, String name, ObjectNode parameters, ObjectNode resources,
        String token, String state, String schedulerJobId, String scratchDir, String exitCode, String error,
        String explanation, String stdoutTail, String stderrTail, JsonNode results, Long measurementId,
        Long analysisId, UUID experimentRunId, Instant submittedAt, Instant startedAt, Instant endedAt) {

    /** The state while the hub stages and submits. */
    public static final String SUBMITTING = "SUBMITTING";

    /** Whether the job has ended (a final SLURM state, or refused before it was submitted). */
    public boolean ended() {
        return endedAt != null;
    }
}
