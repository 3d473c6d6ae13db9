"""CPU accounting of server processes for cluster_bench.py: user + system CPU of a process and of
its threads (from /proc), threads named by their Java names (jcmd Thread.print maps native ids to
names; /proc's comm is cut at 15 characters, too short for Ratis's thread names)."""
import collections, os, re, subprocess

TICK = os.sysconf("SC_CLK_TCK")


def process_cpu(pid):
    """User + system CPU seconds of the whole process."""
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


def thread_cpu(pid):
    """{native thread id: CPU seconds} of every live thread."""
    out = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            fields = open(f"/proc/{pid}/task/{tid}/stat").read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        out[int(tid)] = (int(fields[11]) + int(fields[12])) / TICK
    return out


def java_thread_names(pid):
    """{native thread id: Java thread name} (JVM-internal threads such as GC and C2 included)."""
    text = subprocess.run(["jcmd", str(pid), "Thread.print"], capture_output=True, text=True, timeout=60).stdout
    names = {}
    for m in re.finditer(r'^"(.*?)".*?nid=(0x[0-9a-f]+)', text, re.M):
        names[int(m.group(2), 16)] = m.group(1)
    return names


def group_of(name):
    """A thread's group: Ratis's member/group prefix dropped, numbers folded ("grpc-default-executor-#")."""
    name = re.sub(r"^[\w.-]+@group-[0-9A-F]+-", "", name)
    name = re.sub(r"[0-9a-f]{8}-[0-9a-f-]{27}", "<uuid>", name)
    return re.sub(r"\d+", "#", name)


class ThreadSampler:
    """CPU per thread group between start() and stop()."""

    def __init__(self, pid):
        self.pid = pid

    def start(self):
        self.names = java_thread_names(self.pid)
        self.before = thread_cpu(self.pid)
        self.total0 = process_cpu(self.pid)
        return self

    def stop(self):
        after = thread_cpu(self.pid)
        total = process_cpu(self.pid) - self.total0
        self.names.update(java_thread_names(self.pid))
        groups = collections.Counter()
        for tid, cpu in after.items():
            groups[group_of(self.names.get(tid, "?"))] += cpu - self.before.get(tid, 0.0)
        # threads that ended meanwhile are in the process total only
        groups["(ended threads)"] += max(0.0, total - sum(groups.values()))
        self.total, self.groups = total, groups
        return self

    def report(self, label, writes, top=14):
        lines = ["%s: %.1f us CPU per write" % (label, 1e6 * self.total / writes)]
        for g, cpu in self.groups.most_common(top):
            if cpu > 0:
                lines.append("    %6.1f us  %s" % (1e6 * cpu / writes, g))
        return "\n".join(lines)
