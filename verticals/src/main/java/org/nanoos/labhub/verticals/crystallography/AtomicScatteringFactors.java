package org.nanoos.labhub.verticals.crystallography;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Neutral-atom X-ray scattering factors f0(sin θ/λ) from the Cromer–Mann coefficients of International Tables for
 * Crystallography Vol. C (A. J. C. Wilson, ed., Kluwer 1992; E. Prince, ed., 2006), Table 6.1.1.4, "Coefficients
 * for analytical approximation to the scattering factors of Tables 6.1.1.1 and 6.1.1.3" (a reprint of Table 2.2B of
 * International Tables for X-ray Crystallography Vol. IV, 1974), which fits the relativistic Hartree–Fock values of
 * Table 6.1.1.1. Anomalous dispersion (f′, f″) is not included.
 */
public final class AtomicScatteringFactors {

    private static final Map<String, CromerMann> TABLE = new TreeMap<>();

    static {
        // symbol, a1, a2, a3, a4, b1, b2, b3, b4, c — as printed in ITC Vol. C Table 6.1.1.4 (neutral atoms)
        put("B", 2.0545, 1.3326, 1.0979, 0.7068, 23.2185, 1.0210, 60.3498, 0.1403, -0.1932);
        put("C", 2.3100, 1.0200, 1.5886, 0.8650, 20.8439, 10.2075, 0.5687, 51.6512, 0.2156);
        put("N", 12.2126, 3.1322, 2.0125, 1.1663, 0.0057, 9.8933, 28.9975, 0.5826, -11.529);
        put("O", 3.0485, 2.2868, 1.5463, 0.8670, 13.2771, 5.7011, 0.3239, 32.9089, 0.2508);
        put("F", 3.5392, 2.6412, 1.5170, 1.0243, 10.2825, 4.2944, 0.2615, 26.1476, 0.2776);
        put("Na", 4.7626, 3.1736, 1.2674, 1.1128, 3.2850, 8.8422, 0.3136, 129.424, 0.6760);
        put("Mg", 5.4204, 2.1735, 1.2269, 2.3073, 2.8275, 79.2611, 0.3808, 7.1937, 0.8584);
        put("Al", 6.4202, 1.9002, 1.5936, 1.9646, 3.0387, 0.7426, 31.5472, 85.0886, 1.1151);
        put("Si", 6.2915, 3.0353, 1.9891, 1.5410, 2.4386, 32.3337, 0.6785, 81.6937, 1.1407);
        put("P", 6.4345, 4.1791, 1.7800, 1.4908, 1.9067, 27.1570, 0.5260, 68.1645, 1.1149);
        put("S", 6.9053, 5.2034, 1.4379, 1.5863, 1.4679, 22.2151, 0.2536, 56.1720, 0.8669);
        put("Cl", 11.4604, 7.1962, 6.2556, 1.6455, 0.0104, 1.1662, 18.5194, 47.7784, -9.5574);
        put("K", 8.2186, 7.4398, 1.0519, 0.8659, 12.7949, 0.7748, 213.187, 41.6841, 1.4228);
        put("Ca", 8.6266, 7.3873, 1.5899, 1.0211, 10.4421, 0.6599, 85.7484, 178.437, 1.3751);
        put("Sc", 9.1890, 7.3679, 1.6409, 1.4680, 9.0213, 0.5729, 136.108, 51.3531, 1.3329);
        put("Ti", 9.7595, 7.3558, 1.6991, 1.9021, 7.8508, 0.5000, 35.6338, 116.105, 1.2807);
        put("V", 10.2971, 7.3511, 2.0703, 2.0571, 6.8657, 0.4385, 26.8938, 102.478, 1.2199);
        put("Cr", 10.6406, 7.3537, 3.3240, 1.4922, 6.1038, 0.3920, 20.2626, 98.7399, 1.1832);
        put("Mn", 11.2819, 7.3573, 3.0193, 2.2441, 5.3409, 0.3432, 17.8674, 83.7543, 1.0896);
        put("Fe", 11.7695, 7.3573, 3.5222, 2.3045, 4.7611, 0.3072, 15.3535, 76.8805, 1.0369);
        put("Co", 12.2841, 7.3409, 4.0034, 2.3488, 4.2791, 0.2784, 13.5359, 71.1692, 1.0118);
        put("Ni", 12.8376, 7.2920, 4.4438, 2.3800, 3.8785, 0.2565, 12.1763, 66.3421, 1.0341);
        put("Cu", 13.3380, 7.1676, 5.6158, 1.6735, 3.5828, 0.2470, 11.3966, 64.8126, 1.1910);
        put("Zn", 14.0743, 7.0318, 5.1652, 2.4100, 3.2655, 0.2333, 10.3163, 58.7097, 1.3041);
        put("Ga", 15.2354, 6.7006, 4.3591, 2.9623, 3.0669, 0.2412, 10.7805, 61.4135, 1.7189);
        put("Ge", 16.0816, 6.3747, 3.7068, 3.6830, 2.8509, 0.2516, 11.4468, 54.7625, 2.1313);
        put("As", 16.6723, 6.0701, 3.4313, 4.2779, 2.6345, 0.2647, 12.9479, 47.7972, 2.5310);
        put("Se", 17.0006, 5.8196, 3.9731, 4.3543, 2.4098, 0.2726, 15.2372, 43.8163, 2.8409);
        put("Sr", 17.5663, 9.8184, 5.4220, 2.6694, 1.5564, 14.0988, 0.1664, 132.376, 2.5064);
        put("Y", 17.7760, 10.2946, 5.72629, 3.26588, 1.40290, 12.8006, 0.125599, 104.354, 1.91213);
        put("Zr", 17.8765, 10.9480, 5.41732, 3.65721, 1.27618, 11.9160, 0.117622, 87.6627, 2.06929);
        put("Nb", 17.6142, 12.0144, 4.04183, 3.53346, 1.18865, 11.7660, 0.204785, 69.7957, 3.75591);
        put("Mo", 3.7025, 17.2356, 12.8876, 3.7429, 0.2772, 1.0958, 11.0040, 61.6584, 4.3875);
        put("Ag", 19.2808, 16.6885, 4.8045, 1.0463, 0.6446, 7.4726, 24.6605, 99.8156, 5.1790);
        put("Cd", 19.2214, 17.6444, 4.4610, 1.6029, 0.5946, 6.9089, 24.7008, 87.4825, 5.0694);
        put("In", 19.1624, 18.5596, 4.2948, 2.0396, 0.5476, 6.3776, 25.8499, 92.8029, 4.9391);
        put("Sn", 19.1889, 19.1005, 4.4585, 2.4663, 5.8303, 0.5031, 26.8909, 83.9571, 4.7821);
        put("Sb", 19.6418, 19.0455, 5.0371, 2.6827, 5.3034, 0.4607, 27.9074, 75.2825, 4.5909);
        put("Te", 19.9644, 19.0138, 6.14487, 2.5239, 4.81742, 0.420885, 28.5284, 70.8403, 4.3520);
        put("Ba", 20.3361, 19.2970, 10.8880, 2.6959, 3.2160, 0.2756, 20.2073, 167.202, 2.7731);
        put("Ta", 29.2024, 15.2293, 14.5135, 4.76492, 1.77333, 9.37046, 0.295977, 63.3644, 9.24354);
        put("W", 29.0818, 15.4300, 14.4327, 5.11982, 1.72029, 9.22590, 0.321703, 57.0560, 9.88750);
        put("Pt", 27.0059, 17.7639, 15.7131, 5.78370, 1.51293, 8.81174, 0.424593, 38.6103, 11.6883);
        put("Au", 16.8819, 18.5913, 25.5582, 5.86000, 0.4611, 8.6216, 1.4826, 36.3956, 12.0658);
        put("Pb", 31.0617, 13.0637, 18.4420, 5.9696, 0.6902, 2.3576, 8.6180, 47.2579, 13.4118);
    }

    private AtomicScatteringFactors() {
    }

    private static void put(String symbol, double a1, double a2, double a3, double a4,
                            double b1, double b2, double b3, double b4, double c) {
        TABLE.put(symbol, new CromerMann(a1, a2, a3, a4, b1, b2, b3, b4, c));
    }

    /** The element symbols with coefficients, in alphabetical order. */
    public static Set<String> elements() {
        return Collections.unmodifiableSet(TABLE.keySet());
    }

    /** Whether coefficients are tabulated for the neutral atom {@code element}. */
    public static boolean isKnown(String element) {
        return element != null && TABLE.containsKey(element);
    }

    /**
     * The Cromer–Mann coefficients of the neutral atom {@code element} (symbol as written, e.g. {@code "Fe"}).
     *
     * @throws IllegalArgumentException for an element that is not tabulated here
     */
    public static CromerMann coefficients(String element) {
        CromerMann cm = element == null ? null : TABLE.get(element);
        if (cm == null) {
            throw new IllegalArgumentException("no scattering factor for element '" + element + "'; known: "
                    + TABLE.keySet());
        }
        return cm;
    }

    /** The scattering factor of the neutral atom {@code element}, electrons, at {@code s} = sin θ/λ (Å⁻¹). */
    public static double f0(String element, double s) {
        return coefficients(element).f0(s);
    }
}
