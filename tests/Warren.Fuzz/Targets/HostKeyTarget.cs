using System.Text;
using Warren.Ssh.Keys;

namespace Warren.Fuzz.Targets;

/// <summary>
/// A private host key file (openssh-key-v1 or PEM). The operator's own file, not network input,
/// so its reader may refuse with its two documented exceptions, each with a message that says
/// how to fix the file: <see cref="InvalidDataException"/> (damaged) and
/// <see cref="NotSupportedException"/> (valid but not served). Any other exception is a bug.
/// </summary>
internal static class HostKeyTarget
{
    public static void Run(ReadOnlySpan<byte> data)
    {
        try
        {
            var key = KeyFile.Parse(Encoding.UTF8.GetString(data), "fuzz-input");
            (key as IDisposable)?.Dispose();
        }
        catch (InvalidDataException)
        {
        }
        catch (NotSupportedException)
        {
        }
    }
}
