package org.nanoos.labhub.verticals.battery;

/**
 * How {@link ChemicalFormula#parse(String, DotReading)} reads a '.' that stands between two digits after a non-zero
 * whole number, as in {@code CuSO4.5H2O} (hydrate: CuSO4 plus 5 H2O) or {@code Li1.5Al0.5Ge1.5(PO4)3} (fractional
 * counts). The text alone cannot say which is meant, so the default refuses to guess.
 *
 * <p>Unambiguous cases are read the same way under every choice: a '.' after a zero whole number ({@code Li0.5CoO2},
 * {@code LiNi0.8Co0.15Al0.05O2}) is a decimal point, because a count of zero is impossible; a '.' not between two
 * digits ({@code CuSO4.H2O}, {@code (NH4)2SO4 . 6H2O}) is a hydrate dot; '·' (U+00B7), '•' (U+2022), '∙' (U+2219)
 * and '*' are always hydrate dots.
 */
public enum DotReading {
    /** Refuse an ambiguous '.' with {@link BatteryAnalysisException.Reason#AMBIGUOUS_DOT}. The default. */
    STRICT,
    /** Read an ambiguous '.' as a decimal point: {@code Li1.5Al0.5Ge1.5(PO4)3}. */
    DECIMAL_POINT,
    /** Read an ambiguous '.' as a hydrate dot: {@code CuSO4.5H2O} = CuSO4·5H2O. */
    HYDRATE_DOT
}
