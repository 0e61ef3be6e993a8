package org.nanoos.labhub.processors.experiments;

import java.util.List;

/** Where a driver hands what it pulled from an instrument (ingest messages and dead letters) for storage. */
@FunctionalInterface
public interface ResultSink {

    /** Stores the items; returns once they are committed. */
    void store(List<Object> items) throws Exception;
}
