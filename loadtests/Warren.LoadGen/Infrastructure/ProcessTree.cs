using System.Globalization;

namespace Warren.LoadGen.Infrastructure;

/// <summary>
/// CPU time and memory of a process and its descendants, from /proc. sshd does the work of
/// a session in children it forks per connection, so a server's CPU is its whole tree's, not the
/// listener's.
/// </summary>
internal static class ProcessTree
{
    private static readonly double TicksPerSecond = 100.0; // USER_HZ is 100 on every Linux ABI .NET runs on.

    /// <summary>User plus system seconds of <paramref name="rootPid"/>, every descendant alive now, and those they reaped.</summary>
    public static double TreeSeconds(int rootPid)
    {
        long total = 0;
        foreach (var (_, cpu) in Tree(rootPid))
        {
            total += cpu;
        }

        return total / TicksPerSecond;
    }

    /// <summary>
    /// Proportional set size (PSS) of the process tree in bytes: each shared page split among the
    /// processes that map it, so sshd's hundreds of forked children are not counted many times over.
    /// </summary>
    public static long TreeProportionalBytes(int rootPid)
    {
        long total = 0;
        foreach (var (pid, _) in Tree(rootPid))
        {
            try
            {
                foreach (var line in File.ReadLines($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/smaps_rollup"))
                {
                    if (line.StartsWith("Pss:", StringComparison.Ordinal))
                    {
                        total += 1024 * long.Parse(line.AsSpan(4).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture);
                        break;
                    }
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The process ended while being read.
            }
        }

        return total;
    }

    /// <summary>Every process of the tree, living now, with its CPU ticks (its own and its reaped children's).</summary>
    private static List<(int Pid, long CpuTicks)> Tree(int rootPid)
    {
        var parents = new Dictionary<int, int>();
        var ticks = new Dictionary<int, long>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            if (TryReadStat(pid, out var parent, out var cpu))
            {
                parents[pid] = parent;
                ticks[pid] = cpu;
            }
        }

        var tree = new List<(int Pid, long CpuTicks)>();
        foreach (var (pid, cpu) in ticks)
        {
            if (IsDescendant(pid, rootPid, parents))
            {
                tree.Add((pid, cpu));
            }
        }

        return tree;
    }

    private static bool IsDescendant(int pid, int root, Dictionary<int, int> parents)
    {
        for (var current = pid; current > 1; current = parents.GetValueOrDefault(current))
        {
            if (current == root)
            {
                return true;
            }
        }

        return false;
    }

    private static bool TryReadStat(int pid, out int parent, out long cpuTicks)
    {
        parent = 0;
        cpuTicks = 0;
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }

        // The command name is in parentheses and may hold spaces: fields are counted after the last ')'.
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        // After the name: state(3) ppid(4) ... utime(14) stime(15) cutime(16) cstime(17), numbered
        // from 1 with pid and comm first. cutime/cstime hold children already reaped: sshd's
        // per-connection processes that ended during the measurement are counted there.
        parent = int.Parse(fields[1], CultureInfo.InvariantCulture);
        cpuTicks = 0;
        for (var field = 11; field <= 14; field++)
        {
            cpuTicks += long.Parse(fields[field], CultureInfo.InvariantCulture);
        }
        return true;
    }
}
