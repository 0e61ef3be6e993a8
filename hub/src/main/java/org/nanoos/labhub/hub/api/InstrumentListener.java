package org.nanoos.labhub.hub.api;

import org.nanoos.labhub.processors.instruments.Instrument;

/** Told about the registry's changes, e.g. to keep an instrument's ingestion routes in step with its settings. */
public interface InstrumentListener {

    /**
     * Checks an instrument's settings before it is stored.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    void check(Instrument instrument);

    /** The instrument was registered or changed. */
    void changed(Instrument instrument) throws Exception;

    /** The instrument was removed. */
    void removed(String id) throws Exception;
}
