package org.nanoos.labhub.verticals.battery;

/** What a cycler step or sample is doing, by the sign of the current (positive = charge). */
public enum StepKind {
    /** Current into the cell, I &gt; 0. */
    CHARGE,
    /** Current out of the cell, I &lt; 0. */
    DISCHARGE,
    /** No current (|I| at or below the rest threshold). */
    REST;

    /** The other of charge and discharge. */
    public StepKind opposite() {
        return switch (this) {
            case CHARGE -> DISCHARGE;
            case DISCHARGE -> CHARGE;
            case REST -> REST;
        };
    }
}
