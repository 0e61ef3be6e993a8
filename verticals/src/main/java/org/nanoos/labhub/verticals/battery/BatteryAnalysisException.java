package org.nanoos.labhub.verticals.battery;

import java.util.Objects;

/**
 * Raised when a formula, an electrode calculation or cycler data cannot be used as asked: a formula that does not
 * parse or names an element without a standard atomic weight, a non-positive or non-finite quantity, cycler data that
 * are malformed or unsorted, or too little data for the analysis. {@link #reason()} says which, for routing and
 * dead-lettering; the message says what and where (for a formula, the index in the text; for data, the field and
 * index). No capacity or voltage is ever made up in place of one of these.
 */
public class BatteryAnalysisException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    public enum Reason {
        /** An argument is missing, or arrays that belong together differ in length. */
        MALFORMED,
        /** The formula is empty or blank. */
        EMPTY_FORMULA,
        /** A character that has no place in a formula at that point (lower-case start, sign, stray punctuation). */
        UNEXPECTED_CHARACTER,
        /** A capitalised symbol that is no chemical element. */
        UNKNOWN_ELEMENT,
        /** An element without an IUPAC standard atomic weight (no stable isotope with a characteristic terrestrial
         *  composition, e.g. Tc, Pm, Po … Ac, Np and beyond). */
        NO_STANDARD_ATOMIC_WEIGHT,
        /** A bracket that is never closed, closes nothing, or is closed by the wrong kind. */
        UNBALANCED_BRACKETS,
        /** A count that is zero, malformed or not finite, or a bracket group with nothing inside. */
        BAD_COUNT,
        /** A '.' between digits that could be a decimal point or a hydrate dot; see {@link DotReading}. */
        AMBIGUOUS_DOT,
        /** A value is NaN or infinite. */
        NOT_FINITE,
        /** A quantity that must be positive (mass, carriers, threshold, bin width …) is zero or negative. */
        NON_POSITIVE,
        /** Fewer data points or cycles than the analysis needs. */
        TOO_FEW_POINTS,
        /** Times (or cycle numbers) go backwards or repeat. */
        NOT_ASCENDING,
        /** The formula is said to contain the carriers but holds fewer of them than stated. */
        CARRIERS_NOT_IN_FORMULA,
        /** An option is out of range or names a cycle that does not exist or is incomplete. */
        INVALID_OPTION
    }

    private final Reason reason;
    private final int position;

    /** An exception for {@code reason} with a message saying what was wrong. */
    public BatteryAnalysisException(Reason reason, String message) {
        this(reason, message, -1);
    }

    /** An exception about the character at {@code position} (0-based) of a formula. */
    public BatteryAnalysisException(Reason reason, String message, int position) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.position = position;
    }

    /** What went wrong, for routing and dead-lettering. */
    public Reason reason() {
        return reason;
    }

    /** The 0-based index in the formula text where the problem was found, or −1 when it is not about a formula. */
    public int position() {
        return position;
    }
}
