package org.nanoos.labhub.verticals.battery;

/**
 * The ion that shuttles between the electrodes, with its charge number z. A formula unit that takes up n carriers
 * takes up n·z electrons: one Mg²⁺ per formula unit is two electrons.
 */
public enum CarrierIon {
    /** Li⁺. */
    LI("Li", 1),
    /** Na⁺. */
    NA("Na", 1),
    /** K⁺. */
    K("K", 1),
    /** Mg²⁺. */
    MG("Mg", 2),
    /** Ca²⁺. */
    CA("Ca", 2),
    /** Zn²⁺. */
    ZN("Zn", 2),
    /** Al³⁺. */
    AL("Al", 3);

    private final String symbol;
    private final int charge;

    CarrierIon(String symbol, int charge) {
        this.symbol = symbol;
        this.charge = charge;
    }

    /** The element symbol, e.g. "Mg". */
    public String symbol() {
        return symbol;
    }

    /** The charge number z (electrons per ion). */
    public int charge() {
        return charge;
    }

    /** The abridged standard atomic weight of the carrier element, g/mol. */
    public double molarMassGPerMol() {
        return AtomicWeights.of(symbol).value();
    }
}
