using System.Diagnostics.CodeAnalysis;
using System.Net;
using Warren.Ssh.Wire;

namespace Warren.Ssh.Auth;

/// <summary>
/// A certificate's critical options and extensions, interpreted as sshd's auth-options.c
/// <c>cert_option_list</c> does: an unknown critical option, a duplicate, or data where none
/// belongs ("corrupt (extra data)") refuses the certificate; unknown extensions are ignored.
/// </summary>
internal sealed class CertificateOptions
{
    private CertificateOptions()
    {
    }

    /// <summary>The <c>force-command</c> critical option; null when absent.</summary>
    public string? ForceCommand { get; private init; }

    /// <summary>The parsed <c>source-address</c> critical option; null when absent.</summary>
    public IReadOnlyList<(IPAddress Network, int PrefixLength)>? SourceAddresses { get; private init; }

    /// <summary>The <c>verify-required</c> critical option: sk-* signatures need the UV flag.</summary>
    public bool VerifyRequired { get; private init; }

    /// <summary>The <c>permit-port-forwarding</c> extension; without it no forwarding at all.</summary>
    public bool PermitPortForwarding { get; private init; }

    /// <summary>The <c>no-touch-required</c> extension.</summary>
    public bool NoTouchRequired { get; private init; }

    /// <summary>Interprets the options; on refusal <paramref name="reason"/> says why, for the log.</summary>
    public static bool TryRead(OpenSshCertificate certificate, out CertificateOptions options, out string reason)
    {
        options = new CertificateOptions();
        string? forceCommand = null;
        List<(IPAddress Network, int PrefixLength)>? sources = null;
        var verifyRequired = false;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, data) in certificate.CriticalOptions)
        {
            if (!seen.Add(name))
            {
                reason = $"duplicate critical option {Printable.Of(name)}";
                return false;
            }

            switch (name)
            {
                case "force-command":
                    if (!TryReadSingleString(data, out forceCommand))
                    {
                        reason = "critical option force-command corrupt";
                        return false;
                    }

                    break;
                case "source-address":
                    if (!TryReadSingleString(data, out var list) || !AddressPatterns.TryParseCidrList(list, out sources))
                    {
                        reason = $"critical option source-address invalid: {Printable.Of(list ?? string.Empty)}";
                        return false;
                    }

                    break;
                case "verify-required":
                    if (data.Length != 0)
                    {
                        reason = "critical option verify-required corrupt (extra data)";
                        return false;
                    }

                    verifyRequired = true;
                    break;
                default:
                    reason = $"unknown critical option {Printable.Of(name)}";
                    return false;
            }
        }

        var permitPortForwarding = false;
        var noTouchRequired = false;
        seen.Clear();
        foreach (var (name, data) in certificate.Extensions)
        {
            if (!seen.Add(name))
            {
                reason = $"duplicate extension {Printable.Of(name)}";
                return false;
            }

            var known = name is "permit-X11-forwarding" or "permit-agent-forwarding" or "permit-port-forwarding"
                or "permit-pty" or "permit-user-rc" or "no-touch-required";
            if (known && data.Length != 0)
            {
                reason = $"extension {name} corrupt (extra data)";
                return false;
            }

            permitPortForwarding |= name == "permit-port-forwarding";
            noTouchRequired |= name == "no-touch-required";
        }

        options = new CertificateOptions
        {
            ForceCommand = forceCommand,
            SourceAddresses = sources,
            VerifyRequired = verifyRequired,
            PermitPortForwarding = permitPortForwarding,
            NoTouchRequired = noTouchRequired,
        };
        reason = string.Empty;
        return true;
    }

    /// <summary>Option data that is exactly one UTF-8 <c>string</c> with nothing after it.</summary>
    private static bool TryReadSingleString(byte[] data, [NotNullWhen(true)] out string? value)
    {
        var reader = new SshReader(data);
        if (reader.TryReadUtf8(out var text) && reader.Remaining == 0 && !text.Contains('\0', StringComparison.Ordinal))
        {
            value = text;
            return true;
        }

        value = null;
        return false;
    }
}
