package org.nanoos.labhub.simulator.opcua;

import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;

/**
 * The OPC UA data type of an instrument variable, and which Java values it takes: {@code String} (or an enum, sent
 * as its name) for {@link #STRING}, {@code Boolean}, an {@code Integer} (or a {@code Long} that fits) for
 * {@link #INT32}, any {@code Number} for {@link #DOUBLE}, and {@code double[]} or {@code Double[]} for
 * {@link #DOUBLE_ARRAY} (a one-dimensional OPC UA Double array). Null is never accepted.
 */
public enum VariableType {

    /** OPC UA String, scalar. */
    STRING,
    /** OPC UA Boolean, scalar. */
    BOOLEAN,
    /** OPC UA Int32, scalar. */
    INT32,
    /** OPC UA Double, scalar. */
    DOUBLE,
    /** OPC UA Double, one-dimensional array (value rank 1). */
    DOUBLE_ARRAY;

    /** Whether values are one-dimensional arrays. */
    public boolean isArray() {
        return this == DOUBLE_ARRAY;
    }

    /** Whether values are numbers, so that an engineering unit makes sense. */
    public boolean isNumeric() {
        return this == INT32 || this == DOUBLE || this == DOUBLE_ARRAY;
    }

    /** The OPC UA DataType node id. */
    NodeId dataType() {
        return switch (this) {
            case STRING -> NodeIds.String;
            case BOOLEAN -> NodeIds.Boolean;
            case INT32 -> NodeIds.Int32;
            case DOUBLE, DOUBLE_ARRAY -> NodeIds.Double;
        };
    }

    /**
     * The value as an OPC UA Variant of this type; arrays are copied, so the caller may reuse its buffer.
     *
     * @throws IllegalArgumentException if the value is null or of another type
     */
    Variant toVariant(Object value) {
        if (value == null) {
            throw new IllegalArgumentException(this + " variable cannot take null");
        }
        return switch (this) {
            case STRING -> {
                if (value instanceof String s) {
                    yield Variant.ofString(s);
                }
                if (value instanceof Enum<?> e) {
                    yield Variant.ofString(e.name());
                }
                throw mismatch(value);
            }
            case BOOLEAN -> {
                if (value instanceof Boolean b) {
                    yield Variant.ofBoolean(b);
                }
                throw mismatch(value);
            }
            case INT32 -> {
                if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
                    yield Variant.ofInt32(((Number) value).intValue());
                }
                if (value instanceof Long l && l == l.intValue()) {
                    yield Variant.ofInt32(l.intValue());
                }
                throw mismatch(value);
            }
            case DOUBLE -> {
                if (value instanceof Number n) {
                    yield Variant.ofDouble(n.doubleValue());
                }
                throw mismatch(value);
            }
            case DOUBLE_ARRAY -> {
                if (value instanceof double[] a) {
                    yield Variant.ofDoubleArray(a.clone());
                }
                if (value instanceof Double[] boxed) {
                    double[] a = new double[boxed.length];
                    for (int i = 0; i < boxed.length; i++) {
                        if (boxed[i] == null) {
                            throw new IllegalArgumentException("DOUBLE_ARRAY element " + i + " is null");
                        }
                        a[i] = boxed[i];
                    }
                    yield Variant.ofDoubleArray(a);
                }
                throw mismatch(value);
            }
        };
    }

    private IllegalArgumentException mismatch(Object value) {
        return new IllegalArgumentException(this + " variable cannot take a " + value.getClass().getSimpleName());
    }
}
