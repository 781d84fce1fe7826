using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Warren.Ssh.Crypto.Ciphers;

/// <summary>Vectorised XOR of a keystream into data, for the modes whose keystream is ours.</summary>
internal static class SpanXor
{
    /// <summary>
    /// <c>output[i] = input[i] ^ keystream[i]</c> for every byte of <paramref name="input"/>;
    /// <paramref name="output"/> may be the same memory as <paramref name="input"/>.
    /// </summary>
    public static void Xor(ReadOnlySpan<byte> input, ReadOnlySpan<byte> keystream, Span<byte> output)
    {
        int length = input.Length;
        if (keystream.Length < length || output.Length < length)
        {
            throw new ArgumentException("The keystream or output is shorter than the input.");
        }

        ref byte source = ref MemoryMarshal.GetReference(input);
        ref byte key = ref MemoryMarshal.GetReference(keystream);
        ref byte destination = ref MemoryMarshal.GetReference(output);
        nuint count = (nuint)length;
        nuint i = 0;

        if (Vector256.IsHardwareAccelerated)
        {
            for (; i + (nuint)Vector256<byte>.Count <= count; i += (nuint)Vector256<byte>.Count)
            {
                Vector256<byte> x = Vector256.LoadUnsafe(ref source, i) ^ Vector256.LoadUnsafe(ref key, i);
                x.StoreUnsafe(ref destination, i);
            }
        }

        for (; i + (nuint)Vector128<byte>.Count <= count; i += (nuint)Vector128<byte>.Count)
        {
            Vector128<byte> x = Vector128.LoadUnsafe(ref source, i) ^ Vector128.LoadUnsafe(ref key, i);
            x.StoreUnsafe(ref destination, i);
        }

        for (; i < count; i++)
        {
            Unsafe.Add(ref destination, i) = (byte)(Unsafe.Add(ref source, i) ^ Unsafe.Add(ref key, i));
        }
    }
}
