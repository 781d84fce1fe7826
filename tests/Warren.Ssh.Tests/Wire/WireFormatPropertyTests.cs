using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Warren.Ssh.Wire;

namespace Warren.Ssh.Tests.Wire;

/// <summary>Round-trip properties of the RFC 4251 §5 encodings, over generated values.</summary>
public sealed class WireFormatPropertyTests
{
    [Property(MaxTest = 500)]
    public bool UInt32AndUInt64_WrittenThenRead_AreEqual(uint a, ulong b)
    {
        var buffer = new byte[12];
        var writer = new SshWriter(buffer);
        writer.WriteUInt32(a);
        writer.WriteUInt64(b);
        var reader = new SshReader(buffer);
        return reader.TryReadUInt32(out var ra) && reader.TryReadUInt64(out var rb) && ra == a && rb == b && reader.Remaining == 0;
    }

    [Property(MaxTest = 500)]
    public bool String_WrittenThenRead_IsEqual(byte[] value)
    {
        var buffer = new byte[4 + value.Length];
        var writer = new SshWriter(buffer);
        writer.WriteString(value);
        var reader = new SshReader(buffer);
        return reader.TryReadString(out var read) && read.SequenceEqual(value) && reader.Remaining == 0;
    }

    [Property(MaxTest = 500)]
    public bool String_AnyTruncation_FailsWithoutThrowing(byte[] value)
    {
        var encoded = SshEncoding.EncodeString(value);
        for (var length = 0; length < encoded.Length; length++)
        {
            var reader = new SshReader(encoded.AsSpan(0, length));
            if (reader.TryReadString(out _))
            {
                return false;
            }
        }

        return true;
    }

    [Property(MaxTest = 500)]
    public bool MPInt_NonNegativeInteger_RoundTripsInCanonicalForm(BigInteger value)
    {
        value = BigInteger.Abs(value) * 7919 * 104729;
        var magnitude = value.IsZero ? [] : value.ToByteArray(isUnsigned: true, isBigEndian: true);
        var encoded = SshEncoding.EncodeMPInt(magnitude);
        var reader = new SshReader(encoded);
        if (!reader.TryReadMPInt(out var read) || reader.Remaining != 0)
        {
            return false;
        }

        // RFC 4251 §5: no needless leading zero, and a zero byte only where the top bit is set.
        var canonical = value.IsZero ? [] : value.ToByteArray(isUnsigned: false, isBigEndian: true);
        return read.SequenceEqual(canonical) && new BigInteger(read, isUnsigned: true, isBigEndian: true) == value;
    }

    [Property(MaxTest = 300)]
    public Property NameList_OfValidNames_RoundTrips()
    {
        var name = Gen.Elements("abcdefghijklmnopqrstuvwxyz0123456789-@.".ToCharArray())
            .ArrayOf()
            .Where(chars => chars.Length is > 0 and <= NameList.MaxNameLength)
            .Select(chars => new string(chars));
        return Prop.ForAll(name.ArrayOf().ToArbitrary(), names =>
        {
            var list = new NameList(names);
            var buffer = new byte[4 + list.ToString().Length];
            var writer = new SshWriter(buffer);
            writer.WriteNameList(list);
            var reader = new SshReader(buffer);
            return reader.TryReadNameList(out var read) && read.Names.SequenceEqual(names);
        });
    }

    [Property(MaxTest = 500)]
    public bool NameList_ArbitraryBytes_NeverThrows(byte[] raw)
    {
        var parsed = NameList.TryParse(raw, out var list);
        return list.Names is not null && (parsed || list.Names.Count == 0);
    }

    [Fact]
    public void NameList_EmptyNameOrControlCharacter_IsRejected()
    {
        Assert.False(NameList.TryParse("a,,b"u8, out _));
        Assert.False(NameList.TryParse("a,"u8, out _));
        Assert.False(NameList.TryParse("a b"u8, out _));
        Assert.False(NameList.TryParse("a\u0001"u8, out _));
    }
}
