package org.nanoos.labhub.hub.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Guards the API's state-changing operations: the request must carry {@code Authorization: Bearer <token>} with
 * the hub's API token. The comparison takes the same time whatever the token, and the token never reaches a log.
 */
public final class ApiTokenAuthenticator implements Processor {

    private final byte[] token;

    /** @param token the API token; at least 16 characters */
    public ApiTokenAuthenticator(String token) {
        if (token == null || token.length() < 16) {
            throw new IllegalArgumentException("the API token must have at least 16 characters");
        }
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void process(Exchange exchange) {
        String header = exchange.getMessage().getHeader("Authorization", String.class);
        // never hand the credentials on to anything downstream
        exchange.getMessage().removeHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new ApiProblem(401, "Unauthorized",
                    "this operation changes the hub's state and needs 'Authorization: Bearer <API token>'");
        }
        byte[] given = header.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(given, token)) {
            throw new ApiProblem(401, "Unauthorized", "the API token is not valid");
        }
    }
}
