namespace FastToken.Policies;

/// <summary>
/// The tolerance for disagreeing clocks under this policy. <c>exp</c> and <c>nbf</c> are judged
/// again with it (so a validator with a larger skew cannot loosen the policy), and so is the
/// token age. Without this attribute the validator's skew applies.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false)]
public sealed class ClockSkewAttribute : Attribute
{
    /// <summary>Allows clocks to disagree by <paramref name="seconds"/>.</summary>
    /// <param name="seconds">The skew in seconds; zero or more.</param>
    public ClockSkewAttribute(int seconds)
    {
        Seconds = seconds;
    }

    /// <summary>The skew in seconds.</summary>
    public int Seconds { get; }
}
