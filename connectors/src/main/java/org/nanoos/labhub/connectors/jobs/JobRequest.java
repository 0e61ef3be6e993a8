package org.nanoos.labhub.connectors.jobs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.UUID;

/**
 * A job to run.
 *
 * @param profileId       where
 * @param template        the job template's name (a file pair in {@code config/job-templates})
 * @param name            what people call it, or {@code null}
 * @param parameters      the template's parameters
 * @param resources       {@code nodes}, {@code tasksPerNode}, {@code cpusPerTask}, {@code memoryMb}, {@code walltime},
 *                        {@code gpusPerNode}, {@code gpuType}, {@code partition}, {@code account}, {@code qos}
 * @param inputs          input files by name
 * @param measurementId   the measurement it is made from, or {@code null}
 * @param analysisId      the analysis it is made from, or {@code null}
 * @param experimentRunId the run it is made from, or {@code null}
 */
public record JobRequest(String profileId, String template, String name, ObjectNode parameters, ObjectNode resources,
        Map<String, byte[]> inputs, Long measurementId, Long analysisId, UUID experimentRunId) {
}
