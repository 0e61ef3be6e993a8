package org.nanoos.labhub.verticals.battery;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.nanoos.labhub.verticals.battery.BatteryAnalysisException.Reason;

/**
 * IUPAC abridged standard atomic weights, Ar°(E), for the 84 elements that have one, and the symbols of all 118
 * elements so that an element without a standard atomic weight is told apart from a misspelt symbol.
 *
 * <p>Source: the CIAAW abridged values (ciaaw.org/abridged-atomic-weights.htm) of the <i>Standard atomic weights of
 * the elements 2021</i> (T. Prohaska et al., Pure Appl. Chem. 94 (2022) 573–600), with the three revisions the
 * Commission decided at its 2023 meeting and published in 2024: Zr 91.222(3) (was 91.224(2)), Gd 157.249(2) (was
 * 157.25(3)), Lu 174.96669(5) (was 174.9668(1)), abridged here to 91.222 ± 0.003, 157.25 ± 0.01 and 174.97 ± 0.01.
 * Abridged values have five significant figures where the natural variation allows; elements whose standard atomic
 * weight is an interval (H, Li, B, C, N, O, Mg, Si, S, Cl, Ar, Br, Tl, Pb) are given the abridged conventional value
 * of the table, e.g. Li 6.94 ± 0.06, Pb 207.2 ± 1.1.
 *
 * <p>Elements refused with {@link Reason#NO_STANDARD_ATOMIC_WEIGHT}: Tc, Pm, Po, At, Rn, Fr, Ra, Ac and Np onwards
 * (no stable isotope with a characteristic terrestrial isotopic composition). Th, Pa and U have standard weights.
 */
public final class AtomicWeights {

    private static final Map<String, AtomicWeight> WEIGHTS = new LinkedHashMap<>();
    private static final Map<String, Integer> WITHOUT_WEIGHT = new LinkedHashMap<>();

    static {
        weight(1, "H", 1.0080, 0.0002);
        weight(2, "He", 4.0026, 0.0001);
        weight(3, "Li", 6.94, 0.06);
        weight(4, "Be", 9.0122, 0.00001);
        weight(5, "B", 10.81, 0.02);
        weight(6, "C", 12.011, 0.002);
        weight(7, "N", 14.007, 0.001);
        weight(8, "O", 15.999, 0.001);
        weight(9, "F", 18.998, 0.001);
        weight(10, "Ne", 20.180, 0.001);
        weight(11, "Na", 22.990, 0.001);
        weight(12, "Mg", 24.305, 0.002);
        weight(13, "Al", 26.982, 0.001);
        weight(14, "Si", 28.085, 0.001);
        weight(15, "P", 30.974, 0.001);
        weight(16, "S", 32.06, 0.02);
        weight(17, "Cl", 35.45, 0.01);
        weight(18, "Ar", 39.95, 0.16);
        weight(19, "K", 39.098, 0.001);
        weight(20, "Ca", 40.078, 0.004);
        weight(21, "Sc", 44.956, 0.001);
        weight(22, "Ti", 47.867, 0.001);
        weight(23, "V", 50.942, 0.001);
        weight(24, "Cr", 51.996, 0.001);
        weight(25, "Mn", 54.938, 0.001);
        weight(26, "Fe", 55.845, 0.002);
        weight(27, "Co", 58.933, 0.001);
        weight(28, "Ni", 58.693, 0.001);
        weight(29, "Cu", 63.546, 0.003);
        weight(30, "Zn", 65.38, 0.02);
        weight(31, "Ga", 69.723, 0.001);
        weight(32, "Ge", 72.630, 0.008);
        weight(33, "As", 74.922, 0.001);
        weight(34, "Se", 78.971, 0.008);
        weight(35, "Br", 79.904, 0.003);
        weight(36, "Kr", 83.798, 0.002);
        weight(37, "Rb", 85.468, 0.001);
        weight(38, "Sr", 87.62, 0.01);
        weight(39, "Y", 88.906, 0.001);
        weight(40, "Zr", 91.222, 0.003);
        weight(41, "Nb", 92.906, 0.001);
        weight(42, "Mo", 95.95, 0.01);
        none(43, "Tc");
        weight(44, "Ru", 101.07, 0.02);
        weight(45, "Rh", 102.91, 0.01);
        weight(46, "Pd", 106.42, 0.01);
        weight(47, "Ag", 107.87, 0.01);
        weight(48, "Cd", 112.41, 0.01);
        weight(49, "In", 114.82, 0.01);
        weight(50, "Sn", 118.71, 0.01);
        weight(51, "Sb", 121.76, 0.01);
        weight(52, "Te", 127.60, 0.03);
        weight(53, "I", 126.90, 0.01);
        weight(54, "Xe", 131.29, 0.01);
        weight(55, "Cs", 132.91, 0.01);
        weight(56, "Ba", 137.33, 0.01);
        weight(57, "La", 138.91, 0.01);
        weight(58, "Ce", 140.12, 0.01);
        weight(59, "Pr", 140.91, 0.01);
        weight(60, "Nd", 144.24, 0.01);
        none(61, "Pm");
        weight(62, "Sm", 150.36, 0.02);
        weight(63, "Eu", 151.96, 0.01);
        weight(64, "Gd", 157.25, 0.01);
        weight(65, "Tb", 158.93, 0.01);
        weight(66, "Dy", 162.50, 0.01);
        weight(67, "Ho", 164.93, 0.01);
        weight(68, "Er", 167.26, 0.01);
        weight(69, "Tm", 168.93, 0.01);
        weight(70, "Yb", 173.05, 0.02);
        weight(71, "Lu", 174.97, 0.01);
        weight(72, "Hf", 178.49, 0.01);
        weight(73, "Ta", 180.95, 0.01);
        weight(74, "W", 183.84, 0.01);
        weight(75, "Re", 186.21, 0.01);
        weight(76, "Os", 190.23, 0.03);
        weight(77, "Ir", 192.22, 0.01);
        weight(78, "Pt", 195.08, 0.02);
        weight(79, "Au", 196.97, 0.01);
        weight(80, "Hg", 200.59, 0.01);
        weight(81, "Tl", 204.38, 0.01);
        weight(82, "Pb", 207.2, 1.1);
        weight(83, "Bi", 208.98, 0.01);
        none(84, "Po");
        none(85, "At");
        none(86, "Rn");
        none(87, "Fr");
        none(88, "Ra");
        none(89, "Ac");
        weight(90, "Th", 232.04, 0.01);
        weight(91, "Pa", 231.04, 0.01);
        weight(92, "U", 238.03, 0.01);
        none(93, "Np");
        none(94, "Pu");
        none(95, "Am");
        none(96, "Cm");
        none(97, "Bk");
        none(98, "Cf");
        none(99, "Es");
        none(100, "Fm");
        none(101, "Md");
        none(102, "No");
        none(103, "Lr");
        none(104, "Rf");
        none(105, "Db");
        none(106, "Sg");
        none(107, "Bh");
        none(108, "Hs");
        none(109, "Mt");
        none(110, "Ds");
        none(111, "Rg");
        none(112, "Cn");
        none(113, "Nh");
        none(114, "Fl");
        none(115, "Mc");
        none(116, "Lv");
        none(117, "Ts");
        none(118, "Og");    }

    private AtomicWeights() {
    }

    /**
     * The abridged standard atomic weight of the element with this symbol (case-sensitive, e.g. "Co", not "CO").
     *
     * @throws BatteryAnalysisException {@link Reason#UNKNOWN_ELEMENT} for a symbol that is no element,
     *                                  {@link Reason#NO_STANDARD_ATOMIC_WEIGHT} for an element without one
     */
    public static AtomicWeight of(String symbol) {
        AtomicWeight weight = WEIGHTS.get(symbol);
        if (weight != null) {
            return weight;
        }
        Integer z = WITHOUT_WEIGHT.get(symbol);
        if (z != null) {
            throw new BatteryAnalysisException(Reason.NO_STANDARD_ATOMIC_WEIGHT, symbol + " (Z = " + z
                    + ") has no IUPAC standard atomic weight: it has no stable isotope with a characteristic "
                    + "terrestrial isotopic composition, so a molar mass would depend on the isotope");
        }
        throw new BatteryAnalysisException(Reason.UNKNOWN_ELEMENT, "'" + symbol + "' is not a chemical element");
    }

    /** The weight of {@code symbol} if it is an element with a standard atomic weight. */
    public static Optional<AtomicWeight> find(String symbol) {
        return Optional.ofNullable(WEIGHTS.get(symbol));
    }

    /** Whether {@code symbol} is one of the 118 element symbols, with or without a standard atomic weight. */
    public static boolean isElement(String symbol) {
        return WEIGHTS.containsKey(symbol) || WITHOUT_WEIGHT.containsKey(symbol);
    }

    /** Every element with a standard atomic weight, by atomic number. */
    public static Map<String, AtomicWeight> all() {
        return Collections.unmodifiableMap(WEIGHTS);
    }

    private static void weight(int z, String symbol, double value, double uncertainty) {
        WEIGHTS.put(symbol, new AtomicWeight(symbol, z, value, uncertainty));
    }

    private static void none(int z, String symbol) {
        WITHOUT_WEIGHT.put(symbol, z);
    }
}
