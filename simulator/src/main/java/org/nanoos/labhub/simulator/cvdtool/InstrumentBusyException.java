package org.nanoos.labhub.simulator.cvdtool;

/** A run was requested while another one is going; the message names the run in progress. */
public class InstrumentBusyException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /** An exception whose message says which run is going, e.g. {@code busy: running cvd-1-mwq0ojj0-3}. */
    public InstrumentBusyException(String message) {
        super(message);
    }
}
