package org.nanoos.labhub.connectors.opcua;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.nanoos.labhub.processors.normalize.InvalidMeasurementException;
import org.nanoos.labhub.processors.normalize.MeasurementNormalizer;
import org.nanoos.labhub.processors.store.IngestHeaders;

/**
 * Pairs two OPC UA array nodes into one series measurement — a diffraction pattern's 2θ and intensity, a spectrum's
 * wavelength and absorbance. The route subscribes to the y node; on each update {@link #prepareRead} asks camel-milo
 * to read the x node, and {@link #pair} joins the two. The x array must not be newer than the y array (an x array
 * written for a later scan is refused, since it does not belong to this y); a fixed x grid written once is fine.
 */
public final class OpcUaSeriesProcessor {

    /** Header: the x node id. */
    public static final String X_NODE = "LabhubOpcUaXNode";
    /** Header: the x axis's UCUM unit. */
    public static final String X_UNIT = "LabhubXUnit";
    /** Header: the y axis's UCUM unit. */
    public static final String Y_UNIT = "LabhubYUnit";
    /** Exchange property holding the y DataValue while x is read. */
    public static final String Y_VALUE = "LabhubOpcUaYValue";
    /** camel-milo's header naming the nodes its producer reads. */
    public static final String MILO_READ_NODES = "CamelMiloNodeIds";

    private static final JsonFactory JSON = new JsonFactory();

    private final MeasurementNormalizer normalizer;

    public OpcUaSeriesProcessor(MeasurementNormalizer normalizer) {
        this.normalizer = normalizer;
    }

    /**
     * Keeps the y update aside and asks the next camel-milo producer to read the x node. An empty y array is an
     * instrument that has no result yet (as at subscription time), not bad data: the exchange ends there.
     */
    public void prepareRead(Exchange exchange) {
        Message in = exchange.getMessage();
        if (in.getBody() instanceof DataValue y && y.getValue() != null && y.getValue().getValue() instanceof Object[] a
                && a.length == 0) {
            exchange.setRouteStop(true);
            return;
        }
        String address = in.getHeader(OpcUaNormalizeProcessor.ENDPOINT, String.class) + "#"
                + in.getHeader(OpcUaNormalizeProcessor.NODE, String.class);
        in.setHeader(IngestHeaders.SOURCE, "opcua:" + address);
        in.setHeader(IngestHeaders.SOURCE_ADDRESS, address);
        in.setHeader(IngestHeaders.RECEIVED_AT, Instant.now());
        exchange.setProperty(Y_VALUE, in.getBody());
        in.setHeader(MILO_READ_NODES, List.of(in.getHeader(X_NODE, String.class)));
        in.setHeader("await", true);
    }

    /** Joins the x values camel-milo read with the kept y update into an {@code IngestMessage}. */
    public void pair(Exchange exchange) throws Exception {
        Message in = exchange.getMessage();
        Instant receivedAt = in.getHeader(IngestHeaders.RECEIVED_AT, Instant.class);
        if (!(exchange.getProperty(Y_VALUE) instanceof DataValue y)) {
            throw new InvalidMeasurementException("no OPC UA y value to pair");
        }
        Object read = in.getBody();
        if (!(read instanceof List<?> list) || list.size() != 1 || !(list.get(0) instanceof DataValue x)) {
            throw new InvalidMeasurementException("reading the x node returned " + read);
        }
        byte[] raw = seriesJson(x, y, in.getHeader(X_UNIT, "", String.class), in.getHeader(Y_UNIT, "", String.class),
                receivedAt);
        in.setBody(raw);
        in.setBody(normalizer.normalize(in.getHeader(IngestHeaders.SOURCE, String.class),
                in.getHeader(IngestHeaders.SOURCE_ADDRESS, String.class),
                in.getHeader(OpcUaNormalizeProcessor.INSTRUMENT, String.class),
                in.getHeader(OpcUaNormalizeProcessor.QUANTITY, String.class), "application/json", raw, receivedAt));
    }

    /** The pair in the hub's series JSON, identified and timed by the y update's source timestamp. */
    static byte[] seriesJson(DataValue x, DataValue y, String xUnit, String yUnit, Instant receivedAt)
            throws InvalidMeasurementException {
        DateTime yTime = y.getSourceTime() != null ? y.getSourceTime() : y.getServerTime();
        DateTime xTime = x.getSourceTime() != null ? x.getSourceTime() : x.getServerTime();
        if (yTime != null && xTime != null && xTime.getUtcTime() > yTime.getUtcTime()) {
            throw new InvalidMeasurementException("the x array (" + xTime.getJavaInstant()
                    + ") is newer than the y array (" + yTime.getJavaInstant() + "): they belong to different scans");
        }
        double[] xs = numbers(x, "x");
        double[] ys = numbers(y, "y");
        ByteArrayOutputStream out = new ByteArrayOutputStream(32 + 24 * (xs.length + ys.length));
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            if (yTime != null) {
                g.writeStringField("id", Long.toString(yTime.getUtcTime()));
            }
            g.writeStringField("time", (yTime != null ? yTime.getJavaInstant() : receivedAt).toString());
            axis(g, "x", xUnit, xs);
            axis(g, "y", yUnit, ys);
            g.writeStringField("quality", OpcUaNormalizeProcessor.quality(y.getStatusCode()));
            g.writeEndObject();
        } catch (IOException e) {
            throw new InvalidMeasurementException("cannot write the series down: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    private static void axis(JsonGenerator g, String name, String unit, double[] values) throws IOException {
        g.writeObjectFieldStart(name);
        if (!unit.isEmpty()) {
            g.writeStringField("unit", unit);
        }
        g.writeFieldName("values");
        g.writeArray(values, 0, values.length);
        g.writeEndObject();
    }

    private static double[] numbers(DataValue v, String axis) throws InvalidMeasurementException {
        Object o = v.getValue() == null ? null : v.getValue().getValue();
        if (o instanceof double[] d) {
            return d.clone();
        }
        if (o instanceof Object[] arr) {
            double[] out = new double[arr.length];
            for (int i = 0; i < arr.length; i++) {
                if (!(arr[i] instanceof Number n)) {
                    throw new InvalidMeasurementException(axis + " array element " + i + " is not a number");
                }
                out[i] = n.doubleValue();
            }
            return out;
        }
        throw new InvalidMeasurementException("the " + axis + " node holds "
                + (o == null ? "no value" : o.getClass().getSimpleName()) + ", not an array of numbers");
    }
}
