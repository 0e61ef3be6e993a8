package org.nanoos.labhub.verticals.units;

/**
 * Converts values from one UCUM unit to its SI system unit as {@code si = value * factor + offset}; the offset is
 * non-zero only for the affine temperature scales ({@code Cel}, {@code [degF]}). Immutable and thread-safe; obtain
 * one from {@link UcumUnits#toSi(String)}.
 */
public final class SiConverter {

    private final String originalUnit;
    private final String siUnit;
    private final double factor;
    private final double offset;
    private final boolean absoluteTemperature;

    SiConverter(String originalUnit, String siUnit, double factor, double offset, boolean absoluteTemperature) {
        this.originalUnit = originalUnit;
        this.siUnit = siUnit;
        this.factor = factor;
        this.offset = offset;
        this.absoluteTemperature = absoluteTemperature;
    }

    /**
     * Converts a value in {@link #originalUnit()} to {@link #siUnit()}. Plain double arithmetic, no allocation; a
     * finite input can still give an infinite result when the value is near the double range.
     */
    public double convert(double value) {
        return value * factor + offset;
    }

    /**
     * The UCUM code of the SI system unit, in the canonical form documented on {@link UcumUnits}, e.g. {@code K},
     * {@code Pa}, {@code m3/s}, {@code rad}, {@code 1}.
     */
    public String siUnit() {
        return siUnit;
    }

    /** The unit code exactly as given to {@link UcumUnits#toSi(String)}; {@code null} when none was given. */
    public String originalUnit() {
        return originalUnit;
    }

    /**
     * Whether the SI unit is exactly the kelvin (dimension temperature): a converted value must then be {@code >= 0}
     * to be physical.
     */
    public boolean isAbsoluteTemperature() {
        return absoluteTemperature;
    }

    /** Whether the conversion is the identity (the unit already is its SI unit). */
    public boolean isIdentity() {
        return factor == 1.0 && offset == 0.0;
    }

    @Override
    public String toString() {
        return originalUnit + " -> " + siUnit + " (x * " + factor + (offset == 0.0 ? "" : " + " + offset) + ")";
    }
}
