using SharpFuzz;
using Warren.Fuzz.Targets;

namespace Warren.Fuzz;

/// <summary>
/// <c>Warren.Fuzz TARGET</c> runs under afl-fuzz (input on stdin, persistent mode);
/// <c>Warren.Fuzz TARGET FILE...</c> runs the files once each, outside AFL, and prints the first
/// exception (to reproduce a crash). Exit codes: 0 done, 1 an input threw, 2 bad usage.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        var target = args.Length > 0 ? FuzzTargets.Find(args[0]) : null;
        if (target is null)
        {
            Console.Error.WriteLine("usage: Warren.Fuzz TARGET [FILE...]  (under afl-fuzz without FILE; input on stdin)");
            Console.Error.WriteLine("targets:");
            foreach (var t in FuzzTargets.All)
            {
                Console.Error.WriteLine($"  {t.Name,-16} {t.Parser}");
            }

            return 2;
        }

        if (args.Length > 1)
        {
            return Replay(target, args[1..]);
        }

        Fuzzer.Run(stream =>
        {
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            target.Run(copy.GetBuffer().AsSpan(0, (int)copy.Length));
        });
        return 0;
    }

    private static int Replay(FuzzTarget target, string[] files)
    {
        foreach (var file in files)
        {
            try
            {
                target.Run(File.ReadAllBytes(file));
            }
#pragma warning disable CA1031 // Any exception from a parser is the finding being reproduced: print it whole.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Console.Error.WriteLine($"{file}: {ex}");
                return 1;
            }
        }

        Console.WriteLine($"{files.Length} input(s) ran without an exception");
        return 0;
    }
}
