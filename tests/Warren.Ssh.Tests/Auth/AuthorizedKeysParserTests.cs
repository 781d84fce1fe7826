using Warren.Ssh.Auth;
using Warren.Ssh.Keys;

namespace Warren.Ssh.Tests.Auth;

public sealed class AuthorizedKeysParserTests
{
    private static readonly TimeZoneInfo PlusTwo = TimeZoneInfo.CreateCustomTimeZone("warren-test+2", TimeSpan.FromHours(2), "test+2", "test+2");

    [Theory]
    [InlineData("ed25519")]
    [InlineData("ecdsa256")]
    [InlineData("ecdsa384")]
    [InlineData("ecdsa521")]
    [InlineData("rsa")]
    public void Parse_RealSshKeygenKey_BecomesEntry(string name)
    {
        var (entries, reports) = Parse(TestKeys.Line(name));

        Assert.Empty(reports);
        var entry = Assert.Single(entries);
        Assert.Equal(TestKeys.Type(name), entry.KeyType);
        Assert.Equal(TestKeys.Blob(name), entry.PublicKeyBlob);
        Assert.False(entry.CertAuthority);
        Assert.Null(entry.FromPatterns);
        Assert.Null(entry.ExpiryTime);
        Assert.True(entry.Permissions.PortForwarding);
        Assert.Null(entry.Permissions.PermitOpen);
        Assert.Equal("keys:1", entry.Source);
        Assert.Equal("keys:1", entry.Permissions.Source);
    }

    [Fact]
    public void Parse_SecurityKeyBlobs_BecomeEntries()
    {
        var text = $"sk-ssh-ed25519@openssh.com {Convert.ToBase64String(TestKeys.SkEd25519Blob())} a\n"
            + $"no-touch-required,verify-required sk-ecdsa-sha2-nistp256@openssh.com {Convert.ToBase64String(TestKeys.SkEcdsaBlob())}";

        var (entries, reports) = Parse(text);

        Assert.Empty(reports);
        Assert.Equal(2, entries.Count);
        Assert.False(entries[0].NoTouchRequired);
        Assert.False(entries[0].VerifyRequired);
        Assert.True(entries[1].NoTouchRequired);
        Assert.True(entries[1].VerifyRequired);
    }

    [Fact]
    public void Parse_BlankAndCommentLines_SkippedSilently()
    {
        var text = "\n   \n# a comment\n\t# indented comment\r\n" + TestKeys.Line("ed25519") + "\r\n\r\n";

        var (entries, reports) = Parse(text);

        Assert.Empty(reports);
        Assert.Equal("keys:5", Assert.Single(entries).Source);
    }

    [Fact]
    public void Parse_LeadingWhitespaceAndNoComment_Accepted()
    {
        var (entries, reports) = Parse("  \t" + TestKeys.Type("ed25519") + "\t " + TestKeys.Base64("ed25519"));

        Assert.Empty(reports);
        Assert.Single(entries);
    }

    [Fact]
    public void Parse_Restrict_DisablesPortForwarding()
    {
        var entry = ParseOne("restrict " + TestKeys.Line("ed25519"));

        Assert.False(entry.Permissions.PortForwarding);
    }

    [Fact]
    public void Parse_RestrictThenPortForwarding_ReenablesPortForwarding()
    {
        var entry = ParseOne("restrict,port-forwarding " + TestKeys.Line("ed25519"));

        Assert.True(entry.Permissions.PortForwarding);
    }

    [Fact]
    public void Parse_NoPortForwarding_DisablesPortForwarding()
    {
        var entry = ParseOne("no-port-forwarding " + TestKeys.Line("ed25519"));

        Assert.False(entry.Permissions.PortForwarding);
    }

    [Fact]
    public void Parse_PortForwardingThenNoPortForwarding_LastWins()
    {
        var entry = ParseOne("port-forwarding,no-port-forwarding " + TestKeys.Line("ed25519"));

        Assert.False(entry.Permissions.PortForwarding);
    }

    [Fact]
    public void Parse_KeywordsInAnyCase_Recognized()
    {
        var entry = ParseOne("RESTRICT,Port-Forwarding,PermitOpen=\"db:5432\",PERMITLISTEN=\"8080\",No-Touch-Required,Verify-REQUIRED,From=\"10.*\" "
            + TestKeys.Line("ed25519"));

        Assert.True(entry.Permissions.PortForwarding);
        Assert.Equal(["db:5432"], entry.Permissions.PermitOpen!);
        Assert.Equal(["8080"], entry.Permissions.PermitListen!);
        Assert.True(entry.NoTouchRequired);
        Assert.True(entry.VerifyRequired);
        Assert.Equal(["10.*"], entry.FromPatterns!);
    }

    [Fact]
    public void Parse_PermitOpenRepeated_KeepsEveryValueLiterally()
    {
        var entry = ParseOne("permitopen=\"db.internal:5432\",permitopen=\"[2001:db8::1]:22\",permitopen=\"cache:*\" " + TestKeys.Line("ed25519"));

        Assert.Equal(["db.internal:5432", "[2001:db8::1]:22", "cache:*"], entry.Permissions.PermitOpen!);
        Assert.True(entry.Permissions.PortForwarding);
    }

    [Theory]
    [InlineData("host")]
    [InlineData("host:")]
    [InlineData(":22")]
    [InlineData("host:0")]
    [InlineData("host:65536")]
    [InlineData("host:22x")]
    [InlineData("[::1]22")]
    [InlineData("[::1:22")]
    [InlineData("2001:db8::1:22")]
    public void Parse_PermitOpenBadValue_LineMalformed(string value)
    {
        AssertMalformed($"permitopen=\"{value}\" " + TestKeys.Line("ed25519"), "permitopen");
    }

    [Theory]
    [InlineData("8080")]
    [InlineData("*")]
    [InlineData("localhost:8080")]
    [InlineData("*:*")]
    [InlineData("[::1]:443")]
    [InlineData("myapp")]
    [InlineData("my-app.v2")]
    [InlineData("1app")]
    public void Parse_PermitListenForms_Kept(string value)
    {
        var entry = ParseOne($"permitlisten=\"{value}\" " + TestKeys.Line("ed25519"));

        Assert.Equal([value], entry.Permissions.PermitListen!);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("70000")]
    [InlineData("-app")]
    [InlineData("my app")]
    [InlineData("app/x")]
    [InlineData("host:abc")]
    [InlineData("")]
    public void Parse_PermitListenBadValue_LineMalformed(string value)
    {
        AssertMalformed($"permitlisten=\"{value}\" " + TestKeys.Line("ed25519"), "permitlisten");
    }

    [Fact]
    public void Parse_From_KeepsEachPattern()
    {
        var entry = ParseOne("from=\"10.0.0.0/8,!10.1.2.3,192.168.*,2001:db8::/32\" " + TestKeys.Line("ed25519"));

        Assert.Equal(["10.0.0.0/8", "!10.1.2.3", "192.168.*", "2001:db8::/32"], entry.FromPatterns!);
    }

    [Theory]
    [InlineData("10.0.0.1/8")]
    [InlineData("10.0.0.0/33")]
    [InlineData("::/129")]
    [InlineData("10.0.0.0/")]
    [InlineData("10.0.0.0/-1")]
    [InlineData("host/24")]
    [InlineData("")]
    [InlineData("10.0.0.1,,10.0.0.2")]
    [InlineData("!")]
    public void Parse_FromBadPattern_LineMalformed(string value)
    {
        AssertMalformed($"from=\"{value}\" " + TestKeys.Line("ed25519"), "from=");
    }

    [Theory]
    [InlineData("20300102Z", "2030-01-02T00:00:00Z")]
    [InlineData("203001021230Z", "2030-01-02T12:30:00Z")]
    [InlineData("20300102123045z", "2030-01-02T12:30:45Z")]
    [InlineData("20300102", "2030-01-01T22:00:00Z")]
    [InlineData("203001021230", "2030-01-02T10:30:00Z")]
    public void Parse_ExpiryTime_LocalUnlessZ(string value, string expectedUtc)
    {
        var entry = ParseOne($"expiry-time=\"{value}\" " + TestKeys.Line("ed25519"), PlusTwo);

        Assert.Equal(DateTimeOffset.Parse(expectedUtc, System.Globalization.CultureInfo.InvariantCulture), entry.ExpiryTime);
    }

    [Fact]
    public void Parse_ExpiryTimeTwice_EarliestWins()
    {
        var entry = ParseOne("expiry-time=\"20310101Z\",expiry-time=\"20300101Z\",expiry-time=\"20320101Z\" " + TestKeys.Line("ed25519"));

        Assert.Equal(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero), entry.ExpiryTime);
    }

    [Theory]
    [InlineData("2030010")]
    [InlineData("20301301")]
    [InlineData("20300230")]
    [InlineData("20300102123")]
    [InlineData("2030-01-02")]
    [InlineData("20300102Q")]
    [InlineData("203001022460")]
    [InlineData("")]
    public void Parse_ExpiryTimeBad_LineMalformed(string value)
    {
        AssertMalformed($"expiry-time=\"{value}\" " + TestKeys.Line("ed25519"), "expiry-time");
    }

    [Fact]
    public void Parse_CertAuthorityWithPrincipals_KeepsPrincipalsApart()
    {
        var entry = ParseOne("cert-authority,principals=\"alice,ops team\" " + TestKeys.Line("ecdsa256"));

        Assert.True(entry.CertAuthority);
        Assert.Equal(["alice", "ops team"], entry.Principals!);
    }

    [Fact]
    public void Parse_PrincipalsBeforeCertAuthority_Accepted()
    {
        var entry = ParseOne("principals=\"deploy\",cert-authority " + TestKeys.Line("ed25519"));

        Assert.True(entry.CertAuthority);
        Assert.Equal(["deploy"], entry.Principals!);
    }

    [Theory]
    [InlineData("tunnel=\"any\"")]
    [InlineData("tunnel=\"0\"")]
    [InlineData("environment=\"A_1=x=y\"")]
    [InlineData("command=\"\"")]
    public void Parse_OptionValuesSshdAccepts_Accepted(string options)
    {
        ParseOne(options + " " + TestKeys.Line("ed25519"));
    }

    [Fact]
    public void Parse_PrincipalsWithoutCertAuthority_LineMalformed()
    {
        AssertMalformed("principals=\"alice\" " + TestKeys.Line("ed25519"), "cert-authority");
    }

    [Fact]
    public void Parse_PrincipalsWithEmptyName_LineMalformed()
    {
        AssertMalformed("cert-authority,principals=\"alice,\" " + TestKeys.Line("ed25519"), "principals");
    }

    [Fact]
    public void Parse_CommandWithEscapedQuotesCommasAndSpaces_BecomesForceCommand()
    {
        var entry = ParseOne("command=\"echo \\\"a, b\\\" done\",no-pty " + TestKeys.Line("ed25519"));

        Assert.Equal("echo \"a, b\" done", entry.Permissions.ForceCommand);
    }

    [Fact]
    public void Parse_BackslashNotBeforeQuote_KeptLiterally()
    {
        var entry = ParseOne("command=\"a\\b\\\\c\" " + TestKeys.Line("ed25519"));

        Assert.Equal("a\\b\\\\c", entry.Permissions.ForceCommand);
    }

    [Fact]
    public void Parse_BackslashBeforeClosingQuote_EscapesItLikeSshd()
    {
        // opt_dequote: in a\\" the second backslash escapes the quote, so the value never closes.
        AssertMalformed("command=\"a\\\\\" " + TestKeys.Line("ed25519"), "quote");
    }

    [Fact]
    public void Parse_OptionsWithoutRelayMeaning_AcceptedWithoutEffect()
    {
        var entry = ParseOne("environment=\"LANG=C\",no-pty,pty,no-agent-forwarding,agent-forwarding,no-X11-forwarding,X11-forwarding,"
            + "no-user-rc,user-rc,tunnel=\"1\",touch-required,no-verify-required " + TestKeys.Line("ed25519"));

        Assert.True(entry.Permissions.PortForwarding);
        Assert.Null(entry.Permissions.ForceCommand);
        Assert.False(entry.NoTouchRequired);
        Assert.False(entry.VerifyRequired);
    }

    [Theory]
    [InlineData("frobnicate", "unknown option")]
    [InlineData("no-frobnicate", "unknown option")]
    [InlineData("permit-open=\"a:1\"", "unknown option")]
    [InlineData("permitopen", "needs a value")]
    [InlineData("permitopen=a:1", "double quotes")]
    [InlineData("restrict=\"yes\"", "takes no value")]
    [InlineData("command=\"a\",command=\"b\"", "more than once")]
    [InlineData("from=\"*\",from=\"*\"", "more than once")]
    [InlineData("environment=\"=x\"", "environment")]
    [InlineData("tunnel=\"x\"", "tunnel")]
    [InlineData("restrict,", "comma")]
    [InlineData(",restrict", "empty option")]
    [InlineData("restrict,,no-pty", "empty option")]
    [InlineData("command=\"a\"x", "unexpected character")]
    public void Parse_BadOptions_LineMalformed(string options, string expected)
    {
        AssertMalformed(options + " " + TestKeys.Line("ed25519"), expected);
    }

    [Fact]
    public void Parse_UnterminatedQuote_LineMalformed()
    {
        AssertMalformed("command=\"abc " + TestKeys.Line("ed25519"), "quote");
    }

    [Fact]
    public void Parse_KeyTypeDiffersFromBlob_LineMalformed()
    {
        AssertMalformed("ssh-rsa " + TestKeys.Base64("ed25519"), "does not match");
        AssertMalformed("ecdsa-sha2-nistp256 " + TestKeys.Base64("ecdsa384"), "does not match");
        AssertMalformed("restrict ssh-ed25519 " + TestKeys.Base64("ecdsa521"), "does not match");
    }

    [Fact]
    public void Parse_BadBase64_LineMalformed()
    {
        AssertMalformed("ssh-ed25519 AAAA!!!!", "base64");
        AssertMalformed("ssh-ed25519 " + TestKeys.Base64("ed25519")[..^3], "base64");
    }

    [Theory]
    [InlineData("ed25519")]
    [InlineData("ecdsa256")]
    [InlineData("rsa")]
    public void Parse_TruncatedBlob_LineMalformed(string name)
    {
        var blob = TestKeys.Blob(name);

        AssertMalformed(TestKeys.Type(name) + " " + Convert.ToBase64String(blob[..^5]), "blob");
        AssertMalformed(TestKeys.Type(name) + " " + Convert.ToBase64String(blob[..10]), "blob");
    }

    [Fact]
    public void Parse_BlobWithTrailingBytes_LineMalformed()
    {
        AssertMalformed("ssh-ed25519 " + Convert.ToBase64String([.. TestKeys.Blob("ed25519"), 0]), "trailing");
    }

    [Fact]
    public void Parse_EcdsaBlobNamingOtherCurve_LineMalformed()
    {
        var builder = new SshBlobBuilder();
        builder.WriteString("ecdsa-sha2-nistp256");
        builder.WriteString("nistp384");
        builder.WriteString(new byte[97]);

        AssertMalformed("ecdsa-sha2-nistp256 " + Convert.ToBase64String(builder.ToArray()), "curve");
    }

    [Fact]
    public void Parse_RsaKeyBelow2048Bits_LineMalformed()
    {
        var modulus = new byte[128];
        modulus[0] = 0xC1;
        modulus[^1] = 1;
        var builder = new SshBlobBuilder();
        builder.WriteString("ssh-rsa");
        builder.WriteMPInt([1, 0, 1]);
        builder.WriteMPInt(modulus);

        AssertMalformed("ssh-rsa " + Convert.ToBase64String(builder.ToArray()), "1024-bit");
    }

    [Theory]
    [InlineData("ssh-dss AAAAB3NzaC1kc3MAAACBAP== x", "unsupported key type")]
    [InlineData("ssh-ed25519-cert-v01@openssh.com AAAA x", "certificate")]
    [InlineData("ssh-ed25519", "no key blob")]
    [InlineData("restrict", "no key")]
    [InlineData("restrict   ", "no key")]
    [InlineData("restrict ssh-foo AAAA", "unsupported key type")]
    public void Parse_IncompleteOrUnsupportedLines_LineMalformed(string line, string expected)
    {
        AssertMalformed(line, expected);
    }

    [Fact]
    public void Parse_OverlongLine_LineMalformed()
    {
        var line = TestKeys.Line("ed25519") + " " + new string('x', AuthorizedKeysParser.MaxLineBytes);

        AssertMalformed(line, "longer than");
    }

    [Fact]
    public void Parse_LineOfExactly8KiB_Accepted()
    {
        var line = TestKeys.Line("ed25519") + " ";
        line += new string('x', AuthorizedKeysParser.MaxLineBytes - line.Length);

        Assert.Equal(AuthorizedKeysParser.MaxLineBytes, line.Length);
        ParseOne(line);
    }

    [Theory]
    [InlineData("\"")]
    [InlineData("a\"b")]
    [InlineData(",")]
    [InlineData("=")]
    [InlineData("=\"")]
    [InlineData("\0\0\0")]
    [InlineData("\\")]
    [InlineData("AAAAC3NzaC1lZDI1NTE5AAAAI")]
    [InlineData("command=\"\\\" ssh-ed25519")]
    [InlineData("\u00e9\u00e8 \U0001F600")]
    public void Parse_GarbageLine_ReportedNotThrown(string line)
    {
        var (entries, reports) = Parse(line);

        Assert.Empty(entries);
        Assert.StartsWith("keys:1: ", Assert.Single(reports), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_RandomBytes_NeverThrowsNorAccepts()
    {
        var random = new Random(20261125);
        var good = TestKeys.Line("ed25519");
        for (var i = 0; i < 3000; i++)
        {
            var chars = good.ToCharArray();
            var flips = random.Next(1, 4);
            for (var f = 0; f < flips; f++)
            {
                chars[random.Next(chars.Length)] = (char)random.Next(0, 128);
            }

            var mutated = new string(chars);
            var (entries, _) = Parse(mutated);

            // A mutation may land in the comment; an accepted line must still carry a valid key.
            foreach (var entry in entries)
            {
                Assert.True(KeyBlobShape.TryCheck(entry.PublicKeyBlob, out var type, out _));
                Assert.Equal(entry.KeyType, type);
            }
        }
    }

    [Fact]
    public void Parse_FileMixingGoodAndBadLines_KeepsGoodReportsBadWithFileAndLine()
    {
        var text = string.Join('\n',
            "# team keys",
            TestKeys.Line("ed25519"),
            "frobnicate " + TestKeys.Line("ed25519b"),
            "restrict,permitopen=\"db:5432\" " + TestKeys.Line("ecdsa256"),
            "ssh-rsa " + TestKeys.Base64("ed25519b"),
            "this is not a key",
            TestKeys.Line("rsa"));

        var (entries, reports) = Parse(text, source: "/etc/warren/keys");

        Assert.Equal(["/etc/warren/keys:2", "/etc/warren/keys:4", "/etc/warren/keys:7"], entries.Select(e => e.Source));
        Assert.Equal(3, reports.Count);
        Assert.StartsWith("/etc/warren/keys:3: unknown option", reports[0], StringComparison.Ordinal);
        Assert.StartsWith("/etc/warren/keys:5: ", reports[1], StringComparison.Ordinal);
        Assert.StartsWith("/etc/warren/keys:6: ", reports[2], StringComparison.Ordinal);
        Assert.False(entries[1].Permissions.PortForwarding);
    }

    [Fact]
    public void Parse_NullCallback_StillSkipsBadLines()
    {
        var entries = AuthorizedKeysParser.Parse("junk\n" + TestKeys.Line("ed25519"), "keys", null, TimeZoneInfo.Utc);

        Assert.Single(entries);
    }

    private static (IReadOnlyList<AuthorizedKeyEntry> Entries, List<string> Reports) Parse(string text, TimeZoneInfo? zone = null, string source = "keys")
    {
        var reports = new List<string>();
        var entries = AuthorizedKeysParser.Parse(text, source, reports.Add, zone ?? TimeZoneInfo.Utc);
        return (entries, reports);
    }

    private static AuthorizedKeyEntry ParseOne(string line, TimeZoneInfo? zone = null)
    {
        var (entries, reports) = Parse(line, zone);
        Assert.Empty(reports);
        return Assert.Single(entries);
    }

    private static void AssertMalformed(string line, string expected)
    {
        var (entries, reports) = Parse(line);
        Assert.Empty(entries);
        var report = Assert.Single(reports);
        Assert.StartsWith("keys:1: ", report, StringComparison.Ordinal);
        Assert.Contains(expected, report, StringComparison.OrdinalIgnoreCase);
    }
}
