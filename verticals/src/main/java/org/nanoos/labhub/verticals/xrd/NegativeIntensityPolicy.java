package org.nanoos.labhub.verticals.xrd;

/** What to do with negative intensities in the input. */
public enum NegativeIntensityPolicy {
    /**
     * Refuse the pattern: a detector counts, so a negative value means the file was processed upstream (background
     * already subtracted, an offset applied) and the analysis should be told so explicitly.
     */
    REJECT,
    /**
     * Accept the values as they are, for data whose background was already subtracted; the SNIP background is then
     * estimated without the log-log-square-root transform.
     */
    ACCEPT
}
