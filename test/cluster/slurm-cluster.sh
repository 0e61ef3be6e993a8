#!/usr/bin/env bash
# Lab Hub's test cluster: a real single-node SLURM (slurm-wlm + munge), an sshd on a loopback port through
# which the hub reaches it as an unprivileged user, and the real codes (Quantum ESPRESSO, LAMMPS).
# Debian only, as root. What it does, what it leaves behind and how to tear it down: README.md beside it.
#
#   slurm-cluster.sh up     [--accounting] [--port N] [STATE_DIR]
#   slurm-cluster.sh down   [--all] [STATE_DIR]
#   slurm-cluster.sh status [STATE_DIR]
#
# Exit codes: 0 done / cluster usable, 1 failure, 2 usage error,
#             3 cannot run here (not root, not Debian): nothing was started, and nothing should pretend it was.
set -euo pipefail

readonly EXIT_FAIL=1 EXIT_USAGE=2 EXIT_UNSUPPORTED=3

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
readonly SCRIPT_DIR
readonly HPC_USER=labhub-hpc
readonly HPC_BASE=/var/tmp/labhub-hpc
readonly SCRATCH=$HPC_BASE/scratch
readonly CHECK_DIR=$HPC_BASE/cluster-check
readonly CLUSTER_NAME=labhub-test
readonly DEBUG_PARTITION=debug
readonly SHORT_PARTITION=short
readonly SHORT_MAX_TIME=00:10:00
readonly SHORT_DEFAULT_TIME=00:05:00
readonly MIN_JOB_AGE=3600
readonly DEFAULT_SSH_PORT=2222
readonly SLURM_CONF=/etc/slurm/slurm.conf
readonly SLURMDBD_CONF=/etc/slurm/slurmdbd.conf
readonly SLURM_LOG_DIR=/var/log/slurm
readonly SLURM_STATE_DIR=/var/lib/slurm
readonly SLURMCTLD_PID=/run/slurmctld.pid
readonly SLURMD_PID=/run/slurmd.pid
readonly SLURMDBD_PID=/run/slurmdbd.pid
readonly MUNGED_PID=/run/munge/munged.pid
readonly MARIADB_PID=/run/mysqld/mysqld.pid
readonly MARIADB_SOCKET=/run/mysqld/mysqld.sock
readonly LOCK_FILE=/run/lock/labhub-slurm-cluster.lock
# Machine-wide, as the daemons are: which of them this script started (NAME.started: the pid), and which
# state dirs use them (users/: one file per STATE_DIR whose 'up' succeeded and which has not gone 'down').
readonly SHARED_RUN=/run/labhub-slurm-cluster
readonly MARKER="# Written by Lab Hub's test/cluster/slurm-cluster.sh; rewritten by every 'up'."
readonly PSEUDO_DIR=/usr/share/espresso/pseudo
readonly PSEUDO=Si.pz-vbc.UPF
# --no-install-recommends keeps the install small, so quantum-espresso-data (the pseudopotentials, only a
# Recommends of quantum-espresso) is named here.
readonly BASE_PACKAGES=(slurm-wlm munge openssh-server openssh-client quantum-espresso quantum-espresso-data lammps)
readonly ACCOUNTING_PACKAGES=(slurmdbd mariadb-server mariadb-client)
WAIT_SECONDS=${LABHUB_CLUSTER_WAIT_SECONDS:-90}
JOB_WAIT_SECONDS=${LABHUB_CLUSTER_JOB_WAIT_SECONDS:-300}

STATE=""   # absolute STATE_DIR
RUN=""     # $STATE/run: this state dir's sshd (pid file, port)
LOGS=""    # $STATE/logs

log() { printf '[slurm-cluster %s] %s\n' "$(date +%H:%M:%S)" "$*"; }
warn() { printf '[slurm-cluster %s] WARNING: %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() {
  printf '[slurm-cluster %s] ERROR: %s\n' "$(date +%H:%M:%S)" "$*" >&2
  exit "$EXIT_FAIL"
}

usage() {
  cat <<'EOF'
Usage: slurm-cluster.sh COMMAND [OPTIONS] [STATE_DIR]

Commands:
  up      Install what is missing (slurm-wlm munge openssh-server quantum-espresso lammps), write
          /etc/slurm/slurm.conf, start munged, slurmctld, slurmd and a loopback sshd for the user
          labhub-hpc, run the checks (ssh + sinfo, sftp, a pw.x SCF and a LAMMPS melt through sbatch)
          and write STATE_DIR/cluster.env. Idempotent: what runs already is left running.
            --accounting  also slurmdbd on MariaDB, so that sacct answers (LABHUB_TEST_SLURM_ACCOUNTING=slurmdbd)
            --port N      loopback port of the sshd (default: the one used before, else 2222 or the next free one)
  down    Stop this STATE_DIR's sshd and remove STATE_DIR/cluster.env; then, unless another STATE_DIR's
          cluster is still up, stop the slurmd, slurmctld, slurmdbd, mariadb and munged that 'up' started.
          Packages, users and keys stay.
            --all         stop those daemons in any case, whoever started them
  status  Show what runs; exit 0 when the cluster is usable, 1 when not.

STATE_DIR defaults to test/cluster/state beside this script.
Exit codes: 0 ok, 1 failure, 2 usage, 3 cannot run here (not root or not Debian).
EOF
}

unsupported() {
  {
    echo "################################################################################"
    echo "## LAB HUB TEST CLUSTER NOT AVAILABLE: $1"
    echo "## test/cluster/slurm-cluster.sh must run as root on Debian: it installs slurm-wlm,"
    echo "## munge, openssh-server, quantum-espresso and lammps with apt-get and starts daemons."
    echo "## Nothing was started. The tests that need a SLURM cluster will say that they did"
    echo "## NOT RUN; they do not pass."
    echo "################################################################################"
  } >&2
  exit "$EXIT_UNSUPPORTED"
}

check_platform() {
  [[ $(id -u) -eq 0 ]] || unsupported "not root (uid $(id -u))"
  local os_id=""
  if [[ -r /etc/os-release ]]; then
    os_id=$(sed -n 's/^ID=//p' /etc/os-release | tr -d '"')
  fi
  [[ $os_id == debian ]] || unsupported "not Debian (/etc/os-release ID='${os_id:-unknown}')"
  if ! command -v apt-get >/dev/null || ! command -v dpkg-query >/dev/null; then
    unsupported "Debian without apt-get/dpkg-query"
  fi
}

# ---------------------------------------------------------------------------------------------- processes

# Prints the pid from PIDFILE when that process runs and its command is COMM.
pid_from_file() {
  local pidfile=$1 comm=$2 pid
  [[ -r $pidfile ]] || return 1
  pid=$(<"$pidfile")
  pid=${pid//[^0-9]/}
  [[ -n $pid && -r /proc/$pid/comm ]] || return 1
  [[ $(<"/proc/$pid/comm") == "$comm" ]] || return 1
  echo "$pid"
}

# Prints the pid of a running COMM: the one in PIDFILE, else any process of that exact name.
running_pid() {
  local comm=$1 pidfile=$2 out
  if pid_from_file "$pidfile" "$comm"; then return 0; fi
  out=$(pgrep -x "$comm" || true)
  [[ -n $out ]] || return 1
  echo "${out%%$'\n'*}"
}

# Remembers that this script started the machine-wide daemon NAME (pid).
mark_started() {
  install -d -m 0755 "$SHARED_RUN"
  echo "$2" >"$SHARED_RUN/$1.started"
}

started_by_script() {
  local name=$1 pid=$2
  [[ -r $SHARED_RUN/$name.started && $(<"$SHARED_RUN/$name.started") == "$pid" ]]
}

# The state dirs that use the daemons: registered by a successful 'up', removed by 'down'.
user_file() { echo "$SHARED_RUN/users/$(printf '%s' "$STATE" | sha1sum | cut -c1-16)"; }

register_user() {
  install -d -m 0755 "$SHARED_RUN/users"
  echo "$STATE" >"$(user_file)"
}

# Prints the other state dirs whose cluster is up (their sshd runs, their cluster.env is there); forgets the rest.
other_users() {
  local f dir
  for f in "$SHARED_RUN"/users/*; do
    [[ -f $f ]] || continue
    dir=$(<"$f")
    [[ $dir == "$STATE" ]] && continue
    if [[ -f $dir/cluster.env ]] && pid_from_file "$dir/run/sshd.pid" sshd >/dev/null; then
      echo "$dir"
    else
      rm -f "$f"
    fi
  done
}

# Sends TERM, waits up to 20 s, then KILL.
stop_pid() {
  local name=$1 pid=$2 i
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 100; i++)); do
    [[ -e /proc/$pid ]] || { log "$name stopped (pid $pid)"; return 0; }
    sleep 0.2
  done
  warn "$name (pid $pid) ignored TERM for 20 s: KILL"
  kill -KILL "$pid" 2>/dev/null || true
}

# down: stops NAME if this script started it (or with --all).
stop_daemon() {
  local name=$1 comm=$2 pidfile=$3 all=$4 pid
  if ! pid=$(running_pid "$comm" "$pidfile"); then
    rm -f "$SHARED_RUN/$name.started"
    log "$name: not running"
    return 0
  fi
  if started_by_script "$name" "$pid" || ((all)); then
    stop_pid "$name" "$pid"
    rm -f "$SHARED_RUN/$name.started"
  else
    log "$name: running (pid $pid), not started by this script: left running (down --all stops it)"
  fi
}

wait_for() {
  local seconds=$1 i
  shift
  for ((i = 0; i < seconds * 2; i++)); do
    if "$@"; then return 0; fi
    sleep 0.5
  done
  return 1
}

# ---------------------------------------------------------------------------------------------- packages

missing_packages() {
  local p
  for p in "$@"; do
    if [[ $(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true) != "install ok installed" ]]; then
      echo "$p"
    fi
  done
}

apt_install() {
  DEBIAN_FRONTEND=noninteractive apt-get -q -y -o DPkg::Lock::Timeout=600 \
    -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
    install --no-install-recommends "$@" >>"$LOGS/apt.log" 2>&1
}

install_packages() {
  local missing=() rc=0 added_policy=0 t0=$SECONDS
  mapfile -t missing < <(missing_packages "$@")
  if ((${#missing[@]} == 0)); then
    log "packages: all installed ($*)"
    return 0
  fi
  log "packages: installing ${missing[*]} (log: $LOGS/apt.log)"
  # No daemon may start from a package's postinst (the system sshd on port 22 above all): this script
  # starts what it needs, its own way. policy-rc.d is the Debian way to say so; a present one is kept.
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\n# Temporary, from Lab Hub test/cluster/slurm-cluster.sh: no daemon starts during its install.\nexit 101\n' \
      >/usr/sbin/policy-rc.d
    chmod 0755 /usr/sbin/policy-rc.d
    added_policy=1
  fi
  if ! apt_install "${missing[@]}"; then
    log "packages: apt-get install failed; apt-get update, then once more"
    { apt-get -q update && apt_install "${missing[@]}"; } >>"$LOGS/apt.log" 2>&1 || rc=$?
  fi
  if ((added_policy)); then rm -f /usr/sbin/policy-rc.d; fi
  if ((rc != 0)); then
    tail -n 20 "$LOGS/apt.log" >&2 || true
    die "could not install: ${missing[*]} (see $LOGS/apt.log)"
  fi
  log "packages: installed in $((SECONDS - t0)) s"
}

# ---------------------------------------------------------------------------------------------- munge

munge_ok() {
  local out
  out=$(munge -n 2>/dev/null | unmunge 2>/dev/null) || return 1
  [[ $out == *"STATUS:"*"Success"* ]]
}

start_munge() {
  if munge_ok; then
    log "munge: running (munge -n | unmunge: Success)"
    return 0
  fi
  if [[ ! -s /etc/munge/munge.key ]]; then
    log "munge: creating /etc/munge/munge.key"
    install -d -o munge -g munge -m 0700 /etc/munge
    if command -v mungekey >/dev/null; then
      mungekey --create --keyfile=/etc/munge/munge.key
    else
      dd if=/dev/urandom of=/etc/munge/munge.key bs=1024 count=1 status=none
    fi
  fi
  chown munge:munge /etc/munge/munge.key
  chmod 0400 /etc/munge/munge.key
  install -d -o munge -g munge -m 0755 /run/munge
  install -d -o munge -g munge -m 0700 /var/lib/munge /var/log/munge
  local pid
  if pid=$(running_pid munged "$MUNGED_PID"); then
    warn "munge: munged (pid $pid) runs but does not answer: restarting it"
    stop_pid munged "$pid"
  fi
  # munged detaches by itself (fork + setsid), so it outlives this script.
  su -s /bin/sh munge -c '/usr/sbin/munged --force' </dev/null >>"$LOGS/munged.out" 2>&1 9>&- ||
    die "munged did not start (see /var/log/munge/munged.log)"
  wait_for "$WAIT_SECONDS" munge_ok || die "munge -n | unmunge does not say Success (see /var/log/munge/munged.log)"
  pid=$(running_pid munged "$MUNGED_PID") && mark_started munged "$pid"
  log "munge: started (pid ${pid:-?}); munge -n | unmunge: Success"
}

# ---------------------------------------------------------------------------------------------- SLURM

plugin_dir() {
  local d
  for d in /usr/lib/*/slurm-wlm /usr/lib/slurm-wlm /usr/lib64/slurm /usr/lib/slurm; do
    if [[ -e $d/select_cons_tres.so ]]; then
      echo "$d"
      return 0
    fi
  done
  die "no SLURM plugin directory with select_cons_tres.so found (is slurm-wlm-basic-plugins installed?)"
}

node_name() { hostname -s; }

cpu_count() { nproc; }

# RealMemory: MemTotal in MiB less 5% (at least 1 GiB) of margin, so slurmd never finds less than configured.
real_memory_mb() {
  local kb mb margin
  kb=$(awk '/^MemTotal:/ {print $2}' /proc/meminfo)
  mb=$((kb / 1024))
  margin=$((mb / 20))
  ((margin >= 1024)) || margin=1024
  if ((mb - margin < 256)); then echo 256; else echo $((mb - margin)); fi
}

write_slurm_conf() {
  local accounting=$1 host plugins cpus mem tmp acct_lines
  host=$(node_name)
  plugins=$(plugin_dir)
  cpus=$(cpu_count)
  mem=$(real_memory_mb)
  if [[ $accounting == slurmdbd ]]; then
    acct_lines="AccountingStorageType=accounting_storage/slurmdbd
AccountingStorageHost=localhost
# sacct shows the job's --comment (where the hub can put its submission token).
AccountingStoreFlags=job_comment"
  else
    acct_lines="AccountingStorageType=accounting_storage/none"
  fi
  tmp=$(mktemp)
  cat >"$tmp" <<EOF
$MARKER
# A single-node test cluster for Lab Hub; see test/cluster/README.md in the project.
ClusterName=$CLUSTER_NAME
SlurmctldHost=$host(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CryptoType=crypto/munge
PluginDir=$plugins
MpiDefault=none
# No cgroups here: process tracking by the process tree, no task binding.
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
$acct_lines
JobCompType=jobcomp/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
# A job that asks more than its partition allows is refused by sbatch, as on most real clusters.
EnforcePartLimits=ALL
ReturnToService=2
# Finished jobs stay visible to 'scontrol show job' for an hour (the default is 300 s).
MinJobAge=$MIN_JOB_AGE
KillWait=5
InactiveLimit=0
SlurmctldTimeout=30
SlurmdTimeout=60
SlurmdParameters=config_overrides
StateSaveLocation=$SLURM_STATE_DIR/slurmctld
SlurmdSpoolDir=$SLURM_STATE_DIR/slurmd
SlurmctldPidFile=$SLURMCTLD_PID
SlurmdPidFile=$SLURMD_PID
SlurmctldLogFile=$SLURM_LOG_DIR/slurmctld.log
SlurmdLogFile=$SLURM_LOG_DIR/slurmd.log

NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$mem State=UNKNOWN
PartitionName=$DEBUG_PARTITION Nodes=$host Default=YES MaxTime=INFINITE State=UP
PartitionName=$SHORT_PARTITION Nodes=$host Default=NO MaxTime=$SHORT_MAX_TIME DefaultTime=$SHORT_DEFAULT_TIME MaxNodes=1 State=UP
EOF
  install_conf "$tmp" "$SLURM_CONF" 0644
}

# Puts TMP at DEST (mode MODE) unless DEST already says the same; returns 0 when DEST changed, 1 when not.
# A DEST this script did not write is kept in $STATE/backup first.
install_conf() {
  local tmp=$1 dest=$2 mode=$3
  if [[ -f $dest ]] && cmp -s "$tmp" "$dest"; then
    rm -f "$tmp"
    return 1
  fi
  install -d -m 0755 "$(dirname "$dest")"
  if [[ -f $dest ]] && ! grep -qxF "$MARKER" "$dest"; then
    install -d -m 0700 "$STATE/backup"
    cp -p "$dest" "$STATE/backup/$(basename "$dest").$(date +%Y%m%dT%H%M%S)"
    log "kept the previous $dest in $STATE/backup/"
  fi
  install -m "$mode" -o root -g root "$tmp" "$dest"
  rm -f "$tmp"
  log "wrote $dest"
  return 0
}

slurm_dirs() {
  install -d -m 0755 "$SLURM_LOG_DIR" "$SLURM_STATE_DIR"
  install -d -m 0700 "$SLURM_STATE_DIR/slurmctld"
  install -d -m 0755 "$SLURM_STATE_DIR/slurmd"
}

# Starts DAEMON (slurmctld, slurmd, slurmdbd) unless it runs; restarts it when RESTART=1.
start_slurm_daemon() {
  local name=$1 pidfile=$2 restart=$3 pid
  if pid=$(running_pid "$name" "$pidfile"); then
    if ((restart)); then
      log "$name: configuration changed, restarting (pid $pid)"
      stop_pid "$name" "$pid"
    else
      log "$name: running (pid $pid)"
      return 0
    fi
  fi
  # The SLURM daemons detach by themselves (fork + setsid), so they outlive this script.
  "/usr/sbin/$name" </dev/null >>"$LOGS/$name.out" 2>&1 9>&- || {
    tail -n 20 "$LOGS/$name.out" "$SLURM_LOG_DIR/$name.log" >&2 2>/dev/null || true
    die "$name did not start (see $SLURM_LOG_DIR/$name.log)"
  }
  if ! wait_for 15 pid_from_file "$pidfile" "$name" >/dev/null; then
    tail -n 20 "$LOGS/$name.out" "$SLURM_LOG_DIR/$name.log" >&2 2>/dev/null || true
    die "$name exited right after its start (see $SLURM_LOG_DIR/$name.log)"
  fi
  pid=$(pid_from_file "$pidfile" "$name")
  mark_started "$name" "$pid"
  log "$name: started (pid $pid)"
}

node_state() {
  local out
  out=$(sinfo -h -N -n "$(node_name)" -o '%t' 2>/dev/null) || return 1
  echo "${out%%$'\n'*}"
}

node_usable() {
  case $(node_state || true) in
    idle | mix | alloc | comp) return 0 ;;
    *) return 1 ;;
  esac
}

wait_node_idle() {
  local host state deadline resumed=0
  host=$(node_name)
  deadline=$((SECONDS + WAIT_SECONDS))
  while ((SECONDS < deadline)); do
    state=$(node_state || true)
    case $state in
      idle | mix | alloc | comp)
        log "sinfo: node $host is $state"
        return 0
        ;;
      down | drain | drng | fail)
        # slurmd answers but the node carries an old DOWN/DRAIN: a test cluster takes it back.
        if ((!resumed)); then
          log "sinfo: node $host is $state, resuming it"
          scontrol update NodeName="$host" State=RESUME >/dev/null 2>&1 || true
          resumed=1
        fi
        ;;
    esac
    sleep 1
  done
  {
    echo "---- sinfo"
    sinfo 2>&1 || true
    echo "---- sinfo -R"
    sinfo -R 2>&1 || true
    echo "---- $SLURM_LOG_DIR/slurmctld.log (end)"
    tail -n 15 "$SLURM_LOG_DIR/slurmctld.log" 2>&1 || true
    echo "---- $SLURM_LOG_DIR/slurmd.log (end)"
    tail -n 15 "$SLURM_LOG_DIR/slurmd.log" 2>&1 || true
  } >&2
  die "node $host not idle after ${WAIT_SECONDS} s (last state: '${state:-no answer from sinfo}')"
}

# ---------------------------------------------------------------------------------------------- accounting

mariadb_ok() { mariadb-admin --socket="$MARIADB_SOCKET" ping >/dev/null 2>&1; }

start_mariadb() {
  if mariadb_ok; then
    log "mariadb: running"
    return 0
  fi
  install -d -o mysql -g mysql -m 0755 /run/mysqld
  if [[ ! -d /var/lib/mysql/mysql ]]; then
    log "mariadb: initialising /var/lib/mysql"
    mariadb-install-db --user=mysql --datadir=/var/lib/mysql >>"$LOGS/mariadb.out" 2>&1 ||
      die "mariadb-install-db failed (see $LOGS/mariadb.out)"
  fi
  # mariadbd does not detach by itself: setsid -f puts it in its own session, so it outlives this script.
  setsid -f /usr/sbin/mariadbd --user=mysql --pid-file="$MARIADB_PID" --socket="$MARIADB_SOCKET" \
    --skip-networking </dev/null >>"$LOGS/mariadb.out" 2>&1 9>&-
  wait_for "$WAIT_SECONDS" mariadb_ok || die "mariadb does not answer (see $LOGS/mariadb.out)"
  local pid
  pid=$(running_pid mariadbd "$MARIADB_PID") && mark_started mariadbd "$pid"
  log "mariadb: started (pid ${pid:-?})"
}

write_slurmdbd_conf() {
  local pass="" tmp
  # One password per machine, kept in slurmdbd.conf (mode 600), so that every state dir writes the same file.
  if [[ -r $SLURMDBD_CONF ]] && grep -qxF "$MARKER" "$SLURMDBD_CONF"; then
    pass=$(sed -n 's/^StoragePass=//p' "$SLURMDBD_CONF")
  fi
  if [[ -z $pass ]]; then
    pass=$(tr -dc 'A-Za-z0-9' </dev/urandom | dd bs=24 count=1 status=none)
  fi
  mariadb --socket="$MARIADB_SOCKET" <<EOF
CREATE USER IF NOT EXISTS 'slurm'@'localhost';
ALTER USER 'slurm'@'localhost' IDENTIFIED BY '$pass';
CREATE DATABASE IF NOT EXISTS slurm_acct_db;
GRANT ALL ON slurm_acct_db.* TO 'slurm'@'localhost';
EOF
  tmp=$(mktemp)
  cat >"$tmp" <<EOF
$MARKER
AuthType=auth/munge
DbdHost=localhost
SlurmUser=root
PidFile=$SLURMDBD_PID
LogFile=$SLURM_LOG_DIR/slurmdbd.log
PluginDir=$(plugin_dir)
StorageType=accounting_storage/mysql
StorageHost=localhost
StoragePort=3306
StorageUser=slurm
StoragePass=$pass
StorageLoc=slurm_acct_db
EOF
  install_conf "$tmp" "$SLURMDBD_CONF" 0600
}

sacctmgr_ok() { sacctmgr -n -P show cluster format=cluster >/dev/null 2>&1; }

start_accounting() {
  start_mariadb
  local changed=0
  if write_slurmdbd_conf; then changed=1; fi
  start_slurm_daemon slurmdbd "$SLURMDBD_PID" "$changed"
  wait_for "$WAIT_SECONDS" sacctmgr_ok || die "slurmdbd does not answer sacctmgr (see $SLURM_LOG_DIR/slurmdbd.log)"
  local clusters
  clusters=$(sacctmgr -n -P show cluster format=cluster 2>/dev/null || true)
  if [[ $'\n'$clusters$'\n' != *$'\n'$CLUSTER_NAME$'\n'* ]]; then
    sacctmgr -i add cluster "$CLUSTER_NAME" >>"$LOGS/sacctmgr.out" 2>&1 || die "sacctmgr add cluster failed"
  fi
  if [[ -z $(sacctmgr -n -P show account labhub format=account 2>/dev/null || true) ]]; then
    sacctmgr -i add account labhub Description="Lab Hub tests" Organization=labhub >>"$LOGS/sacctmgr.out" 2>&1 ||
      die "sacctmgr add account failed"
  fi
  if [[ -z $(sacctmgr -n -P show user "$HPC_USER" format=user 2>/dev/null || true) ]]; then
    sacctmgr -i add user "$HPC_USER" Account=labhub >>"$LOGS/sacctmgr.out" 2>&1 || die "sacctmgr add user failed"
  fi
  log "accounting: slurmdbd on MariaDB, cluster $CLUSTER_NAME, account labhub, user $HPC_USER"
}

# Accounting switched off: the slurmdbd and MariaDB that an earlier 'up --accounting' started are stopped.
stop_accounting() {
  local pid
  if pid=$(running_pid slurmdbd "$SLURMDBD_PID") && started_by_script slurmdbd "$pid"; then
    stop_pid slurmdbd "$pid"
    rm -f "$SHARED_RUN/slurmdbd.started"
  fi
  if pid=$(running_pid mariadbd "$MARIADB_PID") && started_by_script mariadbd "$pid"; then
    stop_pid mariadb "$pid"
    rm -f "$SHARED_RUN/mariadbd.started"
  fi
}


# ---------------------------------------------------------------------------------------------- user, sshd

ensure_user() {
  if ! getent passwd "$HPC_USER" >/dev/null; then
    useradd --create-home --shell /bin/bash --comment "Lab Hub test cluster user" "$HPC_USER"
    log "user: created $HPC_USER"
  fi
  # '*': no password to log in with, but not locked ('!'), which an sshd without PAM would refuse.
  usermod -p '*' "$HPC_USER"
  local home
  home=$(getent passwd "$HPC_USER" | cut -d: -f6)
  install -d -o "$HPC_USER" -g "$HPC_USER" -m 0700 "$home/.ssh"
  if [[ ! -s $STATE/id_ed25519 ]]; then
    rm -f "$STATE/id_ed25519" "$STATE/id_ed25519.pub"
    ssh-keygen -q -t ed25519 -N '' -C "labhub-hub@$(node_name)" -f "$STATE/id_ed25519"
    log "ssh: generated the hub's key $STATE/id_ed25519"
  fi
  chmod 0600 "$STATE/id_ed25519"
  local pub
  pub=$(<"$STATE/id_ed25519.pub")
  touch "$home/.ssh/authorized_keys"
  if ! grep -qxF "$pub" "$home/.ssh/authorized_keys"; then
    echo "$pub" >>"$home/.ssh/authorized_keys"
  fi
  chown "$HPC_USER:$HPC_USER" "$home/.ssh/authorized_keys"
  chmod 0600 "$home/.ssh/authorized_keys"
  install -d -o "$HPC_USER" -g "$HPC_USER" -m 0755 "$HPC_BASE" "$SCRATCH"
  log "user: $HPC_USER, key in $home/.ssh/authorized_keys, scratch $SCRATCH"
}

port_in_use() { timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null; }

choose_port() {
  local wanted=$1 port
  if [[ -n $wanted ]]; then
    echo "$wanted"
    return 0
  fi
  if [[ -s $RUN/sshd.port ]]; then
    cat "$RUN/sshd.port"
    return 0
  fi
  for ((port = DEFAULT_SSH_PORT; port < DEFAULT_SSH_PORT + 100; port++)); do
    if ! port_in_use "$port"; then
      echo "$port"
      return 0
    fi
  done
  die "no free loopback port in $DEFAULT_SSH_PORT..$((DEFAULT_SSH_PORT + 99))"
}

start_sshd() {
  local wanted_port=$1 port tmp changed=0 pid
  port=$(choose_port "$wanted_port")
  if ! [[ $port =~ ^[0-9]+$ ]] || ((port < 1 || port > 65535)); then die "bad port '$port'"; fi
  if [[ ! -s $STATE/ssh_host_ed25519_key ]]; then
    rm -f "$STATE/ssh_host_ed25519_key" "$STATE/ssh_host_ed25519_key.pub"
    ssh-keygen -q -t ed25519 -N '' -C "labhub-test-cluster-host" -f "$STATE/ssh_host_ed25519_key"
    log "sshd: generated host key $STATE/ssh_host_ed25519_key"
  fi
  chmod 0600 "$STATE/ssh_host_ed25519_key"
  tmp=$(mktemp)
  cat >"$tmp" <<EOF
$MARKER
# The test cluster's own sshd: loopback only, key only, one user. The system sshd (port 22) is not used.
Port $port
ListenAddress 127.0.0.1
HostKey $STATE/ssh_host_ed25519_key
PidFile $RUN/sshd.pid
AllowUsers $HPC_USER
PermitRootLogin no
PubkeyAuthentication yes
AuthorizedKeysFile .ssh/authorized_keys
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes yes
X11Forwarding no
AllowTcpForwarding no
AllowAgentForwarding no
PermitTunnel no
PrintMotd no
MaxStartups 50:30:100
MaxSessions 20
LogLevel INFO
Subsystem sftp internal-sftp
EOF
  if ! cmp -s "$tmp" "$STATE/sshd_config" 2>/dev/null; then
    install -m 0644 "$tmp" "$STATE/sshd_config"
    changed=1
  fi
  rm -f "$tmp"
  install -d -m 0755 /run/sshd
  /usr/sbin/sshd -t -f "$STATE/sshd_config" || die "sshd -t rejects $STATE/sshd_config"
  if pid=$(pid_from_file "$RUN/sshd.pid" sshd); then
    if ((changed)); then
      log "sshd: configuration changed, restarting (pid $pid)"
      stop_pid sshd "$pid"
    else
      log "sshd: running on 127.0.0.1:$port (pid $pid)"
    fi
  fi
  if ! pid_from_file "$RUN/sshd.pid" sshd >/dev/null; then
    port_in_use "$port" && die "port $port on 127.0.0.1 is taken by another program (choose one with --port)"
    # sshd detaches by itself (fork + setsid), so it outlives this script.
    /usr/sbin/sshd -f "$STATE/sshd_config" -E "$LOGS/sshd.log" </dev/null 9>&- || die "sshd did not start (see $LOGS/sshd.log)"
    wait_for 15 port_in_use "$port" || die "sshd does not listen on 127.0.0.1:$port (see $LOGS/sshd.log)"
    pid=$(pid_from_file "$RUN/sshd.pid" sshd) || die "sshd wrote no pid file (see $LOGS/sshd.log)"
    log "sshd: started on 127.0.0.1:$port (pid $pid)"
  fi
  echo "$port" >"$RUN/sshd.port"
  local hostkey
  read -r -a hostkey <"$STATE/ssh_host_ed25519_key.pub"
  echo "[127.0.0.1]:$port ${hostkey[0]} ${hostkey[1]}" >"$STATE/known_hosts"
  chmod 0644 "$STATE/known_hosts"
}

ssh_opts() {
  local port
  port=$(<"$RUN/sshd.port")
  SSH_OPTS=(-F /dev/null -i "$STATE/id_ed25519" -o IdentitiesOnly=yes -o BatchMode=yes
    -o UserKnownHostsFile="$STATE/known_hosts" -o GlobalKnownHostsFile=/dev/null
    -o StrictHostKeyChecking=yes -o ConnectTimeout=10 -o LogLevel=ERROR)
  SSH_PORT=$port
}

hpc_ssh() { ssh "${SSH_OPTS[@]}" -p "$SSH_PORT" "$HPC_USER@127.0.0.1" "$@"; }

# ---------------------------------------------------------------------------------------------- checks

pw_binary() { command -v pw.x || die "pw.x not found (quantum-espresso)"; }

lammps_binary() {
  local b
  for b in lmp lmp_serial lmp_stable lammps; do
    if command -v "$b"; then return 0; fi
  done
  die "no LAMMPS binary (lmp) found"
}

job_state() {
  local out
  out=$(scontrol show job -o "$1" 2>/dev/null) || return 1
  [[ $out =~ JobState=([A-Z_]+) ]] || return 1
  echo "${BASH_REMATCH[1]}"
}

wait_job() {
  local id=$1 name=$2 deadline state=""
  deadline=$((SECONDS + JOB_WAIT_SECONDS))
  while ((SECONDS < deadline)); do
    state=$(job_state "$id" || true)
    case $state in
      COMPLETED) return 0 ;;
      PENDING | RUNNING | CONFIGURING | COMPLETING | "") sleep 1 ;;
      *)
        scontrol show job "$id" >&2 || true
        die "check job $name ($id) ended $state"
        ;;
    esac
  done
  scontrol show job "$id" >&2 || true
  die "check job $name ($id) not COMPLETED after ${JOB_WAIT_SECONDS} s (state ${state:-unknown})"
}

run_checks() {
  local accounting=$1 pw lmp out
  pw=$(pw_binary)
  lmp=$(lammps_binary)
  [[ -r $PSEUDO_DIR/$PSEUDO ]] || die "$PSEUDO_DIR/$PSEUDO missing (quantum-espresso-data)"
  ssh_opts

  out=$(hpc_ssh sinfo) || die "ssh -p $SSH_PORT $HPC_USER@127.0.0.1 sinfo failed (see $LOGS/sshd.log)"
  log "check: ssh $HPC_USER@127.0.0.1:$SSH_PORT sinfo (strict host key checking) answers:"
  printf '    %s\n' "${out//$'\n'/$'\n'    }"
  out=$(sftp -q -b - "${SSH_OPTS[@]}" -P "$SSH_PORT" "$HPC_USER@127.0.0.1" <<<"cd $SCRATCH"$'\n'"pwd" 2>&1) ||
    die "sftp to $HPC_USER@127.0.0.1:$SSH_PORT failed: $out"
  [[ $out == *"$SCRATCH"* ]] || die "sftp does not see $SCRATCH: $out"
  log "check: sftp sees $SCRATCH"

  # The checks go in as the hub will: files over ssh, sbatch --parsable as the user.
  hpc_ssh "rm -rf '$CHECK_DIR' && mkdir -p '$CHECK_DIR'"
  hpc_ssh "cat > '$CHECK_DIR/si.scf.in'" <<EOF
&control
  calculation = 'scf'
  prefix = 'si'
  pseudo_dir = '$PSEUDO_DIR'
  outdir = './tmp'
/
&system
  ibrav = 2, celldm(1) = 10.26, nat = 2, ntyp = 1, ecutwfc = 18.0
/
&electrons
  conv_thr = 1.0d-8
/
ATOMIC_SPECIES
  Si 28.086 $PSEUDO
ATOMIC_POSITIONS alat
  Si 0.00 0.00 0.00
  Si 0.25 0.25 0.25
K_POINTS automatic
  4 4 4 1 1 1
EOF
  hpc_ssh "cat > '$CHECK_DIR/pw.sbatch'" <<EOF
#!/bin/bash
#SBATCH --job-name=labhub-check-pw
#SBATCH --partition=$DEBUG_PARTITION
#SBATCH --ntasks=1
#SBATCH --time=00:05:00
#SBATCH --output=pw-%j.slurm.out
export OMP_NUM_THREADS=1
exec $pw -in si.scf.in > si.scf.out
EOF
  hpc_ssh "cat > '$CHECK_DIR/in.melt'" <<'EOF'
# 3d Lennard-Jones melt, 500 atoms, 250 steps
units           lj
atom_style      atomic
lattice         fcc 0.8442
region          box block 0 5 0 5 0 5
create_box      1 box
create_atoms    1 box
mass            1 1.0
velocity        all create 3.0 87287 loop geom
pair_style      lj/cut 2.5
pair_coeff      1 1 1.0 1.0 2.5
neighbor        0.3 bin
neigh_modify    every 20 delay 0 check no
fix             1 all nve
thermo          50
run             250
EOF
  hpc_ssh "cat > '$CHECK_DIR/lammps.sbatch'" <<EOF
#!/bin/bash
#SBATCH --job-name=labhub-check-lammps
#SBATCH --partition=$SHORT_PARTITION
#SBATCH --ntasks=1
#SBATCH --time=00:05:00
#SBATCH --output=lammps-%j.slurm.out
export OMP_NUM_THREADS=1
exec $lmp -in in.melt -log melt.log > melt.out
EOF
  local pw_id lmp_id
  pw_id=$(hpc_ssh "cd '$CHECK_DIR' && sbatch --parsable pw.sbatch") || die "sbatch of the pw.x check failed"
  lmp_id=$(hpc_ssh "cd '$CHECK_DIR' && sbatch --parsable lammps.sbatch") || die "sbatch of the LAMMPS check failed"
  pw_id=${pw_id%%;*}
  lmp_id=${lmp_id%%;*}
  log "check: submitted pw.x SCF as job $pw_id ($DEBUG_PARTITION), LAMMPS melt as job $lmp_id ($SHORT_PARTITION)"
  wait_job "$pw_id" pw.x
  wait_job "$lmp_id" lammps

  local energy
  energy=$(grep -m1 '^!' "$CHECK_DIR/si.scf.out" || true)
  [[ $energy == *"total energy"* ]] || {
    tail -n 30 "$CHECK_DIR/si.scf.out" "$CHECK_DIR"/pw-*.slurm.out >&2 2>/dev/null || true
    die "pw.x output has no '! total energy' line"
  }
  log "check: pw.x job $pw_id COMPLETED: ${energy#"${energy%%[! ]*}"}"
  local loop
  loop=$(grep -m1 '^Loop time' "$CHECK_DIR/melt.out" || true)
  [[ -n $loop ]] || {
    tail -n 30 "$CHECK_DIR/melt.out" "$CHECK_DIR"/lammps-*.slurm.out >&2 2>/dev/null || true
    die "LAMMPS output has no 'Loop time' line"
  }
  local last_thermo
  # The last thermo row before 'Loop time', as NAME=VALUE pairs from the 'Step ...' header.
  last_thermo=$(awk '/^ *Step / {n = split($0, h); t = 1; next}
    /^Loop time/ {t = 0}
    t && NF == n {l = ""; for (i = 1; i <= n; i++) l = l (i > 1 ? " " : "") h[i] "=" $i}
    END {print l}' "$CHECK_DIR/melt.out")
  [[ $last_thermo == Step=250* ]] || die "LAMMPS output has no thermo row for step 250 (got '$last_thermo')"
  log "check: LAMMPS job $lmp_id COMPLETED: $last_thermo"
  log "check: LAMMPS $loop"

  if [[ $accounting == slurmdbd ]]; then
    local deadline=$((SECONDS + 60)) acct=""
    while ((SECONDS < deadline)); do
      acct=$(sacct -n -P -X -j "$pw_id" -o JobID,State,ExitCode 2>/dev/null || true)
      [[ $acct == *COMPLETED* ]] && break
      sleep 1
    done
    [[ $acct == *COMPLETED* ]] || die "sacct does not show job $pw_id COMPLETED (got '$acct')"
    log "check: sacct -j $pw_id: $acct"
  fi
}

write_env() {
  local accounting=$1 tmp
  tmp=$(mktemp "$STATE/cluster.env.XXXXXX")
  cat >"$tmp" <<EOF
# Lab Hub test cluster, written by test/cluster/slurm-cluster.sh up on $(date -Iseconds); removed by 'down'.
LABHUB_TEST_SLURM_HOST=127.0.0.1
LABHUB_TEST_SLURM_PORT=$(<"$RUN/sshd.port")
LABHUB_TEST_SLURM_USER=$HPC_USER
LABHUB_TEST_SLURM_KEY=$STATE/id_ed25519
LABHUB_TEST_SLURM_KNOWN_HOSTS=$STATE/known_hosts
LABHUB_TEST_SLURM_SCRATCH=$SCRATCH
LABHUB_TEST_SLURM_PARTITION=$DEBUG_PARTITION
LABHUB_TEST_SLURM_SHORT_PARTITION=$SHORT_PARTITION
LABHUB_TEST_SLURM_SHORT_MAX_TIME=$SHORT_MAX_TIME
LABHUB_TEST_SLURM_ACCOUNTING=$accounting
LABHUB_TEST_SLURM_CLUSTER_NAME=$CLUSTER_NAME
LABHUB_TEST_SLURM_NODE=$(node_name)
LABHUB_TEST_SLURM_CPUS=$(cpu_count)
LABHUB_TEST_SLURM_MIN_JOB_AGE=$MIN_JOB_AGE
LABHUB_TEST_SLURM_PSEUDO_DIR=$PSEUDO_DIR
LABHUB_TEST_SLURM_PW=$(pw_binary)
LABHUB_TEST_SLURM_LAMMPS=$(lammps_binary)
EOF
  chmod 0644 "$tmp"
  mv -f "$tmp" "$STATE/cluster.env"
  log "wrote $STATE/cluster.env"
}

# ---------------------------------------------------------------------------------------------- commands

prepare_state() {
  install -d -m 0755 "$STATE"
  install -d -m 0700 "$RUN"
  rm -f "$RUN"/*.started "$RUN/dbpass" # kept here by earlier versions of this script
  install -d -m 0755 "$LOGS"
}

# fd 9 holds the lock while this script runs; every daemon is started with 9>&- so that none keeps it.
lock() {
  install -d -m 0755 "$(dirname "$LOCK_FILE")"
  exec 9>"$LOCK_FILE"
  flock -w 900 9 || die "another slurm-cluster.sh holds $LOCK_FILE since 15 minutes"
}

cmd_up() {
  local accounting=$1 port=$2 t0=$SECONDS acct_name=none others=() dir
  prepare_state
  lock
  rm -f "$STATE/cluster.env"
  mapfile -t others < <(other_users)
  if ((!accounting)); then
    # The daemons are one per machine: another state dir's cluster that was brought up with accounting keeps it.
    for dir in "${others[@]}"; do
      if grep -qxF "LABHUB_TEST_SLURM_ACCOUNTING=slurmdbd" "$dir/cluster.env"; then
        log "accounting stays on: the cluster of $dir is up with it"
        accounting=1
      fi
    done
  fi
  ((accounting)) && acct_name=slurmdbd
  log "up: state in $STATE, accounting $acct_name"
  install_packages "${BASE_PACKAGES[@]}"
  if ((accounting)); then install_packages "${ACCOUNTING_PACKAGES[@]}"; fi
  start_munge
  slurm_dirs
  local changed=0
  if write_slurm_conf "$acct_name"; then changed=1; fi
  if ((accounting)); then start_accounting; fi
  start_slurm_daemon slurmctld "$SLURMCTLD_PID" "$changed"
  start_slurm_daemon slurmd "$SLURMD_PID" "$changed"
  if ((!accounting)); then stop_accounting; fi
  wait_node_idle
  ensure_user
  start_sshd "$port"
  run_checks "$acct_name"
  write_env "$acct_name"
  register_user
  log "up: done in $((SECONDS - t0)) s; the cluster keeps running after this script (down stops it)"
}

cmd_down() {
  local all=$1 pid others=()
  prepare_state
  lock
  rm -f "$STATE/cluster.env" "$(user_file)"
  if pid=$(pid_from_file "$RUN/sshd.pid" sshd); then
    stop_pid sshd "$pid"
  else
    log "sshd: not running"
  fi
  mapfile -t others < <(other_users)
  if ((${#others[@]} && !all)); then
    log "slurmd, slurmctld, slurmdbd, mariadb, munged: left running, the cluster of ${others[*]} is up (down --all stops them)"
  else
    stop_daemon slurmd slurmd "$SLURMD_PID" "$all"
    stop_daemon slurmctld slurmctld "$SLURMCTLD_PID" "$all"
    stop_daemon slurmdbd slurmdbd "$SLURMDBD_PID" "$all"
    stop_daemon mariadbd mariadbd "$MARIADB_PID" "$all"
    stop_daemon munged munged "$MUNGED_PID" "$all"
  fi
  log "down: done (packages, the user $HPC_USER, keys and $STATE stay)"
}

cmd_status() {
  local ok=0 pid name comm pidfile
  printf '%-10s %s\n' "state dir" "$STATE"
  if munge_ok; then printf '%-10s %s\n' munge "running, munge -n | unmunge: Success"; else
    printf '%-10s %s\n' munge "NOT running"
    ok=1
  fi
  for name in slurmctld slurmd slurmdbd mariadbd; do
    case $name in
      slurmctld) pidfile=$SLURMCTLD_PID ;;
      slurmd) pidfile=$SLURMD_PID ;;
      slurmdbd) pidfile=$SLURMDBD_PID ;;
      mariadbd) pidfile=$MARIADB_PID ;;
    esac
    comm=$name
    if pid=$(running_pid "$comm" "$pidfile"); then
      if started_by_script "$name" "$pid"; then
        printf '%-10s %s\n' "$name" "running (pid $pid)"
      else
        printf '%-10s %s\n' "$name" "running (pid $pid), not started by this script"
      fi
    else
      printf '%-10s %s\n' "$name" "not running"
      case $name in slurmctld | slurmd) ok=1 ;; esac
    fi
  done
  if [[ -n $RUN ]] && pid=$(pid_from_file "$RUN/sshd.pid" sshd); then
    printf '%-10s %s\n' sshd "running on 127.0.0.1:$(cat "$RUN/sshd.port" 2>/dev/null) (pid $pid)"
  else
    printf '%-10s %s\n' sshd "NOT running"
    ok=1
  fi
  local state
  state=$(node_state || true)
  printf '%-10s %s\n' node "$(node_name): ${state:-no answer from sinfo}"
  node_usable || ok=1
  if [[ -f $STATE/cluster.env ]]; then
    printf '%-10s %s\n' env "$STATE/cluster.env"
    printf '%-10s %s\n' accounting "$(sed -n 's/^LABHUB_TEST_SLURM_ACCOUNTING=//p' "$STATE/cluster.env")"
  else
    printf '%-10s %s\n' env "no cluster.env (up has not finished)"
    ok=1
  fi
  local others=()
  mapfile -t others < <(other_users)
  printf '%-10s %s\n' "also up" "${others[*]:-no other state dir}"
  if ((ok == 0)); then echo "cluster: UP"; else echo "cluster: NOT usable"; fi
  if command -v sinfo >/dev/null && [[ -n $state ]]; then sinfo; fi
  return "$ok"
}

main() {
  local cmd=${1:-}
  (($#)) && shift
  case $cmd in
    up | down | status) ;;
    -h | --help | help)
      usage
      return 0
      ;;
    *)
      usage >&2
      return "$EXIT_USAGE"
      ;;
  esac
  local accounting=0 all=0 port="" state=""
  while (($#)); do
    case $1 in
      --accounting) accounting=1 ;;
      --all) all=1 ;;
      --port)
        (($# >= 2)) || { usage >&2; return "$EXIT_USAGE"; }
        port=$2
        shift
        ;;
      --port=*) port=${1#--port=} ;;
      -h | --help)
        usage
        return 0
        ;;
      -*)
        echo "unknown option: $1" >&2
        usage >&2
        return "$EXIT_USAGE"
        ;;
      *)
        [[ -z $state ]] || { usage >&2; return "$EXIT_USAGE"; }
        state=$1
        ;;
    esac
    shift
  done
  check_platform
  STATE=$(realpath -m "${state:-$SCRIPT_DIR/state}")
  # cluster.env and sshd_config take paths unquoted.
  [[ $STATE != *[[:space:]]* ]] || die "STATE_DIR must have no spaces: '$STATE'"
  RUN=$STATE/run
  LOGS=$STATE/logs
  case $cmd in
    up) cmd_up "$accounting" "$port" ;;
    down) cmd_down "$all" ;;
    status) cmd_status ;;
  esac
}

main "$@"
