package org.nanoos.labhub.connectors.slurm;

import java.util.List;

/** A job template's descriptor or body is wrong; the message lists every problem found, each with where it is. */
public final class InvalidTemplateException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final transient List<String> problems;

    InvalidTemplateException(String template, List<String> problems) {
        super("job template '" + template + "': " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /** Each problem found. */
    public List<String> problems() {
        return problems;
    }
}
