package org.nanoos.labhub.processors.experiments;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;

/**
 * A request to carry out a run.
 *
 * @param instrumentId   the instrument
 * @param type           what it is for
 * @param name           what people call it, or {@code null} for a generated name
 * @param parameters     what the instrument is asked to do
 * @param material       the material it is about, or {@code null}
 * @param structure      the structure it is about, or {@code null}
 * @param silenceTimeout how long the instrument may stay silent, or {@code null} for the hub's default
 */
public record SubmitRequest(String instrumentId, ExperimentType type, String name, ObjectNode parameters,
        String material, String structure, Duration silenceTimeout) {
}
