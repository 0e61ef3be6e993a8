package org.nanoos.labhub.simulator.instruments;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.nanoos.labhub.simulator.opcua.VariableSink;

/** A {@link VariableSink} that keeps every publication, in order, for assertions. */
final class RecordingSink implements VariableSink {

    /**
     * One publication.
     *
     * @param name  variable name
     * @param value value as published
     * @param time  source timestamp
     */
    record Publication(String name, Object value, Instant time) {
    }

    private final List<Publication> publications = new CopyOnWriteArrayList<>();

    @Override
    public void publish(String name, Object value, Instant sourceTime) {
        publications.add(new Publication(name, value instanceof double[] a ? a.clone() : value, sourceTime));
    }

    /** Every publication of a variable, oldest first. */
    List<Publication> of(String name) {
        return publications.stream().filter(p -> p.name().equals(name)).toList();
    }

    /** The last value published for a variable. */
    Object last(String name) {
        List<Publication> all = of(name);
        if (all.isEmpty()) {
            throw new AssertionError("nothing published for " + name);
        }
        return all.get(all.size() - 1).value();
    }

    /** The source time of the last value of a variable. */
    Instant lastTime(String name) {
        List<Publication> all = of(name);
        if (all.isEmpty()) {
            throw new AssertionError("nothing published for " + name);
        }
        return all.get(all.size() - 1).time();
    }

    /** The last value of a Double array variable. */
    double[] lastArray(String name) {
        return (double[]) last(name);
    }

    /** Forgets everything published so far. */
    void clear() {
        publications.clear();
    }
}
