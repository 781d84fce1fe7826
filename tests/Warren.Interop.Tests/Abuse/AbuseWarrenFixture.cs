using System.Globalization;
using Warren.Interop.Tests.Forwarding;
using Warren.Interop.Tests.Infrastructure;

namespace Warren.Interop.Tests.Abuse;

/// <summary>
/// `warren serve --anonymous` (any key logs in, as its own account) for the abuse tests, which
/// break the protocol on purpose from 127.0.0.1: per-source penalties are off, or the relay
/// would rightly refuse the next test's connection. Two local services may be reached through
/// --permit-open (an echo, and one that writes without end); the limits are small to reach them
/// quickly, and a send stuck for two seconds ends the session.
/// </summary>
public sealed class AbuseWarrenFixture : WarrenFixture
{
    public const int Channels = 4;

    public const int Forwards = 3;

    private readonly TcpEchoServer _echo;
    private readonly EndlessTcpService _endless;

    public AbuseWarrenFixture()
        : this(new TcpEchoServer(), new EndlessTcpService())
    {
    }

    private AbuseWarrenFixture(TcpEchoServer echo, EndlessTcpService endless)
        : base(
            "--anonymous",
            "--per-source-penalties", "no",
            "--permit-open", "127.0.0.1:" + echo.Port.ToString(CultureInfo.InvariantCulture),
            "--permit-open", "127.0.0.1:" + endless.Port.ToString(CultureInfo.InvariantCulture),
            "--max-channels-per-session", Channels.ToString(CultureInfo.InvariantCulture),
            "--max-forwards-per-session", Forwards.ToString(CultureInfo.InvariantCulture),
            "--send-timeout", "2")
    {
        _echo = echo;
        _endless = endless;
    }

    /// <summary>Port of the echo service on 127.0.0.1.</summary>
    public int EchoPort => _echo.Port;

    /// <summary>Port of the service that writes without end on 127.0.0.1.</summary>
    public int EndlessPort => _endless.Port;

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _echo.Dispose();
            _endless.Dispose();
        }
    }
}
