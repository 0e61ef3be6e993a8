package org.nanoos.labhub.connectors.slurm;

import java.util.Objects;

/**
 * A value for a batch job was refused: the message names the field ({@code jobName}, {@code partition},
 * {@code parameter 'prefix'}, …), says what was wrong and what is accepted, and shows the value with control
 * characters escaped. Nothing refused ever reaches a script.
 */
public final class SlurmValidationException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String field;

    /**
     * @param field   the field the value was for, as a person would name it
     * @param problem what is wrong and what would be accepted
     */
    public SlurmValidationException(String field, String problem) {
        super(Objects.requireNonNull(field, "field") + ": " + Objects.requireNonNull(problem, "problem"));
        this.field = field;
    }

    /** The field the refused value was for. */
    public String field() {
        return field;
    }
}
