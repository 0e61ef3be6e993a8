package org.nanoos.labhub.test;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** The hub's REST API as a test calls it: over its real HTTP server, with or without the API token. */
final class ApiClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final String token;

    ApiClient(Properties hubProperties, String token) {
        this.base = "http://localhost:" + hubProperties.getProperty("camel.server.port") + "/api";
        this.token = token;
    }

    HttpResponse<String> send(String method, String path, String body, boolean authenticated) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (authenticated) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A successful call's JSON body. */
    JsonNode json(String method, String path, String body, int expectedStatus) throws Exception {
        HttpResponse<String> r = send(method, path, body, !"GET".equals(method));
        assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isEqualTo(expectedStatus);
        return JSON.readTree(r.body());
    }

    JsonNode get(String path) throws Exception {
        return json("GET", path, null, 200);
    }

    /**
     * Waits until {@code GET path} answers with {@code field} equal to {@code value}, and returns that answer.
     */
    JsonNode awaitField(String path, String field, String value, Duration timeout) {
        java.util.concurrent.atomic.AtomicReference<JsonNode> last = new java.util.concurrent.atomic.AtomicReference<>();
        org.awaitility.Awaitility.await().atMost(timeout).until(() -> {
            last.set(get(path));
            return value.equals(last.get().get(field).asText());
        });
        return last.get();
    }

    /** The {@code field} of every element of the array {@code array} of {@code node}, e.g. the states of the events. */
    static List<String> column(JsonNode node, String array, String field) {
        List<String> out = new ArrayList<>();
        node.get(array).forEach(e -> out.add(e.get(field).asText()));
        return out;
    }

    static void assertProblem(HttpResponse<String> r, int status, String detailContains) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(r.body()).contains("\"status\":" + status).contains(detailContains);
    }
}
