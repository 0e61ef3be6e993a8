package org.nanoos.labhub.verticals.units;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.concurrent.ConcurrentHashMap;

import javax.measure.Unit;
import javax.measure.UnitConverter;

import systems.uom.ucum.format.UCUMFormat;
import tech.units.indriya.function.AddConverter;
import tech.units.indriya.function.RationalNumber;

/**
 * Converts UCUM unit codes (case-sensitive, e.g. {@code Cel}, {@code mm[Hg]}, {@code cm3/min}) to their SI system
 * unit, using the UCUM definitions of systems-ucum (JSR 385); converters are cached because parsing takes tens of
 * microseconds while a conversion is a multiply-add.
 *
 * <p>The SI unit is reported as a canonical UCUM code that {@link #toSi(String)} parses again to itself:
 * <ul>
 * <li>{@code 1} for dimensionless units: {@code %}, {@code [ppm]}, annotations such as {@code {counts}};</li>
 * <li>a named SI derived unit when the exponents match one exactly: {@code Hz N Pa J W C V F Ohm S Wb T H} (so
 * {@code [psi]} gives {@code Pa}, {@code mA.h} gives {@code C}, {@code eV} gives {@code J}, but {@code Bq} also
 * gives {@code Hz} and {@code Gy} gives {@code m2/s2});</li>
 * <li>otherwise a product of {@code kg m s A K mol cd rad sr}, in that order, with their integer exponents:
 * the positive terms joined by {@code .}, then the single negative term as {@code /term} ({@code m3/s},
 * {@code mol/m3}, {@code rad/s}) or, when there are several negative terms or no positive one, every negative term
 * with its signed exponent ({@code kg.m2.s-2.K-1}, {@code m-1}). Plane and solid angle are kept ({@code deg} gives
 * {@code rad}), because {@code rad/s} is not {@code Hz}.</li>
 * </ul>
 *
 * <p>Where systems-ucum 2.2 still uses pre-2019 CODATA values for e, h and k ({@code eV}, {@code [e]}, {@code [h]},
 * {@code [k]}), the exact values fixed by the 2019 SI redefinition are used instead. Rejected with
 * {@link UnknownUnitException}: codes that are not valid case-sensitive UCUM as systems-ucum parses it (for example
 * {@code Torr}, which UCUM does not define; use {@code mm[Hg]}), arbitrary units such as {@code [iU]}, logarithmic
 * units, and scales beyond the range of a {@code double}.
 */
public final class UcumUnits {

    /** Longest code accepted; real UCUM codes are a few characters. */
    static final int MAX_CODE_LENGTH = 100;
    /** At most this many converters are cached; further codes are converted but not remembered. */
    static final int CACHE_LIMIT = 4096;

    private static final MathContext MC = MathContext.DECIMAL128;
    private static final SiConverter NO_UNIT = new SiConverter(null, "1", 1.0, 0.0, false);
    private static final SiConverter EMPTY_UNIT = new SiConverter("", "1", 1.0, 0.0, false);
    private static final ConcurrentHashMap<String, SiConverter> CACHE = new ConcurrentHashMap<>();

    private UcumUnits() {
    }

    /**
     * Converter from the given UCUM code to its SI system unit; cached, so the same code returns the same converter.
     * A {@code null} or empty code means dimensionless {@code 1}.
     *
     * @param ucumCode a case-sensitive UCUM code such as {@code Cel}, {@code kPa}, {@code L/min}, {@code {counts}}
     * @return the converter, whose {@link SiConverter#siUnit()} is the canonical code described on this class
     * @throws UnknownUnitException when the code cannot be parsed or has no SI equivalent; the message says which
     *                              code and why
     */
    public static SiConverter toSi(String ucumCode) throws UnknownUnitException {
        if (ucumCode == null) {
            return NO_UNIT;
        }
        if (ucumCode.isEmpty()) {
            return EMPTY_UNIT;
        }
        SiConverter cached = CACHE.get(ucumCode);
        if (cached != null) {
            return cached;
        }
        // Indriya and systems-ucum find their unit systems and formats through the thread's context class loader;
        // a reading may arrive on a thread (an HTTP event loop, a client library's) whose loader does not see them,
        // and a first load that fails there would leave the parser broken for every thread after. Parse with ours.
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        SiConverter created;
        try {
            thread.setContextClassLoader(UcumUnits.class.getClassLoader());
            created = create(ucumCode);
        } finally {
            thread.setContextClassLoader(previous);
        }
        if (CACHE.size() < CACHE_LIMIT) {
            SiConverter raced = CACHE.putIfAbsent(ucumCode, created);
            if (raced != null) {
                return raced;
            }
        }
        return created;
    }

    private static SiConverter create(String code) throws UnknownUnitException {
        if (code.length() > MAX_CODE_LENGTH) {
            throw new UnknownUnitException(abbreviate(code), "longer than " + MAX_CODE_LENGTH + " characters");
        }
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c <= ' ' || c > '~') {
                throw new UnknownUnitException(code, "UCUM codes are printable ASCII without spaces, found "
                        + String.format("U+%04X", (int) c) + " at position " + i);
            }
        }
        Unit<?> unit = parse(code);
        Unit<?> systemUnit = unit.getSystemUnit();
        int[] exponents;
        try {
            exponents = SiUnitCode.exponents(systemUnit);
        } catch (IllegalArgumentException e) {
            throw new UnknownUnitException(code, e.getMessage(), e);
        }
        UnitConverter converter;
        try {
            converter = unit.getConverterToAny(systemUnit);
        } catch (Exception e) {
            throw new UnknownUnitException(code, "no conversion to " + systemUnit + ": " + e.getMessage(), e);
        }
        for (UnitConverter step : converter.getConversionSteps()) {
            if (!step.isLinear() && !(step instanceof AddConverter)) {
                throw new UnknownUnitException(code, "not a linear or affine scale (logarithmic units are not supported)");
            }
        }
        BigDecimal offset;
        BigDecimal factor;
        try {
            offset = toBigDecimal(converter.convert(BigDecimal.ZERO));
            factor = toBigDecimal(converter.convert(BigDecimal.ONE)).subtract(offset, MC)
                    .multiply(ExactSiConstants.correction(unit), MC);
        } catch (ArithmeticException e) {
            throw new UnknownUnitException(code, "its SI conversion is not finite", e);
        }
        double factorValue = factor.doubleValue();
        double offsetValue = offset.doubleValue();
        if (!Double.isFinite(factorValue) || factorValue == 0.0 || !Double.isFinite(offsetValue)) {
            throw new UnknownUnitException(code, "its SI conversion factor " + factor.round(MathContext.DECIMAL32)
                    + " is outside the range of a double");
        }
        return new SiConverter(code, SiUnitCode.format(exponents), factorValue, offsetValue,
                SiUnitCode.isTemperature(exponents));
    }

    private static Unit<?> parse(String code) throws UnknownUnitException {
        Unit<?> unit;
        try {
            unit = UCUMFormat.getInstance(UCUMFormat.Variant.CASE_SENSITIVE).parse(code);
        } catch (LinkageError e) {
            throw new IllegalStateException("systems-ucum cannot load its unit definitions ("
                    + e + "); systems.uom:systems-quantity must be on the class path", e);
        } catch (VirtualMachineError e) {
            throw e;
        } catch (RuntimeException | Error e) {
            // The generated UCUM parser reports lexical errors as an Error (TokenMgrError), syntax errors as
            // TokenException, and some malformed codes as NumberFormatException.
            throw new UnknownUnitException(code, "not a valid case-sensitive UCUM code" + detail(e), e);
        }
        if (unit == null) {
            throw new UnknownUnitException(code, "not a valid case-sensitive UCUM code");
        }
        return unit;
    }

    private static String detail(Throwable e) {
        String message = e.getMessage();
        if (message == null || message.isBlank() || "null".equals(message)) {
            return "";
        }
        String firstLine = message.strip().lines().findFirst().orElse("").strip();
        return " (" + abbreviate(firstLine) + ")";
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }

    /** An exact decimal for the numbers JSR 385 converters return. */
    static BigDecimal toBigDecimal(Number number) {
        if (number instanceof BigDecimal decimal) {
            return decimal;
        }
        if (number instanceof RationalNumber rational) {
            return rational.bigDecimalValue();
        }
        if (number instanceof BigInteger integer) {
            return new BigDecimal(integer);
        }
        if (number instanceof Long || number instanceof Integer || number instanceof Short || number instanceof Byte) {
            return BigDecimal.valueOf(number.longValue());
        }
        double value = number.doubleValue();
        if (!Double.isFinite(value)) {
            throw new ArithmeticException("non-finite conversion result " + value);
        }
        // Double.toString is the shortest decimal that round-trips, so 273.15 stays 273.15.
        return new BigDecimal(Double.toString(value));
    }
}
