/**
 * The SSH instrument adapter: many instruments are a Windows or Linux PC that writes result files. The hub logs in
 * with a key (never a password), checks the PC's host key against a known-hosts file, runs validated and quoted
 * commands, and pulls result files over SFTP; {@link org.nanoos.labhub.connectors.ssh.XyFileParser} turns two-column
 * exports into the hub's series JSON.
 *
 * <pre>{@code
 * try (SshInstrumentClient xrd = new SshInstrumentClient(config)) {
 *     for (RemoteResultFile f : xrd.listResults("*.xy")) {
 *         DownloadedResult file = xrd.download(f.name());
 *         byte[] json = XyFileParser.seriesJson(XyFileParser.parse(file.name(), file.content()),
 *                 file.contentId(), file.modified(), "deg", "{counts}");
 *     }
 * }
 * }</pre>
 */
package org.nanoos.labhub.connectors.ssh;
