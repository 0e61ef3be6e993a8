package org.nanoos.labhub.verticals.uvvis;

/** Which transition(s) a Tauc analysis fits. */
public enum TransitionSelection {
    /** Direct allowed only. */
    DIRECT_ALLOWED,
    /** Indirect allowed only. */
    INDIRECT_ALLOWED,
    /**
     * Both, then the one whose Tauc plot is straight over the wider energy range (the chosen window's span); reported
     * as ambiguous when the wider is less than {@value TaucAnalyzer#AMBIGUOUS_SPAN_RATIO} times the narrower.
     */
    AUTOMATIC
}
