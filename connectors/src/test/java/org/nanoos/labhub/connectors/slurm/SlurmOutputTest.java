package org.nanoos.labhub.connectors.slurm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nanoos.labhub.connectors.ssh.ShellCommand;

/** Reading sbatch, squeue, sacct and scontrol output, finding a job by its token, and the commands themselves. */
class SlurmOutputTest {

    private static final SubmissionToken TOKEN = new SubmissionToken("k3x9tq2mzp7hw4ra5bvy6dcn8e");

    @Test
    void should_read_the_job_id_sbatch_prints() {
        // /work/shared/notes/slurm.md: sbatch prints 'Submitted batch job N', --parsable prints 'N'
        assertThat(SubmittedJob.parse("123\n")).isEqualTo(new SubmittedJob("123", null));
        assertThat(SubmittedJob.parse("4567;cluster1\n")).isEqualTo(new SubmittedJob("4567", "cluster1"));
        assertThat(SubmittedJob.parse("Submitted batch job 89\n")).isEqualTo(new SubmittedJob("89", null));
        assertThat(SubmittedJob.parse("Submitted batch job 90 on cluster c2")).isEqualTo(new SubmittedJob("90",
                "c2"));
        assertThat(SubmittedJob.parse("site banner\n\n77\n\n")).isEqualTo(new SubmittedJob("77", null));
        for (String bad : new String[] {"", "\n", "Submitted batch job", "123; rm -rf ~", "abc", "12345678901",
                "123\nsomething after"}) {
            assertThatThrownBy(() -> SubmittedJob.parse(bad)).as(bad).isInstanceOf(UnexpectedOutputException.class)
                    .hasMessageStartingWith("sbatch printed no job id: ");
        }
        assertThatThrownBy(() -> SubmittedJob.parse(null)).isInstanceOf(UnexpectedOutputException.class);
    }

    @Test
    void should_read_many_jobs_from_one_squeue_call() {
        // lines in the documented shape of squeue -h -t all -o '%i|%T|%r|%M|%l|%N|%k' (squeue(1)): not captured
        String out = """
                101|RUNNING|None|1:02:03|1-00:00:00|node01|labhub:k3x9tq2mzp7hw4ra5bvy6dcn8e
                102|PENDING|Priority|0:00|2:00:00||labhub:otherjob-tok3n
                103|PENDING|QOSMaxWallDurationPerJobLimit|0:00|30-00:00:00||(null)
                104_3|COMPLETED|None|0:05|UNLIMITED|node02|free text | with a pipe
                105|COMPLETING|None|10:00|1:00:00|node[01-02]|
                106|OUT_OF_MEMORY|OutOfMemory|2:00|1:00:00|node03|labhub:k3x9tq2mzp7hw4ra5bvy6dcn8e
                this is not a job line
                |RUNNING|None|0:01|1:00|n1|
                """;
        ParsedLines<SqueueJob> p = SqueueJob.parse(out);
        assertThat(p.records()).extracting(SqueueJob::jobId).containsExactly("101", "102", "103", "104_3", "105",
                "106");
        assertThat(p.unreadable()).containsExactly("this is not a job line", "|RUNNING|None|0:01|1:00|n1|");
        SqueueJob running = p.records().get(0);
        assertThat(running).isEqualTo(new SqueueJob("101", JobState.RUNNING, "RUNNING", null, 3723L, 86400L,
                "node01", "labhub:k3x9tq2mzp7hw4ra5bvy6dcn8e"));
        assertThat(running.token()).hasValue(TOKEN);
        SqueueJob pending = p.records().get(1);
        assertThat(pending.reason()).isEqualTo("Priority");
        assertThat(pending.nodes()).isNull();
        assertThat(pending.usedSeconds()).isZero();
        assertThat(p.records().get(2).comment()).isNull();
        assertThat(p.records().get(2).token()).isEmpty();
        assertThat(p.records().get(3).comment()).isEqualTo("free text | with a pipe");
        assertThat(p.records().get(3).limitSeconds()).isNull();
        assertThat(p.records().get(3).state().isFinal()).isTrue();
        assertThat(p.records().get(4).state()).isEqualTo(JobState.COMPLETING);
        assertThat(SqueueJob.parse("").records()).isEmpty();
        assertThat(SubmissionLookup.inSqueue(p.records(), TOKEN)).containsExactly("101", "106");
        assertThat(SubmissionLookup.inSqueue(p.records(), new SubmissionToken("nobody-has-this"))).isEmpty();
    }

    @Test
    void should_gather_sacct_steps_under_their_jobs_and_see_oom_in_a_step() {
        // lines in the documented shape of sacct -n -P -o JobID,State,ExitCode,Elapsed,Start,End,NodeList,Comment:
        // job and step records, 'CANCELLED by UID', ExitCode exit:signal (0:125 after an OOM kill, 0:15 SIGTERM);
        // written to sacct(1), not captured
        String out = """
                200|COMPLETED|0:0|00:00:05|2026-11-21T09:26:41|2026-11-21T09:26:46|node01|labhub:k3x9tq2mzp7hw4ra5bvy6dcn8e
                200.batch|COMPLETED|0:0|00:00:05|2026-11-21T09:26:41|2026-11-21T09:26:46|node01|
                200.extern|COMPLETED|0:0|00:00:05|2026-11-21T09:26:41|2026-11-21T09:26:46|node01|
                201|CANCELLED by 0|0:0|00:10:00|2026-11-21T09:00:00|2026-11-21T09:10:00|node01|
                201.batch|CANCELLED|0:15|00:10:00|2026-11-21T09:00:00|2026-11-21T09:10:00|node01|
                202|OUT_OF_MEMORY|0:125|00:40:00|2026-11-21T08:00:00|2026-11-21T08:40:00|node02|
                202.batch|OUT_OF_MEMORY|0:125|00:40:00|2026-11-21T08:00:00|2026-11-21T08:40:00|node02|
                203|FAILED|1:0|00:01:00|2026-11-21T08:00:00|2026-11-21T08:01:00|node02|
                203.batch|OUT_OF_MEMORY|0:125|00:01:00|2026-11-21T08:00:00|2026-11-21T08:01:00|node02|
                204|TIMEOUT|0:0|2-00:00:12|2026-11-19T08:00:00|2026-11-21T08:00:12|node[03-04]|
                204.batch|CANCELLED|0:15|2-00:00:12|2026-11-19T08:00:00|2026-11-21T08:00:12|node03|
                204.0|CANCELLED|0:9|2-00:00:10|2026-11-19T08:00:01|2026-11-21T08:00:11|node[03-04]|
                205|NODE_FAIL|0:0|00:05:00|2026-11-21T07:00:00|2026-11-21T07:05:00|node05|
                206|PENDING|0:0|00:00:00|Unknown|Unknown|None assigned|labhub:k3x9tq2mzp7hw4ra5bvy6dcn8e
                207.batch|COMPLETED|0:0|00:00:01|Unknown|Unknown|node01|
                208|COMPLETED
                """;
        ParsedLines<SacctJob> p = SacctJob.parse(out);
        assertThat(p.records()).extracting(SacctJob::jobId).containsExactly("200", "201", "202", "203", "204", "205",
                "206");
        assertThat(p.unreadable()).containsExactly("208|COMPLETED", "207.batch (a step without its job line)");
        SacctJob ok = p.records().get(0);
        assertThat(ok.state()).isEqualTo(JobState.COMPLETED);
        assertThat(ok.exitCode()).isZero();
        assertThat(ok.elapsedSeconds()).isEqualTo(5);
        assertThat(ok.start()).isEqualTo(LocalDateTime.of(2026, 11, 21, 9, 26, 41));
        assertThat(ok.steps()).extracting(SacctJob.Step::stepId).containsExactly("batch", "extern");
        assertThat(ok.token()).hasValue(TOKEN);
        SacctJob cancelled = p.records().get(1);
        assertThat(cancelled.state()).isEqualTo(JobState.CANCELLED);
        assertThat(cancelled.stateText()).isEqualTo("CANCELLED by 0");
        assertThat(cancelled.cancelledByUid()).isZero();
        assertThat(cancelled.steps().get(0).signal()).isEqualTo(15);
        assertThat(p.records().get(2).effectiveState()).isEqualTo(JobState.OUT_OF_MEMORY);
        assertThat(p.records().get(2).signal()).isEqualTo(125);
        SacctJob failed = p.records().get(3);
        assertThat(failed.state()).isEqualTo(JobState.FAILED);
        assertThat(failed.exitCode()).isEqualTo(1);
        assertThat(failed.effectiveState()).isEqualTo(JobState.OUT_OF_MEMORY);
        SacctJob timeout = p.records().get(4);
        assertThat(timeout.effectiveState()).isEqualTo(JobState.TIMEOUT);
        assertThat(timeout.elapsedSeconds()).isEqualTo(2 * 86400 + 12);
        assertThat(timeout.steps()).extracting(SacctJob.Step::stepId).containsExactly("batch", "0");
        assertThat(p.records().get(5).state()).isEqualTo(JobState.NODE_FAIL);
        SacctJob pending = p.records().get(6);
        assertThat(pending.start()).isNull();
        assertThat(pending.nodes()).isNull();
        assertThat(pending.effectiveState()).isEqualTo(JobState.PENDING);
        assertThat(SubmissionLookup.inSacct(p.records(), TOKEN)).containsExactly("200", "206");
    }

    @Test
    void should_read_scontrol_show_job_in_both_layouts() {
        // multi-line: 'scontrol show job 7' as printed in the Galaxy Admin Training 2016 exercise
        // sessions/16-compute-cluster/ex1-slurm.md of galaxyproject/dagobah-training (read in the fork
        // Petraea/dagobah-training), quoted; then a second record written to the same format
        String multi = """
                JobId=7 JobName=g2_upload1_anonymous_10_0_2_2
                   UserId=galaxy(999) GroupId=galaxy(999)
                   Priority=4294901754 Nice=0 Account=(null) QOS=(null)
                   JobState=COMPLETED Reason=None Dependency=(null)
                   Requeue=1 Restarts=0 BatchFlag=1 Reboot=0 ExitCode=0:0
                   RunTime=00:00:06 TimeLimit=UNLIMITED TimeMin=N/A
                   SubmitTime=2016-11-05T14:07:24 EligibleTime=2016-11-05T14:07:24
                   StartTime=2016-11-05T14:07:24 EndTime=2016-11-05T14:07:30
                   PreemptTime=None SuspendTime=None SecsPreSuspend=0
                   Partition=debug AllocNode:Sid=gat2016:16025
                   ReqNodeList=(null) ExcNodeList=(null)
                   NodeList=localhost
                   BatchHost=localhost
                   NumNodes=1 NumCPUs=1 CPUs/Task=1 ReqB:S:C:T=0:0:*:*
                   TRES=cpu=1,node=1
                   Socks/Node=* NtasksPerN:B:S:C=0:0:*:* CoreSpec=*
                   MinCPUsNode=1 MinMemoryNode=0 MinTmpDiskNode=0
                   Features=(null) Gres=(null) Reservation=(null)
                   Shared=0 Contiguous=0 Licenses=(null) Network=(null)
                   Command=(null)
                   WorkDir=/srv/galaxy/server/database/jobs/000/2
                   StdErr=/srv/galaxy/server/database/jobs/000/2/galaxy_2.e
                   StdIn=StdIn=/dev/null
                   StdOut=/srv/galaxy/server/database/jobs/000/2/galaxy_2.o
                   Power= SICP=0

                JobId=8 JobName=si scf run
                   JobState=FAILED Reason=NonZeroExitCode Dependency=(null)
                   ExitCode=2:0 RunTime=00:00:01 TimeLimit=00:30:00
                   Partition=debug NodeList=host1
                   Comment=labhub:k3x9tq2mzp7hw4ra5bvy6dcn8e
                   WorkDir=/scratch/alice/labhub/job-42
                """;
        ParsedLines<ScontrolJob> p = ScontrolJob.parse(multi);
        assertThat(p.unreadable()).isEmpty();
        assertThat(p.records()).hasSize(2);
        ScontrolJob done = p.records().get(0);
        assertThat(done.jobId()).isEqualTo("7");
        assertThat(done.state()).isEqualTo(JobState.COMPLETED);
        assertThat(done.exitCode()).isZero();
        assertThat(done.reason()).isNull();
        assertThat(done.runSeconds()).isEqualTo(6);
        assertThat(done.limitSeconds()).isNull();
        assertThat(done.partition()).isEqualTo("debug");
        assertThat(done.nodes()).isEqualTo("localhost");
        assertThat(done.workDir()).isEqualTo("/srv/galaxy/server/database/jobs/000/2");
        assertThat(done.fields()).containsEntry("StdIn", "StdIn=/dev/null").containsEntry("AllocNode:Sid",
                "gat2016:16025").containsEntry("CPUs/Task", "1").containsEntry("Power", "")
                .containsEntry("SICP", "0");
        ScontrolJob failed = p.records().get(1);
        assertThat(failed.jobName()).isEqualTo("si scf run");
        assertThat(failed.state()).isEqualTo(JobState.FAILED);
        assertThat(failed.reason()).isEqualTo("NonZeroExitCode");
        assertThat(failed.exitCode()).isEqualTo(2);
        assertThat(failed.token()).hasValue(TOKEN);

        // one line per job (scontrol -o): the fixture of neilmunday/slurm-mail tests/unit/test_cli.py
        // (test_get_scontrol_values), quoted; then a second line written to the same format
        String oneLine = "JobId=1 JobName=test UserId=root(0) GroupId=root(0) MCS_label=N/A Priority=4294901759"
                + " Nice=0 Account=root QOS=normal JobState=COMPLETED Reason=None Dependency=(null) Requeue=1"
                + " Restarts=0 BatchFlag=1 Reboot=0 ExitCode=0:0 RunTime=00:00:03 TimeLimit=UNLIMITED TimeMin=N/A"
                + " SubmitTime=2023-01-08T16:01:33 EligibleTime=2023-01-08T16:01:33 AccrueTime=2023-01-08T16:01:33"
                + " StartTime=2023-01-08T16:01:33 EndTime=2023-01-08T16:01:36 Deadline=N/A SuspendTime=None"
                + " SecsPreSuspend=0 LastSchedEval=2023-01-08T16:01:33 Scheduler=Main Partition=all"
                + " AllocNode:Sid=631cc24917ee:218 ReqNodeList=(null) ExcNodeList=(null) NodeList=node01"
                + " BatchHost=node01 NumNodes=1 NumCPUs=1 NumTasks=1 CPUs/Task=1 ReqB:S:C:T=0:0:*:*"
                + " TRES=cpu=1,node=1,billing=1 Socks/Node=* NtasksPerN:B:S:C=0:0:*:* CoreSpec=* MinCPUsNode=1"
                + " MinMemoryNode=0 MinTmpDiskNode=0 Features=(null) DelayBoot=00:00:00 OverSubscribe=OK"
                + " Contiguous=0 Licenses=(null) Network=(null) Command=/root/test.jcf WorkDir=/root"
                + " StdErr=/root/slurm-1.out StdIn=/dev/null StdOut=/root/slurm-1.out Power=\n"
                + "JobId=2 JobName=next JobState=RUNNING Reason=None ExitCode=0:0 RunTime=00:01:00"
                + " TimeLimit=1-00:00:00 Comment=labhub:k3x9tq2mzp7hw4ra5bvy6dcn8e\n";
        ParsedLines<ScontrolJob> o = ScontrolJob.parse(oneLine);
        assertThat(o.records()).extracting(ScontrolJob::jobId).containsExactly("1", "2");
        assertThat(o.records().get(0).state()).isEqualTo(JobState.COMPLETED);
        assertThat(o.records().get(0).fields()).containsEntry("TRES", "cpu=1,node=1,billing=1");
        assertThat(o.records().get(1).limitSeconds()).isEqualTo(86400);
        assertThat(SubmissionLookup.inScontrol(o.records(), TOKEN)).containsExactly("2");
        assertThat(ScontrolJob.parse("JobId=9 JobName=x\n").unreadable()).containsExactly("JobId=9");
        assertThat(ScontrolJob.parse("No jobs in the system\n").records()).isEmpty();
    }

    @Test
    void should_list_a_token_found_twice_lowest_id_first() {
        List<SqueueJob> jobs = SqueueJob.parse("""
                1000|PENDING|Priority|0:00|1:00:00||labhub:k3x9tq2mzp7hw4ra5bvy6dcn8e
                999|RUNNING|None|0:10|1:00:00|n1|labhub:k3x9tq2mzp7hw4ra5bvy6dcn8e
                """).records();
        assertThat(SubmissionLookup.inSqueue(jobs, TOKEN)).containsExactly("999", "1000");
        assertThat(SubmissionToken.fromComment("labhub:short")).isEmpty();
        assertThat(SubmissionToken.fromComment("LABHUB:k3x9tq2mzp7hw4ra5bvy6dcn8e")).isEmpty();
        assertThat(SubmissionToken.fromComment("labhub:k3x9tq2mzp7hw4ra5bvy6dcn8e ")).hasValue(TOKEN);
        assertThat(SubmissionToken.random().value()).matches("[a-z2-7]{26}");
        assertThat(SubmissionToken.random()).isNotEqualTo(SubmissionToken.random());
    }

    @Test
    void should_build_commands_that_shell_command_quotes_whole() {
        JobDirectory dir = new JobDirectory("/scratch/alice/labhub/job-42");
        assertThat(SlurmCommands.sbatch(dir)).containsExactly("sbatch", "--parsable",
                "/scratch/alice/labhub/job-42/labhub-job.sbatch");
        assertThat(ShellCommand.build(SlurmCommands.squeueUser("alice")))
                .isEqualTo("'squeue' '-h' '-t' 'all' '-u' 'alice' '-o' '%i|%T|%r|%M|%l|%N|%k'");
        assertThat(SlurmCommands.squeueJobs(List.of("1", "2_3"))).containsSubsequence("-j", "1,2_3");
        assertThat(ShellCommand.build(SlurmCommands.sacct(List.of("200", "201"))))
                .isEqualTo("'sacct' '-n' '-P' '-o' 'JobID,State,ExitCode,Elapsed,Start,End,NodeList,Comment'"
                        + " '-j' '200,201'");
        assertThat(SlurmCommands.sacctLookup("alice", 7)).containsSubsequence("-X", "-u", "alice", "-S",
                "now-7days");
        assertThat(SlurmCommands.scontrolShowJob("42")).containsExactly("scontrol", "show", "job", "42");
        assertThat(SlurmCommands.scontrolShowJobs()).containsExactly("scontrol", "-o", "show", "job");
        assertThat(SlurmCommands.scontrolShowPartition("debug")).containsExactly("scontrol", "show", "partition",
                "debug");
        assertThat(SlurmCommands.scancel("42")).containsExactly("scancel", "42");
        for (List<String> argv : List.of(SlurmCommands.sbatch(dir), SlurmCommands.squeueUser("alice"),
                SlurmCommands.sacctLookup("alice", 1), SlurmCommands.scontrolShowPartitions())) {
            assertThat(ShellCommand.build(argv)).isNotEmpty();
        }
        Map<String, Runnable> refused = Map.of(
                "user", () -> SlurmCommands.squeueUser("alice; id"),
                "jobId", () -> SlurmCommands.scancel("42 43"),
                "jobIds", () -> SlurmCommands.sacct(List.of()),
                "days", () -> SlurmCommands.sacctLookup("alice", 0),
                "partition", () -> SlurmCommands.scontrolShowPartition("-a"));
        refused.forEach((field, call) -> assertThatThrownBy(call::run).as(field)
                .isInstanceOf(SlurmValidationException.class).hasMessageStartingWith(field + ": "));
        assertThatThrownBy(() -> SlurmCommands.squeueJobs(List.of("1", "$(id)")))
                .hasMessageStartingWith("jobId: ");
    }
}
