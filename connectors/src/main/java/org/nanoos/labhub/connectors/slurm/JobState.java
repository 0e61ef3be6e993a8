package org.nanoos.labhub.connectors.slurm;

import java.util.Locale;

/**
 * A SLURM job state, as {@code squeue %T}, {@code sacct State} and {@code scontrol JobState=} print it. The names and
 * compact codes are SLURM's own ({@code job_state_string} and {@code job_state_string_compact} in
 * {@code src/common/slurm_protocol_defs.c}); the flag states ({@code COMPLETING}, {@code CONFIGURING}, …) are shown by
 * SLURM instead of the base state while the flag is set.
 */
public enum JobState {
    /** Queued, waiting for resources, priority or a dependency. */
    PENDING("PD", false),
    /** Allocated and running. */
    RUNNING("R", false),
    /** Allocated, execution suspended (CPUs released to other jobs). */
    SUSPENDED("S", false),
    /** Ended, every process exited 0 (the batch script's exit code is the job's). */
    COMPLETED("CD", true),
    /** Cancelled by the user or an administrator ({@code sacct} says {@code CANCELLED by UID}). */
    CANCELLED("CA", true),
    /** Ended with a non-zero exit code or another failure. */
    FAILED("F", true),
    /** Killed at its time limit. */
    TIMEOUT("TO", true),
    /** Ended because one of its nodes failed. */
    NODE_FAIL("NF", true),
    /** Ended by preemption (it may be requeued; a requeued job shows up as PENDING again). */
    PREEMPTED("PR", true),
    /** Its nodes failed to boot. */
    BOOT_FAIL("BF", true),
    /** Ended because it reached its deadline ({@code --deadline}). */
    DEADLINE("DL", true),
    /** Killed by the out-of-memory handler for exceeding its memory. */
    OUT_OF_MEMORY("OOM", true),
    /** Allocated, epilog or process clean-up still running. */
    COMPLETING("CG", false),
    /** Allocated, nodes booting or being set up. */
    CONFIGURING("CF", false),
    /** Staging out data (burst buffer) after running. */
    STAGE_OUT("SO", false),
    /** Changing size. */
    RESIZING("RS", false),
    /** Being requeued. */
    REQUEUED("RQ", false),
    /** Requeued by a federation sibling. */
    REQUEUE_FED("RF", false),
    /** Requeued and held. */
    REQUEUE_HOLD("RH", false),
    /** Requeued in a special state by an exit code ({@code --requeue-exit-hold}); waits for release. */
    SPECIAL_EXIT("SE", false),
    /** Allocated, processes stopped with SIGSTOP. */
    STOPPED("ST", false),
    /** Revoked on this cluster because a federation sibling ran it; final here. */
    REVOKED("RV", true),
    /** Held because its reservation was deleted. */
    RESV_DEL_HOLD("RD", false),
    /** Being signalled. */
    SIGNALING("SI", false),
    /** A state this code does not know (a newer SLURM); treated as not final. */
    UNKNOWN("?", false);

    private final String code;
    private final boolean isFinal;

    JobState(String code, boolean isFinal) {
        this.code = code;
        this.isFinal = isFinal;
    }

    /** SLURM's compact code ({@code PD}, {@code R}, {@code CG}, …). */
    public String code() {
        return code;
    }

    /** Whether the job has ended here and will not change again (no more polling needed). */
    public boolean isFinal() {
        return isFinal;
    }

    /** Whether the job ended successfully. */
    public boolean isSuccess() {
        return this == COMPLETED;
    }

    /** Whether the job ended without success. */
    public boolean isFailure() {
        return isFinal && this != COMPLETED;
    }

    /**
     * The state in a SLURM output field: a full name ({@code RUNNING}), a compact code ({@code R}), {@code sacct}'s
     * {@code CANCELLED by 1000}, a state truncated with {@code +} ({@code CANCELLED+}), or {@code scontrol}'s
     * comma-joined flags ({@code COMPLETED,COMPLETING} counts as its first word); {@link #UNKNOWN} otherwise.
     */
    public static JobState parse(String text) {
        if (text == null) {
            return UNKNOWN;
        }
        String t = text.strip().toUpperCase(Locale.ROOT);
        int space = t.indexOf(' ');
        if (space > 0) {
            t = t.substring(0, space);
        }
        int comma = t.indexOf(',');
        if (comma > 0) {
            t = t.substring(0, comma);
        }
        if (t.endsWith("+")) {
            // sacct without -P truncates long fields and marks it with '+': take the one state with that prefix
            String prefix = t.substring(0, t.length() - 1);
            JobState only = null;
            for (JobState s : values()) {
                if (s.name().equals(prefix)) {
                    return s;
                }
                if (s != UNKNOWN && s.name().startsWith(prefix)) {
                    if (only != null) {
                        return UNKNOWN;
                    }
                    only = s;
                }
            }
            return only == null ? UNKNOWN : only;
        }
        if (t.equals("COMPLETE")) {
            return COMPLETED;
        }
        if (t.equals("OOM")) {
            return OUT_OF_MEMORY;
        }
        for (JobState s : values()) {
            if (s != UNKNOWN && (s.name().equals(t) || s.code.equals(t))) {
                return s;
            }
        }
        return UNKNOWN;
    }
}
