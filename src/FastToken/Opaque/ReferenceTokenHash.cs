using System.Buffers;
using System.Buffers.Binary;
using System.Buffers.Text;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;

namespace FastToken.Opaque;

/// <summary>
/// The SHA-256 of a reference token: what a store keeps in place of the token itself, so that
/// a leaked store (or a memory dump, or a log line) yields nothing a client could present.
/// </summary>
/// <remarks>
/// Equality compares all 32 bytes in fixed time
/// (<see cref="CryptographicOperations.FixedTimeEquals"/>), so a lookup's timing does not
/// tell how much of a presented token's hash matched a stored one.
/// </remarks>
public readonly struct ReferenceTokenHash : IEquatable<ReferenceTokenHash>
{
    /// <summary>The size of the hash in bytes.</summary>
    public const int Size = SHA256.HashSizeInBytes;

    // Tokens up to this length are transcoded on the stack, longer ones in a pooled buffer.
    private const int StackTokenLimit = 256;

    private readonly HashBytes _bytes;

    private ReferenceTokenHash(ReadOnlySpan<byte> hash)
    {
        hash.CopyTo(_bytes);
    }

    /// <summary>Hashes a token given as bytes.</summary>
    /// <param name="token">The token.</param>
    /// <returns>Its hash.</returns>
    public static ReferenceTokenHash Compute(ReadOnlySpan<byte> token)
    {
        Span<byte> hash = stackalloc byte[Size];
        SHA256.HashData(token, hash);
        return new ReferenceTokenHash(hash);
    }

    /// <summary>Hashes a token given as characters; the hash is that of its ASCII bytes.</summary>
    /// <param name="token">The token; it must be ASCII, as every RFC 6750 token is.</param>
    /// <returns>Its hash.</returns>
    /// <exception cref="ArgumentException">The token has a character outside ASCII.</exception>
    public static ReferenceTokenHash Compute(ReadOnlySpan<char> token)
    {
        if (!TryCompute(token, out ReferenceTokenHash hash))
        {
            throw new ArgumentException("A reference token is ASCII.", nameof(token));
        }

        return hash;
    }

    /// <summary>Wraps a hash computed elsewhere, e.g. one read back from a log, to revoke by it.</summary>
    /// <param name="hash">Exactly <see cref="Size"/> bytes.</param>
    /// <returns>The hash.</returns>
    /// <exception cref="ArgumentException">The length is not <see cref="Size"/>.</exception>
    public static ReferenceTokenHash FromBytes(ReadOnlySpan<byte> hash)
    {
        if (hash.Length != Size)
        {
            throw new ArgumentException($"A reference token hash is {Size} bytes.", nameof(hash));
        }

        return new ReferenceTokenHash(hash);
    }

    /// <summary>Hashes an ASCII token without allocating.</summary>
    internal static bool TryCompute(ReadOnlySpan<char> token, out ReferenceTokenHash hash)
    {
        byte[]? rented = null;
        Span<byte> ascii = token.Length <= StackTokenLimit
            ? stackalloc byte[StackTokenLimit]
            : (rented = ArrayPool<byte>.Shared.Rent(token.Length));
        try
        {
            if (Ascii.FromUtf16(token, ascii, out int written) != OperationStatus.Done)
            {
                hash = default;
                return false;
            }

            hash = Compute(ascii[..written]);
            return true;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Copies the hash out.</summary>
    /// <param name="destination">At least <see cref="Size"/> bytes.</param>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too short.</exception>
    public void CopyTo(Span<byte> destination) => ((ReadOnlySpan<byte>)_bytes).CopyTo(destination);

    /// <summary>Compares all 32 bytes in fixed time.</summary>
    /// <param name="other">The other hash.</param>
    /// <returns>Whether the hashes are equal.</returns>
    public bool Equals(ReferenceTokenHash other) =>
        CryptographicOperations.FixedTimeEquals(_bytes, other._bytes);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ReferenceTokenHash other && Equals(other);

    /// <summary>The first four bytes: a SHA-256 output is already uniformly spread.</summary>
    /// <returns>The hash code.</returns>
    public override int GetHashCode() => BinaryPrimitives.ReadInt32LittleEndian(_bytes);

    /// <summary>The hash in base64url (43 characters): safe to log, useless to present.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Base64Url.EncodeToString(_bytes);

    /// <summary>Whether two hashes are equal, compared in fixed time.</summary>
    /// <param name="left">One hash.</param>
    /// <param name="right">The other.</param>
    /// <returns>Whether they are equal.</returns>
    public static bool operator ==(ReferenceTokenHash left, ReferenceTokenHash right) => left.Equals(right);

    /// <summary>Whether two hashes differ, compared in fixed time.</summary>
    /// <param name="left">One hash.</param>
    /// <param name="right">The other.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(ReferenceTokenHash left, ReferenceTokenHash right) => !left.Equals(right);

    [InlineArray(Size)]
    private struct HashBytes
    {
        private byte _element;
    }
}
