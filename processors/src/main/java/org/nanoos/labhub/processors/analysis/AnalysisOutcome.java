package org.nanoos.labhub.processors.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One analysis done: what kind, how, with what, and what came out — a result with its headline figure, or the
 * reason the data did not allow it.
 *
 * @param kind        e.g. {@code xrd.pattern}
 * @param method      the method in words (from the analysis itself)
 * @param parameters  the inputs besides the data: wavelength, thickness, mass, … and where each came from
 * @param result      the analysis as JSON, or {@code null} when refused
 * @param error       why it was refused, or {@code null}
 * @param headline    what {@code value} is, e.g. {@code lattice constant a}
 * @param value       the headline figure, or {@code null}
 * @param uncertainty its standard uncertainty, or {@code null}
 * @param unit        its UCUM unit
 */
public record AnalysisOutcome(String kind, String method, ObjectNode parameters, JsonNode result, String error,
        String headline, Double value, Double uncertainty, String unit) {

    static AnalysisOutcome refused(String kind, String method, ObjectNode parameters, String error) {
        return new AnalysisOutcome(kind, method, parameters, null, error, null, null, null, null);
    }

    /** Whether the analysis produced a result. */
    public boolean ok() {
        return result != null;
    }
}
