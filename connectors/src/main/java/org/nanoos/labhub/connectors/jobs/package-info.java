/**
 * Computational jobs: where they run ({@link org.nanoos.labhub.connectors.jobs.ExecutionProfile}: the hub's own
 * machine, or a SLURM cluster over SSH), how they are handed to it ({@link
 * org.nanoos.labhub.connectors.jobs.JobExecutor}), and their life cycle from submission to stored results.
 */
package org.nanoos.labhub.connectors.jobs;
