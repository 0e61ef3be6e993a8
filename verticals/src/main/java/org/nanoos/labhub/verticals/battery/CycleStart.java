package org.nanoos.labhub.verticals.battery;

/**
 * Which half opens a cycle. A cathode half-cell or a full cell usually starts with a charge, an anode half-cell
 * (graphite, silicon against lithium) with a discharge (lithiation). Coulombic efficiency is the closing half's
 * capacity over the opening half's.
 */
public enum CycleStart {
    /** The direction of the first sample (or step) with current: the data say how the test began. */
    AUTO,
    /** A cycle is a charge followed by a discharge. */
    CHARGE,
    /** A cycle is a discharge followed by a charge. */
    DISCHARGE
}
