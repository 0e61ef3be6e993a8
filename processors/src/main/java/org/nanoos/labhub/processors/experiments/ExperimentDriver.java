package org.nanoos.labhub.processors.experiments;

import org.nanoos.labhub.processors.instruments.Instrument;

/**
 * Carries out runs on the instruments of one adapter type: starts a run, tells what the instrument says about it,
 * aborts it. Implementations hold no state that a restarted hub could not find again from the instrument, where
 * the protocol allows it; they must not block for longer than their configured timeouts.
 */
public interface ExperimentDriver {

    /** The adapter type whose instruments this driver reaches. */
    Instrument.AdapterType adapterType();

    /**
     * Starts a run on the instrument.
     *
     * @return the instrument's own id for the run
     * @throws InstrumentRefusedException   the instrument answered and refused (bad parameters, busy, …)
     * @throws InstrumentUnreachableException the instrument could not be reached or did not answer in time
     */
    String start(Instrument instrument, ExperimentRun run)
            throws InstrumentRefusedException, InstrumentUnreachableException;

    /**
     * Asks the instrument how the run is going.
     *
     * @throws InstrumentUnreachableException the instrument could not be reached or has nothing to say about it
     */
    Observation poll(Instrument instrument, ExperimentRun run) throws InstrumentUnreachableException;

    /**
     * Stops the run on the instrument.
     *
     * @throws InstrumentRefusedException   the instrument refused (it may have finished meanwhile)
     * @throws InstrumentUnreachableException the instrument could not be reached
     */
    void abort(Instrument instrument, ExperimentRun run)
            throws InstrumentRefusedException, InstrumentUnreachableException;

    /**
     * Checks an instrument's connection settings for this adapter before a run is accepted.
     *
     * @throws IllegalArgumentException saying which setting is missing or wrong
     */
    default void checkConfiguration(Instrument instrument) {
    }
}
