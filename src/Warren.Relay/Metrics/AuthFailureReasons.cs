namespace Warren.Relay.Metrics;

/// <summary>
/// Reduces the audit log's failure text (which names files, lines and keys) to the fixed
/// <c>reason</c> label set of <c>warren_auth_failures_total</c>. The texts come from Warren.Ssh's
/// authentication policies; anything not recognised is <c>other</c>, never a new label value.
/// </summary>
internal static class AuthFailureReasons
{
    public static string Classify(string reason)
    {
        if (Has(reason, "revoked"))
        {
            return "revoked";
        }

        if (Has(reason, "certificate"))
        {
            return "certificate";
        }

        if (Has(reason, "user presence"))
        {
            return "user_presence";
        }

        if (Has(reason, "signature"))
        {
            return "bad_signature";
        }

        if (Has(reason, "not enabled") || Has(reason, "not accepted") || Has(reason, "unsupported algorithm") || Has(reason, "does not fit"))
        {
            return "method_not_allowed";
        }

        if (Has(reason, "password"))
        {
            return "wrong_password";
        }

        if (Has(reason, "authorized_keys") || Has(reason, "no matching key") || Has(reason, "expired") || Has(reason, "from="))
        {
            return "not_authorized";
        }

        return "other";
    }

    private static bool Has(string text, string part) => text.Contains(part, StringComparison.OrdinalIgnoreCase);
}
