package org.nanoos.labhub.connectors.slurm;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What SLURM's error messages mean for a scientist, and what the hub should do about them. The message texts are
 * SLURM's own: the error table in {@code src/common/slurm_errno.c} (what follows {@code Batch job submission failed:}),
 * sbatch's client-side messages ({@code Memory specification can not be satisfied}, {@code CPU count per node can not
 * be satisfied}, {@code invalid partition specified: NAME}), and the limit names it prints before a QOS refusal
 * ({@code sbatch: error: QOSMaxWallDurationPerJobLimit}).
 *
 * <p>Rules are tried in order, most specific first, so that sbatch's two-line answers ({@code Memory specification can
 * not be satisfied} then {@code Requested node configuration is not available}) are explained by their specific line.
 */
public final class SlurmErrors {

    /** The command whose standard error is explained; it decides how a communication failure is retried. */
    public enum Command { SBATCH, SQUEUE, SACCT, SCONTROL, SCANCEL }

    /** What to do. */
    public enum Disposition {
        /** Transient: retry the same command with back-off. */
        RETRY(true),
        /** Transient, but the request may have taken effect (a submission whose reply was lost): look the
         * submission token up first ({@link SubmissionLookup}), and submit again only if no job carries it. */
        LOOKUP_THEN_RETRY(true),
        /** Not transient: the job will not be accepted or will never start as asked; the person changes the request. */
        FIX_REQUEST(false),
        /** Not transient: the cluster's setup, the account's rights or the hub itself is at fault; tell an
         * administrator. */
        ADMINISTRATOR(false),
        /** Not transient for this command, but another gives the answer (sacct → scontrol; squeue/scontrol for a
         * purged job → sacct). */
        FALL_BACK(false),
        /** Nothing is wrong with the job: it waits its turn. */
        WAIT(true),
        /** Nothing to do (cancelling a job that already ended). */
        NOTHING_TO_DO(false);

        private final boolean isTransient;

        Disposition(boolean isTransient) {
            this.isTransient = isTransient;
        }

        /** Whether trying again later (after back-off) can succeed without changing anything. */
        public boolean isTransient() {
            return isTransient;
        }
    }

    /** What went wrong. */
    public enum Kind {
        MEMORY_UNAVAILABLE, CPUS_UNAVAILABLE, GPUS_UNAVAILABLE, INVALID_PARTITION, NO_PARTITION,
        PARTITION_UNAVAILABLE, PARTITION_NOT_PERMITTED, INVALID_ACCOUNT, INVALID_QOS, TIME_LIMIT_EXCEEDS_QOS,
        SIZE_LIMIT_EXCEEDS_QOS, SUBMIT_LIMIT_REACHED, ACCOUNTING_POLICY, INVALID_TIME_LIMIT, NODE_CONFIG_UNAVAILABLE,
        PARTITION_CONFIG_UNAVAILABLE, INVALID_NODE_COUNT, NODES_UNAVAILABLE, CONTROLLER_UNREACHABLE,
        SUBMISSIONS_DISABLED, ACCOUNTING_DISABLED, JOB_UNKNOWN, JOB_ALREADY_DONE, PERMISSION_DENIED, AUTHENTICATION,
        VERSION_MISMATCH, SCRIPT_REJECTED, COMMAND_NOT_FOUND, JOB_WAITING, JOB_HELD, JOB_NEVER_STARTS, UNKNOWN
    }

    /**
     * One explained error.
     *
     * @param kind          what went wrong
     * @param disposition   what to do
     * @param slurmMessage  SLURM's words (the lines of standard error, {@code sbatch: error:} prefixes dropped)
     * @param explanation   what it means, for the person who submitted
     * @param whatToChange  what to change or do
     */
    public record SlurmError(Kind kind, Disposition disposition, String slurmMessage, String explanation,
            String whatToChange) {

        /** Whether retrying later with back-off can succeed without changing the request. */
        public boolean isTransient() {
            return disposition.isTransient();
        }
    }

    private record Rule(Kind kind, Pattern pattern, Disposition disposition, String explanation, String change) {
    }

    private static final List<Rule> RULES = new ArrayList<>();

    private static void rule(Kind kind, String regex, Disposition disposition, String explanation, String change) {
        RULES.add(new Rule(kind, Pattern.compile(regex, Pattern.CASE_INSENSITIVE), disposition, explanation, change));
    }

    static {
        rule(Kind.MEMORY_UNAVAILABLE, "Memory specification can not be satisfied|Memory required by task is not"
                + " available", Disposition.FIX_REQUEST,
                "No node in the partition has as much memory as the job asks for per node.",
                "Ask for less memory per node (the partition's MaxMemPerNode or the nodes' RealMemory is the ceiling),"
                + " spread the calculation over more nodes, or choose a partition with larger-memory nodes.");
        rule(Kind.CPUS_UNAVAILABLE, "CPU count per node can not be satisfied|More processors requested than"
                + " permitted", Disposition.FIX_REQUEST,
                "No node in the partition has as many CPUs as the job asks for per node (tasks per node × CPUs per"
                + " task), or the total exceeds what the partition permits.",
                "Use fewer tasks or threads per node and more nodes, or a partition with bigger nodes.");
        rule(Kind.GPUS_UNAVAILABLE, "Invalid generic resource \\(gres\\) specification|Invalid GRES specification"
                + "|Requested GRES option unsupported|Insufficient GRES available|Duplicate generic resource",
                Disposition.FIX_REQUEST,
                "The GPUs asked for do not exist in this partition (no GPUs there, another GPU type, or fewer per"
                + " node than asked).",
                "Choose a GPU partition, ask for fewer GPUs per node, or drop or correct the GPU type.");
        rule(Kind.INVALID_PARTITION, "Invalid partition name specified|invalid partition specified",
                Disposition.FIX_REQUEST,
                "The cluster has no partition of that name (or hides it from this account).",
                "Choose one of the cluster's partitions (sinfo -s lists them) in the execution profile or the job.");
        rule(Kind.NO_PARTITION, "No partition specified or system default partition", Disposition.FIX_REQUEST,
                "The cluster has no default partition, so every job must name one.",
                "Set a partition in the job or the execution profile.");
        rule(Kind.PARTITION_UNAVAILABLE, "Required partition not available \\(inactive or drain\\)|Partition in DOWN"
                + " state", Disposition.RETRY,
                "The partition is closed to new jobs for now (drained, inactive or down, usually for maintenance).",
                "Wait and submit again later, or choose another partition.");
        rule(Kind.PARTITION_NOT_PERMITTED, "User's group not permitted to use this partition",
                Disposition.FIX_REQUEST,
                "This account's Unix group may not use the partition (AllowGroups).",
                "Choose a partition open to this account, or ask the administrators for access.");
        rule(Kind.INVALID_ACCOUNT, "Invalid account or account/partition combination specified|Invalid account",
                Disposition.FIX_REQUEST,
                "The accounting account does not exist, this user is not in it, or it may not use this partition.",
                "Use an account this user belongs to (sacctmgr show assoc user=$USER format=account,partition), or"
                + " the partition that account is allowed on.");
        rule(Kind.INVALID_QOS, "Invalid qos specification", Disposition.FIX_REQUEST,
                "The QOS does not exist or this account may not use it.",
                "Use a QOS granted to the account (sacctmgr show assoc user=$USER format=account,qos), or leave the"
                + " QOS empty for the default.");
        rule(Kind.TIME_LIMIT_EXCEEDS_QOS, "\\b(?:QOS|Assoc)MaxWallDurationPerJobLimit\\b|\\bPartitionTimeLimit\\b",
                Disposition.FIX_REQUEST,
                "The time limit asked for is longer than the QOS, association or partition allows one job.",
                "Ask for a shorter walltime (sacctmgr show qos format=name,maxwall shows the QOS limits), choose a"
                + " QOS or partition for long jobs, or split the calculation into restartable parts.");
        rule(Kind.SIZE_LIMIT_EXCEEDS_QOS, "\\b(?:QOS|Assoc)Max\\w*PerJob\\w*|\\bPartitionNodeLimit\\b",
                Disposition.FIX_REQUEST,
                "The job is bigger (CPUs, nodes, memory or GPUs) than the QOS, association or partition allows one"
                + " job.",
                "Ask for fewer resources, or a QOS meant for larger jobs.");
        rule(Kind.SUBMIT_LIMIT_REACHED, "\\b(?:QOS|Assoc)MaxSubmitJob\\w*|MaxSubmitJobs|MaxJobCount limit reached",
                Disposition.RETRY,
                "Too many jobs are queued already (for this user, account, QOS or the whole cluster).",
                "Submit again when some of the queued jobs have finished.");
        rule(Kind.ACCOUNTING_POLICY, "Job violates accounting/QOS policy", Disposition.FIX_REQUEST,
                "The job breaks a limit of its account or QOS: either it is bigger or longer than one job may be, or"
                + " the user has as many jobs queued as allowed.",
                "Compare walltime, nodes and CPUs with the QOS limits (sacctmgr show qos), ask for less or another"
                + " QOS; if the queue limit was the cause, submit again when jobs have finished.");
        rule(Kind.INVALID_TIME_LIMIT, "Requested time limit is invalid|Invalid --time specification",
                Disposition.FIX_REQUEST,
                "The time limit is missing or longer than the partition allows (its MaxTime).",
                "Ask for at most the partition's MaxTime (scontrol show partition NAME), or use a partition for long"
                + " jobs.");
        rule(Kind.NODE_CONFIG_UNAVAILABLE, "Requested node configuration is not available",
                Disposition.FIX_REQUEST,
                "No node (or not enough nodes) in the partition can ever satisfy the request as a whole: CPUs,"
                + " memory, GPUs or features per node.",
                "Compare the request with the partition's nodes (sinfo -N -l -p NAME) and ask for less per node.");
        rule(Kind.PARTITION_CONFIG_UNAVAILABLE, "Requested partition configuration not available now",
                Disposition.FIX_REQUEST,
                "The request exceeds the partition's limits (nodes, time or size).",
                "Check the partition's limits (scontrol show partition NAME) and ask for less.");
        rule(Kind.INVALID_NODE_COUNT, "Node count specification invalid", Disposition.FIX_REQUEST,
                "The number of nodes is outside what the partition allows (MinNodes–MaxNodes) or has.",
                "Ask for a node count within the partition's limits.");
        rule(Kind.NODES_UNAVAILABLE, "Required node not available \\(down, drained or reserved\\)",
                Disposition.RETRY,
                "The nodes the job needs are down, drained or reserved right now.",
                "Wait and submit again, or choose another partition.");
        rule(Kind.SUBMISSIONS_DISABLED, "System submissions disabled", Disposition.RETRY,
                "The cluster accepts no submissions at the moment (maintenance).",
                "Submit again later.");
        rule(Kind.CONTROLLER_UNREACHABLE, "Socket timed out on send/recv operation|Unable to contact slurm"
                + " controller|Zero Bytes were transmitted or received|Communication connection failure|Message"
                + " (?:send|receive) failure|Connection timed out|Rate limit exceeded|standby mode|Slurm temporarily"
                + " unable to accept job|Resource temporarily unavailable|Connection refused|slurm_receive_msg",
                Disposition.RETRY,
                "The SLURM controller did not answer in time (busy, restarting or unreachable). This is usually"
                + " temporary.",
                "Nothing to change in the job; the hub tries again with back-off.");
        rule(Kind.ACCOUNTING_DISABLED, "accounting storage is disabled|Slurm accounting storage is unavailable"
                + "|Unable to connect to database", Disposition.FALL_BACK,
                "This cluster keeps no job accounting (or its database is unreachable), so sacct knows no jobs.",
                "The hub reads job states with squeue and scontrol show job instead.");
        rule(Kind.JOB_UNKNOWN, "Invalid job id specified", Disposition.FALL_BACK,
                "The controller no longer knows the job: it ended more than MinJobAge ago (300 s by default) and was"
                + " purged from memory, or never existed.",
                "Ask sacct for the job's final state (where accounting exists).");
        rule(Kind.JOB_ALREADY_DONE, "Job/step already completing or completed|Job has already finished",
                Disposition.NOTHING_TO_DO,
                "The job has already ended.",
                "Nothing to cancel.");
        rule(Kind.PERMISSION_DENIED, "Access/permission denied|Invalid user id|Invalid group id",
                Disposition.ADMINISTRATOR,
                "The login account may not do this (another user's job, or an account SLURM does not know).",
                "Check the execution profile's user; ask the administrators to add the account to SLURM.");
        rule(Kind.AUTHENTICATION, "Protocol authentication error|Invalid authentication credential|Authentication"
                + " credential expired|munge", Disposition.ADMINISTRATOR,
                "SLURM could not authenticate the request (MUNGE not running on the login node, or clocks apart).",
                "Tell the cluster administrators; nothing in the job can fix this.");
        rule(Kind.VERSION_MISMATCH, "Incompatible versions of client and server code|Insane message length",
                Disposition.ADMINISTRATOR,
                "The SLURM commands on the login node do not match the controller's version.",
                "Tell the cluster administrators.");
        rule(Kind.SCRIPT_REJECTED, "DOS line breaks|does not look like a batch script|Unable to open file"
                + "|Pathname of a file, directory or other parameter too long|Batch script is empty",
                Disposition.ADMINISTRATOR,
                "sbatch could not read the generated script (missing, unreadable, wrong line ends or too long a"
                + " path). This is a fault of the hub or of the staging, not of the job.",
                "Report it with the job id; check the job directory on the cluster.");
        rule(Kind.COMMAND_NOT_FOUND, "command not found|: not found|No such file or directory", Disposition.ADMINISTRATOR,
                "The SLURM commands are not on the PATH of the login shell on this host.",
                "Point the execution profile at a SLURM login node, or fix the account's PATH there.");
    }

    private static final Pattern PARTITION_NAME = Pattern.compile("invalid partition specified:\\s*(\\S+)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern PREFIX = Pattern.compile("^(?:sbatch|squeue|sacct|scontrol|scancel|srun|salloc):"
            + "\\s*(?:error:\\s*)?", Pattern.CASE_INSENSITIVE);

    private SlurmErrors() {
    }

    /**
     * The meaning of a SLURM command's standard error. A communication failure of {@code sbatch} becomes
     * {@link Disposition#LOOKUP_THEN_RETRY}: the controller may have queued the job before the reply was lost. An
     * unknown message becomes {@link Kind#UNKNOWN}; for {@code sbatch} it is not retried automatically (a second
     * submission could run the job twice).
     */
    public static SlurmError explain(Command command, String stderr) {
        Objects.requireNonNull(command, "command");
        String message = message(stderr);
        for (Rule r : RULES) {
            if (r.pattern().matcher(message).find()) {
                Disposition d = r.disposition();
                if (r.kind() == Kind.CONTROLLER_UNREACHABLE && command == Command.SBATCH) {
                    d = Disposition.LOOKUP_THEN_RETRY;
                }
                if (r.kind() == Kind.JOB_UNKNOWN && command == Command.SCANCEL) {
                    d = Disposition.NOTHING_TO_DO;
                }
                String explanation = r.explanation();
                if (r.kind() == Kind.INVALID_PARTITION) {
                    Matcher m = PARTITION_NAME.matcher(message);
                    if (m.find()) {
                        explanation = "The cluster has no partition named '" + m.group(1)
                                + "' (or hides it from this account).";
                    }
                }
                return new SlurmError(r.kind(), d, message, explanation, r.change());
            }
        }
        return new SlurmError(Kind.UNKNOWN, command == Command.SBATCH ? Disposition.ADMINISTRATOR
                : Disposition.RETRY, message, "SLURM reported a problem this hub does not recognise: " + message,
                command == Command.SBATCH ? "Read SLURM's message; the job was not resubmitted automatically."
                        : "The hub tries again with back-off; if it persists, show the message to an administrator.");
    }

    /**
     * The meaning of a pending job's reason ({@code squeue %r}): most mean "wait"; some mean the job can never start
     * as asked ({@code QOSMaxWallDurationPerJobLimit}, {@code PartitionTimeLimit}, {@code BadConstraints}, …) and
     * should be cancelled and resubmitted with a changed request.
     */
    public static SlurmError explainPendingReason(String reason) {
        String r = reason == null ? "None" : reason.strip();
        String name = r.replaceAll("[,(].*$", "").strip();
        if (name.matches("(?:QOS|Assoc)MaxWallDurationPerJobLimit|PartitionTimeLimit")) {
            return pending(Kind.JOB_NEVER_STARTS, Disposition.FIX_REQUEST, r, "The job's time limit is longer than"
                    + " its QOS, association or partition allows; it will never start.",
                    "Cancel it and submit again with a shorter walltime or another QOS or partition.");
        }
        if (name.matches("(?:QOS|Assoc)Max\\w*PerJob\\w*|PartitionNodeLimit|(?:QOS|Assoc)Min\\w*|BadConstraints"
                + "|InvalidAccount|InvalidQOS|DependencyNeverSatisfied|(?:QOS|Assoc)\\w*Max\\w*PerNode\\w*")) {
            return pending(Kind.JOB_NEVER_STARTS, Disposition.FIX_REQUEST, r, "The job asks for something its"
                    + " account, QOS or partition can never give (" + name + "); it will not start.",
                    "Cancel it and submit again with fewer resources, or another account, QOS or partition.");
        }
        if (name.equals("JobHeldUser")) {
            return pending(Kind.JOB_HELD, Disposition.FIX_REQUEST, r, "The job is held by its owner.",
                    "Release it (scontrol release ID) or cancel it.");
        }
        if (name.matches("JobHeldAdmin|launch failed requeued held|SystemFailure|(?:Job)?LaunchFailRequeueHeld")) {
            return pending(Kind.JOB_HELD, Disposition.ADMINISTRATOR, r, "The job is held by the system or an"
                    + " administrator (" + name + ").", "Ask the cluster administrators to release it.");
        }
        if (name.matches("PartitionDown|PartitionInactive|ReqNodeNotAvail|NodeDown")) {
            return pending(Kind.JOB_WAITING, Disposition.WAIT, r, "The nodes or partition the job needs are not"
                    + " available now (" + name + ").", "Wait, or cancel and submit to another partition.");
        }
        if (name.matches("(?:QOS|Assoc)Grp\\w*")) {
            return pending(Kind.JOB_WAITING, Disposition.WAIT, r, "The account's or QOS's shared allowance (" + name
                    + ") is in use by other jobs.", "Nothing to change; it starts when they finish.");
        }
        if (name.matches("\\w*MaxJobs\\w*|\\w*PerUser\\w*|JobArrayTaskLimit")) {
            return pending(Kind.JOB_WAITING, Disposition.WAIT, r, "This user already runs as many jobs as allowed ("
                    + name + ").", "Nothing to change; it starts when others finish.");
        }
        return pending(Kind.JOB_WAITING, Disposition.WAIT, r, switch (name) {
            case "Priority" -> "Jobs with higher priority are ahead in the queue.";
            case "Resources" -> "The job waits for nodes to become free.";
            case "Dependency" -> "The job waits for the jobs it depends on.";
            case "BeginTime" -> "The job waits for its earliest start time.";
            case "None" -> "No reason given (the scheduler has not looked at the job yet).";
            default -> "The job waits (" + name + ").";
        }, "Nothing to change.");
    }

    private static SlurmError pending(Kind kind, Disposition d, String reason, String explanation, String change) {
        return new SlurmError(kind, d, reason, explanation, change);
    }

    /** The lines of {@code stderr} without {@code sbatch: error:} prefixes, joined by {@code " / "}. */
    private static String message(String stderr) {
        if (stderr == null || stderr.isBlank()) {
            return "(no message)";
        }
        List<String> parts = new ArrayList<>();
        for (String line : stderr.strip().split("\\R")) {
            String l = PREFIX.matcher(line.strip()).replaceFirst("");
            if (!l.isEmpty()) {
                parts.add(l);
            }
        }
        return String.join(" / ", parts);
    }
}
