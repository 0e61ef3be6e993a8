package org.nanoos.labhub.connectors.slurm;

/** A SLURM command printed something this code cannot read; the message shows what (shortened, escaped). */
public final class UnexpectedOutputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    UnexpectedOutputException(String what, String output) {
        super(what + ": " + Allowlist.describe(output));
    }
}
