package org.nanoos.labhub.simulator.battery;

/**
 * Physical constants and the capacity arithmetic of electrode materials: the theoretical specific capacity
 * {@code C = n F / (3.6 M)} in mAh/g for n electrons per formula unit of molar mass M in g/mol (3.6 C per mAh).
 */
public final class Electrochemistry {

    /** Faraday constant {@code e N_A}, C/mol (exact in the 2019 SI). */
    public static final double FARADAY_C_PER_MOL = 96_485.33212;
    /** Molar gas constant {@code k_B N_A}, J/(mol K) (exact in the 2019 SI). */
    public static final double GAS_CONSTANT_J_PER_MOL_K = 8.314462618;
    /** Coulombs in one milliampere-hour. */
    public static final double COULOMB_PER_MAH = 3.6;

    /** Standard atomic weight of lithium, conventional value (IUPAC, CIAAW 2021), g/mol. */
    public static final double LITHIUM_G_PER_MOL = 6.94;
    /** Standard atomic weight of iron (IUPAC, CIAAW 2021), g/mol. */
    public static final double IRON_G_PER_MOL = 55.845;
    /** Standard atomic weight of phosphorus (IUPAC, CIAAW 2021), g/mol. */
    public static final double PHOSPHORUS_G_PER_MOL = 30.973761998;
    /** Standard atomic weight of oxygen, conventional value (IUPAC, CIAAW 2021), g/mol. */
    public static final double OXYGEN_G_PER_MOL = 15.999;

    /** Molar mass of LiFePO<sub>4</sub> from the standard atomic weights, 157.76 g/mol. */
    public static final double LITHIUM_IRON_PHOSPHATE_G_PER_MOL =
            LITHIUM_G_PER_MOL + IRON_G_PER_MOL + PHOSPHORUS_G_PER_MOL + 4 * OXYGEN_G_PER_MOL;

    private Electrochemistry() {
    }

    /** Theoretical specific capacity {@code n F / (3.6 M)}, mAh/g. */
    public static double theoreticalSpecificCapacityMahPerG(int electrons, double molarMassGPerMol) {
        if (electrons <= 0 || !(molarMassGPerMol > 0) || Double.isInfinite(molarMassGPerMol)) {
            throw new IllegalArgumentException("need a positive electron count and molar mass");
        }
        return electrons * FARADAY_C_PER_MOL / (COULOMB_PER_MAH * molarMassGPerMol);
    }

    /** Theoretical specific capacity of LiFePO<sub>4</sub> (one electron, Fe²⁺/Fe³⁺), about 170 mAh/g. */
    public static double lithiumIronPhosphateCapacityMahPerG() {
        return theoreticalSpecificCapacityMahPerG(1, LITHIUM_IRON_PHOSPHATE_G_PER_MOL);
    }

    /** Thermal voltage {@code RT/F}, V. */
    public static double thermalVoltage(double temperatureK) {
        return GAS_CONSTANT_J_PER_MOL_K * temperatureK / FARADAY_C_PER_MOL;
    }
}
