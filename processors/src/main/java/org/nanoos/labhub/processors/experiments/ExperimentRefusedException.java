package org.nanoos.labhub.processors.experiments;

/** A request about a run the hub cannot carry out as asked, with the reason and what kind of refusal it is. */
public class ExperimentRefusedException extends Exception {

    private static final long serialVersionUID = 1L;

    /** What kind of refusal. */
    public enum Kind {
        /** no such run or instrument */
        NOT_FOUND,
        /** the request is wrong in itself */
        INVALID,
        /** the request clashes with the current state (instrument busy, run ended already) */
        CONFLICT,
        /** the instrument could not be reached to do it */
        UNREACHABLE
    }

    private final Kind kind;

    public ExperimentRefusedException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
