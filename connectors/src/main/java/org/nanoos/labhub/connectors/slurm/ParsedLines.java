package org.nanoos.labhub.connectors.slurm;

import java.util.List;

/**
 * What a line-oriented parser read: the records, and the lines it could not read (skipped, for a log line, rather
 * than forwarded half-formed).
 *
 * @param records    the records read, in output order
 * @param unreadable lines that did not have the expected shape
 * @param <T>        the record type
 */
public record ParsedLines<T>(List<T> records, List<String> unreadable) {

    public ParsedLines {
        records = List.copyOf(records);
        unreadable = List.copyOf(unreadable);
    }
}
