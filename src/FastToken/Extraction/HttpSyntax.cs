using System.Buffers;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Text;

namespace FastToken;

/// <summary>
/// Character classes and small scanners shared by the extraction parsers.
/// </summary>
/// <remarks>
/// Every method is generic over the code unit: <see cref="char"/> for values that a hosting
/// layer hands over as strings, <see cref="byte"/> for raw header bytes. The JIT compiles one
/// copy per code unit and removes the <c>typeof(T)</c> branch that does not apply, so the
/// generic form costs nothing over two hand-written twins and cannot drift from them.
/// </remarks>
internal static class HttpSyntax
{
    // RFC 6750 §2.1: b64token = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="
    private const string B64TokenCharacters =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~+/";

    // RFC 7515 §7.1: JWS compact segments are base64url (RFC 4648 §5) joined by '.'.
    private const string CompactJwsCharacters =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.";

    // RFC 9110 §5.6.2: tchar, the characters of a token such as a cookie name.
    private const string TokenCharacters =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#$%&'*+-.^_`|~";

    private const string Digits = "0123456789";

    private static readonly SearchValues<char> s_b64TokenChars =
        SearchValues.Create(B64TokenCharacters);

    private static readonly SearchValues<byte> s_b64TokenBytes =
        SearchValues.Create(Encoding.ASCII.GetBytes(B64TokenCharacters));

    private static readonly SearchValues<char> s_compactJwsChars =
        SearchValues.Create(CompactJwsCharacters);

    private static readonly SearchValues<byte> s_compactJwsBytes =
        SearchValues.Create(Encoding.ASCII.GetBytes(CompactJwsCharacters));

    private static readonly SearchValues<char> s_tokenChars =
        SearchValues.Create(TokenCharacters);

    private static readonly SearchValues<char> s_digitChars = SearchValues.Create(Digits);

    private static readonly SearchValues<byte> s_digitBytes =
        SearchValues.Create(Encoding.ASCII.GetBytes(Digits));

    /// <summary>Returns <paramref name="c"/> as a code unit of type <typeparamref name="T"/>.</summary>
    public static T Unit<T>(char c)
        where T : unmanaged, IBinaryInteger<T>
        => T.CreateTruncating(c);

    /// <summary>
    /// Returns the literal in the code unit of <typeparamref name="T"/>: the UTF-16 form for
    /// <see cref="char"/>, the UTF-8 form for <see cref="byte"/>. Both must spell the same ASCII text.
    /// </summary>
    public static ReadOnlySpan<T> Literal<T>(string utf16, ReadOnlySpan<byte> utf8)
        where T : unmanaged, IBinaryInteger<T>
        => typeof(T) == typeof(char)
            ? MemoryMarshal.Cast<char, T>(utf16.AsSpan())
            : MemoryMarshal.Cast<byte, T>(utf8);

    /// <summary>
    /// Removes leading and trailing SP and HTAB, the optional whitespace (OWS) of RFC 9110 §5.6.3.
    /// </summary>
    public static ReadOnlySpan<T> TrimWhitespace<T>(ReadOnlySpan<T> value)
        where T : unmanaged, IBinaryInteger<T>
        => value.Trim(Literal<T>(" \t", " \t"u8));

    /// <summary>
    /// Whether <paramref name="c"/> is SP or HTAB, the characters of OWS (RFC 9110 §5.6.3).
    /// </summary>
    public static bool IsWhitespace<T>(T c)
        where T : unmanaged, IBinaryInteger<T>
        => c == Unit<T>(' ') || c == Unit<T>('\t');

    /// <summary>Compares two spans of ASCII text ignoring the case of ASCII letters only.</summary>
    public static bool EqualsIgnoreAsciiCase<T>(ReadOnlySpan<T> left, ReadOnlySpan<T> right)
        where T : unmanaged, IBinaryInteger<T>
        => typeof(T) == typeof(char)
            ? Ascii.EqualsIgnoreCase(
                MemoryMarshal.Cast<T, char>(left), MemoryMarshal.Cast<T, char>(right))
            : Ascii.EqualsIgnoreCase(
                MemoryMarshal.Cast<T, byte>(left), MemoryMarshal.Cast<T, byte>(right));

    /// <summary>
    /// Whether <paramref name="value"/> is an RFC 6750 b64token: one or more token characters
    /// followed by zero or more <c>=</c>. An empty value is not a b64token.
    /// </summary>
    public static bool IsB64Token<T>(ReadOnlySpan<T> value)
        where T : unmanaged, IBinaryInteger<T>
    {
        int end = IndexOfAnyExcept(value, s_b64TokenChars, s_b64TokenBytes);
        if (end < 0)
        {
            return !value.IsEmpty;
        }

        // Padding may only close the token, and only after at least one token character.
        return end > 0 && value[end..].IndexOfAnyExcept(Unit<T>('=')) < 0;
    }

    /// <summary>Whether every code unit is base64url (RFC 4648 §5) or a <c>.</c>.</summary>
    public static bool IsCompactJwsAlphabet<T>(ReadOnlySpan<T> value)
        where T : unmanaged, IBinaryInteger<T>
        => IndexOfAnyExcept(value, s_compactJwsChars, s_compactJwsBytes) < 0;

    /// <summary>Whether every code unit is an ASCII digit.</summary>
    public static bool IsDigits<T>(ReadOnlySpan<T> value)
        where T : unmanaged, IBinaryInteger<T>
        => IndexOfAnyExcept(value, s_digitChars, s_digitBytes) < 0;

    /// <summary>Whether <paramref name="value"/> is a non-empty RFC 9110 token.</summary>
    public static bool IsToken(ReadOnlySpan<char> value)
        => !value.IsEmpty && value.IndexOfAnyExcept(s_tokenChars) < 0;

    private static int IndexOfAnyExcept<T>(
        ReadOnlySpan<T> value,
        SearchValues<char> chars,
        SearchValues<byte> bytes)
        where T : unmanaged, IBinaryInteger<T>
        => typeof(T) == typeof(char)
            ? MemoryMarshal.Cast<T, char>(value).IndexOfAnyExcept(chars)
            : MemoryMarshal.Cast<T, byte>(value).IndexOfAnyExcept(bytes);
}
