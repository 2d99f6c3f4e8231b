namespace FastToken.Policies;

/// <summary>How a list of required scopes or roles is matched.</summary>
public enum RequirementMatch
{
    /// <summary>Every listed value must be granted.</summary>
    All = 0,

    /// <summary>One listed value is enough.</summary>
    Any = 1,
}
