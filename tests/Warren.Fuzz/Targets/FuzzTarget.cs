namespace Warren.Fuzz.Targets;

/// <summary>Feeds one input to a parser. Any exception that escapes is a finding (AFL counts it as a crash).</summary>
internal delegate void FuzzInput(ReadOnlySpan<byte> data);

/// <summary>One fuzzing target: a name for the command line and the corpus folder, and the code that takes an input.</summary>
/// <param name="Name">The command-line name, also the folder under corpus/.</param>
/// <param name="Parser">What it feeds, for the README and the usage text.</param>
/// <param name="Run">Takes one input; throws only on a bug.</param>
internal sealed record FuzzTarget(string Name, string Parser, FuzzInput Run);
