package org.nanoos.labhub.hub.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API's error handler: turns the exception that ended a request into an RFC 9457
 * {@code application/problem+json} answer saying what was wrong. Unexpected failures answer 500 without internals,
 * and are logged.
 */
public final class ProblemResponder implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemResponder.class);

    private final ObjectMapper json;

    public ProblemResponder(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        int status;
        String title;
        String detail;
        String reason = null;
        if (cause instanceof ApiProblem p) {
            status = p.status();
            title = p.title();
            detail = p.getMessage();
            reason = p.reason();
        } else if (cause instanceof JsonProcessingException j) {
            status = 400;
            title = "Bad request";
            detail = "the body is not valid JSON: " + j.getOriginalMessage();
        } else {
            status = 500;
            title = "Internal error";
            detail = "the hub could not complete the request; its log has the details";
            LOG.error("API request {} {} failed", exchange.getMessage().getHeader(Exchange.HTTP_METHOD),
                    exchange.getMessage().getHeader(Exchange.HTTP_URI), cause);
        }
        ObjectNode problem = json.createObjectNode();
        problem.put("type", "about:blank");
        problem.put("title", title);
        problem.put("status", status);
        problem.put("detail", detail);
        if (reason != null) {
            problem.put("reason", reason);
        }
        Object uri = exchange.getMessage().getHeader(Exchange.HTTP_PATH);
        if (uri != null) {
            problem.put("instance", uri.toString());
        }
        exchange.getMessage().removeHeaders("*", Exchange.HTTP_RESPONSE_CODE);
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/problem+json");
        if (status == 401) {
            exchange.getMessage().setHeader("WWW-Authenticate", "Bearer realm=\"labhub\"");
        }
        exchange.getMessage().setBody(json.writeValueAsString(problem));
    }
}
