package org.nanoos.labhub.verticals.units;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.measure.Unit;

import tech.units.indriya.AbstractUnit;
import tech.units.indriya.unit.AlternateUnit;
import tech.units.indriya.unit.AnnotatedUnit;
import tech.units.indriya.unit.BaseUnit;
import tech.units.indriya.unit.ProductUnit;
import tech.units.indriya.unit.TransformedUnit;
import tech.units.indriya.unit.Units;

/**
 * Writes an SI system unit as the canonical UCUM code described on {@link UcumUnits}: a named SI derived unit when
 * the exponents match one exactly, else a product of the base units (plus rad and sr) in a fixed order.
 */
final class SiUnitCode {

    /** Symbols in the order they are written; the first seven are the SI base units. */
    private static final String[] SYMBOLS = {"kg", "m", "s", "A", "K", "mol", "cd", "rad", "sr"};
    private static final int RAD = 7;
    private static final int SR = 8;
    private static final int KELVIN = 4;

    /** Named SI derived units (SI Brochure, 9th ed., Table 4) used when the exponents match exactly. */
    private static final List<Unit<?>> NAMED = List.of(Units.HERTZ, Units.NEWTON, Units.PASCAL, Units.JOULE,
            Units.WATT, Units.COULOMB, Units.VOLT, Units.FARAD, Units.OHM, Units.SIEMENS, Units.WEBER, Units.TESLA,
            Units.HENRY);
    /** UCUM codes of {@link #NAMED}, same order. */
    private static final List<String> NAMED_CODES = List.of("Hz", "N", "Pa", "J", "W", "C", "V", "F", "Ohm", "S",
            "Wb", "T", "H");

    private static final Map<List<Integer>, String> NAME_BY_EXPONENTS = new HashMap<>();

    static {
        for (int i = 0; i < NAMED.size(); i++) {
            NAME_BY_EXPONENTS.put(key(exponents(NAMED.get(i))), NAMED_CODES.get(i));
        }
    }

    private SiUnitCode() {
    }

    /**
     * The exponents of an SI system unit over {@link #SYMBOLS}.
     *
     * @throws IllegalArgumentException when the unit is not built from SI units, e.g. a UCUM arbitrary unit
     *                                  ({@code [iU]}) whose system unit is its own
     */
    static int[] exponents(Unit<?> systemUnit) {
        int[] exponents = new int[SYMBOLS.length];
        collect(systemUnit, 1, exponents);
        return exponents;
    }

    /** Whether the exponents are those of the kelvin alone. */
    static boolean isTemperature(int[] exponents) {
        for (int i = 0; i < exponents.length; i++) {
            if (exponents[i] != (i == KELVIN ? 1 : 0)) {
                return false;
            }
        }
        return true;
    }

    /** The canonical UCUM code for these exponents. */
    static String format(int[] exponents) {
        String named = NAME_BY_EXPONENTS.get(key(exponents));
        if (named != null) {
            return named;
        }
        List<String> positive = new ArrayList<>();
        List<Integer> negative = new ArrayList<>();
        for (int i = 0; i < exponents.length; i++) {
            if (exponents[i] > 0) {
                positive.add(term(SYMBOLS[i], exponents[i]));
            } else if (exponents[i] < 0) {
                negative.add(i);
            }
        }
        if (positive.isEmpty() && negative.isEmpty()) {
            return "1";
        }
        StringBuilder code = new StringBuilder(String.join(".", positive));
        if (!positive.isEmpty() && negative.size() == 1) {
            int i = negative.get(0);
            return code.append('/').append(term(SYMBOLS[i], -exponents[i])).toString();
        }
        for (int i : negative) {
            if (code.length() > 0) {
                code.append('.');
            }
            code.append(SYMBOLS[i]).append(exponents[i]);
        }
        return code.toString();
    }

    private static String term(String symbol, int exponent) {
        return exponent == 1 ? symbol : symbol + exponent;
    }

    private static List<Integer> key(int[] exponents) {
        return Arrays.stream(exponents).boxed().toList();
    }

    private static void collect(Unit<?> unit, int power, int[] exponents) {
        if (unit.equals(Units.RADIAN)) {
            exponents[RAD] += power;
        } else if (unit.equals(Units.STERADIAN)) {
            exponents[SR] += power;
        } else if (unit.equals(AbstractUnit.ONE)) {
            return;
        } else if (unit instanceof BaseUnit<?> base) {
            int index = Arrays.asList(SYMBOLS).subList(0, RAD).indexOf(base.getSymbol());
            if (index < 0) {
                throw new IllegalArgumentException("base unit " + base.getSymbol() + " is not an SI base unit");
            }
            exponents[index] += power;
        } else if (unit instanceof ProductUnit<?> product) {
            for (int i = 0; i < product.getUnitCount(); i++) {
                if (product.getUnitRoot(i) != 1) {
                    throw new IllegalArgumentException("fractional powers have no UCUM form");
                }
                collect(product.getUnit(i), power * product.getUnitPow(i), exponents);
            }
        } else if (unit instanceof AlternateUnit<?> alternate) {
            if (alternate.getParentUnit().equals(AbstractUnit.ONE)) {
                throw new IllegalArgumentException(
                        "arbitrary unit " + alternate.getSymbol() + " is not commensurable with any SI unit");
            }
            collect(alternate.getParentUnit(), power, exponents);
        } else if (unit instanceof AnnotatedUnit<?> annotated) {
            collect(annotated.getActualUnit(), power, exponents);
        } else if (unit instanceof TransformedUnit<?> transformed) {
            collect(transformed.getParentUnit(), power, exponents);
        } else {
            throw new IllegalArgumentException("unit " + unit + " is not built from SI units");
        }
    }
}
