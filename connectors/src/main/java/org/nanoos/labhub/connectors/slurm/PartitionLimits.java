package org.nanoos.labhub.connectors.slurm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A partition's limits from {@code scontrol show partition [NAME]}, and {@link #check} to say before submitting which
 * limit a request would exceed. Limits SLURM prints as {@code UNLIMITED}, {@code ALL} or not at all are null (no
 * limit known).
 *
 * @param name             {@code PartitionName}
 * @param state            {@code State}: {@code UP}, {@code DOWN}, {@code DRAIN} or {@code INACTIVE}
 * @param maxTimeSeconds   {@code MaxTime}
 * @param defaultTimeSeconds {@code DefaultTime}
 * @param minNodes         {@code MinNodes}
 * @param maxNodes         {@code MaxNodes}
 * @param totalNodes       {@code TotalNodes}
 * @param totalCpus        {@code TotalCPUs}
 * @param maxCpusPerNode   {@code MaxCPUsPerNode}
 * @param defMemPerCpuMb   {@code DefMemPerCPU}, MiB
 * @param defMemPerNodeMb  {@code DefMemPerNode}, MiB
 * @param maxMemPerCpuMb   {@code MaxMemPerCPU}, MiB
 * @param maxMemPerNodeMb  {@code MaxMemPerNode}, MiB
 * @param totalGpus        GPUs in the partition from {@code TRES=…,gres/gpu=N}; 0 when TRES lists none; null when
 *                         there is no TRES line (older SLURM)
 * @param allowAccounts    {@code AllowAccounts}, or null for {@code ALL}
 * @param denyAccounts     {@code DenyAccounts}, empty when none
 * @param allowQos         {@code AllowQos}, or null for {@code ALL}
 * @param denyQos          {@code DenyQos}, empty when none
 */
public record PartitionLimits(String name, String state, Long maxTimeSeconds, Long defaultTimeSeconds, Long minNodes,
        Long maxNodes, Long totalNodes, Long totalCpus, Long maxCpusPerNode, Long defMemPerCpuMb, Long defMemPerNodeMb,
        Long maxMemPerCpuMb, Long maxMemPerNodeMb, Long totalGpus, Set<String> allowAccounts, Set<String> denyAccounts,
        Set<String> allowQos, Set<String> denyQos) {

    private static final Pattern GPU_TRES = Pattern.compile("(?:^|,)gres/gpu=(\\d+)(?:,|$)");

    public PartitionLimits {
        allowAccounts = allowAccounts == null ? null : Set.copyOf(allowAccounts);
        denyAccounts = Set.copyOf(denyAccounts);
        allowQos = allowQos == null ? null : Set.copyOf(allowQos);
        denyQos = Set.copyOf(denyQos);
    }

    /**
     * One limit a request exceeds.
     *
     * @param field     the request's field ({@code walltime}, {@code nodes}, {@code cpusPerNode}, {@code memoryMb},
     *                  {@code gpusPerNode}, {@code account}, {@code qos}, {@code partition})
     * @param limit     SLURM's name of the limit ({@code MaxTime}, {@code MaxNodes}, …)
     * @param limitValue the limit as SLURM prints it, or what is allowed
     * @param requested what was asked for
     * @param message   a sentence for the person submitting, with what to change
     */
    public record Violation(String field, String limit, String limitValue, String requested, String message) {
    }

    /** The partitions in {@code scontrol show partition} output (one or many, multi-line or {@code -o}). */
    public static ParsedLines<PartitionLimits> parse(String output) {
        List<PartitionLimits> out = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        for (Map<String, String> f : Fields.keyValueRecords(output, "PartitionName")) {
            String name = Fields.orNull(f.get("PartitionName"));
            if (name == null) {
                unreadable.add("PartitionName=");
                continue;
            }
            out.add(new PartitionLimits(name, f.getOrDefault("State", "UP"), seconds(f.get("MaxTime")),
                    seconds(f.get("DefaultTime")), Fields.number(f.get("MinNodes")), Fields.number(f.get("MaxNodes")),
                    Fields.number(f.get("TotalNodes")), Fields.number(f.get("TotalCPUs")),
                    Fields.number(f.get("MaxCPUsPerNode")), Fields.megabytes(f.get("DefMemPerCPU")),
                    Fields.megabytes(f.get("DefMemPerNode")), Fields.megabytes(f.get("MaxMemPerCPU")),
                    Fields.megabytes(f.get("MaxMemPerNode")), gpus(f.get("TRES")), names(f.get("AllowAccounts")),
                    orEmpty(names(f.get("DenyAccounts"))), names(f.get("AllowQos")),
                    orEmpty(names(f.get("DenyQos")))));
        }
        return new ParsedLines<>(out, unreadable);
    }

    /**
     * Every limit of this partition that {@code r} exceeds, each saying exactly which limit, its value and what was
     * asked for; empty when the request fits. Account and QOS are checked only when the request names them.
     */
    public List<Violation> check(JobResources r) {
        List<Violation> v = new ArrayList<>();
        if (r.partition() != null && !r.partition().equals(name)) {
            v.add(new Violation("partition", "PartitionName", name, r.partition(), "these are the limits of partition '"
                    + name + "', but the job asks for partition '" + r.partition() + "'"));
        }
        switch (state) {
            case "DRAIN", "INACTIVE" -> v.add(new Violation("partition", "State", state, name, "partition '" + name
                    + "' is " + state + " and accepts no new jobs; choose another partition or wait for the"
                    + " administrators to reopen it"));
            case "DOWN" -> v.add(new Violation("partition", "State", state, name, "partition '" + name + "' is DOWN:"
                    + " jobs are queued but none starts until it is UP again"));
            default -> { }
        }
        if (maxTimeSeconds != null && r.walltime().seconds() > maxTimeSeconds) {
            v.add(new Violation("walltime", "MaxTime", Walltime.format(maxTimeSeconds), r.walltime().toSlurm(),
                    "the time limit " + r.walltime().toSlurm() + " exceeds partition '" + name + "' MaxTime "
                    + Walltime.format(maxTimeSeconds) + "; ask for at most that, or use a partition with longer"
                    + " jobs (and make the calculation restartable)"));
        }
        if (maxNodes != null && r.nodes() > maxNodes) {
            v.add(new Violation("nodes", "MaxNodes", maxNodes.toString(), Integer.toString(r.nodes()), "the job asks"
                    + " for " + r.nodes() + " nodes; partition '" + name + "' allows at most " + maxNodes
                    + " per job"));
        }
        if (minNodes != null && r.nodes() < minNodes) {
            v.add(new Violation("nodes", "MinNodes", minNodes.toString(), Integer.toString(r.nodes()), "the job asks"
                    + " for " + r.nodes() + " nodes; partition '" + name + "' needs at least " + minNodes));
        }
        if (totalNodes != null && r.nodes() > totalNodes) {
            v.add(new Violation("nodes", "TotalNodes", totalNodes.toString(), Integer.toString(r.nodes()),
                    "the job asks for " + r.nodes() + " nodes; partition '" + name + "' has only " + totalNodes));
        }
        if (maxCpusPerNode != null && r.cpusPerNode() > maxCpusPerNode) {
            v.add(new Violation("cpusPerNode", "MaxCPUsPerNode", maxCpusPerNode.toString(),
                    Integer.toString(r.cpusPerNode()), "the job asks for " + r.tasksPerNode() + " tasks × "
                    + r.cpusPerTask() + " CPUs = " + r.cpusPerNode() + " CPUs per node; partition '" + name
                    + "' allows at most " + maxCpusPerNode + " per node; use fewer tasks per node and more nodes"));
        }
        if (r.memoryMb() != null && maxMemPerNodeMb != null && r.memoryMb() > maxMemPerNodeMb) {
            v.add(new Violation("memoryMb", "MaxMemPerNode", maxMemPerNodeMb + "M", r.memoryMb() + "M",
                    "the job asks for " + r.memoryMb() + " MiB per node; partition '" + name + "' allows at most "
                    + maxMemPerNodeMb + " MiB; ask for less or spread the work over more nodes"));
        }
        if (r.memoryMb() != null && maxMemPerCpuMb != null
                && (double) r.memoryMb() / r.cpusPerNode() > maxMemPerCpuMb) {
            v.add(new Violation("memoryMb", "MaxMemPerCPU", maxMemPerCpuMb + "M",
                    Math.round((double) r.memoryMb() / r.cpusPerNode()) + "M per CPU", "the job asks for "
                    + r.memoryMb() + " MiB over " + r.cpusPerNode() + " CPUs per node, more than partition '" + name
                    + "' allows per CPU (" + maxMemPerCpuMb + " MiB); SLURM would give it more CPUs or refuse it;"
                    + " ask for less memory or more CPUs per task"));
        }
        if (r.gpusPerNode() > 0 && totalGpus != null && (long) r.gpusPerNode() * r.nodes() > totalGpus) {
            v.add(new Violation("gpusPerNode", "TRES gres/gpu", totalGpus.toString(),
                    Long.toString((long) r.gpusPerNode() * r.nodes()), totalGpus == 0 ? "partition '" + name
                    + "' has no GPUs; use a GPU partition or ask for none" : "the job asks for "
                    + (long) r.gpusPerNode() * r.nodes() + " GPUs; partition '" + name + "' has " + totalGpus
                    + " in all"));
        }
        if (r.account() != null) {
            if (allowAccounts != null && !allowAccounts.contains(r.account())) {
                v.add(new Violation("account", "AllowAccounts", String.join(",", new TreeSet<>(allowAccounts)),
                        r.account(), "account '" + r.account() + "' may not use partition '" + name
                        + "'; its accounts are " + new TreeSet<>(allowAccounts)));
            }
            if (denyAccounts.contains(r.account())) {
                v.add(new Violation("account", "DenyAccounts", String.join(",", new TreeSet<>(denyAccounts)),
                        r.account(), "account '" + r.account() + "' is denied on partition '" + name + "'"));
            }
        }
        if (r.qos() != null) {
            if (allowQos != null && !allowQos.contains(r.qos())) {
                v.add(new Violation("qos", "AllowQos", String.join(",", new TreeSet<>(allowQos)), r.qos(), "QOS '"
                        + r.qos() + "' may not be used on partition '" + name + "'; allowed: "
                        + new TreeSet<>(allowQos)));
            }
            if (denyQos.contains(r.qos())) {
                v.add(new Violation("qos", "DenyQos", String.join(",", new TreeSet<>(denyQos)), r.qos(), "QOS '"
                        + r.qos() + "' is denied on partition '" + name + "'"));
            }
        }
        return v;
    }

    private static Long seconds(String value) {
        return SqueueJob.boxed(Walltime.parseSlurm(value));
    }

    private static Set<String> names(String value) {
        String v = Fields.orNull(value);
        if (v == null || v.equals("ALL")) {
            return null;
        }
        return new TreeSet<>(Arrays.asList(v.split(",")));
    }

    private static Set<String> orEmpty(Set<String> s) {
        return s == null ? Set.of() : s;
    }

    private static Long gpus(String tres) {
        if (tres == null) {
            return null;
        }
        Matcher m = GPU_TRES.matcher(tres);
        return m.find() ? Long.parseLong(m.group(1)) : 0L;
    }
}
