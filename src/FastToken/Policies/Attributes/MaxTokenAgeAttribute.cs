namespace FastToken.Policies;

/// <summary>
/// Limits how old a token may be, judged from its <c>iat</c> claim (RFC 7519 4.1.6), which
/// becomes required. A token without <c>iat</c>, older than this, or issued further in the
/// future than the clock skew, fails with <see cref="PolicyFailure.TokenAge"/> (an invalid token).
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false)]
public sealed class MaxTokenAgeAttribute : Attribute
{
    /// <summary>Allows tokens at most <paramref name="seconds"/> old.</summary>
    /// <param name="seconds">The age in seconds; positive.</param>
    public MaxTokenAgeAttribute(int seconds)
    {
        Seconds = seconds;
    }

    /// <summary>The oldest acceptable age, in seconds.</summary>
    public int Seconds { get; }
}
