namespace Warren.LoadGen.Results;

/// <summary>
/// What one scenario run produced: the Markdown report, the figures (serialized into the results
/// file as they are), the failures, and whether the run failed (exit code 1).
/// </summary>
internal sealed record ScenarioOutcome(string Scenario, string Report, object Figures, IReadOnlyList<string> Failures, bool Failed);
