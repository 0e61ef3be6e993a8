package org.nanoos.labhub.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The instrument registry over the hub's real HTTP server, against a real PostgreSQL. */
class InstrumentApiTest extends HubTestSupport {

    private static final String TOKEN = "test-token-0123456789abcdef";
    private static final TestServers servers = TestServers.get();
    private static final String dbUrl = servers.newDatabase();
    private static final Properties properties = HubProperties.forTest(servers, "api-test", dbUrl);

    static {
        properties.setProperty("labhub.api.token", TOKEN);
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base = "http://localhost:" + properties.getProperty("camel.server.port") + "/api";

    @Override
    protected Properties hubProperties() {
        return properties;
    }

    private HttpResponse<String> send(String method, String path, String body, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertProblem(HttpResponse<String> r, int status, String detailContains) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(r.body()).contains("\"status\":" + status).contains(detailContains);
    }

    @Test
    void should_register_read_change_and_remove_instruments_and_refuse_bad_or_anonymous_requests() throws Exception {
        String xrd = "{\"id\":\"xrd-1\",\"name\":\"Powder XRD\",\"adapterType\":\"OPCUA\","
                + "\"connectionInfo\":{\"endpoint\":\"opc.tcp://xrd-pc:4840\"},\"capabilities\":[\"characterization\",\"xrd\"]}";

        assertThat(send("GET", "/instruments", null, null).body()).isEqualTo("[]");

        // changes need the token
        assertProblem(send("POST", "/instruments", xrd, null), 401, "Bearer");
        assertProblem(send("POST", "/instruments", xrd, "wrong-token-0123456789"), 401, "not valid");
        assertThat(send("GET", "/instruments", null, null).body()).isEqualTo("[]");

        HttpResponse<String> created = send("POST", "/instruments", xrd, TOKEN);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).hasValue("/api/instruments/xrd-1");
        assertThat(created.body()).contains("\"adapterType\":\"OPCUA\"", "\"status\":\"OFFLINE\"",
                "\"capabilities\":[\"characterization\",\"xrd\"]", "opc.tcp://xrd-pc:4840");
        assertThat(send("GET", "/instruments/xrd-1", null, null).body()).contains("\"name\":\"Powder XRD\"");
        assertProblem(send("POST", "/instruments", xrd, TOKEN), 409, "registered already");

        // bad requests say what was wrong
        assertProblem(send("POST", "/instruments", "{\"id\":\"bad id!\",\"name\":\"x\",\"adapterType\":\"MQTT\"}", TOKEN),
                400, "not valid");
        assertProblem(send("POST", "/instruments", "{\"id\":\"a\",\"name\":\"x\",\"adapterType\":\"TELEPATHY\"}", TOKEN),
                400, "allowed: OPCUA, MQTT, REST, SSH, SIMULATED");
        assertProblem(send("POST", "/instruments", "{\"id\":\"a\",\"name\":\"x\",\"adapterType\":\"SSH\",\"colour\":1}", TOKEN),
                400, "unknown field 'colour'");
        assertProblem(send("POST", "/instruments", "{\"id\":\"a\",\"name\":\"x\",\"adapterType\":\"SSH\","
                + "\"connectionInfo\":{\"host\":\"pc\",\"password\":\"hunter2\"}}", TOKEN), 400, "looks like a secret");
        assertProblem(send("POST", "/instruments", "{not json", TOKEN), 400, "not valid JSON");
        assertProblem(send("POST", "/instruments", "{\"id\":\"a\",\"adapterType\":\"SSH\"}", TOKEN), 400, "'name' is required");

        // change
        HttpResponse<String> updated = send("PUT", "/instruments/xrd-1",
                "{\"name\":\"Powder XRD (bay 3)\",\"adapterType\":\"OPCUA\",\"status\":\"AVAILABLE\"}", TOKEN);
        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
        assertThat(updated.body()).contains("\"status\":\"AVAILABLE\"", "bay 3");
        assertProblem(send("PUT", "/instruments/nope", "{\"name\":\"n\",\"adapterType\":\"REST\"}", TOKEN), 404, "no instrument");
        assertProblem(send("PUT", "/instruments/xrd-1", "{\"id\":\"other\",\"name\":\"n\",\"adapterType\":\"REST\"}", TOKEN),
                400, "differs");

        // an instrument with stored data is kept; one without is removed
        try (Publisher pub = new Publisher(servers.brokerUrl(), "api-test-instrument")) {
            pub.publish("lab/xrd-1/tube/current", "{\"value\":40,\"unit\":\"mA\"}");
        }
        Db db = new Db(dbUrl);
        await().atMost(Duration.ofSeconds(30)).until(() -> db.count("SELECT count(*) FROM measurements") == 1);
        assertProblem(send("DELETE", "/instruments/xrd-1", null, TOKEN), 409, "has stored measurements");
        assertThat(send("POST", "/instruments", "{\"id\":\"spare\",\"name\":\"Spare\",\"adapterType\":\"REST\"}", TOKEN)
                .statusCode()).isEqualTo(201);
        assertProblem(send("DELETE", "/instruments/spare", null, null), 401, "Bearer");
        assertThat(send("DELETE", "/instruments/spare", null, TOKEN).statusCode()).isEqualTo(204);
        assertProblem(send("GET", "/instruments/spare", null, null), 404, "no instrument 'spare'");

        // the API describes itself, so clients can be generated
        HttpResponse<String> openapi = send("GET", "/openapi.json", null, null);
        assertThat(openapi.statusCode()).isEqualTo(200);
        assertThat(openapi.body()).contains("/instruments/{id}", "Lab Hub API");
    }
}
