package org.nanoos.labhub.processors.normalize;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;

import org.nanoos.labhub.processors.model.IngestMessage;

/**
 * Turns one raw payload from an instrument into the canonical {@link IngestMessage}: measurements in SI units,
 * stamped in UTC, with an id for idempotent storage; or rejects it whole with an
 * {@link InvalidMeasurementException} whose message is the dead letter's reason. Thread-safe; plain Java.
 *
 * <h2>Input formats</h2>
 * <p>The payload must be UTF-8 (strictly decoded), at most {@code maxPayloadBytes} long, and JSON (duplicate keys and
 * trailing content are errors). It is read as <b>SenML</b> when the content type contains {@code senml}, or when the
 * top level is an array whose first element has any SenML label ({@code bn bt bu bv bs bver n u v vs vb vd s t ut});
 * otherwise as the <b>hub's own JSON</b>.
 *
 * <h3>1. The hub's own JSON</h3>
 * <p>One reading object, or an array of them (the record index is the array position). The quantity is the topic's
 * ({@code lab/<instrument>/<quantity...>}); there is no {@code quantity} key. A scalar reading:
 * <pre>{@code {"id":"t-42","time":"2026-11-21T10:15:30.123Z","value":812.5,"unit":"Cel","quality":"GOOD",
 *  "run":"0b6f6a3e-8d1c-4f51-9a59-2c1f3e4d5a6b"}}</pre>
 * <ul>
 * <li>{@code value}: a JSON number (required for a scalar).</li>
 * <li>{@code unit}: a case-sensitive UCUM code ({@code Cel}, {@code mbar}, {@code cm3/min}, {@code {counts}}); absent
 * means dimensionless ({@code 1}, original unit none). The value is converted to the SI unit; the value and unit as
 * received are kept.</li>
 * <li>{@code time}: ISO-8601 with {@code Z} or an offset (converted to UTC), or a JSON number of epoch seconds
 * (fractions kept to the microsecond); absent means the time the hub received the message.</li>
 * <li>{@code quality}: {@code GOOD}, {@code UNCERTAIN} or {@code BAD}; absent means {@code GOOD}.</li>
 * <li>{@code run}: the experiment run's UUID, optional.</li>
 * <li>{@code id}: optional, a non-blank string of at most 200 characters. It is the message id; without it the
 * message id is the SHA-256 of the payload bytes, so a redelivered identical payload is stored once. In an array,
 * the readings that carry an {@code id} must all carry the same one.</li>
 * </ul>
 * <p>A series (e.g. an XRD pattern) has {@code x} and {@code y} instead of {@code value} and {@code unit}; both axes
 * are converted to SI, have the same non-zero length and at most 1,000,000 points:
 * <pre>{@code {"id":"scan-7","time":"2026-11-21T10:15:30Z","x":{"unit":"deg","values":[20.0,20.02,20.04]},
 *  "y":{"unit":"{counts}","values":[110,135,121]}}}</pre>
 * <p>Any other key, at the top level or in an axis, is an error naming the key, so a typo does not silently lose
 * data.
 *
 * <h3>2. SenML JSON (RFC 8428)</h3>
 * <p>A pack (array) of records; each record becomes one scalar measurement, its record index its position in the
 * pack. Base fields are resolved as RFC 8428 §4.6 says and apply to the following records until changed: the name is
 * base name + name, the time base time + time, the unit the record's {@code u} or else the base unit, {@code v} gets
 * the base value added and {@code s} the base sum. Times are seconds (fractions kept to the microsecond); a resolved
 * time below 2^28 is relative to the time the hub received the message (§4.5.3), so a pack without times is stamped
 * with that. The quantity is the topic's quantity path and the resolved name joined by a dot (either may be empty,
 * not both); in the name {@code /} and {@code :} become dots, repeated dots collapse, leading and trailing dots are
 * trimmed, and any other character outside {@code [A-Za-z0-9_.-]} is an error. {@code v} is the value in unit
 * {@code u}; {@code vb} becomes 1.0 or 0.0, dimensionless; a record with {@code s} is a sum, its quantity suffixed
 * {@code .sum}; a record has exactly one of them. String and data values ({@code vs}, {@code vd}) are rejected, as
 * are {@code bver} above 10 and unknown labels ending in {@code _} (§4.4); other unknown labels are ignored. The
 * message id is the SHA-256 of the payload bytes. Example, on topic {@code lab/env-1}:
 * <pre>{@code [{"bn":"room/","bt":1795000000,"bu":"Cel","n":"temperature","v":21.5},
 *  {"n":"humidity","u":"%","v":41.5},{"n":"pressure","u":"Pa","v":101325,"t":1}]}</pre>
 *
 * <h3>Rejected, whole</h3>
 * <p>A payload over the size limit; not UTF-8; not JSON; the wrong shape (wrong types, missing value, unknown key);
 * an unknown unit; a value that is not finite after parsing or conversion (e.g. {@code 1e400}); a temperature below
 * absolute zero after conversion to K; x/y of different lengths; an unparseable time; an empty array or pack. One bad
 * record rejects the whole message, and the reason names the record index ({@code record 3: ...}).
 */
public final class MeasurementNormalizer {

    /** Most points one series axis may have. */
    public static final int MAX_SERIES_POINTS = 1_000_000;
    /** Longest message id a payload may carry. */
    public static final int MAX_ID_LENGTH = 200;

    private static final ObjectReader READER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build()
            .reader();
    private static final HexFormat HEX = HexFormat.of();

    private final int maxPayloadBytes;

    /**
     * @param maxPayloadBytes largest payload accepted, in bytes; larger ones are rejected before they are parsed
     */
    public MeasurementNormalizer(int maxPayloadBytes) {
        if (maxPayloadBytes <= 0) {
            throw new IllegalArgumentException("maxPayloadBytes must be positive: " + maxPayloadBytes);
        }
        this.maxPayloadBytes = maxPayloadBytes;
    }

    /**
     * Normalizes one payload into a message and its measurements.
     *
     * @param source        idempotency namespace, e.g. "mqtt:lab/cvd-1/chamber/temperature"
     * @param sourceAddress protocol address (the topic)
     * @param instrumentId  from the topic
     * @param quantityPath  dotted quantity from the topic (e.g. "chamber.temperature"); may be "" when the topic has no
     *                      quantity part
     * @param contentType   MQTT 5 content type or HTTP Content-Type, may be null
     * @param raw           payload bytes
     * @param receivedAt    hub receive time (UTC)
     * @return the message with at least one measurement
     * @throws InvalidMeasurementException when the payload cannot be accepted; the message is the reason
     */
    public IngestMessage normalize(String source, String sourceAddress, String instrumentId, String quantityPath,
            String contentType, byte[] raw, Instant receivedAt) throws InvalidMeasurementException {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(instrumentId, "instrumentId");
        Objects.requireNonNull(raw, "raw");
        Objects.requireNonNull(receivedAt, "receivedAt");
        if (raw.length > maxPayloadBytes) {
            throw new InvalidMeasurementException(
                    "payload of " + raw.length + " bytes exceeds the limit of " + maxPayloadBytes + " bytes");
        }
        boolean senmlDeclared = false;
        if (contentType != null) {
            String type = contentType.toLowerCase(Locale.ROOT);
            senmlDeclared = type.contains("senml");
            if (senmlDeclared && (type.contains("cbor") || type.contains("xml") || type.contains("exi"))) {
                throw new InvalidMeasurementException("content type '" + Readings.abbreviate(contentType)
                        + "' is not supported; send SenML as JSON (application/senml+json)");
            }
        }
        JsonNode root = parse(decodeUtf8(raw));
        Readings.Origin origin = new Readings.Origin(source, sourceAddress, instrumentId,
                quantityPath == null ? "" : quantityPath, receivedAt);
        Readings.Normalized normalized = senmlDeclared || SenmlFormat.looksLikeSenml(root)
                ? SenmlFormat.read(root, origin, contentId(raw))
                : HubJsonFormat.read(root, origin, raw);
        return new IngestMessage(source, normalized.messageId(), instrumentId, receivedAt, raw,
                normalized.measurements());
    }

    /** SHA-256 hex of the raw bytes: the message id of payloads that carry none (and of dead letters). */
    public static String contentId(byte[] raw) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static String decodeUtf8(byte[] raw) throws InvalidMeasurementException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(raw);
        CharBuffer out = CharBuffer.allocate(raw.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            throw new InvalidMeasurementException(
                    "payload is not valid UTF-8: malformed byte sequence at byte offset " + in.position());
        }
        out.flip();
        // RFC 8259 §8.1 lets a parser ignore a byte order mark
        if (out.hasRemaining() && out.charAt(0) == '\uFEFF') {
            out.position(1);
        }
        return out.toString();
    }

    private static JsonNode parse(String text) throws InvalidMeasurementException {
        JsonNode root;
        try {
            root = READER.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
            throw new InvalidMeasurementException("payload is not JSON: " + firstLine(e.getOriginalMessage()) + where, e);
        }
        if (root == null || root.isMissingNode()) {
            throw new InvalidMeasurementException("payload is not JSON: it is empty");
        }
        return root;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        String line = message.lines().findFirst().orElse("").strip();
        return line.length() <= 160 ? line : line.substring(0, 157) + "...";
    }
}
