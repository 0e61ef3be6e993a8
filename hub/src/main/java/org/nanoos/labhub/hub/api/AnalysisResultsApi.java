package org.nanoos.labhub.hub.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.nanoos.labhub.processors.analysis.AnalysisService;

/**
 * Stored analyses over REST: {@code GET /api/analyses?instrumentId=&runId=&measurementId=&kind=&limit=&result=true}.
 *
 * <pre>
 * curl 'http://localhost:8080/api/analyses?instrumentId=XRD-1&amp;kind=xrd.pattern&amp;limit=1&amp;result=true'
 * </pre>
 */
public final class AnalysisResultsApi {

    private final AnalysisService analyses;
    private final ObjectMapper json;

    public AnalysisResultsApi(AnalysisService analyses, ObjectMapper json) {
        this.analyses = analyses;
        this.json = json;
    }

    /** GET /api/analyses */
    public void list(Exchange exchange) throws Exception {
        String instrument = blankToNull(exchange.getMessage().getHeader("instrumentId", String.class));
        String run = blankToNull(exchange.getMessage().getHeader("runId", String.class));
        String measurement = blankToNull(exchange.getMessage().getHeader("measurementId", String.class));
        String kind = blankToNull(exchange.getMessage().getHeader("kind", String.class));
        String limitText = blankToNull(exchange.getMessage().getHeader("limit", String.class));
        boolean withResult = "true".equalsIgnoreCase(exchange.getMessage().getHeader("result", String.class));
        UUID runId = null;
        if (run != null) {
            try {
                runId = UUID.fromString(run);
            } catch (IllegalArgumentException e) {
                throw ApiProblem.badRequest("runId '" + run + "' is not a UUID");
            }
        }
        Long measurementId = null;
        if (measurement != null) {
            try {
                measurementId = Long.parseLong(measurement);
            } catch (NumberFormatException e) {
                throw ApiProblem.badRequest("measurementId '" + measurement + "' is not a whole number");
            }
        }
        int limit = 100;
        if (limitText != null) {
            try {
                limit = Integer.parseInt(limitText);
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > 1000) {
                throw ApiProblem.badRequest("limit must be a whole number from 1 to 1000, was '" + limitText + "'");
            }
        }
        ArrayNode all = json.createArrayNode();
        analyses.list(instrument, runId, measurementId, kind, limit, withResult).forEach(all::add);
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setBody(json.writeValueAsString(all));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
