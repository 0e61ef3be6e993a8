package org.nanoos.labhub.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The real hub (Camel Main with the project's config, routes and schema) against a real PostgreSQL and a real
 * MQTT 5 broker: a few hundred readings, duplicates and bad ones among them, end up as exactly one row per good
 * reading and one dead letter per distinct bad message, with its reason and raw bytes.
 */
class MqttIngestTest extends HubTestSupport {

    // static: CamelTestSupport reads the overrides from its constructor, before instance fields exist
    private static final TestServers servers = TestServers.get();
    private static final String dbUrl = servers.newDatabase();
    private static final Properties properties = HubProperties.forTest(servers, "ingest-test", dbUrl);
    private static final Db db = new Db(dbUrl);

    @Override
    protected Properties hubProperties() {
        return properties;
    }

    @Test
    void should_store_each_good_reading_once_and_dead_letter_each_bad_one_with_its_reason() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> context.getRouteController()
                .getRouteStatus("mqtt-ingest").isStarted());

        // the good: 240 scalar readings on three quantities, each with its own id
        List<String[]> good = new ArrayList<>();
        Instant t0 = Instant.parse("2026-11-21T08:00:00Z");
        for (int i = 0; i < 80; i++) {
            String time = t0.plusSeconds(i).toString();
            good.add(new String[] {"lab/it-cvd/chamber/temperature",
                    "{\"id\":\"t-%d\",\"time\":\"%s\",\"value\":%s,\"unit\":\"Cel\"}".formatted(i, time, 400 + i * 0.5)});
            good.add(new String[] {"lab/it-cvd/chamber/pressure",
                    "{\"id\":\"p-%d\",\"time\":\"%s\",\"value\":%s,\"unit\":\"mbar\"}".formatted(i, time, 1.0 + i * 0.01)});
            good.add(new String[] {"lab/it-cvd/mfc/sih4/flow",
                    "{\"id\":\"f-%d\",\"time\":\"%s\",\"value\":%s,\"unit\":\"cm3/min\"}".formatted(i, time, 20.0)});
        }
        // 10 SenML packs of 3 records each (RFC 8428), no id: identified by their content
        List<String[]> senml = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            senml.add(new String[] {"lab/it-env", ("[{\"bn\":\"room/\",\"bt\":%d,\"bu\":\"Cel\",\"n\":\"temperature\",\"v\":%s},"
                    + "{\"n\":\"humidity\",\"u\":\"%%\",\"v\":41.5},{\"n\":\"pressure\",\"u\":\"Pa\",\"v\":101325,\"t\":1}]")
                    .formatted(1_795_000_000 + i * 10, 21.0 + i * 0.1)});
        }
        // 4 series (an XRD scan in degrees 2θ)
        List<String[]> series = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            series.add(new String[] {"lab/it-xrd/xrd/pattern",
                    "{\"id\":\"scan-%d\",\"x\":{\"unit\":\"deg\",\"values\":[20.0,20.02,20.04]},\"y\":{\"unit\":\"{counts}\",\"values\":[110,135,%d]}}"
                            .formatted(i, 120 + i)});
        }
        // the bad, each with the words its dead letter's reason must contain
        Map<String, String[]> bad = new LinkedHashMap<>();
        bad.put("not json", new String[] {"lab/it-cvd/chamber/temperature", "temperature is 400 C"});
        bad.put("shape", new String[] {"lab/it-cvd/chamber/temperature", "{\"id\":\"b1\",\"value\":\"hot\",\"unit\":\"Cel\"}"});
        bad.put("unit", new String[] {"lab/it-cvd/chamber/temperature", "{\"id\":\"b2\",\"value\":1,\"unit\":\"furlongs\"}"});
        bad.put("finite", new String[] {"lab/it-cvd/chamber/temperature", "{\"id\":\"b3\",\"value\":1e400,\"unit\":\"K\"}"});
        bad.put("absolute zero", new String[] {"lab/it-cvd/chamber/temperature", "{\"id\":\"b4\",\"value\":-5,\"unit\":\"K\"}"});
        bad.put("exceeds", new String[] {"lab/it-cvd/chamber/temperature",
                "{\"id\":\"b5\",\"value\":1,\"unit\":\"K\",\"pad\":\"" + "x".repeat(70_000) + "\"}"});
        bad.put("instrument id", new String[] {"lab/bad instrument!/chamber/temperature", "{\"value\":1,\"unit\":\"K\"}"});

        try (Publisher pub = new Publisher(servers.brokerUrl(), "ingest-test-instrument")) {
            for (String[] m : good) {
                pub.publish(m[0], m[1]);
            }
            for (String[] m : senml) {
                pub.publish(m[0], m[1].getBytes(StandardCharsets.UTF_8), "application/senml+json");
            }
            for (String[] m : series) {
                pub.publish(m[0], m[1]);
            }
            for (String[] m : bad.values()) {
                pub.publish(m[0], m[1]);
            }
            byte[] notUtf8 = {'{', '"', 'v', '"', ':', (byte) 0xC3, (byte) 0x28, '}'};
            pub.publish("lab/it-cvd/chamber/temperature", notUtf8, null);
            // duplicates: the broker (or an instrument) delivering again must not make second rows
            for (int i = 0; i < 60; i++) {
                pub.publish(good.get(i * 4)[0], good.get(i * 4)[1]);
            }
            for (String[] m : senml.subList(0, 5)) {
                pub.publish(m[0], m[1].getBytes(StandardCharsets.UTF_8), "application/senml+json");
            }
            pub.publish(bad.get("unit")[0], bad.get("unit")[1]);
        }

        long expectedRows = good.size() + senml.size() * 3L + series.size();
        int expectedDead = bad.size() + 1;
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(db.count("SELECT count(*) FROM measurements")).isEqualTo(expectedRows);
            assertThat(db.count("SELECT count(*) FROM dead_letters")).isEqualTo(expectedDead);
        });
        // every good message exactly once, its raw payload kept once
        assertThat(db.count("SELECT count(DISTINCT (source, message_id, record_index)) FROM measurements"))
                .isEqualTo(expectedRows);
        assertThat(db.count("SELECT count(*) FROM raw_messages")).isEqualTo(good.size() + senml.size() + series.size());

        // normalized: SI units, UTC time, original kept
        List<Object[]> t = db.rows("SELECT value, unit, original_value, original_unit, ts, quality FROM measurements "
                + "WHERE message_id = 't-10'");
        assertThat(t).hasSize(1);
        assertThat((Double) t.get(0)[0]).isCloseTo(405.0 + 273.15, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(t.get(0)[1]).isEqualTo("K");
        assertThat(t.get(0)[2]).isEqualTo(405.0);
        assertThat(t.get(0)[3]).isEqualTo("Cel");
        assertThat(((java.sql.Timestamp) t.get(0)[4]).toInstant()).isEqualTo(t0.plusSeconds(10));
        assertThat(t.get(0)[5]).isEqualTo("GOOD");
        List<Object[]> p = db.rows("SELECT value, unit FROM measurements WHERE message_id = 'p-0'");
        assertThat((Double) p.get(0)[0]).isCloseTo(100.0, org.assertj.core.data.Offset.offset(1e-9)); // 1 mbar = 100 Pa
        assertThat(p.get(0)[1]).isEqualTo("Pa");
        // SenML: base name, base time and base unit resolved (RFC 8428 §4.6)
        List<Object[]> s = db.rows("SELECT quantity, value, unit, ts FROM measurements WHERE instrument_id = 'it-env' "
                + "AND ts = to_timestamp(1795000000) ORDER BY quantity");
        assertThat(s).extracting(r -> r[0]).containsExactly("room.humidity", "room.temperature");
        assertThat((Double) s.get(1)[1]).isCloseTo(294.15, org.assertj.core.data.Offset.offset(1e-9));
        // the series, in radians, with the original unit kept
        List<Object[]> x = db.rows("SELECT series->'x'->>'unit', series->'x'->>'originalUnit', "
                + "(series->'x'->'values'->>0)::float8 FROM measurements WHERE message_id = 'scan-0'");
        assertThat(x.get(0)[0]).isEqualTo("rad");
        assertThat(x.get(0)[1]).isEqualTo("deg");
        assertThat((Double) x.get(0)[2]).isCloseTo(Math.toRadians(20.0), org.assertj.core.data.Offset.offset(1e-12));
        // raw payload kept byte for byte
        List<Object[]> raw = db.rows("SELECT payload FROM raw_messages WHERE message_id = 't-0'");
        assertThat(new String((byte[]) raw.get(0)[0], StandardCharsets.UTF_8)).isEqualTo(good.get(0)[1]);
        // the instruments registered themselves on first contact
        assertThat(db.rows("SELECT id, adapter_type, status FROM instruments ORDER BY id"))
                .extracting(r -> r[0] + "/" + r[1] + "/" + r[2])
                .containsExactly("it-cvd/MQTT/AVAILABLE", "it-env/MQTT/AVAILABLE", "it-xrd/MQTT/AVAILABLE");

        // each bad message dead-lettered once, with its reason and its raw bytes
        for (Map.Entry<String, String[]> e : bad.entrySet()) {
            List<Object[]> rows = db.rows("SELECT reason, payload, source FROM dead_letters WHERE payload = ?",
                    (Object) e.getValue()[1].getBytes(StandardCharsets.UTF_8));
            assertThat(rows).as("dead letter for %s", e.getKey()).hasSize(1);
            assertThat((String) rows.get(0)[0]).as("reason for %s", e.getKey()).containsIgnoringCase(e.getKey());
            assertThat(rows.get(0)[2]).isEqualTo("mqtt:" + e.getValue()[0]);
        }
        assertThat(db.count("SELECT count(*) FROM dead_letters WHERE reason ILIKE '%UTF-8%'")).isEqualTo(1);

        // and the route is still running, the hub healthy
        assertThat(context.getRouteController().getRouteStatus("mqtt-ingest").isStarted()).isTrue();
        HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://localhost:" + properties.getProperty("camel.server.port") + "/observe/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("UP");
    }
}
