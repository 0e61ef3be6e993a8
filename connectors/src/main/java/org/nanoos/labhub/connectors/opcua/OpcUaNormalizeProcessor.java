package org.nanoos.labhub.connectors.opcua;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.nanoos.labhub.processors.normalize.InvalidMeasurementException;
import org.nanoos.labhub.processors.normalize.MeasurementNormalizer;
import org.nanoos.labhub.processors.store.IngestHeaders;

/**
 * Turns an OPC UA DataValue from the hub's subscription ({@code opcua-subscription}) into an {@code IngestMessage}.
 * The route template sets which instrument, quantity and unit the node stands for ({@link #INSTRUMENT},
 * {@link #QUANTITY}, {@link #UNIT}, {@link #ENDPOINT}, {@link #NODE} headers).
 *
 * <p>The DataValue is written down in the hub's JSON — value, unit, source time, quality from the status code —
 * and that JSON is what is normalized and kept as the raw payload. Its message id is the source timestamp (in
 * 100 ns ticks, OPC UA's resolution), so a value the server sends again after a reconnect is stored once.
 * Numbers and booleans are accepted; arrays and other types are refused with the reason.
 */
public final class OpcUaNormalizeProcessor implements Processor {

    /** Header: the instrument's id. */
    public static final String INSTRUMENT = "LabhubInstrumentId";
    /** Header: the dotted quantity the node stands for. */
    public static final String QUANTITY = "LabhubQuantity";
    /** Header: the node's UCUM unit (empty for dimensionless). */
    public static final String UNIT = "LabhubUnit";
    /** Header: the server's endpoint URL. */
    public static final String ENDPOINT = "LabhubOpcUaEndpoint";
    /** Header: the node id. */
    public static final String NODE = "LabhubOpcUaNode";

    private static final JsonFactory JSON = new JsonFactory();

    private final MeasurementNormalizer normalizer;

    public OpcUaNormalizeProcessor(MeasurementNormalizer normalizer) {
        this.normalizer = normalizer;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message in = exchange.getMessage();
        String instrument = in.getHeader(INSTRUMENT, String.class);
        String quantity = in.getHeader(QUANTITY, String.class);
        String unit = in.getHeader(UNIT, "", String.class);
        String address = in.getHeader(ENDPOINT, String.class) + "#" + in.getHeader(NODE, String.class);
        String source = "opcua:" + address;
        Instant receivedAt = Instant.now();
        in.setHeader(IngestHeaders.SOURCE, source);
        in.setHeader(IngestHeaders.SOURCE_ADDRESS, address);
        in.setHeader(IngestHeaders.RECEIVED_AT, receivedAt);
        if (!(in.getBody() instanceof DataValue value)) {
            throw new InvalidMeasurementException("expected an OPC UA DataValue, got "
                    + (in.getBody() == null ? "nothing" : in.getBody().getClass().getSimpleName()));
        }
        byte[] raw = hubJson(value, unit, receivedAt);
        in.setBody(raw);
        in.setBody(normalizer.normalize(source, address, instrument, quantity, "application/json", raw, receivedAt));
    }

    /** The DataValue in the hub's JSON: {@code {"id":…,"time":…,"value":…,"unit":…,"quality":…}}. */
    static byte[] hubJson(DataValue value, String unit, Instant receivedAt) throws InvalidMeasurementException {
        DateTime sourceTime = value.getSourceTime() != null ? value.getSourceTime() : value.getServerTime();
        Instant time = sourceTime != null ? sourceTime.getJavaInstant() : receivedAt;
        Object v = value.getValue() == null ? null : value.getValue().getValue();
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            if (sourceTime != null) {
                g.writeStringField("id", Long.toString(sourceTime.getUtcTime()));
            }
            g.writeStringField("time", time.toString());
            if (v instanceof Boolean b) {
                g.writeNumberField("value", b ? 1 : 0);
            } else if (v instanceof Number n) {
                g.writeFieldName("value");
                writeNumber(g, n);
                if (!unit.isEmpty()) {
                    g.writeStringField("unit", unit);
                }
            } else {
                throw new InvalidMeasurementException("OPC UA value of type "
                        + (v == null ? "null" : v.getClass().getSimpleName())
                        + " is not a measurement the hub stores from a node (numbers and booleans are)");
            }
            g.writeStringField("quality", quality(value.getStatusCode()));
            g.writeEndObject();
        } catch (IOException e) {
            throw new InvalidMeasurementException("cannot write the DataValue down: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    private static void writeNumber(JsonGenerator g, Number n) throws IOException {
        if (n instanceof Double || n instanceof Float) {
            g.writeNumber(n.doubleValue());
        } else if (n instanceof java.math.BigInteger || n instanceof java.math.BigDecimal) {
            g.writeNumber(n.toString());
        } else {
            g.writeNumber(n.longValue());
        }
    }

    /** OPC UA status code → the hub's quality: GOOD, UNCERTAIN or BAD. */
    static String quality(StatusCode status) {
        if (status == null || status.isGood()) {
            return "GOOD";
        }
        return status.isUncertain() ? "UNCERTAIN" : "BAD";
    }
}
