package org.nanoos.labhub.processors.analysis;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;

/**
 * Analysis results (the verticals' records) as JSON, for PostgreSQL and the REST API: record components become
 * fields, and a number that is not finite (a quantity the analysis could not determine, e.g. an uncertainty from
 * one point) becomes {@code null} — JSON has no NaN, and a string "NaN" would pass for a value.
 */
public final class AnalysisJson {

    private static final ObjectMapper MAPPER = mapper();

    private AnalysisJson() {
    }

    /** The shared mapper: records as objects, non-finite numbers as null. */
    public static ObjectMapper mapper() {
        if (MAPPER != null) {
            return MAPPER;
        }
        SimpleModule nonFinite = new SimpleModule("labhub-non-finite");
        nonFinite.addSerializer(Double.class, new NonFiniteDouble());
        nonFinite.addSerializer(double.class, new NonFiniteDouble());
        nonFinite.addSerializer(double[].class, new NonFiniteArray());
        ObjectMapper m = new ObjectMapper();
        m.registerModule(nonFinite);
        m.disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
        return m;
    }

    /** A result as a JSON tree. */
    public static JsonNode toJson(Object result) {
        return MAPPER.valueToTree(result);
    }

    private static final class NonFiniteDouble extends StdSerializer<Double> {
        private static final long serialVersionUID = 1L;

        NonFiniteDouble() {
            super(Double.class);
        }

        @Override
        public void serialize(Double value, JsonGenerator g, SerializerProvider provider) throws IOException {
            if (value == null || !Double.isFinite(value)) {
                g.writeNull();
            } else {
                g.writeNumber(value);
            }
        }
    }

    private static final class NonFiniteArray extends StdSerializer<double[]> {
        private static final long serialVersionUID = 1L;

        NonFiniteArray() {
            super(double[].class);
        }

        @Override
        public void serialize(double[] values, JsonGenerator g, SerializerProvider provider) throws IOException {
            g.writeStartArray(values, values.length);
            for (double v : values) {
                if (Double.isFinite(v)) {
                    g.writeNumber(v);
                } else {
                    g.writeNull();
                }
            }
            g.writeEndArray();
        }
    }
}
