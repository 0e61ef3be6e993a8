package org.nanoos.labhub.verticals.units;

/**
 * A unit code that cannot be converted to SI: not valid UCUM (case-sensitive), an arbitrary or logarithmic unit, or a
 * scale outside the range of a {@code double}. The message names the code and the reason.
 */
public class UnknownUnitException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String unitCode;
    private final String reason;

    /**
     * @param unitCode the code as given
     * @param reason   why it cannot be converted, e.g. "not a valid case-sensitive UCUM code"
     */
    public UnknownUnitException(String unitCode, String reason) {
        this(unitCode, reason, null);
    }

    /**
     * @param unitCode the code as given
     * @param reason   why it cannot be converted
     * @param cause    the parser's exception, if any
     */
    public UnknownUnitException(String unitCode, String reason, Throwable cause) {
        super("unknown unit '" + unitCode + "': " + reason, cause);
        this.unitCode = unitCode;
        this.reason = reason;
    }

    /** The unit code as given. */
    public String unitCode() {
        return unitCode;
    }

    /** Why the code cannot be converted, without the code itself. */
    public String reason() {
        return reason;
    }
}
