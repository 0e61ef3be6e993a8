package org.nanoos.labhub.simulator.cvdtool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nanoos.labhub.simulator.SimulatorOptions;
import org.nanoos.labhub.simulator.support.EmbeddedBroker;
import org.nanoos.labhub.simulator.support.TopicRecorder;

/**
 * The CVD tool's REST API driven over HTTP as the hub drives it, with its data read back from a real MQTT 5 broker
 * (embedded HiveMQ CE).
 */
class CvdToolServerTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    static Path brokerDir;
    static EmbeddedBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = EmbeddedBroker.start(brokerDir, 1000);
    }

    @AfterAll
    static void stopBroker() throws Exception {
        broker.close();
    }

    /** A tool publishing every 50 ms, on an ephemeral port, with or without a token. */
    private static CvdToolServer tool(String instrumentId, String token) {
        return CvdToolServer.start(SimulatorOptions.builder(broker.url()).instrumentId(instrumentId)
                        .publishInterval(Duration.ofMillis(50)).build(),
                CvdToolServer.Options.builder().port(0).token(token).build());
    }

    @Test
    void should_run_a_requested_recipe_to_done_with_the_film_results_it_published() throws Exception {
        try (TopicRecorder recorder = TopicRecorder.subscribe(broker.url(), "lab/cvd-r1/#");
             CvdToolServer server = tool("cvd-r1", null)) {
            assertThat(server.port()).isPositive();
            assertThat(server.baseUri().toString()).isEqualTo("http://127.0.0.1:" + server.port());

            // about 24 minutes of process at 3000x: half a second
            Response created = post(server, "/api/runs",
                    "{\"run\":\"hub-1\",\"parameters\":{\"temperatureC\":630,\"speedUp\":3000}}", null);

            assertThat(created.status()).isEqualTo(201);
            assertThat(created.contentType()).isEqualTo("application/json");
            String id = created.json().get("id").asText();
            assertThat(id).matches("cvd-r1-[0-9a-z]+-1");
            assertThat(created.location()).isEqualTo("/api/runs/" + id);
            assertThat(created.json().get("run").asText()).isEqualTo("hub-1");
            assertThat(created.json().get("state").asText()).isEqualTo("RUNNING");
            assertThat(created.json().get("progress").asDouble()).isBetween(0.0, 1.0);
            assertThat(created.json().get("endedAt").isNull()).isTrue();
            assertThat(created.json().get("results").isNull()).isTrue();
            assertThat(created.json().get("parameters").get("setpointTemperatureK").asDouble())
                    .isCloseTo(903.15, within(1e-9));
            assertThat(created.json().get("parameters").get("pressurePa").asDouble()).isEqualTo(40.0);

            await().atMost(WAIT).until(() -> get(server, created.location(), null).json().get("state").asText()
                    .equals("DONE"));
            JsonNode done = get(server, created.location(), null).json();
            assertThat(done.get("id").asText()).isEqualTo(id);
            assertThat(done.get("run").asText()).isEqualTo("hub-1");
            assertThat(done.get("progress").asDouble()).isEqualTo(1.0);
            assertThat(done.get("message").isNull()).isTrue();
            Instant started = Instant.parse(done.get("startedAt").asText());
            Instant ended = Instant.parse(done.get("endedAt").asText());
            assertThat(ended).isAfter(started);

            // the results are the numbers the reactor published on lab/<id>/film/..., one set for the one run
            await().atMost(WAIT).until(() -> recorder.on("lab/cvd-r1/film/thickness_profile").size() == 1);
            JsonNode results = done.get("results");
            assertThat(results.get("thicknessNm").asDouble())
                    .isEqualTo(value(recorder, "lab/cvd-r1/film/thickness"));
            assertThat(results.get("depositionRateNmPerMin").asDouble())
                    .isEqualTo(value(recorder, "lab/cvd-r1/film/deposition_rate"));
            assertThat(results.get("uniformityPercent").asDouble())
                    .isEqualTo(value(recorder, "lab/cvd-r1/film/uniformity"));
            assertThat(results.get("yieldPercent").asDouble())
                    .isEqualTo(value(recorder, "lab/cvd-r1/film/yield"));
            // Arrhenius growth with Ea = 1.7 eV: 630 °C grows faster than the 10.6 nm/min of 620 °C
            // (PolysiliconKinetics; the README's default-recipe numbers); 10 minutes of it make the thickness
            assertThat(results.get("depositionRateNmPerMin").asDouble()).isBetween(11.0, 16.0);
            assertThat(results.get("thicknessNm").asDouble())
                    .isCloseTo(results.get("depositionRateNmPerMin").asDouble() * 10, withinPercentage(0.1));

            // the process variables went out on the simulator's topics while the run went, reaching 630 °C
            List<Double> celsius = recorder.on("lab/cvd-r1/chamber/temperature").stream()
                    .map(m -> m.json().get("value").asDouble()).toList();
            assertThat(celsius).hasSizeGreaterThan(5).anySatisfy(c -> assertThat(c).isCloseTo(630.0, within(1.5)));
            assertThat(recorder.on("lab/cvd-r1/mfc/sih4/flow")).isNotEmpty();
            assertThat(recorder.on("lab/cvd-r1/chamber/pressure")).allSatisfy(m ->
                    assertThat(m.json().get("unit").asText()).isEqualTo("Pa"));
            // and an idle tool publishes nothing
            int readings = recorder.all().size();
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3))
                    .until(() -> recorder.all().size() == readings);
            assertThat(server.reactor().currentRun()).isEmpty();
        }
    }

    @Test
    void should_abort_a_run_after_publishing_its_data_so_far_and_keep_its_final_state() throws Exception {
        try (TopicRecorder recorder = TopicRecorder.subscribe(broker.url(), "lab/cvd-r2/#");
             CvdToolServer server = tool("cvd-r2", null)) {
            // 60x: the run would take 24 s
            String location = post(server, "/api/runs", "{\"run\":\"hub-2\"}", null).location();
            await().atMost(WAIT).until(() -> recorder.on("lab/cvd-r2/chamber/temperature").size() >= 3);

            Response aborted = post(server, location + "/abort", "", null);

            assertThat(aborted.status()).isEqualTo(200);
            assertThat(aborted.json().get("state").asText()).isEqualTo("ABORTED");
            assertThat(aborted.json().get("run").asText()).isEqualTo("hub-2");
            assertThat(aborted.json().get("results").isNull()).isTrue();
            assertThat(aborted.json().get("endedAt").isNull()).isFalse();
            assertThat(aborted.json().get("message").asText())
                    .matches("aborted on request during [A-Z_]+ after [0-9.]+ of [0-9.]+ min");
            assertThat(aborted.json().get("progress").asDouble()).isStrictlyBetween(0.0, 1.0);
            assertThat(get(server, location, null).json()).isEqualTo(aborted.json());

            // no film for an aborted run, no data after it
            int readings = recorder.all().size();
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3))
                    .until(() -> recorder.all().size() == readings);
            assertThat(recorder.all()).noneSatisfy(m -> assertThat(m.topic()).contains("/film/"));

            // aborting again answers the final state unchanged; the tool takes a new run
            assertThat(post(server, location + "/abort", "", null).json()).isEqualTo(aborted.json());
            Response next = post(server, "/api/runs", "{\"run\":\"hub-3\"}", null);
            assertThat(next.status()).isEqualTo(201);
            assertThat(next.location()).isNotEqualTo(location).endsWith("-2");
        }
    }

    @Test
    void should_refuse_a_second_run_while_one_is_going() throws Exception {
        try (CvdToolServer server = tool("cvd-r3", null)) {
            String first = post(server, "/api/runs", "{\"run\":\"hub-4\"}", null).json().get("id").asText();

            Response busy = post(server, "/api/runs", "{\"run\":\"hub-5\"}", null);

            assertThat(busy.status()).isEqualTo(409);
            assertThat(busy.contentType()).isEqualTo("application/problem+json");
            assertThat(busy.json().get("title").asText()).isEqualTo("Conflict");
            assertThat(busy.json().get("status").asInt()).isEqualTo(409);
            assertThat(busy.json().get("detail").asText()).isEqualTo("busy: running " + first);
            assertThat(server.reactor().currentRun()).hasValueSatisfying(r -> assertThat(r.run()).isEqualTo("hub-4"));
        }
    }

    @Test
    void should_answer_bad_requests_with_a_problem_naming_what_was_wrong() throws Exception {
        try (TopicRecorder recorder = TopicRecorder.subscribe(broker.url(), "lab/cvd-r4/#");
             CvdToolServer server = tool("cvd-r4", null)) {
            assertBadRequest(server, "{\"run\":\"x\",\"parameters\":{\"pressurePa\":-5}}",
                    "parameter 'pressurePa' must be between 5 and 1000 Pa, was -5");
            assertBadRequest(server, "{\"run\":\"x\",\"parameters\":{\"temperatureC\":1200}}", "'temperatureC'");
            assertBadRequest(server, "{\"run\":\"x\",\"parameters\":{\"flux\":1}}", "unknown parameter 'flux'");
            assertBadRequest(server, "{\"run\":\"x\",\"parameters\":{\"speedUp\":\"fast\"}}", "'speedUp'");
            assertBadRequest(server, "{\"run\":\"x\",\"parameters\":[]}", "'parameters' must be a JSON object");
            assertBadRequest(server, "{\"run\":\"x\",\"parameter\":{}}", "unknown field 'parameter'");
            assertBadRequest(server, "{\"parameters\":{}}", "'run'");
            assertBadRequest(server, "{\"run\":\"x\",", "bad JSON at offset");
            assertBadRequest(server, "", "'run'");

            Response unknown = get(server, "/api/runs/cvd-r4-nope-9", null);
            assertThat(unknown.status()).isEqualTo(404);
            assertThat(unknown.json().get("detail").asText()).contains("cvd-r4-nope-9");
            assertThat(post(server, "/api/runs/cvd-r4-nope-9/abort", "", null).status()).isEqualTo(404);
            assertThat(get(server, "/api/other", null).status()).isEqualTo(404);
            Response wrongMethod = get(server, "/api/runs", null);
            assertThat(wrongMethod.status()).isEqualTo(405);
            assertThat(wrongMethod.header("Allow")).isEqualTo("POST");

            // nothing ran
            assertThat(server.reactor().currentRun()).isEmpty();
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> recorder.all().isEmpty());
        }
    }

    @Test
    void should_require_the_bearer_token_when_configured() throws Exception {
        try (CvdToolServer server = tool("cvd-r5", "s3cret-token")) {
            Response none = post(server, "/api/runs", "{\"run\":\"hub-6\"}", null);
            assertThat(none.status()).isEqualTo(401);
            assertThat(none.contentType()).isEqualTo("application/problem+json");
            assertThat(none.json().get("title").asText()).isEqualTo("Unauthorized");
            assertThat(none.header("WWW-Authenticate")).startsWith("Bearer");
            assertThat(post(server, "/api/runs", "{\"run\":\"hub-6\"}", "s3cret-tokem").status()).isEqualTo(401);
            assertThat(get(server, "/api/runs/any", "s3cret-token-and-more").status()).isEqualTo(401);
            assertThat(server.reactor().currentRun()).isEmpty();

            Response authorised = post(server, "/api/runs", "{\"run\":\"hub-6\"}", "s3cret-token");
            assertThat(authorised.status()).isEqualTo(201);
            assertThat(get(server, authorised.location(), "s3cret-token").status()).isEqualTo(200);
            assertThat(get(server, authorised.location(), null).status()).isEqualTo(401);
        }
    }

    private static void assertBadRequest(CvdToolServer server, String body, String detail) throws Exception {
        Response response = post(server, "/api/runs", body, null);
        assertThat(response.status()).as(body).isEqualTo(400);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(response.json().get("title").asText()).isEqualTo("Bad Request");
        assertThat(response.json().get("status").asInt()).isEqualTo(400);
        assertThat(response.json().get("detail").asText()).as(body).contains(detail);
    }

    private static double value(TopicRecorder recorder, String topic) {
        List<TopicRecorder.Received> messages = recorder.on(topic);
        assertThat(messages).hasSize(1);
        return messages.get(0).json().get("value").asDouble();
    }

    /** An HTTP answer with its body parsed as JSON. */
    private record Response(int status, HttpResponse<String> raw, JsonNode json) {
        String contentType() {
            return header("Content-Type");
        }

        String location() {
            return header("Location");
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    private static Response post(CvdToolServer server, String path, String body, String token) throws Exception {
        return send(request(server, path, token).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json"));
    }

    private static Response get(CvdToolServer server, String path, String token) throws Exception {
        return send(request(server, path, token).GET());
    }

    private static HttpRequest.Builder request(CvdToolServer server, String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(server.baseUri() + path))
                .timeout(Duration.ofSeconds(10));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private static Response send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = response.body().isEmpty() ? null : JSON.readTree(response.body());
        return new Response(response.statusCode(), response, json);
    }
}
