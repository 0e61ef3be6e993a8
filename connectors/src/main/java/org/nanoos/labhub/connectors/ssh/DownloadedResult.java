package org.nanoos.labhub.connectors.ssh;

import java.time.Instant;
import org.nanoos.labhub.processors.normalize.MeasurementNormalizer;

/**
 * A result file pulled from an instrument PC.
 *
 * @param name     file name, no path
 * @param modified last modification time on the instrument PC, the time of the measurement it holds
 * @param content  the bytes as stored; the array is the caller's, not copied
 */
public record DownloadedResult(String name, Instant modified, byte[] content) {

    /** SHA-256 hex of the content, the hub's message id for it: the same file pulled twice is stored once. */
    public String contentId() {
        return MeasurementNormalizer.contentId(content);
    }
}
