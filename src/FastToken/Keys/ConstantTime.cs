using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Security.Cryptography;

namespace FastToken.Keys;

/// <summary>Compares a computed MAC with the one a token carries, in time that depends on the length alone.</summary>
/// <remarks>
/// <see cref="CryptographicOperations.FixedTimeEquals"/> is compiled without optimization so
/// that no compiler can make it stop early; on the machines measured it costs about 6 ns per
/// byte, 190 ns for an HS256 MAC, a fifth of the HMAC itself. For lengths made of whole
/// 16-byte blocks (every HMAC size JWS uses) the comparison here XORs each block pair and ORs
/// the differences together in vector registers: there is no branch on the data until the
/// one verdict at the end, and the instructions executed depend on the length only. That
/// rests on what the JIT emits for this loop (no compiler turns an OR of differences into an
/// early exit today), not on a contract, which is why it is kept this small. Other lengths,
/// and machines without 128-bit vectors (whose software fallback stops at the first
/// difference), go to the platform's comparison.
/// </remarks>
internal static class ConstantTime
{
    /// <summary>Whether the two spans hold the same bytes; never stops at the first difference.</summary>
    public static bool AreEqual(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        int length = left.Length;
        if (length != right.Length)
        {
            return false;
        }

        if (!Vector128.IsHardwareAccelerated || length == 0 || length % Vector128<byte>.Count != 0)
        {
            return CryptographicOperations.FixedTimeEquals(left, right);
        }

        ref byte leftStart = ref MemoryMarshal.GetReference(left);
        ref byte rightStart = ref MemoryMarshal.GetReference(right);
        Vector128<byte> differences = Vector128<byte>.Zero;
        for (int offset = 0; offset < length; offset += Vector128<byte>.Count)
        {
            differences |= Vector128.LoadUnsafe(ref leftStart, (nuint)offset) ^
                Vector128.LoadUnsafe(ref rightStart, (nuint)offset);
        }

        return differences == Vector128<byte>.Zero;
    }
}
