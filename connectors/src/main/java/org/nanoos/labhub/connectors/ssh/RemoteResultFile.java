package org.nanoos.labhub.connectors.ssh;

import java.time.Instant;

/**
 * A result file in the instrument's result directory: a regular file (never a link) with a safe plain name.
 *
 * @param name     file name, no path
 * @param size     size in bytes
 * @param modified last modification time as the remote file system reports it
 */
public record RemoteResultFile(String name, long size, Instant modified) {
}
