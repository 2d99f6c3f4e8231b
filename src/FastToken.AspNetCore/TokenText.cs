namespace FastToken.AspNetCore;

/// <summary>
/// Where a token sits: a range of a string that the request already holds (a header value),
/// so that keeping it for the request costs no copy.
/// </summary>
internal readonly struct TokenText
{
    public TokenText(string text, int start, int length)
    {
        Text = text;
        Start = start;
        Length = length;
    }

    /// <summary>The string that contains the token.</summary>
    public string? Text { get; }

    /// <summary>Where the token starts in <see cref="Text"/>.</summary>
    public int Start { get; }

    /// <summary>The token's length.</summary>
    public int Length { get; }

    /// <summary>Whether there is no token.</summary>
    public bool IsEmpty => Text is null || Length == 0;

    /// <summary>The token.</summary>
    public ReadOnlySpan<char> Span => Text.AsSpan(Start, Length);

    /// <summary>A token that is a whole string.</summary>
    public static TokenText Of(string? token) => token is null ? default : new TokenText(token, 0, token.Length);

    /// <summary>
    /// Finds <paramref name="token"/> inside one of <paramref name="candidates"/>, or copies it
    /// when it lies elsewhere (in a pooled buffer that is about to be returned).
    /// </summary>
    public static TokenText Locate(ReadOnlySpan<char> token, ReadOnlySpan<string?> candidates)
    {
        foreach (string? candidate in candidates)
        {
            if (candidate is not null && candidate.AsSpan().Overlaps(token, out int offset))
            {
                return new TokenText(candidate, offset, token.Length);
            }
        }

        return Of(new string(token));
    }

    /// <summary>The token as a string; allocates unless the token is the whole string.</summary>
    public override string ToString()
        => Text is null ? string.Empty
            : Start == 0 && Length == Text.Length ? Text
            : Text.Substring(Start, Length);
}
