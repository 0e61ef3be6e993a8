package org.nanoos.labhub.verticals.battery;

/**
 * What the formula given to {@link ElectrodeCalculator#theoreticalCapacity} describes, so that the mass basis of a
 * capacity is never guessed.
 */
public enum FormulaBasis {
    /**
     * The formula already holds the n carriers (the lithiated / sodiated / magnesiated state, e.g. LiFePO4, LiCoO2,
     * LiC6, Na3V2(PO4)3 for two Na); the host is the formula minus n carriers.
     */
    CONTAINS_CARRIERS,
    /**
     * The formula is the empty host (e.g. C6, FePO4, Mo6S8); the loaded formula is the host plus n carriers.
     */
    HOST
}
