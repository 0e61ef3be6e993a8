package org.nanoos.labhub.verticals.units;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Map;

import javax.measure.Unit;

import systems.uom.ucum.UCUM;
import tech.units.indriya.AbstractUnit;
import tech.units.indriya.unit.AlternateUnit;
import tech.units.indriya.unit.AnnotatedUnit;
import tech.units.indriya.unit.ProductUnit;
import tech.units.indriya.unit.TransformedUnit;

/**
 * Restores the exact values the 2019 SI redefinition gave to e, h and k for UCUM units built on them ({@code eV},
 * {@code [e]}, {@code [h]}, {@code [k]}): systems-ucum 2.2 still carries older CODATA values, e.g. 1 eV =
 * 1.602176487e-19 J instead of the exact 1.602176634e-19 J (SI Brochure, 9th ed., 2019, Table 1).
 */
final class ExactSiConstants {

    private static final MathContext MC = MathContext.DECIMAL128;

    /** UCUM unit defined by a defining constant, to (exact value / systems-ucum's value) in its SI system unit. */
    private static final Map<Unit<?>, BigDecimal> RATIO = Map.of(
            UCUM.ELECTRON_VOLT, ratio(UCUM.ELECTRON_VOLT, "1.602176634E-19"),
            UCUM.ELEMENTARY_CHARGE, ratio(UCUM.ELEMENTARY_CHARGE, "1.602176634E-19"),
            UCUM.PLANCK, ratio(UCUM.PLANCK, "6.62607015E-34"),
            UCUM.BOLTZMAN, ratio(UCUM.BOLTZMAN, "1.380649E-23"));

    private ExactSiConstants() {
    }

    /**
     * The factor by which the library's conversion of {@code unit} to SI must be multiplied to use the exact
     * constants: the product of (exact / library value) to the power each constant unit occurs in {@code unit}.
     */
    static BigDecimal correction(Unit<?> unit) {
        BigDecimal correction = BigDecimal.ONE;
        for (Map.Entry<Unit<?>, BigDecimal> constant : RATIO.entrySet()) {
            int power = power(unit, constant.getKey());
            if (power != 0) {
                correction = correction.multiply(constant.getValue().pow(power, MC), MC);
            }
        }
        return correction;
    }

    private static BigDecimal ratio(Unit<?> unit, String exactValue) {
        BigDecimal library = UcumUnits.toBigDecimal(((AbstractUnit<?>) unit).getSystemConverter().convert(BigDecimal.ONE));
        return new BigDecimal(exactValue).divide(library, MC);
    }

    /** How many times {@code constant} occurs in {@code unit} (negative when in the denominator). */
    private static int power(Unit<?> unit, Unit<?> constant) {
        if (unit.equals(constant)) {
            return 1;
        }
        if (unit instanceof ProductUnit<?> product) {
            int sum = 0;
            for (int i = 0; i < product.getUnitCount(); i++) {
                sum += product.getUnitPow(i) * power(product.getUnit(i), constant) / product.getUnitRoot(i);
            }
            return sum;
        }
        if (unit instanceof TransformedUnit<?> transformed) {
            return power(transformed.getParentUnit(), constant);
        }
        if (unit instanceof AnnotatedUnit<?> annotated) {
            return power(annotated.getActualUnit(), constant);
        }
        if (unit instanceof AlternateUnit<?> alternate) {
            return power(alternate.getParentUnit(), constant);
        }
        return 0;
    }
}
