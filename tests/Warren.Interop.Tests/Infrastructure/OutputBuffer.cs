using System.Text;

namespace Warren.Interop.Tests.Infrastructure;

/// <summary>Lines a child process wrote, collected from its reader threads; safe to read at any time.</summary>
internal sealed class OutputBuffer
{
    private readonly Lock _gate = new();
    private readonly StringBuilder _text = new();

    public void AppendLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            _text.Append(line).Append('\n');
        }
    }

    public bool Contains(string text) => ToString().Contains(text, StringComparison.Ordinal);

    /// <summary>Waits until the output holds <paramref name="text"/>.</summary>
    public Task WaitForTextAsync(string text, TimeSpan timeout) =>
        WaitFor.ConditionAsync(() => Contains(text), timeout, $"output to contain '{text}'");

    public override string ToString()
    {
        lock (_gate)
        {
            return _text.ToString();
        }
    }
}
